package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/server"
)

// loadQuery is one query of the load mix; Weight is its share of requests.
type loadQuery struct {
	Name   string
	Weight int
	Query  string
	Vars   map[string]any
}

// loadMix is what a network-drawing frontend and an explorer send: look an
// actor up, search, expand a neighbourhood, page relationships, find a path,
// and now and then a page of actors with nested fields. Ids are the seed's.
var loadMix = []loadQuery{
	{"ActorByID", 25, `query ActorByID($id: ID!) { actor(id: $id) { id name kind aliases description degree } }`, map[string]any{"id": "kataib-hezbollah"}},
	{"Search", 20, `query Search($t: String!) { search(text: $t, first: 5) { score actor { id name kind } } }`, map[string]any{"t": "Hezbolah"}},
	{"Neighbourhood", 20, `query Neighbourhood($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 50) {
		nodes { id label kind } edges { id type source target certainty claimCount corroboration } } }`, map[string]any{"id": "iran"}},
	{"Relationships", 15, `query Relationships { relationships(type: ALIGNED_WITH, to: "iran") { totalCount
		nodes { from { name } certainty claimCount corroboration claims { quote certainty attributedTo { name } } } } }`, nil},
	{"ShortestPath", 10, `query ShortestPath { shortestPath(from: "donald-trump", to: "kataib-hezbollah") {
		length nodes { id label } edges { type source target certainty } } }`, nil},
	{"ActorsPage", 10, `query ActorsPage { actors(first: 20) { totalCount pageInfo { endCursor hasNextPage }
		nodes { id name degree relationships { type to { name } } } } }`, nil},
}

func (m *Main) loadtestCommand() *command {
	return &command{
		name: "loadtest", maxArgs: 0,
		summary: "send a realistic query mix to a loopback GraphQL server; report req/s, p50/p99, errors",
		doc: `Sends the mix a network-drawing frontend and an explorer send (an actor,
a search, a neighbourhood, relationships, a path, a page of actors, over
the seed's ids) for -duration, then prints throughput, latency percentiles
and errors, overall and per query. Without -target it serves the API
in-process over Neo4j. Only loopback addresses are targeted. With
-baseline it then runs the same mix as hand-written Cypher through the bare
driver and compares. Figures are in BENCHMARKS.md.`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := dbFlags(fs)
			target := fs.String("target", "", "GraphQL `URL` to load, on a loopback address; empty: serve in-process on 127.0.0.1")
			duration := fs.Duration("duration", 20*time.Second, "how long to send requests (at most 10m)")
			workers := fs.Uint64("workers", 8, "concurrent requests")
			rate := fs.Int("rate", 0, "requests per second; 0 sends as fast as the workers go")
			baseline := fs.Bool("baseline", true, "then run the same mix as bare-driver Cypher for the same time and workers, and compare (with -rate 0 only)")
			return func(ctx context.Context, _ []string) error {
				return m.loadtest(ctx, cfg, *target, *duration, *workers, *rate, *baseline)
			}
		},
	}
}

func (m *Main) loadtest(ctx context.Context, cfg *neo4jstore.Config, target string, duration time.Duration, workers uint64, rate int, baseline bool) error {
	if duration <= 0 || duration > 10*time.Minute {
		return usagef("-duration must be between 0 and 10m")
	}
	if workers == 0 {
		return usagef("-workers must be at least 1")
	}
	u := target
	if u == "" {
		addr, stop, err := m.serveInProcess(ctx, cfg)
		if err != nil {
			return err
		}
		defer stop()
		u = "http://" + addr + "/graphql"
	}
	if err := requireLoopback(u); err != nil {
		return err
	}
	// One warm-up round, which also checks every query of the mix works.
	for _, q := range loadMix {
		if err := checkQuery(ctx, u, q); err != nil {
			return fmt.Errorf("query %s: %w", q.Name, err)
		}
	}

	targets, err := mixTargets(u)
	if err != nil {
		return err
	}
	pacer := vegeta.Rate{Freq: rate, Per: time.Second}
	atk := vegeta.NewAttacker(vegeta.Workers(workers), vegeta.MaxWorkers(workers), vegeta.KeepAlive(true),
		vegeta.Timeout(30*time.Second), vegeta.MaxBody(1<<20))
	var all vegeta.Metrics
	byName := map[string]*vegeta.Metrics{}
	gqlErrors := 0
	results := atk.Attack(vegeta.NewStaticTargeter(targets...), pacer, duration, "graphql")
	for {
		select {
		case <-ctx.Done():
			atk.Stop()
		case res, ok := <-results:
			if !ok {
				goto done
			}
			if res.Code == 200 && bytes.Contains(res.Body, []byte(`"errors"`)) {
				gqlErrors++
				res.Error = "GraphQL error"
			}
			all.Add(res)
			name := opOf(res.URL)
			if byName[name] == nil {
				byName[name] = &vegeta.Metrics{}
			}
			byName[name].Add(res)
		}
	}
done:
	all.Close()
	for _, mt := range byName {
		mt.Close()
	}
	reportLoad(m.Stdout, u, duration, workers, rate, &all, byName, gqlErrors)
	if !baseline || rate != 0 || ctx.Err() != nil {
		return nil
	}
	base, baseBy, err := runBaseline(ctx, *cfg, duration, int(workers))
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	fmt.Fprintf(m.Stdout, "\nbaseline: the same mix as one hand-written Cypher query each, bare driver, same %v and %d workers\n", duration, workers)
	reportLoad(m.Stdout, "neo4j (bare driver)", duration, workers, 0, base, baseBy, 0)
	fmt.Fprintf(m.Stdout, "\nGraphQL API / bare driver: throughput %.2f×, p50 %.2f×, p99 %.2f×\n",
		all.Throughput/base.Throughput, ratio(all.Latencies.P50, base.Latencies.P50), ratio(all.Latencies.P99, base.Latencies.P99))
	return nil
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// runBaseline runs the mix's baseline queries (baseline.go) through the
// bare driver from the given number of workers, each walking the same
// weighted sequence the load test sends.
func runBaseline(ctx context.Context, cfg neo4jstore.Config, d time.Duration, workers int) (*vegeta.Metrics, map[string]*vegeta.Metrics, error) {
	bare, err := openBaselineDriver(cfg)
	if err != nil {
		return nil, nil, err
	}
	defer bare.Close()
	targets, err := mixTargets("http://baseline/")
	if err != nil {
		return nil, nil, err
	}
	seq := make([]string, len(targets))
	for i, t := range targets {
		seq[i] = opOf(t.URL)
	}
	results := make(chan *vegeta.Result, 1024)
	end := time.Now().Add(d)
	var next atomic.Uint64 // hands out the workers' places in seq
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) && ctx.Err() == nil {
				name := seq[(next.Add(1)-1)%uint64(len(seq))]
				start := time.Now()
				err := bare.run(ctx, name)
				r := &vegeta.Result{Attack: "baseline", Code: 200, Timestamp: start, Latency: time.Since(start), URL: "http://baseline/?op=" + name}
				if err != nil {
					r.Code, r.Error = 0, err.Error()
				}
				results <- r
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	all := &vegeta.Metrics{}
	by := map[string]*vegeta.Metrics{}
	for r := range results {
		all.Add(r)
		name := opOf(r.URL)
		if by[name] == nil {
			by[name] = &vegeta.Metrics{}
		}
		by[name].Add(r)
	}
	all.Close()
	for _, m := range by {
		m.Close()
	}
	return all, by, nil
}

// reportLoad prints the summary and a line per query of the mix.
func reportLoad(w io.Writer, u string, d time.Duration, workers uint64, rate int, all *vegeta.Metrics, byName map[string]*vegeta.Metrics, gqlErrors int) {
	r := "as fast as the workers go"
	if rate > 0 {
		r = fmt.Sprintf("%d/s", rate)
	}
	fmt.Fprintf(w, "target %s, %v, %d workers, rate %s\n", u, d, workers, r)
	errs := all.Requests - uint64(float64(all.Requests)*all.Success+0.5)
	fmt.Fprintf(w, "requests %d, sustained %.1f req/s, p50 %v, p99 %v, max %v, errors %d (%d GraphQL, %d HTTP or network)\n",
		all.Requests, all.Throughput, all.Latencies.P50.Round(10*time.Microsecond), all.Latencies.P99.Round(10*time.Microsecond),
		all.Latencies.Max.Round(10*time.Microsecond), errs, gqlErrors, int(errs)-gqlErrors)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "query\tshare\trequests\tp50\tp99\terrors")
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	total := 0
	for _, q := range loadMix {
		total += q.Weight
	}
	weight := map[string]int{}
	for _, q := range loadMix {
		weight[q.Name] = q.Weight
	}
	for _, n := range names {
		mt := byName[n]
		e := mt.Requests - uint64(float64(mt.Requests)*mt.Success+0.5)
		fmt.Fprintf(tw, "%s\t%d%%\t%d\t%v\t%v\t%d\n", n, 100*weight[n]/total, mt.Requests,
			mt.Latencies.P50.Round(10*time.Microsecond), mt.Latencies.P99.Round(10*time.Microsecond), e)
	}
	tw.Flush()
	for _, e := range all.Errors {
		fmt.Fprintf(w, "error: %s\n", e)
	}
}

// mixTargets expands the mix into a round-robin list of POST requests in
// proportion to the weights; the operation name rides in the URL so the
// results can be told apart.
func mixTargets(u string) ([]vegeta.Target, error) {
	hdr := http.Header{"Content-Type": []string{"application/json"}}
	var out []vegeta.Target
	for round := 0; round < 100; round++ {
		for _, q := range loadMix {
			if round%100 >= q.Weight*100/totalWeight() {
				continue
			}
			body, err := json.Marshal(map[string]any{"query": q.Query, "operationName": q.Name, "variables": q.Vars})
			if err != nil {
				return nil, err
			}
			out = append(out, vegeta.Target{Method: http.MethodPost, URL: u + "?op=" + q.Name, Body: body, Header: hdr})
		}
	}
	return out, nil
}

func totalWeight() int {
	n := 0
	for _, q := range loadMix {
		n += q.Weight
	}
	return n
}

func opOf(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil {
		return u.Query().Get("op")
	}
	return ""
}

// checkQuery sends one query and fails on any error in the answer.
func checkQuery(ctx context.Context, u string, q loadQuery) error {
	body, _ := json.Marshal(map[string]any{"query": q.Query, "operationName": q.Name, "variables": q.Vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || bytes.Contains(b, []byte(`"errors"`)) || bytes.Contains(b, []byte(`"data":null`)) {
		return fmt.Errorf("status %d: %s (is the seed loaded? `actorgraph load seed`)", res.StatusCode, b)
	}
	return nil
}

// requireLoopback refuses targets off this machine: the load test is for
// measuring, not for loading someone else's server.
func requireLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("-target %q is not an http(s) URL", raw)
	}
	host := u.Hostname()
	ips, err := net.LookupIP(host)
	if err != nil {
		return fmt.Errorf("-target: %w", err)
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return usagef("-target %s resolves to %s, which is not a loopback address; the load test only targets this machine", host, ip)
		}
	}
	return nil
}

// serveInProcess serves the API over cfg's Neo4j on a loopback port, with
// the default limits, logging only warnings.
func (m *Main) serveInProcess(ctx context.Context, cfg *neo4jstore.Config) (string, func(), error) {
	store, err := m.openStore(ctx, cfg)
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		store.Close(context.Background())
		return "", nil, err
	}
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	srv := &http.Server{Handler: server.New(server.Ports{Graph: store, Export: store, Health: store}, server.Options{Logger: logger}), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return ln.Addr().String(), func() {
		srv.Shutdown(context.Background())
		store.Close(context.Background())
	}, nil
}
