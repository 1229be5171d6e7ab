// Command attack measures what hostile or heavy requests cost a real
// actorgraph server: it starts `actorgraph serve` (the binary given with
// -bin, against the Neo4j in NEO4J_URI), sends one attack, and prints one
// Markdown table row: requests, answers by status and code, the slowest
// answer, the largest response, and the server's peak resident memory and
// CPU time. BENCHMARKS.md records its output before and after the
// hardening of issue 12, for the same commands.
//
//	go run ./server/testdata/attack -bin bin/actorgraph -attack alias25k -c 4
//
// Attacks: alias25k (one alias repeated 900 times with different
// arguments, 24 KB), field50k (one field repeated 9,980 times, 50 KB),
// introspection (__schema under 212 aliases spreading one fragment,
// 5.3 KB), neighbourhood (the heaviest neighbourhood the cost limit
// allows, depth 5 and limit 1000, of the busiest actor), export (GET
// /export/graphml), outage (Neo4j stopped with scripts/neo4j while
// serving; needs -neo4j-home).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func main() {
	bin := flag.String("bin", "bin/actorgraph", "actorgraph binary to serve with")
	attack := flag.String("attack", "alias25k", "alias25k, field50k, introspection, neighbourhood, export or outage")
	conc := flag.Int("c", 1, "copies of the attack sent at once")
	actor := flag.String("actor", "rika-institute", "actor of the neighbourhood attack (the busiest one)")
	home := flag.String("neo4j-home", os.Getenv("ACTORGRAPH_TEST_NEO4J_HOME"), "folder of the Neo4j the outage attack stops and starts")
	flag.Parse()
	if err := run(*bin, *attack, *conc, *actor, *home); err != nil {
		fmt.Fprintln(os.Stderr, "attack:", err)
		os.Exit(1)
	}
}

type result struct {
	status  int
	code    string
	bytes   int
	elapsed time.Duration
	err     error
}

func run(bin, attack string, conc int, actor, home string) error {
	srv, err := start(bin)
	if err != nil {
		return err
	}
	defer srv.stop()
	rssBefore := srv.rss("VmRSS")
	var results []result
	switch attack {
	case "alias25k", "field50k", "introspection", "neighbourhood":
		body := queryFor(attack, actor)
		results = parallel(conc, func() result { return post(srv.addr, body) })
	case "export":
		results = parallel(conc, func() result { return get(srv.addr, "/export/graphml") })
	case "outage":
		return outage(srv, home)
	default:
		return fmt.Errorf("unknown attack %q", attack)
	}
	codes := map[string]int{}
	var slowest time.Duration
	largest := 0
	for _, r := range results {
		key := fmt.Sprintf("%d %s", r.status, r.code)
		if r.err != nil {
			key = "no answer"
		}
		codes[key]++
		slowest = max(slowest, r.elapsed)
		largest = max(largest, r.bytes)
	}
	var keys []string
	for k, n := range codes {
		keys = append(keys, fmt.Sprintf("%d× %s", n, strings.TrimSpace(k)))
	}
	sort.Strings(keys)
	fmt.Printf("| %s | %d | %s | %s | %s | %.0f MB → %.0f MB | %.2f s |\n", attack, conc, strings.Join(keys, ", "),
		slowest.Round(time.Millisecond), size(largest), float64(rssBefore)/(1<<20), float64(srv.rss("VmHWM"))/(1<<20), srv.cpu().Seconds())
	return nil
}

// queryFor builds the attack's request body.
func queryFor(attack, actor string) []byte {
	var b strings.Builder
	switch attack {
	case "alias25k":
		b.WriteString("{")
		for i := range 900 { // 24 KB
			fmt.Fprintf(&b, ` a: actor(id: "%d") { id }`, i)
		}
		b.WriteString(" }")
	case "field50k":
		b.WriteString(`{ actor(id: "iran") {`)
		for range 9980 { // just under the 10000-token limit
			b.WriteString(" name")
		}
		b.WriteString(" } }")
	case "introspection":
		const frag = `fragment F on __Schema { types { name description fields { name description args { name description type { name ofType { name ofType { name } } } } type { name ofType { name ofType { name } } } } inputFields { name description } enumValues { name description } } directives { name description args { name description } } }`
		b.WriteString("{")
		for i := 0; b.Len()+len(frag) < 5300; i++ {
			fmt.Fprintf(&b, " s%d: __schema { ...F }", i)
		}
		b.WriteString(" } " + frag)
	case "neighbourhood":
		fmt.Fprintf(&b, `{ neighbourhood(id: %q, depth: 5, limit: 1000) { nodes { id label kind } edges { id type source target certainty claimCount } } }`, actor)
	}
	body, _ := json.Marshal(map[string]string{"query": b.String()})
	return body
}

func parallel(n int, f func() result) []result {
	out := make([]result, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); out[i] = f() }()
	}
	wg.Wait()
	return out
}

var client = &http.Client{Timeout: 2 * time.Minute}

func post(addr string, body []byte) result {
	start := time.Now()
	res, err := client.Post("http://"+addr+"/graphql", "application/json", bytes.NewReader(body))
	return answer(res, err, start)
}

func get(addr, path string) result {
	start := time.Now()
	res, err := client.Get("http://" + addr + path)
	return answer(res, err, start)
}

func answer(res *http.Response, err error, start time.Time) result {
	if err != nil {
		return result{err: err, elapsed: time.Since(start)}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	r := result{status: res.StatusCode, bytes: len(b), elapsed: time.Since(start), err: err}
	var out struct {
		Errors []struct {
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if json.Unmarshal(b, &out) == nil && len(out.Errors) > 0 {
		r.code = out.Errors[0].Extensions.Code
		if r.code == "" {
			r.code = "(no code)"
		}
	} else if len(out.Errors) == 0 && res.StatusCode == 200 && strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		r.code = "data"
	}
	return r
}

// outage stops Neo4j, times five queries, starts it again and times how
// long until a query succeeds.
func outage(srv *server, home string) error {
	if home == "" {
		return fmt.Errorf("the outage attack needs -neo4j-home")
	}
	body := []byte(`{"query":"{ actor(id: \"iran\") { name } }"}`)
	if r := post(srv.addr, body); r.code != "data" {
		return fmt.Errorf("query before the outage: %d %s", r.status, r.code)
	}
	if err := neo4j(home, "down"); err != nil {
		return err
	}
	var times []string
	for range 5 {
		r := post(srv.addr, body)
		times = append(times, fmt.Sprintf("%s %s", r.elapsed.Round(10*time.Millisecond), r.code))
	}
	if err := neo4j(home, "up"); err != nil {
		return err
	}
	up := time.Now()
	// Neo4j may answer Bolt well before it serves queries: time the API's
	// recovery from the moment a fresh connection's query succeeds.
	var neo4jBack, apiBack time.Time
	for apiBack.IsZero() {
		if neo4jBack.IsZero() && freshQuery() == nil {
			neo4jBack = time.Now()
		}
		if r := post(srv.addr, body); r.code == "data" {
			apiBack = time.Now()
		}
		if time.Since(up) > 2*time.Minute {
			return fmt.Errorf("no recovery within 2 minutes")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if neo4jBack.IsZero() {
		neo4jBack = apiBack
	}
	fmt.Printf("| outage | answers while Neo4j is down: %s | Neo4j served a fresh connection %s after scripts/neo4j up returned; the API %s after that |\n",
		strings.Join(times, ", "), neo4jBack.Sub(up).Round(10*time.Millisecond), apiBack.Sub(neo4jBack).Round(10*time.Millisecond))
	return nil
}

// freshQuery runs RETURN 1 on a new driver (NEO4J_URI, NEO4J_USERNAME,
// NEO4J_PASSWORD), as a process starting now would.
func freshQuery() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	d, err := driver.NewDriverWithContext(os.Getenv("NEO4J_URI"), driver.BasicAuth(os.Getenv("NEO4J_USERNAME"), os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		return err
	}
	defer d.Close(ctx)
	_, err = driver.ExecuteQuery(ctx, d, "RETURN 1", nil, driver.EagerResultTransformer)
	return err
}

func neo4j(home, cmd string) error {
	script := filepath.Join(filepath.Dir(os.Args[0]), "scripts", "neo4j")
	if _, err := os.Stat(script); err != nil {
		script = "scripts/neo4j"
	}
	c := exec.Command(script, cmd)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") {
			c.Env = append(c.Env, kv)
		}
	}
	c.Env = append(c.Env, "NEO4J_HOME_DIR="+home)
	out, err := c.CombinedOutput()
	if err != nil {
		return fmt.Errorf("scripts/neo4j %s: %v\n%s", cmd, err, out)
	}
	return nil
}

type server struct {
	cmd  *exec.Cmd
	addr string
}

func start(bin string) (*server, error) {
	cmd := exec.Command(bin, "serve", "-listen", "127.0.0.1:0")
	cmd.Stdout = io.Discard
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var rec struct{ Msg, GraphQL string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Msg == "serving" {
				addrc <- strings.TrimSuffix(strings.TrimPrefix(rec.GraphQL, "http://"), "/graphql")
			}
		}
	}()
	select {
	case addr := <-addrc:
		s := &server{cmd: cmd, addr: addr}
		// one ordinary query first, so the baseline includes a warm driver
		post(addr, []byte(`{"query":"{ actor(id: \"iran\") { name } }"}`))
		return s, nil
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		return nil, fmt.Errorf("%s serve did not start", bin)
	}
}

func (s *server) stop() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}

// rss reads a memory line (VmRSS, VmHWM) of the server's /proc status.
func (s *server) rss(key string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, key+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpu is the server's user and system CPU time so far.
func (s *server) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100 // clock ticks of 1/100 s
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
