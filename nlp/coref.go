package nlp

// CorefChain is a set of mentions the parser found to refer to one thing:
// "Abu Hussein al-Humaidawi", "Humaidawi", "he", "he".
type CorefChain struct {
	// ID is the parser's id for the chain, unique in the document.
	ID int `json:"id"`
	// Mentions are the chain's mentions in text order; two or more.
	Mentions []CorefMention `json:"mentions"`
	// Representative is the index in Mentions of the mention that best
	// names the chain (the parser's choice: a proper name over a noun
	// phrase over a pronoun, the longer over the shorter).
	Representative int `json:"representative"`
}

// RepresentativeMention returns Mentions[Representative].
func (c CorefChain) RepresentativeMention() CorefMention {
	if c.Representative < 0 || c.Representative >= len(c.Mentions) {
		return CorefMention{}
	}
	return c.Mentions[c.Representative]
}

// CorefMention is one mention of a coreference chain.
type CorefMention struct {
	// ID is the parser's id for the mention, unique in the document.
	ID int `json:"id"`
	// Sentence is the index of the sentence the mention is in.
	Sentence int `json:"sentence"`
	// Tokens are the mention's tokens.
	Tokens TokenRange `json:"tokens"`
	// Head is the index of the mention's head token ("general" in
	// "Kataib Hezbollah's secretary-general").
	Head int `json:"head"`
	// Span is where the mention is in the text.
	Span Span `json:"span"`
	// Text is Document.Slice(Span).
	Text string `json:"text"`
	// Type says what kind of phrase the mention is.
	Type MentionType `json:"type"`
	// Number, Gender and Animacy are the parser's guesses.
	Number  MentionNumber  `json:"number"`
	Gender  MentionGender  `json:"gender"`
	Animacy MentionAnimacy `json:"animacy"`
}

// MentionType is the kind of phrase a coreference mention is.
type MentionType string

const (
	Proper     MentionType = "PROPER"     // a name: "Kataib Hezbollah"
	Nominal    MentionType = "NOMINAL"    // a common noun phrase: "the group"
	Pronominal MentionType = "PRONOMINAL" // a pronoun: "he", "its"
	List       MentionType = "LIST"       // a coordination: "Kataib Hezbollah and the Badr Organisation"
)

// MentionTypes lists every MentionType.
var MentionTypes = []MentionType{Proper, Nominal, Pronominal, List}

// Valid reports whether m is one of MentionTypes.
func (m MentionType) Valid() bool { return oneOf(m, MentionTypes) }

// MentionNumber is the grammatical number of a mention.
type MentionNumber string

const (
	Singular      MentionNumber = "SINGULAR"
	Plural        MentionNumber = "PLURAL"
	UnknownNumber MentionNumber = "UNKNOWN"
)

// MentionNumbers lists every MentionNumber.
var MentionNumbers = []MentionNumber{Singular, Plural, UnknownNumber}

// Valid reports whether n is one of MentionNumbers.
func (n MentionNumber) Valid() bool { return oneOf(n, MentionNumbers) }

// MentionGender is the grammatical gender of a mention.
type MentionGender string

const (
	Male          MentionGender = "MALE"
	Female        MentionGender = "FEMALE"
	Neutral       MentionGender = "NEUTRAL"
	UnknownGender MentionGender = "UNKNOWN"
)

// MentionGenders lists every MentionGender.
var MentionGenders = []MentionGender{Male, Female, Neutral, UnknownGender}

// Valid reports whether g is one of MentionGenders.
func (g MentionGender) Valid() bool { return oneOf(g, MentionGenders) }

// MentionAnimacy says whether a mention refers to a living being.
type MentionAnimacy string

const (
	Animate        MentionAnimacy = "ANIMATE"
	Inanimate      MentionAnimacy = "INANIMATE"
	UnknownAnimacy MentionAnimacy = "UNKNOWN"
)

// MentionAnimacies lists every MentionAnimacy.
var MentionAnimacies = []MentionAnimacy{Animate, Inanimate, UnknownAnimacy}

// Valid reports whether a is one of MentionAnimacies.
func (a MentionAnimacy) Valid() bool { return oneOf(a, MentionAnimacies) }

func oneOf[T comparable](v T, set []T) bool {
	for _, x := range set {
		if x == v {
			return true
		}
	}
	return false
}
