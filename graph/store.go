package graph

import "context"

// Reader answers every read the API needs. Implementations return an *Error
// with ENOTFOUND for a missing single entity, EINVALID for bad arguments and
// EUNAVAILABLE when the database cannot be reached.
type Reader interface {
	// ActorsByID returns the actors with the given ids; missing ids are absent
	// from the map.
	ActorsByID(ctx context.Context, ids []string) (map[string]Actor, error)
	// Actors returns one page of actors in id order.
	Actors(ctx context.Context, f ActorFilter, p PageRequest) (ActorPage, error)
	// Search finds actors by name or alias, tolerating typos.
	Search(ctx context.Context, text string, first int) ([]SearchHit, error)

	// RelationshipsOf returns, for each actor id, its relationships in the
	// given direction, restricted to types (empty: all). One round trip for
	// all ids.
	RelationshipsOf(ctx context.Context, ids []string, dir Direction, types []RelationType) (map[string][]Relationship, error)
	// Relationships returns one page of relationships in id order.
	Relationships(ctx context.Context, f RelationshipFilter, p PageRequest) (RelationshipPage, error)

	// Neighbourhood returns the actors within t.Depth hops of id (at most
	// t.Limit of them, nearest first) and the relationships among them.
	// ENOTFOUND if id does not exist.
	Neighbourhood(ctx context.Context, id string, t Traversal) (Subgraph, error)
	// ShortestPaths returns shortest paths between two actors: one if all is
	// false, every shortest path (at most t.Limit) if true. No path is an
	// empty slice, not an error; ENOTFOUND if either actor does not exist.
	ShortestPaths(ctx context.Context, from, to string, t Traversal, all bool) ([]Path, error)

	// Claims returns one page of the claims that match f: in id order, or,
	// when f.Text is set, best match first. For a text search p.After is
	// not an id but the number of hits already listed (decimal; "" for
	// none), since a relevance order has no id to continue from.
	// EINVALID when f.Text has no letter or digit.
	Claims(ctx context.Context, f ClaimFilter, p PageRequest) (ClaimPage, error)
	// ClaimsByID returns the claims with the given ids.
	ClaimsByID(ctx context.Context, ids []string) (map[string]Claim, error)
	// ClaimsOfArticles returns each article's claims in text order.
	ClaimsOfArticles(ctx context.Context, articleIDs []string) (map[string][]Claim, error)
	// ArticlesByID returns the articles with the given ids.
	ArticlesByID(ctx context.Context, ids []string) (map[string]Article, error)
	// Articles returns every article in id order.
	Articles(ctx context.Context) ([]Article, error)
}

// Writer writes validated articles into the graph.
type Writer interface {
	// LoadArticle writes one article, its actors and its claims in a single
	// transaction. Loading the same article again replaces its claims, so
	// repeated loads change nothing; claims from different articles about
	// the same relationship accumulate on it.
	LoadArticle(ctx context.Context, l ArticleLoad) (LoadResult, error)
	// LoadArticles writes several articles (distinct ids) in a single
	// transaction, as LoadArticle writes one: the group is written whole
	// or not at all. Results are in the order of loads.
	LoadArticles(ctx context.Context, loads []ArticleLoad) ([]LoadResult, error)
	// AliasConflicts checks the names and aliases a load is about to
	// declare against the graph: it returns every name that another actor
	// already has there, ignoring the declarations of the articles in
	// replacing (the load replaces them). Loaders call it before writing
	// and write nothing when it finds one.
	AliasConflicts(ctx context.Context, names []ActorName, replacing []string) ([]AliasConflict, error)
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
