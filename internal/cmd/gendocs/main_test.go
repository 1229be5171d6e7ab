package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// The committed schema, docs and page agree with the Go tables.
func TestRepositoryIsCurrent(t *testing.T) {
	problems, err := run(repoRoot(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s (run `make generate`)", p)
	}
}

// A copy of the files gendocs reads, in a temporary folder.
func copyRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	paths := []string{"web/src/explore.js"}
	for _, r := range regions() {
		paths = append(paths, r.path)
	}
	for _, p := range paths {
		b, err := os.ReadFile(filepath.Join(repoRoot(), p))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func edit(t *testing.T, path, from, to string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), from) {
		t.Fatalf("%s has no %q", path, from)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), from, to, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A hand edit inside a generated region, or a list that lost or gained a
// value, is reported by file, region and table; generating again repairs
// the regions, and leaves only what it cannot write.
func TestCheckNamesTheDrift(t *testing.T) {
	dir := copyRepo(t)
	edit(t, filepath.Join(dir, "schema.graphqls"), "  UNDERMINES\n", "")
	edit(t, filepath.Join(dir, "docs/graph-model.md"), "| `HYPOTHETICAL` | `hypothetical` |", "| `HYPOTHETICAL` | `maybe` |")
	edit(t, filepath.Join(dir, "web/src/index.html"), `<option value="gexf">`, `<option value="pdf">`)
	edit(t, filepath.Join(dir, "web/src/explore.js"), "  GROUP: {", "  CROWD: {")
	problems, err := run(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"schema.graphqls: region relation-types is out of date with graph.RelationTypes",
		"docs/graph-model.md: region certainties is out of date with graph.CertaintyTable",
		"web/src/index.html: region export-formats is out of date with export.FormatTable",
		"web/src/explore.js: KINDS has no entry for GROUP, which graph.ActorKindTable lists",
		"web/src/explore.js: KINDS has an entry for CROWD, which graph.ActorKindTable does not list",
	}
	if strings.Join(problems, "\n") != strings.Join(want, "\n") {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}

	problems, err = run(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 2 || !strings.Contains(problems[0], "explore.js") {
		t.Fatalf("after generating: %v", problems)
	}
	for _, p := range []string{"schema.graphqls", "docs/graph-model.md", "web/src/index.html"} {
		got, _ := os.ReadFile(filepath.Join(dir, p))
		orig, _ := os.ReadFile(filepath.Join(repoRoot(), p))
		if string(got) != string(orig) {
			t.Errorf("%s was not restored", p)
		}
	}
}

// A file whose markers are gone is an error naming the file and region.
func TestMissingMarkers(t *testing.T) {
	dir := copyRepo(t)
	edit(t, filepath.Join(dir, "README.md"), "<!-- END GENERATED: export-formats -->", "")
	if _, err := run(dir, false); err == nil || !strings.Contains(err.Error(), "README.md: no BEGIN GENERATED: export-formats") {
		t.Fatalf("err = %v", err)
	}
}
