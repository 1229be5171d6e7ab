package neo4j

import (
	"context"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// ActorsByID implements graph.Reader.
func (s *Store) ActorsByID(ctx context.Context, ids []string) (map[string]graph.Actor, error) {
	recs, err := s.read(ctx, "actors by id", `
		MATCH (a:Actor) WHERE a.id IN $ids
		RETURN a `+actorProjection+` AS actor`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]graph.Actor, len(recs))
	for _, r := range recs {
		v, _ := r.Get("actor")
		a := toActor(v)
		out[a.ID] = a
	}
	return out, nil
}

const actorsPageCypher = `
	CALL {
		MATCH (a:Actor)
		WHERE ($kind IS NULL OR a.kind = $kind)
		  AND ($contains IS NULL OR toLower(a.name) CONTAINS $contains
		       OR any(x IN a.aliases WHERE toLower(x) CONTAINS $contains))
		RETURN count(a) AS total
	}
	CALL {
		MATCH (a:Actor)
		WHERE a.id > $after
		  AND ($kind IS NULL OR a.kind = $kind)
		  AND ($contains IS NULL OR toLower(a.name) CONTAINS $contains
		       OR any(x IN a.aliases WHERE toLower(x) CONTAINS $contains))
		WITH a ORDER BY a.id LIMIT $limit
		RETURN collect(a ` + actorProjection + `) AS page
	}
	RETURN total, page`

// ActorsStatement is the statement Actors runs for one page.
func ActorsStatement(f graph.ActorFilter, p graph.PageRequest) Statement {
	params := map[string]any{"kind": nil, "contains": nil, "after": p.After, "limit": p.First + 1}
	if f.Kind != "" {
		params["kind"] = string(f.Kind)
	}
	if f.NameContains != "" {
		params["contains"] = strings.ToLower(f.NameContains)
	}
	return Statement{Cypher: actorsPageCypher, Params: params}
}

// Actors implements graph.Reader.
func (s *Store) Actors(ctx context.Context, f graph.ActorFilter, p graph.PageRequest) (graph.ActorPage, error) {
	if err := p.Validate(); err != nil {
		return graph.ActorPage{}, err
	}
	st := ActorsStatement(f, p)
	recs, err := s.read(ctx, "actors", st.Cypher, st.Params)
	if err != nil {
		return graph.ActorPage{}, err
	}
	total, _ := recs[0].Get("total")
	page, _ := recs[0].Get("page")
	actors := toActors(page)
	out := graph.ActorPage{TotalCount: int(total.(int64))}
	if len(actors) > p.First {
		actors, out.HasNextPage = actors[:p.First], true
	}
	out.Actors = actors
	return out, nil
}

// Search implements graph.Reader. The text is split into words; each word
// becomes an exact, a prefix and a fuzzy Lucene term, so "Hezbolah" still
// finds Kataib Hezbollah. Words contain only letters and digits, so no
// Lucene syntax from the request reaches the index.
func (s *Store) Search(ctx context.Context, text string, first int) ([]graph.SearchHit, error) {
	q := luceneQuery(text)
	if q == "" {
		return nil, graph.ErrNoSearchWords
	}
	// An exact name or alias match ranks first: "Tehran" finds Iran before
	// "Tehran merchants". The candidate pool is wider than the page so the
	// re-ranking can lift an exact match the index scored lower.
	recs, err := s.read(ctx, "search", `
		CALL db.index.fulltext.queryNodes($index, $query, {limit: $pool}) YIELD node, score
		WITH node, score,
		     toLower(node.name) = $exact OR any(x IN node.aliases WHERE toLower(x) = $exact) AS exact
		RETURN node `+actorProjection+` AS actor, score
		ORDER BY exact DESC, score DESC, actor.id
		LIMIT $first`,
		map[string]any{"index": FulltextIndex, "query": q, "first": first, "pool": first + 20,
			"exact": strings.ToLower(strings.Join(strings.Fields(text), " "))})
	if err != nil {
		return nil, err
	}
	hits := make([]graph.SearchHit, len(recs))
	for i, r := range recs {
		a, _ := r.Get("actor")
		sc, _ := r.Get("score")
		hits[i] = graph.SearchHit{Actor: toActor(a), Score: sc.(float64)}
	}
	return hits, nil
}

// luceneQuery turns free text into a Lucene query over its search words
// (graph.SearchWords): (w^4 OR w*^2 OR w~N) per word, with fuzziness
// growing with length.
func luceneQuery(text string) string {
	words := graph.SearchWords(text)
	clauses := make([]string, 0, len(words))
	for _, w := range words {
		n := len([]rune(w))
		switch {
		case n <= 2:
			clauses = append(clauses, w+"^4")
		case n <= 4:
			clauses = append(clauses, "("+w+"^4 OR "+w+"*^2)")
		case n <= 7:
			clauses = append(clauses, "("+w+"^4 OR "+w+"*^2 OR "+w+"~1)")
		default:
			clauses = append(clauses, "("+w+"^4 OR "+w+"*^2 OR "+w+"~2)")
		}
	}
	return strings.Join(clauses, " ")
}

// ClaimsByID implements graph.Reader.
func (s *Store) ClaimsByID(ctx context.Context, ids []string) (map[string]graph.Claim, error) {
	recs, err := s.read(ctx, "claims by id", `
		MATCH (c:Claim) WHERE c.id IN $ids`+claimMatch+`
		RETURN c `+claimProjection+` AS claim`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]graph.Claim, len(recs))
	for _, r := range recs {
		v, _ := r.Get("claim")
		c := toClaim(v)
		out[c.ID] = c
	}
	return out, nil
}

// ClaimsOfArticles implements graph.Reader.
func (s *Store) ClaimsOfArticles(ctx context.Context, articleIDs []string) (map[string][]graph.Claim, error) {
	recs, err := s.read(ctx, "claims of articles", `
		MATCH (c:Claim)-[:STATED_IN]->(a:Article) WHERE a.id IN $ids`+claimMatch+`
		RETURN c `+claimProjection+` AS claim
		ORDER BY c.start, c.id`, map[string]any{"ids": articleIDs})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]graph.Claim, len(articleIDs))
	for _, r := range recs {
		v, _ := r.Get("claim")
		c := toClaim(v)
		out[c.ArticleID] = append(out[c.ArticleID], c)
	}
	return out, nil
}

const articleProjection = `{.id, .title, .dateline, .source, .url, .publishedAt, .note, .text}`

// ArticlesByID implements graph.Reader.
func (s *Store) ArticlesByID(ctx context.Context, ids []string) (map[string]graph.Article, error) {
	recs, err := s.read(ctx, "articles by id", `
		MATCH (a:Article) WHERE a.id IN $ids
		RETURN a `+articleProjection+` AS article`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]graph.Article, len(recs))
	for _, r := range recs {
		v, _ := r.Get("article")
		a := toArticle(v)
		out[a.ID] = a
	}
	return out, nil
}

// Articles implements graph.Reader.
func (s *Store) Articles(ctx context.Context) ([]graph.Article, error) {
	recs, err := s.read(ctx, "articles", `
		MATCH (a:Article)
		RETURN a `+articleProjection+` AS article ORDER BY a.id`, nil)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Article, len(recs))
	for i, r := range recs {
		v, _ := r.Get("article")
		out[i] = toArticle(v)
	}
	return out, nil
}

// ArticleIDs implements graph.Reader.
func (s *Store) ArticleIDs(ctx context.Context) ([]string, error) {
	recs, err := s.read(ctx, "article ids", `
		MATCH (a:Article)
		RETURN a.id AS id ORDER BY id`, nil)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		v, _ := r.Get("id")
		out[i], _ = v.(string)
	}
	return out, nil
}

// Declarations implements graph.Reader: each article's NAMES, with the
// actor's name and kind.
func (s *Store) Declarations(ctx context.Context, articleIDs []string) (map[string][]graph.Actor, error) {
	recs, err := s.read(ctx, "declarations", `
		MATCH (art:Article)-[n:NAMES]->(a:Actor) WHERE art.id IN $ids
		RETURN art.id AS article, {id: a.id, name: a.name, kind: a.kind, aliases: n.aliases, description: n.description} AS actor
		ORDER BY article, a.id`, map[string]any{"ids": articleIDs})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]graph.Actor, len(articleIDs))
	for _, r := range recs {
		art, _ := r.Get("article")
		v, _ := r.Get("actor")
		id, _ := art.(string)
		a := toActor(v)
		if a.Aliases == nil {
			a.Aliases = []string{}
		}
		a.Version = 0 // a declaration is an article's words, not the actor's versioned state
		out[id] = append(out[id], a)
	}
	return out, nil
}
