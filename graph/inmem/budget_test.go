package inmem_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/synth"
)

// TestNeighbourhoodEdgeBudget checks the budget against the unbudgeted
// neighbourhood of the same actors: the same actors, the total counted,
// at most MaxEdges edges, every one kept at least as strong as every one
// left out, listed in id order. graph/neo4j's contract test holds the
// Neo4j store to the same answers.
func TestNeighbourhoodEdgeBudget(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := synth.Write(ctx, dir, synth.Spec{Articles: 40, Seed: 8}, nil); err != nil {
		t.Fatal(err)
	}
	s := inmem.New()
	if _, err := loaders.Load(ctx, s, dir); err != nil {
		t.Fatal(err)
	}
	truncatedSome := false
	for _, id := range []string{synth.ActorID(0), synth.ActorID(7)} {
		for _, depth := range []int{1, 2} {
			all, err := s.Neighbourhood(ctx, id, graph.Traversal{Depth: depth, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			if all.Truncated() || all.TotalEdges != len(all.Edges) {
				t.Fatalf("%s depth %d without a budget: %d edges of %d", id, depth, len(all.Edges), all.TotalEdges)
			}
			for _, maxEdges := range []int{1, 10, len(all.Edges) - 1, len(all.Edges), len(all.Edges) + 5} {
				t.Run(fmt.Sprintf("%s depth %d maxEdges %d", id, depth, maxEdges), func(t *testing.T) {
					got, err := s.Neighbourhood(ctx, id, graph.Traversal{Depth: depth, Limit: 100, MaxEdges: maxEdges})
					if err != nil {
						t.Fatal(err)
					}
					if !slices.EqualFunc(got.Nodes, all.Nodes, func(a, b graph.Actor) bool { return a.ID == b.ID }) {
						t.Errorf("the budget changed the actors")
					}
					if got.TotalEdges != len(all.Edges) {
						t.Errorf("totalEdges %d, want %d", got.TotalEdges, len(all.Edges))
					}
					if want := min(maxEdges, len(all.Edges)); len(got.Edges) != want {
						t.Errorf("%d edges, want %d", len(got.Edges), want)
					}
					if got.Truncated() != (maxEdges < len(all.Edges)) {
						t.Errorf("truncated %v with %d of %d edges", got.Truncated(), len(got.Edges), got.TotalEdges)
					}
					truncatedSome = truncatedSome || got.Truncated()
					if !slices.IsSortedFunc(got.Edges, func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) }) {
						t.Errorf("edges not in id order")
					}
					kept := map[string]bool{}
					weakestKept := graph.Relationship{}
					for i, e := range got.Edges {
						kept[e.ID] = true
						if i == 0 || graph.StrongerEdge(e, weakestKept) > 0 {
							weakestKept = e
						}
					}
					for _, e := range all.Edges {
						if !kept[e.ID] && graph.StrongerEdge(e, weakestKept) < 0 {
							t.Errorf("left out %s (%d sources, %d claims) but kept the weaker %s (%d sources, %d claims)",
								e.ID, e.Corroboration(), e.ClaimCount(), weakestKept.ID, weakestKept.Corroboration(), weakestKept.ClaimCount())
						}
					}
				})
			}
		}
	}
	if !truncatedSome {
		t.Fatal("no neighbourhood was truncated: the corpus does not exercise the budget")
	}
	if _, err := s.Neighbourhood(ctx, synth.ActorID(0), graph.Traversal{Depth: 1, Limit: 5, MaxEdges: -1}); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("negative maxEdges: %v, want EINVALID", err)
	}
}

// StrongerEdge puts the best corroborated first, then the most claimed,
// then the smaller id.
func TestStrongerEdge(t *testing.T) {
	rel := func(id string, sources, claims int) graph.Relationship {
		r := graph.Relationship{ID: id}
		for i := range sources {
			r.SourceIDs = append(r.SourceIDs, fmt.Sprint("s", i))
		}
		for i := range claims {
			r.ClaimIDs = append(r.ClaimIDs, fmt.Sprint("c", i))
		}
		return r
	}
	got := []graph.Relationship{rel("a", 1, 9), rel("b", 3, 3), rel("c", 3, 5), rel("d", 1, 9), rel("e", 2, 2)}
	slices.SortFunc(got, graph.StrongerEdge)
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, "") != "cbead" {
		t.Errorf("order %v, want c b e a d", ids)
	}
}
