package graph

import (
	"io"
	"strconv"
)

// RelationType is the type of an actor-to-actor relationship. It is a closed
// set, defined by the table RelationTypes (ontology.go): each value is also
// the Neo4j relationship type, so only these strings ever appear as types
// in Cypher text.
type RelationType string

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
	// ClaimIDs are the ids of the supporting claims, in id order.
	ClaimIDs []string
	// ArticleIDs are the ids of the articles those claims are stated in.
	ArticleIDs []string

	// Certainty is the firmest certainty among the claims (for drawing the
	// edge; filters look at every claim).
	Certainty Certainty
	// CertaintyCounts counts the claims of each certainty, firmest first,
	// zero counts included.
	CertaintyCounts []CertaintyCount
	// OwnStatements counts the claims that are the subject's own words.
	OwnStatements int
	// Conditionals counts the claims whose act depends on a condition.
	Conditionals int

	// SourceIDs are the distinct sources of the claims (Claim.Source), in
	// order.
	SourceIDs []string
	// SentenceCount is the number of distinct sentences the claims quote.
	SentenceCount int

	// FirstReported and LastReported are the earliest and latest
	// publication dates of the claims' articles (YYYY-MM-DD), "" when no
	// article's date is known.
	FirstReported, LastReported string
	// Intervals are the distinct spans of dates the claims hold
	// (Interval.String), placed claims only.
	Intervals []string
}

// CertaintyCount is how many of a relationship's claims have a certainty.
type CertaintyCount struct {
	Certainty Certainty
	Count     int
}

// Count returns how many claims have certainty c.
func (r Relationship) Count(c Certainty) int {
	for _, x := range r.CertaintyCounts {
		if x.Certainty == c {
			return x.Count
		}
	}
	return 0
}

// Certainties lists the certainties its claims have, firmest first.
func (r Relationship) Certainties() []Certainty {
	out := []Certainty{}
	for _, c := range r.CertaintyCounts {
		if c.Count > 0 {
			out = append(out, c.Certainty)
		}
	}
	return out
}

// SourceCount is the number of distinct sources behind the claims.
func (r Relationship) SourceCount() int { return len(r.SourceIDs) }

// Corroboration measures how independently a relationship is attested:
// the number of distinct sources behind its claims. Eleven claims from two
// sources score 2, not 11. The network view weighs edges by it.
func (r Relationship) Corroboration() int { return r.SourceCount() }

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
