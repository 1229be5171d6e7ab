package export

import (
	"context"
	"fmt"
	"sort"

	"github.com/actorgraph/actorgraph/graph"
)

// Source is what an export reads: the whole graph or a neighbourhood, and
// the claims and articles behind its relationships.
type Source interface {
	WholeGraph(ctx context.Context) (graph.Subgraph, error)
	Neighbourhood(ctx context.Context, id string, t graph.Traversal) (graph.Subgraph, error)
	ClaimsByID(ctx context.Context, ids []string) (map[string]graph.Claim, error)
	ArticlesByID(ctx context.Context, ids []string) (map[string]graph.Article, error)
}

// MaxNeighbourhood caps the actors a neighbourhood export holds.
const MaxNeighbourhood = 10000

// Request selects what to export: the whole graph when Neighbourhood is
// "", otherwise the actors within Depth hops of that actor id.
type Request struct {
	Neighbourhood string
	Depth         int
}

// Data is one export's content: actors and relationships, with the claims
// that support the relationships and the articles those claims come from.
type Data struct {
	Graph    graph.Subgraph
	Claims   []graph.Claim   // in id order
	Articles []graph.Article // in id order
}

// Collect reads the data a request selects.
func Collect(ctx context.Context, src Source, req Request) (Data, error) {
	var (
		sg  graph.Subgraph
		err error
	)
	if req.Neighbourhood == "" {
		if req.Depth != 0 {
			return Data{}, graph.Errorf(graph.EINVALID, "depth needs a neighbourhood actor id")
		}
		sg, err = src.WholeGraph(ctx)
	} else {
		depth := req.Depth
		if depth == 0 {
			depth = 1
		}
		sg, err = src.Neighbourhood(ctx, req.Neighbourhood, graph.Traversal{Depth: depth, Direction: graph.Both, Limit: MaxNeighbourhood})
	}
	if err != nil {
		return Data{}, fmt.Errorf("export: %w", err)
	}
	var claimIDs []string
	for _, e := range sg.Edges {
		claimIDs = append(claimIDs, e.ClaimIDs...)
	}
	claims, err := src.ClaimsByID(ctx, claimIDs)
	if err != nil {
		return Data{}, fmt.Errorf("export: claims: %w", err)
	}
	d := Data{Graph: sg}
	articleIDs := map[string]bool{}
	for _, c := range claims {
		d.Claims = append(d.Claims, c)
		articleIDs[c.ArticleID] = true
	}
	sort.Slice(d.Claims, func(i, j int) bool { return d.Claims[i].ID < d.Claims[j].ID })
	ids := make([]string, 0, len(articleIDs))
	for id := range articleIDs {
		ids = append(ids, id)
	}
	articles, err := src.ArticlesByID(ctx, ids)
	if err != nil {
		return Data{}, fmt.Errorf("export: articles: %w", err)
	}
	for _, a := range articles {
		d.Articles = append(d.Articles, a)
	}
	sort.Slice(d.Articles, func(i, j int) bool { return d.Articles[i].ID < d.Articles[j].ID })
	return d, nil
}
