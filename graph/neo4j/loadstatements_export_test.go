package neo4j

// LoadStatements lists every statement a load transaction runs, by step,
// for the plan checks in package neo4j_test.
func LoadStatements() map[string]string {
	m := map[string]string{
		"merge actors":                     mergeActorsCypher,
		"merge articles":                   mergeArticlesCypher,
		"delete earlier claims":            deleteClaimsCypher,
		"create claims":                    createClaimsCypher,
		"recompute relationship summaries": summariseCypher,
		"extend relationship summaries":    extendSummaryCypher,
	}
	return m
}
