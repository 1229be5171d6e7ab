package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/server"
)

// testServer is the real handler over the seeded Neo4j, its store's
// queries feeding the server's metrics as in `actorgraph serve`.
type testServer struct {
	t     testing.TB
	store *neo4jstore.Store
	srv   *httptest.Server
}

func newServer(t testing.TB, opts server.Options) *testServer {
	t.Helper()
	store := neo4jtest.MustOpenSeeded(t)
	m := server.NewMetrics()
	cfg := neo4jtest.Config(t)
	cfg.Observer = m
	observed, err := neo4jstore.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { observed.Close(context.Background()) })
	opts.Metrics = m
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv := httptest.NewServer(server.New(server.Ports{Graph: observed, Export: observed, Health: observed}, opts))
	t.Cleanup(srv.Close)
	return &testServer{t: t, store: store, srv: srv}
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	status int
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
	raw    string
}

// query POSTs a GraphQL query with its variables.
func (s *testServer) query(q string, vars map[string]any) response {
	s.t.Helper()
	b, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	res, err := http.Post(s.srv.URL+"/graphql", "application/json", bytes.NewReader(b))
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, raw: string(raw)}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
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

// The store tells the server's metrics how long each Neo4j query took.
func TestCypherMetrics(t *testing.T) {
	s := newServer(t, server.Options{MetricOperations: []string{"ActorByID"}})
	if r := s.query(`query ActorByID($id: ID!) { actor(id: $id) { name } }`, map[string]any{"id": "iran"}); len(r.Errors) != 0 {
		t.Fatalf("%+v", r.Errors)
	}
	res, err := http.Get(s.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	metrics, _ := io.ReadAll(res.Body)
	for _, want := range []string{
		`actorgraph_cypher_duration_seconds_count{outcome="ok",query="actors by id"} 1`,
		`actorgraph_graphql_request_duration_seconds_count{operation="ActorByID",status="200"} 1`,
	} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
