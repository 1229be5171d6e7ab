package neo4j_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

// TestTraversalsStartWithIndexSeeks EXPLAINs every traversal statement the
// store runs, and the claims reads anchored on an id, and checks its plan:
// the anchor is found through an index seek on an id, and no operator
// scans a label, all nodes or a relationship type, nor walks a range of an
// index (which reads every relationship of a type), whatever the depth,
// direction, types or evidence asked for.
func TestTraversalsStartWithIndexSeeks(t *testing.T) {
	neo4jtest.MustOpenSeeded(t) // a graph with data, so the planner has statistics
	driver, db := plannerDriver(t)

	type stmt struct {
		name string
		st   neo4jstore.Statement
		err  error
	}
	var cases []stmt
	add := func(name string, st neo4jstore.Statement, err error) { cases = append(cases, stmt{name, st, err}) }
	for _, depth := range []int{1, 2, graph.MaxDepth} {
		for _, dir := range []graph.Direction{graph.Both, graph.Outgoing, graph.Incoming} {
			for _, types := range [][]graph.RelationType{nil, {graph.RelLeads, graph.RelWarns}} {
				ev := graph.EvidenceFilter{}
				if types == nil {
					ev = everyEvidence
				}
				tr := graph.Traversal{Depth: depth, Direction: dir, Types: types, Limit: 100, Evidence: ev}
				st, err := neo4jstore.NeighbourhoodStatement("iran", tr)
				add(fmt.Sprintf("neighbourhood depth %d %s %v", depth, dir, types), st, err)
				budgeted := tr
				budgeted.MaxEdges = 200
				st, err = neo4jstore.NeighbourhoodStatement("iran", budgeted)
				add(fmt.Sprintf("neighbourhood depth %d %s %v, 200 edges", depth, dir, types), st, err)
				for _, all := range []bool{false, true} {
					st, err := neo4jstore.ShortestPathsStatement("donald-trump", "kataib-hezbollah", tr, all)
					add(fmt.Sprintf("shortest paths (all %v) depth %d %s %v", all, depth, dir, types), st, err)
				}
			}
		}
	}
	for _, dir := range []graph.Direction{graph.Both, graph.Outgoing, graph.Incoming} {
		st, err := neo4jstore.RelationshipsOfStatement([]string{"iran", "iraq"}, dir, nil)
		add("relationships of actors "+string(dir), st, err)
	}
	for _, f := range []graph.RelationshipFilter{
		{FromID: "kataib-hezbollah"},
		{ToID: "iran", Type: graph.RelAlignedWith},
		{FromID: "donald-trump", Evidence: graph.EvidenceFilter{Certainties: []graph.Certainty{graph.Asserted}}, AttributedTo: "iran"},
		{ToID: "iran", Evidence: everyEvidence},
	} {
		st, err := neo4jstore.RelationshipsStatement(f, graph.PageRequest{First: 10})
		add(fmt.Sprintf("relationships page %+v", f), st, err)
	}

	// Claims anchored on an id: the article, an actor at either end, the
	// attributed actor, a relationship's claim ids.
	for _, f := range []graph.ClaimFilter{
		{ArticleID: "iran-aligned-militias-threaten-us", Certainties: []graph.Certainty{graph.Alleged}},
		{SubjectID: "iran", Window: graph.TimeWindow{From: "2026-01-14", To: "2026-01-14"}},
		{ObjectID: "iran", OwnStatement: ptr(true)},
		{ActorID: "iran", TimeStatuses: []graph.TimeStatus{graph.Past}},
		{AttributedTo: "iranian-opposition-circles", Conditional: ptr(false)},
		{IDs: []string{"iran-aligned-militias-threaten-us/kh-threatens-us"}, Types: []graph.RelationType{graph.RelThreatens}},
	} {
		st, err := neo4jstore.ClaimsStatement(f, graph.PageRequest{First: 10})
		add(fmt.Sprintf("claims %+v", f), st, err)
	}

	// Nested fields planned into one statement: every nested read starts
	// from a bound node or an id.
	everything := &graph.ClaimExpansion{Actors: &graph.ActorExpansion{}, Article: &graph.ArticleExpansion{Claims: &graph.ClaimExpansion{}}}
	for _, req := range []graph.ExpandRequest{
		{ActorIDs: []string{"iran"}, Actors: graph.ActorExpansion{Relationships: []graph.RelationshipsExpansion{{
			Direction: graph.Both,
			RelationshipExpansion: graph.RelationshipExpansion{
				Ends:   &graph.ActorExpansion{Relationships: []graph.RelationshipsExpansion{{Direction: graph.Outgoing, Types: []graph.RelationType{graph.RelWarns}}}},
				Claims: everything,
			},
		}}}},
		{ClaimIDs: []string{"a/b"}, Claims: *everything, ArticleIDs: []string{"a"}, Articles: graph.ArticleExpansion{Claims: everything}},
	} {
		st, err := neo4jstore.ExpandStatement(req)
		add(fmt.Sprintf("expand %d actors, %d claims, %d articles", len(req.ActorIDs), len(req.ClaimIDs), len(req.ArticleIDs)), st, err)
	}
	for _, f := range []graph.RelationshipFilter{{FromID: "kataib-hezbollah", ToID: "united-states", Type: graph.RelWarns}, {ToID: "iran"}} {
		st, err := neo4jstore.RelationshipsExpandedStatement(f, graph.PageRequest{First: 10},
			graph.RelationshipExpansion{Ends: &graph.ActorExpansion{}, Claims: everything})
		add(fmt.Sprintf("relationships page with ends and claims %+v", f), st, err)
	}

	// A control: an unanchored match must be caught as a scan.
	control := scansAndSeeks(t, driver, db, neo4jstore.Statement{Cypher: `MATCH (a:Actor) WHERE a.name = $n RETURN a`, Params: map[string]any{"n": "Iran"}})
	if len(control.scans) == 0 {
		t.Fatalf("the check misses a label scan: %+v", control)
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.err != nil {
				t.Fatal(c.err)
			}
			got := scansAndSeeks(t, driver, db, c.st)
			if len(got.scans) > 0 || len(got.seeks) == 0 {
				t.Fatalf("want the anchor found by an index seek and no scans; seeks %v, scans %v\nplan:\n%s", got.seeks, got.scans, got.plan)
			}
		})
	}
}

// everyEvidence sets every field of an evidence filter, so the plans are
// checked with every condition on the relationships.
var everyEvidence = graph.EvidenceFilter{
	Certainties: []graph.Certainty{graph.Alleged}, OwnStatement: ptr(true), Conditional: ptr(false),
	Window: graph.TimeWindow{From: "2025-01-01", To: "2026-12-31"},
}

func ptr[T any](v T) *T { return &v }

// TestLoadStatementsStartWithIndexSeeks EXPLAINs every statement of a load
// transaction on an empty graph: the loader runs them with replan=skip,
// so the plan made when a load starts on an empty database serves the
// whole load, however large the graph grows. Each must find its rows
// through index seeks, never a scan.
func TestLoadStatementsStartWithIndexSeeks(t *testing.T) {
	neo4jtest.MustOpenEmpty(t)
	driver, db := plannerDriver(t)
	params := map[string]any{"batch": map[string]any{"rows": []any{}}, "certaintyOrder": []any{}}
	statements := neo4jstore.LoadStatements()
	// The steps of a load are fixed: none is repeated per relation type.
	if len(statements) != 10 {
		t.Fatalf("%d load statements, want 10", len(statements))
	}
	for step, cypher := range statements {
		t.Run(step, func(t *testing.T) {
			got := scansAndSeeks(t, driver, db, neo4jstore.Statement{Cypher: cypher, Params: params})
			if len(got.scans) > 0 || len(got.seeks) == 0 {
				t.Fatalf("want index seeks and no scans; seeks %v, scans %v\nplan:\n%s", got.seeks, got.scans, got.plan)
			}
		})
	}
}

// plannerDriver opens a driver for EXPLAIN, closed when the test ends,
// after resampling every index and waiting for it, so that plans are made
// from the graph as it is now: right after a test empties and reloads the
// database, index samples still describe the old graph. It returns the
// driver and the database to ask.
func plannerDriver(t *testing.T) (neo4j.DriverWithContext, string) {
	t.Helper()
	cfg := neo4jtest.Config(t)
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { driver.Close(context.Background()) })
	if _, err := neo4j.ExecuteQuery(context.Background(), driver, "CALL db.prepareForReplanning(60)", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database)); err != nil {
		t.Fatal(err)
	}
	return driver, cfg.Database
}

type planCheck struct {
	seeks, scans []string
	plan         string
}

// scansAndSeeks EXPLAINs st and lists the index seeks and the scans in its
// plan. The plan is made afresh from the graph's current statistics
// (replan=force): a cached plan may have been made on another graph a
// moment earlier, before Neo4j's replanning interval came round.
func scansAndSeeks(t *testing.T, driver neo4j.DriverWithContext, db string, st neo4jstore.Statement) planCheck {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), driver, "CYPHER replan=force EXPLAIN "+st.Cypher, st.Params,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatal(err)
	}
	plan := res.Summary.Plan()
	if plan == nil {
		t.Fatal("EXPLAIN returned no plan")
	}
	// The plan's text holds every operator; the driver's plan tree cannot
	// be walked, as it repeats the last child of each operator.
	text, _ := plan.Arguments()["string-representation"].(string)
	ops := operators(text)
	if len(ops) == 0 {
		t.Fatalf("no operators in the plan:\n%s", text)
	}
	out := planCheck{plan: text}
	for _, op := range ops {
		switch {
		case op == "NodeUniqueIndexSeek" || op == "NodeIndexSeek" || op == "MultiNodeIndexSeek" ||
			op == "DirectedRelationshipIndexSeek" || op == "UndirectedRelationshipIndexSeek":
			out.seeks = append(out.seeks, op)
		case strings.Contains(op, "Scan") || strings.Contains(op, "SeekByRange"):
			out.scans = append(out.scans, op)
		}
	}
	return out
}

// operators lists the operator names in a plan's text form, whose rows
// look like "| | +NodeUniqueIndexSeek | 10 | UNIQUE a:Actor(id) … |".
func operators(plan string) []string {
	var ops []string
	for _, line := range strings.Split(plan, "\n") {
		if m := operatorRE.FindStringSubmatch(line); m != nil {
			ops = append(ops, m[1])
		}
	}
	return ops
}

var operatorRE = regexp.MustCompile(`^[|\s]*\+(\w+)`)
