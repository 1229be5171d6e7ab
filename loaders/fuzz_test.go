package loaders_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

// FuzzParse feeds arbitrary claims files and article texts to the parser
// and validator. Whatever the input, it must not panic; it either returns a
// load whose every claim points at its quote in the text, or a validation
// error whose problems all name the file. The committed corpus is in
// testdata/fuzz/FuzzParse; the seed claims file is added too.
func FuzzParse(f *testing.F) {
	seedYAML, err := os.ReadFile(filepath.Join("..", "seed", "claims.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	seedText, err := os.ReadFile(filepath.Join("..", "seed", "article.txt"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seedYAML, string(seedText))
	f.Add([]byte(valid), text)
	f.Fuzz(func(t *testing.T, data []byte, article string) {
		l, err := loaders.Parse("fuzz.yaml", data, func(name string) ([]byte, error) {
			if name == "article.txt" {
				return []byte(article), nil
			}
			return nil, os.ErrNotExist
		})
		if err != nil {
			var ve *loaders.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("error is not a validation error with problems: %v", err)
			}
			for _, p := range ve.Problems {
				if p.File != "fuzz.yaml" || p.Line < 0 || p.Msg == "" || !strings.HasPrefix(p.String(), "fuzz.yaml") {
					t.Fatalf("problem does not name the file and line: %+v", p)
				}
			}
			return
		}
		if !utf8.ValidString(l.Article.Text) || l.Article.ID == "" || len(l.Claims) == 0 {
			t.Fatalf("accepted an article with id %q, %d claims", l.Article.ID, len(l.Claims))
		}
		runes := []rune(l.Article.Text)
		actors := map[string]bool{}
		for _, a := range l.Actors {
			actors[a.ID] = true
			if !a.Kind.Valid() {
				t.Fatalf("accepted actor %q of kind %q", a.ID, a.Kind)
			}
		}
		for _, c := range l.Claims {
			if c.Start < 0 || c.End > len(runes) || c.Start > c.End || string(runes[c.Start:c.End]) != c.Quote {
				t.Fatalf("claim %s: offsets %d..%d do not select its quote", c.ID, c.Start, c.End)
			}
			if !c.Relation.Valid() || !c.Certainty.Valid() || !c.Time.Status.Valid() || !actors[c.SubjectID] || !actors[c.ObjectID] || c.SubjectID == c.ObjectID {
				t.Fatalf("accepted an invalid claim %+v", c)
			}
			for _, m := range []struct {
				text string
				sp   graph.Span
			}{{c.SubjectText, c.SubjectSpan}, {c.ObjectText, c.ObjectSpan}, {c.Condition, c.ConditionSpan}, {c.Time.Cue, graph.Span{Start: c.Time.CueStart, End: c.Time.CueEnd}}} {
				if m.text != "" && (m.sp.Start < 0 || m.sp.End > len(runes) || m.sp.Start > m.sp.End || string(runes[m.sp.Start:m.sp.End]) != m.text) {
					t.Fatalf("claim %s: span %v does not select %q", c.ID, m.sp, m.text)
				}
			}
			if s := c.Sentence; s.Start > c.Start || s.End <= c.Start {
				t.Fatalf("claim %s: sentence %v does not hold the quote's start %d", c.ID, s, c.Start)
			}
			if c.AttributedToID != "" && !actors[c.AttributedToID] {
				t.Fatalf("claim %s attributed to unknown actor %q", c.ID, c.AttributedToID)
			}
		}
	})
}
