// Package graph is actorgraph's domain: the actors that news reporting talks
// about, the typed relationships between them, the claims (verbatim quotes)
// that support each relationship, and the articles those claims come from.
//
// A claim carries three independent modality dimensions (its Certainty,
// whether it is the subject's own statement, whether it is conditional),
// when what it reports holds (ClaimTime, Interval), and the spans of the
// words it rests on; a Relationship summarises its claims (counts per
// certainty, sources, sentences, dates) so that walks never open one.
//
// Every other package speaks in these types. The package also owns the
// ports the others meet at (Reader and Writer in store.go) and the rules
// any implementation obeys (MaxDepth, Traversal.Validate, the order of
// paths, what an evidence filter or a time window matches): the Neo4j
// store (graph/neo4j) and the in-memory one (graph/inmem) implement them,
// the loaders package writes through Writer, and the resolvers package
// serves Reader over GraphQL.
//
// The enums here (ActorKind, RelationType, RelationClass, Certainty,
// TimeStatus, Precision, Direction) are closed: they are the only source
// of labels and relationship types that ever reach Cypher text. Each is
// defined once, as a table of rows (ActorKindTable, RelationTypes,
// RelationClasses, Certainties, TimeStatuses, Precisions); the schema's
// enums, the docs' tables and everything else that lists them are
// generated from or checked against those tables (see
// internal/cmd/gendocs).
package graph
