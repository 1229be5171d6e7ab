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

const text = "Tehran backs the Militia. Washington warns Tehran if the Militia strikes again last month.\n"

// valid is a small claims file; the table below breaks it one way at a time.
const valid = `format: 2
article:
  id: test-article
  title: A test
  file: article.txt
  publishedAt: 2026-01-14
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
    objectText: the Militia
    certainty: ASSERTED
    quote: Tehran backs the Militia.
  - id: c2
    subject: Washington
    relation: WARNS
    object: Tehran
    certainty: REPORTED
    ownStatement: true
    condition: if the Militia strikes again
    time:
      status: PAST
      cue: last month
      from: 2025-12
    attributedTo: US
    quote: Washington warns Tehran
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
	if len(l.Actors) != 3 || len(l.Claims) != 2 || l.Article.PublishedAt != "2026-01-14" {
		t.Fatalf("got %d actors, %d claims, published %q; want 3, 2, 2026-01-14", len(l.Actors), len(l.Claims), l.Article.PublishedAt)
	}
	c := l.Claims[1]
	want := graph.Claim{
		ID: "test-article/c2", ArticleID: "test-article", Relation: graph.RelWarns,
		SubjectID: "united-states", ObjectID: "iran", SubjectText: "Washington", ObjectText: "Tehran",
		SubjectSpan: graph.Span{Start: 26, End: 36}, ObjectSpan: graph.Span{Start: 43, End: 49},
		Certainty: graph.Reported, OwnStatement: true,
		Conditional: true, Condition: "if the Militia strikes again", ConditionSpan: graph.Span{Start: 50, End: 78},
		Time:           graph.ClaimTime{Status: graph.Past, Cue: "last month", CueStart: 79, CueEnd: 89, From: "2025-12"},
		Valid:          graph.Interval{From: "2025-12-01", To: "2025-12-31"},
		AttributedToID: "united-states", Source: "actor:united-states",
		Quote: "Washington warns Tehran", Start: 26, End: 49, Sentence: graph.Span{Start: 26, End: 90},
	}
	if c != want {
		t.Fatalf("claim = %+v\nwant    %+v", c, want)
	}
	first := l.Claims[0]
	if first.AttributedToID != "" || first.Source != "article:test-article" || first.ObjectText != "the Militia" ||
		first.ObjectSpan != (graph.Span{Start: 13, End: 24}) || first.Time.Status != graph.Ongoing ||
		first.Valid != (graph.Interval{From: "2026-01-14", To: graph.OpenEnd}) { // a standing relation holds from the report on
		t.Errorf("claim in the article's voice = %+v", first)
	}
}

// A mention the quote does not contain is found where the article last
// named the actor before it (coreference), or after it when never before;
// a given offset is checked.
func TestMentionsOutsideTheQuote(t *testing.T) {
	f := strings.Replace(valid, "    objectText: the Militia\n", "    objectText: the Militia\n    subjectText: Washington\n", 1)
	l, err := loaders.ParseFile(writeCase(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if sp := l.Claims[0].SubjectSpan; sp != (graph.Span{Start: 26, End: 36}) {
		t.Errorf("mention after the quote at %v, want 26..36", sp)
	}
	f = strings.Replace(valid, "    quote: Washington warns Tehran\n", "    quote: warns Tehran\n    subjectStart: 26\n", 1)
	l, err = loaders.ParseFile(writeCase(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if c := l.Claims[1]; c.SubjectSpan != (graph.Span{Start: 26, End: 36}) || c.Start != 37 {
		t.Errorf("subject at %v, quote at %d, want 26..36 and 37", c.SubjectSpan, c.Start)
	}
}

// Format 1 files are refused with the command that converts them, and the
// conversion keeps every claim, asking for the conditions format 1 lacked.
func TestFormat1(t *testing.T) {
	v1 := `article:
  id: old
  title: Old
  file: article.txt
actors:
  - {id: iran, name: Iran, kind: STATE, aliases: [Tehran]}
  - {id: united-states, name: United States, kind: STATE, aliases: [Washington]}
claims:
  - id: c1
    subject: Washington
    relation: WARNS
    object: Tehran
    modality: CONDITIONAL_THREAT
    quote: Washington warns Tehran
  - id: c2
    subject: Washington
    relation: WARNS
    object: Tehran
    modality: STATEMENT
    attributedTo: Washington
    quote: Washington warns Tehran
`
	path := writeCase(t, v1)
	_, err := loaders.ParseFile(path)
	if err == nil || !strings.Contains(err.Error(), "actorgraph migrate claims "+path) {
		t.Fatalf("format 1 file: %v", err)
	}
	out, changed, err := loaders.MigrateV1(path, []byte(v1))
	if err != nil || !changed {
		t.Fatalf("migrate: %v %v", changed, err)
	}
	must(t, os.WriteFile(path, out, 0o644))
	_, err = loaders.ParseFile(path)
	if err == nil || !strings.Contains(err.Error(), "condition is empty") {
		t.Fatalf("migrated file must ask for the condition, got %v\n%s", err, out)
	}
	fixed := strings.Replace(string(out), `condition: ""`, "condition: warns Tehran", 1)
	must(t, os.WriteFile(path, []byte(fixed), 0o644))
	l, err := loaders.ParseFile(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, fixed)
	}
	if c := l.Claims[0]; c.Certainty != graph.Asserted || !c.Conditional || c.OwnStatement {
		t.Errorf("conditional threat became %+v", c)
	}
	if c := l.Claims[1]; c.Certainty != graph.Reported || !c.OwnStatement || c.Conditional {
		t.Errorf("statement became %+v", c)
	}
	if l.Article.PublishedAt != "" {
		t.Errorf("publishedAt %q, want unknown", l.Article.PublishedAt)
	}
	again, changed, err := loaders.MigrateV1(path, []byte(fixed))
	if err != nil || changed || string(again) != fixed {
		t.Errorf("migrating a format-2 file changed it: %v %v", changed, err)
	}
}

func TestOffsetsCountCodePoints(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "article.txt"), []byte("“Iran’s” ally: Tehran backs the Militia."), 0o644))
	path := filepath.Join(dir, "claims.yaml")
	must(t, os.WriteFile(path, []byte(valid), 0o644))
	_, err := loaders.ParseFile(path)
	// c2's quote is absent from this text, so only that problem is reported
	// for it (its condition and cue are not looked for).
	var ve *loaders.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 {
		t.Fatalf("want exactly one problem, got %v", err)
	}
	fixed := strings.Replace(valid, "quote: Washington warns Tehran\n", "quote: ally\n    subjectText: ally\n", 1)
	fixed = strings.Replace(fixed, "    condition: if the Militia strikes again\n", "", 1)
	fixed = strings.Replace(fixed, "      cue: last month\n", "", 1)
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
		{"malformed YAML", "  - id: c1\n", "  - id: [c1\n", 20, "malformed YAML"},
		{"tab indentation", "    relation: SUPPORTS\n", "\trelation: SUPPORTS\n", 22, "malformed YAML"},
		{"unknown format", "format: 2\n", "format: 3\n", 1, `unknown claims file format "3"`},
		{"publishedAt missing", "  publishedAt: 2026-01-14\n", "", 3, `article is missing "publishedAt"`},
		{"publishedAt not a date", "  publishedAt: 2026-01-14\n", "  publishedAt: 14 Jan 2026\n", 6, `publishedAt "14 Jan 2026" is not a date`},
		{"unknown actor", "    object: the-militia\n", "    object: Hezbollah\n", 23, `unknown actor or alias "Hezbollah" in object`},
		{"unknown attributedTo", "    attributedTo: US\n", "    attributedTo: Moscow\n", 38, `unknown actor or alias "Moscow" in attributedTo`},
		{"unknown relation type", "    relation: WARNS\n", "    relation: BEFRIENDS\n", 29, `unknown relation type "BEFRIENDS"`},
		{"relation type in wrong case", "    relation: WARNS\n", "    relation: warns\n", 29, `unknown relation type "warns"`},
		{"unknown certainty", "    certainty: REPORTED\n", "    certainty: RUMOURED\n", 31, `unknown certainty "RUMOURED"`},
		{"ownStatement not a boolean", "    ownStatement: true\n", "    ownStatement: yes\n", 32, "ownStatement must be true or false"},
		{"confidence out of range", "    quote: Tehran backs the Militia.\n", "    quote: Tehran backs the Militia.\n    confidence: 2\n", 27, "confidence must be a number between 0 and 1"},
		{"unknown kind", "    kind: MILITIA\n", "    kind: ARMY\n", 18, `unknown actor kind "ARMY"`},
		{"quote not in article", "quote: Tehran backs the Militia.", "quote: Tehran arms the Militia.", 26, "quote not found verbatim"},
		{"quote with doubled space", "quote: Tehran backs the Militia.", "quote: Tehran backs the  Militia.", 26, "differs only in quotation marks"},
		{"mention not in article", "    objectText: the Militia\n", "    objectText: the Army\n", 24, `objectText "the Army" does not occur in the article text`},
		{"mention with straight apostrophe", "    objectText: the Militia\n", "    objectText: the  Militia\n", 24, "differs only in quotation marks"},
		{"mention not at its offset", "    subject: Tehran\n", "    subject: Tehran\n    subjectStart: 3\n", 22, `subjectText "Tehran" is not at offset 3`},
		{"offset outside the text", "    subject: Tehran\n", "    subject: Tehran\n    subjectStart: 9999\n", 22, "subjectText offset must be a code-point offset between 0 and"},
		{"condition not in article", "    condition: if the Militia strikes again\n", "    condition: if the Army strikes\n", 33, `condition "if the Army strikes" does not occur`},
		{"empty condition", "    condition: if the Militia strikes again\n", "    condition: \"\"\n", 33, "condition is empty"},
		{"unknown time status", "      status: PAST\n", "      status: SOON\n", 35, `unknown time status "SOON"`},
		{"time cue not in article", "      cue: last month\n", "      cue: last year\n", 36, `time cue "last year" does not occur`},
		{"bad month", "      from: 2025-12\n", "      from: 2025-13\n", 37, "has no month 13"},
		{"time runs backwards", "      from: 2025-12\n", "      from: 2025-12\n      to: 2025-11\n", 38, `time to "2025-11" is before time from "2025-12"`},
		{"duplicate claim id", "  - id: c2\n", "  - id: c1\n", 27, `duplicate claim id "c1" (first used on line 20)`},
		{"duplicate actor id", "  - id: the-militia\n", "  - id: iran\n", 16, `duplicate actor id "iran"`},
		{"alias of two actors", "    aliases: [Washington, US]\n", "    aliases: [Washington, US, Tehran]\n", 15, `"Tehran" of actor "united-states" is also a name or alias of actor "iran"`},
		{"unknown key", "    quote: Tehran backs the Militia.\n", "    quote: Tehran backs the Militia.\n    weight: high\n", 27, `unknown key "weight" in claim`},
		{"missing quote", "    quote: Tehran backs the Militia.\n", "", 20, `claim is missing "quote"`},
		{"same subject and object", "    object: the-militia\n", "    object: Iran\n", 23, "subject and object are the same actor"},
		{"bad slug", "  id: test-article\n", "  id: Test Article\n", 3, "not a lowercase slug"},
		{"missing article text", "  file: article.txt\n", "  file: missing.txt\n", 5, `cannot read article text "missing.txt"`},
		{"claims not a list", "claims:\n  - id: c1", "claims: nope\nx:\n  - id: c1", 19, "claims must be a list"},
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
	e := writeCase(t, strings.NewReplacer("id: test-article", "id: fourth", "aliases: [Tehran]", "aliases: [Tehran, US]",
		"aliases: [Washington, US]", "aliases: [Washington]", "attributedTo: US", "attributedTo: Washington").Replace(valid))
	_, err = loaders.ParseAll([]string{a, e})
	if err == nil || !strings.Contains(err.Error(), `name or alias "US" of actor "iran" is also a name or alias of actor "united-states" in `+a) {
		t.Fatalf("want an alias of two actors across files, got %v", err)
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
	if err == nil || !strings.Contains(err.Error(), bad+":29: unknown relation type") || !strings.Contains(err.Error(), `article id "test-article" is also used by `+a) {
		t.Fatalf("want the bad file's and the cross-file problems, got %v", err)
	}
}
