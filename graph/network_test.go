package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// rel is a relationship with sources sources and claims claims.
func rel(from string, t graph.RelationType, to string, sources, claims int) graph.NetworkEdge {
	return graph.NetworkEdge{ID: from + "|" + string(t) + "|" + to, Type: t, FromID: from, ToID: to, Corroboration: sources, ClaimCount: claims}
}

func TestSelectNetwork(t *testing.T) {
	// A hub h with four spokes, and a pair x-y apart.
	rels := []graph.NetworkEdge{
		rel("h", graph.RelAlignedWith, "a", 1, 1),
		rel("h", graph.RelAttacks, "b", 3, 3),
		rel("c", graph.RelSupports, "h", 2, 5),
		rel("h", graph.RelSupports, "d", 2, 2),
		rel("x", graph.RelAttacks, "y", 1, 4),
	}
	ids := func(rs []graph.NetworkEdge) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		name      string
		o         graph.NetworkOptions
		edges     string // drawn, strongest first
		actors    string // joined, in id order
		total     int
		actorsAll int
		truncated bool
	}{
		{"everything, strongest first", graph.NetworkOptions{Limit: 10},
			"h|ATTACKS|b c|SUPPORTS|h h|SUPPORTS|d x|ATTACKS|y h|ALIGNED_WITH|a", "a b c d h x y", 5, 7, false},
		{"top 2", graph.NetworkOptions{Limit: 2},
			"h|ATTACKS|b c|SUPPORTS|h", "b c h", 5, 7, true},
		{"corroborated by 2 sources", graph.NetworkOptions{Limit: 10, MinCorroboration: 2},
			"h|ATTACKS|b c|SUPPORTS|h h|SUPPORTS|d", "b c d h", 3, 4, false},
		{"both ends with degree 2: nothing, spokes end in leaves", graph.NetworkOptions{Limit: 10, MinDegree: 2},
			"", "", 0, 0, false},
		{"one type", graph.NetworkOptions{Limit: 10, Types: []graph.RelationType{graph.RelAttacks}},
			"h|ATTACKS|b x|ATTACKS|y", "b h x y", 2, 4, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			net, joined, degree := graph.SelectNetwork(slices.Clone(rels), tc.o)
			if got := ids(net.Edges); got != tc.edges {
				t.Errorf("edges %q, want %q", got, tc.edges)
			}
			if got := strings.Join(joined, " "); got != tc.actors {
				t.Errorf("actors %q, want %q", got, tc.actors)
			}
			if net.RelationshipCount != tc.total || net.ActorCount != tc.actorsAll || net.Truncated != tc.truncated {
				t.Errorf("totals %d relationships, %d actors, truncated %v; want %d, %d, %v",
					net.RelationshipCount, net.ActorCount, net.Truncated, tc.total, tc.actorsAll, tc.truncated)
			}
			if tc.o.MinDegree == 0 && tc.o.MinCorroboration == 0 && len(tc.o.Types) == 0 && degree["h"] != 4 {
				t.Errorf("the hub's degree is %d, want 4 (its relationships drawn or not)", degree["h"])
			}
		})
	}
}

func TestSelectNetworkDegreeThreshold(t *testing.T) {
	// A triangle p-q-r and a leaf l on p: with degree ≥ 2, the leaf goes.
	rels := []graph.NetworkEdge{
		rel("p", graph.RelSupports, "q", 1, 1), rel("q", graph.RelSupports, "r", 1, 1),
		rel("r", graph.RelSupports, "p", 1, 1), rel("l", graph.RelSupports, "p", 1, 1),
	}
	net, joined, degree := graph.SelectNetwork(rels, graph.NetworkOptions{Limit: 10, MinDegree: 2})
	if len(net.Edges) != 3 || strings.Join(joined, " ") != "p q r" || degree["p"] != 2 {
		t.Fatalf("edges %v, actors %v, degree of p %d; want the triangle, p with degree 2", net.Edges, joined, degree["p"])
	}
	graph.AddNetworkNodes(&net, joined, map[string]graph.Actor{"p": {ID: "p"}, "q": {ID: "q"}}, degree)
	if len(net.Nodes) != 2 || net.Nodes[0].ID != "p" {
		t.Fatalf("nodes %+v: want the two actors found, in id order at equal degree", net.Nodes)
	}
}

func TestNetworkOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		o    graph.NetworkOptions
		want string
	}{
		{graph.NetworkOptions{Limit: 1}, ""},
		{graph.NetworkOptions{}, "limit must be at least 1"},
		{graph.NetworkOptions{Limit: 1, MinCorroboration: -1}, "minCorroboration must not be negative"},
		{graph.NetworkOptions{Limit: 1, MinDegree: -2}, "minDegree must not be negative"},
		{graph.NetworkOptions{Limit: 1, Types: []graph.RelationType{"LIKES"}}, "LIKES"},
	} {
		err := tc.o.Validate()
		if (tc.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("Validate(%+v) = %v, want %q", tc.o, err, tc.want)
		}
	}
}
