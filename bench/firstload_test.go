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

	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
)

// BenchmarkFirstLoad times `actorgraph load seed`, end to end (the
// process starting, validating, checking the schema, writing), on a
// Neo4j started a moment before: its JVM cold, its query cache empty, so
// every statement of the load is planned afresh. Two cases: an empty
// database whose schema is in place (a restarted server), and a new
// database without the schema (the first `make run` on a machine), where
// the load creates the indexes too. The test server is stopped and
// started again with scripts/neo4j for each.
func BenchmarkFirstLoad(b *testing.B) {
	bin := actorgraphBinary(b)
	for _, tc := range []struct {
		name       string
		dropSchema bool
	}{
		{"schema-in-place", false},
		{"new-database", true},
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
				cmd := exec.Command(bin, "load", "-q", "-progress=false", neo4jtest.SeedDir())
				cmd.Stdout, cmd.Stderr = &out, &out
				start := time.Now()
				if err := cmd.Run(); err != nil {
					b.Fatalf("actorgraph load seed: %v\n%s", err, out.String())
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
