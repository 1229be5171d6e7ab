package nlp_test

// Offline tests on the recorded parse of the seed article (nlptest); the
// parser itself is tested against the real server in nlp/corenlp.

import (
	"context"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/nlp"
	"github.com/actorgraph/actorgraph/nlp/nlptest"
)

func TestSlice(t *testing.T) {
	d := nlp.Document{Text: "a😀“b”\u0301 c"} // 7 code points
	for _, tc := range []struct {
		span nlp.Span
		want string
	}{
		{nlp.Span{Start: 0, End: 1}, "a"},
		{nlp.Span{Start: 1, End: 2}, "😀"},
		{nlp.Span{Start: 2, End: 5}, "“b”"},
		{nlp.Span{Start: 5, End: 7}, "\u0301 "},
		{nlp.Span{Start: 6, End: 8}, " c"},
		{nlp.Span{Start: 0, End: 8}, d.Text},
		{nlp.Span{Start: 8, End: 8}, ""},
		{nlp.Span{Start: 3, End: 3}, ""},
		{nlp.Span{Start: 7, End: 9}, ""},
		{nlp.Span{Start: -1, End: 2}, ""},
		{nlp.Span{Start: 3, End: 2}, ""},
	} {
		if got := d.Slice(tc.span); got != tc.want {
			t.Errorf("Slice(%s) = %q, want %q", tc.span, got, tc.want)
		}
	}
	if d.Len() != 8 {
		t.Errorf("Len = %d, want 8", d.Len())
	}
}

func TestSeedRecordingIsValid(t *testing.T) {
	doc := nlptest.SeedDocument(t)
	if err := doc.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tok := range doc.Tokens {
		if got := doc.Slice(tok.Span); got != tok.Text {
			t.Fatalf("token %d: Slice gives %q, Text is %q", tok.Index, got, tok.Text)
		}
	}
}

// Validate names what is wrong with a broken document.
func TestValidateCatches(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(d *nlp.Document)
		want   string
	}{
		{"token text", func(d *nlp.Document) { d.Tokens[3].Text = "x" }, "token 3"},
		{"token span past text", func(d *nlp.Document) { d.Tokens[len(d.Tokens)-1].Span.End = 1 << 20 }, "outside the text"},
		{"token index", func(d *nlp.Document) { d.Tokens[5].Index = 4 }, "token 5 has index 4"},
		{"overlapping tokens", func(d *nlp.Document) { d.Tokens[6].Span.Start = d.Tokens[5].Span.Start }, "overlaps"},
		{"token sentence", func(d *nlp.Document) { d.Tokens[0].Sentence = 99 }, "sentence 99"},
		{"sentence gap", func(d *nlp.Document) { d.Sentences[1].Tokens.Begin++ }, "sentence 1"},
		{"sentence text", func(d *nlp.Document) { d.Sentences[2].Text += " " }, "sentence 2"},
		{"paragraph order", func(d *nlp.Document) { d.Sentences[3].Paragraph = 0 }, "paragraph"},
		{"dependency outside sentence", func(d *nlp.Document) { d.Sentences[0].Dependencies[1].Dependent = d.Sentences[1].Tokens.Begin }, "outside"},
		{"root relation", func(d *nlp.Document) { d.Sentences[0].Dependencies[0].Relation = "nsubj" }, "governor -1"},
		{"mention span", func(d *nlp.Document) { d.Mentions[0].Span.End++ }, "entity mention 0"},
		{"mention type", func(d *nlp.Document) { d.Mentions[0].Type = "" }, "no type"},
		{"chain representative", func(d *nlp.Document) { d.Chains[0].Representative = 40 }, "representative"},
		{"chain of one", func(d *nlp.Document) { d.Chains[0].Mentions = d.Chains[0].Mentions[:1] }, "1 mentions"},
		{"coref head", func(d *nlp.Document) { d.Chains[0].Mentions[0].Head = d.Chains[0].Mentions[0].Tokens.End }, "head"},
		{"coref mention type", func(d *nlp.Document) { d.Chains[0].Mentions[0].Type = "PROPERISH" }, "unknown type"},
		{"quote text", func(d *nlp.Document) { d.Quotes[0].Text = "“" }, "quote 0"},
		{"quote sentences", func(d *nlp.Document) { d.Quotes[0].LastSentence++ }, "quote 0: sentences"},
		{"quote speaker kind", func(d *nlp.Document) { d.Quotes[0].MentionKind = "" }, "go together"},
		{"not UTF-8", func(d *nlp.Document) { d.Text = d.Text[:10] + "\xff" + d.Text[11:] }, "UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := nlptest.SeedDocument(t)
			tc.mutate(&doc)
			err := doc.Validate()
			if graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate: %v, want %s saying %q", err, graph.EINVALID, tc.want)
			}
		})
	}
}

func TestEntityTypesTable(t *testing.T) {
	seen := map[nlp.EntityType]bool{}
	for _, row := range nlp.EntityTypes {
		if seen[row.Type] {
			t.Errorf("%s is listed twice", row.Type)
		}
		seen[row.Type] = true
		if row.Meaning == "" {
			t.Errorf("%s has no meaning", row.Type)
		}
		if row.Coarse != "" && row.Coarse.Coarse() != row.Coarse {
			t.Errorf("%s: coarse class %s is not a class of its own", row.Type, row.Coarse)
		}
	}
	if nlp.Country.Coarse() != nlp.Location || nlp.Title.Coarse() != "" || nlp.EntityType("GALAXY").Known() {
		t.Error("Coarse or Known is wrong")
	}
	// The table covers every type the pipeline gives on the seed article.
	doc := nlptest.SeedDocument(t)
	for _, m := range doc.Mentions {
		if !m.Type.Known() {
			t.Errorf("mention %q has type %s, which EntityTypes lacks", m.Text, m.Type)
		}
	}
}

func TestNavigation(t *testing.T) {
	doc := nlptest.SeedDocument(t)
	var sen nlp.Sentence
	for _, s := range doc.Sentences {
		if strings.HasPrefix(s.Text, "US President Donald Trump has warned Tehran") {
			sen = s
		}
	}
	if sen.Text == "" {
		t.Fatal("no Trump sentence in the recording")
	}
	roots := sen.Roots()
	if len(roots) != 1 || doc.Tokens[roots[0]].Text != "warned" {
		t.Fatalf("roots %v", roots)
	}
	rels := map[string]string{}
	for _, e := range sen.Children(roots[0]) {
		rels[e.Relation] = doc.Tokens[e.Dependent].Text
	}
	if rels["nsubj"] != "Trump" || rels["obj"] != "Tehran" || rels["obl:of"] != "action" {
		t.Errorf("children of warned: %v", rels)
	}
	trump := -1
	for i := sen.Tokens.Begin; i < sen.Tokens.End; i++ {
		if doc.Tokens[i].Text == "Trump" {
			trump = i
		}
	}
	if g := sen.Governors(trump); len(g) != 1 || g[0].Governor != roots[0] || g[0].Relation != "nsubj" {
		t.Errorf("governors of Trump: %+v", g)
	}
	if s, ok := doc.SentenceOf(trump); !ok || s.Index != sen.Index {
		t.Errorf("SentenceOf(%d) = %d, %v", trump, s.Index, ok)
	}
	if _, ok := doc.SentenceOf(len(doc.Tokens)); ok {
		t.Error("SentenceOf past the end")
	}
	var names []string
	for _, m := range doc.MentionsIn(sen.Tokens) {
		names = append(names, m.Text)
	}
	if got := strings.Join(names, "|"); !strings.Contains(got, "Donald Trump") || !strings.Contains(got, "Washington") {
		t.Errorf("mentions in the sentence: %s", got)
	}
	if got := doc.RangeText(nlp.TokenRange{Begin: sen.Tokens.Begin, End: sen.Tokens.Begin + 4}); got != "US President Donald Trump" {
		t.Errorf("RangeText = %q", got)
	}
	if c, m, ok := doc.CorefAt(trump); !ok || !strings.Contains(m.Text, "Trump") || c.RepresentativeMention().Text != "US President Donald Trump" {
		t.Errorf("CorefAt(Trump) = %q in chain led by %q, %v", m.Text, c.RepresentativeMention().Text, ok)
	}
}

func TestRecordedParser(t *testing.T) {
	doc := nlptest.SeedDocument(t)
	p := nlptest.Recorded(doc)
	ctx := context.Background()
	got, err := p.Parse(ctx, doc.Text)
	if err != nil || len(got.Tokens) != len(doc.Tokens) {
		t.Fatalf("recorded text: %d tokens, %v", len(got.Tokens), err)
	}
	got.Tokens[0].Text = "changed"
	again, _ := p.Parse(ctx, doc.Text)
	if again.Tokens[0].Text == "changed" {
		t.Error("answers share memory")
	}
	if _, err := p.Parse(ctx, "another text"); graph.ErrorCode(err) != graph.EUNAVAILABLE {
		t.Errorf("unrecorded text: %v", err)
	}
}
