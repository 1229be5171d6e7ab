package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/server"
)

// allocated returns the bytes this process has allocated on the heap so
// far (runtime/metrics): the difference around a request is the memory
// work the request caused, whatever the machine's speed.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// The attacks that made validation unbounded are refused before the
// validator runs: each with a small "limit" (or cost) error and a few MB
// of allocation at most, where before the hardening the first took 640 MB
// and returned 97 MB, the second 5 s of CPU, the third 7.5 MB of
// introspection. Introspection is on. Memory is measured, not time: the
// bound holds on a busy machine.
func TestAttacksAreBounded(t *testing.T) {
	s := newServer(t, server.Options{Introspection: true})
	var alias25k, field50k, introspection, bomb, unused, directives strings.Builder
	alias25k.WriteString("{")
	for i := range 900 {
		fmt.Fprintf(&alias25k, ` a: actor(id: "%d") { id }`, i)
	}
	alias25k.WriteString(" }")
	field50k.WriteString(`{ actor(id: "iran") {`)
	for range 9980 {
		field50k.WriteString(" name")
	}
	field50k.WriteString(" } }")
	const dump = `fragment F on __Schema { types { name description fields { name description args { name description type { name ofType { name ofType { name } } } } type { name ofType { name ofType { name } } } } inputFields { name description } enumValues { name description } } directives { name description args { name description } } }`
	introspection.WriteString("{")
	for i := 0; introspection.Len()+len(dump) < 5300; i++ {
		fmt.Fprintf(&introspection, " s%d: __schema { ...F }", i)
	}
	introspection.WriteString(" } " + dump)
	// Each fragment spreads the one before twice: 2^24 fields once expanded.
	bomb.WriteString(`{ actor(id: "iran") { ...F24 } } fragment F0 on Actor { id }`)
	for i := 1; i <= 24; i++ {
		fmt.Fprintf(&bomb, " fragment F%d on Actor { ...F%d ...F%d }", i, i-1, i-1)
	}
	unused.WriteString(`{ articles { id } } fragment Unused on Actor {`)
	for range 9000 {
		unused.WriteString(" name")
	}
	unused.WriteString(" }")
	directives.WriteString("{ articles")
	for range 60 {
		directives.WriteString(" @include(if: true)")
	}
	directives.WriteString(" { id } }")

	cases := []struct {
		name, query, code, msg string
	}{
		{"one alias repeated 900 times with different arguments (24 KB)", alias25k.String(), graph.ELIMIT, `"a" is selected more than 10 times`},
		{"one field repeated 9,980 times (50 KB)", field50k.String(), graph.ELIMIT, `"name" is selected more than 10 times`},
		{"__schema under 212 aliases spreading one fragment (5.3 KB)", introspection.String(), graph.ELIMIT, "more than 1000 selections"},
		{"fragments spreading fragments (2^24 fields)", bomb.String(), graph.ELIMIT, "selected more than 10 times"},
		{"a fragment no operation spreads, repeating a field", unused.String(), graph.ELIMIT, `"name" is selected more than 10 times`},
		{"60 directives", directives.String(), graph.ELIMIT, "more than 50 directives"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := allocated()
			r := s.query(c.query, nil)
			used := allocated() - before
			if r.status != 200 || r.code() != c.code || !strings.Contains(r.Errors[0].Message, c.msg) {
				t.Fatalf("%d %s", r.status, r.raw)
			}
			if len(r.raw) > 1024 {
				t.Errorf("a %d-byte error answer", len(r.raw))
			}
			// The query text itself is up to 50 KB; parsing it and
			// counting its selections allocates a few MB.
			if used > 20<<20 {
				t.Errorf("the request allocated %d MB", used>>20)
			}
			t.Logf("%d bytes of query: %d-byte answer, %.1f MB allocated", len(c.query), len(r.raw), float64(used)/(1<<20))
		})
	}
}

// The standard introspection query (graphql-js's, which GraphiQL and the
// playground send) works within the default limits; introspection under
// many aliases is costed by what it returns.
func TestIntrospectionUnderLimits(t *testing.T) {
	dir := auditTool(t)
	cmd := exec.Command("node", "introspection.mjs")
	cmd.Dir = dir
	std, err := cmd.Output()
	if err != nil {
		t.Fatalf("node introspection.mjs: %v", err)
	}
	s := newServer(t, server.Options{Introspection: true})
	r := s.query(string(std), nil)
	var data struct {
		Schema struct {
			Types []struct{ Name string }
		} `json:"__schema"`
	}
	if len(r.Errors) != 0 || json.Unmarshal(r.Data, &data) != nil || len(data.Schema.Types) < 10 {
		t.Fatalf("standard introspection query: %d %.500s", r.status, r.raw)
	}
	// Twenty-five aliases of a schema dump: within the alias limit, over
	// the cost limit, since each returns every type with its fields.
	var q strings.Builder
	q.WriteString("{")
	for i := range 25 {
		fmt.Fprintf(&q, " s%d: __schema { ...F }", i)
	}
	q.WriteString(` } fragment F on __Schema { types { name description fields { name description args { name description type { name } } type { name ofType { name } } } } }`)
	r = s.query(q.String(), nil)
	if r.code() != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Fatalf("25 schema dumps: %d %.300s", r.status, r.raw)
	}
	// Depth counts introspection too (ofType steps excepted).
	shallow := newServer(t, server.Options{Introspection: true, Limits: server.Limits{MaxDepth: 4}})
	r = shallow.query(`{ __schema { types { fields { type { name } } } } }`, nil)
	if r.code() != graph.ELIMIT || !strings.Contains(r.Errors[0].Message, "more than 4 levels deep") {
		t.Fatalf("introspection 5 levels deep: %.300s", r.raw)
	}
}

// gatedReader holds every neighbourhood call until the test releases it,
// and counts how many run at once.
type gatedReader struct {
	graph.Reader
	entered   chan struct{}
	release   chan struct{}
	cur, peak atomic.Int32
}

func (g *gatedReader) Neighbourhood(ctx context.Context, id string, t graph.Traversal) (graph.Subgraph, error) {
	n := g.cur.Add(1)
	defer g.cur.Add(-1)
	for p := g.peak.Load(); n > p && !g.peak.CompareAndSwap(p, n); p = g.peak.Load() {
	}
	g.entered <- struct{}{}
	<-g.release
	return g.Reader.Neighbourhood(ctx, id, t)
}

// Admission control: of 16 expensive operations at once, 2 run, 2 wait
// and 12 are refused at once with "overloaded" (503, Retry-After, no data
// key); the waiting ones run once a slot frees. Events, not timing: the
// store holds the running ones until the refusals are in.
func TestAdmissionControl(t *testing.T) {
	gate := &gatedReader{entered: make(chan struct{}, 16), release: make(chan struct{})}
	s := newServer(t, server.Options{Limits: server.Limits{
		ExpensiveCost: 100, MaxExpensive: 2, ExpensiveQueue: 2, ExpensiveWait: 10 * time.Minute, RequestTimeout: 10 * time.Minute,
	}}, func(r graph.Reader) graph.Reader { gate.Reader = r; return gate })
	const heavy = `{ neighbourhood(id: "iran", depth: 2, limit: 100) { nodes { id } } }`
	answers := make(chan response, 16)
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() { defer wg.Done(); answers <- s.query(heavy, nil) }()
	}
	<-gate.entered
	<-gate.entered
	for range 12 {
		r := <-answers
		var body map[string]json.RawMessage
		json.Unmarshal([]byte(r.raw), &body)
		if _, hasData := body["data"]; r.status != http.StatusServiceUnavailable || r.code() != graph.EOVERLOADED || r.header.Get("Retry-After") == "" || hasData {
			t.Fatalf("refusal: %d Retry-After %q %s", r.status, r.header.Get("Retry-After"), r.raw)
		}
	}
	close(gate.release)
	wg.Wait()
	close(answers)
	ok := 0
	for r := range answers {
		if len(r.Errors) != 0 || !strings.Contains(string(r.Data), `"iran"`) {
			t.Errorf("admitted: %d %s", r.status, r.raw)
		}
		ok++
	}
	if ok != 4 || gate.peak.Load() != 2 {
		t.Fatalf("%d answered with data, at most %d at once in the store; want 4 and 2", ok, gate.peak.Load())
	}
	// Cheap operations pass while expensive ones are held back.
	if r := s.query(`{ articles { id } }`, nil); len(r.Errors) != 0 {
		t.Fatalf("cheap query: %s", r.raw)
	}
}

// Sixteen of the heaviest neighbourhoods the cost limit allows, at once,
// against the real Neo4j with the default limits: every one is answered,
// with data or with "overloaded", and the server's memory stays bounded.
func TestHeavyNeighbourhoodOverload(t *testing.T) {
	s := newServer(t, server.Options{})
	const heavy = `{ neighbourhood(id: "iran", depth: 5, limit: 1000) { nodes { id label kind } edges { id type source target certainty claimCount } } }`
	before := allocated()
	answers := make([]response, 16)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Add(1)
		go func() { defer wg.Done(); answers[i] = s.query(heavy, nil) }()
	}
	wg.Wait()
	used := allocated() - before
	counts := map[string]int{}
	for _, r := range answers {
		switch {
		case len(r.Errors) == 0 && strings.Contains(string(r.Data), `"iran"`):
			counts["data"]++
		case r.status == http.StatusServiceUnavailable && r.code() == graph.EOVERLOADED:
			counts["overloaded"]++
		default:
			t.Errorf("answer neither data nor overloaded: %d %.300s", r.status, r.raw)
		}
	}
	if counts["data"] == 0 {
		t.Errorf("no request was served")
	}
	if used > 200<<20 {
		t.Errorf("16 heavy requests allocated %d MB", used>>20)
	}
	t.Logf("%v; %.1f MB allocated", counts, float64(used)/(1<<20))
}

// A response over the size limit is replaced by a "limit" error.
func TestResponseSizeLimit(t *testing.T) {
	s := newServer(t, server.Options{Limits: server.Limits{MaxResponseBytes: 200}})
	r := s.query(`{ articles { id title } actors(first: 50) { nodes { id name } } }`, nil)
	if r.code() != graph.ELIMIT || !strings.Contains(r.Errors[0].Message, "more than the limit of 200") || string(r.Data) != "null" {
		t.Fatalf("%d %s", r.status, r.raw)
	}
}
