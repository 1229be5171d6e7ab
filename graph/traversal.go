package graph

import (
	"slices"
	"strings"
)

// Subgraph is a set of actors and the relationships among them, in the shape
// network-drawing libraries take as is.
type Subgraph struct {
	Nodes []Actor
	// Edges are the relationships among Nodes, at most the traversal's
	// MaxEdges of them: the strongest (StrongerEdge), listed in id order.
	Edges []Relationship
	// TotalEdges counts every relationship among Nodes that the traversal
	// follows, kept or not.
	TotalEdges int
}

// Truncated reports whether the edge budget left relationships out.
func (g Subgraph) Truncated() bool { return len(g.Edges) < g.TotalEdges }

// StrongerEdge orders relationships strongest first, as a neighbourhood's
// edge budget keeps them: best corroborated (most distinct sources)
// first, then most claims, then by id, so the order is total and the same
// question always keeps the same edges.
func StrongerEdge(a, b Relationship) int {
	if c := b.Corroboration() - a.Corroboration(); c != 0 {
		return c
	}
	if c := b.ClaimCount() - a.ClaimCount(); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
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
	// MaxEdges is a neighbourhood's edge budget: at most this many of the
	// relationships among its actors, the strongest (StrongerEdge). Zero
	// keeps them all.
	MaxEdges int
	// Evidence restricts the relationships followed to those with claims
	// that match it.
	Evidence EvidenceFilter
}

// EvidenceFilter selects relationships by the claims behind them. Each set
// field means "has at least one claim with …"; several set fields must each
// hold, each for some claim. The zero filter matches every relationship.
type EvidenceFilter struct {
	// Certainties: a claim with one of these certainties.
	Certainties []Certainty
	// OwnStatement, if set: a claim that is (or is not) the subject's own
	// statement.
	OwnStatement *bool
	// Conditional, if set: a claim that is (or is not) conditional.
	Conditional *bool
	// Window: a claim that holds at a date or during a period.
	Window TimeWindow
}

// IsZero reports whether the filter matches everything.
func (f EvidenceFilter) IsZero() bool {
	return len(f.Certainties) == 0 && f.OwnStatement == nil && f.Conditional == nil && f.Window.IsZero()
}

// Validate returns an EINVALID error naming the first problem of f: an
// unknown certainty or a window that ends before it starts.
func (f EvidenceFilter) Validate() error {
	if err := ValidateCertainties(f.Certainties); err != nil {
		return err
	}
	return f.Window.Validate()
}

// Matches reports whether relationship r has claims that match f, reading
// its summary only (as the Neo4j store's filter reads the relationship's
// properties): a claim of one of the certainties; one that is (or is not)
// the subject's own statement, since OwnStatements counts those that are;
// likewise for conditionals; and a claim whose interval meets the window.
func (f EvidenceFilter) Matches(r Relationship) bool {
	if len(f.Certainties) > 0 && !slices.ContainsFunc(r.Certainties(), func(c Certainty) bool { return slices.Contains(f.Certainties, c) }) {
		return false
	}
	count := func(n int, want *bool) bool {
		return want == nil || (*want && n > 0) || (!*want && n < r.ClaimCount())
	}
	if !count(r.OwnStatements, f.OwnStatement) || !count(r.Conditionals, f.Conditional) {
		return false
	}
	if f.Window.IsZero() {
		return true
	}
	from, to := f.Window.Bounds()
	return slices.ContainsFunc(r.Intervals, func(iv string) bool {
		// Intervals are "YYYY-MM-DD/YYYY-MM-DD" (Interval.String).
		a, b, _ := strings.Cut(iv, "/")
		return Interval{From: a, To: b}.Overlaps(from, to)
	})
}

// TimeWindow selects claims by when what they report holds: From and To
// are ISO dates, both included; an asOf date D is the window D..D. The zero
// window selects everything.
type TimeWindow struct {
	From, To string
}

// IsZero reports whether the window selects everything.
func (w TimeWindow) IsZero() bool { return w.From == "" && w.To == "" }

// Bounds returns the window's bounds with open ends filled in.
func (w TimeWindow) Bounds() (from, to string) {
	from, to = w.From, w.To
	if from == "" {
		from = OpenStart
	}
	if to == "" {
		to = OpenEnd
	}
	return from, to
}

// Validate returns an EINVALID error when the window ends before it
// starts.
func (w TimeWindow) Validate() error {
	if from, to := w.Bounds(); from > to {
		return Errorf(EINVALID, "the time window ends (%s) before it starts (%s)", to, from)
	}
	return nil
}

// Matches reports whether a claim holding during iv falls in the window.
func (w TimeWindow) Matches(iv Interval) bool {
	if w.IsZero() {
		return true
	}
	from, to := w.Bounds()
	return iv.Overlaps(from, to)
}

// Validate returns an EINVALID error naming the first problem of t: a
// depth outside 1..MaxDepth, an unknown direction ("" means Both), an
// unknown relation type or a bad evidence filter.
func (t Traversal) Validate() error {
	if t.Depth < 1 || t.Depth > MaxDepth {
		return Errorf(EINVALID, "depth must be between 1 and %d, got %d", MaxDepth, t.Depth)
	}
	if t.Direction != "" && !t.Direction.Valid() {
		return Errorf(EINVALID, "unknown direction %q", t.Direction)
	}
	if t.MaxEdges < 0 {
		return Errorf(EINVALID, "maxEdges must not be negative, got %d", t.MaxEdges)
	}
	if err := ValidateRelationTypes(t.Types); err != nil {
		return err
	}
	return t.Evidence.Validate()
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
	FromID       string
	ToID         string
	AttributedTo string // at least one supporting claim is attributed to this actor
	// Evidence: the claims behind it (see EvidenceFilter).
	Evidence EvidenceFilter
}

// ClaimFilter selects claims for a page. Empty fields match all; set
// fields must all hold for the same claim.
type ClaimFilter struct {
	// Text: full-text search over quotes, tolerant of typos.
	Text string
	// IDs: the claim is one of these (a relationship's claims, say).
	IDs []string
	// ActorID: the actor is the subject or the object.
	ActorID string
	// SubjectID, ObjectID: the subject or the object is this actor.
	SubjectID, ObjectID string
	// Types: the claim supports a relationship of one of these types.
	Types []RelationType
	// Certainties, OwnStatement, Conditional: the modality dimensions.
	Certainties  []Certainty
	OwnStatement *bool
	Conditional  *bool
	// AttributedTo: the claim is attributed to this actor.
	AttributedTo string
	// ArticleID: the claim is stated in this article.
	ArticleID string
	// Publication: the claim's article was published by this source.
	Publication string
	// Window: what the claim reports holds at a date or during a period.
	Window TimeWindow
	// TimeStatuses: the claim's time status is one of these.
	TimeStatuses []TimeStatus
	// Retracted: only retracted claims (true), only unretracted ones
	// (false), or both (nil). The zero filter lists both; the API's
	// default is false.
	Retracted *bool
}

// Validate returns an EINVALID error naming the first problem of f: a text
// without a word to search for, an unknown relation type, certainty or
// time status, or a window that ends before it starts.
func (f ClaimFilter) Validate() error {
	if f.Text != "" && len(SearchWords(f.Text)) == 0 {
		return ErrNoSearchWords
	}
	if err := ValidateRelationTypes(f.Types); err != nil {
		return err
	}
	if err := ValidateCertainties(f.Certainties); err != nil {
		return err
	}
	for _, s := range f.TimeStatuses {
		if !s.Valid() {
			return Errorf(EINVALID, "unknown time status %q", s)
		}
	}
	return f.Window.Validate()
}

// Matches reports whether claim c, stated in article a, meets every field
// of f but Text (which a store's search index answers).
func (f ClaimFilter) Matches(c Claim, a Article) bool {
	switch {
	case len(f.IDs) > 0 && !slices.Contains(f.IDs, c.ID),
		f.ArticleID != "" && c.ArticleID != f.ArticleID,
		f.SubjectID != "" && c.SubjectID != f.SubjectID,
		f.ObjectID != "" && c.ObjectID != f.ObjectID,
		f.ActorID != "" && c.SubjectID != f.ActorID && c.ObjectID != f.ActorID,
		f.AttributedTo != "" && c.AttributedToID != f.AttributedTo,
		f.Publication != "" && a.Source != f.Publication,
		len(f.Types) > 0 && !slices.Contains(f.Types, c.Relation),
		len(f.Certainties) > 0 && !slices.Contains(f.Certainties, c.Certainty),
		f.OwnStatement != nil && c.OwnStatement != *f.OwnStatement,
		f.Conditional != nil && c.Conditional != *f.Conditional,
		f.Retracted != nil && c.Retracted != *f.Retracted,
		len(f.TimeStatuses) > 0 && !slices.Contains(f.TimeStatuses, c.Time.StatusOrOngoing()):
		return false
	}
	return f.Window.Matches(c.Valid)
}

// ClaimPage is one page of claims, in id order (or best match first for a
// text search).
type ClaimPage struct {
	Claims      []Claim
	HasNextPage bool
	TotalCount  int
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
