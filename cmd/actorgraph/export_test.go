package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

func TestExportCommand(t *testing.T) {
	neo4jtest.MustOpenSeeded(t)
	dir := t.TempDir()

	out, _, err := run(t, "export", "--format", "cytoscape", "--neighbourhood", "iran", "--depth", "1")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Elements struct{ Nodes, Edges []any } `json:"elements"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Elements.Nodes) < 2 || len(doc.Elements.Edges) < 1 {
		t.Fatalf("cytoscape to stdout: %v %.200s", err, out)
	}

	file := filepath.Join(dir, "g.graphml")
	if _, _, err := run(t, "export", "--format", "graphml", "--out", file); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(file); err != nil || !strings.Contains(string(b), "<graphml") {
		t.Fatalf("graphml file: %v", err)
	}

	csvDir := filepath.Join(dir, "csv")
	if _, _, err := run(t, "export", "--format", "csv", "--out", csvDir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(csvDir, "actors.csv")); err != nil {
		t.Fatal(err)
	}
	// A second export into the same, now full, folder is refused.
	if _, _, err := run(t, "export", "--format", "csv", "--out", csvDir); err == nil || exitCode(err) != 1 {
		t.Fatalf("export into a full folder: %v", err)
	}

	for _, args := range [][]string{
		{"export"}, {"export", "--format", "pdf"}, {"export", "--format", "gexf", "--depth", "2"}, {"export", "--format", "gexf", "extra"},
		{"export", "--format", "gexf", "--claims", "rows"},
	} {
		if _, _, err := run(t, args...); exitCode(err) != 2 {
			t.Errorf("%v: %v, want exit 2", args, err)
		}
	}
	if _, _, err := run(t, "export", "--format", "gexf", "--neighbourhood", "nobody", "--out", filepath.Join(dir, "x.gexf")); err == nil || exitCode(err) != 1 {
		t.Fatalf("unknown actor: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.gexf")); !os.IsNotExist(err) {
		t.Fatal("a failed export wrote a file")
	}
}
