package server

import (
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
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

	mu  sync.Mutex
	ops map[string]bool // operation names seen, bounded by maxOperationNames
}

// maxOperationNames bounds the operation label: clients choose operation
// names, so past this many distinct names the rest count as "other".
const maxOperationNames = 200

// NewMetrics returns metrics in a fresh registry, with the Go runtime and
// process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "actorgraph_graphql_request_duration_seconds",
			Help:    "Duration of GraphQL requests, by operation name (anonymous, refused, other) and HTTP status.",
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
		ops: map[string]bool{},
	}
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

var opNameRE = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

// operationLabel bounds the label values a client can create.
func (m *Metrics) operationLabel(name string) string {
	switch {
	case name == "":
		return "anonymous"
	case !opNameRE.MatchString(name):
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ops[name] {
		return name
	}
	if len(m.ops) >= maxOperationNames {
		return "other"
	}
	m.ops[name] = true
	return name
}

// instrument times every GraphQL request by operation name and status.
func (m *Metrics) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inflight.Inc()
		defer m.inflight.Dec()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		op := ""
		if ri := infoFrom(r.Context()); ri != nil {
			op = ri.operation()
		}
		label := m.operationLabel(op)
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
