// Package progress shows a long command's progress on a terminal: a bar
// with the count done, the rate, the time elapsed and the time left, or a
// spinner for a step of unknown size ("validating 200 files"). It draws
// with github.com/vbauerster/mpb, only when its writer is a terminal (or
// when told to), so pipes and logs stay clean, and it leaves nothing behind
// when closed: the command prints its one summary line afterwards.
//
// A nil *Display draws nothing, so a command holds one whether or not
// progress is shown and calls it unconditionally.
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"
)

// IsTerminal reports whether f is an *os.File on a terminal.
func IsTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// Options tune a Display.
type Options struct {
	// Force draws even when the writer is not a terminal, with a
	// terminal's control codes: the -progress flag, and tests that read
	// the output with a terminal emulator.
	Force bool
	// Width is the line's width when the writer is not a terminal (a
	// terminal's own width is used otherwise); 0 means 80.
	Width int
	// RefreshRate is how often the line is redrawn; 0 means 150ms.
	RefreshRate time.Duration
	// Now is the clock rates and times are measured with; nil means
	// time.Now. Tests set it.
	Now func() time.Time
}

// Display draws one line at the bottom of a terminal: a Stage's spinner or
// a Count's bar, one after the other.
type Display struct {
	p   *mpb.Progress
	now func() time.Time

	mu     sync.Mutex // guards the rest
	bar    *mpb.Bar
	c      *counter // the current Count's, nil during a Stage
	closed bool
}

// New returns a Display drawing on w, or nil (draw nothing) when w is not
// a terminal and opt.Force is not set.
func New(w io.Writer, opt Options) *Display {
	if !opt.Force && !IsTerminal(w) {
		return nil
	}
	width := opt.Width
	if width == 0 {
		width = 80
	}
	opts := []mpb.ContainerOption{mpb.WithOutput(w), mpb.WithWidth(width)}
	if opt.RefreshRate > 0 {
		opts = append(opts, mpb.WithRefreshRate(opt.RefreshRate))
	}
	if opt.Force {
		opts = append(opts, mpb.ForceTTY(), mpb.WithAutoRefresh())
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	return &Display{p: mpb.New(opts...), now: now}
}

// Stage shows a step whose size is unknown: a spinner, what is being done
// and the time it has taken so far. It replaces the line shown before.
func (d *Display) Stage(what string) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	d.dropLocked()
	start := d.now()
	d.bar = d.p.AddSpinner(0,
		mpb.PrependDecorators(decor.Name(what+" ")),
		mpb.AppendDecorators(decor.Any(func(decor.Statistics) string { return " " + clock(d.now().Sub(start)) })),
		mpb.BarFillerTrim(),
	)
}

// Count shows a bar counting unit ("claims") towards total, with the rate
// and the time left (see Status). It replaces the line shown before.
func (d *Display) Count(unit string, total int64) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	d.dropLocked()
	c := &counter{unit: unit, total: total, start: d.now(), now: d.now}
	d.c = c
	d.bar = d.p.AddBar(total,
		mpb.PrependDecorators(decor.Any(func(decor.Statistics) string { return c.counts() })),
		mpb.AppendDecorators(decor.Any(func(decor.Statistics) string { return c.status() })),
		mpb.BarRemoveOnComplete(), // no stale 100% line
	)
}

// Add counts n more units done.
func (d *Display) Add(n int) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.c == nil {
		return
	}
	d.bar.SetCurrent(d.c.add(int64(n)))
}

// Set sets the units done.
func (d *Display) Set(n int) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.c == nil {
		return
	}
	d.bar.SetCurrent(d.c.add(int64(n) - d.c.doneNow()))
}

// Write prints p above the line, which is redrawn below it (at the next
// refresh). Lines written here do not mix with the bar.
func (d *Display) Write(p []byte) (int, error) {
	if d == nil {
		return len(p), nil
	}
	d.mu.Lock()
	closed := d.closed
	d.mu.Unlock()
	if closed {
		return len(p), nil
	}
	return d.p.Write(p)
}

// Close removes the line and returns once the terminal shows what it
// showed before, plus whatever was written above the line. The Display
// draws nothing after; closing it again does nothing.
func (d *Display) Close() {
	if d == nil {
		return
	}
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return
	}
	d.closed = true
	d.dropLocked()
	d.mu.Unlock()
	d.p.Wait()
}

// dropLocked removes the current line, if any.
func (d *Display) dropLocked() {
	if d.bar != nil {
		d.bar.Abort(true)
		d.bar.Wait()
	}
	d.bar, d.c = nil, nil
}

// counter measures a Count: units done, the rate and the time left.
//
// Loads write in transactions of many claims, and the first one on a cold
// Neo4j also pays for planning every statement, so the rate is measured
// from the end of the first batch of units to the last units done: the
// time before the first batch (and the idle time since the last units)
// does not drag it down. Until units come after the first batch, the first
// batch's own rate stands in for it. Units added within batchWindow of the
// first ones belong to the first batch: a transaction's articles are
// counted one by one as it commits.
type counter struct {
	unit  string
	total int64
	now   func() time.Time

	mu         sync.Mutex
	start      time.Time // Count was called
	done       int64
	firstN     int64     // units in the first batch
	firstStart time.Time // the first batch's first and last Add
	firstEnd   time.Time
	last       time.Time // the last Add
	added      bool      // some Add happened
	moved      bool      // some Add after the first batch
}

// batchWindow is how soon after the first units more units still belong
// to the first batch.
const batchWindow = 250 * time.Millisecond

func (c *counter) add(n int64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n == 0 {
		return c.done
	}
	t := c.now()
	c.done += n
	switch {
	case !c.added:
		c.added, c.firstStart, c.firstEnd, c.firstN = true, t, t, c.done
	case !c.moved && t.Sub(c.firstStart) < batchWindow:
		c.firstEnd, c.firstN = t, c.done
	default:
		c.moved = true
	}
	c.last = t
	return c.done
}

func (c *counter) doneNow() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.done
}

// rateLocked returns units per second, 0 while unknown.
func (c *counter) rateLocked() float64 {
	switch {
	case c.moved && c.last.After(c.firstEnd):
		return float64(c.done-c.firstN) / c.last.Sub(c.firstEnd).Seconds()
	case c.added && c.firstEnd.After(c.start):
		return float64(c.firstN) / c.firstEnd.Sub(c.start).Seconds()
	}
	return 0
}

// counts is the text before the bar: "1000/4000 claims".
func (c *counter) counts() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("%d/%d %s", c.done, c.total, c.unit)
}

// status is the text after the bar; see Status.
func (c *counter) status() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	rate := c.rateLocked()
	eta := time.Duration(-1)
	if rate > 0 {
		eta = time.Duration(float64(c.total-c.done)/rate*float64(time.Second)) - now.Sub(c.last)
		eta = max(eta, 0)
	}
	return " " + Status(c.unit, c.done, c.total, rate, now.Sub(c.start), eta)
}

// Status renders the figures after a bar: the share done, the rate, the
// time elapsed and the time left ("--:--" while eta is negative, unknown).
func Status(unit string, done, total int64, rate float64, elapsed, eta time.Duration) string {
	pct := 0.0
	if total > 0 {
		pct = 100 * float64(done) / float64(total)
	}
	r := "-"
	if rate > 0 {
		r = fmt.Sprintf("%.0f", rate)
	}
	left := "--:--"
	if eta >= 0 {
		left = clock(eta)
	}
	return fmt.Sprintf("%3.0f%%  %s %s/s  %s  ETA %s", pct, r, unit, clock(elapsed), left)
}

// clock formats d as m:ss or h:mm:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
