// Package neo4jtest gives tests a store on the real Neo4j that `make test`
// starts (scripts/neo4j up), or on the server NEO4J_URI names. Tests that
// use it fail, never skip, when Neo4j cannot be reached. All test packages
// share the one database, so `go test` must run them with -p 1.
package neo4jtest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/loaders"
)

// Config returns the connection settings from the environment, defaulting
// to the local server scripts/neo4j runs (on NEO4J_BOLT_PORT, if set).
func Config() neo4jstore.Config {
	get := func(k, def string) string {
		if v := os.Getenv(k); v != "" {
			return v
		}
		return def
	}
	return neo4jstore.Config{
		URI:      get("NEO4J_URI", "bolt://127.0.0.1:"+get("NEO4J_BOLT_PORT", "7687")),
		Username: get("NEO4J_USERNAME", "neo4j"),
		Password: get("NEO4J_PASSWORD", "actorgraph"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
}

// MustOpenEmpty returns a store over an emptied database with the schema in
// place. The store is closed when the test ends.
func MustOpenEmpty(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := neo4jstore.Open(Config())
	if err != nil {
		tb.Fatalf("open neo4j: %v", err)
	}
	tb.Cleanup(func() { s.Close(context.Background()) })
	if err := s.Ping(ctx); err != nil {
		tb.Fatalf("neo4j at %s is not reachable (start it with `scripts/neo4j up`): %v", Config().URI, err)
	}
	if err := s.DeleteAll(ctx); err != nil {
		tb.Fatalf("empty the database: %v", err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		tb.Fatalf("ensure schema: %v", err)
	}
	return s
}

// MustOpenSeeded returns a store over a database holding exactly the seed.
func MustOpenSeeded(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	s := MustOpenEmpty(tb)
	if _, err := loaders.Load(context.Background(), s, SeedDir()); err != nil {
		tb.Fatalf("load seed: %v", err)
	}
	return s
}

// SeedDir is the repository's seed folder.
func SeedDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "seed")
}

// SeedArticle returns the seed article's text.
func SeedArticle(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(SeedDir(), "article.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// MustStats returns the store's counts.
func MustStats(tb testing.TB, s *neo4jstore.Store) graph.Stats {
	tb.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		tb.Fatalf("stats: %v", err)
	}
	return st
}
