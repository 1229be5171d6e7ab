package export

import (
	"context"
	"fmt"
	"maps"
	"math"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Source is what an export reads: the whole graph or a neighbourhood, and
// the claims and articles behind its relationships.
type Source interface {
	WholeGraph(ctx context.Context) (graph.Subgraph, error)
	Neighbourhood(ctx context.Context, id string, t graph.Traversal) (graph.Subgraph, error)
	ClaimsByID(ctx context.Context, ids []string) (map[string]graph.Claim, error)
	ArticlesByID(ctx context.Context, ids []string) (map[string]graph.Article, error)
	ActorsByID(ctx context.Context, ids []string) (map[string]graph.Actor, error)
}

// MaxNeighbourhood caps the actors a neighbourhood export holds.
const MaxNeighbourhood = 10000

// Request selects what to export and how.
type Request struct {
	// Neighbourhood is "" for the whole graph, otherwise an actor id: the
	// export holds the actors within Depth hops of it (default 1) and the
	// relationships among them.
	Neighbourhood string
	Depth         int
	// Claims says where the network formats put the claims: on the
	// relationships' edges only (ClaimsOnEdges, the default "") or also as
	// claim and article nodes of their own (ClaimsAsNodes).
	Claims ClaimsMode
	// Selection, if given, exports exactly these actors and relationships
	// (what a view has on screen) instead of the whole graph or a
	// neighbourhood; it excludes Neighbourhood.
	Selection *Selection
	// Positions, if given, places actors where a laid-out view drew them
	// (by actor id, in the view's coordinates); actors it does not name are
	// left for the tool to place.
	Positions map[string]Position
}

// Selection names the actors and relationships of a view, by id.
type Selection struct {
	ActorIDs        []string
	RelationshipIDs []string
}

// selectFrom returns the part of the whole graph sel names, in the whole
// graph's order. A relationship must join two of the selected actors; an
// id the graph lacks is ENOTFOUND, naming it (the view is older than the
// graph).
func selectFrom(all graph.Subgraph, sel Selection) (graph.Subgraph, error) {
	actors := map[string]bool{}
	for _, id := range sel.ActorIDs {
		actors[id] = true
	}
	rels := map[string]bool{}
	for _, id := range sel.RelationshipIDs {
		rels[id] = true
	}
	var out graph.Subgraph
	missing := maps.Clone(actors)
	for _, a := range all.Nodes {
		if actors[a.ID] {
			out.Nodes = append(out.Nodes, a)
			delete(missing, a.ID)
		}
	}
	for _, r := range all.Edges {
		if !rels[r.ID] {
			continue
		}
		delete(rels, r.ID)
		for _, end := range []string{r.FromID, r.ToID} {
			if !actors[end] {
				return graph.Subgraph{}, graph.Errorf(graph.EINVALID, "relationship %q joins %q, which is not among the selected actors", r.ID, end)
			}
		}
		out.Edges = append(out.Edges, r)
	}
	if len(missing) > 0 {
		return graph.Subgraph{}, graph.Errorf(graph.ENOTFOUND, "no actor with id %q", sortedKeys(missing)[0])
	}
	if len(rels) > 0 {
		return graph.Subgraph{}, graph.Errorf(graph.ENOTFOUND, "no relationship with id %q", sortedKeys(rels)[0])
	}
	return out, nil
}

// ClaimsMode says where the network formats put the claims.
type ClaimsMode string

const (
	ClaimsOnEdges ClaimsMode = "edges" // per relationship, as list attributes of its edge
	ClaimsAsNodes ClaimsMode = "nodes" // also as claim and article nodes, linked like in Neo4j
)

// ClaimsModes lists every mode, the default first.
var ClaimsModes = []ClaimsMode{ClaimsOnEdges, ClaimsAsNodes}

// ParseClaimsMode returns the mode named s; "" is the default.
func ParseClaimsMode(s string) (ClaimsMode, error) {
	if s == "" {
		return ClaimsOnEdges, nil
	}
	for _, m := range ClaimsModes {
		if string(m) == strings.ToLower(s) {
			return m, nil
		}
	}
	return "", graph.Errorf(graph.EINVALID, "unknown claims mode %q (want %s or %s)", s, ClaimsOnEdges, ClaimsAsNodes)
}

// Data is one export's content: actors and relationships, with the claims
// that support the relationships, the articles those claims come from and
// the actors they are attributed to.
type Data struct {
	Graph    graph.Subgraph
	Claims   []graph.Claim   // in id order
	Articles []graph.Article // in id order
	// Sources are the actors claims are attributed to, in id order (some
	// may be outside a neighbourhood's Graph).
	Sources []graph.Actor
	// ClaimsMode and Positions are the request's.
	ClaimsMode ClaimsMode
	Positions  map[string]Position
}

// Collect reads the data a request selects.
func Collect(ctx context.Context, src Source, req Request) (Data, error) {
	var (
		sg  graph.Subgraph
		err error
	)
	mode, err := ParseClaimsMode(string(req.Claims))
	if err != nil {
		return Data{}, err
	}
	for id, p := range req.Positions {
		if math.IsNaN(p.X) || math.IsInf(p.X, 0) || math.IsNaN(p.Y) || math.IsInf(p.Y, 0) {
			return Data{}, graph.Errorf(graph.EINVALID, "position of %q is not a finite number", id)
		}
	}
	if req.Selection != nil {
		if req.Neighbourhood != "" || req.Depth != 0 {
			return Data{}, graph.Errorf(graph.EINVALID, "a selection excludes a neighbourhood and its depth")
		}
		all, err := src.WholeGraph(ctx)
		if err != nil {
			return Data{}, fmt.Errorf("export: %w", err)
		}
		if sg, err = selectFrom(all, *req.Selection); err != nil {
			return Data{}, err
		}
	} else if req.Neighbourhood == "" {
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
	d := Data{Graph: sg, ClaimsMode: mode, Positions: req.Positions}
	articleIDs := map[string]bool{}
	sourceIDs := map[string]bool{}
	for _, c := range claims {
		d.Claims = append(d.Claims, c)
		articleIDs[c.ArticleID] = true
		if c.AttributedToID != "" {
			sourceIDs[c.AttributedToID] = true
		}
	}
	sort.Slice(d.Claims, func(i, j int) bool { return d.Claims[i].ID < d.Claims[j].ID })
	articles, err := src.ArticlesByID(ctx, sortedKeys(articleIDs))
	if err != nil {
		return Data{}, fmt.Errorf("export: articles: %w", err)
	}
	for _, a := range articles {
		d.Articles = append(d.Articles, a)
	}
	sort.Slice(d.Articles, func(i, j int) bool { return d.Articles[i].ID < d.Articles[j].ID })
	sources, err := src.ActorsByID(ctx, sortedKeys(sourceIDs))
	if err != nil {
		return Data{}, fmt.Errorf("export: sources: %w", err)
	}
	for _, a := range sources {
		d.Sources = append(d.Sources, a)
	}
	sort.Slice(d.Sources, func(i, j int) bool { return d.Sources[i].ID < d.Sources[j].ID })
	return d, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
