package resolvers

import (
	"context"
	"net/http"
	"strings"
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
