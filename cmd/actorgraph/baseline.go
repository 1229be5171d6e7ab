package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
)

// The load test's baselines: for each query of the mix, one hand-written
// Cypher query answering the same question in a single round trip through
// the bare driver. The load test runs them side by side with the GraphQL
// API to put its figures in proportion. They are the one place outside
// graph/neo4j where the program sends its own Cypher, on purpose: they
// measure what the store's layers cost, so they must not go through it.

// baselineQuery is one baseline: the Cypher and its parameters.
type baselineQuery struct {
	cypher string
	params map[string]any
}

// baselineQueries are keyed by the name of the load-mix query they answer.
var baselineQueries = func() map[string]baselineQuery {
	types := make([]string, len(graph.RelationTypes))
	for i, r := range graph.RelationTypes {
		types[i] = string(r.Type)
	}
	all := strings.Join(types, "|") // every actor-to-actor relationship type
	return map[string]baselineQuery{
		"ActorByID": {`
			MATCH (a:Actor {id: $id})
			RETURN a {.id, .name, .kind, .aliases, .description,
			          degree: COUNT { (a)-[:` + all + `]-(:Actor) }} AS actor`,
			map[string]any{"id": "kataib-hezbollah"}},
		"Search": {`
			CALL db.index.fulltext.queryNodes($index, $q, {limit: 5}) YIELD node, score
			RETURN node.id, node.name, node.kind, score`,
			// The Lucene query the store makes of "Hezbolah".
			map[string]any{"index": neo4jstore.FulltextIndex, "q": "(hezbolah^4 OR hezbolah*^2 OR hezbolah~2)"}},
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
}()

// baselineDriver is a bare driver for the baselines, on the store's
// connection settings.
type baselineDriver struct {
	driver neo4j.DriverWithContext
	db     string
}

func openBaselineDriver(cfg neo4jstore.Config) (*baselineDriver, error) {
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		return nil, fmt.Errorf("neo4j: %w", err)
	}
	return &baselineDriver{driver: d, db: cfg.Database}, nil
}

func (b *baselineDriver) Close() error { return b.driver.Close(context.Background()) }

// run runs the named baseline: one ExecuteQuery, read routing, no
// projection into domain types.
func (b *baselineDriver) run(ctx context.Context, name string) error {
	q, ok := baselineQueries[name]
	if !ok {
		return fmt.Errorf("no baseline query %q", name)
	}
	_, err := neo4j.ExecuteQuery(ctx, b.driver, q.cypher, q.params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(b.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return fmt.Errorf("baseline %s: %w", name, err)
	}
	return nil
}
