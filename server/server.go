// Package server is actorgraph's HTTP face: the GraphQL endpoint, the
// playground and the health checks, wired over a graph store.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
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
	// Logger receives one line per request and every internal error; nil
	// means slog.Default(). Wrap its handler with LogHandler to get the
	// request id and operation name on every line.
	Logger *slog.Logger
	// Limits bound what one request may cost; zero fields take DefaultLimits.
	Limits Limits
	// CORSOrigins are the origins browsers may call the API from ("*" for
	// any); none means same-origin only.
	CORSOrigins []string
	// Metrics, if set, is the registry served at /metrics (give the same
	// one to the store as its QueryObserver); nil creates one.
	Metrics *Metrics
}

// New returns the HTTP handler: POST and GET /graphql, the playground at /,
// the network view at /explore, exports at /export/{format}, /healthz (the
// process is up), /readyz (Neo4j answers) and /metrics.
func New(store graph.Reader, db Pinger, opts Options) http.Handler {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	lim := opts.Limits.WithDefaults()
	m := opts.Metrics
	if m == nil {
		m = NewMetrics()
	}
	gql := handler.New(generated.NewExecutableSchema(generated.Config{
		Resolvers:  &resolvers.Resolver{Store: store, Limits: lim.Args},
		Complexity: resolvers.Complexity(lim.Args),
	}))
	gql.AddTransport(transport.Options{})
	gql.AddTransport(transport.GET{})
	gql.AddTransport(postTransport{})
	gql.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	gql.SetParserTokenLimit(lim.MaxTokens)
	if opts.Introspection {
		gql.Use(extension.Introspection{})
	}
	gql.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](lim.APQCacheSize)})
	gql.Use(operationName{})
	gql.Use(shapeLimit{maxDepth: lim.MaxDepth, maxAliases: lim.MaxAliases})
	gql.Use(extension.FixedComplexityLimit(lim.MaxComplexity))
	gql.SetErrorPresenter(presentError(log, m))
	gql.SetRecoverFunc(func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", v, "stack", string(debug.Stack()))
		return errors.New("internal error")
	})

	mux := http.NewServeMux()
	mux.Handle("/graphql", m.instrument(guardBody(lim, m, resolvers.Middleware(store, gql))))
	if opts.Playground {
		mux.Handle("GET /{$}", playgroundHandler("/graphql", log))
	}
	mountExplore(mux)
	if src, ok := store.(export.Source); ok {
		mountExport(mux, src, log)
	}
	mux.Handle("GET /metrics", m.Handler())
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
	return withRequestInfo(accessLog(log, cors(opts.CORSOrigins, mux)))
}

// accessLog writes one line per request.
func accessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics" {
			return // probes and scrapes would drown the log
		}
		log.InfoContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path,
			"status", sw.status, "bytes", sw.bytes, "duration_ms", float64(time.Since(start).Microseconds())/1000)
	})
}

// operationName records the operation's name for logs and metrics: the
// request's operationName, or the name of the document's operation.
type operationName struct{}

var (
	_ graphql.OperationParameterMutator = operationName{}
	_ graphql.OperationContextMutator   = operationName{}
)

func (operationName) ExtensionName() string                          { return "OperationName" }
func (operationName) Validate(schema graphql.ExecutableSchema) error { return nil }

func (operationName) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if ri := infoFrom(ctx); ri != nil && p.OperationName != "" {
		ri.setOperation(p.OperationName)
	}
	return nil
}

func (operationName) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if ri := infoFrom(ctx); ri != nil && op.Operation != nil && op.Operation.Name != "" {
		ri.setOperation(op.Operation.Name)
	}
	return nil
}

// errIntrospectionDisabled replaces gqlgen's plain error when introspection
// is switched off, which would otherwise show as an internal error.
var errIntrospectionDisabled = graph.Errorf(graph.EINVALID, "introspection disabled: this server does not serve its schema")

// presentError shows clients the domain error's message and code, and
// hides internal details (Cypher, driver messages), which are logged.
func presentError(log *slog.Logger, m *Metrics) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var de *graph.Error
		if !errors.As(err, &de) {
			var ge *gqlerror.Error
			if errors.As(err, &ge) && ge.Err == nil {
				// parse, validation and limit errors from gqlgen itself
				kind, _ := gerr.Extensions["code"].(string)
				if kind == "" {
					kind = "GRAPHQL_ERROR"
				}
				m.countError(kind)
				return gerr
			}
		}
		if strings.HasSuffix(err.Error(), "introspection disabled") {
			err = errIntrospectionDisabled
		}
		code := graph.ErrorCode(err)
		m.countError(code)
		switch code {
		case graph.EINTERNAL:
			log.ErrorContext(ctx, "internal error", "path", gerr.Path.String(), "err", err)
		case graph.EUNAVAILABLE, graph.ETIMEOUT:
			log.WarnContext(ctx, "query failed", "code", code, "path", gerr.Path.String(), "err", err)
		}
		gerr.Message = graph.ErrorMessage(err)
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		gerr.Extensions["code"] = code
		return gerr
	}
}
