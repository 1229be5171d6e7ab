package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/server"
)

// testServer is the real handler over the seed held in memory (graph/inmem),
// logging to a buffer. These tests are about HTTP and GraphQL behaviour;
// the ones that need Neo4j itself are in e2e/. They send plain HTTP rather
// than go through gqlgen's client (as the resolvers' tests do) because
// they check what that client hides: statuses, headers, raw bodies.
type testServer struct {
	t     testing.TB
	store *inmem.Store
	srv   *httptest.Server
	log   *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func newServer(t testing.TB, opts server.Options, wrap ...func(graph.Reader) graph.Reader) *testServer {
	t.Helper()
	store := seedtest.MustGraph(t)
	var reader graph.Reader = store
	for _, w := range wrap {
		reader = w(reader)
	}
	buf := &syncBuffer{}
	opts.Logger = slog.New(server.LogHandler(slog.NewJSONHandler(buf, nil)))
	srv := httptest.NewServer(server.New(server.Ports{Graph: reader, Export: store, Health: store}, opts))
	t.Cleanup(srv.Close)
	return &testServer{t: t, store: store, srv: srv, log: buf}
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	status int
	header http.Header
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
	raw    string
}

func (s *testServer) post(body any, header ...string) response {
	s.t.Helper()
	var b []byte
	switch v := body.(type) {
	case string:
		b = []byte(v)
	default:
		b, _ = json.Marshal(v)
	}
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return s.do(req)
}

func (s *testServer) query(q string, vars map[string]any) response {
	s.t.Helper()
	return s.post(map[string]any{"query": q, "variables": vars})
}

func (s *testServer) do(req *http.Request) response {
	s.t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, header: res.Header, raw: string(raw)}
	if ct := res.Header.Get("Content-Type"); strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "application/graphql-response+json") {
		if err := json.Unmarshal(raw, &out); err != nil {
			s.t.Fatalf("status %d, undecodable body %q: %v", res.StatusCode, raw, err)
		}
	}
	return out
}

func (r response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

func TestCostLimits(t *testing.T) {
	s := newServer(t, server.Options{})
	aliases := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, " a%d: actor(id: \"iran\") { id }", i)
		}
		return b.String() + " }"
	}
	nested := func(levels int) string {
		q := "name"
		for range levels {
			q = "relationships { from { " + q + " } }"
		}
		return `{ actor(id: "iran") { ` + q + ` } }`
	}
	cases := []struct {
		name   string
		query  string
		code   string // "" means the query must succeed
		status int
		msg    string
	}{
		{"default neighbourhood", `{ neighbourhood(id: "iran") { nodes { id label kind } edges { id type source target certainty claimCount } } }`, "", 200, ""},
		{"deep but narrow neighbourhood", `{ neighbourhood(id: "iran", depth: 6, limit: 100) { nodes { id } edges { id } } }`, "", 200, ""},
		{"deep and wide neighbourhood", `{ neighbourhood(id: "iran", depth: 6, limit: 1000) { nodes { id label kind } edges { id type source target certainty claimCount } } }`, "COMPLEXITY_LIMIT_EXCEEDED", 200, "exceeds the limit of 25000"},
		{"a page of actors with nested fields", `{ actors(first: 100) { nodes { id degree neighbours { id degree }
			relationships { from { name } to { name } claims { quote attributedTo { name } article { title } } } } } }`, "", 200, ""},
		{"two hundred actors per page", `{ actors(first: 200) { nodes { id } } }`, graph.EINVALID, 200, "first must be between 1 and 100"},
		{"traversal deeper than 6", `{ neighbourhood(id: "iran", depth: 7) { nodes { id } } }`, graph.EINVALID, 200, "depth must be between 1 and 6"},
		{"30 aliases", aliases(30), "", 200, ""},
		{"31 aliases", aliases(31), graph.ELIMIT, 200, "more than 30 aliases"},
		{"alias amplification of traversals", `{ a: neighbourhood(id: "iran", depth: 6, limit: 100) { nodes { id } }
			b: neighbourhood(id: "iraq", depth: 6, limit: 100) { nodes { id } } }`, "COMPLEXITY_LIMIT_EXCEEDED", 200, "exceeds the limit"},
		{"huge first cannot overflow the cost", `{ actors(first: 2147483647) { nodes { relationships { claims { article { claims { id } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED", 200, "exceeds the limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := s.query(c.query, nil)
			if r.status != c.status || r.code() != c.code || (c.msg != "" && !strings.Contains(r.Errors[0].Message, c.msg)) {
				t.Fatalf("status %d, errors %+v; want status %d, code %q, message with %q", r.status, r.Errors, c.status, c.code, c.msg)
			}
		})
	}
	// Depth is measured apart from cost: a server allowing 5 levels.
	shallow := newServer(t, server.Options{Introspection: true, Limits: server.Limits{MaxDepth: 5}})
	if r := shallow.query(nested(1), nil); len(r.Errors) != 0 {
		t.Fatalf("4 levels: %+v", r.Errors)
	}
	if r := shallow.query(nested(2), nil); r.code() != graph.ELIMIT || !strings.Contains(r.Errors[0].Message, "nests more than 5 levels deep") {
		t.Fatalf("6 levels: %+v", r.Errors)
	}
	// Fragments count where they are spread.
	if r := shallow.query(`fragment F on Actor { relationships { from { relationships { from { id } } } } } { actor(id: "iran") { ...F } }`, nil); r.code() != graph.ELIMIT {
		t.Fatalf("6 levels through a fragment: %+v", r.Errors)
	}
	// Introspection counts against the depth limit too, except for the
	// steps of ofType chains (bounded by the schema), so the playground's
	// schema query works.
	r := shallow.query(`{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } } }`, nil)
	if len(r.Errors) != 0 {
		t.Fatalf("introspection: %+v", r.Errors)
	}
}

func TestRequestLimits(t *testing.T) {
	s := newServer(t, server.Options{Limits: server.Limits{MaxBodyBytes: 2000}})
	big := map[string]any{"query": `{ actor(id: "iran") { id } }`, "variables": map[string]any{"pad": strings.Repeat("x", 3000)}}
	cases := []struct {
		name   string
		req    func() *http.Request
		status int
		code   string
		msg    string
	}{
		{"oversized body", func() *http.Request {
			b, _ := json.Marshal(big)
			return mustReq(http.MethodPost, s.srv.URL+"/graphql", b)
		}, 413, graph.ELIMIT, "request body is larger than the limit of 2000 bytes"},
		{"oversized body without a length", func() *http.Request {
			b, _ := json.Marshal(big)
			r := mustReq(http.MethodPost, s.srv.URL+"/graphql", b)
			r.ContentLength = -1
			r.Body = io.NopCloser(bytes.NewReader(b))
			return r
		}, 413, graph.ELIMIT, "larger than the limit"},
		{"oversized GET", func() *http.Request {
			return mustReq(http.MethodGet, s.srv.URL+"/graphql?query="+url.QueryEscape("{ actor(id: \""+strings.Repeat("x", 3000)+"\") { id } }"), nil)
		}, 413, graph.ELIMIT, "query string is longer than the limit"},
		{"batched operations", func() *http.Request {
			return mustReq(http.MethodPost, s.srv.URL+"/graphql", []byte(` [{"query":"{ articles { id } }"},{"query":"{ articles { id } }"}]`))
		}, 400, graph.EINVALID, "batched operations are not supported"},
		{"not JSON", func() *http.Request {
			return mustReq(http.MethodPost, s.srv.URL+"/graphql", []byte(`{"query": `))
		}, 400, graph.EINVALID, "could not be decoded"},
		{"too many tokens", func() *http.Request {
			b, _ := json.Marshal(map[string]any{"query": "{ " + strings.Repeat("a ", 990) + "}"})
			return mustReq(http.MethodPost, s.srv.URL+"/graphql", b)
		}, 200, "", ""}, // within 2000 bytes and the token limit, but one field repeated
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := s.do(c.req())
			if c.name == "too many tokens" {
				if r.code() != graph.ELIMIT || !strings.Contains(r.Errors[0].Message, `"a" is selected more than 10 times`) {
					t.Fatalf("got %d %+v", r.status, r.Errors)
				}
				return
			}
			if r.status != c.status || len(r.Errors) == 0 || (c.code != "" && r.code() != c.code) || !strings.Contains(r.Errors[0].Message, c.msg) {
				t.Fatalf("status %d, errors %+v (%s); want %d, code %q, %q", r.status, r.Errors, r.raw, c.status, c.code, c.msg)
			}
		})
	}
	t2 := newServer(t, server.Options{Limits: server.Limits{MaxTokens: 50}})
	r := t2.query("{ "+strings.Repeat("actor(id: \"iran\") { id } ", 10)+"}", nil)
	if r.code() != graph.ELIMIT || !strings.Contains(r.Errors[0].Message, "more than 50 tokens") {
		t.Fatalf("token limit: %d %+v", r.status, r.Errors)
	}
}

func mustReq(method, u string, body []byte) *http.Request {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	r, err := http.NewRequest(method, u, rd)
	if err != nil {
		panic(err)
	}
	r.Header.Set("Content-Type", "application/json")
	return r
}

func TestPersistedQueries(t *testing.T) {
	s := newServer(t, server.Options{})
	const q = `query ActorName($id: ID!) { actor(id: $id) { name } }`
	sum := sha256.Sum256([]byte(q))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	vars := map[string]any{"id": "iraq"}
	r := s.post(map[string]any{"extensions": ext, "variables": vars})
	if r.code() != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("unknown hash: %+v", r.Errors)
	}
	r = s.post(map[string]any{"query": q, "extensions": ext, "variables": vars})
	if len(r.Errors) != 0 || !strings.Contains(string(r.Data), "Iraq") {
		t.Fatalf("register: %s %+v", r.Data, r.Errors)
	}
	r = s.post(map[string]any{"extensions": ext, "variables": map[string]any{"id": "iran"}})
	if len(r.Errors) != 0 || !strings.Contains(string(r.Data), `"Iran"`) {
		t.Fatalf("by hash: %s %+v", r.Data, r.Errors)
	}
	// GET with the hash only, as CDNs like it.
	extJSON, _ := json.Marshal(ext)
	varsJSON, _ := json.Marshal(vars)
	r = s.do(mustReq(http.MethodGet, s.srv.URL+"/graphql?extensions="+url.QueryEscape(string(extJSON))+"&variables="+url.QueryEscape(string(varsJSON)), nil))
	if len(r.Errors) != 0 || !strings.Contains(string(r.Data), "Iraq") {
		t.Fatalf("GET by hash: %s %+v", r.Data, r.Errors)
	}
}

func TestCORS(t *testing.T) {
	s := newServer(t, server.Options{CORSOrigins: []string{"https://viz.example.org"}})
	cases := []struct {
		origin, method string
		preflight      bool
		status         int
		allow          string
	}{
		{"https://viz.example.org", http.MethodPost, false, 200, "https://viz.example.org"},
		{"https://evil.example.com", http.MethodPost, false, 200, ""},
		{"https://viz.example.org", http.MethodOptions, true, 204, "https://viz.example.org"},
		{"https://evil.example.com", http.MethodOptions, true, 403, ""},
	}
	for _, c := range cases {
		var req *http.Request
		if c.preflight {
			req = mustReq(http.MethodOptions, s.srv.URL+"/graphql", nil)
			req.Header.Set("Access-Control-Request-Method", "POST")
		} else {
			req = mustReq(http.MethodPost, s.srv.URL+"/graphql", []byte(`{"query":"{ relationTypes { type } }"}`))
		}
		req.Header.Set("Origin", c.origin)
		r := s.do(req)
		if r.status != c.status || r.header.Get("Access-Control-Allow-Origin") != c.allow {
			t.Errorf("%s %s preflight=%v: status %d, allow-origin %q; want %d, %q", c.method, c.origin, c.preflight,
				r.status, r.header.Get("Access-Control-Allow-Origin"), c.status, c.allow)
		}
	}
}

func TestProductionSwitches(t *testing.T) {
	s := newServer(t, server.Options{Playground: false, Introspection: false})
	r := s.query(`{ __schema { queryType { name } } }`, nil)
	if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "introspection disabled") {
		t.Fatalf("introspection while disabled: %s %+v", r.Data, r.Errors)
	}
	if r := s.do(mustReq(http.MethodGet, s.srv.URL+"/", nil)); r.status != http.StatusNotFound {
		t.Fatalf("playground while disabled: %d", r.status)
	}
	on := newServer(t, server.Options{Playground: true, Introspection: true})
	if r := on.query(`{ __schema { queryType { name } } }`, nil); len(r.Errors) != 0 {
		t.Fatalf("introspection while enabled: %+v", r.Errors)
	}
}

// leakyReader fails the way a store bug would: with driver and Cypher
// details in the error, or with a panic.
type leakyReader struct{ graph.Reader }

func (leakyReader) Articles(ctx context.Context) ([]graph.Article, error) {
	return nil, fmt.Errorf("articles: %w", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError",
		Msg: "Invalid input 'X': expected 'MATCH (a:Article) RETURN a'"})
}

func (leakyReader) Search(ctx context.Context, text string, first int) ([]graph.SearchHit, error) {
	panic("index out of range in search")
}

func TestErrorsDoNotLeak(t *testing.T) {
	s := newServer(t, server.Options{}, func(r graph.Reader) graph.Reader { return leakyReader{r} })
	for _, q := range []string{`{ articles { id } }`, `{ search(text: "iran") { score } }`} {
		r := s.post(map[string]any{"query": q}, server.RequestIDHeader, "leak-test-1")
		if len(r.Errors) != 1 || r.Errors[0].Message != "internal error" || r.code() != graph.EINTERNAL {
			t.Fatalf("%s: %+v", q, r.Errors)
		}
		for _, secret := range []string{"MATCH", "Neo.", "SyntaxError", "goroutine", ".go:", "index out of range"} {
			if strings.Contains(r.raw, secret) {
				t.Fatalf("%s: response leaks %q: %s", q, secret, r.raw)
			}
		}
	}
	// The details are in the log, tied to the request.
	logs := s.log.String()
	if !strings.Contains(logs, "SyntaxError") || !strings.Contains(logs, "index out of range in search") || !strings.Contains(logs, `"request_id":"leak-test-1"`) {
		t.Fatalf("log lacks the details:\n%s", logs)
	}
}

func TestTimeouts(t *testing.T) {
	s := newServer(t, server.Options{Limits: server.Limits{RequestTimeout: time.Nanosecond}})
	r := s.query(`{ neighbourhood(id: "iran") { nodes { id } } }`, nil)
	if r.code() != graph.ETIMEOUT || !strings.Contains(r.Errors[0].Message, "time limit") {
		t.Fatalf("request past its deadline: %s %+v", r.raw, r.Errors)
	}
}

func TestObservability(t *testing.T) {
	s := newServer(t, server.Options{MetricOperations: []string{"ActorByID", "Named"}})
	r := s.post(map[string]any{"query": `query ActorByID($id: ID!) { actor(id: $id) { name } }`, "variables": map[string]any{"id": "iran"}},
		server.RequestIDHeader, "client-chosen-42")
	if got := r.header.Get(server.RequestIDHeader); got != "client-chosen-42" {
		t.Fatalf("request id echoed as %q", got)
	}
	r = s.post(map[string]any{"query": `{ actors(first: 0) { totalCount } }`}, server.RequestIDHeader, "bad id with spaces")
	generated := r.header.Get(server.RequestIDHeader)
	if generated == "" || generated == "bad id with spaces" {
		t.Fatalf("request id %q for an unusable client id", generated)
	}
	s.query(`query Named { relationTypes { type } }`, nil)

	metrics := s.do(mustReq(http.MethodGet, s.srv.URL+"/metrics", nil)).raw
	for _, want := range []string{
		`actorgraph_graphql_request_duration_seconds_count{operation="ActorByID",status="200"} 1`,
		`actorgraph_graphql_request_duration_seconds_count{operation="anonymous",status="200"} 1`,
		`actorgraph_graphql_request_duration_seconds_count{operation="Named",status="200"} 1`,
		`actorgraph_graphql_errors_total{kind="invalid"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	var lines int
	for _, line := range strings.Split(strings.TrimSpace(s.log.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if rec["request_id"] == nil {
			t.Errorf("log line without request_id: %s", line)
		}
		if rec["request_id"] == "client-chosen-42" {
			lines++
			if rec["operation"] != "ActorByID" {
				t.Errorf("log line without the operation name: %s", line)
			}
		}
	}
	if lines == 0 {
		t.Fatalf("no log line for the request:\n%s", s.log.String())
	}
}

// Operation names become metric labels only when they are on the
// allow-list and an operation of that name has succeeded: junk names,
// however many, and allowed names that only ever failed count as "other".
func TestOperationLabelsAreBounded(t *testing.T) {
	s := newServer(t, server.Options{MetricOperations: []string{"RelationTypes", "Broken"}})
	for i := range 250 {
		s.post(map[string]any{"query": fmt.Sprintf(`query Op%d { relationTypes { type } }`, i)})
	}
	s.post(map[string]any{"query": `query Broken { neighbourhood(id: "nobody") { nodes { id } } }`})
	s.post(map[string]any{"query": `query RelationTypes { relationTypes { type } }`})
	metrics := s.do(mustReq(http.MethodGet, s.srv.URL+"/metrics", nil)).raw
	for _, want := range []string{
		`actorgraph_graphql_request_duration_seconds_count{operation="other",status="200"} 251`,
		`actorgraph_graphql_request_duration_seconds_count{operation="RelationTypes",status="200"} 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if n := strings.Count(metrics, "actorgraph_graphql_request_duration_seconds_count{"); n != 2 {
		t.Errorf("%d operation series, want 2 (other, RelationTypes)", n)
	}
}

func TestGETAndProbes(t *testing.T) {
	s := newServer(t, server.Options{Playground: true})
	r := s.do(mustReq(http.MethodGet, s.srv.URL+"/graphql?query="+url.QueryEscape(`{ actor(id: "iraq") { name } }`), nil))
	if len(r.Errors) != 0 || !strings.Contains(string(r.Data), `"Iraq"`) {
		t.Fatalf("GET /graphql: %s %+v", r.Data, r.Errors)
	}
	if r := s.do(mustReq(http.MethodGet, s.srv.URL+"/", nil)); r.status != 200 || !strings.Contains(r.raw, "/graphql") {
		t.Fatalf("playground: %d", r.status)
	}
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200} {
		if r := s.do(mustReq(http.MethodGet, s.srv.URL+path, nil)); r.status != want {
			t.Errorf("%s: %d, want %d", path, r.status, want)
		}
	}
}

// /readyz answers 503 while the graph database does not.
func TestReadyzFollowsTheDatabase(t *testing.T) {
	store := seedtest.MustGraph(t)
	down := &flakyPinger{}
	srv := httptest.NewServer(server.New(server.Ports{Graph: store, Health: down}, server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer srv.Close()
	for _, up := range []bool{false, true} {
		down.up.Store(up)
		res, err := http.Get(srv.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if want := map[bool]int{true: 200, false: 503}[up]; res.StatusCode != want {
			t.Errorf("database up %v: /readyz %d, want %d", up, res.StatusCode, want)
		}
	}
	// No Export port: no export routes.
	res, err := http.Get(srv.URL + "/export/graphml")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("/export without an export port: %d", res.StatusCode)
	}
}

type flakyPinger struct{ up atomic.Bool }

func (p *flakyPinger) Ping(ctx context.Context) error {
	if !p.up.Load() {
		return errors.New("connection refused")
	}
	return nil
}
