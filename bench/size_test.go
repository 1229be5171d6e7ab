package bench_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/bench"
)

func TestSizes(t *testing.T) {
	for _, tc := range []struct {
		in     string
		claims int
		name   string
	}{
		{"10k", 10000, "10k"},
		{" 100K ", 100000, "100k"},
		{"1m", 1000000, "1m"},
		{"2500", 2500, "2500"},
		{"1500k", 1500000, "1500k"},
	} {
		n, err := bench.ParseSize(tc.in)
		if err != nil || n != tc.claims {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, n, err, tc.claims)
		}
		if got := bench.SizeName(n); got != tc.name {
			t.Errorf("SizeName(%d) = %q, want %q", n, got, tc.name)
		}
	}
	for _, bad := range []string{"", "k", "ten", "-5k", "0"} {
		if _, err := bench.ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}
