package resolvers

import (
	"context"
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/generated"
)

func loadActor(ctx context.Context, id string) (*graph.Actor, error) {
	a, err := For(ctx).actors.Load(ctx, id)
	if err != nil {
		return nil, mustExist("actor", id, err)
	}
	return &a, nil
}

func ptr[T any](v T) *T { return &v }

// nonNil turns a nil slice into an empty one, so lists are never null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// optional returns nil for the zero value, else a pointer to v: a
// nullable field that is null when the domain leaves it empty.
func optional[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// paths serves shortestPath and allShortestPaths.
func (r *queryResolver) paths(ctx context.Context, from, to string, maxDepthArg *int, types []graph.RelationType, dir *graph.Direction, ev graph.EvidenceFilter, limit int, all bool) ([]graph.Path, error) {
	hi := r.limits().MaxTraversalDepth
	d, err := intArg("maxDepth", maxDepthArg, hi, 1, graph.MaxDepth)
	if err != nil {
		return nil, err
	}
	d = min(d, hi)
	return r.Store.ShortestPaths(ctx, from, to, graph.Traversal{Depth: d, Types: types, Direction: orBoth(dir), Limit: limit, Evidence: ev}, all)
}

var errBothWindows = graph.Errorf(graph.EINVALID, "give asOf or between, not both")

// window turns the asOf and between arguments into a time window.
func window(asOf *graph.Date, between *generated.DateRange) (graph.TimeWindow, error) {
	switch {
	case asOf != nil && between != nil:
		return graph.TimeWindow{}, errBothWindows
	case asOf != nil:
		return graph.TimeWindow{From: string(*asOf), To: string(*asOf)}, nil
	case between != nil:
		w := graph.TimeWindow{From: string(deref(between.From)), To: string(deref(between.To))}
		if from, to := w.Bounds(); from > to {
			return graph.TimeWindow{}, graph.Errorf(graph.EINVALID, "between ends (%s) before it starts (%s)", to, from)
		}
		return w, nil
	}
	return graph.TimeWindow{}, nil
}

// evidenceArgs turns the evidence arguments of the relationship and
// traversal fields into a filter.
func evidenceArgs(certainty []graph.Certainty, own, conditional *bool, asOf *graph.Date, between *generated.DateRange) (graph.EvidenceFilter, error) {
	w, err := window(asOf, between)
	return graph.EvidenceFilter{Certainties: certainty, OwnStatement: own, Conditional: conditional, Window: w}, err
}

// claimPage serves the claims connection. In id order a cursor is the
// last claim's id; in a text search, which has no id order, it is the
// number of hits up to and including the claim.
func (r *queryResolver) claimPage(ctx context.Context, f graph.ClaimFilter, n int, after *string) (*generated.ClaimConnection, error) {
	prefix := "claim"
	if f.Text != "" {
		prefix = "claim-hit"
	}
	afterKey, err := decodeCursor(prefix, after)
	if err != nil {
		return nil, err
	}
	skip := 0
	if f.Text != "" && afterKey != "" {
		if skip, err = strconv.Atoi(afterKey); err != nil || skip < 0 {
			return nil, graph.Errorf(graph.EINVALID, "after is not a cursor from this connection")
		}
	}
	page, err := r.Store.Claims(ctx, f, graph.PageRequest{First: n, After: afterKey})
	if err != nil {
		return nil, err
	}
	key := func(i int, c graph.Claim) string { return c.ID }
	if f.Text != "" {
		key = func(i int, _ graph.Claim) string { return strconv.Itoa(skip + i + 1) }
	}
	out := &generated.ClaimConnection{Nodes: nonNil(page.Claims), TotalCount: page.TotalCount,
		Edges:    make([]generated.ClaimEdge, len(page.Claims)),
		PageInfo: &generated.PageInfo{HasNextPage: page.HasNextPage, HasPreviousPage: afterKey != ""}}
	for i := range page.Claims {
		c := encodeCursor(prefix, key(i, page.Claims[i]))
		out.Edges[i] = generated.ClaimEdge{Cursor: c, Node: &page.Claims[i]}
		if i == 0 {
			out.PageInfo.StartCursor = &c
		}
		out.PageInfo.EndCursor = &c
	}
	return out, nil
}

// network serves the network field: every relationship that passes the
// filters, in one light read, cut down by o (graph.SelectNetwork), and the
// actors the chosen ones join, in a second.
func (r *queryResolver) network(ctx context.Context, o graph.NetworkOptions, ev graph.EvidenceFilter) (*graph.Network, error) {
	rels, err := r.Store.NetworkEdges(ctx, o.Types, ev)
	if err != nil {
		return nil, err
	}
	net, ids, degree := graph.SelectNetwork(rels, o)
	actors, err := r.Store.ActorsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	graph.AddNetworkNodes(&net, ids, actors, degree)
	return &net, nil
}
