package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

// repoRoot is the repository's top folder.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// neo4jScript runs scripts/neo4j with the given command on the test
// server (scripts/testdb started it in its own folder, whose settings keep
// its ports). The restart test stops and starts it.
func neo4jScript(t *testing.T, cmd string) {
	t.Helper()
	out, err := neo4jScriptCmd(t, cmd).CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/neo4j %s: %v\n%s", cmd, err, out)
	}
	t.Logf("scripts/neo4j %s: %s", cmd, strings.TrimSpace(string(out)))
}

func neo4jScriptCmd(t *testing.T, cmd string) *exec.Cmd {
	c := exec.Command(filepath.Join(repoRoot(), "scripts", "neo4j"), cmd)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") { // TestMain's NEO4J_URI would make the script leave the server alone
			c.Env = append(c.Env, kv)
		}
	}
	c.Env = append(c.Env, "NEO4J_HOME_DIR="+neo4jtest.Home(t))
	return c
}

// gql posts a query and returns its data and the first error's code.
func gql(addr, query string) (data string, code string, err error) {
	c := http.Client{Timeout: 30 * time.Second}
	res, err := c.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(`{"query":`+fmt.Sprintf("%q", query)+`}`))
	if err != nil {
		return "", "", err
	}
	defer res.Body.Close()
	var out struct {
		Data   json.RawMessage
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return "", "", err
	}
	if len(out.Errors) > 0 {
		c, _ := out.Errors[0].Extensions["code"].(string)
		return string(out.Data), c, fmt.Errorf("%s (%s)", out.Errors[0].Message, c)
	}
	return string(out.Data), "", nil
}

func status(addr, path string) int {
	res, err := http.Get("http://" + addr + path)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// waitFor polls cond until it holds or the time is up.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// The server starts while Neo4j is down, says so, and serves (with its
// schema created) once Neo4j comes up; a Neo4j restart while it serves
// fails requests cleanly and then service resumes, all without a restart
// of the server.
func TestNeo4jDownAtStartAndRestart(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	ctx := context.Background()
	if err := s.DropSchema(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if out, err := neo4jScriptCmd(t, "up").CombinedOutput(); err != nil {
			t.Errorf("leaving Neo4j running: %v\n%s", err, out)
		}
	})
	neo4jScript(t, "down")

	ready := make(chan string, 1)
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	var buf bytes.Buffer
	logs := &lockedWriter{w: &buf}
	m := NewMain(io.Discard, logs)
	m.Ready = ready
	done := make(chan error, 1)
	go func() { done <- m.Run(sctx, []string{"serve", "-listen", "127.0.0.1:0", "-neo4j-retry", "1s"}) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve did not start while Neo4j is down: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start while Neo4j is down")
	}

	const q = `{ actor(id: "iran") { name } }`
	if got := status(addr, "/healthz"); got != 200 {
		t.Fatalf("/healthz = %d while Neo4j is down", got)
	}
	if got := status(addr, "/readyz"); got != 503 {
		t.Fatalf("/readyz = %d while Neo4j is down", got)
	}
	start := time.Now()
	if _, code, err := gql(addr, q); code != graph.EUNAVAILABLE || !strings.Contains(err.Error(), "graph database unavailable") {
		t.Fatalf("query while Neo4j is down: %v", err)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Fatalf("a query took %v to fail while Neo4j is down", d)
	}

	neo4jScript(t, "up")
	waitFor(t, "/readyz to turn 200", 2*time.Minute, func() bool { return status(addr, "/readyz") == 200 })
	// The first queries on a Neo4j just started, while the server creates
	// its schema, can run past the request deadline on a busy machine:
	// polled, not asked once.
	waitFor(t, "a query to answer with data once Neo4j is up", 2*time.Minute, func() bool {
		data, _, err := gql(addr, q)
		return err == nil && strings.Contains(data, `"Iran"`)
	})
	// The server's own attempt, not merely the schema's presence: an
	// attempt still running (awaiting its indexes) when Neo4j is stopped
	// below would be retried during the restart.
	waitFor(t, "the server to log that its schema is in place", 3*time.Minute, func() bool {
		return strings.Contains(logs.String(), "schema in place")
	})
	if missing, err := s.MissingSchema(ctx); err != nil || len(missing) > 0 {
		t.Fatalf("the server logged its schema in place, yet %v is missing (%v)", missing, err)
	}

	// Restart while serving. Each request answers "unavailable" at once
	// (within a second by design, 5.3-6.5 s before the store failed fast);
	// the bound below is generous, for a busy machine, yet below that.
	neo4jScript(t, "down")
	for i := range 5 {
		start = time.Now()
		if _, code, err := gql(addr, q); code != graph.EUNAVAILABLE {
			t.Fatalf("query %d during the restart: %v", i, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("query %d took %v to fail during the restart", i, d)
		} else {
			t.Logf("query %d during the restart: unavailable in %v", i, d)
		}
	}
	if got := status(addr, "/readyz"); got != 503 {
		t.Fatalf("/readyz = %d during the restart", got)
	}
	r := watchRecovery(t, addr, q)
	t.Logf("recovery: Neo4j served a fresh connection %v after it accepted the Bolt handshake; the API answered with data %v after that (%v after the handshake; the request that did took %v)",
		r.serves.Sub(r.accepts).Round(time.Millisecond), r.answers.Sub(r.serves).Round(time.Millisecond),
		r.answers.Sub(r.accepts).Round(time.Millisecond), r.took.Round(time.Millisecond))
	if !r.reference.IsZero() {
		t.Logf("recovery, side by side: a fresh client's same read answered %v after Neo4j served, the API %v after (the API's own part: %v)",
			r.reference.Sub(r.serves).Round(time.Millisecond), r.answers.Sub(r.serves).Round(time.Millisecond),
			r.answers.Sub(r.reference).Round(time.Millisecond))
	}
	t.Logf("recovery: scripts/neo4j up returned %v after the handshake; the API answered %v after it returned",
		r.upReturned.Sub(r.accepts).Round(time.Millisecond), r.answers.Sub(r.upReturned).Round(time.Millisecond))
	// The store's part is from Neo4j serving to the API answering: 2 s by
	// design (a probe every 250 ms, then the first query planned on a cold
	// server); the bound is generous, for a busy machine.
	if d := r.answers.Sub(r.serves); d > 15*time.Second {
		t.Errorf("the API answered %v after Neo4j served again", d)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatalf("serve returned %v", err)
	}
}

// recovery is when Neo4j, starting, accepted the Bolt handshake, when it
// first served a fresh connection, and when the API first answered a query
// with data, and how long that request took.
type recovery struct {
	accepts, serves, answers time.Time
	took                     time.Duration
	// reference is when a client of its own, starting when Neo4j first
	// served a fresh connection, got the answer to the API's read: what a
	// cold Neo4j costs anyone (zero time if the read failed).
	reference time.Time
	// upReturned is when scripts/neo4j up returned: it waits for Neo4j's
	// "Started." log line, the Bolt handshake and HTTP, polling each second.
	upReturned time.Time
}

// watchRecovery starts the stopped test Neo4j and times its return as seen
// from outside the server: the Bolt handshake polled on its port, a new
// store's query started every 50 ms, a few at a time (Neo4j holds queries
// sent while it starts and answers them all once it serves, so the first
// to succeed marks that moment), and the query q sent to the API at addr
// every 20 ms until it returns data.
func watchRecovery(t *testing.T, addr, q string) recovery {
	t.Helper()
	cfg := neo4jtest.Config(t)
	bolt := strings.TrimPrefix(cfg.URI, "bolt://")
	up := make(chan error, 1)
	var upAt time.Time // written before up is sent to, read after
	go func() {
		out, err := neo4jScriptCmd(t, "up").CombinedOutput()
		if err != nil {
			err = fmt.Errorf("%v\n%s", err, out)
		}
		upAt = time.Now()
		up <- err
	}()
	var r recovery
	deadline := time.Now().Add(3 * time.Minute)
	for !boltHandshake(bolt) {
		if time.Now().After(deadline) {
			t.Fatal("Neo4j did not accept the Bolt handshake within 3 minutes")
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.accepts = time.Now()

	served := make(chan time.Time, 1)
	ref := make(chan time.Time, 1)
	ctx, cancel := context.WithCancel(context.Background())
	var checks sync.WaitGroup
	defer func() { cancel(); checks.Wait() }()
	checks.Add(1)
	go func() {
		defer checks.Done()
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		inFlight := make(chan struct{}, 4) // few: all are answered at once when Neo4j serves
		for {
			select {
			case inFlight <- struct{}{}:
				checks.Add(1)
				go func() {
					defer checks.Done()
					defer func() { <-inFlight }()
					if freshConnection(ctx, cfg) == nil {
						select {
						case served <- time.Now():
							// The reference: the API's read, made at
							// once by a client of its own.
							ref <- freshRead(ctx, cfg)
						default:
						}
					}
				}()
			default:
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	for {
		sent := time.Now()
		if data, _, err := gql(addr, q); err == nil && strings.Contains(data, `"Iran"`) {
			r.answers = time.Now()
			r.took = r.answers.Sub(sent)
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the API did not answer with data within 3 minutes of starting Neo4j")
		}
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case r.serves = <-served:
	case <-time.After(time.Minute):
		t.Fatal("the API answered, yet no fresh connection was served within a minute")
	}
	select {
	case r.reference = <-ref:
	case <-time.After(time.Minute):
		t.Fatal("the reference read did not answer within a minute")
	}
	if err := <-up; err != nil {
		t.Fatalf("scripts/neo4j up: %v", err)
	}
	r.upReturned = upAt
	return r
}

// freshConnection opens a store of its own, as a process starting now
// would, and reads the test database's marker through it. A query, not a
// connectivity check: a starting Neo4j authenticates connections seconds
// before it runs queries on the database.
func freshConnection(ctx context.Context, cfg neo4jstore.Config) error {
	s, err := neo4jstore.Open(cfg)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return neo4jtest.CheckMarker(ctx, s, os.Getenv(neo4jtest.EnvMarker))
}

// freshRead opens a store of its own and makes the read the test's GraphQL
// query makes (the actor iran by id); it returns when the answer came, or
// the zero time if it failed.
func freshRead(ctx context.Context, cfg neo4jstore.Config) time.Time {
	s, err := neo4jstore.Open(cfg)
	if err != nil {
		return time.Time{}
	}
	defer s.Close(context.Background())
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if got, err := s.ActorsByID(ctx, []string{"iran"}); err != nil || got["iran"].Name != "Iran" {
		return time.Time{}
	}
	return time.Now()
}

// boltHandshake reports whether a Bolt server at addr completes the Bolt
// handshake: the magic preamble, four version ranges (5.0-5.8 and 4.4
// offered), and a non-zero version chosen in reply.
func boltHandshake(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := c.Write([]byte{0x60, 0x60, 0xb0, 0x17, 0, 8, 8, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0}); err != nil {
		return false
	}
	var v [4]byte
	if _, err := io.ReadFull(c, v[:]); err != nil {
		return false
	}
	return v != [4]byte{}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestMain points the command at the test database (the tests run it in
// process and as a child process, both reading NEO4J_*), then removes the
// binary the process tests built.
func TestMain(m *testing.M) {
	neo4jtest.PointNeo4jEnvAtTestDatabase()
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds the actorgraph command once per test run.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "actorgraph-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "actorgraph")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// A load killed half-way leaves every article either whole or absent:
// each transaction holds whole articles (two of them here).
func TestKilledLoadLeavesNoPartialArticle(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	bin := binary(t)
	const articles, claimsPer = 150, 60
	dir := writeCorpus(t, articles, claimsPer)

	cmd := exec.Command(bin, "load", "-tx-claims", fmt.Sprint(2*claimsPer), dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	ctx := context.Background()
	waitFor(t, "a few articles to be loaded", 3*time.Minute, func() bool {
		select {
		case err := <-exited:
			t.Fatalf("the load ended before it was killed: %v\n%s", err, out.String())
		default:
		}
		st, err := s.Stats(ctx)
		return err == nil && st.Articles >= 3
	})
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited

	list, err := s.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == articles {
		t.Fatalf("the load finished before it was killed; make the corpus larger\n%s", out.String())
	}
	if len(list)%2 != 0 {
		t.Errorf("%d articles in the graph: a transaction of two articles was cut in half", len(list))
	}
	ids := make([]string, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	claims, err := s.ClaimsOfArticles(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, id := range ids {
		if n := len(claims[id]); n != claimsPer {
			t.Errorf("article %s has %d of its %d claims", id, n, claimsPer)
		}
		total += len(claims[id])
	}
	st := neo4jtest.MustStats(t, s)
	if st.Claims != total {
		t.Errorf("%d claims in the graph, %d in its articles: claims without an article", st.Claims, total)
	}
	// Every relationship is backed by claims that exist.
	var after string
	for {
		page, err := s.Relationships(ctx, graph.RelationshipFilter{}, graph.PageRequest{First: 100, After: after})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Relationships {
			got, err := s.ClaimsByID(ctx, r.ClaimIDs)
			if err != nil || len(got) != len(r.ClaimIDs) || len(r.ClaimIDs) == 0 {
				t.Errorf("relationship %s: %d of %d claims exist (%v)", r.ID, len(got), len(r.ClaimIDs), err)
			}
		}
		if !page.HasNextPage {
			break
		}
		after = page.Relationships[len(page.Relationships)-1].ID
	}
	t.Logf("killed after %d of %d articles; each is whole", len(list), articles)
}

// writeCorpus writes n generated articles of m claims each, over a shared
// pool of actors.
func writeCorpus(t *testing.T, n, m int) string {
	t.Helper()
	dir := t.TempDir()
	kinds := []graph.ActorKind{graph.KindState, graph.KindMilitia, graph.KindPerson, graph.KindOrganisation, graph.KindGroup}
	const pool = 40
	for a := range n {
		var text, claims strings.Builder
		used := map[int]bool{}
		for c := range m {
			s, o := (a*7+c)%pool, (a*7+c*3+1)%pool
			if s == o {
				o = (o + 1) % pool
			}
			used[s], used[o] = true, true
			rel := graph.RelationTypes[(a+c)%len(graph.RelationTypes)].Type
			sentence := fmt.Sprintf("In report %d, statement %d says that Actor %d and Actor %d are linked.", a, c, s, o)
			text.WriteString(sentence + "\n")
			fmt.Fprintf(&claims, "  - id: c%d\n    subject: Actor %d\n    relation: %s\n    object: Actor %d\n    certainty: REPORTED\n    quote: %q\n",
				c, s, rel, o, sentence)
		}
		var actors strings.Builder
		for i := range pool {
			if used[i] {
				fmt.Fprintf(&actors, "  - id: actor-%d\n    name: Actor %d\n    kind: %s\n", i, i, kinds[i%len(kinds)])
			}
		}
		yaml := fmt.Sprintf("format: 2\narticle:\n  id: report-%03d\n  title: Report %d\n  file: report-%03d.txt\n  publishedAt: unknown\nactors:\n%sclaims:\n%s",
			a, a, a, actors.String(), claims.String())
		must(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("report-%03d.txt", a)), []byte(text.String()), 0o644))
		must(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("report-%03d.yaml", a)), []byte(yaml), 0o644))
	}
	return dir
}

// SIGTERM stops the server from taking new connections, lets the request
// in flight finish, then exits 0.
func TestSIGTERMDrainsInFlightRequests(t *testing.T) {
	neo4jtest.MustOpenSeeded(t)
	bin := binary(t)
	cmd, addr, logs := startServe(t, bin)
	defer cmd.Process.Kill()

	// A request in flight: headers and half the body sent.
	body := `{"query":"{ actor(id: \"iraq\") { name } }"}`
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", addr, len(body), body[:10])
	time.Sleep(300 * time.Millisecond)

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "new connections to be refused", 10*time.Second, func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		t.Fatalf("server exited with a request in flight: %v", err)
	case <-time.After(500 * time.Millisecond):
	}

	conn.Write([]byte(body[10:]))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request: %v", err)
	}
	got, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.Contains(string(got), `"name":"Iraq"`) {
		t.Fatalf("in-flight request answered %d %s", res.StatusCode, got)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not exit after draining")
	}
}

// startServe starts `actorgraph serve` on a free loopback port and
// returns the process, its address once it serves, and its log (written
// as it comes).
func startServe(t *testing.T, bin string, args ...string) (*exec.Cmd, string, *lockedWriter) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "-listen", "127.0.0.1:0"}, args...)...)
	cmd.Env = os.Environ()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logs := &lockedWriter{w: &bytes.Buffer{}}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logs.Write([]byte(sc.Text() + "\n"))
			var rec struct{ Msg, GraphQL string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Msg == "serving" {
				addrc <- strings.TrimSuffix(strings.TrimPrefix(rec.GraphQL, "http://"), "/graphql")
			}
		}
	}()
	select {
	case addr := <-addrc:
		return cmd, addr, logs
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("serve did not start:\n%s", logs.String())
	}
	return nil, "", nil
}

// String returns what was written, when w is a *bytes.Buffer.
func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b, ok := l.w.(*bytes.Buffer); ok {
		return b.String()
	}
	return ""
}
