package progress_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/progress"
)

func TestLine(t *testing.T) {
	tests := []struct {
		done, total int64
		elapsed     time.Duration
		want        string
	}{
		{500, 2000, 10 * time.Second, "500/2000 claims (25%)  50 claims/s  elapsed 0:10  ETA 0:30"},
		{0, 2000, time.Second, "0/2000 claims (0%)  0 claims/s  elapsed 0:01  ETA --:--"},
		{7200, 14400, time.Hour, "7200/14400 claims (50%)  2 claims/s  elapsed 1:00:00  ETA 1:00:00"},
		{30, 0, 3 * time.Second, "30 claims  10 claims/s  0:03"},
	}
	for _, tt := range tests {
		if got := progress.Line("claims", tt.done, tt.total, tt.elapsed); got != tt.want {
			t.Errorf("Line(%d, %d, %s) = %q, want %q", tt.done, tt.total, tt.elapsed, got, tt.want)
		}
	}
}

func TestMeterEndsItsLine(t *testing.T) {
	var b bytes.Buffer
	m := progress.Start(&b, "claims", 10)
	m.Add(4)
	m.Add(6)
	m.Stop()
	m.Stop() // idempotent
	if out := b.String(); !strings.HasSuffix(out, "\n") || !strings.Contains(out, "10/10 claims (100%)") {
		t.Fatalf("meter wrote %q", out)
	}
	if progress.IsTerminal(&b) {
		t.Error("a buffer is not a terminal")
	}
}
