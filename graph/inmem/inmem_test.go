package inmem_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/loaders"
)

// What the in-memory store holds after loading the seed is what the seed's
// claims file says: every actor, claim and distinct relationship.
func TestHoldsTheSeed(t *testing.T) {
	s := seedtest.MustGraph(t)
	loads, err := loaders.ParseAll([]string{seedtest.Dir() + "/claims.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Stats{Articles: 1}
	edges := map[string]bool{}
	for _, l := range loads {
		want.Actors += len(l.Actors)
		want.Claims += len(l.Claims)
		for _, c := range l.Claims {
			edges[c.RelationshipID()] = true
		}
	}
	want.Relationships = len(edges)
	got, err := s.Stats(context.Background())
	if err != nil || got != want {
		t.Fatalf("stats %+v (%v), want %+v", got, err, want)
	}
	// Loading it again changes nothing.
	if _, err := loaders.Load(context.Background(), s, seedtest.Dir()); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Stats(context.Background()); again != want {
		t.Fatalf("after loading the seed twice: %+v, want %+v", again, want)
	}
}

// Callers get copies: changing what a read returned changes nothing held.
func TestReadsAreCopies(t *testing.T) {
	s := seedtest.MustGraph(t)
	ctx := context.Background()
	sg, err := s.WholeGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sg.Nodes[0].Aliases = append(sg.Nodes[0].Aliases[:0], "changed")
	sg.Edges[0].ClaimIDs[0] = "changed"
	again, _ := s.WholeGraph(ctx)
	if again.Nodes[0].ID != sg.Nodes[0].ID || len(again.Nodes[0].Aliases) > 0 && again.Nodes[0].Aliases[0] == "changed" || again.Edges[0].ClaimIDs[0] == "changed" {
		t.Fatalf("a caller changed the store: %+v %+v", again.Nodes[0], again.Edges[0])
	}
}

// A load with a problem writes nothing.
func TestRefusedLoadsWriteNothing(t *testing.T) {
	s := seedtest.MustGraph(t)
	ctx := context.Background()
	before, _ := s.Stats(ctx)
	a := graph.ArticleLoad{Article: graph.Article{ID: "new", Title: "New", Text: "x y"},
		Actors: []graph.Actor{{ID: "x", Name: "X", Kind: graph.KindGroup}, {ID: "y", Name: "Y", Kind: graph.KindGroup}},
		Claims: []graph.Claim{{ID: "new/c1", Relation: graph.RelSupports, SubjectID: "x", ObjectID: "y", Certainty: graph.Asserted, Quote: "x", End: 1}}}
	badKind := a
	badKind.Actors = []graph.Actor{{ID: "x", Name: "X", Kind: "CROWD"}}
	badType := a
	badType.Claims = []graph.Claim{{ID: "new/c1", Relation: "BEFRIENDS", SubjectID: "x", ObjectID: "y", Certainty: graph.Asserted}}
	badCertainty := a
	badCertainty.Claims = []graph.Claim{{ID: "new/c1", Relation: graph.RelSupports, SubjectID: "x", ObjectID: "y", Certainty: "CERTAIN"}}
	for name, loads := range map[string][]graph.ArticleLoad{"an article twice": {a, a}, "an unknown kind": {badKind},
		"an unknown relation type": {badType}, "an unknown certainty": {badCertainty}} {
		if _, err := s.LoadArticles(ctx, loads); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
	if after, _ := s.Stats(ctx); after != before {
		t.Fatalf("refused loads changed the graph: %+v, was %+v", after, before)
	}
	if _, err := s.LoadArticles(ctx, []graph.ArticleLoad{a}); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.Stats(ctx); after.Relationships != before.Relationships+1 || after.Claims != before.Claims+1 {
		t.Fatalf("a good load: %+v, was %+v", after, before)
	}
}

// A call past its deadline fails with ETIMEOUT, a cancelled one with an
// internal error, as the Neo4j store's calls do.
func TestDoneContexts(t *testing.T) {
	s := inmem.New()
	past, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if _, err := s.Articles(past); graph.ErrorCode(err) != graph.ETIMEOUT || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("past deadline: %v", err)
	}
	cancelled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if _, err := s.Articles(cancelled); graph.ErrorCode(err) != graph.EINTERNAL || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// Reads and loads may run at once.
func TestConcurrentUse(t *testing.T) {
	s := seedtest.MustGraph(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%4 == 0 {
				if _, err := loaders.Load(ctx, s, seedtest.Dir()); err != nil {
					t.Error(err)
				}
				return
			}
			if _, err := s.Neighbourhood(ctx, "iran", graph.Traversal{Depth: 2, Limit: 50}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	before := s.Calls()
	if _, err := s.Search(ctx, "Hezbolah", 3); err != nil || s.Calls() != before+1 {
		t.Fatalf("search: %v; calls %d then %d", err, before, s.Calls())
	}
}
