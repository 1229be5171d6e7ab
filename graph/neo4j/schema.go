package neo4j

import (
	"context"
	"errors"
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
		`CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE`,
		`CREATE CONSTRAINT revision_id IF NOT EXISTS FOR (r:Revision) REQUIRE r.id IS UNIQUE`,
		`CREATE INDEX revision_at IF NOT EXISTS FOR (r:Revision) ON (r.at)`,
		`CREATE INDEX revision_undoes IF NOT EXISTS FOR (r:Revision) ON (r.undoes)`,
		`CREATE INDEX merged_actor_id IF NOT EXISTS FOR (m:MergedActor) ON (m.id)`,
		`CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)`,
		`CREATE INDEX claim_relation IF NOT EXISTS FOR (c:Claim) ON (c.relation)`,
		`CREATE FULLTEXT INDEX ` + FulltextIndex + ` IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliasText]`,
		`CREATE FULLTEXT INDEX ` + ClaimIndex + ` IF NOT EXISTS FOR (c:Claim) ON EACH [c.quote]`,
	}
	// One range index per relationship type on its stable id, for paging and
	// for analysts looking an edge up by id.
	for _, r := range graph.RelationTypes {
		stmts = append(stmts, fmt.Sprintf(
			"CREATE INDEX rel_%s_id IF NOT EXISTS FOR ()-[r:%s]-() ON (r.id)", r.Type, r.Type))
	}
	return stmts
}

// EnsureSchema creates the constraints and indexes if they are missing,
// waits until they are online, and has Neo4j plan the statements of a
// load (planLoad), so that everything a load needs is ready before it
// writes. Several processes may run it at once (a server and a load
// starting together): when another one creates an index between this
// one's IF NOT EXISTS check and its own creation, Neo4j reports the index
// as already there, which is what was wanted.
func (s *Store) EnsureSchema(ctx context.Context) error {
	if err := s.ensureIndexes(ctx); err != nil {
		return err
	}
	return s.planLoad(ctx)
}

// ensureIndexes creates the constraints and indexes if they are missing
// and waits until they are online. When every one of them is already
// online it only asks which are: on a freshly started Neo4j each schema
// command costs a round trip and planning, which a load would otherwise
// pay on every start.
func (s *Store) ensureIndexes(ctx context.Context) error {
	if missing, err := s.MissingSchema(ctx); err == nil && len(missing) == 0 {
		return nil
	}
	for _, stmt := range schema() {
		if _, err := s.exec(ctx, "ensure schema", stmt, nil); err != nil && !alreadyExists(err) {
			return err
		}
	}
	_, err := s.exec(ctx, "await indexes", `CALL db.awaitIndexes(300)`, nil)
	return err
}

// planLoad has Neo4j plan the statements of a load transaction ahead of
// the first load: it runs them on a small sample load in a transaction
// with no time limit, then rolls it back, so the graph is unchanged. The
// relationship summary statements take seconds to plan on a cold server
// (their relationship lookup has a branch per relation type), and
// planning inside a load's transaction counted against its time limit.
// Neo4j caches a plan by the statement and the types of its parameters,
// hence a sample of the real shape rather than empty lists; the load runs
// with replan=skip, so the plans stay. After the first time this costs a
// few milliseconds. Processes that plan at once write the same sample and
// may deadlock; the one Neo4j aborts plans again (Store.retrying).
func (s *Store) planLoad(ctx context.Context) error {
	if err := s.retrying(ctx, PlanOp, func() error { return s.planLoadOnce(ctx) }); err != nil {
		return wrap(ctx, PlanOp, err)
	}
	return nil
}

// planLoadOnce is one attempt of planLoad.
func (s *Store) planLoadOnce(ctx context.Context) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		return err
	}
	defer tx.Close(ctx) // rolls back
	ct := &countingTx{tx: tx, s: s, op: PlanOp}
	l := planSample()
	loads := []graph.ArticleLoad{l}
	c := l.Claims[0]
	k := edgeKey{c.SubjectID, c.Relation, c.ObjectID}
	news := &edgeNews{}
	news.add(l.Article, c)
	steps := []func() error{
		func() error { return s.mergeActors(ctx, ct, loads) },
		func() error { return s.mergeArticles(ctx, ct, loads) },
		func() error { _, err := s.deleteClaims(ctx, ct, []string{l.Article.ID}); return err },
		func() error { _, err := s.deleteNames(ctx, ct, []string{l.Article.ID}); return err },
		func() error { return s.createClaims(ctx, ct, loads) },
		// An alias the sample no longer declares makes nameActors recompute.
		func() error { return s.nameActors(ctx, ct, loads, map[string][]string{c.SubjectID: {"gone"}}) },
		func() error {
			return s.summarise(ctx, ct, map[edgeKey]*edgeNews{
				k: news, {c.ObjectID, c.Relation, c.SubjectID}: {claimIDs: []string{c.ID}, recompute: true},
			})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// PlanOp is the name the statements EnsureSchema plans ahead of loads are
// reported under to the Config.Observer.
const PlanOp = "plan load statements"

// planSample is a one-claim article in the shape loads write, for planLoad.
func planSample() graph.ArticleLoad {
	const text = "Planner A warns Planner B."
	a := graph.Article{ID: "actorgraph-plan-sample", Title: "Plan sample", Text: text, PublishedAt: "2026-01-01"}
	return graph.ArticleLoad{
		Article: a,
		Actors: []graph.Actor{
			{ID: "actorgraph-plan-a", Name: "Planner A", Kind: graph.KindPerson, Aliases: []string{"A"}},
			{ID: "actorgraph-plan-b", Name: "Planner B", Kind: graph.KindPerson},
		},
		Claims: []graph.Claim{{
			ID: a.ID + "/c1", ArticleID: a.ID, Relation: graph.RelWarns, SubjectID: "actorgraph-plan-a", ObjectID: "actorgraph-plan-b",
			SubjectText: "Planner A", ObjectText: "Planner B", SubjectSpan: graph.Span{Start: 0, End: 9}, ObjectSpan: graph.Span{Start: 16, End: 25},
			Certainty: graph.Reported, OwnStatement: true, Conditional: true, Condition: "warns", ConditionSpan: graph.Span{Start: 10, End: 15},
			Time:           graph.ClaimTime{Status: graph.Past, Cue: "warns", CueStart: 10, CueEnd: 15, From: "2025"},
			AttributedToID: "actorgraph-plan-a", Source: "actor:actorgraph-plan-a",
			Quote: text, Start: 0, End: 26, Sentence: graph.Span{Start: 0, End: 26}, Note: "n", Draft: true, Confidence: 0.5,
		}},
	}
}

// exec runs one auto-commit statement (schema changes cannot share a
// transaction with data writes), again as retrying says when it fails: two
// processes changing the schema at once can deadlock.
func (s *Store) exec(ctx context.Context, op, cypher string, params map[string]any) (int64, error) {
	start := time.Now()
	var res *neo4j.EagerResult
	err := s.retrying(ctx, op, func() error {
		s.queries.Add(1)
		var err error
		res, err = neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db),
			neo4j.ExecuteQueryWithWritersRouting())
		return err
	})
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
// database survive a reset; API tokens (ApiToken), the audit trail
// (Revision) and merged actors (MergedActor) go with the graph.
var modelLabels = []string{"Claim", "Article", "Actor", "ApiToken", "Revision", "MergedActor"}

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

// alreadyExists reports whether err says that the index or constraint a
// statement creates exists already.
func alreadyExists(err error) bool {
	var ne *neo4j.Neo4jError
	if !errors.As(err, &ne) {
		return false
	}
	switch ne.Code {
	case "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
		"Neo.ClientError.Schema.IndexAlreadyExists",
		"Neo.ClientError.Schema.ConstraintAlreadyExists":
		return true
	}
	return false
}
