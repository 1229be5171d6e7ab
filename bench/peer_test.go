package bench_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

// peer is the benchmark's peer server (bench/peer): @neo4j/graphql on
// Apollo Server, in a Node process of its own over the same Neo4j.
type peer struct {
	url string
	cmd *exec.Cmd
}

// peerReadyRE matches the line the peer prints once it serves.
var peerReadyRE = regexp.MustCompile(`^peer listening on (\S+) nodelay-sockets (\d+)$`)

// startPeer starts the peer and returns once it answers; it is stopped by
// its pid when the benchmark ends. Its dependencies are the versions
// bench/peer/package-lock.json pins (`make bench` installs them).
func startPeer(b *testing.B) *peer {
	b.Helper()
	dir := filepath.Join(repoRoot(), "bench", "peer")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@neo4j", "graphql")); err != nil {
		b.Fatalf("the peer's packages are not installed: run `npm ci --prefix bench/peer` (make bench does): %v", err)
	}
	cfg := neo4jtest.Config(b)
	types := make([]string, len(graph.RelationTypes))
	for i, r := range graph.RelationTypes {
		types[i] = string(r.Type)
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"),
		"NODE_ENV=production",
		"PEER_NEO4J_URI=" + cfg.URI,
		"PEER_NEO4J_USER=" + cfg.Username,
		"PEER_NEO4J_PASSWORD=" + cfg.Password,
		"PEER_RELATION_TYPES=" + strings.Join(types, ","),
		"PEER_PORT=0",
	}
	// The traversals are actorgraph's own statements, served by the peer
	// as @cypher fields: the same Cypher, the library's execution.
	for _, depth := range []int{1, 2} {
		st, err := neo4jstore.NeighbourhoodStatement("", graph.Traversal{Depth: depth, Direction: graph.Both, Limit: 1, MaxEdges: 1})
		if err != nil {
			b.Fatal(err)
		}
		env = append(env, fmt.Sprintf("PEER_NEIGHBOURHOOD%d_CYPHER=%s", depth, st.Cypher))
	}
	st, err := neo4jstore.ShortestPathsStatement("", "", shortestPathTraversal, false)
	if err != nil {
		b.Fatal(err)
	}
	env = append(env, "PEER_SHORTEST_PATH_CYPHER="+st.Cypher)

	cmd := exec.Command("node", "server.js")
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatalf("start the peer: %v", err)
	}
	p := &peer{cmd: cmd}
	b.Cleanup(p.stop)

	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := peerReadyRE.FindStringSubmatch(sc.Text()); m != nil {
				if n, _ := strconv.Atoi(m[2]); n < 1 {
					ready <- "error: no Bolt socket with TCP_NODELAY: " + sc.Text()
				} else {
					ready <- m[1]
				}
			}
		}
		close(ready)
	}()
	select {
	case u, ok := <-ready:
		if !ok || strings.HasPrefix(u, "error:") {
			b.Fatalf("the peer did not start (pid %d): %s", cmd.Process.Pid, u)
		}
		p.url = u
	case <-time.After(3 * time.Minute):
		b.Fatalf("the peer (pid %d) did not say it was ready within 3 minutes", cmd.Process.Pid)
	}
	return p
}

// stop ends the peer by its pid: SIGTERM, which closes its server and
// driver, then SIGKILL if it has not exited within 30 seconds.
func (p *peer) stop() {
	if p.cmd.Process == nil {
		return
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	_ = syscall.Kill(p.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = syscall.Kill(p.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

// shortestPathTraversal is what the shortestPath query asks: the API's
// default depth, either direction, one path.
var shortestPathTraversal = graph.Traversal{Depth: graph.MaxDepth, Direction: graph.Both, Limit: 1}

// contextTimeout is how long one request may take before the benchmark
// calls it failed.
func contextTimeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 2*time.Minute)
}
