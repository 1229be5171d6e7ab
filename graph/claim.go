package graph

import "time"

// Claim is one statement in one article that supports one relationship: a
// verbatim quote, the words that name its subject and object, who the
// article attributes it to, how firmly and in whose words it is made, and
// when what it reports holds.
type Claim struct {
	// ID is unique across the graph: "<articleID>/<key in the claims file>".
	ID string
	// ArticleID is the article the claim is stated in.
	ArticleID string
	// Relation is the type of the relationship the claim supports.
	Relation RelationType
	// SubjectID and ObjectID are the resolved actor ids of the subject and
	// object.
	SubjectID, ObjectID string
	// SubjectText and ObjectText are the words the article uses for them
	// at this claim ("Tehran", "the group"), found at SubjectSpan and
	// ObjectSpan: inside the quote, or elsewhere in the article when the
	// quote refers back to them.
	SubjectText, ObjectText string
	SubjectSpan, ObjectSpan Span

	// Certainty says how the article presents the claim's truth.
	Certainty Certainty
	// OwnStatement is true when the claim is the subject's own declared
	// words or position.
	OwnStatement bool
	// Conditional is true when the claimed act depends on a condition.
	// Condition holds its words (at ConditionSpan) when known; a claim
	// migrated from format 1 may be conditional with no words.
	Conditional   bool
	Condition     string
	ConditionSpan Span

	// Time places what the claim reports relative to the article; Valid is
	// the span of dates it holds, derived from Time, the relation type's
	// class and the article's publication date.
	Time  ClaimTime
	Valid Interval

	// AttributedToID is the actor the article attributes the claim to, or
	// "" when the claim is in the article's own voice.
	AttributedToID string
	// Source identifies who vouches for the claim, for counting
	// independent sources: "actor:<id>" for an attributed claim,
	// "publication:<name>" for the article's own voice, or
	// "article:<id>" when the publication is unknown.
	Source string

	// Quote occurs verbatim in the article's text at Start..End (Unicode
	// code points, End exclusive).
	Quote      string
	Start, End int
	// Sentence is the sentence of the article the quote starts in.
	Sentence Span

	// Note is optional free text qualifying the claim.
	Note string
	// Draft is true for a claim drafted by the extractor and loaded before
	// review; Confidence is the extractor's confidence in it (0..1).
	Draft      bool
	Confidence float64

	// Version counts changes: 1 when the claim is loaded or committed, one
	// more for each curator's update, retraction or restoration. Curation
	// refuses a change made against another version (ECONFLICT).
	Version int
	// Retracted is true when a curator retracted the claim: it is kept,
	// with who (RetractedBy, a token's name), when and why, but it counts
	// in no relationship's summary (see Relationship).
	Retracted     bool
	RetractedAt   time.Time
	RetractedBy   string
	RetractReason string
}

// Span is a stretch of an article's text in Unicode code points, End
// exclusive. The zero Span means "not recorded".
type Span struct {
	Start, End int
}

// TextSpan is a phrase of an article and where it is: the API's Span.
type TextSpan struct {
	// Text is the phrase, verbatim.
	Text string
	// Start and End are its code-point offsets in the article text, End
	// exclusive.
	Start, End int
}

// Phrase returns the phrase text at s, or nil when the span was not
// recorded or there is no text.
func (s Span) Phrase(text string) *TextSpan {
	if text == "" || !s.Recorded() {
		return nil
	}
	return &TextSpan{Text: text, Start: s.Start, End: s.End}
}

// Recorded reports whether the span was recorded.
func (s Span) Recorded() bool { return s.End > s.Start }

// RelationshipID is the id of the relationship the claim supports.
func (c Claim) RelationshipID() string { return RelationshipID(c.SubjectID, c.Relation, c.ObjectID) }

// Voice says who makes a claim: the article itself or an actor it quotes.
type Voice string

const (
	VoiceArticle Voice = "ARTICLE" // the article's own voice
	VoiceActor   Voice = "ACTOR"   // an actor the article attributes the claim to
)

// Voice reports whether the claim is in the article's own voice.
func (c Claim) Voice() Voice {
	if c.AttributedToID == "" {
		return VoiceArticle
	}
	return VoiceActor
}

// SourceOf returns the Source of a claim attributed to attributedTo ("" for
// the article's own voice) in an article with the given id and
// publication.
func SourceOf(attributedTo, articleID, publication string) string {
	switch {
	case attributedTo != "":
		return "actor:" + attributedTo
	case publication != "":
		return "publication:" + publication
	}
	return "article:" + articleID
}

// Stored returns c as a store keeps it, given the article it is stated in:
// the time status defaults to ongoing; the interval, if the loader did not
// derive it, is derived from the time, the relation type's class and the
// article's publication (ClaimTime.Interval); a span is kept only with
// its words; the condition only on a conditional claim; the confidence
// only on a draft; the version is at least 1; a retraction's who, when
// and why only on a retracted claim, its time in UTC to the millisecond. Every store writes what Stored returns, so that each
// reads back the same claim.
func (c Claim) Stored(a Article) Claim {
	c.ArticleID = a.ID
	c.Time.Status = c.Time.StatusOrOngoing()
	if c.Valid == (Interval{}) {
		c.Valid = c.Time.Interval(c.Relation.Info().Class, a.PublishedAt)
	}
	keep := func(text string, sp Span) Span {
		if text == "" || !sp.Recorded() {
			return Span{}
		}
		return sp
	}
	c.SubjectSpan = keep(c.SubjectText, c.SubjectSpan)
	c.ObjectSpan = keep(c.ObjectText, c.ObjectSpan)
	if !c.Conditional {
		c.Condition = ""
	}
	c.ConditionSpan = keep(c.Condition, c.ConditionSpan)
	cue := keep(c.Time.Cue, Span{Start: c.Time.CueStart, End: c.Time.CueEnd})
	c.Time.CueStart, c.Time.CueEnd = cue.Start, cue.End
	if !c.Draft {
		c.Confidence = 0
	}
	if c.Version < 1 {
		c.Version = 1
	}
	if !c.Retracted {
		c.RetractedAt, c.RetractedBy, c.RetractReason = time.Time{}, "", ""
	}
	c.RetractedAt = c.RetractedAt.UTC().Truncate(time.Millisecond)
	return c
}
