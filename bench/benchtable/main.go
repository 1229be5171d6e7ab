// Command benchtable turns the output of the scale benchmarks (go test
// -bench in package bench) into one Markdown table: actorgraph against the
// raw-driver baseline for each measure and corpus size, the ratio, the
// target and whether it is met, then latency growth from the smallest
// corpus and the loader's peak memory.
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

var lineRE = regexp.MustCompile(`^BenchmarkScale/claims=(\w+)/([\w-]+?)(-\d+)?\s+\d+\s+(.*)$`)

func parse(r io.Reader) ([]result, error) {
	var out []result
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := lineRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		res := result{size: m[1], measure: m[2], metrics: map[string]float64{}}
		f := strings.Fields(m[4])
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

// Targets, as the ratios they bound.
const (
	loadTarget    = 0.7 // actorgraph's claims/s at least this share of the baseline's
	latencyTarget = 1.3 // GraphQL p50 at most this multiple of the driver's
	growthTarget  = 2.0 // id-anchored p50 at the largest size at most this multiple of the smallest
)

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

func render(w io.Writer, results []result) {
	sort.SliceStable(results, func(i, j int) bool { return claimsOf(results[i].size) < claimsOf(results[j].size) })
	fmt.Fprintln(w, "| corpus | measure | actorgraph | raw driver | ratio | target | |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---|---|")
	p50 := map[string]map[string]float64{} // measure → size → our p50
	var sizes []string
	for _, r := range results {
		m := r.metrics
		if len(sizes) == 0 || sizes[len(sizes)-1] != r.size {
			sizes = append(sizes, r.size)
		}
		if r.measure == "load" {
			ratio := m["ratio"]
			fmt.Fprintf(w, "| %s | load (claims/s) | %.0f | %.0f | %.2f | ≥ %.1f | %s |\n",
				r.size, m["ours-claims/s"], m["raw-claims/s"], ratio, loadTarget, verdict(ratio >= loadTarget))
			fmt.Fprintf(w, "| %s | loader peak RSS (MB) | %.0f | | | flat | |\n", r.size, m["peak-rss-MB"])
			continue
		}
		ratio := m["p50-ratio"]
		fmt.Fprintf(w, "| %s | %s p50 (ms) | %.2f | %.2f | %.2f | ≤ %.1f | %s |\n",
			r.size, r.measure, m["ours-p50-ms"], m["raw-p50-ms"], ratio, latencyTarget, verdict(ratio <= latencyTarget))
		fmt.Fprintf(w, "| %s | %s p99 (ms) | %.2f | %.2f | %.2f | | |\n",
			r.size, r.measure, m["ours-p99-ms"], m["raw-p99-ms"], m["ours-p99-ms"]/m["raw-p99-ms"])
		if p50[r.measure] == nil {
			p50[r.measure] = map[string]float64{}
		}
		p50[r.measure][r.size] = m["ours-p50-ms"]
	}
	if len(sizes) < 2 {
		return
	}
	first, last := sizes[0], sizes[len(sizes)-1]
	for _, measure := range []string{"neighbourhood-depth1", "neighbourhood-depth2", "shortestPath"} {
		s := p50[measure]
		if s[first] == 0 || s[last] == 0 {
			continue
		}
		g := s[last] / s[first]
		fmt.Fprintf(w, "| %s vs %s | growth of %s p50 | %.2f ms | %.2f ms | %.2f | ≤ %.1f | %s |\n",
			last, first, measure, s[last], s[first], g, growthTarget, verdict(g <= growthTarget))
	}
}

func main() {
	results, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	if len(results) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no BenchmarkScale results on stdin")
		os.Exit(1)
	}
	render(os.Stdout, results)
}
