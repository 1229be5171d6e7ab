// Command benchtable turns the output of the benchmarks in package bench
// (go test -bench) into one Markdown table: for each corpus size and
// measure, actorgraph, the peer (@neo4j/graphql) and the raw-driver
// baseline, the ratios, the targets and whether each is met; then
// latency growth from the smallest corpus, the loader's peak memory and
// the first load on a freshly started Neo4j.
//
//	go test -run '^$' -bench . -benchtime 1x ./bench/ | go run ./bench/benchtable
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/bench"
)

// result is one benchmark line: its size, its measure and its metrics.
type result struct {
	size    string
	measure string
	metrics map[string]float64
}

var (
	lineRE      = regexp.MustCompile(`^BenchmarkScale/claims=(\w+)/([\w-]+?)(-\d+)?\s+\d+\s+(.*)$`)
	firstLoadRE = regexp.MustCompile(`^BenchmarkFirstLoad/([\w-]+?)(-\d+)?\s+\d+\s+(.*)$`)
)

func parse(r io.Reader) ([]result, error) {
	var out []result
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var res result
		var metrics string
		if m := lineRE.FindStringSubmatch(sc.Text()); m != nil {
			res, metrics = result{size: m[1], measure: m[2]}, m[4]
		} else if m := firstLoadRE.FindStringSubmatch(sc.Text()); m != nil {
			res, metrics = result{size: "seed", measure: "first-load/" + m[1]}, m[3]
		} else {
			continue
		}
		res.metrics = map[string]float64{}
		f := strings.Fields(metrics)
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("bad metric %q in %q", f[i], sc.Text())
			}
			res.metrics[f[i+1]] = v
		}
		out = append(out, res)
	}
	return out, sc.Err()
}

// claimsOf orders sizes: "10k" < "100k" < "1m"; an unreadable size sorts first.
func claimsOf(size string) int {
	n, _ := bench.ParseSize(size)
	return n
}

// Targets, as the ratios they bound (issue 13).
const (
	loadTarget      = 0.8  // actorgraph's claims/s at least this share of the baseline's
	peerTarget      = 1.0  // every query's p50 at most this multiple of the peer's
	rootRawTarget   = 1.1  // a root field's p50 at most this multiple of the raw driver's
	nestedRawTarget = 2.0  // a nested query's p50 at most this multiple of the raw driver's
	firstLoadTarget = 1500 // ms for the seed on a freshly started Neo4j
	growthTarget    = 2.0  // id-anchored p50 at the largest size at most this multiple of the smallest
	// The default neighbourhood (its limit and edge budget): p50 growth
	// from the smallest corpus to the largest, and the hub's p99 at a
	// million claims, in ms, by depth.
	neighbourhoodGrowthTarget = 1.5
	hubP99Size                = "1m"
)

var hubP99Target = map[string]float64{"hub-neighbourhood-depth1": 150, "hub-neighbourhood-depth2": 500}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

func render(w io.Writer, results []result) {
	sort.SliceStable(results, func(i, j int) bool { return claimsOf(results[i].size) < claimsOf(results[j].size) })
	fmt.Fprintln(w, "| corpus | measure | actorgraph | peer | raw driver | vs peer | vs raw | target | |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---|---|")
	p50 := map[string]map[string]float64{} // measure → size → our p50
	var sizes []string
	var firstLoads []result
	for _, r := range results {
		m := r.metrics
		if strings.HasPrefix(r.measure, "first-load/") {
			firstLoads = append(firstLoads, r)
			continue
		}
		if len(sizes) == 0 || sizes[len(sizes)-1] != r.size {
			sizes = append(sizes, r.size)
		}
		if r.measure == "load" {
			ratio := m["ratio"]
			fmt.Fprintf(w, "| %s | load (claims/s) | %.0f | | %.0f | | %.2f | ≥ %.1f | %s |\n",
				r.size, m["ours-claims/s"], m["raw-claims/s"], ratio, loadTarget, verdict(ratio >= loadTarget))
			fmt.Fprintf(w, "| %s | loader peak RSS (MB) | %.0f | | | | | flat | |\n", r.size, m["peak-rss-MB"])
			continue
		}
		raw, peer := m["p50-ratio"], m["peer-p50-ratio"]
		rawTarget := rootRawTarget
		if m["nested"] == 1 {
			rawTarget = nestedRawTarget
		}
		fmt.Fprintf(w, "| %s | %s p50 (ms) | %.2f | %.2f | %.2f | %.2f | %.2f | ≤ %.1f× peer, ≤ %.1f× raw | %s |\n",
			r.size, r.measure, m["ours-p50-ms"], m["peer-p50-ms"], m["raw-p50-ms"], peer, raw, peerTarget, rawTarget,
			verdict(peer <= peerTarget && raw <= rawTarget))
		target, met := "", ""
		if limit, ok := hubP99Target[r.measure]; ok {
			target = fmt.Sprintf("≤ %.0f ms at %s", limit, hubP99Size)
			if r.size == hubP99Size {
				met = verdict(m["ours-p99-ms"] <= limit)
			}
		}
		fmt.Fprintf(w, "| %s | %s p99 (ms) | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %s |\n",
			r.size, r.measure, m["ours-p99-ms"], m["peer-p99-ms"], m["raw-p99-ms"],
			m["ours-p99-ms"]/m["peer-p99-ms"], m["ours-p99-ms"]/m["raw-p99-ms"], target, met)
		if p50[r.measure] == nil {
			p50[r.measure] = map[string]float64{}
		}
		p50[r.measure][r.size] = m["ours-p50-ms"]
	}
	for _, r := range firstLoads {
		ms := r.metrics["first-load-ms"]
		if r.measure == "first-load/first-query" { // the floor under a first load, not a load
			fmt.Fprintf(w, "| seed | %s (ms; load average %.1f) | %.0f | | | | | (floor) | |\n", r.measure, r.metrics["loadavg"], ms)
			continue
		}
		fmt.Fprintf(w, "| seed | %s (ms; load average %.1f) | %.0f | | | | | ≤ %d | %s |\n",
			r.measure, r.metrics["loadavg"], ms, firstLoadTarget, verdict(ms <= firstLoadTarget))
	}
	if len(sizes) < 2 {
		return
	}
	first, last := sizes[0], sizes[len(sizes)-1]
	for _, measure := range []string{"neighbourhood-depth1", "neighbourhood-depth2", "hub-neighbourhood-depth1", "hub-neighbourhood-depth2", "shortestPath"} {
		s := p50[measure]
		if s[first] == 0 || s[last] == 0 {
			continue
		}
		limit := growthTarget
		if strings.Contains(measure, "neighbourhood") {
			limit = neighbourhoodGrowthTarget
		}
		g := s[last] / s[first]
		fmt.Fprintf(w, "| %s vs %s | growth of %s p50 | %.2f ms | | %.2f ms | | %.2f | ≤ %.1f | %s |\n",
			last, first, measure, s[last], s[first], g, limit, verdict(g <= limit))
	}
}

func main() {
	results, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	if len(results) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no BenchmarkScale or BenchmarkFirstLoad results on stdin")
		os.Exit(1)
	}
	render(os.Stdout, results)
}
