package graph

// Article is one piece of reporting whose claims are in the graph.
type Article struct {
	// ID is a stable slug, unique across the graph.
	ID string
	// Title is the headline.
	Title string
	// Dateline is where the article was filed from, if given.
	Dateline string
	// Source names the publication, if known.
	Source string
	// URL is where the article was published, if known.
	URL string
	// PublishedAt is the publication date (YYYY-MM-DD), or "" when it is
	// unknown (claims files must say `unknown` explicitly).
	PublishedAt string
	// Note is optional free text about the article (why its date is
	// unknown, say).
	Note string
	// Text is the full text the claims' quotes and offsets refer to.
	Text string
}

// ArticleLoad is everything a loader writes for one article, validated: the
// article, the actors its claims use, and the claims. The store writes it as
// one unit, all or nothing.
type ArticleLoad struct {
	Article Article
	Actors  []Actor
	Claims  []Claim
}

// LoadResult counts what one load wrote.
type LoadResult struct {
	ArticleID     string
	Actors        int
	Claims        int
	Relationships int // distinct relationships the article's claims support
}

// Stats counts what the graph holds.
type Stats struct {
	Actors        int
	Articles      int
	Claims        int
	Relationships int // actor-to-actor relationships
}
