package e2e_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/server"
)

// TestNestedFieldsArePlanned checks that a root field reads what its
// nested fields need in one statement: the round trips a query costs do
// not grow with its nesting, and the answer is the one the per-level
// loaders give (the same query with the store's Expand hidden).
func TestNestedFieldsArePlanned(t *testing.T) {
	store := neo4jtest.MustOpenSeeded(t)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	planned := httptest.NewServer(server.New(server.Ports{Graph: store}, server.Options{Logger: quiet}))
	t.Cleanup(planned.Close)
	batched := httptest.NewServer(server.New(server.Ports{Graph: readerOnly{store}}, server.Options{Logger: quiet}))
	t.Cleanup(batched.Close)

	for _, tc := range []struct {
		name  string
		query string
		trips int64
	}{
		{"actor, relationships, actors at both ends", `{ actor(id: "iran") { id name kind
			relationships { id type certainty claimCount corroboration from { id name kind } to { id name kind } } } }`, 1},
		{"and further: their relationships, claims, articles", `{ actor(id: "kataib-hezbollah") { id
			degree neighbours(direction: OUTGOING) { id degree(types: [WARNS, LEADS]) }
			relationships(direction: INCOMING) { from { name relationships(direction: OUTGOING) { id } }
				claims { quote certainty ownStatement subject { name } attributedTo { name degree } article { title claims { id } } } } } }`, 1},
		{"a missing actor", `{ actor(id: "no-such-actor") { relationships { id } } }`, 1},
		{"the network view's edge panel", `{ relationships(from: "kataib-hezbollah", to: "united-states", type: WARNS, first: 1) {
			nodes { id type certainty certainties claimCount articleCount from { id name } to { id name }
				claims { id quote start end certainty voice subjectText objectText attributedTo { name } article { id title } } } } }`, 1},
		{"a page of actors, nested", `{ actors(first: 100) { nodes {
			id degree neighbours { id degree }
			relationships { from { name } to { name } claims { quote attributedTo { name } article { title } } } } } }`, 2},
		{"a neighbourhood's actors and relationships", `{ neighbourhood(id: "iran") { nodes { id actor { degree } }
			edges { id relationship { claims { quote article { title } } } } } }`, 2},
		{"search hits' relationships", `{ search(text: "Hezbolah", first: 3) { actor { id relationships { id to { name } } } } }`, 2},
		{"an article's claims and their actors", `{ article(id: "iran-aligned-militias-threaten-us") { title
			claims { id subject { name degree } object { name } } } }`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := store.Queries()
			got := post(t, planned.URL, tc.query)
			used := store.Queries() - before
			if len(got.Errors) > 0 {
				t.Fatalf("query failed: %+v", got.Errors)
			}
			if used != tc.trips {
				t.Errorf("%d round trips, want %d", used, tc.trips)
			}
			want := post(t, batched.URL, tc.query)
			if len(want.Errors) > 0 {
				t.Fatalf("query failed without the plan: %+v", want.Errors)
			}
			if !jsonEqual(got.Data, want.Data) {
				t.Errorf("planned and batched answers differ:\nplanned: %.3000s\nbatched: %.3000s", got.Data, want.Data)
			}
			if tc.name != "a missing actor" && len(got.Data) < 100 {
				t.Errorf("answer too small to compare: %s", got.Data)
			}
		})
	}
}

func post(t *testing.T, url, query string) response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	res, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out response
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("status %d: %v", res.StatusCode, err)
	}
	return out
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return string(ja) == string(jb)
}

// readerOnly hides the store's Expand and RelationshipsExpanded: the
// resolvers then read nested fields level by level through the loaders.
type readerOnly struct{ graph.Reader }
