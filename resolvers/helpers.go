package resolvers

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
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

// paths serves shortestPath and allShortestPaths.
func (r *queryResolver) paths(ctx context.Context, from, to string, maxDepthArg *int, types []graph.RelationType, dir *graph.Direction, limit int, all bool) ([]graph.Path, error) {
	hi := r.limits().MaxTraversalDepth
	d, err := intArg("maxDepth", maxDepthArg, hi, 1, graph.MaxDepth)
	if err != nil {
		return nil, err
	}
	d = min(d, hi)
	return r.Store.ShortestPaths(ctx, from, to, graph.Traversal{Depth: d, Types: types, Direction: orBoth(dir), Limit: limit}, all)
}
