package progress_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/progress"
	"github.com/actorgraph/actorgraph/progress/progresstest"
)

func TestStatus(t *testing.T) {
	tests := []struct {
		done, total int64
		rate        float64
		elapsed     time.Duration
		eta         time.Duration
		want        string
	}{
		{500, 2000, 50, 10 * time.Second, 30 * time.Second, " 25%  50 claims/s  0:10  ETA 0:30"},
		{0, 2000, 0, time.Second, -1, "  0%  - claims/s  0:01  ETA --:--"},
		{7200, 14400, 2, time.Hour, time.Hour, " 50%  2 claims/s  1:00:00  ETA 1:00:00"},
		{2000, 2000, 400, 5 * time.Second, 0, "100%  400 claims/s  0:05  ETA 0:00"},
	}
	for _, tt := range tests {
		if got := progress.Status("claims", tt.done, tt.total, tt.rate, tt.elapsed, tt.eta); got != tt.want {
			t.Errorf("Status(%d/%d, %v/s) = %q, want %q", tt.done, tt.total, tt.rate, got, tt.want)
		}
	}
}

// clock is a fake clock the test moves by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestDisplayOnAFakeTerminal(t *testing.T) {
	term := progresstest.NewTerminal()
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	d := progress.New(term, progress.Options{Force: true, Width: 100, RefreshRate: 10 * time.Millisecond, Now: clk.Now})

	d.Stage("validating 200 files")
	clk.advance(2 * time.Second)
	term.WaitFor(t, "validating 200 files", "0:02")

	// The first group is slow (a cold Neo4j plans its statements); the
	// bar moves as soon as it is written, and the rate comes from it.
	d.Count("claims", 4000)
	term.WaitFor(t, "0/4000 claims", "ETA --:--")
	clk.advance(20 * time.Second)
	d.Add(1000)
	s := term.WaitFor(t, "1000/4000 claims", " 25%", "50 claims/s", "0:20", "ETA 1:00")
	if strings.Contains(s, "validating") {
		t.Errorf("the stage's line stayed:\n%s", s)
	}
	// Later groups go faster; the rate is measured from the first group
	// written, not from the start.
	clk.advance(2 * time.Second)
	d.Add(1000)
	term.WaitFor(t, "2000/4000 claims", " 50%", "500 claims/s", "0:22", "ETA 0:04")

	// Lines written meanwhile go above the bar, never into it.
	if _, err := d.Write([]byte("loaded article \"a\"\n")); err != nil {
		t.Fatal(err)
	}
	s = term.WaitFor(t, "loaded article \"a\"\n", "2000/4000 claims")
	if lines := strings.Split(s, "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "2000/4000 claims [") {
		t.Fatalf("want the written line, then the bar:\n%s", s)
	}
	clk.advance(2 * time.Second)
	d.Add(2000)
	term.WaitFor(t, "4000/4000 claims", "100%")

	// Closed, the bar leaves nothing behind: the summary line the command
	// prints next is the only one below what was written.
	d.Close()
	if s := term.Screen(); s != "loaded article \"a\"" {
		t.Fatalf("after Close the screen shows:\n%s\n(raw %q)", s, term.Raw())
	}
}

func TestNothingDrawnOffATerminal(t *testing.T) {
	var b bytes.Buffer
	d := progress.New(&b, progress.Options{})
	if d != nil {
		t.Fatal("a Display for a buffer, which is not a terminal")
	}
	// A nil Display is a silent one.
	d.Stage("x")
	d.Count("claims", 10)
	d.Add(3)
	d.Set(5)
	d.Close()
	if n, err := d.Write([]byte("line\n")); n != 5 || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if b.Len() != 0 || progress.IsTerminal(&b) {
		t.Fatalf("wrote %q", b.String())
	}
}
