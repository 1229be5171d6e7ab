package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `actorgraph eval` prints the figures and ends with the triples line; a
// draft made from the gold minus claims scores below 1 on recall only.
func TestEvalCommand(t *testing.T) {
	seed := filepath.Join(repoRoot(), "seed")
	gold := filepath.Join(seed, "claims.yaml")

	out, _, err := run(t, "eval", "-gold", gold, gold)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out, "\ntriples precision 1.00 recall 1.00 f1 1.00\n") || !strings.Contains(out, "actor recall 1.00 (20 of 20 gold actors)\n") {
		t.Fatalf("eval of the seed against itself:\n%s", out)
	}

	// The gold without its claims from the line "# [4]" on, which leaves
	// 2 of the seed's 60 triples.
	b, err := os.ReadFile(gold)
	must(t, err)
	head := string(b)[:strings.Index(string(b), "  # [4]")]
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "draft.yaml"), []byte(strings.Replace(head, "file: article.txt", "file: "+filepath.Join(seed, "article.txt"), 1)), 0o644))
	out, _, err = run(t, "eval", "-v", "-gold", gold, filepath.Join(dir, "draft.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; last != "triples precision 1.00 recall 0.03 f1 0.06" || !strings.Contains(out, "missed triples (gold only): 58\n") {
		t.Fatalf("eval of a partial draft ends %q:\n%s", last, out)
	}

	// Bad input: exit 1 naming the file; no -gold: a usage error, exit 2.
	_, _, err = run(t, "eval", "-gold", gold, filepath.Join(dir, "none.yaml"))
	if exitCode(err) != 1 || !strings.Contains(reported(err), "actorgraph eval: "+filepath.Join(dir, "none.yaml")+": cannot read") {
		t.Fatalf("missing draft: %q, exit %d", reported(err), exitCode(err))
	}
	other := filepath.Join(repoRoot(), "testdata", "articles", "muscat-talks-iraqi-factions", "claims.yaml")
	_, _, err = run(t, "eval", "-gold", gold, other)
	if exitCode(err) != 1 || !strings.Contains(reported(err), "are not about the same article") {
		t.Fatalf("another article: %q, exit %d", reported(err), exitCode(err))
	}
	_, _, err = run(t, "eval", gold)
	if exitCode(err) != 2 || !strings.Contains(reported(err), "needs -gold") {
		t.Fatalf("no -gold: %q, exit %d", reported(err), exitCode(err))
	}
}
