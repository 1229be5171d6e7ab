package neo4j

// LoadStatements lists every statement a load transaction runs, by step,
// for the plan checks in package neo4j_test.
func LoadStatements() map[string]string {
	return map[string]string{
		"merge actors":                     mergeActorsCypher,
		"merge articles":                   mergeArticlesCypher,
		"delete earlier claims":            deleteClaimsCypher,
		"delete earlier names":             deleteNamesCypher,
		"create claims":                    createClaimsCypher,
		"name actors":                      nameActorsCypher,
		"recompute actor aliases":          recomputeAliasesCypher,
		"recompute relationship summaries": recomputeSummaryCypher,
		"extend relationship summaries":    extendSummaryCypher,
	}
}
