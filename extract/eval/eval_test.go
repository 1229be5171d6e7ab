package eval_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/extract/eval"
)

// article is the text every test file describes. Offsets (code points):
// "Kataib Hezbollah threatened the United States" at 0,
// "Tehran backs the group, according to Iraqi officials" at 57,
// "Hezbollah Brigades also attacked a US base" at 111,
// "If Washington strikes, the group will respond" at 155.
const article = "Kataib Hezbollah threatened the United States on Monday. " +
	"Tehran backs the group, according to Iraqi officials. " +
	"Hezbollah Brigades also attacked a US base. " +
	"If Washington strikes, the group will respond.\n"

// goldActors declare the gold's actors.
const goldActors = `
actors:
  - id: kataib-hezbollah
    name: Kataib Hezbollah
    kind: MILITIA
    aliases: [Hezbollah Brigades, the group]
  - id: united-states
    name: United States
    kind: STATE
    aliases: [US, Washington]
  - id: iran
    name: Iran
    kind: STATE
    aliases: [Tehran]
  - id: iraqi-officials
    name: Iraqi officials
    kind: GROUP
`

const goldClaims = `
claims:
  - id: kh-threatens-us
    subject: Kataib Hezbollah
    relation: THREATENS
    object: United States
    certainty: ASSERTED
    quote: "Kataib Hezbollah threatened the United States"
  - id: iran-supports-kh
    subject: Tehran
    relation: SUPPORTS
    object: the group
    certainty: REPORTED
    attributedTo: Iraqi officials
    quote: "Tehran backs the group, according to Iraqi officials"
  - id: kh-attacks-us
    subject: Hezbollah Brigades
    relation: ATTACKS
    object: US
    certainty: ASSERTED
    quote: "Hezbollah Brigades also attacked a US base"
  - id: kh-threatens-us-if
    subject: the group
    relation: THREATENS
    object: Washington
    certainty: ASSERTED
    condition: "If Washington strikes"
    quote: "If Washington strikes, the group will respond"
`

func header(id string) string {
	return fmt.Sprintf("format: 2\narticle:\n  id: %s\n  title: Test\n  file: article.txt\n  publishedAt: unknown\n", id)
}

// claim writes a draft claim with its offset.
func claim(id, subject, relation, object, certainty, quote string, start int, extra ...string) string {
	s := fmt.Sprintf("  - id: %s\n    subject: %s\n    relation: %s\n    object: %s\n    certainty: %s\n    quote: %q\n    start: %d\n    draft: true\n",
		id, subject, relation, object, certainty, quote, start)
	for _, e := range extra {
		s += "    " + e + "\n"
	}
	return s
}

const (
	q1 = "Kataib Hezbollah threatened the United States"
	q2 = "Tehran backs the group, according to Iraqi officials"
	q3 = "Hezbollah Brigades also attacked a US base"
	q4 = "If Washington strikes, the group will respond"
)

// write puts files in a new folder, with the article text beside them.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["article.txt"]; !ok {
		files["article.txt"] = article
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func compare(t *testing.T, draft string) *eval.Report {
	t.Helper()
	dir := write(t, map[string]string{"gold.yaml": header("test") + goldActors + goldClaims, "draft.yaml": draft})
	g, err := eval.ReadFile(filepath.Join(dir, "gold.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := eval.ReadFile(filepath.Join(dir, "draft.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := eval.Compare(g, d)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type figures struct {
	precision, recall eval.Ratio
	actorRecall       eval.Ratio
	quotes            eval.Ratio
	agree             map[eval.Measure]eval.Ratio // only the measures given are checked
	conflicts         int
	loaderProblems    bool
	line              string // the last line
}

func TestCompare(t *testing.T) {
	allActors := goldActors
	for _, tc := range []struct {
		name  string
		draft string
		want  figures
	}{
		{
			name: "the gold itself, with offsets",
			draft: header("test") + allActors + "claims:\n" +
				claim("a", "Kataib Hezbollah", "THREATENS", "United States", "ASSERTED", q1, 0) +
				claim("b", "Tehran", "SUPPORTS", "the group", "REPORTED", q2, 57, "attributedTo: Iraqi officials") +
				claim("c", "Hezbollah Brigades", "ATTACKS", "US", "ASSERTED", q3, 111) +
				claim("d", "the group", "THREATENS", "Washington", "ASSERTED", q4, 155, `condition: "If Washington strikes"`),
			want: figures{precision: eval.Ratio{N: 3, Of: 3}, recall: eval.Ratio{N: 3, Of: 3}, actorRecall: eval.Ratio{N: 4, Of: 4}, quotes: eval.Ratio{N: 4, Of: 4},
				agree: map[eval.Measure]eval.Ratio{eval.MeasureCertainty: {N: 4, Of: 4}, eval.MeasureAttribution: {N: 4, Of: 4}},
				line:  "triples precision 1.00 recall 1.00 f1 1.00"},
		},
		{
			// Proposed actors under other ids: a transliteration variant,
			// an alias, a normalised form (Arabic article, apostrophe).
			name: "proposed actors matched by variant, alias and key",
			draft: header("draft") + `
actors:
  - {id: kataeb-hezbollah, name: Kataeb Hizballah, kind: MILITIA}
  - {id: washington, name: Washington, kind: STATE}
  - {id: tehran, name: "the Tehran", kind: STATE}
claims:
` +
				claim("a", "Kataeb Hizballah", "THREATENS", "Washington", "ASSERTED", q1, 0) +
				claim("b", "the Tehran", "SUPPORTS", "kataeb-hezbollah", "ASSERTED", q2, 57),
			want: figures{precision: eval.Ratio{N: 2, Of: 2}, recall: eval.Ratio{N: 2, Of: 3}, actorRecall: eval.Ratio{N: 3, Of: 4}, quotes: eval.Ratio{N: 2, Of: 2},
				agree:          map[eval.Measure]eval.Ratio{eval.MeasureCertainty: {N: 1, Of: 2}, eval.MeasureAttribution: {N: 1, Of: 2}},
				loaderProblems: true, // the draft's mentions are not in the text
				line:           "triples precision 1.00 recall 0.67 f1 0.80"},
		},
		{
			// Two draft actors for Kataib Hezbollah: the one matched by id
			// keeps it, the other stays unmatched and its triple is spurious.
			name: "a split actor is not matched twice",
			draft: header("draft") + `
actors:
  - {id: kataib-hezbollah, name: Kataib Hezbollah, kind: MILITIA}
  - {id: hezbollah-brigades, name: Hezbollah Brigades, kind: MILITIA}
  - {id: united-states, name: United States, kind: STATE, aliases: [US]}
claims:
` +
				claim("a", "Kataib Hezbollah", "THREATENS", "United States", "ASSERTED", q1, 0) +
				claim("c", "Hezbollah Brigades", "ATTACKS", "US", "ASSERTED", q3, 111),
			want: figures{precision: eval.Ratio{N: 1, Of: 2}, recall: eval.Ratio{N: 1, Of: 3}, actorRecall: eval.Ratio{N: 2, Of: 4}, quotes: eval.Ratio{N: 2, Of: 2},
				conflicts: 1, line: "triples precision 0.50 recall 0.33 f1 0.40"},
		},
		{
			// Iran and Iraq are not variants: Iraq's triple is spurious.
			name: "a near name is not a match",
			draft: header("draft") + `
actors:
  - {id: iraq, name: Iraq, kind: STATE}
  - {id: kataib-hezbollah, name: Kataib Hezbollah, kind: MILITIA}
claims:
` + claim("b", "Iraq", "SUPPORTS", "Kataib Hezbollah", "REPORTED", q2, 57, "attributedTo: article"),
			want: figures{precision: eval.Ratio{N: 0, Of: 1}, recall: eval.Ratio{N: 0, Of: 3}, actorRecall: eval.Ratio{N: 1, Of: 4}, quotes: eval.Ratio{N: 1, Of: 1},
				agree: map[eval.Measure]eval.Ratio{eval.MeasureCertainty: {}}, loaderProblems: true, line: "triples precision 0.00 recall 0.00 f1 0.00"},
		},
		{
			// Two draft claims of one triple count once as a triple; for
			// modality each pairs with the gold claim its quote overlaps.
			name: "duplicate triples count once, modality on the overlapping pair",
			draft: header("draft") + allActors + "claims:\n" +
				claim("a", "Kataib Hezbollah", "THREATENS", "United States", "HYPOTHETICAL", q1, 0) +
				claim("d", "the group", "THREATENS", "Washington", "ASSERTED", q4, 155, `condition: "If Washington strikes"`, "attributedTo: Kataib Hezbollah", "ownStatement: true"),
			want: figures{precision: eval.Ratio{N: 1, Of: 1}, recall: eval.Ratio{N: 1, Of: 3}, actorRecall: eval.Ratio{N: 4, Of: 4}, quotes: eval.Ratio{N: 2, Of: 2},
				agree: map[eval.Measure]eval.Ratio{
					eval.MeasureCertainty: {N: 1, Of: 2}, eval.MeasureConditional: {N: 2, Of: 2},
					eval.MeasureAttribution: {N: 1, Of: 2}, eval.MeasureOwnStatement: {N: 1, Of: 2}},
				line: "triples precision 1.00 recall 0.33 f1 0.50"},
		},
		{
			name: "modality disagreements",
			draft: header("draft") + allActors + "claims:\n" +
				claim("b", "Tehran", "SUPPORTS", "the group", "ALLEGED", q2, 57) +
				claim("c", "Hezbollah Brigades", "ATTACKS", "US", "ASSERTED", q3, 111, `condition: "also"`),
			want: figures{precision: eval.Ratio{N: 2, Of: 2}, recall: eval.Ratio{N: 2, Of: 3}, actorRecall: eval.Ratio{N: 4, Of: 4}, quotes: eval.Ratio{N: 2, Of: 2},
				agree: map[eval.Measure]eval.Ratio{
					eval.MeasureCertainty: {N: 1, Of: 2}, eval.MeasureConditional: {N: 1, Of: 2},
					eval.MeasureAttribution: {N: 1, Of: 2}, eval.MeasureOwnStatement: {N: 2, Of: 2}},
				line: "triples precision 1.00 recall 0.67 f1 0.80"},
		},
		{
			// Quotes off their offsets are counted, not fatal; the loader's
			// problems are kept.
			name: "quotes off their offsets",
			draft: header("draft") + allActors + "claims:\n" +
				claim("a", "Kataib Hezbollah", "THREATENS", "United States", "ASSERTED", q1, 1) +
				"  - {id: b, subject: Tehran, relation: SUPPORTS, object: the group, certainty: REPORTED, quote: \"" + q2 + "\"}\n" +
				claim("c", "Hezbollah Brigades", "ATTACKS", "US", "ASSERTED", "Hezbollah Brigades attacked", 111) +
				claim("d", "the group", "THREATENS", "Washington", "ASSERTED", q4, 155, `condition: "If Washington strikes"`),
			want: figures{precision: eval.Ratio{N: 3, Of: 3}, recall: eval.Ratio{N: 3, Of: 3}, actorRecall: eval.Ratio{N: 4, Of: 4}, quotes: eval.Ratio{N: 1, Of: 4},
				loaderProblems: true, line: "triples precision 1.00 recall 1.00 f1 1.00"},
		},
		{
			// A claim naming an actor the draft does not declare: the loader
			// refuses it, evaluation matches the name all the same.
			name: "undeclared actors are matched by name",
			draft: header("draft") + `
actors:
  - {id: kataib-hezbollah, name: Kataib Hezbollah, kind: MILITIA}
claims:
` + claim("a", "Kataib Hezbollah", "THREATENS", "the United States", "ASSERTED", q1, 0) +
				claim("c", "Kataib Hezbollah", "ATTACKS", "Iraqi army", "ASSERTED", q3, 111),
			want: figures{precision: eval.Ratio{N: 1, Of: 2}, recall: eval.Ratio{N: 1, Of: 3}, actorRecall: eval.Ratio{N: 2, Of: 4}, quotes: eval.Ratio{N: 2, Of: 2},
				loaderProblems: true, line: "triples precision 0.50 recall 0.33 f1 0.40"},
		},
		{
			name:  "an empty draft",
			draft: header("draft") + "actors: []\nclaims: []\n",
			want: figures{precision: eval.Ratio{N: 0, Of: 0}, recall: eval.Ratio{N: 0, Of: 3}, actorRecall: eval.Ratio{N: 0, Of: 4}, quotes: eval.Ratio{},
				agree: map[eval.Measure]eval.Ratio{eval.MeasureCertainty: {}}, loaderProblems: true, line: "triples precision 0.00 recall 0.00 f1 0.00"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := compare(t, tc.draft)
			check := func(what string, got, want eval.Ratio) {
				if got != want {
					t.Errorf("%s = %d/%d, want %d/%d", what, got.N, got.Of, want.N, want.Of)
				}
			}
			check("precision", r.Precision, tc.want.precision)
			check("recall", r.Recall, tc.want.recall)
			check("actor recall", r.ActorRecall, tc.want.actorRecall)
			check("quotes", r.Quotes, tc.want.quotes)
			for m, want := range tc.want.agree {
				check(string(m)+" agreement", r.Agreement[m], want)
			}
			if len(r.Actors.Conflicts) != tc.want.conflicts {
				t.Errorf("conflicts = %+v, want %d", r.Actors.Conflicts, tc.want.conflicts)
			}
			if got := len(r.Draft.LoaderProblems) > 0; got != tc.want.loaderProblems {
				t.Errorf("loader problems = %v, want some: %v", r.Draft.LoaderProblems, tc.want.loaderProblems)
			}
			var out bytes.Buffer
			if err := r.Write(&out, true); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if last := lines[len(lines)-1]; last != tc.want.line {
				t.Errorf("last line %q, want %q\n%s", last, tc.want.line, out.String())
			}
			if t.Failed() {
				t.Log(out.String())
			}
		})
	}
}

// The verbose report names what is missed and spurious, the conflict and
// the quote faults, with the claims' lines.
func TestVerboseDetails(t *testing.T) {
	r := compare(t, header("draft")+`
actors:
  - {id: kataib-hezbollah, name: Kataib Hezbollah, kind: MILITIA}
  - {id: hezbollah-brigades, name: Hezbollah Brigades, kind: MILITIA}
  - {id: united-states, name: United States, kind: STATE, aliases: [US]}
claims:
`+claim("a", "Kataib Hezbollah", "THREATENS", "United States", "ASSERTED", q1, 3)+
		claim("c", "Hezbollah Brigades", "ATTACKS", "US", "ASSERTED", q3, 111))
	var out bytes.Buffer
	if err := r.Write(&out, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"hezbollah-brigades → none: it matches kataib-hezbollah (by name or alias: \"Hezbollah Brigades\" = \"Hezbollah Brigades\"), which kataib-hezbollah matches more strongly",
		"gold actors missed: 2\n  iran (Iran)\n  iraqi-officials (Iraqi officials)\n",
		"missed triples (gold only): 2\n  iran -SUPPORTS-> kataib-hezbollah  [gold iran-supports-kh, line ",
		"spurious triples (draft only): 1\n  draft:hezbollah-brigades -ATTACKS-> united-states  [draft c, line ",
		"the quote is not at 3 (it first occurs at 0)",
		"the loader's problems with the draft: 1\n",
		"1 draft actor(s) left unmatched because another draft actor holds their gold actor\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("verbose report lacks %q:\n%s", want, out.String())
		}
	}
	// Without -v: the figures alone, pointing at -v.
	out.Reset()
	if err := r.Write(&out, false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "missed triples") || !strings.Contains(out.String(), "(-v lists them)") {
		t.Errorf("plain report:\n%s", out.String())
	}
}

func TestMatchActors(t *testing.T) {
	a := func(id, name string, aliases ...string) eval.Actor {
		return eval.Actor{ID: id, Name: name, Aliases: aliases}
	}
	gold := []eval.Actor{
		a("kataib-hezbollah", "Kataib Hezbollah", "KH", "Hezbollah Brigades"),
		a("abu-hussein-al-humaidawi", "Abu Hussein al-Humaidawi", "Humaidawi"),
		a("iran", "Iran", "Tehran"),
		a("iraq", "Iraq", "Baghdad"),
		a("hezbollah", "Hezbollah"),
	}
	for _, tc := range []struct {
		name      string
		draft     []eval.Actor
		want      map[string]string // draft id → gold id; absent: unmatched
		by        map[string]eval.Method
		conflicts []string // draft ids left unmatched by a conflict
	}{
		{"same id", []eval.Actor{a("iran", "Islamic Republic")}, map[string]string{"iran": "iran"}, map[string]eval.Method{"iran": eval.ByID}, nil},
		{"alias, any case", []eval.Actor{a("x", "TEHRAN")}, map[string]string{"x": "iran"}, map[string]eval.Method{"x": eval.ByName}, nil},
		{"draft alias to gold name", []eval.Actor{a("x", "Brigades of Hezbollah", "kataib  hezbollah")}, map[string]string{"x": "kataib-hezbollah"}, map[string]eval.Method{"x": eval.ByName}, nil},
		{"key: apostrophe and article", []eval.Actor{a("x", "Kata’ib Hezbollah"), a("y", "Abu Hussein el-Humaidawi")},
			map[string]string{"x": "kataib-hezbollah", "y": "abu-hussein-al-humaidawi"}, map[string]eval.Method{"x": eval.ByKey, "y": eval.ByKey}, nil},
		{"variant", []eval.Actor{a("x", "Abu Hussein al-Hamidawi")}, map[string]string{"x": "abu-hussein-al-humaidawi"}, map[string]eval.Method{"x": eval.ByVariant}, nil},
		{"no variant between Iran and Iraq", []eval.Actor{a("x", "Irak"), a("y", "Iram")}, map[string]string{}, nil, nil},
		{"Hezbollah is not Kataib Hezbollah", []eval.Actor{a("x", "Hezbollah")}, map[string]string{"x": "hezbollah"}, nil, nil},
		{"the stronger match wins", []eval.Actor{a("b-variant", "Kataeb Hizballah"), a("a-name", "KH")},
			map[string]string{"a-name": "kataib-hezbollah"}, nil, []string{"b-variant"}},
		{"equal strength: the first id wins", []eval.Actor{a("z", "Tehran"), a("y", "Iran")},
			map[string]string{"y": "iran"}, nil, []string{"z"}},
		{"a draft actor with two gold names takes the stronger", []eval.Actor{a("x", "Kataeb Hizballah", "Iran")},
			map[string]string{"x": "iran"}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := eval.MatchActors(tc.draft, gold)
			if fmt.Sprint(m.ToGold) != fmt.Sprint(tc.want) {
				t.Errorf("matching %v, want %v", m.ToGold, tc.want)
			}
			for _, mm := range m.Matches {
				if want, ok := tc.by[mm.Draft]; ok && mm.By != want {
					t.Errorf("%s matched %s, want %s", mm.Draft, mm.By, want)
				}
			}
			var lost []string
			for _, c := range m.Conflicts {
				lost = append(lost, c.Draft)
			}
			if fmt.Sprint(lost) != fmt.Sprint(tc.conflicts) {
				t.Errorf("conflicts %v, want %v", lost, tc.conflicts)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	gold := header("test") + goldActors + goldClaims
	for _, tc := range []struct {
		name  string
		files map[string]string
		draft string // the file to read as draft
		want  string // in the error
	}{
		{"missing file", map[string]string{"gold.yaml": gold}, "none.yaml", "none.yaml: cannot read: no such file or directory"},
		{"not YAML", map[string]string{"gold.yaml": gold, "d.yaml": "format: 2\nclaims: [\n"}, "d.yaml", "d.yaml: not a claims file"},
		{"format 1", map[string]string{"gold.yaml": gold, "d.yaml": "article: {id: a, file: article.txt}\nclaims: []\n"}, "d.yaml", "d.yaml: not a claims file in format 2"},
		{"unknown format", map[string]string{"gold.yaml": gold, "d.yaml": "format: 3\n"}, "d.yaml", `d.yaml: unknown claims file format "3"`},
		{"no article text", map[string]string{"gold.yaml": gold, "d.yaml": strings.Replace(header("d"), "article.txt", "gone.txt", 1) + "claims: []\n"}, "d.yaml", "d.yaml: cannot read the article text"},
		{"binary article", map[string]string{"gold.yaml": gold, "bin.txt": "\xff\xfe\x00", "d.yaml": strings.Replace(header("d"), "article.txt", "bin.txt", 1) + "claims: []\n"}, "d.yaml", "is not valid UTF-8"},
		{"a claim of the wrong shape", map[string]string{"gold.yaml": gold, "d.yaml": header("d") + "claims:\n  - [a, b]\n"}, "d.yaml", "d.yaml:8: claim:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(t, tc.files)
			_, err := eval.ReadFile(filepath.Join(dir, tc.draft))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}

	// Another article's text: an error naming both files.
	dir := write(t, map[string]string{"gold.yaml": gold, "other.txt": strings.Replace(article, "Monday", "Tuesday", 1),
		"d.yaml": strings.Replace(header("test"), "article.txt", "other.txt", 1) + goldActors + goldClaims})
	g, err := eval.ReadFile(filepath.Join(dir, "gold.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := eval.ReadFile(filepath.Join(dir, "d.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = eval.Compare(g, d)
	if err == nil || !strings.Contains(err.Error(), "d.yaml and "+filepath.Join(dir, "gold.yaml")+" are not about the same article") ||
		!strings.Contains(err.Error(), "from code point 49") {
		t.Fatalf("different articles: %v", err)
	}

	// A gold file the loader refuses is not a yardstick.
	dir = write(t, map[string]string{"gold.yaml": strings.Replace(gold, "relation: ATTACKS", "relation: BEFRIENDS", 1)})
	g, err = eval.ReadFile(filepath.Join(dir, "gold.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eval.Compare(g, g); err == nil || !strings.Contains(err.Error(), "is not a valid claims file") || !strings.Contains(err.Error(), `unknown relation type "BEFRIENDS"`) {
		t.Fatalf("invalid gold: %v", err)
	}
}

// The seed and every development article compared with themselves: every
// figure is perfect, so nothing in the real files trips the reader.
func TestGoldAgainstItself(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/articles/*/claims.yaml")
	paths = append(paths, "../../seed/claims.yaml")
	if len(paths) < 6 {
		t.Fatalf("found only %v", paths)
	}
	for _, p := range paths {
		f, err := eval.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		r, err := eval.Compare(f, f)
		if err != nil {
			t.Fatal(err)
		}
		if r.Precision.Value() != 1 || r.Recall.Value() != 1 || r.ActorRecall.Value() != 1 || len(r.Actors.Conflicts) > 0 {
			t.Errorf("%s against itself: P %v R %v actors %v conflicts %v", p, r.Precision, r.Recall, r.ActorRecall, r.Actors.Conflicts)
		}
		for m, a := range r.Agreement {
			if a.N != a.Of {
				t.Errorf("%s against itself: %s agreement %d/%d", p, m, a.N, a.Of)
			}
		}
	}
}

// Parse reads a draft held in memory (as an extractor's test has it),
// with the article text from the function given.
func TestParseInMemory(t *testing.T) {
	draft := header("draft") + goldActors + "claims:\n" + claim("a", "Kataib Hezbollah", "THREATENS", "United States", "ASSERTED", q1, 0)
	d, err := eval.Parse("draft", []byte(draft), func(name string) (string, []byte, error) {
		if name != "article.txt" {
			return name, nil, os.ErrNotExist
		}
		return "memory:" + name, []byte(article), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := write(t, map[string]string{"gold.yaml": header("test") + goldActors + goldClaims})
	g, err := eval.ReadFile(filepath.Join(dir, "gold.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := eval.Compare(g, d)
	if err != nil {
		t.Fatal(err)
	}
	if r.Precision != (eval.Ratio{N: 1, Of: 1}) || r.Recall != (eval.Ratio{N: 1, Of: 3}) || d.ArticlePath != "memory:article.txt" {
		t.Fatalf("precision %v recall %v article %s", r.Precision, r.Recall, d.ArticlePath)
	}
	_, err = eval.Parse("draft", []byte(strings.Replace(draft, "article.txt", "other.txt", 1)), func(name string) (string, []byte, error) {
		return name, nil, os.ErrNotExist
	})
	if err == nil || !strings.Contains(err.Error(), "draft: cannot read the article text other.txt: file does not exist") {
		t.Fatalf("err = %v", err)
	}
}
