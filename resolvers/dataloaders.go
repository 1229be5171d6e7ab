package resolvers

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/actorgraph/actorgraph/graph"
)

// Dataloaders batch the nested fields of one request: every key asked for
// while a level of the query is resolved goes to the store in one call.
// Root fields prime them with what their plan read in advance (expand.go),
// so that, with a store that can expand, nested fields find their values
// here and the batches are only the fallback.
type Dataloaders struct {
	actors   *dataloadgen.Loader[string, graph.Actor]
	articles *dataloadgen.Loader[string, graph.Article]
	claims   *dataloadgen.Loader[string, graph.Claim]
	// articleClaims maps an article id to its claims in text order.
	articleClaims *dataloadgen.Loader[string, []graph.Claim]
	rels          *dataloadgen.Loader[relKey, []graph.Relationship]

	// filtered holds, per claim filter (its JSON), a loader of the claims
	// of relationships that match it: a relationship's claims(filter).
	store    graph.Reader
	mu       sync.Mutex
	filtered map[string]*dataloadgen.Loader[relClaims, []graph.Claim]
}

// relClaims is a relationship and the ids of its claims (NUL-joined, so
// the key is comparable).
type relClaims struct {
	id, claimIDs string
}

// FilteredClaims returns the claims of rel that match f, in id order. The
// relationships asked for with the same filter while a level of the query
// is resolved share one store query.
func (d *Dataloaders) FilteredClaims(ctx context.Context, rel *graph.Relationship, f graph.ClaimFilter) ([]graph.Claim, error) {
	key, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	l := d.filtered[string(key)]
	if l == nil {
		l = dataloadgen.NewMappedLoader(func(ctx context.Context, keys []relClaims) (map[relClaims][]graph.Claim, error) {
			return fetchFilteredClaims(ctx, d.store, f, keys)
		}, dataloadgen.WithWait(batchWait))
		d.filtered[string(key)] = l
	}
	d.mu.Unlock()
	return l.Load(ctx, relClaims{id: rel.ID, claimIDs: strings.Join(rel.ClaimIDs, "\x00")})
}

// fetchFilteredClaims asks the store once for the claims of all the
// relationships that match f, and hands each relationship its own.
func fetchFilteredClaims(ctx context.Context, store graph.Reader, f graph.ClaimFilter, keys []relClaims) (map[relClaims][]graph.Claim, error) {
	byRel := make(map[string]relClaims, len(keys))
	f.IDs = nil
	for _, k := range keys {
		byRel[k.id] = k
		if k.claimIDs != "" {
			f.IDs = append(f.IDs, strings.Split(k.claimIDs, "\x00")...)
		}
	}
	out := make(map[relClaims][]graph.Claim, len(keys))
	for _, k := range keys {
		out[k] = []graph.Claim{} // none match: empty, not missing
	}
	if len(f.IDs) == 0 {
		return out, nil
	}
	page, err := store.Claims(ctx, f, graph.PageRequest{First: len(f.IDs)})
	if err != nil {
		return nil, err
	}
	for _, c := range page.Claims {
		if k, ok := byRel[c.RelationshipID()]; ok {
			out[k] = append(out[k], c)
		}
	}
	for _, cs := range out {
		sort.Slice(cs, func(i, j int) bool { return cs[i].ID < cs[j].ID })
	}
	return out, nil
}

// relKey asks for one actor's relationships in one direction and of some
// types (comma-joined, sorted; "" for all).
type relKey = graph.RelationshipsKey

// batchWait is how long a loader collects keys before it queries: long
// enough that the keys of one level, resolved concurrently, share a batch
// even on a busy machine. Only fields the root's plan did not read wait
// for it (see expand.go).
const batchWait = 5 * time.Millisecond

// NewDataloaders returns fresh loaders over store; make one set per request.
func NewDataloaders(store graph.Reader) *Dataloaders {
	opt := dataloadgen.WithWait(batchWait)
	return &Dataloaders{
		store:         store,
		filtered:      map[string]*dataloadgen.Loader[relClaims, []graph.Claim]{},
		actors:        dataloadgen.NewMappedLoader(store.ActorsByID, opt),
		articles:      dataloadgen.NewMappedLoader(store.ArticlesByID, opt),
		claims:        dataloadgen.NewMappedLoader(store.ClaimsByID, opt),
		articleClaims: dataloadgen.NewMappedLoader(store.ClaimsOfArticles, opt),
		rels: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []relKey) (map[relKey][]graph.Relationship, error) {
			return fetchRelationships(ctx, store, keys)
		}, opt),
	}
}

// fetchRelationships makes one store call per distinct (direction, types)
// among the keys; a query usually has one.
func fetchRelationships(ctx context.Context, store graph.Reader, keys []relKey) (map[relKey][]graph.Relationship, error) {
	type group struct {
		dir   graph.Direction
		types string
	}
	ids := map[group][]string{}
	for _, k := range keys {
		g := group{k.Direction, k.Types}
		ids[g] = append(ids[g], k.ActorID)
	}
	out := make(map[relKey][]graph.Relationship, len(keys))
	for g, list := range ids {
		var types []graph.RelationType
		if g.types != "" {
			for _, t := range strings.Split(g.types, ",") {
				types = append(types, graph.RelationType(t))
			}
		}
		got, err := store.RelationshipsOf(ctx, list, g.dir, types)
		if err != nil {
			return nil, err
		}
		for _, id := range list {
			out[relKey{ActorID: id, Direction: g.dir, Types: g.types}] = got[id] // no relationships: empty, not missing
		}
	}
	return out, nil
}

func newRelKey(id string, dir *graph.Direction, types []graph.RelationType) relKey {
	return relKey{ActorID: id, Direction: orBoth(dir), Types: graph.TypesKey(types)}
}

// prime puts what a plan read into the loaders' caches; a key already
// cached keeps its value.
func (d *Dataloaders) prime(x graph.Expanded) {
	for id, a := range x.Actors {
		d.actors.Prime(id, a)
	}
	for k, rels := range x.Relationships {
		d.rels.Prime(k, rels)
	}
	for id, c := range x.Claims {
		d.claims.Prime(id, c)
	}
	for id, a := range x.Articles {
		d.articles.Prime(id, a)
	}
	for id, cs := range x.ArticleClaims {
		d.articleClaims.Prime(id, cs)
	}
}

type ctxKey struct{}

// For returns the request's dataloaders.
func For(ctx context.Context) *Dataloaders {
	return ctx.Value(ctxKey{}).(*Dataloaders)
}

// WithDataloaders returns ctx carrying a fresh set of dataloaders.
func WithDataloaders(ctx context.Context, store graph.Reader) context.Context {
	return context.WithValue(ctx, ctxKey{}, NewDataloaders(store))
}

// Middleware gives every HTTP request its own dataloaders.
func Middleware(store graph.Reader, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(WithDataloaders(r.Context(), store)))
	})
}
