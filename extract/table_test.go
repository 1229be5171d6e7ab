package extract

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/nlp/nlptest"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite the patterns table of docs/extraction.md")

const (
	tableBegin = "<!-- BEGIN GENERATED: extraction-patterns (go test ./extract -run TestDocsPatterns -update-docs writes this part) -->\n"
	tableEnd   = "<!-- END GENERATED: extraction-patterns -->\n"
)

// TestDocsPatterns keeps docs/extraction.md's table of patterns equal to
// Patterns.
func TestDocsPatterns(t *testing.T) {
	path := filepath.Join(nlptest.Root(), "docs", "extraction.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, tableBegin), strings.Index(doc, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("%s has no generated patterns table between %q and %q", path, tableBegin, tableEnd)
	}
	want := tableBegin + "\n" + PatternsMarkdown() + "\n" + tableEnd
	got := doc[i : j+len(tableEnd)]
	if got == want {
		return
	}
	if *updateDocs {
		if err := os.WriteFile(path, []byte(doc[:i]+want+doc[j+len(tableEnd):]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("docs/extraction.md's patterns table differs from Patterns: run go test ./extract -run TestDocsPatterns -update-docs")
}
