package neo4j

import (
	"context"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// baselineQuery is one hand-written Cypher query answering, in a single
// round trip through the bare driver, the same question as one query of the
// load test's mix (cmd/actorgraph loadtest). The load test runs these side
// by side with the GraphQL API to put its figures in proportion.
type baselineQuery struct {
	cypher string
	params map[string]any
}

func baselineQueries() map[string]baselineQuery {
	all, _ := typeExpr(nil)
	return map[string]baselineQuery{
		"ActorByID": {`
			MATCH (a:Actor {id: $id})
			RETURN a {.id, .name, .kind, .aliases, .description,
			          degree: COUNT { (a)-[:` + all + `]-(:Actor) }} AS actor`,
			map[string]any{"id": "kataib-hezbollah"}},
		"Search": {`
			CALL db.index.fulltext.queryNodes($index, $q, {limit: 5}) YIELD node, score
			RETURN node.id, node.name, node.kind, score`,
			map[string]any{"index": FulltextIndex, "q": luceneQuery("Hezbolah")}},
		"Neighbourhood": {`
			MATCH (a:Actor {id: $id})
			CALL {
				WITH a
				MATCH p = (a)-[:` + all + `*1..2]-(b:Actor) WHERE b <> a
				WITH b, min(length(p)) AS d ORDER BY d, b.id LIMIT 50
				RETURN collect(b) AS others
			}
			WITH [a] + others AS nodes
			UNWIND nodes AS x
			OPTIONAL MATCH (x)-[r:` + all + `]->(y:Actor) WHERE y IN nodes
			RETURN [n IN nodes | n {.id, .name, .kind}] AS nodes,
			       collect(DISTINCT r {.id, .certainty, .claimCount, .sourceCount, type: type(r)}) AS edges`,
			map[string]any{"id": "iran"}},
		"Relationships": {`
			MATCH (s:Actor)-[r:ALIGNED_WITH]->(:Actor {id: $to})
			UNWIND r.claimIds AS cid
			MATCH (c:Claim {id: cid})
			OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(w:Actor)
			RETURN s.name, r.certainty, r.claimCount, r.sourceCount, collect({quote: c.quote, certainty: c.certainty, by: w.name}) AS claims`,
			map[string]any{"to": "iran"}},
		"ShortestPath": {`
			MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
			MATCH p = shortestPath((a)-[:` + all + `*..6]-(b))
			RETURN [n IN nodes(p) | n {.id, .name}] AS nodes,
			       [r IN relationships(p) | r {.id, .certainty, type: type(r)}] AS edges`,
			map[string]any{"from": "donald-trump", "to": "kataib-hezbollah"}},
		"ActorsPage": {`
			CALL { MATCH (x:Actor) RETURN count(x) AS total }
			MATCH (a:Actor) WITH total, a ORDER BY a.id LIMIT 20
			OPTIONAL MATCH (a)-[r:` + all + `]-(o:Actor)
			RETURN total, a.id, a.name, count(r) AS degree, collect({type: type(r), to: o.name}) AS rels`,
			nil},
	}
}

// BaselineNames lists the load-test queries that have a baseline.
func BaselineNames() []string {
	var names []string
	for n := range baselineQueries() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Baseline runs the named baseline query with the bare driver: one
// ExecuteQuery, read routing, no projection into domain types.
func (s *Store) Baseline(ctx context.Context, name string) error {
	q, ok := baselineQueries()[name]
	if !ok {
		return graph.Errorf(graph.EINVALID, "no baseline query %q", name)
	}
	_, err := neo4j.ExecuteQuery(ctx, s.driver, q.cypher, q.params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return wrap(ctx, "baseline "+name, err)
	}
	return nil
}
