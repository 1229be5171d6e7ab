package inmem

import (
	"context"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Neighbourhood implements graph.Reader with the Neo4j store's
// breadth-first walk: each layer is the actors one hop from the previous
// layer not seen before, in id order, taken up to what the limit leaves.
func (s *Store) Neighbourhood(ctx context.Context, id string, t graph.Traversal) (graph.Subgraph, error) {
	if err := s.begin(ctx, "neighbourhood"); err != nil {
		return graph.Subgraph{}, err
	}
	if err := t.Validate(); err != nil {
		return graph.Subgraph{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, ok := s.actors[id]; !ok {
		return graph.Subgraph{}, graph.Errorf(graph.ENOTFOUND, "no actor with id %q", id)
	}
	nodes, in := []string{id}, map[string]bool{id: true}
	frontier := []string{id}
	for range t.Depth {
		var layer []string
		if len(nodes) <= t.Limit {
			seen := map[string]bool{}
			for _, x := range frontier {
				for _, r := range s.relsOf(x, t.Direction, t.Types, t.Evidence) {
					if y := other(r, x, t.Direction); !in[y] && !seen[y] {
						seen[y] = true
						layer = append(layer, y)
					}
				}
			}
			slices.Sort(layer)
			layer = layer[:min(len(layer), t.Limit)]
		}
		for _, y := range layer[:max(0, min(len(layer), t.Limit+1-len(nodes)))] {
			nodes = append(nodes, y)
			in[y] = true
		}
		frontier = layer
	}
	sg := graph.Subgraph{Nodes: make([]graph.Actor, len(nodes)), Edges: []graph.Relationship{}}
	for i, n := range nodes {
		sg.Nodes[i] = actorCopy(s.actors[n])
		for _, r := range s.relsOf(n, graph.Outgoing, t.Types, t.Evidence) {
			if in[r.ToID] {
				sg.Edges = append(sg.Edges, relCopy(r))
			}
		}
	}
	sg.TotalEdges = len(sg.Edges)
	if t.MaxEdges > 0 && len(sg.Edges) > t.MaxEdges {
		slices.SortFunc(sg.Edges, graph.StrongerEdge)
		sg.Edges = sg.Edges[:t.MaxEdges]
	}
	slices.SortFunc(sg.Edges, func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) })
	return sg, nil
}

// ShortestPaths implements graph.Reader: every shortest path, in the
// Neo4j store's order (actor ids, then relationship ids).
func (s *Store) ShortestPaths(ctx context.Context, from, to string, t graph.Traversal, all bool) ([]graph.Path, error) {
	if err := s.begin(ctx, "shortest paths"); err != nil {
		return nil, err
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, id := range []string{from, to} {
		if _, ok := s.actors[id]; !ok {
			return nil, graph.Errorf(graph.ENOTFOUND, "no actor with id %q", id)
		}
	}
	if from == to {
		return []graph.Path{{Nodes: []graph.Actor{actorCopy(s.actors[from])}}}, nil
	}
	// Distances to `to`, walking backwards, up to t.Depth.
	back := map[graph.Direction]graph.Direction{graph.Outgoing: graph.Incoming, graph.Incoming: graph.Outgoing}[t.Direction]
	if back == "" {
		back = graph.Both
	}
	dist := map[string]int{to: 0}
	for layer, d := []string{to}, 1; len(layer) > 0 && d <= t.Depth; d++ {
		var next []string
		for _, x := range layer {
			for _, r := range s.relsOf(x, back, t.Types, t.Evidence) {
				if y := other(r, x, back); y != "" {
					if _, seen := dist[y]; !seen {
						dist[y] = d
						next = append(next, y)
					}
				}
			}
		}
		layer = next
	}
	if _, ok := dist[from]; !ok {
		return nil, nil
	}
	// Every path that comes one step nearer with each hop is a shortest one.
	var paths []graph.Path
	var walk func(x string, nodes []graph.Actor, edges []graph.Relationship)
	walk = func(x string, nodes []graph.Actor, edges []graph.Relationship) {
		if x == to {
			paths = append(paths, graph.Path{Nodes: slices.Clone(nodes), Edges: slices.Clone(edges)})
			return
		}
		for _, r := range s.relsOf(x, t.Direction, t.Types, t.Evidence) {
			y := other(r, x, t.Direction)
			if d, ok := dist[y]; ok && d == dist[x]-1 {
				walk(y, append(nodes, actorCopy(s.actors[y])), append(edges, relCopy(r)))
			}
		}
	}
	walk(from, []graph.Actor{actorCopy(s.actors[from])}, nil)
	slices.SortFunc(paths, graph.ComparePaths)
	n := 1
	if all {
		n = max(t.Limit, 0)
	}
	if paths = paths[:min(n, len(paths))]; len(paths) == 0 {
		return nil, nil
	}
	return paths, nil
}
