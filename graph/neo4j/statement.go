package neo4j

// Statement is one Cypher statement and its parameters exactly as the store
// runs it. The store's read queries are built by exported functions
// returning a Statement, so that tests can EXPLAIN them and benchmarks can
// send the very same Cypher through the driver directly.
type Statement struct {
	Cypher string
	Params map[string]any
}
