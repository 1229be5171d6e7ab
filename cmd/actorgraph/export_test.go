package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
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

// The claims files round trip through the commands: gen, load, export
// --format claims, reset, load the exported folder; the graph reads the
// same (graph/neo4j's TestClaimsFilesRoundTrip compares every property).
// The zip on standard output holds the same files.
func TestExportClaimsFilesCommand(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if _, _, err := run(t, "gen", "-articles", "20", "-seed", "9", "-out", corpus); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "load", neo4jtest.SeedDir(), corpus); err != nil {
		t.Fatal(err)
	}
	before := graphText(t, s)
	files := filepath.Join(dir, "files")
	_, errOut, err := run(t, "export", "--format", "claims", "--out", files)
	if err != nil || !strings.Contains(errOut, "wrote 21 articles") {
		t.Fatalf("export: %v %s", err, errOut)
	}
	zipped, _, err := run(t, "export", "--format", "claims")
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(strings.NewReader(zipped), int64(len(zipped)))
	if err != nil || len(z.File) != 42 {
		t.Fatalf("the zip on standard output: %v", err)
	}
	if _, _, err := run(t, "reset", "-yes"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "check", files); err != nil {
		t.Fatalf("check the exported files: %v", err)
	}
	if _, _, err := run(t, "load", files); err != nil {
		t.Fatal(err)
	}
	if after := graphText(t, s); after != before {
		t.Errorf("the graph differs after the round trip (%d and %d bytes)", len(before), len(after))
	}
	// A neighbourhood gives the articles behind its relationships.
	hood := filepath.Join(dir, "hood")
	if _, _, err := run(t, "export", "--format", "claims", "--neighbourhood", "kataib-hezbollah", "--out", hood); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(hood, "iran-aligned-militias-threaten-us", "claims.yaml")); err != nil {
		t.Fatal(err)
	}
	// Into a folder that is not empty: refused, and nothing changes.
	if _, _, err := run(t, "export", "--format", "claims", "--out", files); exitCode(err) != 1 {
		t.Fatalf("export into a full folder: %v", err)
	}
}

// graphText is what the graph says through the store's reads: actors,
// relationships, articles, claims and declarations.
func graphText(t *testing.T, s *neo4jstore.Store) string {
	t.Helper()
	ctx := context.Background()
	sg, err := s.WholeGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	articles, err := s.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := s.ArticleIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := s.ClaimsOfArticles(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	decls, err := s.Declarations(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal([]any{sg, articles, claims, decls})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A file export that fails part-way, after bytes were written, leaves no
// file: not a cut-off one, and no temporary file either. One that
// succeeds replaces the file whole.
func TestStreamFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "g.gexf")
	broken := errors.New("the disk filled up")
	_, err := streamFileAtomic(path, func(w io.Writer) error {
		if _, err := w.Write(bytes.Repeat([]byte("<node/>\n"), 50000)); err != nil {
			return err
		}
		return broken
	})
	if !errors.Is(err, broken) {
		t.Fatalf("err = %v, want %v", err, broken)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a failed export left %v", entries)
	}
	n, err := streamFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "whole")
		return err
	})
	if b, rerr := os.ReadFile(path); err != nil || rerr != nil || string(b) != "whole" || n != 5 {
		t.Fatalf("%d bytes, %v, %v: %q", n, err, rerr, b)
	}
}
