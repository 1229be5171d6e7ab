package graph

// Claim is one statement in one article that supports one relationship: a
// verbatim quote, who the article attributes it to, and how firmly it is made.
type Claim struct {
	// ID is unique across the graph: "<articleID>/<key in the claims file>".
	ID string
	// ArticleID is the article the claim is stated in.
	ArticleID string
	// Relation is the type of the relationship the claim supports.
	Relation RelationType
	// SubjectID and ObjectID are the resolved actor ids of the subject and
	// object; SubjectText and ObjectText keep the surface forms the claim
	// used ("Tehran", "the American enemy").
	SubjectID, ObjectID     string
	SubjectText, ObjectText string
	// Modality says how firmly the claim is made.
	Modality Modality
	// AttributedToID is the actor the article attributes the claim to, or
	// "" when the claim is in the article's own voice.
	AttributedToID string
	// Quote occurs verbatim in the article's text.
	Quote string
	// Start and End are the quote's offsets in the article text, counted in
	// Unicode code points, End exclusive.
	Start, End int
	// Note is optional free text qualifying the claim ("former president").
	Note string
}

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
