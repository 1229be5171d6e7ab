// Package progress draws a one-line progress meter on a terminal: how much
// is done, the rate per second and the time left. Commands show it only
// when their output is a terminal, so logs and pipes stay clean.
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// IsTerminal reports whether w is a character device (a terminal).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Meter redraws one line on w every interval until Stop.
type Meter struct {
	w       io.Writer
	unit    string
	total   atomic.Int64
	done    atomic.Int64
	started time.Time
	stop    chan struct{}
	wg      sync.WaitGroup
	once    sync.Once
}

// interval is how often the line is redrawn.
const interval = 250 * time.Millisecond

// Start begins drawing a meter counting unit ("claims") towards total
// (0 if unknown).
func Start(w io.Writer, unit string, total int64) *Meter {
	m := &Meter{w: w, unit: unit, started: time.Now(), stop: make(chan struct{})}
	m.total.Store(total)
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				m.draw()
			case <-m.stop:
				return
			}
		}
	}()
	return m
}

// Add counts n more units done.
func (m *Meter) Add(n int) { m.done.Add(int64(n)) }

// Set sets the number of units done.
func (m *Meter) Set(n int) { m.done.Store(int64(n)) }

// Stop draws the final state and ends the line.
func (m *Meter) Stop() {
	m.once.Do(func() {
		close(m.stop)
		m.wg.Wait()
		m.draw()
		fmt.Fprintln(m.w)
	})
}

func (m *Meter) draw() {
	fmt.Fprintf(m.w, "\r%s\033[K", Line(m.unit, m.done.Load(), m.total.Load(), time.Since(m.started)))
}

// Line renders one meter line: done of total, the rate, and the time left.
func Line(unit string, done, total int64, elapsed time.Duration) string {
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(done) / s
	}
	if total <= 0 {
		return fmt.Sprintf("%d %s  %.0f %s/s  %s", done, unit, rate, unit, clock(elapsed))
	}
	eta := "--:--"
	if rate > 0 && done <= total {
		eta = clock(time.Duration(float64(total-done) / rate * float64(time.Second)))
	}
	return fmt.Sprintf("%d/%d %s (%.0f%%)  %.0f %s/s  elapsed %s  ETA %s",
		done, total, unit, 100*float64(done)/float64(total), rate, unit, clock(elapsed), eta)
}

// clock formats d as m:ss or h:mm:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
