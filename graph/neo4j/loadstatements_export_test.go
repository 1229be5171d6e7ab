package neo4j

import "github.com/actorgraph/actorgraph/graph"

// LoadStatements lists every statement a load transaction runs, by step,
// for the plan checks in package neo4j_test.
func LoadStatements() map[string]string { return loadStatements() }

// RelationshipsExpandedStatement is the statement RelationshipsExpanded
// runs, for the plan checks in package neo4j_test.
func RelationshipsExpandedStatement(f graph.RelationshipFilter, p graph.PageRequest, e graph.RelationshipExpansion) (Statement, error) {
	proj, ends, err := (&expandGen{}).relationship("r", &e)
	if err != nil {
		return Statement{}, err
	}
	return relationshipsStatement(f, p, ends, proj)
}
