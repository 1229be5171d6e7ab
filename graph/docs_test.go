package graph_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// docTable returns the rows of the first Markdown table after the line
// that starts with after, each row's cells trimmed, the header and its
// separator left out.
func docTable(t *testing.T, doc, after string) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "docs", doc))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	i := 0
	for i < len(lines) && !strings.HasPrefix(lines[i], after) {
		i++
	}
	for i < len(lines) && !strings.HasPrefix(lines[i], "|") {
		i++
	}
	var rows [][]string
	for i += 2; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
		cells := strings.Split(strings.Trim(lines[i], "|"), " | ")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		rows = append(rows, cells)
	}
	if len(rows) == 0 {
		t.Fatalf("%s has no table after %q", doc, after)
	}
	return rows
}

// docs/graph-model.md's tables of relation types and certainties are the
// Go tables, row for row; this fails, naming the row, when they drift.
func TestGraphModelDocFollowsTheTables(t *testing.T) {
	dash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	rows := docTable(t, "graph-model.md", "## Relationship types")
	for i, r := range graph.RelationTypes {
		root := dash(r.CameoRoot())
		if root != "—" {
			root += " " + graph.CameoRoots[r.CameoRoot()]
		}
		want := []string{"`" + string(r.Type) + "`", string(r.Class), dash(r.Cameo), root, r.Meaning, r.Label}
		if i >= len(rows) {
			t.Errorf("docs/graph-model.md lacks %s", r.Type)
			continue
		}
		if strings.Join(rows[i], " | ") != strings.Join(want, " | ") {
			t.Errorf("relation type row %d:\n doc: %s\nwant: %s", i+1, strings.Join(rows[i], " | "), strings.Join(want, " | "))
		}
	}
	if len(rows) != len(graph.RelationTypes) {
		t.Errorf("docs/graph-model.md lists %d relation types, graph.RelationTypes %d", len(rows), len(graph.RelationTypes))
	}
	rows = docTable(t, "graph-model.md", "**Certainty**")
	for i, c := range graph.Certainties {
		want := "`" + string(c.Value) + "` | `" + c.Count + "` | " + c.Meaning
		if i >= len(rows) || strings.Join(rows[i], " | ") != want {
			t.Errorf("certainty row %d: doc %v, want %s", i+1, rows[min(i, len(rows)-1)], want)
		}
	}
	if len(rows) != len(graph.Certainties) {
		t.Errorf("docs/graph-model.md lists %d certainties, graph.Certainties %d", len(rows), len(graph.Certainties))
	}
}
