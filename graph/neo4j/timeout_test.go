package neo4j_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

// A query that runs past the transaction timeout is stopped by Neo4j (it
// no longer runs there) and reported as ETIMEOUT; one past the caller's
// deadline likewise. What runs on Neo4j is checked through a separate
// store with the default timeout: on a busy machine SHOW TRANSACTIONS can
// itself take longer than the 500 ms timeout under test.
func TestQueryTimeouts(t *testing.T) {
	watch := neo4jtest.MustOpenEmpty(t)
	cfg := neo4jtest.Config(t)
	cfg.QueryTimeout = 500 * time.Millisecond
	s, err := neo4jstore.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	start := time.Now()
	err = s.Slow(context.Background(), 60*time.Second)
	if graph.ErrorCode(err) != graph.ETIMEOUT || !strings.Contains(graph.ErrorMessage(err), "time limit") {
		t.Fatalf("slow query: %v (code %s)", err, graph.ErrorCode(err))
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("the timeout took %v to stop the query", d)
	}
	// Neo4j ends a timed-out transaction by itself, promptly but not at the
	// very instant the client hears of it: poll, with a generous bound.
	waitNoSlow(t, watch, "the transaction past its timeout")

	// Past the caller's deadline: while it runs, Neo4j lists it (so the
	// check above can see it); once the deadline passes, it is gone.
	cfg.QueryTimeout = time.Minute
	long, _ := neo4jstore.Open(cfg)
	defer long.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- long.Slow(ctx, 60*time.Second) }()
	seen := false
	for !seen {
		select {
		case err := <-done:
			t.Fatalf("slow query ended before it was seen running: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
		seen = watch.MustRunningSlow(t) > 0
	}
	if err := <-done; graph.ErrorCode(err) != graph.ETIMEOUT {
		t.Fatalf("slow query past the caller's deadline: %v (code %s)", err, graph.ErrorCode(err))
	}
	waitNoSlow(t, watch, "the query cancelled by the caller's deadline")
}

// waitNoSlow waits until Neo4j runs no slow test query, failing after 30 s.
func waitNoSlow(t *testing.T, watch *neo4jstore.Store, what string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for watch.MustRunningSlow(t) != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%s still runs on Neo4j", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestDropAndEnsureSchema(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	if m, err := s.MissingSchema(ctx); err != nil || len(m) != 0 {
		t.Fatalf("after EnsureSchema, missing %v (%v)", m, err)
	}
	if err := s.DropSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if m, err := s.MissingSchema(ctx); err != nil || len(m) < 20 {
		t.Fatalf("after DropSchema, missing only %v (%v)", m, err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if m, err := s.MissingSchema(ctx); err != nil || len(m) != 0 {
		t.Fatalf("after EnsureSchema again, missing %v (%v)", m, err)
	}
}
