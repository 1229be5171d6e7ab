package actors_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/graph"
)

// The hand-coded claims files of the seed article and the development
// articles, read for the tests: their actors, and every actor mention
// they give, placed in the article text.

// goldFile is the part of a claims file (format 1 or 2) the measure reads.
type goldFile struct {
	Article struct {
		ID   string `yaml:"id"`
		File string `yaml:"file"`
	} `yaml:"article"`
	Actors []struct {
		ID      string   `yaml:"id"`
		Name    string   `yaml:"name"`
		Kind    string   `yaml:"kind"`
		Aliases []string `yaml:"aliases"`
	} `yaml:"actors"`
	Claims []struct {
		Subject      string `yaml:"subject"`
		SubjectText  string `yaml:"subjectText"`
		Object       string `yaml:"object"`
		ObjectText   string `yaml:"objectText"`
		AttributedTo string `yaml:"attributedTo"`
		Quote        string `yaml:"quote"`
	} `yaml:"claims"`
}

// goldArticle is one article with its gold actors and mentions.
type goldArticle struct {
	id       string
	text     string
	actors   []graph.Actor
	kind     map[string]graph.ActorKind
	mentions []goldMention
	unplaced int // subjectText/objectText whose quote was not found verbatim
}

// goldMention is a span of the article and the actor(s) it refers to.
type goldMention struct {
	start, end int // byte offsets
	text       string
	gold       map[string]bool
	name       bool // the span is a declared name or alias (not a description)
}

func loadGold(t testing.TB, path string) goldArticle {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var f goldFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	textData, err := os.ReadFile(filepath.Join(filepath.Dir(path), f.Article.File))
	if err != nil {
		t.Fatalf("read article of %s: %v", path, err)
	}
	g := goldArticle{id: f.Article.ID, text: string(textData), kind: map[string]graph.ActorKind{}}
	ref := map[string]string{} // the loader's reference rule: case and spacing folded
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	for _, a := range f.Actors {
		act := graph.Actor{ID: a.ID, Name: a.Name, Kind: graph.ActorKind(a.Kind), Aliases: a.Aliases}
		g.actors = append(g.actors, act)
		g.kind[a.ID] = act.Kind
		ref[norm(a.ID)], ref[norm(a.Name)] = a.ID, a.ID
		for _, al := range a.Aliases {
			ref[norm(al)] = a.ID
		}
	}
	spans := map[[2]int]*goldMention{}
	add := func(start int, text, id string, name bool) {
		k := [2]int{start, start + len(text)}
		m, ok := spans[k]
		if !ok {
			m = &goldMention{start: k[0], end: k[1], text: text, gold: map[string]bool{}}
			spans[k] = m
		}
		m.gold[id] = true
		m.name = m.name || name
	}
	// Every occurrence of every name and alias.
	for _, a := range g.actors {
		for _, form := range append([]string{a.Name}, a.Aliases...) {
			for _, at := range occurrences(g.text, form) {
				add(at, g.text[at:at+len(form)], a.ID, true)
			}
		}
	}
	// Descriptions (subjectText, objectText), placed inside their quote.
	for _, c := range f.Claims {
		for _, d := range []struct{ ref, text string }{{c.Subject, c.SubjectText}, {c.Object, c.ObjectText}} {
			if d.text == "" {
				continue
			}
			id, ok := ref[norm(d.ref)]
			if !ok {
				t.Fatalf("%s: unknown actor %q", path, d.ref)
			}
			q := strings.Index(g.text, c.Quote)
			if q < 0 {
				if os.Getenv("MEASURE_DEBUG") != "" {
					fmt.Printf("UNPLACED quote %s: %q\n", g.id, c.Quote)
				}
				g.unplaced++
				continue
			}
			// Inside the quote, or else (the coders name the referent from
			// the context) the nearest occurrence before it, or after it.
			at := -1
			if i := strings.Index(c.Quote, d.text); i >= 0 {
				at = q + i
			} else if i := strings.LastIndex(g.text[:q], d.text); i >= 0 {
				at = i
			} else if i := strings.Index(g.text[q:], d.text); i >= 0 {
				at = q + i
			}
			if at < 0 {
				if os.Getenv("MEASURE_DEBUG") != "" {
					fmt.Printf("UNPLACED text %s: %q near %q\n", g.id, d.text, c.Quote)
				}
				g.unplaced++
				continue
			}
			i := at - q
			add(q+i, g.text[q+i:q+i+len(d.text)], id, false)
		}
	}
	// A span inside a longer span with the same gold actor is part of that
	// mention (Humaidawi in Abu Hussein al-Humaidawi), as NER would give it.
	var all []*goldMention
	for _, m := range spans {
		all = append(all, m)
	}
	for _, m := range all {
		inner := false
		for _, o := range all {
			if o != m && o.start <= m.start && m.end <= o.end && (o.end-o.start) > (m.end-m.start) && sameGold(o.gold, m.gold) {
				inner = true
				break
			}
		}
		if !inner {
			g.mentions = append(g.mentions, *m)
		}
	}
	sort.Slice(g.mentions, func(i, j int) bool {
		if g.mentions[i].start != g.mentions[j].start {
			return g.mentions[i].start < g.mentions[j].start
		}
		return g.mentions[i].end > g.mentions[j].end
	})
	return g
}

func sameGold(a, b map[string]bool) bool {
	for k := range b {
		if a[k] {
			return true
		}
	}
	return false
}

// occurrences finds whole-word occurrences of form in text: acronyms
// case-sensitively ("US" is not "us"), other forms in any case.
func occurrences(text, form string) []int {
	hay, needle := text, form
	if strings.ToUpper(form) != form {
		hay, needle = strings.ToLower(text), strings.ToLower(form)
		if len(hay) != len(text) {
			hay, needle = text, form // lowering changed byte offsets; fall back to exact
		}
	}
	var out []int
	for from := 0; ; {
		i := strings.Index(hay[from:], needle)
		if i < 0 {
			return out
		}
		at := from + i
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[at+len(form):])
		if !isWordRune(before) && !isWordRune(after) {
			out = append(out, at)
		}
		from = at + len(needle)
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// corpus is the seed and the development articles.
func corpus(t testing.TB) []goldArticle {
	t.Helper()
	paths := []string{filepath.Join("..", "..", "seed", "claims.yaml")}
	more, err := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*", "claims.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(more)
	if len(more) < 7 {
		t.Fatalf("found %d development articles, want 7", len(more))
	}
	var out []goldArticle
	for _, p := range append(paths, more...) {
		out = append(out, loadGold(t, p))
	}
	return out
}

// TestGazetteerAgreesWithClaimsFiles: where the seed or a development
// article has an actor the gazetteer has too, they share id, name and
// kind, and no name or alias of a hand-coded actor is a gazetteer form of
// another actor.
func TestGazetteerAgreesWithClaimsFiles(t *testing.T) {
	g := mustGazetteer(t)
	r, err := actors.NewResolver(nil, g)
	if err != nil {
		t.Fatal(err)
	}
	for _, art := range corpus(t) {
		for _, a := range art.actors {
			if e, ok := g.Entry(a.ID); ok {
				if e.Actor.Name != a.Name || e.Actor.Kind != a.Kind {
					t.Errorf("%s: %s is %q (%s) there, %q (%s) in the gazetteer", art.id, a.ID, a.Name, a.Kind, e.Actor.Name, e.Actor.Kind)
				}
			}
			for _, form := range append([]string{a.Name}, a.Aliases...) {
				res := r.NewArticle().Resolve(actors.Mention{Text: form})
				if res.Outcome == actors.Resolved && res.Actor.ID != a.ID {
					t.Errorf("%s: %q names %s in the claims file but %s in the gazetteer (%s)", art.id, form, a.ID, res.Actor.ID, res)
				}
			}
		}
	}
}
