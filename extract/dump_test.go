package extract

import (
	"fmt"
	"os"
	"testing"

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
