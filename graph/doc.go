// Package graph is actorgraph's domain: the actors that news reporting talks
// about, the typed relationships between them, the claims (verbatim quotes)
// that support each relationship, and the articles those claims come from.
//
// Every other package speaks in these types. The Neo4j store (graph/neo4j)
// persists them, the loaders package builds them from claims files, and the
// resolvers package serves them over GraphQL. The enums here (ActorKind,
// RelationType, Modality, Direction) are closed: they are the only source of
// labels and relationship types that ever reach Cypher text.
package graph
