package graph

import (
	"io"
	"strconv"
	"strings"
)

// Actor is anyone who acts or is acted upon in the reporting: a state, an
// armed group, a person, an organisation or an informal group.
type Actor struct {
	// ID is a stable lowercase slug, unique across the graph ("kataib-hezbollah").
	ID string
	// Name is the canonical display name.
	Name string
	// Kind classifies the actor; it also becomes the node's second label.
	Kind ActorKind
	// Aliases are other names and metonyms the reporting uses for the actor
	// ("Tehran" and "the Islamic Republic" for Iran).
	Aliases []string
	// Description is one neutral sentence about the actor.
	Description string
	// Version counts changes: 1 when the actor is first written, one more
	// for each curator's change to it (update, aliases, merge, unmerge).
	// Curation refuses a change made against another version (ECONFLICT).
	Version int
}

// NameKey folds case and white space, so that "Kataib  hezbollah" and
// "Kataib Hezbollah" are one name. References to actors in claims files
// match by it, and a name or alias may belong to one actor only under it.
func NameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Label is the text a network view draws on the actor's node.
func (a Actor) Label() string { return a.Name }

// ActorKind classifies actors. It is a closed set, defined by the table
// ActorKindTable; each kind maps to one Neo4j label.
type ActorKind string

const (
	KindState        ActorKind = "STATE"
	KindMilitia      ActorKind = "MILITIA"
	KindPerson       ActorKind = "PERSON"
	KindOrganisation ActorKind = "ORGANISATION"
	KindGroup        ActorKind = "GROUP"
)

// ActorKindInfo documents one actor kind: one row of ActorKindTable.
type ActorKindInfo struct {
	// Kind is the value, as claims files and the API write it.
	Kind ActorKind
	// Label is the Neo4j node label of actors of the kind (":Militia"),
	// and the kind's name in the network view's legend.
	Label string
	// Meaning is a one-line definition, lower case, without a full stop.
	Meaning string
}

// ActorKindTable is the closed set of actor kinds, in display order: the
// one place a kind is defined. The GraphQL enum (schema.graphqls) and the
// table in docs/graph-model.md are generated from it (`make generate`),
// the network view's legend is checked against it, and the Neo4j store
// takes its labels from it.
var ActorKindTable = []ActorKindInfo{
	{Kind: KindState, Label: "State", Meaning: "a country or its government"},
	{Kind: KindMilitia, Label: "Militia", Meaning: "an armed group outside a state's regular forces"},
	{Kind: KindPerson, Label: "Person", Meaning: "an individual"},
	{Kind: KindOrganisation, Label: "Organisation", Meaning: "a formal, non-armed organisation"},
	{Kind: KindGroup, Label: "Group", Meaning: "an informal collective: protesters, analysts, opposition circles, a bloc of factions"},
}

// ActorKinds lists every kind, in display order (ActorKindTable's first
// column).
var ActorKinds = column(ActorKindTable, func(r ActorKindInfo) ActorKind { return r.Kind })

var kindIndex = index(ActorKindTable, func(r ActorKindInfo) ActorKind { return r.Kind })

// Valid reports whether k is one of ActorKinds.
func (k ActorKind) Valid() bool { _, ok := kindIndex[k]; return ok }

// Label returns the Neo4j node label for k ("Militia"), or "" if k is invalid.
func (k ActorKind) Label() string { return kindIndex[k].Label }

// MarshalGQL writes k as a GraphQL enum value.
func (k ActorKind) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads k from a GraphQL enum value.
func (k *ActorKind) UnmarshalGQL(v any) error {
	return unmarshalEnum(v, k, ActorKind.Valid, "ActorKind")
}

// column returns one column of a closed set's table.
func column[R, V any](table []R, col func(R) V) []V {
	out := make([]V, len(table))
	for i, r := range table {
		out[i] = col(r)
	}
	return out
}

// index maps each row of a closed set's table by its value.
func index[R any, K comparable](table []R, key func(R) K) map[K]R {
	m := make(map[K]R, len(table))
	for _, r := range table {
		m[key(r)] = r
	}
	return m
}

// unmarshalEnum is the shared UnmarshalGQL body of the string enums. Its
// errors are EINVALID: the client sent a value the API does not take.
func unmarshalEnum[T ~string](v any, dst *T, valid func(T) bool, name string) error {
	s, ok := v.(string)
	if !ok {
		return Errorf(EINVALID, "%s must be a string", name)
	}
	if !valid(T(s)) {
		return Errorf(EINVALID, "%q is not a valid %s", s, name)
	}
	*dst = T(s)
	return nil
}
