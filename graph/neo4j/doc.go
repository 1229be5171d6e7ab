// Package neo4j is actorgraph's graph store: the only package that imports
// the Neo4j driver and the only place Cypher text lives.
//
// The model it writes and reads is documented in docs/graph-model.md:
// (:Actor:<Kind>) nodes joined by typed relationships that carry a summary of
// their supporting claims, (:Claim) nodes linked to their (:Article), to
// their subject and object, and to the actor they are attributed to, and
// each article's declaration of its actors, (:Article)-[:NAMES]->(:Actor).
//
// Every query is parameterised. The only values spliced into Cypher text are
// relationship types, labels and property names from the domain's closed
// tables and hop counts from a bounded integer range; see patterns.go. A
// load creates relationships with a dynamic type, $(row.type), from a
// value checked against the closed enum first. The one exception is
// RunReadOnly, which runs Cypher written by analysts (docs/cypher.md) in a
// read transaction, so the server refuses any write in it.
package neo4j
