// Package progresstest gives tests a fake terminal to draw progress on.
package progresstest

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// Terminal is a fake terminal: it keeps what a screen would show after
// the bytes written to it, understanding the control codes progress bars
// use (carriage return, newline, cursor up, erase to the end of the screen
// or of the line), and wakes waiters when it changes. It is safe for
// concurrent use.
type Terminal struct {
	mu      sync.Mutex
	lines   [][]rune
	row     int
	col     int
	raw     bytes.Buffer
	changed chan struct{}
}

// NewTerminal returns an empty screen.
func NewTerminal() *Terminal {
	return &Terminal{lines: [][]rune{nil}, changed: make(chan struct{}, 1)}
}

// Write implements io.Writer.
func (t *Terminal) Write(p []byte) (int, error) {
	t.mu.Lock()
	t.raw.Write(p)
	s := []rune(string(p))
	for i := 0; i < len(s); i++ {
		switch r := s[i]; r {
		case '\r':
			t.col = 0
		case '\n': // a terminal's output processing makes it CR LF
			t.row, t.col = t.row+1, 0
			for len(t.lines) <= t.row {
				t.lines = append(t.lines, nil)
			}
		case 0x1b: // ESC [ n letter
			j, n := i+2, 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				n = n*10 + int(s[j]-'0')
				j++
			}
			if j >= len(s) {
				i = j
				break
			}
			switch s[j] {
			case 'A':
				t.row = max(t.row-max(n, 1), 0)
			case 'J': // erase to the end of the screen
				t.lines[t.row] = t.lines[t.row][:min(t.col, len(t.lines[t.row]))]
				t.lines = t.lines[:t.row+1]
			case 'K':
				if n == 2 {
					t.lines[t.row] = nil
				} else {
					t.lines[t.row] = t.lines[t.row][:min(t.col, len(t.lines[t.row]))]
				}
			}
			i = j
		default:
			line := t.lines[t.row]
			for len(line) <= t.col {
				line = append(line, ' ')
			}
			line[t.col] = r
			t.lines[t.row] = line
			t.col++
		}
	}
	t.mu.Unlock()
	select {
	case t.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

// Screen is what the terminal shows, trailing blanks and empty last lines
// trimmed.
func (t *Terminal) Screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]string, len(t.lines))
	for i, l := range t.lines {
		out[i] = strings.TrimRight(string(l), " ")
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n")
}

// Raw is every byte written so far.
func (t *Terminal) Raw() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.raw.String()
}

// WaitFor waits until the screen shows every string in want, and returns
// it; progress is redrawn on its own schedule. The bound is generous, for
// a busy machine.
func (t *Terminal) WaitFor(tb testing.TB, want ...string) string {
	tb.Helper()
	deadline := time.After(20 * time.Second)
	for {
		s := t.Screen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(s, w)
		}
		if ok {
			return s
		}
		select {
		case <-t.changed:
		case <-deadline:
			tb.Fatalf("the screen never showed %q; it shows:\n%s", want, s)
		}
	}
}
