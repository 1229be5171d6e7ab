package loaders_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

const text = "Tehran backs the Militia. Washington warns Tehran.\n"

// valid is a small claims file; the table below breaks it one way at a time.
const valid = `article:
  id: test-article
  title: A test
  file: article.txt
actors:
  - id: iran
    name: Iran
    kind: STATE
    aliases: [Tehran]
  - id: united-states
    name: United States
    kind: STATE
    aliases: [Washington, US]
  - id: the-militia
    name: The Militia
    kind: MILITIA
claims:
  - id: c1
    subject: Tehran
    relation: SUPPORTS
    object: the-militia
    modality: ASSERTED
    quote: Tehran backs the Militia.
  - id: c2
    subject: Washington
    relation: WARNS
    object: Tehran
    modality: REPORTED
    attributedTo: US
    quote: Washington warns Tehran.
`

// writeCase writes a claims file and its article into a temp folder.
func writeCase(t *testing.T, claims string) string {
	t.Helper()
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "article.txt"), []byte(text), 0o644))
	path := filepath.Join(dir, "claims.yaml")
	must(t, os.WriteFile(path, []byte(claims), 0o644))
	return path
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestParseValid(t *testing.T) {
	l, err := loaders.ParseFile(writeCase(t, valid))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Actors) != 3 || len(l.Claims) != 2 {
		t.Fatalf("got %d actors, %d claims; want 3, 2", len(l.Actors), len(l.Claims))
	}
	c := l.Claims[1]
	want := graph.Claim{
		ID: "test-article/c2", ArticleID: "test-article", Relation: graph.RelWarns,
		SubjectID: "united-states", ObjectID: "iran", SubjectText: "Washington", ObjectText: "Tehran",
		Modality: graph.Reported, AttributedToID: "united-states", Quote: "Washington warns Tehran.",
		Start: 26, End: 50,
	}
	if c.ID != want.ID || c.SubjectID != want.SubjectID || c.ObjectID != want.ObjectID ||
		c.SubjectText != want.SubjectText || c.ObjectText != want.ObjectText || c.AttributedToID != want.AttributedToID ||
		c.Start != want.Start || c.End != want.End || c.Modality != want.Modality || c.Relation != want.Relation {
		t.Fatalf("claim = %+v\nwant   %+v", c, want)
	}
	if l.Claims[0].AttributedToID != "" {
		t.Errorf("claim without attributedTo should be in the article's voice, got %q", l.Claims[0].AttributedToID)
	}
}

func TestOffsetsCountCodePoints(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "article.txt"), []byte("“Iran’s” ally: Tehran backs the Militia."), 0o644))
	path := filepath.Join(dir, "claims.yaml")
	must(t, os.WriteFile(path, []byte(valid), 0o644))
	_, err := loaders.ParseFile(path)
	// c2's quote is absent from this text, so only that problem is reported.
	var ve *loaders.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 {
		t.Fatalf("want exactly one problem, got %v", err)
	}
	fixed := strings.Replace(valid, "quote: Washington warns Tehran.", "quote: ally", 1)
	must(t, os.WriteFile(path, []byte(fixed), 0o644))
	l, err := loaders.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Claims[1]; got.Start != 9 || got.End != 13 {
		t.Fatalf("offsets of %q = %d..%d, want 9..13 (code points, not bytes)", got.Quote, got.Start, got.End)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name    string
		old     string // replaced in valid by new
		new     string
		line    int // for malformed YAML, the parser may name the line before
		message string
	}{
		{"malformed YAML", "  - id: c1\n", "  - id: [c1\n", 18, "malformed YAML"},
		{"tab indentation", "    relation: SUPPORTS\n", "\trelation: SUPPORTS\n", 20, "malformed YAML"},
		{"unknown actor", "    object: the-militia\n", "    object: Hezbollah\n", 21, `unknown actor or alias "Hezbollah" in object`},
		{"unknown attributedTo", "    attributedTo: US\n", "    attributedTo: Moscow\n", 29, `unknown actor or alias "Moscow" in attributedTo`},
		{"unknown relation type", "    relation: WARNS\n", "    relation: BEFRIENDS\n", 26, `unknown relation type "BEFRIENDS"`},
		{"relation type in wrong case", "    relation: WARNS\n", "    relation: warns\n", 26, `unknown relation type "warns"`},
		{"unknown modality", "    modality: REPORTED\n", "    modality: RUMOURED\n", 28, `unknown modality "RUMOURED"`},
		{"unknown kind", "    kind: MILITIA\n", "    kind: ARMY\n", 16, `unknown actor kind "ARMY"`},
		{"quote not in article", "quote: Tehran backs the Militia.", "quote: Tehran arms the Militia.", 23, "quote not found verbatim"},
		{"quote with doubled space", "quote: Tehran backs the Militia.", "quote: Tehran backs the  Militia.", 23, "differs only in quotation marks"},
		{"duplicate claim id", "  - id: c2\n", "  - id: c1\n", 24, `duplicate claim id "c1" (first used on line 18)`},
		{"duplicate actor id", "  - id: the-militia\n", "  - id: iran\n", 14, `duplicate actor id "iran"`},
		{"ambiguous alias", "    aliases: [Washington, US]\n", "    aliases: [Washington, US, Tehran]\n", 13, `alias "Tehran" is ambiguous`},
		{"unknown key", "    quote: Tehran backs the Militia.\n", "    quote: Tehran backs the Militia.\n    confidence: high\n", 24, `unknown key "confidence" in claim`},
		{"missing quote", "    quote: Tehran backs the Militia.\n", "", 18, `claim is missing "quote"`},
		{"same subject and object", "    object: the-militia\n", "    object: Iran\n", 21, "subject and object are the same actor"},
		{"bad slug", "  id: test-article\n", "  id: Test Article\n", 2, "not a lowercase slug"},
		{"missing article text", "  file: article.txt\n", "  file: missing.txt\n", 4, `cannot read article text "missing.txt"`},
		{"claims not a list", "claims:\n  - id: c1", "claims: nope\nx:\n  - id: c1", 17, "claims must be a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("test case does not apply: %q not in the valid file", tt.old)
			}
			path := writeCase(t, strings.Replace(valid, tt.old, tt.new, 1))
			_, err := loaders.ParseFile(path)
			var ve *loaders.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want a ValidationError, got %v", err)
			}
			want := fmt.Sprintf("%s:%d: ", path, tt.line)
			for _, p := range ve.Problems {
				lineOK := p.Line == tt.line || tt.message == "malformed YAML" && p.Line == tt.line-1
				if p.File == path && lineOK && strings.Contains(p.Msg, tt.message) {
					return
				}
			}
			t.Fatalf("want a problem %q containing %q, got:\n%v", want, tt.message, err)
		})
	}
}

func TestSeedIsValid(t *testing.T) {
	l, err := loaders.ParseFile(filepath.Join("..", "seed", "claims.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join("..", "seed", "article.txt"))
	must(t, err)
	runes := []rune(string(text))
	for _, c := range l.Claims {
		if got := string(runes[c.Start:c.End]); got != c.Quote {
			t.Errorf("claim %s: text at %d..%d is %q, want the quote %q", c.ID, c.Start, c.End, got, c.Quote)
		}
	}
	for _, id := range []string{"kataib-hezbollah", "abu-hussein-al-humaidawi", "iran", "united-states", "donald-trump",
		"iraq", "harakat-al-nujaba", "liwa-sayyid-al-shuhada", "badr-organisation", "bashar-al-assad", "syria",
		"iranian-protesters", "iranian-opposition-circles"} {
		found := false
		for _, a := range l.Actors {
			found = found || a.ID == id
		}
		if !found {
			t.Errorf("seed lacks actor %q", id)
		}
	}
}

func TestCrossFileProblems(t *testing.T) {
	a := writeCase(t, valid)
	b := writeCase(t, valid)
	_, err := loaders.ParseAll([]string{a, b})
	if err == nil || !strings.Contains(err.Error(), `article id "test-article" is also used by `+a) {
		t.Fatalf("want duplicate article id across files, got %v", err)
	}
	c := writeCase(t, strings.Replace(strings.Replace(valid, "id: test-article", "id: other", 1), "kind: MILITIA", "kind: GROUP", 1))
	_, err = loaders.ParseAll([]string{a, c})
	if err == nil || !strings.Contains(err.Error(), `actor "the-militia" is GROUP "The Militia" here but MILITIA`) {
		t.Fatalf("want conflicting actor across files, got %v", err)
	}
}

func TestValidateStreamsInFileOrder(t *testing.T) {
	a := writeCase(t, valid)
	b := writeCase(t, strings.Replace(valid, "id: test-article", "id: second", 1))
	var seen []string
	total, err := loaders.Validate([]string{b, a}, func(file string, l graph.ArticleLoad) {
		seen = append(seen, file+" "+l.Article.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	if total.Files != 2 || total.Claims != 4 || len(seen) != 2 || seen[0] != b+" second" || seen[1] != a+" test-article" {
		t.Fatalf("totals %+v, files seen %v", total, seen)
	}
	// A bad file among good ones: every problem is named, from every file.
	bad := writeCase(t, strings.Replace(strings.Replace(valid, "id: test-article", "id: third", 1), "relation: WARNS", "relation: NOPE", 1))
	_, err = loaders.Validate([]string{a, bad, writeCase(t, valid)}, nil)
	if err == nil || !strings.Contains(err.Error(), bad+":26: unknown relation type") || !strings.Contains(err.Error(), `article id "test-article" is also used by `+a) {
		t.Fatalf("want the bad file's and the cross-file problems, got %v", err)
	}
}
