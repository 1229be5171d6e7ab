package graph

import (
	"fmt"
	"io"
	"strconv"
)

// Certainty says how the article presents the truth of a claim. It is one
// of a claim's three modality dimensions, beside OwnStatement (whose words
// they are) and Conditional (whether the act depends on a condition); the
// three vary independently.
type Certainty string

const (
	// Asserted: the article states it as fact in its own voice.
	Asserted Certainty = "ASSERTED"
	// Reported: relayed from a source (named or unnamed, including the
	// subject itself) without being marked doubtful.
	Reported Certainty = "REPORTED"
	// Alleged: marked unverified or distanced ("allegedly", "reports
	// claiming", "what he described as").
	Alleged Certainty = "ALLEGED"
	// Hypothetical: a possibility, risk, plan or prediction, not presented
	// as happening or holding.
	Hypothetical Certainty = "HYPOTHETICAL"
	// Denied: a party denies it.
	Denied Certainty = "DENIED"
)

// CertaintyInfo documents one certainty value.
type CertaintyInfo struct {
	Value Certainty
	// Meaning is a one-line definition.
	Meaning string
	// Count is the relationship property that counts the claims with this
	// certainty ("alleged").
	Count string
}

// Certainties lists every certainty, firmest first. A relationship's
// Certainty is the firmest among its claims; it decides how the network
// view draws the edge and nothing else: filters look at every claim.
var Certainties = []CertaintyInfo{
	{Asserted, "The article states it as fact in its own voice.", "asserted"},
	{Reported, "Relayed from a source (named or unnamed, the subject included) without being marked doubtful.", "reported"},
	{Alleged, "Marked unverified or distanced: \"allegedly\", \"reports claiming\", \"what he described as\".", "alleged"},
	{Hypothetical, "A possibility, risk, plan or prediction, not presented as happening or holding.", "hypothetical"},
	{Denied, "A party denies it.", "denied"},
}

// Rank orders certainties: higher is firmer; 0 means invalid.
func (c Certainty) Rank() int {
	for i, x := range Certainties {
		if x.Value == c {
			return len(Certainties) - i
		}
	}
	return 0
}

// Valid reports whether c is one of Certainties.
func (c Certainty) Valid() bool { return c.Rank() > 0 }

// Info returns c's documentation entry.
func (c Certainty) Info() CertaintyInfo {
	for _, x := range Certainties {
		if x.Value == c {
			return x
		}
	}
	return CertaintyInfo{}
}

// MarshalGQL writes c as a GraphQL enum value.
func (c Certainty) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(c))) }

// UnmarshalGQL reads c from a GraphQL enum value.
func (c *Certainty) UnmarshalGQL(v any) error {
	return unmarshalEnum(v, c, Certainty.Valid, "Certainty")
}

// FromModality maps the single modality of model 1 (claims format 1)
// onto the dimensions of model 2; attributed says whether the claim is
// attributed to an actor rather than said in the article's voice. A
// conditional threat becomes conditional with no condition text, which
// model 1 never recorded. docs/graph-model.md gives the table.
func FromModality(modality string, attributed bool) (c Certainty, own, conditional bool, err error) {
	switch modality {
	case "ASSERTED":
		return Asserted, false, false, nil
	case "STATEMENT":
		return Reported, true, false, nil
	case "REPORTED":
		return Reported, false, false, nil
	case "ALLEGED":
		return Alleged, false, false, nil
	case "CONDITIONAL_THREAT":
		if attributed {
			return Reported, false, true, nil
		}
		return Asserted, false, true, nil
	}
	return "", false, false, fmt.Errorf("unknown model-1 modality %q", modality)
}
