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
}

// NameKey folds case and white space, so that "Kataib  hezbollah" and
// "Kataib Hezbollah" are one name. References to actors in claims files
// match by it, and a name or alias may belong to one actor only under it.
func NameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Label is the text a network view draws on the actor's node.
func (a Actor) Label() string { return a.Name }

// ActorKind classifies actors. Each kind maps to one Neo4j label.
type ActorKind string

const (
	KindState        ActorKind = "STATE"        // a country or its government
	KindMilitia      ActorKind = "MILITIA"      // an armed group outside a state's regular forces
	KindPerson       ActorKind = "PERSON"       // an individual
	KindOrganisation ActorKind = "ORGANISATION" // a formal, non-armed organisation
	KindGroup        ActorKind = "GROUP"        // an informal collective: protesters, analysts, a bloc
)

// ActorKinds lists every kind, in display order.
var ActorKinds = []ActorKind{KindState, KindMilitia, KindPerson, KindOrganisation, KindGroup}

var kindLabels = map[ActorKind]string{
	KindState:        "State",
	KindMilitia:      "Militia",
	KindPerson:       "Person",
	KindOrganisation: "Organisation",
	KindGroup:        "Group",
}

// Valid reports whether k is one of ActorKinds.
func (k ActorKind) Valid() bool { _, ok := kindLabels[k]; return ok }

// Label returns the Neo4j node label for k ("Militia"), or "" if k is invalid.
func (k ActorKind) Label() string { return kindLabels[k] }

// MarshalGQL writes k as a GraphQL enum value.
func (k ActorKind) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads k from a GraphQL enum value.
func (k *ActorKind) UnmarshalGQL(v any) error {
	return unmarshalEnum(v, k, ActorKind.Valid, "ActorKind")
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
