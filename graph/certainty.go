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
	// claiming", "sources say", "what he described as").
	Alleged Certainty = "ALLEGED"
	// Hypothetical: a possibility, risk, plan or prediction, not presented
	// as happening or holding.
	Hypothetical Certainty = "HYPOTHETICAL"
	// Denied: a party denies it.
	Denied Certainty = "DENIED"
)

// CertaintyInfo documents one certainty: one row of CertaintyTable.
type CertaintyInfo struct {
	// Certainty is the value, as claims files and the API write it.
	Certainty Certainty
	// Meaning is a one-line definition, lower case, without a full stop.
	Meaning string
	// Count is the relationship property that counts the claims with this
	// certainty ("alleged").
	Count string
}

// CertaintyTable is the closed set of certainties, firmest first: the one
// place a certainty is defined. A relationship's Certainty is the firmest
// among its claims; it decides how the network view draws the edge and
// nothing else: filters look at every claim. The GraphQL enum
// (schema.graphqls) and the table in docs/graph-model.md are generated
// from it (`make generate`), and the network view's edge styles are
// checked against it.
var CertaintyTable = []CertaintyInfo{
	{Certainty: Asserted, Meaning: "the article states it as fact in its own voice", Count: "asserted"},
	{Certainty: Reported, Meaning: "relayed from a source (named or unnamed, the subject included) without being marked doubtful", Count: "reported"},
	{Certainty: Alleged, Meaning: "marked unverified or distanced: \"allegedly\", \"reports claiming\", \"sources say\", \"what he described as\"", Count: "alleged"},
	{Certainty: Hypothetical, Meaning: "a possibility, risk, plan or prediction, not presented as happening or holding", Count: "hypothetical"},
	{Certainty: Denied, Meaning: "a party denies it", Count: "denied"},
}

// Certainties lists every certainty, firmest first (CertaintyTable's first
// column).
var Certainties = column(CertaintyTable, func(r CertaintyInfo) Certainty { return r.Certainty })

var certaintyIndex = index(CertaintyTable, func(r CertaintyInfo) Certainty { return r.Certainty })

// Rank orders certainties: higher is firmer; 0 means invalid.
func (c Certainty) Rank() int {
	for i, x := range Certainties {
		if x == c {
			return len(Certainties) - i
		}
	}
	return 0
}

// Valid reports whether c is one of Certainties.
func (c Certainty) Valid() bool { _, ok := certaintyIndex[c]; return ok }

// Info returns c's documentation entry.
func (c Certainty) Info() CertaintyInfo { return certaintyIndex[c] }

// ValidateCertainties returns an EINVALID error naming the first of cs
// that is not a certainty.
func ValidateCertainties(cs []Certainty) error {
	for _, c := range cs {
		if !c.Valid() {
			return Errorf(EINVALID, "unknown certainty %q", c)
		}
	}
	return nil
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
