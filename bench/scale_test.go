package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
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
// benchmarks on it. Every query result is measured in the same run on
// three sides, interleaved request by request: actorgraph's GraphQL API,
// the peer (bench/peer: @neo4j/graphql on Apollo Server) and the raw
// driver behind bare HTTP; the load result pairs actorgraph with a raw
// bulk load.
func BenchmarkScale(b *testing.B) {
	store := neo4jtest.MustOpenEmpty(b)
	cfg := neo4jtest.Config(b)
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		b.Fatal(err)
	}
	defer driver.Close(context.Background())
	// The access log is written as `actorgraph serve` writes it, to a
	// sink: its lines would bury the benchmark's output.
	api := httptest.NewServer(server.New(server.Ports{Graph: store, Export: store, Health: store}, server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer api.Close()
	raw := httptest.NewServer(rawHandler{driver: driver, db: cfg.Database})
	defer raw.Close()
	peer := startPeer(b)

	warmUp(b, store, driver, corpus(b, sizes(b)[0]))
	for _, claims := range sizes(b) {
		dir := corpus(b, claims)
		prefix := "claims=" + bench.SizeName(claims)
		if !b.Run(prefix+"/load", func(b *testing.B) { benchLoad(b, store, driver, dir) }) {
			b.Fatalf("the %s load failed: the graph is not that corpus, so its queries are not measured", prefix)
		}
		anchors := sampleActors(b, driver, 50)
		rels := sampleRelationships(b, driver, anchors)
		q := querier{ours: api.URL + "/graphql", peer: peer.url, raw: raw.URL}
		for _, bq := range benchQueries(b, anchors, rels, biggestHub(b, driver)) {
			b.Run(prefix+"/"+bq.name, func(b *testing.B) { q.compare(b, bq) })
		}
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

// biggestHub returns the actor with the most relationships (the smallest
// id among equals).
func biggestHub(b *testing.B, driver neo4j.DriverWithContext) string {
	res, err := neo4j.ExecuteQuery(context.Background(), driver,
		`MATCH (a:Actor) RETURN a.id AS id ORDER BY COUNT { (a)-[]-(:Actor) } DESC, id LIMIT 1`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Records) == 0 {
		b.Fatal("no actor loaded")
	}
	v, _ := res.Records[0].Get("id")
	return v.(string)
}

// querier asks the same question of actorgraph, the peer and the raw
// server, over HTTP with one client each.
type querier struct {
	ours, peer, raw string
	client          http.Client
}

// side names the three sides in the order of their measurements.
var sides = [3]string{"ours", "peer", "raw"}

// compare first asks every distinct question (bq.cases of them) of all
// three sides and checks that their answers are equal, which also warms
// them up; then it sends requests() requests to each side, interleaved
// and in a rotating order (ours, peer, raw; peer, raw, ours; …), one at a
// time, and reports each side's p50 and p99 and the ratios of
// actorgraph's p50 to the others'.
func (q *querier) compare(b *testing.B, bq benchQuery) {
	n := requests()
	var took [3][]time.Duration
	for range b.N {
		for i := range bq.cases {
			a := bq.ask(i)
			var answers [3]string
			for s := range sides {
				v, err := q.answer(s, a, bq)
				if err != nil {
					b.Fatalf("%s, question %d (%v): %v", sides[s], i, a.raw.Params, err)
				}
				j, _ := json.Marshal(v)
				answers[s] = string(j)
			}
			if answers[0] != answers[1] || answers[0] != answers[2] {
				b.Fatalf("the answers to question %d (%v) differ:\nours: %.2000s\npeer: %.2000s\nraw:  %.2000s",
					i, a.raw.Params, answers[0], answers[1], answers[2])
			}
		}
		for s := range sides {
			took[s] = took[s][:0]
		}
		for i := range n {
			a := bq.ask(i)
			for k := range sides {
				s := (i + k) % len(sides)
				start := time.Now()
				if _, err := q.answer(s, a, bq); err != nil {
					b.Fatalf("%s: %v", sides[s], err)
				}
				took[s] = append(took[s], time.Since(start))
			}
		}
	}
	var p50, p99 [3]time.Duration
	for s := range sides {
		p50[s], p99[s] = percentiles(took[s])
		b.ReportMetric(ms(p50[s]), sides[s]+"-p50-ms")
		b.ReportMetric(ms(p99[s]), sides[s]+"-p99-ms")
	}
	b.ReportMetric(ms(p50[0])/ms(p50[2]), "p50-ratio")
	b.ReportMetric(ms(p50[0])/ms(p50[1]), "peer-p50-ratio")
	if bq.nested {
		b.ReportMetric(1, "nested")
	}
}

// answer sends question a to side s and returns its canonical answer.
func (q *querier) answer(s int, a ask, bq benchQuery) (any, error) {
	switch sides[s] {
	case "ours":
		data, err := q.graphQL(q.ours, a.ours)
		if err != nil {
			return nil, err
		}
		return bq.ours(data)
	case "peer":
		data, err := q.graphQL(q.peer, a.peer)
		if err != nil {
			return nil, err
		}
		return bq.peer(data)
	default:
		body, err := q.post(q.raw, a.raw)
		if err != nil {
			return nil, err
		}
		return bq.raw(body)
	}
}

// graphQL posts a GraphQL request and returns its data; an error in the
// answer fails the request.
func (q *querier) graphQL(url string, req gqlRequest) (json.RawMessage, error) {
	body, err := q.post(url, req)
	if err != nil {
		return nil, err
	}
	var out struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(body, &out); err != nil || len(out.Errors) > 0 {
		return nil, fmt.Errorf("GraphQL answered: %.1000s", body)
	}
	return out.Data, nil
}

// post sends v as JSON and returns the body of a 200 answer.
func (q *querier) post(url string, v any) ([]byte, error) {
	body, _ := json.Marshal(v)
	ctx, cancel := contextTimeout()
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := q.client.Do(req)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %d: %.1000s", url, res.StatusCode, data)
	}
	return data, nil
}

func percentiles(d []time.Duration) (p50, p99 time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)*50/100], s[min(len(s)-1, len(s)*99/100)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
