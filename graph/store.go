package graph

import "context"

// Reader answers every read the API needs. Implementations return an *Error
// with ENOTFOUND for a missing single entity, EINVALID for bad arguments,
// ETIMEOUT when the context's deadline passes and EUNAVAILABLE when the
// database cannot be reached. graph/neo4j implements it over Neo4j and
// graph/inmem in memory; graph/neo4j's contract test holds the two to the
// same answers.
type Reader interface {
	// ActorsByID returns the actors with the given ids; missing ids are absent
	// from the map.
	ActorsByID(ctx context.Context, ids []string) (map[string]Actor, error)
	// Actors returns one page of actors in id order; EINVALID if the page
	// asks for no items.
	Actors(ctx context.Context, f ActorFilter, p PageRequest) (ActorPage, error)
	// Search finds at most first actors by name or alias, tolerating typos,
	// best first: an exact name or alias before anything else, then by
	// score, then by id. EINVALID if text has no letter or digit.
	Search(ctx context.Context, text string, first int) ([]SearchHit, error)

	// RelationshipsOf returns, for each actor id, its relationships in the
	// given direction, restricted to types (empty: all), in id order; an
	// actor with none has an empty list, an id with no actor is absent.
	// One round trip for all ids. EINVALID for an unknown type or direction.
	RelationshipsOf(ctx context.Context, ids []string, dir Direction, types []RelationType) (map[string][]Relationship, error)
	// Relationships returns one page of relationships in id order;
	// EINVALID for an unknown type or a page asking for no items.
	Relationships(ctx context.Context, f RelationshipFilter, p PageRequest) (RelationshipPage, error)

	// Neighbourhood returns the actor id first, then at most t.Limit actors
	// within t.Depth hops of it, nearest first and in id order at each
	// distance, and every relationship of t.Types among them, in id order.
	// ENOTFOUND if id does not exist; EINVALID if t is not valid.
	Neighbourhood(ctx context.Context, id string, t Traversal) (Subgraph, error)
	// ShortestPaths returns shortest paths between two actors of at most
	// t.Depth hops, ordered by their actor ids, then relationship ids: the
	// first if all is false, every one (at most t.Limit) if true. A path
	// from an actor to itself has no edges. No path is an empty slice, not
	// an error; ENOTFOUND if either actor does not exist; EINVALID if t is
	// not valid.
	ShortestPaths(ctx context.Context, from, to string, t Traversal, all bool) ([]Path, error)

	// NetworkEdges returns every relationship of one of types (empty: all)
	// that passes ev, summarised for drawing, in id order: the whole
	// graph's relationships in one light read, for Network. EINVALID for
	// an unknown type or an invalid filter.
	NetworkEdges(ctx context.Context, types []RelationType, ev EvidenceFilter) ([]NetworkEdge, error)

	// Claims returns one page of the claims that match f: in id order, or,
	// when f.Text is set, best match first. For a text search p.After is
	// not an id but the number of hits already listed (decimal; "" for
	// none), since a relevance order has no id to continue from.
	// EINVALID when f.Text has no letter or digit.
	Claims(ctx context.Context, f ClaimFilter, p PageRequest) (ClaimPage, error)
	// ClaimsByID returns the claims with the given ids.
	ClaimsByID(ctx context.Context, ids []string) (map[string]Claim, error)
	// ClaimsOfArticles returns each article's claims in text order (by
	// start offset, then id); an article without claims is absent.
	ClaimsOfArticles(ctx context.Context, articleIDs []string) (map[string][]Claim, error)
	// ArticlesByID returns the articles with the given ids.
	ArticlesByID(ctx context.Context, ids []string) (map[string]Article, error)
	// Articles returns every article in id order.
	Articles(ctx context.Context) ([]Article, error)
	// ArticleIDs returns every article's id, in order: what an export that
	// reads articles a batch at a time starts from.
	ArticleIDs(ctx context.Context) ([]string, error)
	// Declarations returns each article's declarations of its actors (its
	// claims file's actors entries), in actor id order: the actor's id,
	// name and kind, with the aliases and description that article gives
	// it. An article with none is absent.
	Declarations(ctx context.Context, articleIDs []string) (map[string][]Actor, error)
}

// Writer writes validated articles into the graph.
type Writer interface {
	// LoadArticles writes articles (distinct ids, else EINVALID), their
	// actors and their claims as one unit: the group is written whole or
	// not at all. Loading an article again replaces its claims, so
	// repeated loads change nothing; claims from different articles about
	// the same relationship accumulate on it. Results are in the order of
	// loads.
	LoadArticles(ctx context.Context, loads []ArticleLoad) ([]LoadResult, error)
	// AliasConflicts checks the names and aliases a load is about to
	// declare against the graph: it returns every name that another actor
	// already has there, ignoring the declarations of the articles in
	// replacing (the load replaces them). Loaders call it before writing
	// and write nothing when it finds one.
	AliasConflicts(ctx context.Context, names []ActorName, replacing []string) ([]AliasConflict, error)
	// CuratedArticles returns, of the articles ids, those whose claims
	// were changed through the API since the article was last loaded or
	// committed (a claim at a version above 1, or retracted), in id order.
	// Loading such an article replaces its claims at version 1, so
	// loaders call it before writing and refuse to replace those unless
	// told to.
	CuratedArticles(ctx context.Context, ids []string) ([]CuratedArticle, error)
}

// CuratedArticle is an article whose claims were changed through the API
// since it was last loaded or committed.
type CuratedArticle struct {
	ArticleID string
	// Curated counts the article's claims changed since (updated,
	// retracted, restored or moved by a merge); Claims counts them all.
	Curated, Claims int
}

// ActorName is one name or alias a load declares for an actor.
type ActorName struct {
	// Name is the name or alias as written.
	Name string
	// ActorID is the actor it names.
	ActorID string
}

// AliasConflict is a name or alias a load declares for one actor that
// another actor in the graph already has.
type AliasConflict struct {
	// Name is the name or alias as the load writes it.
	Name string
	// ActorID is the actor the load declares it for.
	ActorID string
	// OtherID and OtherName identify the actor in the graph that has it.
	OtherID, OtherName string
}
