package graph

import (
	"io"
	"strconv"
)

// Modality says how firmly a claim is made. It separates what the article
// asserts from what it reports, what is alleged, what is only threatened, and
// what a party says of itself. It is a closed set, defined by the table
// ModalityTable.
type Modality string

const (
	Asserted          Modality = "ASSERTED"
	Statement         Modality = "STATEMENT"
	Reported          Modality = "REPORTED"
	ConditionalThreat Modality = "CONDITIONAL_THREAT"
	Alleged           Modality = "ALLEGED"
)

// ModalityInfo documents one modality: one row of ModalityTable.
type ModalityInfo struct {
	// Modality is the value, as claims files and the API write it.
	Modality Modality
	// Meaning is a one-line definition, lower case, without a full stop.
	Meaning string
}

// ModalityTable is the closed set of modalities, strongest first: the one
// place a modality is defined. A relationship's modality is the strongest
// among its claims. The GraphQL enum (schema.graphqls) and the table in
// docs/graph-model.md are generated from it (`make generate`), and the
// network view's edge styles are checked against it.
var ModalityTable = []ModalityInfo{
	{Modality: Asserted, Meaning: "the article states it as fact in its own voice"},
	{Modality: Statement, Meaning: "a party's own declared words or position"},
	{Modality: Reported, Meaning: "reported from a source without being marked doubtful"},
	{Modality: ConditionalThreat, Meaning: "a threat or warning conditioned on a future event"},
	{Modality: Alleged, Meaning: "explicitly unverified or alleged"},
}

// Modalities lists every modality, strongest first (ModalityTable's first
// column).
var Modalities = column(ModalityTable, func(r ModalityInfo) Modality { return r.Modality })

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
