package main

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `goos: linux
BenchmarkScale/claims=10k/load-2         	       1	69258056715 ns/op	       200.0 ours-claims/s	        58.31 peak-rss-MB	         0.25 ratio	       800.0 raw-claims/s
BenchmarkScale/claims=10k/shortestPath-2 	       1	3248057474 ns/op	         4.0 ours-p50-ms	        18.06 ours-p99-ms	         1.0 p50-ratio	         4.0 raw-p50-ms	        14.81 raw-p99-ms
BenchmarkScale/claims=100k/shortestPath-2	       1	3248057474 ns/op	        10.0 ours-p50-ms	        18.06 ours-p99-ms	         2.0 p50-ratio	         5.0 raw-p50-ms	        14.81 raw-p99-ms
PASS
`

func TestRender(t *testing.T) {
	results, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	render(&b, results)
	for _, want := range []string{
		"| 10k | load (claims/s) | 200 | 800 | 0.25 | ≥ 0.7 | **missed** |",
		"| 10k | loader peak RSS (MB) | 58 |",
		"| 10k | shortestPath p50 (ms) | 4.00 | 4.00 | 1.00 | ≤ 1.3 | met |",
		"| 100k | shortestPath p50 (ms) | 10.00 | 5.00 | 2.00 | ≤ 1.3 | **missed** |",
		"| 100k vs 10k | growth of shortestPath p50 | 10.00 ms | 4.00 ms | 2.50 | ≤ 2.0 | **missed** |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}
