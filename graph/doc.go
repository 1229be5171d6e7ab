// Package graph is actorgraph's domain: the actors that news reporting talks
// about, the typed relationships between them, the claims (verbatim quotes)
// that support each relationship, and the articles those claims come from.
//
// Every other package speaks in these types. The package also owns the
// ports the others meet at (Reader and Writer in store.go) and the rules
// any implementation obeys (MaxDepth, Traversal.Validate, the order of
// paths): the Neo4j store (graph/neo4j) and the in-memory one (graph/inmem)
// implement them, the loaders package writes through Writer, and the
// resolvers package serves Reader over GraphQL.
//
// The enums here (ActorKind, RelationType, Modality, Direction) are closed:
// they are the only source of labels and relationship types that ever reach
// Cypher text. Each of the first three is defined once, as a table of rows
// (ActorKindTable, RelationTypes, ModalityTable); the schema's enums, the
// docs' tables and everything else that lists them are generated from or
// checked against those tables (see internal/cmd/gendocs).
package graph
