// Package graph is actorgraph's domain: the actors that news reporting talks
// about, the typed relationships between them, the claims (verbatim quotes)
// that support each relationship, and the articles those claims come from.
//
// A claim carries three independent modality dimensions (its Certainty,
// whether it is the subject's own statement, whether it is conditional),
// when what it reports holds (ClaimTime, Interval), and the spans of the
// words it rests on; a Relationship summarises its claims so that walks
// never open one. The closed sets are tables (RelationTypes, Certainties,
// TimeStatuses, ...) from which the schema, the docs and the generator
// follow, with tests that fail on drift.
//
// Every other package speaks in these types. The Neo4j store (graph/neo4j)
// persists them, the loaders package builds them from claims files, and the
// resolvers package serves them over GraphQL. The enums here (ActorKind,
// RelationType, Certainty, TimeStatus, Direction) are closed: they are the
// only source of labels and relationship types that ever reach Cypher.
package graph
