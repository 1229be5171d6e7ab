package neo4j

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// FulltextIndex is the name of the full-text index over actor names and
// aliases; analysts can query it with db.index.fulltext.queryNodes.
const FulltextIndex = "actor_names"

// schema lists the constraints and indexes the model relies on. Every
// statement is idempotent.
func schema() []string {
	stmts := []string{
		`CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE`,
		`CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE`,
		`CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE`,
		`CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)`,
		`CREATE INDEX claim_relation IF NOT EXISTS FOR (c:Claim) ON (c.relation)`,
		`CREATE FULLTEXT INDEX ` + FulltextIndex + ` IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliasText]`,
	}
	// One range index per relationship type on its stable id, for paging and
	// for analysts looking an edge up by id.
	for _, r := range graph.RelationTypes {
		stmts = append(stmts, fmt.Sprintf(
			"CREATE INDEX rel_%s_id IF NOT EXISTS FOR ()-[r:%s]-() ON (r.id)", r.Type, r.Type))
	}
	return stmts
}

// EnsureSchema creates the constraints and indexes if they are missing and
// waits until they are online. When every one of them is already online it
// only asks which are: on a freshly started Neo4j each schema command costs
// a round trip and planning, which a load would otherwise pay on every
// start.
func (s *Store) EnsureSchema(ctx context.Context) error {
	if missing, err := s.MissingSchema(ctx); err == nil && len(missing) == 0 {
		return nil
	}
	for _, stmt := range schema() {
		if _, err := s.exec(ctx, "ensure schema", stmt, nil); err != nil {
			return err
		}
	}
	_, err := s.exec(ctx, "await indexes", `CALL db.awaitIndexes(300)`, nil)
	return err
}

// exec runs one auto-commit statement (schema changes cannot share a
// transaction with data writes).
func (s *Store) exec(ctx context.Context, op, cypher string, params map[string]any) (int64, error) {
	s.queries.Add(1)
	start := time.Now()
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db),
		neo4j.ExecuteQueryWithWritersRouting())
	if err != nil {
		err = wrap(ctx, op, err)
	}
	s.observed(op, start, err)
	if err != nil {
		return 0, err
	}
	c := res.Summary.Counters()
	return int64(c.NodesDeleted() + c.RelationshipsDeleted()), nil
}

// modelLabels are the labels of every node the store writes. DeleteAll
// removes these nodes only, so nodes other software keeps in the same
// database survive a reset.
var modelLabels = []string{"Claim", "Article", "Actor"}

// DeleteAll removes every node the store writes and their relationships,
// in batches that each touch a bounded number of relationships, so that no
// transaction grows with the graph (a hub actor can have hundreds of
// thousands of links). Claims go first (at most four links each), then
// every remaining relationship from the actors' side, then the nodes,
// which have none left. Schema is kept.
func (s *Store) DeleteAll(ctx context.Context) error {
	steps := []string{
		`MATCH (c:Claim) WITH c LIMIT 5000 DETACH DELETE c`,
		`MATCH (:Actor)-[r]-() WITH DISTINCT r LIMIT 20000 DELETE r`,
	}
	for _, l := range modelLabels {
		steps = append(steps, `MATCH (n:`+l+`) WITH n LIMIT 5000 DETACH DELETE n`)
	}
	for _, step := range steps {
		for {
			n, err := s.exec(ctx, "delete all", step, nil)
			if err != nil {
				return err
			}
			if n == 0 {
				break
			}
		}
	}
	return nil
}

// MissingSchema names the constraints and indexes EnsureSchema creates that
// are absent or not yet online; empty when the schema is complete.
func (s *Store) MissingSchema(ctx context.Context) ([]string, error) {
	recs, err := s.read(ctx, "show schema", `
		SHOW INDEXES YIELD name, state WHERE state = 'ONLINE'
		RETURN collect(name) AS online`, nil)
	if err != nil {
		return nil, err
	}
	v, _ := recs[0].Get("online")
	online := map[string]bool{}
	for _, n := range v.([]any) {
		online[n.(string)] = true
	}
	var missing []string
	for _, name := range schemaNames() {
		if !online[name] {
			missing = append(missing, name)
		}
	}
	return missing, nil
}

// DropSchema removes the constraints and indexes EnsureSchema creates (the
// data stays); EnsureSchema puts them back.
func (s *Store) DropSchema(ctx context.Context) error {
	for _, stmt := range schema() {
		f := strings.Fields(stmt)
		// "CREATE [FULLTEXT] CONSTRAINT|INDEX name IF NOT EXISTS …"
		kind, name := f[1], f[2]
		if kind == "FULLTEXT" {
			kind, name = f[2], f[3]
		}
		if _, err := s.exec(ctx, "drop schema", "DROP "+kind+" "+name+" IF EXISTS", nil); err != nil {
			return err
		}
	}
	return nil
}

// schemaNames lists the names of the constraints' backing indexes and of
// the indexes schema() creates.
func schemaNames() []string {
	var names []string
	for _, stmt := range schema() {
		f := strings.Fields(stmt)
		if f[1] == "FULLTEXT" {
			names = append(names, f[3])
		} else {
			names = append(names, f[2])
		}
	}
	return names
}
