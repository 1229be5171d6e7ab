package graph

import (
	"io"
	"strconv"
)

// RelationType is the type of an actor-to-actor relationship. It is a closed
// set, defined by the table RelationTypes: each value is also the Neo4j
// relationship type, so only these strings ever appear as types in Cypher
// text. The constants name the values Go code refers to.
type RelationType string

const (
	RelAlignedWith            RelationType = "ALIGNED_WITH"
	RelLeads                  RelationType = "LEADS"
	RelMemberOf               RelationType = "MEMBER_OF"
	RelSupports               RelationType = "SUPPORTS"
	RelWarns                  RelationType = "WARNS"
	RelThreatens              RelationType = "THREATENS"
	RelAccuses                RelationType = "ACCUSES"
	RelCriticises             RelationType = "CRITICISES"
	RelOpposes                RelationType = "OPPOSES"
	RelProtestsAgainst        RelationType = "PROTESTS_AGAINST"
	RelRequestsAssistanceFrom RelationType = "REQUESTS_ASSISTANCE_FROM"
	RelSuppresses             RelationType = "SUPPRESSES"
	RelHelpsSuppress          RelationType = "HELPS_SUPPRESS"
	RelDeployedTo             RelationType = "DEPLOYED_TO"
	RelDeployedInSupportOf    RelationType = "DEPLOYED_IN_SUPPORT_OF"
	RelUndermines             RelationType = "UNDERMINES"
)

// RelationTypeInfo documents one relation type: one row of RelationTypes.
// Rows are written with field names, so a column can be added without
// touching the others.
type RelationTypeInfo struct {
	// Type is the relationship type.
	Type RelationType
	// Meaning is a one-line definition, lower case, without a full stop;
	// the subject is the edge's source.
	Meaning string
	// Cameo is the nearest CAMEO event code, or "" where none fits
	// (structural relations such as membership are not events).
	Cameo string
	// Phrase is how the relation reads between a subject and an object in
	// a sentence ("is aligned with"); the synthetic corpus writes its
	// quotes with it.
	Phrase string
}

// RelationTypes is the closed set of relation types, in display order:
// the one place a relation type is defined. The GraphQL enum and its
// descriptions (schema.graphqls), the table in docs/graph-model.md, the
// Neo4j indexes and statements, the loaders' validation and the synthetic
// corpus all follow it; `make generate` rewrites the schema and the docs
// from it (internal/cmd/gendocs), and the resolvers' `relationTypes` field
// serves it.
var RelationTypes = []RelationTypeInfo{
	{Type: RelAlignedWith, Meaning: "is politically, ideologically or militarily aligned with, or loyal to", Phrase: "is aligned with"},
	{Type: RelLeads, Meaning: "holds a leadership position in a group, movement or state", Phrase: "leads"},
	{Type: RelMemberOf, Meaning: "belongs to a bloc, coalition or wider group", Phrase: "is a member of"},
	{Type: RelSupports, Meaning: "expresses or gives support to", Cameo: "051", Phrase: "supports"},
	{Type: RelWarns, Meaning: "issues a warning to", Cameo: "130", Phrase: "warned"},
	{Type: RelThreatens, Meaning: "threatens force or retaliation against", Cameo: "138", Phrase: "threatened to strike"},
	{Type: RelAccuses, Meaning: "accuses of wrongdoing or hostile intent", Cameo: "112", Phrase: "accused"},
	{Type: RelCriticises, Meaning: "criticises or denounces", Cameo: "111", Phrase: "criticised"},
	{Type: RelOpposes, Meaning: "stands in opposition or confrontation to", Cameo: "120", Phrase: "opposes"},
	{Type: RelProtestsAgainst, Meaning: "demonstrates or rallies against", Cameo: "141", Phrase: "protested against"},
	{Type: RelRequestsAssistanceFrom, Meaning: "asks for (military) help from", Cameo: "0212", Phrase: "asked for help from"},
	{Type: RelSuppresses, Meaning: "represses, uses force against", Cameo: "175", Phrase: "cracked down on"},
	{Type: RelHelpsSuppress, Meaning: "helps another party repress", Cameo: "175", Phrase: "helped suppress"},
	{Type: RelDeployedTo, Meaning: "sent fighters or forces into a country", Cameo: "190", Phrase: "sent fighters to"},
	{Type: RelDeployedInSupportOf, Meaning: "sent fighters or forces in support of", Cameo: "072", Phrase: "deployed in support of"},
	{Type: RelUndermines, Meaning: "undermines the authority or sovereignty of", Phrase: "undermines"},
}

var relationIndex = index(RelationTypes, func(r RelationTypeInfo) RelationType { return r.Type })

// Valid reports whether t is one of RelationTypes.
func (t RelationType) Valid() bool { _, ok := relationIndex[t]; return ok }

// Info returns t's documentation entry.
func (t RelationType) Info() RelationTypeInfo { return relationIndex[t] }

// ValidateRelationTypes returns an EINVALID error naming the first of types
// that is not a relation type.
func ValidateRelationTypes(types []RelationType) error {
	for _, t := range types {
		if !t.Valid() {
			return Errorf(EINVALID, "unknown relation type %q", t)
		}
	}
	return nil
}

// MarshalGQL writes t as a GraphQL enum value.
func (t RelationType) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(t))) }

// UnmarshalGQL reads t from a GraphQL enum value.
func (t *RelationType) UnmarshalGQL(v any) error {
	return unmarshalEnum(v, t, RelationType.Valid, "RelationType")
}

// Direction selects relationships by their orientation relative to an actor.
type Direction string

const (
	Outgoing Direction = "OUTGOING" // the actor is the subject (source)
	Incoming Direction = "INCOMING" // the actor is the object (target)
	Both     Direction = "BOTH"     // either
)

// Valid reports whether d is a known direction.
func (d Direction) Valid() bool { return d == Outgoing || d == Incoming || d == Both }

// MarshalGQL writes d as a GraphQL enum value.
func (d Direction) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(d))) }

// UnmarshalGQL reads d from a GraphQL enum value.
func (d *Direction) UnmarshalGQL(v any) error {
	return unmarshalEnum(v, d, Direction.Valid, "Direction")
}

// Relationship is an actor-to-actor edge together with the summary of the
// claims that support it, so that traversals need no hop through claims.
// All claims with the same subject, type and object share one relationship.
type Relationship struct {
	// ID is stable: "<from>|<TYPE>|<to>".
	ID string
	// Type is the relation type.
	Type RelationType
	// FromID and ToID are the subject's and the object's actor ids.
	FromID, ToID string
	// Modality is the strongest modality among the supporting claims.
	Modality Modality
	// Modalities lists every distinct modality among the claims, strongest first.
	Modalities []Modality
	// ClaimIDs are the ids of the supporting claims.
	ClaimIDs []string
	// ArticleIDs are the ids of the articles those claims are stated in.
	ArticleIDs []string
}

// RelationshipID returns the stable id of the (from)-[type]->(to) edge.
func RelationshipID(from string, t RelationType, to string) string {
	return from + "|" + string(t) + "|" + to
}

// ClaimCount is the number of supporting claims.
func (r Relationship) ClaimCount() int { return len(r.ClaimIDs) }

// ArticleCount is the number of distinct articles the claims come from.
func (r Relationship) ArticleCount() int { return len(r.ArticleIDs) }

// Source is the subject's id, as network-drawing libraries name it.
func (r Relationship) Source() string { return r.FromID }

// Target is the object's id, as network-drawing libraries name it.
func (r Relationship) Target() string { return r.ToID }
