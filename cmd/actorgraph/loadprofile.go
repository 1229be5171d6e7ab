package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
)

// loadProfile adds up, per statement, the time the store's load
// transactions spend; `actorgraph load -profile` prints it. It is a
// neo4j.QueryObserver.
type loadProfile struct {
	mu    sync.Mutex
	steps map[string]*stepTime
}

type stepTime struct {
	calls int
	total time.Duration
}

func (p *loadProfile) ObserveQuery(op string, d time.Duration, code string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.steps == nil {
		p.steps = map[string]*stepTime{}
	}
	st := p.steps[op]
	if st == nil {
		st = &stepTime{}
		p.steps[op] = st
	}
	st.calls++
	st.total += d
}

// write prints one row per statement, largest first, and the rest of the
// transactions' time (begin, commit, building each statement's parameters)
// as a row of its own. Shares are of the transactions' time; "per
// transaction" divides by the transactions run, retries included.
func (p *loadProfile) write(w io.Writer) {
	p.mu.Lock()
	defer p.mu.Unlock()
	tx := p.steps[neo4jstore.LoadOp]
	if tx == nil || tx.calls == 0 {
		return
	}
	type row struct {
		name  string
		calls int
		total time.Duration
	}
	var rows []row
	var inStatements time.Duration
	for op, st := range p.steps {
		if step, ok := strings.CutPrefix(op, neo4jstore.LoadOp+": "); ok {
			rows = append(rows, row{step, st.calls, st.total})
			inStatements += st.total
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].total > rows[j].total })
	rows = append(rows, row{"begin, commit, between statements", tx.calls, tx.total - inStatements})
	fmt.Fprintf(w, "\ntransactions: %d, %s in all\n", tx.calls, tx.total.Round(time.Millisecond))
	fmt.Fprintf(w, "%-34s %10s %12s %16s %6s\n", "step", "statements", "total", "per transaction", "share")
	for _, r := range rows {
		fmt.Fprintf(w, "%-34s %10d %12s %16s %5.1f%%\n", r.name, r.calls, r.total.Round(time.Millisecond),
			(r.total / time.Duration(tx.calls)).Round(10*time.Microsecond), 100*float64(r.total)/float64(tx.total))
	}
}
