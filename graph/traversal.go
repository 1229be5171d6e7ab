package graph

import "strings"

// Subgraph is a set of actors and the relationships among them, in the shape
// network-drawing libraries take as is.
type Subgraph struct {
	Nodes []Actor
	Edges []Relationship
}

// Path is a chain of actors joined by relationships: Edges[i] joins Nodes[i]
// and Nodes[i+1], in either orientation.
type Path struct {
	Nodes []Actor
	Edges []Relationship
}

// Length is the number of relationships on the path.
func (p Path) Length() int { return len(p.Edges) }

// ComparePaths orders paths as Reader.ShortestPaths returns them: by their
// actors' ids, then by their relationships' ids, so that the same question
// always gets the same first path.
func ComparePaths(a, b Path) int {
	return strings.Compare(pathKey(a), pathKey(b))
}

func pathKey(p Path) string {
	var b strings.Builder
	for _, n := range p.Nodes {
		b.WriteString(n.ID)
		b.WriteByte(0)
	}
	for _, e := range p.Edges {
		b.WriteString(e.ID)
		b.WriteByte(0)
	}
	return b.String()
}

// MaxDepth bounds every walk through the graph: a neighbourhood's depth
// and the longest path a path query considers. The actors within reach
// grow about five-fold with each hop on news graphs, so deeper walks cost
// more than one request may; the Neo4j store also relies on it, as hop
// counts are the only numbers it writes into query text.
const MaxDepth = 6

// Traversal limits a walk through the graph.
type Traversal struct {
	// Depth is the maximum number of hops.
	Depth int
	// Types restricts the relationships followed; empty means all.
	Types []RelationType
	// Direction restricts orientation; Both follows either.
	Direction Direction
	// Limit caps the number of nodes (neighbourhood) or paths returned.
	Limit int
}

// Validate returns an EINVALID error naming the first problem of t: a
// depth outside 1..MaxDepth, an unknown direction ("" means Both) or an
// unknown relation type.
func (t Traversal) Validate() error {
	if t.Depth < 1 || t.Depth > MaxDepth {
		return Errorf(EINVALID, "depth must be between 1 and %d, got %d", MaxDepth, t.Depth)
	}
	if t.Direction != "" && !t.Direction.Valid() {
		return Errorf(EINVALID, "unknown direction %q", t.Direction)
	}
	return ValidateRelationTypes(t.Types)
}

// SearchHit is one actor found by full-text search.
type SearchHit struct {
	Actor Actor
	// Score is the full-text relevance score; higher is better.
	Score float64
}

// ActorFilter selects actors for a page.
type ActorFilter struct {
	Kind         ActorKind // "" for any
	NameContains string    // case-insensitive, over name and aliases; "" for any
}

// RelationshipFilter selects relationships for a page. Empty fields match all.
type RelationshipFilter struct {
	Type         RelationType
	Modality     Modality // the relationship's strongest modality
	FromID       string
	ToID         string
	AttributedTo string // at least one supporting claim is attributed to this actor
}

// PageRequest asks for First items whose id sorts after After ("" for the
// first page). The API layer turns ids into opaque cursors.
type PageRequest struct {
	First int
	After string
}

// Validate returns an EINVALID error when p asks for fewer than one item.
func (p PageRequest) Validate() error {
	if p.First < 1 {
		return Errorf(EINVALID, "first must be at least 1, got %d", p.First)
	}
	return nil
}

// ActorPage is one page of actors in id order.
type ActorPage struct {
	Actors      []Actor
	HasNextPage bool
	TotalCount  int
}

// RelationshipPage is one page of relationships in id order.
type RelationshipPage struct {
	Relationships []Relationship
	HasNextPage   bool
	TotalCount    int
}
