package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `actorgraph extract` refuses bad articles before anything is parsed,
// with the file named, exit 1, and no draft written.
func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, data, 0o644))
		return p
	}
	big := make([]byte, 5<<20)
	for i := range big {
		big[i] = 'a'
	}
	for _, tc := range []struct {
		name, path, want string
	}{
		{"empty", write("empty.txt", nil), "the article is empty"},
		{"binary", write("bin.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00")), "not a text file"},
		{"non-UTF-8", write("latin1.txt", []byte("Iran warns caf\xe9 owners")), "not valid UTF-8"},
		{"5 MB", write("big.txt", big), "more than the 256 KB"},
		{"missing", filepath.Join(dir, "none.txt"), "cannot read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := run(t, "extract", "-known", "none", tc.path)
			if exitCode(err) != 1 || !strings.Contains(reported(err), tc.path) || !strings.Contains(reported(err), tc.want) {
				t.Fatalf("%s: exit %d, %q", tc.name, exitCode(err), reported(err))
			}
			drafts, _ := filepath.Glob(filepath.Join(dir, "*.draft.yaml"))
			if len(drafts) > 0 {
				t.Fatalf("a draft was written: %v", drafts)
			}
		})
	}
	// The NLP server down: a clear error naming the fix, quickly, no draft.
	t.Run("CoreNLP down", func(t *testing.T) {
		t.Setenv("CORENLP_URL", "http://127.0.0.1:1")
		article := write("down.txt", []byte("Iran warned the United States on Monday.\n"))
		_, stderr, err := run(t, "extract", "-known", "none", article)
		if exitCode(err) != 1 || !strings.Contains(reported(err), "no CoreNLP server answers") || strings.Contains(stderr+reported(err), "Neo4j") {
			t.Fatalf("exit %d, %q %q", exitCode(err), reported(err), stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "down.draft.yaml")); !os.IsNotExist(err) {
			t.Fatalf("a draft was written: %v", err)
		}
	})
	// Usage errors exit 2.
	_, _, err := run(t, "extract", "-known", "sometimes", write("a.txt", []byte("Iran warns.")))
	if exitCode(err) != 2 {
		t.Fatalf("bad -known: exit %d, %q", exitCode(err), reported(err))
	}
	// An article's own claims file is never read.
	seed := filepath.Join(repoRoot(), "seed")
	_, _, err = run(t, "extract", "-known", "none", "-actors", filepath.Join(seed, "claims.yaml"), filepath.Join(seed, "article.txt"))
	if exitCode(err) != 2 || !strings.Contains(reported(err), "never reads an article's own claims") {
		t.Fatalf("own claims as -actors: exit %d, %q", exitCode(err), reported(err))
	}
}

// With the CoreNLP server (make test starts one), extract drafts the seed
// article into a file check accepts, and an article that names no actor
// writes nothing and exits 1.
func TestExtractSeedWithServer(t *testing.T) {
	dir := t.TempDir()
	text, err := os.ReadFile(filepath.Join(repoRoot(), "seed", "article.txt"))
	must(t, err)
	article := filepath.Join(dir, "article.txt")
	must(t, os.WriteFile(article, text, 0o644))
	draft := filepath.Join(dir, "draft.yaml")
	out, _, err := run(t, "extract", "-known", "none", "-o", draft, article)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "draft claims") {
		t.Fatalf("extract said %q", out)
	}
	out, _, err = run(t, "check", draft)
	if err != nil || !strings.Contains(out, "ok: article") {
		t.Fatalf("check of the draft: %v %q", err, out)
	}
	out, _, err = run(t, "eval", "-gold", filepath.Join(repoRoot(), "seed", "claims.yaml"), draft)
	if err != nil || !strings.Contains(out, "quotes verbatim at their offsets 1.00") {
		t.Fatalf("eval of the draft: %v\n%s", err, out)
	}

	none := filepath.Join(dir, "weather.txt")
	must(t, os.WriteFile(none, []byte("The weather was mild and the markets were calm on Tuesday.\n"), 0o644))
	_, stderr, err := run(t, "extract", "-known", "none", none)
	if exitCode(err) != 1 || !strings.Contains(stderr, "no claims drafted") {
		t.Fatalf("no actors: exit %d, %q %q", exitCode(err), stderr, reported(err))
	}
	if _, err := os.Stat(filepath.Join(dir, "weather.draft.yaml")); !os.IsNotExist(err) {
		t.Fatalf("a draft was written for an article without claims: %v", err)
	}
}
