package corenlp_test

// Tests against the real CoreNLP server. `make test` starts one (scripts/corenlp
// run); for `go test` alone, run scripts/corenlp up first, or set CORENLP_URL.
// Without a server these tests fail: they never skip.

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/nlp"
	"github.com/actorgraph/actorgraph/nlp/corenlp"
	"github.com/actorgraph/actorgraph/nlp/nlptest"
)

var record = flag.Bool("record", false, "rewrite nlp/testdata/seed-article.json from the server's parse of seed/article.txt")

// mustServer returns a Parser for the server the tests use, failing the test
// when it does not answer.
func mustServer(t testing.TB) *corenlp.Parser {
	t.Helper()
	p, err := corenlp.New(corenlp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Ping(context.Background()); err != nil {
		t.Fatalf("these tests need the real CoreNLP server (make test starts one; for go test alone run scripts/corenlp up): %v", err)
	}
	return p
}

var seed struct {
	once sync.Once
	doc  nlp.Document
	err  error
}

// parsedSeed parses seed/article.txt once for all tests.
func parsedSeed(t *testing.T) nlp.Document {
	t.Helper()
	p := mustServer(t)
	seed.once.Do(func() {
		text, err := os.ReadFile(nlptest.SeedArticlePath())
		if err != nil {
			seed.err = err
			return
		}
		seed.doc, seed.err = p.Parse(context.Background(), string(text))
	})
	if seed.err != nil {
		t.Fatal(seed.err)
	}
	return seed.doc
}

// checkOffsets checks that every span of doc holds exactly its text, counted
// in code points of the original, and that the text between tokens is white
// space only when wantGapsSpace is set.
func checkOffsets(t *testing.T, doc nlp.Document, wantGapsSpace bool) {
	t.Helper()
	runes := []rune(doc.Text)
	at := func(s nlp.Span) string {
		if s.Start < 0 || s.End > len(runes) || s.Start > s.End {
			t.Fatalf("span %s is outside the text's %d code points", s, len(runes))
		}
		return string(runes[s.Start:s.End])
	}
	prev := 0
	for _, tok := range doc.Tokens {
		if got := at(tok.Span); got != tok.Text {
			t.Errorf("token %d at %s: text there is %q, token says %q", tok.Index, tok.Span, got, tok.Text)
		}
		if gap := string(runes[prev:tok.Span.Start]); wantGapsSpace && strings.TrimFunc(gap, unicode.IsSpace) != "" {
			t.Errorf("text %q before token %d (%q) is in no token", gap, tok.Index, tok.Text)
		}
		prev = tok.Span.End
	}
	if rest := string(runes[prev:]); wantGapsSpace && strings.TrimFunc(rest, unicode.IsSpace) != "" {
		t.Errorf("text %q after the last token is in no token", rest)
	}
	for _, s := range doc.Sentences {
		if got := at(s.Span); got != s.Text {
			t.Errorf("sentence %d at %s: text there is %q, sentence says %q", s.Index, s.Span, got, s.Text)
		}
	}
	for _, m := range doc.Mentions {
		if got := at(m.Span); got != m.Text {
			t.Errorf("mention at %s: text there is %q, mention says %q", m.Span, got, m.Text)
		}
	}
	for _, c := range doc.Chains {
		for _, m := range c.Mentions {
			if got := at(m.Span); got != m.Text {
				t.Errorf("coref mention at %s: text there is %q, mention says %q", m.Span, got, m.Text)
			}
		}
	}
	for _, q := range doc.Quotes {
		if got := at(q.Span); got != q.Text {
			t.Errorf("quote %d at %s: text there is %q, quote says %q", q.Index, q.Span, got, q.Text)
		}
	}
}

func TestSeedOffsetsMatchText(t *testing.T) {
	doc := parsedSeed(t)
	if len(doc.Tokens) < 700 {
		t.Fatalf("%d tokens for a 690-word article", len(doc.Tokens))
	}
	checkOffsets(t, doc, true)
	// The seed's curly quotes, apostrophes and dashes are tokens of their own
	// or parts of one, at their exact places.
	for _, want := range []string{"“", "”", "’s", "–"} {
		found := false
		for _, tok := range doc.Tokens {
			found = found || tok.Text == want
		}
		if !found {
			t.Errorf("no token %q in the seed article", want)
		}
	}
}

// The server counts UTF-16 code units; the Document counts code points. On
// text full of characters outside the Basic Multilingual Plane, combining
// marks and unusual spaces, every span must still hold its token, and agree
// with the code point offsets the server itself computes when asked
// (tokenize.codepoint, requested here directly, outside the adapter).
func TestOffsetsOnUnusualText(t *testing.T) {
	p := mustServer(t)
	texts := []struct {
		name, text string
	}{
		{"typographic", "He said “no” – twice — and ‘maybe’… The group’s leader left."},
		{"astral", "😀 The 𝐁aghdad office 😀😀 said 𝒯ehran’s 🇮🇶 envoy left.\nThe 👨‍👩‍👧 family stayed."},
		{"combining", "Cafe\u0301 owners in Mu\u0308nchen said the re\u0301gime fell."},
		{"spaces", "The envoy\u00a0said\tno.\r\nThe\u2009minister\u202fagreed.\r\n"},
		{"scripts", "The group 카타이브 (كتائب حزب الله) said 停火 was over."},
	}
	for _, tc := range texts {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := p.Parse(context.Background(), tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Tokens) == 0 {
				t.Fatal("no tokens")
			}
			checkOffsets(t, doc, false)
			want := serverCodepointSpans(t, p.URL(), tc.text)
			if len(want) != len(doc.Tokens) {
				t.Fatalf("%d tokens, the server's own tokenizer gives %d", len(doc.Tokens), len(want))
			}
			for i, tok := range doc.Tokens {
				if tok.Span != want[i] {
					t.Errorf("token %d %q at %s; the server's code point offsets say %s", i, tok.Text, tok.Span, want[i])
				}
			}
		})
	}
}

// serverCodepointSpans asks the server to tokenize text with code point
// offsets of its own.
func serverCodepointSpans(t *testing.T, base, text string) []nlp.Span {
	t.Helper()
	props := `{"annotators":"tokenize,ssplit","ssplit.newlineIsSentenceBreak":"always","tokenize.codepoint":"true","outputFormat":"json"}`
	resp, err := http.Post(base+"/?properties="+url.QueryEscape(props), "text/plain; charset=utf-8", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Sentences []struct {
			Tokens []struct {
				Begin *int `json:"codepointOffsetBegin"`
				End   *int `json:"codepointOffsetEnd"`
			} `json:"tokens"`
		} `json:"sentences"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	var spans []nlp.Span
	for _, s := range out.Sentences {
		for _, tok := range s.Tokens {
			if tok.Begin == nil || tok.End == nil {
				t.Fatal("the server gave no code point offsets")
			}
			spans = append(spans, nlp.Span{Start: *tok.Begin, End: *tok.End})
		}
	}
	return spans
}

// sentenceWith returns the sentence whose text contains s.
func sentenceWith(t *testing.T, doc nlp.Document, s string) nlp.Sentence {
	t.Helper()
	for _, sen := range doc.Sentences {
		if strings.Contains(sen.Text, s) {
			return sen
		}
	}
	t.Fatalf("no sentence contains %q", s)
	return nlp.Sentence{}
}

// tokenIn returns the index of the first token of sen whose text is word.
func tokenIn(t *testing.T, doc nlp.Document, sen nlp.Sentence, word string) int {
	t.Helper()
	for i := sen.Tokens.Begin; i < sen.Tokens.End; i++ {
		if doc.Tokens[i].Text == word {
			return i
		}
	}
	t.Fatalf("sentence %d has no token %q", sen.Index, word)
	return -1
}

func TestSeedSentences(t *testing.T) {
	doc := parsedSeed(t)
	// Headline and dateline are sentences of their own (a line break always
	// ends a sentence), and no sentence runs across a line.
	for i, want := range []string{
		"Iran-aligned militias threaten US, raising fears for Iraq’s security",
		"BAGHDAD –",
	} {
		if got := doc.Sentences[i].Text; got != want {
			t.Errorf("sentence %d is %q, want %q", i, got, want)
		}
	}
	lines := strings.Count(strings.TrimRight(doc.Text, "\n"), "\n") + 1
	for _, s := range doc.Sentences {
		if strings.Contains(s.Text, "\n") {
			t.Errorf("sentence %d runs across a line: %q", s.Index, s.Text)
		}
	}
	if last := doc.Sentences[len(doc.Sentences)-1].Paragraph; last != lines-1 {
		t.Errorf("the last sentence is in paragraph %d; the article has %d lines", last, lines)
	}
	a := sentenceWith(t, doc, "Humaidawi went on to argue")
	b := sentenceWith(t, doc, "“Defending the sanctity")
	if a.Index == b.Index || a.Paragraph != b.Paragraph {
		t.Errorf("the two sentences of one paragraph: sentences %d and %d in paragraphs %d and %d", a.Index, b.Index, a.Paragraph, b.Paragraph)
	}
}

func TestSeedNamedEntities(t *testing.T) {
	doc := parsedSeed(t)
	for _, tc := range []struct {
		text string
		typ  nlp.EntityType
	}{
		{"Kataib Hezbollah", nlp.Organization},
		{"Abu Hussein al-Humaidawi", nlp.Person},
		{"Donald Trump", nlp.Person},
		{"Bashar al-Assad", nlp.Person},
		{"Badr Organisation", nlp.Organization},
		{"Iraq", nlp.Country},
		{"Syria", nlp.Country},
		{"Iraqi", nlp.Nationality},
		{"BAGHDAD", nlp.City},
		{"secretary-general", nlp.Title},
		{"late on Monday", nlp.Date},
	} {
		var got []nlp.EntityType
		for _, m := range doc.Mentions {
			if m.Text == tc.text {
				got = append(got, m.Type)
			}
		}
		found := false
		for _, g := range got {
			found = found || g == tc.typ
		}
		if !found {
			t.Errorf("%q: want a %s mention, got %v", tc.text, tc.typ, got)
		}
	}
	// Tokens carry their mention's type.
	sen := sentenceWith(t, doc, "US President Donald Trump")
	if got := doc.Tokens[tokenIn(t, doc, sen, "Trump")].NER; got != nlp.Person {
		t.Errorf("token Trump has NER %q", got)
	}
	if got := doc.Tokens[tokenIn(t, doc, sen, "warned")]; got.NER != "" || got.Lemma != "warn" || got.POS != "VBN" {
		t.Errorf("token warned: NER %q, lemma %q, POS %q", got.NER, got.Lemma, got.POS)
	}
}

func TestSeedDependencies(t *testing.T) {
	doc := parsedSeed(t)
	sen := sentenceWith(t, doc, "US President Donald Trump has warned Tehran of military action")
	tok := func(w string) int { return tokenIn(t, doc, sen, w) }
	has := func(rel string, gov, dep int) bool {
		for _, e := range sen.Dependencies {
			if e.Relation == rel && e.Governor == gov && e.Dependent == dep {
				return true
			}
		}
		return false
	}
	warned := tok("warned")
	if roots := sen.Roots(); len(roots) != 1 || roots[0] != warned {
		t.Errorf("roots %v, want [%d] (warned)", roots, warned)
	}
	washington := tok("Washington")
	tehran2 := tokenIn(t, doc, nlp.Sentence{Tokens: nlp.TokenRange{Begin: washington, End: sen.Tokens.End}}, "Tehran")
	for _, e := range []struct {
		rel      string
		gov, dep int
	}{
		{"nsubj", warned, tok("Trump")},
		{"obj", warned, tok("Tehran")},
		// enhanced++: the preposition joins the relation's name ...
		{"obl:of", warned, tok("action")},
		{"conj:and", washington, tehran2},
		// ... and a conjunct shares its head's governor.
		{"nmod:between", tok("tensions"), washington},
		{"nmod:between", tok("tensions"), tehran2},
	} {
		if !has(e.rel, e.gov, e.dep) {
			t.Errorf("no edge %s(%s, %s) in %q", e.rel, doc.Tokens[e.gov].Text, doc.Tokens[e.dep].Text, sen.Text)
		}
	}
}

func TestSeedCoreference(t *testing.T) {
	doc := parsedSeed(t)
	var humaidawi *nlp.CorefChain
	for i, c := range doc.Chains {
		for _, m := range c.Mentions {
			if strings.Contains(m.Text, "Abu Hussein al-Humaidawi") {
				humaidawi = &doc.Chains[i]
			}
		}
	}
	if humaidawi == nil {
		t.Fatal("no chain mentions Abu Hussein al-Humaidawi")
	}
	pronouns := 0
	for _, m := range humaidawi.Mentions {
		if m.Text == "he" && m.Type == nlp.Pronominal {
			pronouns++
		}
	}
	if pronouns < 2 {
		t.Errorf("al-Humaidawi's chain links %d uses of \"he\", want 2 or more: %+v", pronouns, humaidawi.Mentions)
	}
	if rep := humaidawi.RepresentativeMention(); rep.Type == nlp.Pronominal {
		t.Errorf("the chain's representative is the pronoun %q", rep.Text)
	}
	// The coreference algorithm is chosen for keeping the states apart
	// (scripts/corenlp-server/corenlp.properties): no chain holds both
	// Iraq and the United States.
	for _, c := range doc.Chains {
		var iraq, us bool
		for _, m := range c.Mentions {
			iraq = iraq || strings.HasPrefix(m.Text, "Iraq")
			us = us || m.Text == "the United States"
		}
		if iraq && us {
			t.Errorf("chain %d merges Iraq with the United States", c.ID)
		}
	}
	// CorefAt finds the chain from a token.
	sen := sentenceWith(t, doc, "“We are witnessing")
	he := tokenIn(t, doc, sen, "he")
	if c, m, ok := doc.CorefAt(he); !ok || c.ID != humaidawi.ID || m.Text != "he" {
		t.Errorf("CorefAt(%d) = chain %d mention %q ok %v", he, c.ID, m.Text, ok)
	}
}

func TestSeedQuotes(t *testing.T) {
	doc := parsedSeed(t)
	if len(doc.Quotes) != 6 {
		t.Errorf("%d quotes, want the article's 6", len(doc.Quotes))
	}
	var q *nlp.Quote
	for i := range doc.Quotes {
		if strings.HasPrefix(doc.Quotes[i].Text, "“We are witnessing a new chapter") {
			q = &doc.Quotes[i]
		}
	}
	if q == nil {
		t.Fatal("no quote “We are witnessing ...")
	}
	if !strings.HasSuffix(q.Text, "truth and falsehood,”") {
		t.Errorf("quote text %q", q.Text)
	}
	if q.Mention == nil || doc.RangeText(*q.Mention) != "he" || q.MentionKind != nlp.SpeakerPronoun {
		t.Errorf("speaker mention %v (%q), kind %q; want the pronoun he", q.Mention, rangeText(doc, q.Mention), q.MentionKind)
	}
	if q.CanonicalSpeaker != "Humaidawi" || rangeText(doc, q.CanonicalMention) != "Humaidawi" {
		t.Errorf("canonical speaker %q at %v (%q), want Humaidawi", q.CanonicalSpeaker, q.CanonicalMention, rangeText(doc, q.CanonicalMention))
	}
	// A quote may run over two sentences.
	var long *nlp.Quote
	for i := range doc.Quotes {
		if strings.HasPrefix(doc.Quotes[i].Text, "“To the American enemy") {
			long = &doc.Quotes[i]
		}
	}
	if long == nil || long.FirstSentence == long.LastSentence {
		t.Errorf("the two-sentence quote: %+v", long)
	}
}

func rangeText(doc nlp.Document, r *nlp.TokenRange) string {
	if r == nil {
		return ""
	}
	return doc.RangeText(*r)
}

// The recording rule tests use must be what the server says today.
// Re-record with make corenlp-record (go test -run TestSeedFixture -record).
func TestSeedFixtureMatchesServer(t *testing.T) {
	doc := parsedSeed(t)
	got, err := nlptest.EncodeDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := nlptest.SeedDocumentPath()
	if *record {
		if err := nlptest.WriteDocument(path, doc); err != nil {
			t.Fatal(err)
		}
		t.Logf("recorded %s", path)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (record it with make corenlp-record)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: the server now parses the seed article differently; check the change and re-record with make corenlp-record\n%s",
			path, firstDifference(string(want), string(got)))
	}
}

// firstDifference shows the first differing line of two texts, with context.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d: recorded %q, server %q", i+1, wl, gl)
		}
	}
	return "(only the line endings differ)"
}

func TestLimitsAgainstServer(t *testing.T) {
	p := mustServer(t)
	ctx := context.Background()

	// Refused before anything is sent: 5 MB is far over the limit.
	big := strings.Repeat("The militia warned Washington again. ", 5<<20/37+1)
	if _, err := p.Parse(ctx, big); graph.ErrorCode(err) != graph.ELIMIT || !strings.Contains(err.Error(), "at most") {
		t.Errorf("5 MB text: %v, want %s naming the limit", err, graph.ELIMIT)
	}

	// A parser allowed more than the server takes gets the server's own
	// refusal (scripts/corenlp starts it with -maxCharLength 100000), as the
	// same error code.
	loose, err := corenlp.New(corenlp.Config{URL: p.URL(), MaxChars: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	over := strings.Repeat("x ", corenlp.DefaultMaxChars/2) + "x"
	if _, err := loose.Parse(ctx, over); graph.ErrorCode(err) != graph.ELIMIT || !strings.Contains(err.Error(), p.URL()) {
		t.Errorf("text over the server's limit: %v, want %s from the server", err, graph.ELIMIT)
	}

	// Not UTF-8: refused, with where.
	if _, err := p.Parse(ctx, "Iraq\xff\xfe said"); graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(err.Error(), "offset 4") {
		t.Errorf("invalid UTF-8: %v", err)
	}

	// Nothing to parse: an empty document.
	for _, text := range []string{"", " \n\t "} {
		doc, err := p.Parse(ctx, text)
		if err != nil || doc.Text != text || len(doc.Tokens) != 0 {
			t.Errorf("Parse(%q) = %d tokens, %v", text, len(doc.Tokens), err)
		}
	}
}

// BenchmarkParseSeed parses seed/article.txt (690 words) with the full
// pipeline, the way extraction will: make corenlp-bench.
func BenchmarkParseSeed(b *testing.B) {
	p := mustServer(b)
	text, err := os.ReadFile(nlptest.SeedArticlePath())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := p.Parse(context.Background(), string(text)); err != nil {
			b.Fatal(err)
		}
	}
}
