package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

// copyModel1 copies the model-1 seed (claims file and article) into a new
// folder and returns the claims file's path there.
func copyModel1(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Dir(neo4jtest.Model1Seed())
	for _, f := range []string{"claims.yaml", "article.txt"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		must(t, err)
		must(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	return filepath.Join(dir, "claims.yaml")
}

// fillConditions writes each quote in as the condition the conversion
// asks for (the quote occurs in the article, as a condition must).
func fillConditions(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	var doc yaml.Node
	must(t, yaml.Unmarshal(b, &doc))
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != "claims" {
			continue
		}
		for _, c := range top.Content[i+1].Content {
			var cond, quote *yaml.Node
			for j := 0; j+1 < len(c.Content); j += 2 {
				switch c.Content[j].Value {
				case "condition":
					cond = c.Content[j+1]
				case "quote":
					quote = c.Content[j+1]
				}
			}
			if cond != nil {
				cond.Value = quote.Value
			}
		}
	}
	out, err := yaml.Marshal(&doc)
	must(t, err)
	must(t, os.WriteFile(path, out, 0o644))
}

func TestMigrateClaimsCommand(t *testing.T) {
	path := copyModel1(t)
	before, _ := os.ReadFile(path)

	// A broken file next to it: nothing is written, the original included.
	bad := filepath.Join(filepath.Dir(path), "broken.yaml")
	must(t, os.WriteFile(bad, []byte("claims:\n  - id: x\n    modality: SHOUTED\n"), 0o644))
	_, _, err := run(t, "migrate", "claims", path, bad)
	if err == nil || !strings.Contains(err.Error(), "nothing was written") || !strings.Contains(err.Error(), "SHOUTED") {
		t.Fatalf("a bad file among the inputs: %v", err)
	}
	if now, _ := os.ReadFile(path); string(now) != string(before) {
		t.Fatal("a refused conversion rewrote a file")
	}

	out, _, err := run(t, "migrate", "claims", path)
	if err != nil {
		t.Fatal(err)
	}
	conditions := regexp.MustCompile(regexp.QuoteMeta(path)+`:\d+: a format-1 conditional threat`).FindAllString(out, -1)
	if !strings.Contains(out, path+": converted to format 2") || len(conditions) != strings.Count(string(before), "modality: CONDITIONAL_THREAT") ||
		!strings.Contains(out, "condition(s) to write in") {
		t.Fatalf("migrate claims printed:\n%s", out)
	}
	if _, _, err := run(t, "check", path); err == nil || !strings.Contains(err.Error(), "condition is empty") {
		t.Fatalf("check before the conditions are written: %v", err)
	}
	out, _, err = run(t, "migrate", "claims", path)
	if err != nil || !strings.Contains(out, "already format 2, unchanged") {
		t.Fatalf("a second run: %q, %v", out, err)
	}

	// -o writes elsewhere, and the article path still names the text.
	orig := copyModel1(t)
	dir := filepath.Join(t.TempDir(), "converted")
	out, _, err = run(t, "migrate", "claims", "-o", dir, orig)
	if err != nil || !strings.Contains(out, "as "+filepath.Join(dir, "claims.yaml")) {
		t.Fatalf("migrate claims -o: %q, %v", out, err)
	}
	if now, _ := os.ReadFile(orig); string(now) != string(before) {
		t.Fatal("-o changed the original")
	}
	conv := filepath.Join(dir, "claims.yaml")
	fillConditions(t, conv)
	out, _, err = run(t, "check", conv)
	// Format 2 refuses the seven model-1 claims whose subject or object
	// words are not in the article; everything else, the article path
	// included, checks.
	if err == nil || strings.Contains(err.Error(), "cannot read article text") || strings.Count(err.Error(), "does not occur in the article text") != 7 {
		t.Fatalf("check of the converted file: %q, %v", out, err)
	}
}

func TestMigrateCommand(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	neo4jtest.MustWriteModel1(t, neo4jtest.Model1Seed())
	before := neo4jtest.MustStats(t, s)
	out, errOut, err := run(t, "migrate")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "migrated the graph to model 2") || !strings.Contains(out, "72 claims given certainty") ||
		!strings.Contains(errOut, "migrate: relationships:") {
		t.Fatalf("migrate printed:\n%s\n%s", out, errOut)
	}
	if after := neo4jtest.MustStats(t, s); after != before {
		t.Fatalf("migrate changed the counts: %+v, then %+v", before, after)
	}
	out, _, err = run(t, "migrate")
	if err != nil || !strings.Contains(out, "already at model 2") {
		t.Fatalf("a second migrate: %q, %v", out, err)
	}
	// The migrated graph takes model-2 loads: the seed replaces the
	// model-1 article's claims.
	if _, _, err := run(t, "load", neo4jtest.SeedDir()); err != nil {
		t.Fatal(err)
	}
	res, err := s.RunReadOnly(t.Context(), `MATCH (c:Claim) WHERE c.certainty IS NULL OR c.modality IS NOT NULL RETURN count(c) AS n`, nil)
	if err != nil || res.Rows[0][0].(int64) != 0 {
		t.Fatalf("claims without certainty after migrate and load: %v %v", res, err)
	}
	if _, _, err := run(t, "migrate", "extra"); exitCode(err) != 2 {
		t.Fatalf("migrate with an argument: %v", err)
	}
}
