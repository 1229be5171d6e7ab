package curation

// Store is implemented by graph/neo4j and graph/inmem.
type Store interface{}
