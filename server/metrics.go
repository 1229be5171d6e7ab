package server

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// Metrics are the Prometheus metrics the server exports at /metrics. It
// also implements the Neo4j store's QueryObserver, so Cypher durations land
// in the same registry.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.HistogramVec
	errors   *prometheus.CounterVec
	cypher   *prometheus.HistogramVec
	inflight prometheus.Gauge

	mu      sync.Mutex
	allowed map[string]bool // names that may become labels (SetOperations)
	seen    map[string]bool // allowed names seen in a request that succeeded
}

// MaxOperationNames bounds the allow-list of operation names, and so the
// operation label's values.
const MaxOperationNames = 200

// NewMetrics returns metrics in a fresh registry, with the Go runtime and
// process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "actorgraph_graphql_request_duration_seconds",
			Help:    "Duration of GraphQL requests, by operation name (an allowed name seen succeeding; anonymous, refused, other) and HTTP status.",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation", "status"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "actorgraph_graphql_errors_total",
			Help: "Errors returned to GraphQL clients, by kind (the error's extensions.code).",
		}, []string{"kind"}),
		cypher: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "actorgraph_cypher_duration_seconds",
			Help:    "Duration of Cypher queries sent to Neo4j, by query and outcome (ok or an error code).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"query", "outcome"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "actorgraph_graphql_requests_in_flight",
			Help: "GraphQL requests being served.",
		}),
		allowed: map[string]bool{},
		seen:    map[string]bool{},
	}
	m.SetOperations(DefaultMetricOperations())
	m.reg.MustRegister(m.requests, m.errors, m.cypher, m.inflight,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// ObserveQuery implements the Neo4j store's QueryObserver.
func (m *Metrics) ObserveQuery(op string, d time.Duration, code string) {
	if code == "" {
		code = "ok"
	}
	m.cypher.WithLabelValues(op, code).Observe(d.Seconds())
}

// countError counts one error returned to a client.
func (m *Metrics) countError(kind string) { m.errors.WithLabelValues(kind).Inc() }

// SetOperations sets the operation names that may get a label of their
// own (the first MaxOperationNames of them). Clients choose operation
// names, so a name becomes a label only if it is on this list and an
// operation of that name has succeeded; anything else is "other". Junk
// names cannot crowd out the real ones.
func (m *Metrics) SetOperations(names []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.allowed = map[string]bool{}
	for _, n := range names {
		if len(m.allowed) == MaxOperationNames {
			break
		}
		m.allowed[n] = true
	}
}

// DefaultMetricOperations are the operation names of the playground's
// examples.
func DefaultMetricOperations() []string {
	var names []string
	for _, e := range Examples {
		doc, err := parser.ParseQuery(&ast.Source{Input: e.Query})
		if err != nil {
			continue
		}
		for _, op := range doc.Operations {
			if op.Name != "" {
				names = append(names, op.Name)
			}
		}
	}
	return names
}

// operationLabel is the label of an operation name, given whether this
// request succeeded.
func (m *Metrics) operationLabel(name string, succeeded bool) string {
	if name == "" {
		return "anonymous"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case !m.allowed[name]:
		return "other"
	case succeeded:
		m.seen[name] = true
		return name
	case m.seen[name]:
		return name
	}
	return "other"
}

// instrument times every GraphQL request by operation name and status.
func (m *Metrics) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inflight.Inc()
		defer m.inflight.Dec()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		op, ok := "", false
		if ri := infoFrom(r.Context()); ri != nil {
			op, ok = ri.operation(), ri.ok()
		}
		label := m.operationLabel(op, ok)
		if sw.refused {
			label = "refused"
		}
		m.requests.WithLabelValues(label, strconv.Itoa(sw.status)).Observe(time.Since(start).Seconds())
	})
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status  int
	bytes   int
	wrote   bool
	refused bool // refused before GraphQL saw it (size, batching)
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
