// Package neo4j is actorgraph's graph store: the adapter that implements
// the domain's ports (graph.Reader, graph.Writer, and what export and the
// command need besides: the whole graph, counts, schema, a read-only
// console) over Neo4j. It is the only package of the program that imports
// the Neo4j driver for the program's own work and the only place the
// queries behind the API and the loaders live; the domain rules those
// queries obey (graph.MaxDepth, Traversal.Validate) are the domain's. The
// load test's baselines (cmd/actorgraph/baseline.go) and the benchmarks'
// (bench/) send hand-written Cypher through the bare driver on purpose:
// they measure what this package costs.
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
// read transaction, so the server refuses any write in it; it returns
// plain values (Table), which internal/mdtable renders.
package neo4j
