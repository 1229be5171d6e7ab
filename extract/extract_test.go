package extract

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/nlp/nlptest"
)

// checkQuotes checks every drafted quote and mention against the text at
// its code-point offsets.
func checkQuotes(t *testing.T, a Article, d *Draft) {
	t.Helper()
	runes := []rune(a.Text)
	at := func(start int, s string) bool {
		n := utf8.RuneCountInString(s)
		return start >= 0 && start+n <= len(runes) && string(runes[start:start+n]) == s
	}
	for _, c := range d.Claims {
		if !c.Draft || c.Confidence == nil || *c.Confidence <= 0 || *c.Confidence > 1 {
			t.Errorf("%s: draft %v, confidence %v", c.ID, c.Draft, c.Confidence)
		}
		if !at(c.Start, c.Quote) {
			t.Errorf("%s: quote not at %d: %q", c.ID, c.Start, c.Quote)
		}
		if c.SubjectStart == nil || c.ObjectStart == nil {
			t.Errorf("%s: a draft gives both mentions' offsets", c.ID)
			continue
		}
		if !at(*c.SubjectStart, c.SubjectText) || !at(*c.ObjectStart, c.ObjectText) {
			t.Errorf("%s: subject %q at %d or object %q at %d not in the text", c.ID, c.SubjectText, *c.SubjectStart, c.ObjectText, *c.ObjectStart)
		}
	}
}

// TestSeedRecorded runs the rules on the recorded parse of the seed
// article (no server): the loader accepts the draft, every quote is
// verbatim at its offsets, every gold actor is found, and the triples
// reach the targets.
func TestSeedRecorded(t *testing.T) {
	doc := nlptest.SeedDocument(t)
	a, err := ReadArticle(nlptest.SeedArticlePath(), 0)
	if err != nil {
		t.Fatal(err)
	}
	d, dp := draftChecked(t, newTestExtractor(t), doc, nlptest.SeedArticlePath())
	checkQuotes(t, a, d)
	f := measure(t, filepath.Join(nlptest.Root(), "seed", "claims.yaml"), dp)
	t.Log(f)
	if f.p < 0.75 || f.r < 0.60 || f.actorRecall < 1 || f.quotes < 1 {
		t.Errorf("figures below the targets (precision 0.75, recall 0.60, actor recall 1, quotes 1):\n%v", f)
	}
}

func TestParseArticleBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
	}{
		{"empty", "", "is empty"},
		{"blank", " \n\t\n", "is empty"},
		{"binary", "ab\x00cd", "not a text file"},
		{"non-UTF-8", "Iran \xff warns", "not valid UTF-8"},
		{"unclosed front matter", "---\ntitle: x\nIran warns.", "no closing ---"},
		{"bad date", "---\npublishedAt: 14 Jan\n---\nIran warns.", "not a date"},
		{"unknown key", "---\nauthor: x\n---\nIran warns.", "front matter"},
		{"too big", strings.Repeat("a", 200), "more than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseArticle("a.txt", []byte(tc.data), 100)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestParseArticleFrontMatterKeepsOffsets(t *testing.T) {
	text := "---\ntitle: Iran warns\npublishedAt: 2026-01-14\ndateline: BAGHDAD\n---\nIran warns the US.\n"
	a, err := ParseArticle("a.txt", []byte(text), 0)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Iran warns" || a.PublishedAt != "2026-01-14" || a.Dateline != "BAGHDAD" {
		t.Errorf("metadata: %+v", a)
	}
	if utf8.RuneCountInString(a.Body) != utf8.RuneCountInString(a.Text) || !strings.HasSuffix(a.Body, "Iran warns the US.\n") || strings.Contains(a.Body, "title") {
		t.Errorf("body %q does not keep the text's offsets", a.Body)
	}
	b, err := ParseArticle("b.txt", []byte("Militias threaten US\nBAGHDAD –\nText."), 0)
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "Militias threaten US" || b.Dateline != "BAGHDAD" || b.PublishedAt != "unknown" {
		t.Errorf("first lines: %+v", b)
	}
}
