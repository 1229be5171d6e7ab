package resolvers_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/server"
)

// TestNestedFieldsArePlanned checks that a root field reads what its
// nested fields need in one statement: the round trips a query costs do
// not grow with its nesting, and the answer is the one the per-level
// loaders give (the same query with the plan's Expand unavailable).
func TestNestedFieldsArePlanned(t *testing.T) {
	a := newAPI(t)
	for _, tc := range []struct {
		name  string
		query string
		trips int64
	}{
		{"actor, relationships, actors at both ends", `{ actor(id: "iran") { id name kind
			relationships { id type modality claimCount from { id name kind } to { id name kind } } } }`, 1},
		{"and further: their relationships, claims, articles", `{ actor(id: "kataib-hezbollah") { id
			degree neighbours(direction: OUTGOING) { id degree(types: [WARNS, LEADS]) }
			relationships(direction: INCOMING) { from { name relationships(direction: OUTGOING) { id } }
				claims { quote subject { name } attributedTo { name degree } article { title claims { id } } } } } }`, 1},
		{"a missing actor", `{ actor(id: "no-such-actor") { relationships { id } } }`, 1},
		{"the network view's edge panel", `{ relationships(from: "kataib-hezbollah", to: "united-states", type: WARNS, first: 1) {
			nodes { id type modality modalities claimCount articleCount from { id name } to { id name }
				claims { id quote start end modality voice subjectText objectText attributedTo { name } article { id title } } } } }`, 1},
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
			before := a.store.Queries()
			planned := a.raw(tc.query, nil)
			used := a.store.Queries() - before
			if len(planned.Errors) > 0 {
				t.Fatalf("query failed: %+v", planned.Errors)
			}
			if used != tc.trips {
				t.Errorf("%d round trips, want %d", used, tc.trips)
			}
			batched := a.rawWithout(tc.query)
			if len(batched.Errors) > 0 {
				t.Fatalf("query failed without the plan: %+v", batched.Errors)
			}
			if !jsonEqual(planned.Data, batched.Data) {
				t.Errorf("planned and batched answers differ:\nplanned: %.3000s\nbatched: %.3000s", planned.Data, batched.Data)
			}
		})
	}
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

// rawWithout answers query from a server over the same database whose
// store cannot expand.
func (a *api) rawWithout(query string) gqlResponse {
	a.t.Helper()
	srv := httptest.NewServer(server.New(readerOnly{a.store}, a.store, server.Options{}))
	defer srv.Close()
	body, _ := json.Marshal(map[string]any{"query": query})
	res, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		a.t.Fatalf("status %d: %v", res.StatusCode, err)
	}
	return out
}
