package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/bench"
	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/server"
)

// Load settings: UNWIND rows per statement on both sides; actorgraph runs
// with its defaults otherwise (one writer, transactions of about
// loaders.DefaultTxClaims claims in whole articles).
const loadBatchSize = neo4jstore.DefaultBatchSize

// requests is how many requests each side of a query benchmark sends.
func requests() int {
	if n, err := strconv.Atoi(os.Getenv("ACTORGRAPH_BENCH_REQUESTS")); err == nil && n > 0 {
		return n
	}
	return 200
}

// BenchmarkScale runs, for each corpus size in turn: the load benchmark
// (which leaves that corpus loaded by actorgraph), then the query
// benchmarks on it. Every result is a pair measured in the same run:
// actorgraph and the raw-driver baseline, interleaved request by request.
func BenchmarkScale(b *testing.B) {
	store := neo4jtest.MustOpenEmpty(b)
	cfg := neo4jtest.Config(b)
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		b.Fatal(err)
	}
	defer driver.Close(context.Background())
	api := httptest.NewServer(server.New(server.Ports{Graph: store, Export: store, Health: store}, server.Options{}))
	defer api.Close()

	warmUp(b, store, driver, corpus(b, sizes(b)[0]))
	for _, claims := range sizes(b) {
		dir := corpus(b, claims)
		prefix := "claims=" + bench.SizeName(claims)
		if !b.Run(prefix+"/load", func(b *testing.B) { benchLoad(b, store, driver, dir) }) {
			b.Fatalf("the %s load failed: the graph is not that corpus, so its queries are not measured", prefix)
		}
		anchors := sampleActors(b, driver, 50)
		q := querier{b: b, api: api.URL + "/graphql", driver: driver, db: cfg.Database}
		for _, depth := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/neighbourhood-depth%d", prefix, depth), func(b *testing.B) {
				q.b = b
				q.compare(len(anchors), func(i int) (string, map[string]any, neo4jstore.Statement) {
					id := anchors[i%len(anchors)]
					st, err := neo4jstore.NeighbourhoodStatement(id, graph.Traversal{Depth: depth, Direction: graph.Both, Limit: 100})
					if err != nil {
						b.Fatal(err)
					}
					return `query($id: ID!, $depth: Int) { neighbourhood(id: $id, depth: $depth) {
						nodes { id label kind } edges { id type source target certainty claimCount corroboration } } }`,
						map[string]any{"id": id, "depth": depth}, st
				})
			})
		}
		b.Run(prefix+"/shortestPath", func(b *testing.B) {
			q.b = b
			q.compare(len(anchors), func(i int) (string, map[string]any, neo4jstore.Statement) {
				from, to := anchors[i%len(anchors)], anchors[(i*7+3)%len(anchors)]
				if from == to {
					to = anchors[(i+1)%len(anchors)]
				}
				st, err := neo4jstore.ShortestPathsStatement(from, to, graph.Traversal{Depth: graph.MaxDepth, Direction: graph.Both, Limit: 1}, false)
				if err != nil {
					b.Fatal(err)
				}
				return `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) {
					length nodes { id label kind } edges { id type source target certainty } } }`,
					map[string]any{"from": from, "to": to}, st
			})
		})
		b.Run(prefix+"/actors-page", func(b *testing.B) {
			q.b = b
			q.compare(len(graph.ActorKinds), func(i int) (string, map[string]any, neo4jstore.Statement) {
				kind := graph.ActorKinds[i%len(graph.ActorKinds)]
				st := neo4jstore.ActorsStatement(graph.ActorFilter{Kind: kind}, graph.PageRequest{First: 20})
				return `query($kind: ActorKind) { actors(kind: $kind, first: 20) {
					totalCount pageInfo { hasNextPage endCursor } nodes { id name kind aliases } } }`,
					map[string]any{"kind": string(kind)}, st
			})
		})
	}
}

// warmUp loads the smallest corpus once each way, untimed: a Neo4j just
// started compiles its queries and fills its page cache during the first
// loads, and that would be charged to whichever side went first.
func warmUp(b *testing.B, store *neo4jstore.Store, driver neo4j.DriverWithContext, dir string) {
	files, err := loaders.ClaimsFiles([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	reset(b, store)
	if _, err := rawLoad(context.Background(), driver, files, loadBatchSize); err != nil {
		b.Fatalf("raw load: %v", err)
	}
	reset(b, store)
	if out, err := exec.Command(actorgraphBinary(b), "load", "-q", "-progress=false", dir).CombinedOutput(); err != nil {
		b.Fatalf("actorgraph load: %v\n%s", err, out)
	}
}

// benchLoad empties the database, loads the corpus with the raw baseline,
// empties it again and loads it with `actorgraph load`, timing both.
func benchLoad(b *testing.B, store *neo4jstore.Store, driver neo4j.DriverWithContext, dir string) {
	ctx := context.Background()
	bin := actorgraphBinary(b)
	files, err := loaders.ClaimsFiles([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	var rawRate, ourRate, rssMB float64
	for range b.N {
		reset(b, store)
		start := time.Now()
		claims, err := rawLoad(ctx, driver, files, loadBatchSize)
		if err != nil {
			b.Fatalf("raw load: %v", err)
		}
		rawRate = float64(claims) / time.Since(start).Seconds()

		reset(b, store)
		cmd := exec.Command(bin, "load", "-q", "-progress=false", "-batch-size", strconv.Itoa(loadBatchSize), dir)
		cmd.Env = os.Environ()
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start = time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("actorgraph load: %v\n%s", err, out.String())
		}
		ourRate = float64(claims) / time.Since(start).Seconds()
		// The loader reports its own peak (VmHWM): the child's rusage would
		// count this process's memory, which the child starts from.
		m := peakRE.FindStringSubmatch(out.String())
		if m == nil {
			b.Fatalf("actorgraph load did not report its peak RSS:\n%s", out.String())
		}
		rssMB, _ = strconv.ParseFloat(m[1], 64)
		if st := neo4jtest.MustStats(b, store); st.Claims != claims {
			b.Fatalf("actorgraph loaded %d claims, the corpus has %d", st.Claims, claims)
		}
	}
	b.ReportMetric(ourRate, "ours-claims/s")
	b.ReportMetric(rawRate, "raw-claims/s")
	b.ReportMetric(ourRate/rawRate, "ratio")
	b.ReportMetric(rssMB, "peak-rss-MB")
}

var peakRE = regexp.MustCompile(`peak RSS ([0-9.]+) MB`)

func reset(b *testing.B, store *neo4jstore.Store) {
	ctx := context.Background()
	if err := store.DeleteAll(ctx); err != nil {
		b.Fatal(err)
	}
	if err := store.EnsureSchema(ctx); err != nil {
		b.Fatal(err)
	}
}

// sampleActors returns n actor ids spread evenly over the id order: the
// typical actor a user asks about, from hubs to the long tail.
func sampleActors(b *testing.B, driver neo4j.DriverWithContext, n int) []string {
	res, err := neo4j.ExecuteQuery(context.Background(), driver, `MATCH (a:Actor) RETURN a.id AS id ORDER BY id`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Records) < 2 {
		b.Fatalf("only %d actors loaded", len(res.Records))
	}
	var ids []string
	for i := 0; i < n; i++ {
		v, _ := res.Records[i*len(res.Records)/n].Get("id")
		ids = append(ids, v.(string))
	}
	return slices.Compact(ids)
}

// querier sends the same question through GraphQL and through the driver.
type querier struct {
	b      *testing.B
	api    string
	driver neo4j.DriverWithContext
	db     string
	client http.Client
}

// compare sends requests() requests each way, interleaved, after a warm-up
// over every distinct question (cases of them), and reports p50 and p99.
func (q *querier) compare(cases int, question func(i int) (gql string, vars map[string]any, st neo4jstore.Statement)) {
	b := q.b
	n := requests()
	var ours, raw []time.Duration
	for range b.N {
		for i := range cases {
			gql, vars, st := question(i)
			q.graphQL(gql, vars)
			q.driverQuery(st)
		}
		ours, raw = ours[:0], raw[:0]
		for i := range n {
			gql, vars, st := question(i)
			start := time.Now()
			q.graphQL(gql, vars)
			ours = append(ours, time.Since(start))
			start = time.Now()
			q.driverQuery(st)
			raw = append(raw, time.Since(start))
		}
	}
	o50, o99 := percentiles(ours)
	r50, r99 := percentiles(raw)
	b.ReportMetric(ms(o50), "ours-p50-ms")
	b.ReportMetric(ms(r50), "raw-p50-ms")
	b.ReportMetric(ms(o99), "ours-p99-ms")
	b.ReportMetric(ms(r99), "raw-p99-ms")
	b.ReportMetric(ms(o50)/ms(r50), "p50-ratio")
}

func (q *querier) graphQL(query string, vars map[string]any) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	res, err := q.client.Post(q.api, "application/json", bytes.NewReader(body))
	if err != nil {
		q.b.Fatal(err)
	}
	data, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		q.b.Fatal(err)
	}
	var out struct {
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(data, &out); err != nil || len(out.Errors) > 0 || res.StatusCode != http.StatusOK {
		q.b.Fatalf("GraphQL answered %d: %s", res.StatusCode, data)
	}
}

func (q *querier) driverQuery(st neo4jstore.Statement) {
	_, err := neo4j.ExecuteQuery(context.Background(), q.driver, st.Cypher, st.Params,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(q.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		q.b.Fatal(err)
	}
}

func percentiles(d []time.Duration) (p50, p99 time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)*50/100], s[min(len(s)-1, len(s)*99/100)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
