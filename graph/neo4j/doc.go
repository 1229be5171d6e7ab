// Package neo4j is actorgraph's graph store: the only package that imports
// the Neo4j driver and the only place Cypher text lives.
//
// The model it writes and reads is documented in docs/graph-model.md:
// (:Actor:<Kind>) nodes joined by typed relationships that carry a summary of
// their supporting claims, and (:Claim) nodes linked to their (:Article), to
// their subject and object, and to the actor they are attributed to.
//
// Every query is parameterised. The only values spliced into Cypher text are
// relationship types and labels from the domain's closed enums and hop counts
// from a bounded integer range; see patterns.go. Loads also pass labels and
// relationship types as parameters, as dynamic labels and types (SET
// a:$(row.label), CREATE (s)-[r:$(p.type)]->(o)), again only values of the
// closed enums. The one exception is
// RunReadOnly, which runs Cypher written by analysts (docs/cypher.md) in a
// read transaction, so the server refuses any write in it.
package neo4j
