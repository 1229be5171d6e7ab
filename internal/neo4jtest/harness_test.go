package neo4jtest_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// freePort returns a loopback port nothing listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// The developer's own graph survives the test suite: a Neo4j started the
// way `make run` starts one (scripts/neo4j, its own folder and ports),
// holding the seed, is left exactly as it was by
//   - two suites run at once through scripts/testdb (as `make test` runs
//     them) while NEO4J_URI names the developer's server, each emptying and
//     loading its own throwaway database, and
//   - a suite pointed at the developer's server explicitly
//     (ACTORGRAPH_TEST_NEO4J_URI), which refuses to empty a database that
//     carries no marker of scripts/testdb.
func TestSuiteLeavesTheDevelopersGraphAlone(t *testing.T) {
	root := repoRoot()
	home := t.TempDir()
	bolt, http := freePort(t), freePort(t)
	const password = "developers-own"
	devEnv := append(os.Environ(), "NEO4J_HOME_DIR="+home, fmt.Sprintf("NEO4J_BOLT_PORT=%d", bolt),
		fmt.Sprintf("NEO4J_HTTP_PORT=%d", http), "NEO4J_PASSWORD="+password, "NEO4J_HEAP=512m", "NEO4J_PAGECACHE=128m")
	devEnv = withoutEnv(devEnv, "NEO4J_URI")
	script := func(cmd string) {
		t.Helper()
		c := exec.Command(filepath.Join(root, "scripts", "neo4j"), cmd)
		c.Env = devEnv
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("scripts/neo4j %s: %v\n%s", cmd, err, out)
		}
	}
	script("up")
	t.Cleanup(func() { script("down") })

	uri := fmt.Sprintf("bolt://127.0.0.1:%d", bolt)
	dev, err := neo4jstore.Open(neo4jstore.Config{URI: uri, Username: "neo4j", Password: password, QueryTimeout: neo4jtest.QueryTimeout})
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close(context.Background())
	ctx := context.Background()
	if err := dev.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := loaders.Load(ctx, dev, neo4jtest.SeedDir()); err != nil {
		t.Fatal(err)
	}
	before := neo4jtest.MustStats(t, dev)
	if before.Claims == 0 {
		t.Fatalf("the developer's graph holds no claims: %+v", before)
	}

	// The developer's environment names their server; the suites must
	// ignore it and use their own.
	userEnv := withoutEnv(os.Environ(), "ACTORGRAPH_TEST_")
	userEnv = append(userEnv, "NEO4J_URI="+uri, "NEO4J_USERNAME=neo4j", "NEO4J_PASSWORD="+password)
	// -p 1: the two packages share their suite's database (as in make test).
	suite := []string{"go", "test", "-p", "1", "-count=1", "-run", "^(TestLoadSeedIsIdempotent|TestLoadCommand)$", "./loaders/", "./cmd/actorgraph/"}
	var wg sync.WaitGroup
	outs := make([]string, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := exec.Command(filepath.Join(root, "scripts", "testdb"), append([]string{"run", "--"}, suite...)...)
			c.Dir = root
			c.Env = userEnv
			out, err := c.CombinedOutput()
			outs[i], errs[i] = string(out), err
		}()
	}
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil {
			t.Fatalf("suite %d through scripts/testdb: %v\n%s", i+1, errs[i], outs[i])
		}
		if !strings.Contains(outs[i], "ok  \tgithub.com/actorgraph/actorgraph/loaders") {
			t.Fatalf("suite %d did not run the loaders' tests:\n%s", i+1, outs[i])
		}
	}
	if after := neo4jtest.MustStats(t, dev); after != before {
		t.Fatalf("the suites changed the developer's graph: %+v, was %+v", after, before)
	}

	// Pointed at the developer's server on purpose: refused, untouched.
	c := exec.Command("go", "test", "-count=1", "-run", "^TestLoadSeedIsIdempotent$", "./loaders/")
	c.Dir = root
	c.Env = append(withoutEnv(os.Environ(), "ACTORGRAPH_TEST_"), neo4jtest.EnvURI+"="+uri,
		neo4jtest.EnvPassword+"="+password, neo4jtest.EnvMarker+"=not-this-one")
	out, err := c.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "refusing to use this Neo4j for tests") {
		t.Fatalf("a suite pointed at the developer's server: %v\n%s", err, out)
	}
	if after := neo4jtest.MustStats(t, dev); after != before {
		t.Fatalf("the refused suite changed the developer's graph: %+v, was %+v", after, before)
	}
}

// CheckMarker refuses a database without the marker, and one whose marker
// has another id.
func TestCheckMarker(t *testing.T) {
	s := neo4jtest.MustOpen(t)
	ctx := context.Background()
	if err := neo4jtest.CheckMarker(ctx, s, os.Getenv(neo4jtest.EnvMarker)); err != nil {
		t.Fatalf("the test database's own marker: %v", err)
	}
	for _, m := range []string{"", "another-run"} {
		if err := neo4jtest.CheckMarker(ctx, s, m); err == nil {
			t.Errorf("marker %q accepted", m)
		}
	}
	// Emptying the database keeps the marker.
	if err := s.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if err := neo4jtest.CheckMarker(ctx, s, os.Getenv(neo4jtest.EnvMarker)); err != nil {
		t.Fatalf("after DeleteAll: %v", err)
	}
	if st := neo4jtest.MustStats(t, s); st != (graph.Stats{}) {
		t.Fatalf("DeleteAll left %+v", st)
	}
}

func withoutEnv(env []string, prefix string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, prefix) {
			out = append(out, kv)
		}
	}
	return out
}
