// Package server is actorgraph's HTTP face: the GraphQL endpoint (with its
// limits, error presentation, logs and metrics), the playground, the
// /explore network view, the /review page, exports and the health checks.
// It reaches the graph only through the ports New is given (Ports): the domain's
// graph.Reader, export.Source and a Pinger, whichever adapter implements
// them.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/generated"
	"github.com/actorgraph/actorgraph/resolvers"
)

// Pinger reports whether the graph database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Ports are what the server reaches the graph through: interfaces owned by
// the domain (graph) and by the packages that use them (export, this one),
// each implemented by an adapter: graph/neo4j in the command, graph/inmem
// in tests.
type Ports struct {
	// Graph answers the GraphQL API's reads.
	Graph graph.Reader
	// Export reads what /export/{format} serves; nil serves no exports.
	Export export.Store
	// Health tells /readyz whether the graph database answers; nil reports
	// ready whenever the process runs.
	Health Pinger
	// Curation carries out the mutations that change the graph and reads
	// the audit trail; nil serves a read-only API (every change is
	// refused).
	Curation *curation.Service
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
	// MetricOperations, if not nil, are the operation names that may get
	// a metric label of their own (see Metrics.SetOperations); nil keeps
	// DefaultMetricOperations.
	MetricOperations []string
	// Auth says who may call /graphql and /export: API tokens, anonymous
	// reads, the limit on failed attempts.
	Auth AuthOptions
}

// New returns the HTTP handler over the given ports: POST and GET
// /graphql, the playground at /, the network view at /explore, the review
// page at /review, exports at
// /export/{format}, /healthz (the process is up), /readyz (the graph
// database answers) and /metrics. /graphql and /export read the caller's
// API token (AuthOptions).
func New(p Ports, opts Options) http.Handler {
	store := p.Graph
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	lim := opts.Limits.WithDefaults()
	m := opts.Metrics
	if m == nil {
		m = NewMetrics()
	}
	if opts.MetricOperations != nil {
		m.SetOperations(opts.MetricOperations)
	}
	es := generated.NewExecutableSchema(generated.Config{
		Resolvers:  &resolvers.Resolver{Store: store, Limits: lim.Args, Tokens: opts.Auth.Tokens, Curation: p.Curation},
		Directives: resolvers.Directives(),
		Complexity: resolvers.Complexity(lim.Args),
	})
	adm := newAdmission(lim)
	gql := newGraphQL(es, lim, opts.Introspection, m, log, adm)

	authn := newAuthn(opts.Auth, lim.RequestTimeout, log, m)
	mux := http.NewServeMux()
	mux.Handle("/graphql", m.instrument(authn.authenticate(resolvers.Middleware(store, gql))))
	if opts.Playground {
		mountPlayground(mux, "/graphql")
	}
	mountExplore(mux)
	mountReview(mux)
	if p.Export != nil {
		exports := http.NewServeMux()
		mountExport(exports, p.Export, lim, adm, log)
		mux.Handle("/export/", authn.authenticate(exports))
	}
	mux.Handle("GET /metrics", m.Handler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if p.Health == nil {
			w.Write([]byte("ready\n"))
			return
		}
		if err := p.Health.Ping(ctx); err != nil {
			httpError(w, r, log, graph.Errorf(graph.EUNAVAILABLE, "graph database unavailable"))
			return
		}
		w.Write([]byte("ready\n"))
	})
	return withRequestInfo(accessLog(log, withGuides(cors(opts.CORSOrigins, mux))))
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
