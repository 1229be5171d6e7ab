package bench_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

// BenchmarkFirstLoad times `actorgraph load seed`, end to end (the
// process starting, validating, checking the schema, writing), on a
// Neo4j started a moment before: its JVM cold, its query cache empty, so
// every statement of the load is planned afresh. Two cases: an empty
// database whose schema is in place (a restarted server), and a new
// database without the schema (the first `make run` on a machine), where
// the load creates the indexes too; and, for the floor under both, the
// same process asking the fresh server one trivial query. The test server
// is stopped and started again with scripts/neo4j for each. The load's
// -profile (where the time went, statement by statement) is logged.
func BenchmarkFirstLoad(b *testing.B) {
	bin := actorgraphBinary(b)
	for _, tc := range []struct {
		name       string
		dropSchema bool
		args       []string
	}{
		{"schema-in-place", false, []string{"load", "-q", "-progress=false", "-profile", neo4jtest.SeedDir()}},
		{"new-database", true, []string{"load", "-q", "-progress=false", "-profile", neo4jtest.SeedDir()}},
		// The floor: the same process asking the fresh server the least
		// it can, one trivial read.
		{"first-query", false, []string{"cypher", "RETURN 1 AS one"}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var took time.Duration
			var load float64
			for range b.N {
				store := neo4jtest.MustOpenEmpty(b)
				if tc.dropSchema {
					if err := store.DropSchema(context.Background()); err != nil {
						b.Fatal(err)
					}
				}
				store.Close(context.Background())
				restartTestNeo4j(b)
				load = loadAverage()
				var out bytes.Buffer
				cmd := exec.Command(bin, tc.args...)
				cmd.Stdout, cmd.Stderr = &out, &out
				start := time.Now()
				if err := cmd.Run(); err != nil {
					b.Fatalf("actorgraph %s: %v\n%s", tc.args[0], err, out.String())
				}
				took = time.Since(start)
				b.Logf("%s", strings.TrimSpace(out.String()))
			}
			b.ReportMetric(ms(took), "first-load-ms")
			b.ReportMetric(load, "loadavg")
		})
	}
}

// restartTestNeo4j stops the test server and starts it again in the same
// folder, on the same ports (scripts/neo4j keeps them).
func restartTestNeo4j(b *testing.B) {
	b.Helper()
	for _, c := range []string{"down", "up"} {
		cmd := exec.Command(filepath.Join(repoRoot(), "scripts", "neo4j"), c)
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "NEO4J_") { // NEO4J_URI would make the script leave the server alone
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, "NEO4J_HOME_DIR="+neo4jtest.Home(b))
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("scripts/neo4j %s: %v\n%s", c, err, out)
		}
	}
}

// loadAverage is the machine's one-minute load average, reported beside
// the time: on a shared machine it says how busy the cores were.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f, _ := strconv.ParseFloat(strings.Fields(string(data))[0], 64)
	return f
}
