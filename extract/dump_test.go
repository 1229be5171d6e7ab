package extract

import (
	"fmt"
	"os"
	"testing"

	"strings"

	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/nlp"
	"github.com/actorgraph/actorgraph/nlp/nlptest"
)

func dumpDoc(doc nlp.Document) {
	for _, s := range doc.Sentences {
		fmt.Printf("\n## S%d: %s\n", s.Index, s.Text)
		for _, e := range s.Dependencies {
			g := "ROOT"
			if e.Governor >= 0 {
				g = fmt.Sprintf("%s/%d", doc.Tokens[e.Governor].Text, e.Governor)
			}
			t := doc.Tokens[e.Dependent]
			fmt.Printf("  %s(%s, %s/%d %s %s %s)\n", e.Relation, g, t.Text, t.Index, t.Lemma, t.POS, t.NER)
		}
	}
	for _, m := range doc.Mentions {
		fmt.Printf("M %v %q %s\n", m.Tokens, m.Text, m.Type)
	}
	for _, c := range doc.Chains {
		fmt.Printf("C%d:", c.ID)
		for _, m := range c.Mentions {
			fmt.Printf(" [%q %v]", m.Text, m.Type)
		}
		fmt.Println()
	}
	for _, q := range doc.Quotes {
		fmt.Printf("Q%d %q speaker=%q canon=%q kind=%s mention=%v\n", q.Index, q.Text, q.Speaker, q.CanonicalSpeaker, q.MentionKind, q.Mention)
	}
}

func TestDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	dumpDoc(nlptest.SeedDocument(t))
}

func TestDumpRefs(t *testing.T) {
	art := os.Getenv("DUMPREFS")
	if art == "" {
		t.Skip()
	}
	a, err := ReadArticle(art, 0)
	if err != nil {
		t.Fatal(err)
	}
	doc := parseReal(t, a)
	x := newTestExtractor(t)
	m := &mentionCtx{doc: &doc, art: x.Resolver.NewArticle(), res: x.Resolver, refs: map[int]ref{},
		extra: map[string]*extraActor{}, byID: map[string]*extraActor{}, roleOwner: map[int]string{}, pendingRes: map[int]actors.Resolution{}, quotePronouns: map[int]int{}, lists: map[int][]int{}}
	m.resolveMentions()
	ex := &extraction{doc: &doc, m: m}
	for _, s := range doc.Sentences {
		if g := os.Getenv("GREP"); g != "" && !strings.Contains(s.Text, g) {
			continue
		}
		fmt.Printf("\n## S%d %s\n", s.Index, s.Text)
		for i := s.Tokens.Begin; i < s.Tokens.End; i++ {
			if r, ok := m.refs[i]; ok {
				fmt.Printf("  ref %s/%d → %s (coref %v, %q)\n", doc.Tokens[i].Text, i, r.actor, r.coref, doc.RangeText(r.phrase))
			}
		}
		for _, h := range ex.hits(s) {
			fmt.Printf("  HIT %s %s %s (%s, %.2f)\n", h.sref.actor, h.rel, h.oref.actor, h.pattern, h.confidence)
		}
		if os.Getenv("DEPS") != "" {
			for _, e := range s.Dependencies {
				g := "ROOT"
				if e.Governor >= 0 {
					g = fmt.Sprintf("%s/%d", doc.Tokens[e.Governor].Text, e.Governor)
				}
				tk := doc.Tokens[e.Dependent]
				fmt.Printf("    %s(%s, %s/%d %s %s %s)\n", e.Relation, g, tk.Text, tk.Index, tk.Lemma, tk.POS, tk.NER)
			}
		}
	}
}
