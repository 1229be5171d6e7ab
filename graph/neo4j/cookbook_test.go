package neo4j_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/mdtable"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

var update = flag.Bool("update", false, "rewrite the output tables in the Cypher docs from the seeded graph")

// cypherDocs are the documents whose every ```cypher block is run against
// the seed and compared with the table that follows it.
var cypherDocs = map[string]int{ // document: the least number of queries it must hold
	"cypher.md":      18,
	"graph-model.md": 16,
}

// docQuery is one ```cypher block and the output table after it.
type docQuery struct {
	line           int    // 1-based line of the opening fence
	cypher         string // the query
	tableFrom      int    // index of the table's first line; == tableTo if there is none
	tableTo        int    // index after the table's last line
	heading, table string
}

// parseCypherDoc finds every cypher block and the table that follows it
// (blank lines and prose may sit between; the next heading or block ends
// the search).
func parseCypherDoc(lines []string) ([]docQuery, error) {
	var qs []docQuery
	heading := ""
	for i := 0; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "#") {
			heading = strings.TrimLeft(lines[i], "# ")
		}
		if strings.TrimSpace(lines[i]) != "```cypher" {
			continue
		}
		q := docQuery{line: i + 1, heading: heading}
		j := i + 1
		for ; j < len(lines) && strings.TrimSpace(lines[j]) != "```"; j++ {
		}
		q.cypher = strings.Join(lines[i+1:j], "\n")
		k := j + 1
		for ; k < len(lines); k++ {
			l := strings.TrimSpace(lines[k])
			if strings.HasPrefix(l, "|") || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "```") {
				break
			}
		}
		q.tableFrom, q.tableTo = k, k
		for ; q.tableTo < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[q.tableTo]), "|"); q.tableTo++ {
		}
		if q.tableFrom == q.tableTo {
			q.tableFrom, q.tableTo = j+1, j+1 // no table: one would go right after the block
		}
		q.table = strings.Join(lines[q.tableFrom:q.tableTo], "\n")
		qs = append(qs, q)
		i = j
	}
	return qs, nil
}

// TestCypherDocs runs every query in the Cypher cookbook and the graph
// model against the seeded graph and fails when an output differs from the
// document. `go test ./graph/neo4j -run TestCypherDocs -update` rewrites the
// tables from the real output.
func TestCypherDocs(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	for name, least := range cypherDocs {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(neo4jtest.SeedDir(), "..", "docs", name)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(b), "\n")
			qs, _ := parseCypherDoc(lines)
			if len(qs) < least {
				t.Fatalf("%s holds %d queries, want at least %d", name, len(qs), least)
			}
			var out []string
			last := 0
			for _, q := range qs {
				res, err := s.RunReadOnly(context.Background(), q.cypher, nil)
				if err != nil {
					t.Errorf("%s:%d (%s): %v", name, q.line, q.heading, err)
					continue
				}
				if err := checkTotalOrder(s, q.cypher, res); err != nil {
					t.Errorf("%s:%d (%s): %v", name, q.line, q.heading, err)
				}
				got := mdtable.Render(res)
				if *update {
					out = append(out, lines[last:q.tableFrom]...)
					if q.tableFrom == q.tableTo {
						out = append(out, "")
					}
					out = append(out, strings.Split(got, "\n")...)
					last = q.tableTo
					continue
				}
				if got != q.table {
					t.Errorf("%s:%d (%s): the output differs from the document.\nquery:\n%s\ndocument:\n%s\nreal output:\n%s",
						name, q.line, q.heading, q.cypher, q.table, got)
				}
			}
			if *update {
				out = append(out, lines[last:]...)
				if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// finalOrder matches a query's closing ORDER BY with its optional SKIP and
// LIMIT: group 1 is the sort items, group 2 the paging.
var finalOrder = regexp.MustCompile(`(?is)\bORDER\s+BY\s+([^()]+?)((?:\s+SKIP\s+\d+)?(?:\s+LIMIT\s+\d+)?)\s*$`)

// checkTotalOrder makes sure a documented output cannot change from run to
// run: a query returning more than one row must end in ORDER BY, and no two
// different rows of its whole output (paging removed, so ties across a
// LIMIT count too) may tie on the sort items that are returned columns.
// Sort items that are not columns are not looked at, so a tie on the
// columns is reported even if such an item would break it: sort by
// returned columns.
func checkTotalOrder(s *neo4j.Store, cypher string, res neo4j.Table) error {
	items, paging, ok := closingOrder(cypher)
	if !ok {
		if len(res.Rows) > 1 {
			return fmt.Errorf("%d rows and no closing ORDER BY: their order may change between runs", len(res.Rows))
		}
		return nil
	}
	whole := res
	if paging != "" {
		var err error
		if whole, err = s.RunReadOnly(context.Background(), strings.TrimSuffix(strings.TrimRight(cypher, " \t\n"), paging), nil); err != nil {
			return fmt.Errorf("the query without its SKIP/LIMIT: %v", err)
		}
	}
	return tiedRows(whole, items)
}

// closingOrder returns the sort items and the paging (SKIP/LIMIT, as
// written) of the ORDER BY that ends cypher; ok is false when the query
// does not end in one (an ORDER BY on a WITH earlier on does not count).
func closingOrder(cypher string) (items, paging string, ok bool) {
	m := finalOrder.FindStringSubmatch(cypher)
	if m == nil || clauseWord.MatchString(m[1]) {
		return "", "", false
	}
	return m[1], m[2], true
}

var clauseWord = regexp.MustCompile(`(?i)\b(RETURN|WITH|MATCH|UNWIND|CALL|WHERE)\b`)

// tiedRows reports the first two different rows of t that are equal on
// every sort item (a comma-separated ORDER BY list) naming one of t's
// columns. It assumes t is sorted by those items.
func tiedRows(t neo4j.Table, items string) error {
	var keys []int
	for _, item := range strings.Split(items, ",") {
		f := strings.Fields(item)
		if len(f) == 0 {
			continue
		}
		for i, c := range t.Columns {
			if c == f[0] {
				keys = append(keys, i)
			}
		}
	}
	row := func(r []any) string { return mdtable.Render(neo4j.Table{Columns: t.Columns, Rows: [][]any{r}}) }
	for i := 1; i < len(t.Rows); i++ {
		a, b := t.Rows[i-1], t.Rows[i]
		same := true
		for _, k := range keys {
			same = same && mdtable.Cell(a[k]) == mdtable.Cell(b[k])
		}
		if same && row(a) != row(b) {
			return fmt.Errorf("ORDER BY %s is not a total order: rows %d and %d tie on its returned columns, so their order may change between runs; add a column that tells them apart", strings.TrimSpace(items), i, i+1)
		}
	}
	return nil
}

func TestTiedRows(t *testing.T) {
	table := neo4j.Table{Columns: []string{"subject", "object", "n"}, Rows: [][]any{
		{"Badr", "activists", int64(1)},
		{"Badr", "protesters", int64(1)},
		{"Nujaba", "protesters", int64(2)},
		{"Nujaba", "protesters", int64(2)},
	}}
	for _, tc := range []struct {
		items string
		tie   bool
	}{
		{"subject", true},                      // Badr/activists and Badr/protesters
		{"subject, object", false},             // the only tie is two equal rows
		{"n DESC, subject ASC, object", false}, // directions are not columns
		{"n, score DESC", true},                // score is not a column: only n is checked
		{"c.start", true},                      // no column at all: every row ties
		{"subject,object", false},
	} {
		if err := tiedRows(table, tc.items); (err != nil) != tc.tie {
			t.Errorf("ORDER BY %s: tie = %v, want %v", tc.items, err, tc.tie)
		}
	}
	for _, tc := range []struct {
		cypher, items, paging string
	}{
		{"MATCH (a) RETURN a.name AS n ORDER BY n", "n", ""},
		{"MATCH (a) RETURN a.name AS n ORDER BY n DESC, m LIMIT 5", "n DESC, m", " LIMIT 5"},
		{"MATCH (a)\nRETURN a.name AS n\norder by n\nSKIP 2 LIMIT 3\n", "n", "\nSKIP 2 LIMIT 3"},
		{"MATCH (a) WITH a ORDER BY a.name RETURN collect(a.name) AS names", "", ""},
		{"MATCH (a) WITH a ORDER BY a.name RETURN a.kind AS kind", "", ""},
	} {
		items, paging, ok := closingOrder(tc.cypher)
		if ok != (tc.items != "") || items != tc.items || paging != tc.paging {
			t.Errorf("%q: got %q, %q, %v; want %q, %q", tc.cypher, items, paging, ok, tc.items, tc.paging)
		}
	}
}

func TestRunReadOnlyRefusesWrites(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	before := neo4jtest.MustStats(t, s)
	for _, q := range []string{
		"CREATE (:Actor {id: 'intruder'})",
		"MATCH (a:Actor {id: 'iran'}) SET a.name = 'changed'",
		"MATCH (n) DETACH DELETE n",
	} {
		if _, err := s.RunReadOnly(context.Background(), q, nil); err == nil {
			t.Errorf("%s: no error", q)
		}
	}
	if after := neo4jtest.MustStats(t, s); after != before {
		t.Fatalf("stats changed from %+v to %+v", before, after)
	}
	a, _ := s.ActorsByID(context.Background(), []string{"iran"})
	if a["iran"].Name != "Iran" {
		t.Fatalf("iran renamed to %q", a["iran"].Name)
	}
	res, err := s.RunReadOnly(context.Background(), "MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.aliases[0..2] AS aliases, null AS nothing, 1.5 AS x", map[string]any{"id": "iran"})
	if err != nil {
		t.Fatal(err)
	}
	if got := mdtable.Render(res); got != "| name | aliases | nothing | x |\n|---|---|---|---|\n| Iran | [\"Tehran\", \"Islamic Republic\"] |  | 1.5 |" {
		t.Errorf("table:\n%s", got)
	}
	if _, err := s.RunReadOnly(context.Background(), "MATCH (a:Actor RETURN a", nil); graph.ErrorCode(err) == graph.EUNAVAILABLE || err == nil {
		t.Errorf("syntax error: %v", err)
	}
}
