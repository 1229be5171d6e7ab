package main

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `goos: linux
BenchmarkFirstLoad/schema-in-place-2     	       1	52000000000 ns/op	      1200 first-load-ms	         1.5 loadavg
BenchmarkScale/claims=10k/load-2         	       1	69258056715 ns/op	       200.0 ours-claims/s	        58.31 peak-rss-MB	         0.25 ratio	       800.0 raw-claims/s
BenchmarkScale/claims=10k/shortestPath-2 	       1	3248057474 ns/op	         4.0 ours-p50-ms	        18.06 ours-p99-ms	         8.0 peer-p50-ms	        20.0 peer-p99-ms	         1.0 p50-ratio	         0.5 peer-p50-ratio	         4.0 raw-p50-ms	        14.81 raw-p99-ms
BenchmarkScale/claims=10k/actor-relationships-2 	       1	3248057474 ns/op	         3.0 ours-p50-ms	        9.0 ours-p99-ms	         6.0 peer-p50-ms	        20.0 peer-p99-ms	         1.5 p50-ratio	         0.5 peer-p50-ratio	         2.0 raw-p50-ms	        14.81 raw-p99-ms	1 nested
BenchmarkScale/claims=10k/hub-neighbourhood-depth1-2 	       1	3248057474 ns/op	         20.0 ours-p50-ms	        90.0 ours-p99-ms	         30.0 peer-p50-ms	        100.0 peer-p99-ms	         1.0 p50-ratio	         0.66 peer-p50-ratio	         20.0 raw-p50-ms	        90.0 raw-p99-ms
BenchmarkScale/claims=1m/hub-neighbourhood-depth1-2 	       1	3248057474 ns/op	         25.0 ours-p50-ms	        160.0 ours-p99-ms	         30.0 peer-p50-ms	        200.0 peer-p99-ms	         1.0 p50-ratio	         0.83 peer-p50-ratio	         25.0 raw-p50-ms	        150.0 raw-p99-ms
BenchmarkScale/claims=1m/shortestPath-2	       1	3248057474 ns/op	        10.0 ours-p50-ms	        18.06 ours-p99-ms	         8.0 peer-p50-ms	        20.0 peer-p99-ms	         2.0 p50-ratio	         1.25 peer-p50-ratio	         5.0 raw-p50-ms	        14.81 raw-p99-ms
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
		"| 10k | load (claims/s) | 200 | | 800 | | 0.25 | ≥ 0.8 | **missed** |",
		"| 10k | loader peak RSS (MB) | 58 |",
		"| 10k | shortestPath p50 (ms) | 4.00 | 8.00 | 4.00 | 0.50 | 1.00 | ≤ 1.0× peer, ≤ 1.1× raw | met |",
		"| 10k | actor-relationships p50 (ms) | 3.00 | 6.00 | 2.00 | 0.50 | 1.50 | ≤ 1.0× peer, ≤ 2.0× raw | met |",
		"| 1m | shortestPath p50 (ms) | 10.00 | 8.00 | 5.00 | 1.25 | 2.00 | ≤ 1.0× peer, ≤ 1.1× raw | **missed** |",
		"| 1m vs 10k | growth of shortestPath p50 | 10.00 ms | | 4.00 ms | | 2.50 | ≤ 2.0 | **missed** |",
		"| 10k | hub-neighbourhood-depth1 p99 (ms) | 90.00 | 100.00 | 90.00 | 0.90 | 1.00 | ≤ 150 ms at 1m |  |",
		"| 1m | hub-neighbourhood-depth1 p99 (ms) | 160.00 | 200.00 | 150.00 | 0.80 | 1.07 | ≤ 150 ms at 1m | **missed** |",
		"| 1m vs 10k | growth of hub-neighbourhood-depth1 p50 | 25.00 ms | | 20.00 ms | | 1.25 | ≤ 1.5 | met |",
		"| seed | first-load/schema-in-place (ms; load average 1.5) | 1200 | | | | | ≤ 1500 | met |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}
