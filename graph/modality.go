package graph

import (
	"io"
	"strconv"
)

// Modality says how firmly a claim is made. It separates what the article
// asserts from what it reports, what is alleged, what is only threatened, and
// what a party says of itself.
type Modality string

const (
	// Asserted: the article states it as fact in its own voice.
	Asserted Modality = "ASSERTED"
	// Statement: a party's own declared words or position.
	Statement Modality = "STATEMENT"
	// Reported: reported from a source without being marked doubtful.
	Reported Modality = "REPORTED"
	// ConditionalThreat: a threat or warning conditioned on a future event.
	ConditionalThreat Modality = "CONDITIONAL_THREAT"
	// Alleged: explicitly unverified or alleged.
	Alleged Modality = "ALLEGED"
)

// Modalities lists every modality, strongest first. A relationship's
// modality is the strongest among its claims.
var Modalities = []Modality{Asserted, Statement, Reported, ConditionalThreat, Alleged}

// Rank orders modalities by strength: higher is firmer; 0 means invalid.
func (m Modality) Rank() int {
	for i, x := range Modalities {
		if x == m {
			return len(Modalities) - i
		}
	}
	return 0
}

// Valid reports whether m is one of Modalities.
func (m Modality) Valid() bool { return m.Rank() > 0 }

// MarshalGQL writes m as a GraphQL enum value.
func (m Modality) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(m))) }

// UnmarshalGQL reads m from a GraphQL enum value.
func (m *Modality) UnmarshalGQL(v any) error {
	return unmarshalEnum(v, m, Modality.Valid, "Modality")
}
