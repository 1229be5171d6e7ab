package e2e_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/server"
)

// FuzzGraphQLArguments sends arbitrary strings and numbers through every
// kind of argument (ids, search text, filters, cursors, page sizes, depths)
// to the real server over the seeded Neo4j. Every answer is a 200 with data
// or client errors: never an internal error, whatever the input. Run it
// with -parallel=1: each fuzzing process seeds the shared database.
func FuzzGraphQLArguments(f *testing.F) {
	f.Add("iran", "kataib-hezbollah", 1)
	f.Add(`"}) DETACH DELETE n //`, `*:*~`, 0)
	f.Add("YWN0b3I6aXJhbg", "Hezbolah", 6)
	f.Add("", "\x00(\"", -1)
	f.Add("ünï", "ALIGNED_WITH", 101)
	s := newServer(f, server.Options{})
	f.Fuzz(func(t *testing.T, id, text string, n int) {
		s.t = t
		queries := []struct {
			q    string
			vars map[string]any
		}{
			{`query($id: ID!, $n: Int) { neighbourhood(id: $id, depth: $n, limit: $n) { nodes { id } } }`, map[string]any{"id": id, "n": n}},
			{`query($t: String!, $n: Int) { search(text: $t, first: $n) { actor { id } } }`, map[string]any{"t": text, "n": n}},
			{`query($t: String, $a: String, $n: Int) { actors(nameContains: $t, after: $a, first: $n) { totalCount nodes { id } } }`, map[string]any{"t": text, "a": id, "n": n}},
			{`query($id: ID, $t: ID, $c: String, $n: Int) { relationships(from: $id, attributedTo: $t, after: $c, first: $n) { totalCount } }`, map[string]any{"id": id, "t": text, "c": text, "n": n}},
			{`query($a: ID!, $b: ID!, $n: Int) { allShortestPaths(from: $a, to: $b, maxDepth: $n, limit: $n) { length } }`, map[string]any{"a": id, "b": text, "n": n}},
			{`query($t: String, $id: ID, $c: String, $n: Int) { claims(filter: {text: $t, actor: $id}, after: $c, first: $n) { totalCount nodes { id } } }`, map[string]any{"t": text, "id": id, "c": text, "n": n}},
			{`query($id: ID, $c: String, $n: Int) { claims(filter: {article: $id, ownStatement: true}, after: $c, first: $n) { totalCount } }`, map[string]any{"id": id, "c": id, "n": n}},
			{`query($id: ID!, $d: Date, $e: Date) { neighbourhood(id: $id, asOf: $d) { nodes { id } } relationships(between: {from: $d, to: $e}) { totalCount } }`, map[string]any{"id": id, "d": text, "e": id}},
		}
		for _, q := range queries {
			r := s.query(q.q, q.vars)
			if r.status != 200 {
				t.Fatalf("%s %v: status %d %s", q.q, q.vars, r.status, r.raw)
			}
			for _, e := range r.Errors {
				code, _ := e.Extensions["code"].(string)
				switch code {
				case graph.EINVALID, graph.ENOTFOUND, "GRAPHQL_VALIDATION_FAILED":
				default:
					t.Fatalf("%s %v: %s error %q", q.q, q.vars, code, e.Message)
				}
			}
		}
	})
}
