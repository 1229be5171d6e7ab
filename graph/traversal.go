package graph

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

// Matches reports whether a claim holding during iv falls in the window.
func (w TimeWindow) Matches(iv Interval) bool {
	if w.IsZero() {
		return true
	}
	from, to := w.Bounds()
	return iv.Overlaps(from, to)
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
