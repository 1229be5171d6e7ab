package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/actorgraph/actorgraph/graph/generated"
	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
	"github.com/actorgraph/actorgraph/resolvers"
)

// TestPostTransportAnswersAsGqlgens checks that postTransport answers
// every kind of request byte for byte as gqlgen's transport.POST does:
// status, content type and body.
func TestPostTransportAnswersAsGqlgens(t *testing.T) {
	store := neo4jtest.MustOpenSeeded(t)
	serve := func(tr graphql.Transport) http.Handler {
		h := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: &resolvers.Resolver{Store: store}}))
		h.AddTransport(tr)
		return resolvers.Middleware(store, h)
	}
	ours, gqlgens := serve(postTransport{}), serve(transport.POST{})
	for _, tc := range []struct {
		name, body, accept string
	}{
		{"data", `{"query":"{ actor(id: \"iran\") { id name relationships { id } } }"}`, ""},
		{"variables and null data", `{"query":"query($id: ID!) { actor(id: $id) { id } }","variables":{"id":"no-such-actor"}}`, ""},
		{"a resolver's error", `{"query":"{ neighbourhood(id: \"no-such-actor\") { nodes { id } } }"}`, ""},
		{"a parse error", `{"query":"{ actor(id: "}`, ""},
		{"a validation error", `{"query":"{ actor(id: \"iran\") { nope } }"}`, ""},
		{"an unreadable body", `{"query":`, ""},
		{"graphql-response+json", `{"query":"{ actor(id: \"iran\") { id } }"}`, "application/graphql-response+json"},
		{"any type", `{"query":"{ actor(id: \"iran\") { id } }"}`, "text/html, */*;q=0.8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			answer := func(h http.Handler) *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(tc.body))
				req.Header.Set("Content-Type", "application/json")
				if tc.accept != "" {
					req.Header.Set("Accept", tc.accept)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec
			}
			got, want := answer(ours), answer(gqlgens)
			if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") || got.Body.String() != want.Body.String() {
				t.Errorf("postTransport answered %d %q %s\ntransport.POST answered %d %q %s",
					got.Code, got.Header().Get("Content-Type"), got.Body, want.Code, want.Header().Get("Content-Type"), want.Body)
			}
		})
	}
}
