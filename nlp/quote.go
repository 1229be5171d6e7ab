package nlp

// Quote is one quotation in the text, with the speaker the parser
// attributes it to. Attribution is a guess, and often a poor one: in the
// seed article CoreNLP names Donald Trump as the speaker of a threat "the
// group said". Rules should check it against the sentence's own structure.
type Quote struct {
	// Index numbers the quotes from 0 in text order.
	Index int `json:"index"`
	// Span covers the quotation including its quotation marks.
	Span Span `json:"span"`
	// Text is Document.Slice(Span).
	Text string `json:"text"`
	// Tokens are the quote's tokens, quotation marks included.
	Tokens TokenRange `json:"tokens"`
	// FirstSentence and LastSentence are the indexes of the sentences the
	// quote starts and ends in; a quote may span several.
	FirstSentence int `json:"firstSentence"`
	LastSentence  int `json:"lastSentence"`
	// Mention is the phrase next to the quote that names who says it ("he"
	// in `"...," he said`), or nil when the parser found none.
	Mention *TokenRange `json:"mention,omitempty"`
	// MentionKind is what kind of phrase Mention is; "" when Mention is nil.
	MentionKind SpeakerMentionKind `json:"mentionKind,omitempty"`
	// Speaker is the parser's name for the speaker, or "" when it named
	// none. It may come from the mention or from a guess over the whole
	// document, so it need not be near the quote.
	Speaker string `json:"speaker,omitempty"`
	// CanonicalMention is the mention that best names the speaker, found
	// through coreference ("Humaidawi" for "he"), or nil when none.
	CanonicalMention *TokenRange `json:"canonicalMention,omitempty"`
	// CanonicalSpeaker is the text of CanonicalMention, or "".
	CanonicalSpeaker string `json:"canonicalSpeaker,omitempty"`
}

// SpeakerMentionKind is the kind of phrase a quote's speaker mention is.
type SpeakerMentionKind string

const (
	SpeakerPronoun     SpeakerMentionKind = "pronoun"      // "he", "they"
	SpeakerName        SpeakerMentionKind = "name"         // "Humaidawi"
	SpeakerAnimateNoun SpeakerMentionKind = "animate noun" // "the spokesman", "analysts"
)

// SpeakerMentionKinds lists every SpeakerMentionKind.
var SpeakerMentionKinds = []SpeakerMentionKind{SpeakerPronoun, SpeakerName, SpeakerAnimateNoun}

// Valid reports whether k is one of SpeakerMentionKinds.
func (k SpeakerMentionKind) Valid() bool { return oneOf(k, SpeakerMentionKinds) }
