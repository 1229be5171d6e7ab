package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

// The test binary doubles as a fake `actorgraph extract`: run with
// FAKE_EXTRACT set, it writes a draft made from the article's gold claims
// (the file beside it) without every third claim, each with its `start`
// and `draft: true`, and appends its arguments to $FAKE_EXTRACT_LOG.
// FAKE_EXTRACT=fail:NAME makes it fail on the article in folder NAME.
func TestMain(m *testing.M) {
	if mode := os.Getenv("FAKE_EXTRACT"); mode != "" {
		if err := fakeExtract(mode, os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "actorgraph extract:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func fakeExtract(mode string, args []string) error {
	if log := os.Getenv("FAKE_EXTRACT_LOG"); log != "" {
		f, err := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		fmt.Fprintln(f, strings.Join(args, " "))
		f.Close()
	}
	if len(args) < 4 || args[0] != "extract" || args[len(args)-3] != "-o" {
		return fmt.Errorf("want extract [flags] -o DRAFT ARTICLE, got %q", args)
	}
	draft, text := args[len(args)-2], args[len(args)-1]
	if !filepath.IsAbs(text) {
		return fmt.Errorf("article path %q is not absolute", text)
	}
	if mode == "fail:"+filepath.Base(filepath.Dir(text)) {
		return fmt.Errorf("the NLP server is down")
	}
	data, starts, err := goldWithStarts(filepath.Join(filepath.Dir(text), "claims.yaml"))
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return err
	}
	top := doc.Content[0]
	set(value(top, "article"), "file", text)
	claims := value(top, "claims")
	var kept []*yaml.Node
	for i, c := range claims.Content {
		if i%3 == 2 {
			continue
		}
		set(c, "start", fmt.Sprint(starts[value(c, "id").Value]))
		set(c, "draft", "true")
		kept = append(kept, c)
	}
	claims.Content = kept
	out, err := yaml.Marshal(&doc)
	if err != nil {
		return err
	}
	return os.WriteFile(draft, out, 0o644)
}

// goldWithStarts reads a gold file and where the loader places each
// claim's quote, by claim key.
func goldWithStarts(path string) ([]byte, map[string]int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	load, err := loaders.ParseFile(path)
	if err != nil {
		return nil, nil, err
	}
	starts := map[string]int{}
	for _, c := range load.Claims {
		starts[strings.TrimPrefix(c.ID, load.Article.ID+"/")] = c.Start
	}
	return data, starts, nil
}

func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func set(m *yaml.Node, key, v string) {
	if n := value(m, key); n != nil {
		n.Value, n.Tag, n.Style = v, "", 0
		return
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &yaml.Node{Kind: yaml.ScalarNode, Value: v})
}

// want is the seed's or an article's row the fake draft must give,
// counted from the gold with the loader, not with extract/eval: every
// kept claim's triple is right, so precision is 1 and recall is the
// distinct triples of the kept claims over all distinct triples.
func want(t *testing.T, gold string) (matched, total int) {
	t.Helper()
	load, err := loaders.ParseFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	all, kept := map[string]bool{}, map[string]bool{}
	for i, c := range load.Claims {
		k := graph.RelationshipID(c.SubjectID, c.Relation, c.ObjectID)
		all[k] = true
		if i%3 != 2 {
			kept[k] = true
		}
	}
	return len(kept), len(all)
}

// repo makes a copy of the parts of the repository the command reads:
// the seed, two development articles and the document.
func repo(t *testing.T, doc string) string {
	t.Helper()
	root := t.TempDir()
	copyFile := func(rel string) {
		b, err := os.ReadFile(filepath.Join("..", "..", "..", rel))
		if err != nil {
			t.Fatal(err)
		}
		must(t, os.MkdirAll(filepath.Join(root, filepath.Dir(rel)), 0o755))
		must(t, os.WriteFile(filepath.Join(root, rel), b, 0o644))
	}
	for _, rel := range []string{"seed/article.txt", "seed/claims.yaml",
		"testdata/articles/muscat-talks-iraqi-factions/article.txt", "testdata/articles/muscat-talks-iraqi-factions/claims.yaml",
		"testdata/articles/convoy-bombing-kh-denies-role/article.txt", "testdata/articles/convoy-bombing-kh-denies-role/claims.yaml"} {
		copyFile(rel)
	}
	must(t, os.MkdirAll(filepath.Join(root, "docs"), 0o755))
	must(t, os.WriteFile(filepath.Join(root, "docs", "extraction.md"), []byte(doc), 0o644))
	return root
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

const doc = "# Extraction\n\nBefore.\n\n<!-- BEGIN GENERATED: extraction-figures (do not edit) -->\nold figures\n<!-- END GENERATED: extraction-figures -->\n\nAfter.\n"

func testOptions(root string, settings ...setting) options {
	exe, _ := os.Executable()
	return options{root: root, bin: exe, doc: "docs/extraction.md", timeout: time.Minute, settings: settings}
}

func TestFiguresTable(t *testing.T) {
	root := repo(t, doc)
	log := filepath.Join(t.TempDir(), "args")
	t.Setenv("FAKE_EXTRACT", "ok")
	t.Setenv("FAKE_EXTRACT_LOG", log)
	o := testOptions(root,
		setting{title: "Extracted into an empty graph", flags: []string{"-graph=false"}, seed: true},
		setting{title: "Development articles extracted into a graph holding the seed", flags: []string{"-actors", "seed/claims.yaml"}})
	if err := run(context.Background(), o, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "docs", "extraction.md"))
	must(t, err)
	got := string(b)
	if !strings.HasPrefix(got, "# Extraction\n\nBefore.\n\n<!-- BEGIN GENERATED: extraction-figures (do not edit) -->\n") ||
		!strings.HasSuffix(got, "<!-- END GENERATED: extraction-figures -->\n\nAfter.\n") || strings.Contains(got, "old figures") {
		t.Fatalf("the document outside the markers changed, or the old region stayed:\n%s", got)
	}
	for _, w := range []string{
		"**Extracted into an empty graph** (extract flags: `-graph=false`)",
		"**Development articles extracted into a graph holding the seed** (extract flags: `-actors seed/claims.yaml`)",
		"| article | words | gold triples | drafted | matched | precision | recall | F1 | actor recall | certainty | ownStatement | conditional | attribution | quotes at offsets | extract (s) |",
		"| development articles (2), pooled |",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("no %q in:\n%s", w, got)
		}
	}
	// One row per article and setting, with the figures the fake draft
	// must have.
	for _, a := range []struct {
		name string
		rows int
	}{{"seed", 1}, {"convoy-bombing-kh-denies-role", 2}, {"muscat-talks-iraqi-factions", 2}} {
		gold := filepath.Join(root, "seed", "claims.yaml")
		if a.name != "seed" {
			gold = filepath.Join(root, "testdata", "articles", a.name, "claims.yaml")
		}
		m, n := want(t, gold)
		var rows []string
		for _, l := range strings.Split(got, "\n") {
			if strings.HasPrefix(l, "| "+a.name+" |") {
				rows = append(rows, l)
			}
		}
		if len(rows) != a.rows {
			t.Fatalf("%d rows for %s, want %d:\n%s", len(rows), a.name, a.rows, got)
		}
		for _, r := range rows {
			cells := strings.Split(strings.Trim(r, "| "), " | ")
			wantCells := map[int]string{
				2: fmt.Sprint(n), 3: fmt.Sprint(m), 4: fmt.Sprint(m),
				5: fmt.Sprintf("1.00 (%d/%d)", m, m), 6: fmt.Sprintf("%.2f (%d/%d)", float64(m)/float64(n), m, n),
				8: "1.00", // actor recall: the fake keeps every declared actor
			}
			for i, w := range wantCells {
				if !strings.HasPrefix(cells[i], w) {
					t.Errorf("%s: %s = %q, want %q (row %s)", a.name, columns[i], cells[i], w, r)
				}
			}
			for i := 9; i <= 13; i++ { // agreement and quotes: the gold's own values
				if !strings.HasPrefix(cells[i], "1.00 (") {
					t.Errorf("%s: %s = %q, want 1.00", a.name, columns[i], cells[i])
				}
			}
		}
	}
	args, err := os.ReadFile(log)
	must(t, err)
	if lines := strings.Split(strings.TrimSpace(string(args)), "\n"); len(lines) != 5 ||
		!strings.HasPrefix(lines[0], "extract -graph=false -o ") || !strings.HasPrefix(lines[3], "extract -actors seed/claims.yaml -o ") {
		t.Errorf("extract was run as:\n%s", args)
	}

	// Again: the same table but for the times.
	first := got
	must(t, run(context.Background(), o, &bytes.Buffer{}))
	b, err = os.ReadFile(filepath.Join(root, "docs", "extraction.md"))
	must(t, err)
	if withoutTimes(string(b)) != withoutTimes(first) {
		t.Errorf("a second run wrote a different table:\n%s\nthen\n%s", first, b)
	}
}

// withoutTimes blanks the last cell of each table row.
func withoutTimes(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "| ") && strings.HasSuffix(l, " |") {
			if j := strings.LastIndex(strings.TrimSuffix(l, " |"), " | "); j >= 0 {
				lines[i] = l[:j] + " | t |"
			}
		}
	}
	return strings.Join(lines, "\n")
}

// An extraction that fails stops the run, names the article and the
// extractor's message, and leaves the document as it was; so does a
// document without markers.
func TestFailuresLeaveTheDocument(t *testing.T) {
	root := repo(t, doc)
	t.Setenv("FAKE_EXTRACT", "fail:muscat-talks-iraqi-factions")
	err := run(context.Background(), testOptions(root, setting{title: "x", seed: true}), &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "article muscat-talks-iraqi-factions: actorgraph extract -o ") ||
		!strings.Contains(err.Error(), "the NLP server is down") {
		t.Fatalf("err = %v", err)
	}
	b, err := os.ReadFile(filepath.Join(root, "docs", "extraction.md"))
	must(t, err)
	if string(b) != doc {
		t.Fatalf("a failed run changed the document:\n%s", b)
	}

	root = repo(t, "# Extraction\n\nno markers\n")
	t.Setenv("FAKE_EXTRACT", "ok")
	err = run(context.Background(), testOptions(root, setting{title: "x", seed: true}), &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "no BEGIN GENERATED: extraction-figures") {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "docs", "extraction.md")); string(b) != "# Extraction\n\nno markers\n" {
		t.Fatalf("the document changed:\n%s", b)
	}
}

// docs/extraction.md has the markers the command writes between.
func TestDocumentHasTheMarkers(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "extraction.md"))
	must(t, err)
	if _, err := replaceRegion(strings.Split(string(b), "\n"), region, nil); err != nil {
		t.Fatal(err)
	}
}
