// Package e2e holds the end-to-end tests of the HTTP server over the real
// Neo4j that `make test` starts for them (scripts/testdb): hostile input
// through every argument down to Cypher and Lucene, fuzzed arguments, the
// store's query metrics, and the /explore page driven in headless
// Chromium. The server's other tests (server/) run over the in-memory
// graph and need no database; graph/neo4j's contract test keeps the two
// graphs' answers the same.
package e2e
