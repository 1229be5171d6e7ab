package neo4j

// LoadStatements lists every statement a load transaction runs, by step,
// for the plan checks in package neo4j_test.
func LoadStatements() map[string]string { return loadStatements() }
