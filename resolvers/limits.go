package resolvers

import (
	"math"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/generated"
)

// Limits are the ceilings on arguments. A request outside them gets an
// EINVALID error naming the argument and its range.
type Limits struct {
	// MaxPage caps `first` on actors, relationships, claims and search
	// (default 100).
	MaxPage int
	// MaxNeighbours caps neighbourhood's `limit` (default 1000).
	MaxNeighbours int
	// MaxNeighbourhoodEdges caps neighbourhood's `maxEdges` (default 5000).
	MaxNeighbourhoodEdges int
	// MaxPaths caps allShortestPaths' `limit` (default 100).
	MaxPaths int
	// MaxTraversalDepth caps neighbourhood's `depth` and the paths'
	// `maxDepth` (default and ceiling: 6). A larger maxDepth on a path query
	// is lowered to it, since it only widens the search.
	MaxTraversalDepth int
	// MaxSearchLength caps search text, in characters (default 500).
	MaxSearchLength int
	// MaxNetwork caps network's `limit`, the relationships one answer
	// draws (default 20000).
	MaxNetwork int
}

// DefaultLimits returns the limits used when none are configured.
func DefaultLimits() Limits {
	return Limits{MaxPage: 100, MaxNeighbours: 1000, MaxNeighbourhoodEdges: 5000, MaxPaths: 100, MaxTraversalDepth: graph.MaxDepth, MaxSearchLength: 500, MaxNetwork: 20000}
}

// WithDefaults fills zero fields from DefaultLimits and keeps the traversal
// depth within what the store allows.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	fill := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	fill(&l.MaxPage, d.MaxPage)
	fill(&l.MaxNeighbours, d.MaxNeighbours)
	fill(&l.MaxNeighbourhoodEdges, d.MaxNeighbourhoodEdges)
	fill(&l.MaxPaths, d.MaxPaths)
	fill(&l.MaxTraversalDepth, d.MaxTraversalDepth)
	fill(&l.MaxSearchLength, d.MaxSearchLength)
	fill(&l.MaxNetwork, d.MaxNetwork)
	l.MaxTraversalDepth = min(l.MaxTraversalDepth, graph.MaxDepth)
	return l
}

// Cost estimates behind the complexity of list fields whose length no
// argument bounds: how many items such a list holds on a typical graph.
const (
	// FanOut is the expected number of relationships (or neighbours) of an actor.
	FanOut = 10
	// ClaimsPerRelationship is the expected number of claims behind one relationship.
	ClaimsPerRelationship = 3
	// ClaimsPerArticle is the expected number of claims in one article.
	ClaimsPerArticle = 50
	// ArticlesListed is the expected number of articles `articles` returns.
	ArticlesListed = 50
	// FilteredClaimsQuery is the cost of the store query behind a
	// relationship's claims with a filter (one per filter and level of
	// the query, shared by the relationships there), on top of its claims.
	FilteredClaimsQuery = 10
	// NetworkQuery is the cost of the read behind `network`: every
	// relationship that passes its evidence filters, a whole-graph read.
	NetworkQuery = 5000
	// TraversalBase is the cost of one hop of a variable-length traversal;
	// a walk of depth d costs TraversalBase^d, since the paths Neo4j has to
	// expand grow that way.
	TraversalBase = 5
)

// Complexity returns the per-field costs the complexity limit adds up. A
// field's cost is its children's cost times how many items it can return
// (its page size or limit, or the estimates above), plus the work of the
// query behind it: a traversal's cost grows exponentially with its depth.
// Arguments outside the limits are costed at the ceiling (the resolver
// refuses them anyway), so no argument can overflow the sum.
func Complexity(l Limits) generated.ComplexityRoot {
	l = l.WithDefaults()
	var c generated.ComplexityRoot
	list := func(n, child int) int { return sat(1, mul(n, child)) }

	c.Query.Actors = func(child int, _ *graph.ActorKind, _ *string, first *int, _ *string) int {
		return list(clamp(first, DefaultActorsFirst, l.MaxPage), child)
	}
	c.Query.Relationships = func(child int, _ *graph.RelationType, _, _, _ *string, _ []graph.Certainty, _, _ *bool, _ *graph.Date, _ *generated.DateRange, first *int, _ *string) int {
		return list(clamp(first, DefaultRelationshipsFirst, l.MaxPage), child)
	}
	c.Query.Claims = func(child int, _ *graph.ClaimFilter, first *int, _ *string) int {
		return list(clamp(first, DefaultClaimsFirst, l.MaxPage), child)
	}
	c.Query.Search = func(child int, _ string, first *int) int {
		return sat(5, mul(clamp(first, DefaultSearchFirst, l.MaxPage), child))
	}
	c.Query.Neighbourhood = func(child int, _ string, depth *int, _ []graph.RelationType, _ *graph.Direction, limit, _ *int, _ []graph.Certainty, _, _ *bool, _ *graph.Date, _ *generated.DateRange) int {
		return sat(traversal(clamp(depth, DefaultNeighbourhoodDepth, l.MaxTraversalDepth)), mul(clamp(limit, DefaultNeighbourhoodLimit, l.MaxNeighbours), child))
	}
	c.Query.ShortestPath = func(child int, _, _ string, maxDepth *int, _ []graph.RelationType, _ *graph.Direction, _ []graph.Certainty, _, _ *bool, _ *graph.Date, _ *generated.DateRange) int {
		d := clamp(maxDepth, l.MaxTraversalDepth, l.MaxTraversalDepth)
		return sat(10*d, mul(d+1, child))
	}
	c.Query.AllShortestPaths = func(child int, _, _ string, maxDepth *int, _ []graph.RelationType, _ *graph.Direction, limit *int, _ []graph.Certainty, _, _ *bool, _ *graph.Date, _ *generated.DateRange) int {
		d := clamp(maxDepth, l.MaxTraversalDepth, l.MaxTraversalDepth)
		return sat(10*d, mul(clamp(limit, DefaultPathsLimit, l.MaxPaths), mul(d+1, child)))
	}
	// network costs its read plus one per relationship it may draw: its
	// items (NetworkNode, NetworkEdge) have scalar fields only, come from
	// that read, and cost nothing more however many fields are selected;
	// an actor comes with the relationships that join it. The read alone
	// makes it an expensive operation for admission control.
	c.Query.Network = func(_ int, limit, _, _ *int, _ []graph.RelationType, _ []graph.Certainty, _, _ *bool, _ *graph.Date, _ *generated.DateRange) int {
		return sat(NetworkQuery, clamp(limit, DefaultNetworkLimit, l.MaxNetwork))
	}
	c.Query.Articles = func(child int) int { return list(ArticlesListed, child) }

	c.Actor.Relationships = func(child int, _ *graph.Direction, _ []graph.RelationType) int { return list(FanOut, child) }
	c.Actor.Neighbours = func(child int, _ *graph.Direction, _ []graph.RelationType) int { return list(FanOut, child) }
	c.Relationship.Claims = func(child int, filter *graph.ClaimFilter) int {
		if filter != nil { // one store query per relationship
			return sat(FilteredClaimsQuery, list(ClaimsPerRelationship, child))
		}
		return list(ClaimsPerRelationship, child)
	}
	c.Article.Claims = func(child int) int { return list(ClaimsPerArticle, child) }
	return c
}

// traversal is the cost of walking up to d hops.
func traversal(d int) int {
	n := 1
	for range d {
		n = mul(n, TraversalBase)
	}
	return n
}

// clamp returns *v (def when nil) within [1, hi].
func clamp(v *int, def, hi int) int {
	n := def
	if v != nil {
		n = *v
	}
	return max(1, min(n, hi))
}

// mul and sat multiply and add without overflowing: a huge product
// saturates at MaxInt and is refused by the limit, never wrapped negative.
func mul(a, b int) int {
	if a <= 0 || b <= 0 {
		return max(a, b, 1)
	}
	if a > math.MaxInt/b {
		return math.MaxInt
	}
	return a * b
}

func sat(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}
