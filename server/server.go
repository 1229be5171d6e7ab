// Package server is actorgraph's HTTP face: the GraphQL endpoint, the
// playground and the health checks, wired over a graph store.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/generated"
	"github.com/actorgraph/actorgraph/resolvers"
)

// Pinger reports whether the graph database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Options configure the handler.
type Options struct {
	// Playground serves the GraphQL playground at "/".
	Playground bool
	// Introspection allows schema introspection queries.
	Introspection bool
	// Logger receives internal errors; nil means slog.Default().
	Logger *slog.Logger
}

// New returns the HTTP handler: POST and GET /graphql, the playground at /,
// the network view at /explore, exports at /export/{format}, /healthz (the
// process is up) and /readyz (Neo4j answers).
func New(store graph.Reader, db Pinger, opts Options) http.Handler {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	gql := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: &resolvers.Resolver{Store: store}}))
	gql.AddTransport(transport.Options{})
	gql.AddTransport(transport.GET{})
	gql.AddTransport(transport.POST{})
	gql.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if opts.Introspection {
		gql.Use(extension.Introspection{})
	}
	gql.SetErrorPresenter(presentError(log))
	gql.SetRecoverFunc(func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", v)
		return errors.New("internal error")
	})

	mux := http.NewServeMux()
	mux.Handle("/graphql", resolvers.Middleware(store, gql))
	if opts.Playground {
		mux.Handle("GET /{$}", playgroundHandler("/graphql", log))
	}
	mountExplore(mux)
	if src, ok := store.(export.Source); ok {
		mountExport(mux, src, log)
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			http.Error(w, "graph database unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
	return mux
}

// presentError shows clients the domain error's message and code, and
// hides internal details (Cypher, driver messages), which are logged.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var de *graph.Error
		if !errors.As(err, &de) {
			var ge *gqlerror.Error
			if errors.As(err, &ge) && ge.Err == nil {
				return gerr // parse and validation errors from gqlgen itself
			}
		}
		code := graph.ErrorCode(err)
		if code == graph.EINTERNAL {
			log.ErrorContext(ctx, "internal error", "path", gerr.Path.String(), "err", err)
		}
		gerr.Message = graph.ErrorMessage(err)
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		gerr.Extensions["code"] = code
		return gerr
	}
}
