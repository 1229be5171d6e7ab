package bench_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/bench"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/synth"
)

// TestMain points the actorgraph binary the benchmarks run at the test
// database.
func TestMain(m *testing.M) {
	neo4jtest.PointNeo4jEnvAtTestDatabase()
	os.Exit(m.Run())
}

// claimsPerArticle matches the generator's default: one article, 20 claims.
const claimsPerArticle = 20

// repoRoot is the repository's root folder.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..")
}

// sizes reads ACTORGRAPH_BENCH_SIZES ("10k,100k,1m") as claim counts.
func sizes(tb testing.TB) []int {
	spec := os.Getenv("ACTORGRAPH_BENCH_SIZES")
	if spec == "" {
		spec = "10k,100k"
	}
	var out []int
	for _, f := range strings.Split(spec, ",") {
		n, err := bench.ParseSize(f)
		if err != nil {
			tb.Fatalf("ACTORGRAPH_BENCH_SIZES: %v", err)
		}
		out = append(out, n)
	}
	return out
}

// corpus returns the folder of the corpus with this many claims, writing it
// (seed 1, the generator's defaults) unless it is already complete.
func corpus(tb testing.TB, claims int) string {
	tb.Helper()
	dir := filepath.Join(repoRoot(), ".corpus", "claims-"+bench.SizeName(claims))
	spec := synth.Spec{Articles: claims / claimsPerArticle, ClaimsPerArticle: claimsPerArticle, Seed: 1}
	last := filepath.Join(dir, synth.RelPath(spec.Articles-1))
	if _, err := os.Stat(last); err == nil {
		return dir
	}
	if err := synth.Write(context.Background(), dir, spec, nil); err != nil {
		tb.Fatalf("write corpus: %v", err)
	}
	return dir
}

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// actorgraphBinary builds the command once per run, so the load benchmark
// measures `actorgraph load` exactly as users run it.
func actorgraphBinary(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "actorgraph-bench")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "actorgraph")
		cmd := exec.Command("go", "build", "-o", binary, "./cmd/actorgraph")
		cmd.Dir = repoRoot()
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return binary
}
