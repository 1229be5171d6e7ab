// Package neo4jtest gives tests a store on the throwaway Neo4j that
// `make test` starts for them alone (scripts/testdb), never the developer's
// own server. It reads only the ACTORGRAPH_TEST_NEO4J_* variables that
// scripts/testdb sets; NEO4J_URI and the other variables `actorgraph` reads
// are ignored. Tests that use it fail, never skip, when those are missing.
//
// Before emptying a database it checks that the database carries the marker
// node scripts/testdb wrote into it when it was new and empty; any other
// database is refused, whatever it holds.
package neo4jtest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/loaders"
)

// The variables scripts/testdb sets for the tests it runs.
const (
	EnvURI      = "ACTORGRAPH_TEST_NEO4J_URI"
	EnvPassword = "ACTORGRAPH_TEST_NEO4J_PASSWORD"
	EnvMarker   = "ACTORGRAPH_TEST_NEO4J_MARKER"
	EnvHome     = "ACTORGRAPH_TEST_NEO4J_HOME"
	EnvHTTP     = "ACTORGRAPH_TEST_NEO4J_HTTP"
)

// MarkerLabel is the label of the node scripts/testdb writes into a new,
// empty database to mark it as the tests' own.
const MarkerLabel = "ActorgraphTestDatabase"

const howToRun = "run the tests with `make test`, or `scripts/testdb run go test ./...`, which start a throwaway Neo4j for them"

// QueryTimeout bounds the test stores' transactions. It is far above the
// production default (neo4jstore.DefaultQueryTimeout): the first load on a
// cold server pays for planning its statements, and on a busy machine that
// alone can take longer. Tests of the timeout set their own.
const QueryTimeout = 5 * time.Minute

// Config returns the connection settings of the test database. It fails
// the test when scripts/testdb did not set them.
func Config(tb testing.TB) neo4jstore.Config {
	tb.Helper()
	uri := os.Getenv(EnvURI)
	if uri == "" {
		tb.Fatalf("%s is not set: %s", EnvURI, howToRun)
	}
	return neo4jstore.Config{URI: uri, Username: "neo4j", Password: os.Getenv(EnvPassword), QueryTimeout: QueryTimeout}
}

// PointNeo4jEnvAtTestDatabase sets the NEO4J_* variables `actorgraph`
// reads to the test database's, for tests that run the command in process
// or as a child process. Without a test database it points them at a port
// nothing listens on, so the command can never reach the developer's own
// server. It also gives the command's transactions the test stores' timeout
// (ACTORGRAPH_QUERY_TIMEOUT=QueryTimeout), as a busy machine can make a
// first load slower than the default allows. Call it from TestMain, before
// any test runs.
func PointNeo4jEnvAtTestDatabase() {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "NEO4J_") {
			os.Unsetenv(k)
		}
	}
	uri := os.Getenv(EnvURI)
	if uri == "" {
		uri = "bolt://127.0.0.1:1"
	}
	os.Setenv("NEO4J_URI", uri)
	os.Setenv("NEO4J_USERNAME", "neo4j")
	os.Setenv("NEO4J_PASSWORD", os.Getenv(EnvPassword))
	os.Setenv("ACTORGRAPH_QUERY_TIMEOUT", QueryTimeout.String())
}

// Home is the test server's folder, for tests that stop and start it with
// scripts/neo4j (NEO4J_HOME_DIR=Home).
func Home(tb testing.TB) string {
	tb.Helper()
	h := os.Getenv(EnvHome)
	if h == "" {
		tb.Fatalf("%s is not set: %s", EnvHome, howToRun)
	}
	return h
}

// MustOpen returns a store over the test database without changing it,
// after checking its marker. The store is closed when the test ends.
func MustOpen(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	cfg := Config(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := neo4jstore.Open(cfg)
	if err != nil {
		tb.Fatalf("open neo4j: %v", err)
	}
	tb.Cleanup(func() { s.Close(context.Background()) })
	if err := s.Ping(ctx); err != nil {
		tb.Fatalf("the test Neo4j at %s is not reachable (%s): %v", cfg.URI, howToRun, err)
	}
	if err := CheckMarker(ctx, s, os.Getenv(EnvMarker)); err != nil {
		tb.Fatal(err)
	}
	return s
}

// CheckMarker returns nil if the database holds the marker node with the
// given id, and an error saying why it will not be touched otherwise.
func CheckMarker(ctx context.Context, s *neo4jstore.Store, marker string) error {
	if marker == "" {
		return fmt.Errorf("%s is not set, so no database can be recognised as a test database: %s", EnvMarker, howToRun)
	}
	t, err := s.RunReadOnly(ctx, `MATCH (m:`+MarkerLabel+` {id: $id}) RETURN count(m) AS n`, map[string]any{"id": marker})
	if err != nil {
		return fmt.Errorf("read the test marker: %w", err)
	}
	if n, _ := t.Rows[0][0].(int64); n != 1 {
		return fmt.Errorf("refusing to use this Neo4j for tests: it has no marker node (:%s {id: %q}), which scripts/testdb writes into the new, empty database it starts; "+
			"a database without it may be someone's own graph (%s)", MarkerLabel, marker, howToRun)
	}
	return nil
}

// MustOpenEmpty returns a store over the emptied test database with the
// schema in place. The store is closed when the test ends.
func MustOpenEmpty(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	s := MustOpen(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
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
func SeedDir() string { return seedtest.Dir() }

// SeedArticle returns the seed article's text.
func SeedArticle(tb testing.TB) string {
	tb.Helper()
	return seedtest.Article(tb)
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
