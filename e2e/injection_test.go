package e2e_test

import (
	"context"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/server"
)

// hostile are strings that would change a query if they reached Cypher or
// Lucene text.
var hostile = []string{
	`iran"}) DETACH DELETE n //`,
	`iran' OR 1=1 //`,
	"iran`]) MATCH (n) DETACH DELETE n //",
	`$id`,
	`{id: "iran"}`,
	`) RETURN 1 UNION MATCH (n) RETURN n //`,
	`\u0027; CALL db.clearQueryCaches() //`,
	`*:*`,
	`"unbalanced`,
	`name:iran~ AND (aliases:* OR`,
	`iran~0.5^10 || tehran`,
	`/.*/`,
	`[a TO z]`,
	"\x00\x01\ufffd",
	strings.Repeat("(", 400),
	strings.Repeat("iran ", 100),
}

// Every string argument of the API gets hostile text; each is answered
// with data or a clear client error (never an internal one), and the graph
// is unchanged afterwards.
func TestInjectionIsInert(t *testing.T) {
	s := newServer(t, server.Options{})
	before := neo4jtest.MustStats(t, s.store)
	queries := []string{
		`query($s: ID!) { actor(id: $s) { id } }`,
		`query($s: String) { actors(nameContains: $s) { totalCount } }`,
		`query($s: String) { actors(after: $s) { totalCount } }`,
		`query($s: String!) { search(text: $s) { actor { id } } }`,
		`query($s: ID!) { neighbourhood(id: $s) { nodes { id } } }`,
		`query($s: ID!) { shortestPath(from: $s, to: "iran") { length } }`,
		`query($s: ID!) { allShortestPaths(from: "iraq", to: $s) { length } }`,
		`query($s: ID) { relationships(from: $s) { totalCount } }`,
		`query($s: ID) { relationships(to: $s) { totalCount } }`,
		`query($s: ID) { relationships(attributedTo: $s) { totalCount } }`,
		`query($s: String) { relationships(after: $s) { totalCount } }`,
		`query($s: ID!) { article(id: $s) { id } }`,
	}
	for _, q := range queries {
		for _, h := range hostile {
			r := s.query(q, map[string]any{"s": h})
			if r.status != 200 {
				t.Errorf("%s with %q: status %d", q, h, r.status)
			}
			for _, e := range r.Errors {
				if c, _ := e.Extensions["code"].(string); c != graph.EINVALID && c != graph.ENOTFOUND {
					t.Errorf("%s with %q: %s error %q", q, h, c, e.Message)
				}
			}
		}
	}
	if after := neo4jtest.MustStats(t, s.store); after != before {
		t.Fatalf("graph changed: %+v, then %+v", before, after)
	}
	// Enum arguments are closed: a type that is not a RelationType never
	// reaches the store.
	r := s.query(`{ neighbourhood(id: "iran", relationTypes: [DETACH_DELETE]) { nodes { id } } }`, nil)
	if r.code() != "GRAPHQL_VALIDATION_FAILED" {
		t.Fatalf("unknown enum value: %+v", r.Errors)
	}
}

// Lucene syntax in search text is ignored: hostile text finds what its
// letters and digits find, or is refused when it has none.
func TestSearchIgnoresLuceneSyntax(t *testing.T) {
	s := newServer(t, server.Options{})
	cases := []struct {
		text, want, code string
	}{
		{`"Kataib Hezbollah"`, "kataib-hezbollah", ""},
		{`Kataib~ AND Hezb*`, "kataib-hezbollah", ""},
		{`(Iran) OR name:*`, "iran", ""},
		{`"Iran`, "iran", ""},
		{`Iran:^2`, "iran", ""},
		{`*?~:()[]{}"^!&&||\/`, "", graph.EINVALID},
		{strings.Repeat("x", 501), "", graph.EINVALID},
	}
	for _, c := range cases {
		r := s.query(`query($t: String!) { search(text: $t, first: 3) { actor { id } } }`, map[string]any{"t": c.text})
		if r.code() != c.code || !strings.Contains(string(r.Data), c.want) {
			t.Errorf("search %q: %s %+v; want %q, code %q", c.text, r.Data, r.Errors, c.want, c.code)
		}
	}
	_ = context.Background
}
