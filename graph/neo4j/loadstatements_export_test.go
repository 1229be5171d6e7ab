package neo4j

import "github.com/actorgraph/actorgraph/graph"

// LoadStatements lists every statement a load transaction runs, by step,
// for the plan checks in package neo4j_test.
//
// LoadStatementsOnExistingEdges names those that run only when some of
// the load's relationships exist already, and so are first planned on a
// graph that has relationships.
var LoadStatementsOnExistingEdges = map[string]bool{
	"extend relationship summaries":    true,
	"recompute relationship summaries": true,
}

func LoadStatements() map[string]string {
	m := map[string]string{
		"merge actors":                     mergeActorsCypher,
		"merge articles":                   mergeArticlesCypher,
		"delete earlier claims":            deleteClaimsCypher,
		"create claims":                    createClaimsCypher,
		"recompute relationship summaries": summariseCypher,
		"extend relationship summaries":    extendSummaryCypher,
		"find relationship summaries":      findSummariesCypher,
		"create relationship summaries":    createSummariesCypher,
	}
	return m
}

// RelationshipsExpandedStatement is the statement RelationshipsExpanded
// runs, for the plan checks in package neo4j_test.
func RelationshipsExpandedStatement(f graph.RelationshipFilter, p graph.PageRequest, e graph.RelationshipExpansion) (Statement, error) {
	proj, ends, err := (&expandGen{}).relationship("r", &e)
	if err != nil {
		return Statement{}, err
	}
	return relationshipsStatement(f, p, ends, proj)
}
