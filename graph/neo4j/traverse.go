package neo4j

import (
	"context"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Neighbourhood implements graph.Reader. Nodes are the anchor and up to
// t.Limit actors within t.Depth hops, nearest first; edges are every
// relationship of the allowed types among those nodes.
func (s *Store) Neighbourhood(ctx context.Context, id string, t graph.Traversal) (graph.Subgraph, error) {
	if err := t.Validate(); err != nil {
		return graph.Subgraph{}, err
	}
	st, err := NeighbourhoodStatement(id, t)
	if err != nil {
		return graph.Subgraph{}, err
	}
	recs, err := s.read(ctx, "neighbourhood", st.Cypher, st.Params)
	if err != nil {
		return graph.Subgraph{}, err
	}
	if len(recs) == 0 {
		return graph.Subgraph{}, graph.Errorf(graph.ENOTFOUND, "no actor with id %q", id)
	}
	nodes, _ := recs[0].Get("nodes")
	edges, _ := recs[0].Get("edges")
	total, _ := recs[0].Get("totalEdges")
	n, _ := total.(int64)
	return graph.Subgraph{Nodes: toActors(nodes), Edges: toRels(edges), TotalEdges: int(n)}, nil
}

// NeighbourhoodStatement is the statement Neighbourhood runs. It walks out
// from the anchor one hop at a time, as a breadth-first search: each layer
// is the actors one hop from the previous layer not seen before, taken in
// id order up to what the limit leaves. It stops as soon as the limit is
// reached, so a hub's depth-2 neighbourhood costs about what its depth-1
// neighbourhood does, and no path is enumerated twice. The result is the
// same as ordering every reachable actor by its distance, then id. With
// an edge budget (t.MaxEdges) it counts the relationships among those
// actors and keeps the strongest.
func NeighbourhoodStatement(id string, t graph.Traversal) (Statement, error) {
	if _, err := hops(t.Depth); err != nil {
		return Statement{}, err
	}
	step, err := relPattern("e", t.Direction, t.Types, "")
	if err != nil {
		return Statement{}, err
	}
	params := map[string]any{"id": id, "limit": t.Limit}
	stepEvidence, err := evidenceWhere("e", t.Evidence, params)
	if err != nil {
		return Statement{}, err
	}
	amongEvidence, _ := evidenceWhere("r", t.Evidence, params)
	among, err := relPattern("r", graph.Outgoing, t.Types, "")
	if err != nil {
		return Statement{}, err
	}
	var b strings.Builder
	b.WriteString(`
		MATCH (a:Actor {id: $id})
		WITH [a] AS nodes, [a] AS frontier`)
	for range t.Depth {
		// nodes holds the anchor too: there is room while size(nodes) <= $limit.
		b.WriteString(`
		CALL {
			WITH nodes, frontier
			UNWIND CASE WHEN size(nodes) <= $limit THEN frontier ELSE [] END AS x
			MATCH (x)` + step + `(y:Actor)
			WHERE NOT y IN nodes AND ` + stepEvidence + `
			WITH DISTINCT y ORDER BY y.id LIMIT $limit
			RETURN collect(y) AS layer
		}
		WITH nodes + layer[..($limit + 1 - size(nodes))] AS nodes, layer AS frontier`)
	}
	b.WriteString(`
		CALL {
			WITH nodes
			UNWIND nodes AS x
			MATCH (x)` + among + `(y:Actor)
			WHERE y IN nodes AND ` + amongEvidence)
	if t.MaxEdges > 0 {
		// The edge budget: the strongest $maxEdges by graph.StrongerEdge
		// (corroboration is the number of distinct sources), then in id
		// order. Only the kept edges are projected: their summaries, with
		// their claim id lists, are most of what the answer weighs.
		params["maxEdges"] = t.MaxEdges
		b.WriteString(`
			WITH DISTINCT r ORDER BY size(r.sourceIds) DESC, r.claimCount DESC, r.id
			WITH collect(r) AS found
			RETURN size(found) AS totalEdges, COLLECT {
				UNWIND found[..$maxEdges] AS r
				WITH r ORDER BY r.id
				RETURN r ` + relProjection + `
			} AS edges
		}`)
	} else {
		b.WriteString(`
			WITH DISTINCT r ORDER BY r.id
			WITH collect(r ` + relProjection + `) AS edges
			RETURN size(edges) AS totalEdges, edges
		}`)
	}
	b.WriteString(`
		RETURN [n IN nodes | n ` + actorProjection + `] AS nodes, edges, totalEdges`)
	return Statement{Cypher: b.String(), Params: params}, nil
}

// pathPool is how many shortest paths are compared to pick one.
const pathPool = 100

// ShortestPaths implements graph.Reader.
func (s *Store) ShortestPaths(ctx context.Context, from, to string, t graph.Traversal, all bool) ([]graph.Path, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if from == to {
		found, err := s.mustFind(ctx, from)
		if err != nil {
			return nil, err
		}
		return []graph.Path{{Nodes: []graph.Actor{found[from]}}}, nil
	}
	st, err := ShortestPathsStatement(from, to, t, all)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "shortest paths", st.Cypher, st.Params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		// No path, or no such actor: only the second is an error. A path
		// found proves both exist, so the common case is one round trip.
		if _, err := s.mustFind(ctx, from, to); err != nil {
			return nil, err
		}
		return nil, nil
	}
	paths := make([]graph.Path, len(recs))
	for i, r := range recs {
		n, _ := r.Get("nodes")
		e, _ := r.Get("edges")
		paths[i] = graph.Path{Nodes: toActors(n), Edges: toRels(e)}
	}
	// Neo4j returns equally short paths in no fixed order; sort for stable answers.
	slices.SortFunc(paths, graph.ComparePaths)
	if !all && len(paths) > 1 {
		paths = paths[:1]
	}
	return paths, nil
}

// ShortestPathsStatement is the path query ShortestPaths runs (it finds no
// rows when either actor does not exist). One path is the first of all shortest
// paths in a stable order, so the same question always gets the same answer.
func ShortestPathsStatement(from, to string, t graph.Traversal, all bool) (Statement, error) {
	q, err := hops(t.Depth)
	if err != nil {
		return Statement{}, err
	}
	walk, err := relPattern("", t.Direction, t.Types, q)
	if err != nil {
		return Statement{}, err
	}
	limit := t.Limit
	if !all {
		limit = pathPool
	}
	params := map[string]any{"from": from, "to": to, "limit": limit}
	where := ""
	if !t.Evidence.IsZero() {
		ev, err := evidenceWhere("r", t.Evidence, params)
		if err != nil {
			return Statement{}, err
		}
		// Checked on each relationship as the search expands it.
		where = "\n\t\tWHERE all(r IN relationships(p) WHERE " + ev + ")"
	}
	return Statement{Cypher: `
		MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
		MATCH p = allShortestPaths((a)` + walk + `(b))` + where + `
		WITH p LIMIT $limit
		RETURN [n IN nodes(p) | n ` + actorProjection + `] AS nodes,
		       [r IN relationships(p) | r ` + relProjection + `] AS edges`,
		Params: params}, nil
}

// mustFind returns the actors with the given ids, or ENOTFOUND naming the
// first id that has none.
func (s *Store) mustFind(ctx context.Context, ids ...string) (map[string]graph.Actor, error) {
	found, err := s.ActorsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := found[id]; !ok {
			return nil, graph.Errorf(graph.ENOTFOUND, "no actor with id %q", id)
		}
	}
	return found, nil
}
