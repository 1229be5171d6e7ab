package neo4j_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
)

var update = flag.Bool("update", false, "rewrite the output tables in the Cypher docs from the seeded graph")

// cypherDocs are the documents whose every ```cypher block is run against
// the seed and compared with the table that follows it.
var cypherDocs = map[string]int{ // document: the least number of queries it must hold
	"cypher.md":      12,
	"graph-model.md": 4,
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
				got := res.Markdown()
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
	if got := res.Markdown(); got != "| name | aliases | nothing | x |\n|---|---|---|---|\n| Iran | [\"Tehran\", \"Islamic Republic\"] |  | 1.5 |" {
		t.Errorf("table:\n%s", got)
	}
	if _, err := s.RunReadOnly(context.Background(), "MATCH (a:Actor RETURN a", nil); graph.ErrorCode(err) == graph.EUNAVAILABLE || err == nil {
		t.Errorf("syntax error: %v", err)
	}
}
