package corenlp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/nlp"
)

// The JSON CoreNLP's server writes (edu.stanford.nlp.pipeline.JSONOutputter),
// only the parts the Document needs. Fields that must be there are pointers,
// so that a missing one is an error rather than a silent zero.
//
// Its numbering is mixed, and decode converts all of it to document-wide
// token indexes and code point offsets:
//   - characterOffsetBegin/End, beginIndex/endIndex: UTF-16 code units into
//     the text (Java strings), End exclusive.
//   - token index, dependency governor/dependent, coref startIndex/endIndex
//     and headIndex: 1-based within the sentence (governor 0 is the root;
//     endIndex exclusive). coref sentNum: 1-based.
//   - entity mention docTokenBegin/End: 0-based in the document, End
//     exclusive.
//   - quote beginToken/endToken, mentionBegin/End and canonicalMentionBegin/
//     End: 0-based in the document, End inclusive. beginSentence/
//     endSentence: 0-based.
type jsonDocument struct {
	Sentences []jsonSentence                `json:"sentences"`
	Corefs    map[string][]jsonCorefMention `json:"corefs"`
	Quotes    []jsonQuote                   `json:"quotes"`
}

type jsonSentence struct {
	Index     *int             `json:"index"`
	Paragraph *int             `json:"paragraph"`
	Tokens    []jsonToken      `json:"tokens"`
	Deps      []jsonDependency `json:"enhancedPlusPlusDependencies"`
	Mentions  []jsonEntity     `json:"entitymentions"`
}

type jsonToken struct {
	Index        *int    `json:"index"`
	Word         string  `json:"word"`
	OriginalText *string `json:"originalText"`
	Lemma        string  `json:"lemma"`
	Begin        *int    `json:"characterOffsetBegin"`
	End          *int    `json:"characterOffsetEnd"`
	POS          string  `json:"pos"`
	NER          string  `json:"ner"`
}

type jsonDependency struct {
	Dep       string `json:"dep"`
	Governor  *int   `json:"governor"`
	Dependent *int   `json:"dependent"`
}

type jsonEntity struct {
	DocTokenBegin *int               `json:"docTokenBegin"`
	DocTokenEnd   *int               `json:"docTokenEnd"`
	Begin         *int               `json:"characterOffsetBegin"`
	End           *int               `json:"characterOffsetEnd"`
	Text          string             `json:"text"`
	NER           string             `json:"ner"`
	Confidences   map[string]float64 `json:"nerConfidences"`
}

type jsonCorefMention struct {
	ID             *int   `json:"id"`
	Text           string `json:"text"`
	Type           string `json:"type"`
	Number         string `json:"number"`
	Gender         string `json:"gender"`
	Animacy        string `json:"animacy"`
	StartIndex     *int   `json:"startIndex"`
	EndIndex       *int   `json:"endIndex"`
	HeadIndex      *int   `json:"headIndex"`
	SentNum        *int   `json:"sentNum"`
	Representative bool   `json:"isRepresentativeMention"`
}

type jsonQuote struct {
	ID                    *int   `json:"id"`
	Text                  string `json:"text"`
	BeginIndex            *int   `json:"beginIndex"`
	EndIndex              *int   `json:"endIndex"`
	BeginToken            *int   `json:"beginToken"`
	EndToken              *int   `json:"endToken"`
	BeginSentence         *int   `json:"beginSentence"`
	EndSentence           *int   `json:"endSentence"`
	MentionBegin          *int   `json:"mentionBegin"`
	MentionEnd            *int   `json:"mentionEnd"`
	MentionType           string `json:"mentionType"`
	Speaker               string `json:"speaker"`
	CanonicalSpeaker      string `json:"canonicalSpeaker"`
	CanonicalMentionBegin *int   `json:"canonicalMentionBegin"`
	CanonicalMentionEnd   *int   `json:"canonicalMentionEnd"`
}

// unknownSpeaker is what CoreNLP writes for a speaker it could not find.
const unknownSpeaker = "Unknown"

// decoder turns one JSON answer into a Document.
type decoder struct {
	text string
	// cp maps a UTF-16 offset into text to its code point offset; -1 for
	// an offset inside a surrogate pair. len(cp) is the UTF-16 length + 1.
	cp []int
	// cpBytes maps a code point offset to its byte offset in text.
	cpBytes []int
	doc     nlp.Document
	// sentenceStart[i] is the document index of sentence i's first token.
	sentenceStart []int
}

// decode converts CoreNLP's JSON answer for text into a Document. It never
// panics: every number is checked before it is used as an index. The result
// still needs Document.Validate, which Parse runs.
func decode(text string, body []byte) (nlp.Document, error) {
	if !utf8.ValidString(text) {
		return nlp.Document{}, fmt.Errorf("the text is not valid UTF-8")
	}
	var jd jsonDocument
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&jd); err != nil {
		return nlp.Document{}, fmt.Errorf("not the JSON of an annotated document: %v", err)
	}
	d := &decoder{text: text, doc: nlp.Document{Text: text}}
	d.index()
	if err := d.sentences(jd.Sentences); err != nil {
		return nlp.Document{}, err
	}
	if err := d.chains(jd.Corefs); err != nil {
		return nlp.Document{}, err
	}
	if err := d.quotes(jd.Quotes); err != nil {
		return nlp.Document{}, err
	}
	return d.doc, nil
}

func (d *decoder) index() {
	d.cp = make([]int, 0, len(d.text)+1)
	d.cpBytes = make([]int, 0, len(d.text)+1)
	i := 0
	for b, r := range d.text {
		d.cpBytes = append(d.cpBytes, b)
		d.cp = append(d.cp, i)
		if r > 0xFFFF { // a surrogate pair in UTF-16
			d.cp = append(d.cp, -1)
		}
		i++
	}
	d.cp = append(d.cp, i)
	d.cpBytes = append(d.cpBytes, len(d.text))
}

// span converts UTF-16 offsets into a code point span.
func (d *decoder) span(what string, begin, end *int) (nlp.Span, error) {
	if begin == nil || end == nil {
		return nlp.Span{}, fmt.Errorf("%s: character offsets missing", what)
	}
	b, e := *begin, *end
	if b < 0 || e < b || e >= len(d.cp) {
		return nlp.Span{}, fmt.Errorf("%s: character offsets %d-%d are outside the text (%d UTF-16 code units)", what, b, e, len(d.cp)-1)
	}
	if d.cp[b] < 0 || d.cp[e] < 0 {
		return nlp.Span{}, fmt.Errorf("%s: character offsets %d-%d split a surrogate pair", what, b, e)
	}
	return nlp.Span{Start: d.cp[b], End: d.cp[e]}, nil
}

func (d *decoder) slice(s nlp.Span) string { return d.text[d.cpBytes[s.Start]:d.cpBytes[s.End]] }

func need(what string, p *int) (int, error) {
	if p == nil {
		return 0, fmt.Errorf("%s missing", what)
	}
	return *p, nil
}

func (d *decoder) sentences(in []jsonSentence) error {
	paragraph := 0
	for si, js := range in {
		what := "sentence " + strconv.Itoa(si)
		if js.Index != nil && *js.Index != si {
			return fmt.Errorf("%s has index %d", what, *js.Index)
		}
		if len(js.Tokens) == 0 {
			return fmt.Errorf("%s has no tokens", what)
		}
		if js.Paragraph != nil {
			paragraph = *js.Paragraph
		}
		start := len(d.doc.Tokens)
		d.sentenceStart = append(d.sentenceStart, start)
		for ti, jt := range js.Tokens {
			twhat := fmt.Sprintf("%s token %d", what, ti+1)
			if jt.Index != nil && *jt.Index != ti+1 {
				return fmt.Errorf("%s has index %d", twhat, *jt.Index)
			}
			span, err := d.span(twhat, jt.Begin, jt.End)
			if err != nil {
				return err
			}
			text := d.slice(span)
			// The token's own record of its text is the check that the
			// server read the same text and counted the same way.
			if jt.OriginalText == nil || *jt.OriginalText != text {
				got := "nothing"
				if jt.OriginalText != nil {
					got = strconv.Quote(*jt.OriginalText)
				}
				return fmt.Errorf("%s: the text at code points %s is %q, but the server says %s", twhat, span, text, got)
			}
			ner := nlp.EntityType(jt.NER)
			if jt.NER == "O" {
				ner = ""
			}
			d.doc.Tokens = append(d.doc.Tokens, nlp.Token{
				Index: len(d.doc.Tokens), Sentence: si, Span: span, Text: text,
				Word: jt.Word, Lemma: jt.Lemma, POS: jt.POS, NER: ner,
			})
		}
		r := nlp.TokenRange{Begin: start, End: len(d.doc.Tokens)}
		s := nlp.Sentence{Index: si, Paragraph: paragraph, Tokens: r, Span: d.doc.RangeSpan(r)}
		s.Text = d.slice(s.Span)
		for ei, je := range js.Deps {
			ewhat := fmt.Sprintf("%s dependency %d", what, ei)
			gov, err := need(ewhat+" governor", je.Governor)
			if err != nil {
				return err
			}
			dep, err := need(ewhat+" dependent", je.Dependent)
			if err != nil {
				return err
			}
			n := r.Len()
			if gov < 0 || gov > n || dep < 1 || dep > n {
				return fmt.Errorf("%s: governor %d or dependent %d is not a token of the sentence's %d", ewhat, gov, dep, n)
			}
			e := nlp.Dependency{Relation: je.Dep, Governor: -1, Dependent: start + dep - 1}
			if gov > 0 {
				e.Governor = start + gov - 1
			}
			s.Dependencies = append(s.Dependencies, e)
		}
		d.doc.Sentences = append(d.doc.Sentences, s)
		for mi, jm := range js.Mentions {
			m, err := d.entity(fmt.Sprintf("%s entity mention %d", what, mi), si, r, jm)
			if err != nil {
				return err
			}
			d.doc.Mentions = append(d.doc.Mentions, m)
		}
	}
	return nil
}

func (d *decoder) entity(what string, sentence int, within nlp.TokenRange, jm jsonEntity) (nlp.EntityMention, error) {
	b, err := need(what+" docTokenBegin", jm.DocTokenBegin)
	if err != nil {
		return nlp.EntityMention{}, err
	}
	e, err := need(what+" docTokenEnd", jm.DocTokenEnd)
	if err != nil {
		return nlp.EntityMention{}, err
	}
	r := nlp.TokenRange{Begin: b, End: e}
	if r.Begin < within.Begin || r.End > within.End || r.Begin >= r.End {
		return nlp.EntityMention{}, fmt.Errorf("%s: %s is not inside its sentence's %s", what, r, within)
	}
	span, err := d.span(what, jm.Begin, jm.End)
	if err != nil {
		return nlp.EntityMention{}, err
	}
	if want := d.doc.RangeSpan(r); span != want {
		return nlp.EntityMention{}, fmt.Errorf("%s: character offsets give %s, its tokens %s", what, span, want)
	}
	m := nlp.EntityMention{Sentence: sentence, Tokens: r, Span: span, Text: d.slice(span), Type: nlp.EntityType(jm.NER)}
	for _, c := range jm.Confidences {
		if c >= 0 && c <= 1 && c > m.Confidence {
			m.Confidence = c
		}
	}
	return m, nil
}

func (d *decoder) chains(in map[string][]jsonCorefMention) error {
	for key, jms := range in {
		id, err := strconv.Atoi(key)
		if err != nil {
			return fmt.Errorf("coreference chain %q: the id is not a number", key)
		}
		if len(jms) < 2 {
			continue // a mention nothing else refers to: not a chain
		}
		what := "coreference chain " + key
		c := nlp.CorefChain{ID: id, Representative: -1}
		for mi, jm := range jms {
			m, err := d.corefMention(fmt.Sprintf("%s mention %d", what, mi), jm)
			if err != nil {
				return err
			}
			c.Mentions = append(c.Mentions, m)
		}
		sort.SliceStable(c.Mentions, func(i, j int) bool { return lessRange(c.Mentions[i].Tokens, c.Mentions[j].Tokens) })
		reps := 0
		for _, jm := range jms {
			if jm.Representative {
				reps++
			}
		}
		if reps != 1 {
			return fmt.Errorf("%s has %d representative mentions, want 1", what, reps)
		}
		for mi, jm := range jms {
			if jm.Representative {
				id := *jms[mi].ID // checked by corefMention
				for i, m := range c.Mentions {
					if m.ID == id {
						c.Representative = i
					}
				}
			}
		}
		d.doc.Chains = append(d.doc.Chains, c)
	}
	sort.Slice(d.doc.Chains, func(i, j int) bool {
		a, b := d.doc.Chains[i], d.doc.Chains[j]
		if a.Mentions[0].Tokens != b.Mentions[0].Tokens {
			return lessRange(a.Mentions[0].Tokens, b.Mentions[0].Tokens)
		}
		return a.ID < b.ID
	})
	return nil
}

func lessRange(a, b nlp.TokenRange) bool {
	if a.Begin != b.Begin {
		return a.Begin < b.Begin
	}
	return a.End < b.End
}

func (d *decoder) corefMention(what string, jm jsonCorefMention) (nlp.CorefMention, error) {
	var v [5]int
	for i, f := range []struct {
		name string
		p    *int
	}{{"id", jm.ID}, {"sentNum", jm.SentNum}, {"startIndex", jm.StartIndex}, {"endIndex", jm.EndIndex}, {"headIndex", jm.HeadIndex}} {
		n, err := need(what+" "+f.name, f.p)
		if err != nil {
			return nlp.CorefMention{}, err
		}
		v[i] = n
	}
	id, sentNum, startIndex, endIndex, headIndex := v[0], v[1], v[2], v[3], v[4]
	if sentNum < 1 || sentNum > len(d.doc.Sentences) {
		return nlp.CorefMention{}, fmt.Errorf("%s: sentence %d of %d", what, sentNum, len(d.doc.Sentences))
	}
	s := d.doc.Sentences[sentNum-1]
	n := s.Tokens.Len()
	if startIndex < 1 || endIndex <= startIndex || endIndex > n+1 || headIndex < startIndex || headIndex >= endIndex {
		return nlp.CorefMention{}, fmt.Errorf("%s: tokens %d-%d (head %d) do not fit the sentence's %d", what, startIndex, endIndex, headIndex, n)
	}
	r := nlp.TokenRange{Begin: s.Tokens.Begin + startIndex - 1, End: s.Tokens.Begin + endIndex - 1}
	span := d.doc.RangeSpan(r)
	return nlp.CorefMention{
		ID: id, Sentence: s.Index, Tokens: r, Head: s.Tokens.Begin + headIndex - 1,
		Span: span, Text: d.slice(span),
		Type: nlp.MentionType(jm.Type), Number: nlp.MentionNumber(jm.Number),
		Gender: nlp.MentionGender(jm.Gender), Animacy: nlp.MentionAnimacy(jm.Animacy),
	}, nil
}

// inclusive converts an inclusive 0-based document token range.
func (d *decoder) inclusive(what string, begin, end *int) (*nlp.TokenRange, error) {
	if begin == nil && end == nil {
		return nil, nil
	}
	if begin == nil || end == nil {
		return nil, fmt.Errorf("%s: only one end given", what)
	}
	r := nlp.TokenRange{Begin: *begin, End: *end + 1}
	if r.Begin < 0 || r.End > len(d.doc.Tokens) || r.Begin >= r.End {
		return nil, fmt.Errorf("%s: tokens %d-%d of %d", what, *begin, *end, len(d.doc.Tokens))
	}
	return &r, nil
}

func (d *decoder) quotes(in []jsonQuote) error {
	for qi, jq := range in {
		what := "quote " + strconv.Itoa(qi)
		span, err := d.span(what, jq.BeginIndex, jq.EndIndex)
		if err != nil {
			return err
		}
		tokens, err := d.inclusive(what, jq.BeginToken, jq.EndToken)
		if err != nil {
			return err
		}
		if tokens == nil {
			return fmt.Errorf("%s: token range missing", what)
		}
		if want := d.doc.RangeSpan(*tokens); span != want {
			return fmt.Errorf("%s: character offsets give %s, its tokens %s", what, span, want)
		}
		q := nlp.Quote{
			Span: span, Text: d.slice(span), Tokens: *tokens,
			FirstSentence: d.doc.Tokens[tokens.Begin].Sentence,
			LastSentence:  d.doc.Tokens[tokens.End-1].Sentence,
		}
		if jq.BeginSentence != nil && *jq.BeginSentence != q.FirstSentence || jq.EndSentence != nil && *jq.EndSentence != q.LastSentence {
			return fmt.Errorf("%s: sentences %v-%v, but its tokens are in %d-%d", what, deref(jq.BeginSentence), deref(jq.EndSentence), q.FirstSentence, q.LastSentence)
		}
		if q.Mention, err = d.inclusive(what+" speaker mention", jq.MentionBegin, jq.MentionEnd); err != nil {
			return err
		}
		if q.Mention != nil {
			q.MentionKind = nlp.SpeakerMentionKind(jq.MentionType)
		}
		if jq.Speaker != unknownSpeaker {
			q.Speaker = jq.Speaker
		}
		if q.CanonicalMention, err = d.inclusive(what+" canonical speaker mention", jq.CanonicalMentionBegin, jq.CanonicalMentionEnd); err != nil {
			return err
		}
		if q.CanonicalMention != nil && jq.CanonicalSpeaker != unknownSpeaker {
			q.CanonicalSpeaker = jq.CanonicalSpeaker
		}
		d.doc.Quotes = append(d.doc.Quotes, q)
	}
	sort.SliceStable(d.doc.Quotes, func(i, j int) bool { return lessRange(d.doc.Quotes[i].Tokens, d.doc.Quotes[j].Tokens) })
	for i := range d.doc.Quotes {
		d.doc.Quotes[i].Index = i
	}
	return nil
}

func deref(p *int) any {
	if p == nil {
		return "?"
	}
	return *p
}
