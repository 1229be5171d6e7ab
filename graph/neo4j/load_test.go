package neo4j_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
)

// report builds a one-sentence article in which actor "a" warns actor "b",
// stated with the given relation type.
func report(n int, rel graph.RelationType) graph.ArticleLoad {
	text := fmt.Sprintf("In report %d, A warns B.", n)
	quote := "A warns B."
	start := len(text) - len(quote)
	return graph.ArticleLoad{
		Article: graph.Article{ID: fmt.Sprintf("report-%d", n), Title: fmt.Sprintf("Report %d", n), Text: text},
		Actors: []graph.Actor{
			{ID: "a", Name: "A", Kind: graph.KindState},
			{ID: "b", Name: "B", Kind: graph.KindState, Aliases: []string{fmt.Sprintf("B%d", n)}},
		},
		Claims: []graph.Claim{{
			ID: fmt.Sprintf("report-%d/warns", n), SubjectID: "a", ObjectID: "b", Relation: rel,
			Modality: graph.Asserted, Quote: quote, Start: start, End: start + len(quote),
			SubjectText: "A", ObjectText: "B",
		}},
	}
}

func TestLoadArticlesGroup(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		loads []graph.ArticleLoad
		code  string // the error's code; "" for success
		stats graph.Stats
	}{
		{
			name:  "three articles, one edge",
			loads: []graph.ArticleLoad{report(1, graph.RelWarns), report(2, graph.RelWarns), report(3, graph.RelWarns)},
			stats: graph.Stats{Actors: 2, Articles: 3, Claims: 3, Relationships: 1},
		},
		{
			// The second article fails after the first one's nodes and
			// claims are written: the whole group rolls back.
			name:  "a failing article takes the group with it",
			loads: []graph.ArticleLoad{report(1, graph.RelWarns), report(2, "NOT_A_TYPE")},
			code:  graph.EINVALID,
		},
		{
			name:  "the same article twice",
			loads: []graph.ArticleLoad{report(1, graph.RelWarns), report(1, graph.RelWarns)},
			code:  graph.EINVALID,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := neo4jtest.MustOpenEmpty(t)
			rs, err := s.LoadArticles(ctx, tc.loads)
			if graph.ErrorCode(err) != tc.code && !(tc.code == "" && err == nil) {
				t.Fatalf("error %v (code %q), want code %q", err, graph.ErrorCode(err), tc.code)
			}
			if got := neo4jtest.MustStats(t, s); got != tc.stats {
				t.Fatalf("graph holds %+v, want %+v", got, tc.stats)
			}
			if tc.code != "" {
				return
			}
			for i, r := range rs {
				if r.ArticleID != tc.loads[i].Article.ID || r.Claims != 1 || r.Relationships != 1 {
					t.Errorf("result %d: %+v", i, r)
				}
			}
			rels, err := s.RelationshipsOf(ctx, []string{"a"}, graph.Outgoing, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r := rels["a"]; len(r) != 1 || len(r[0].ClaimIDs) != 3 || len(r[0].ArticleIDs) != 3 || r[0].Modality != graph.Asserted {
				t.Fatalf("relationship: %+v", r)
			}
			b, err := s.ActorsByID(ctx, []string{"b"})
			if err != nil || len(b["b"].Aliases) != 3 {
				t.Fatalf("aliases from every article of the group: %+v, %v", b["b"], err)
			}
		})
	}
}

// TestLoadExtendsAndRecomputes loads articles about one edge in separate
// transactions: the first creates the relationship, the next extend it
// (found by id, reached by element id), and loading an article again
// recomputes it; one relationship holds every claim throughout.
func TestLoadExtendsAndRecomputes(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.MustOpenEmpty(t)
	for _, step := range []struct {
		load   graph.ArticleLoad
		claims []string
	}{
		{report(2, graph.RelWarns), []string{"report-2/warns"}},
		{report(1, graph.RelWarns), []string{"report-1/warns", "report-2/warns"}},
		{report(3, graph.RelWarns), []string{"report-1/warns", "report-2/warns", "report-3/warns"}},
		{report(2, graph.RelWarns), []string{"report-1/warns", "report-2/warns", "report-3/warns"}},
		{report(1, graph.RelThreatens), []string{"report-2/warns", "report-3/warns"}},
	} {
		if _, err := s.LoadArticle(ctx, step.load); err != nil {
			t.Fatal(err)
		}
		rels, err := s.RelationshipsOf(ctx, []string{"a"}, graph.Outgoing, []graph.RelationType{graph.RelWarns})
		if err != nil {
			t.Fatal(err)
		}
		if r := rels["a"]; len(r) != 1 || fmt.Sprint(r[0].ClaimIDs) != fmt.Sprint(step.claims) || len(r[0].ArticleIDs) != len(step.claims) {
			t.Fatalf("after loading %s: %+v, want claims %v", step.load.Article.ID, r, step.claims)
		}
	}
	if got := neo4jtest.MustStats(t, s); got.Relationships != 2 {
		t.Fatalf("%d relationships, want WARNS and THREATENS", got.Relationships)
	}
}
