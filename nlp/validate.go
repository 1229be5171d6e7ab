package nlp

import (
	"strconv"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// Validate checks the invariants every Parser promises, so code that reads a
// Document can index without checking: tokens are numbered in order, do not
// overlap and hold exactly the text at their spans; sentences partition the
// tokens; every range, span, index and dependency edge points inside the
// document (and inside its sentence where it belongs to one); every Text
// field equals the slice of the text at its span; the closed sets hold
// known values. The error, a *graph.Error with code graph.EINVALID, names
// the first thing that is wrong.
func (d *Document) Validate() error {
	if !utf8.ValidString(d.Text) {
		return invalid("the text is not valid UTF-8")
	}
	v := validator{d: d, offsets: codePointOffsets(d.Text)}
	return v.run()
}

type validator struct {
	d *Document
	// offsets[i] is the byte offset of code point i; the last entry is
	// len(Text).
	offsets []int
}

func invalid(format string, args ...any) error {
	return graph.Errorf(graph.EINVALID, "parsed document: "+format, args...)
}

// codePointOffsets returns the byte offset of each code point of s, and
// len(s) last.
func codePointOffsets(s string) []int {
	out := make([]int, 0, len(s)+1)
	for b := range s {
		out = append(out, b)
	}
	return append(out, len(s))
}

func (v *validator) slice(s Span) (string, bool) {
	if s.Start < 0 || s.End < s.Start || s.End >= len(v.offsets) {
		return "", false
	}
	return v.d.Text[v.offsets[s.Start]:v.offsets[s.End]], true
}

// checkText checks that span lies in the text and text is its slice.
func (v *validator) checkText(what string, span Span, text string) error {
	got, ok := v.slice(span)
	if !ok {
		return invalid("%s: span %s is outside the text (%d code points)", what, span, len(v.offsets)-1)
	}
	if got != text {
		return invalid("%s: the text at %s is %q, not %q", what, span, got, text)
	}
	return nil
}

// checkRange checks that r is a non-empty run of tokens inside within.
func (v *validator) checkRange(what string, r TokenRange, within TokenRange) error {
	if r.Begin < within.Begin || r.End > within.End || r.Begin >= r.End {
		return invalid("%s: %s is empty or outside %s", what, r, within)
	}
	return nil
}

func (v *validator) run() error {
	d := v.d
	all := TokenRange{0, len(d.Tokens)}
	for i, t := range d.Tokens {
		what := "token " + strconv.Itoa(i)
		if t.Index != i {
			return invalid("%s has index %d", what, t.Index)
		}
		if t.Sentence < 0 || t.Sentence >= len(d.Sentences) {
			return invalid("%s is in sentence %d of %d", what, t.Sentence, len(d.Sentences))
		}
		if t.Span.Len() <= 0 {
			return invalid("%s has the empty span %s", what, t.Span)
		}
		if i > 0 && t.Span.Start < d.Tokens[i-1].Span.End {
			return invalid("%s at %s overlaps or precedes token %d at %s", what, t.Span, i-1, d.Tokens[i-1].Span)
		}
		if err := v.checkText(what, t.Span, t.Text); err != nil {
			return err
		}
	}
	next := 0
	for i, s := range d.Sentences {
		what := "sentence " + strconv.Itoa(i)
		if s.Index != i {
			return invalid("%s has index %d", what, s.Index)
		}
		if s.Tokens.Begin != next || s.Tokens.End <= s.Tokens.Begin || s.Tokens.End > len(d.Tokens) {
			return invalid("%s has %s; sentences must cover the tokens in order from token %d", what, s.Tokens, next)
		}
		next = s.Tokens.End
		if s.Paragraph < 0 || (i > 0 && s.Paragraph < d.Sentences[i-1].Paragraph) {
			return invalid("%s is in paragraph %d, after paragraph %d", what, s.Paragraph, d.Sentences[max(i-1, 0)].Paragraph)
		}
		for t := s.Tokens.Begin; t < s.Tokens.End; t++ {
			if d.Tokens[t].Sentence != i {
				return invalid("token %d lies in %s but says sentence %d", t, what, d.Tokens[t].Sentence)
			}
		}
		if want := d.RangeSpan(s.Tokens); s.Span != want {
			return invalid("%s has span %s, but its tokens cover %s", what, s.Span, want)
		}
		if err := v.checkText(what, s.Span, s.Text); err != nil {
			return err
		}
		for j, e := range s.Dependencies {
			ewhat := what + " dependency " + strconv.Itoa(j)
			if e.Relation == "" {
				return invalid("%s has no relation", ewhat)
			}
			if (e.Governor == -1) != (e.Relation == RootRelation) {
				return invalid("%s: only the %s edge has governor -1 (relation %q, governor %d)", ewhat, RootRelation, e.Relation, e.Governor)
			}
			if e.Governor != -1 && !s.Tokens.Contains(e.Governor) {
				return invalid("%s: governor %d is outside %s", ewhat, e.Governor, s.Tokens)
			}
			if !s.Tokens.Contains(e.Dependent) {
				return invalid("%s: dependent %d is outside %s", ewhat, e.Dependent, s.Tokens)
			}
		}
	}
	if next != len(d.Tokens) {
		return invalid("the sentences cover tokens up to %d of %d", next, len(d.Tokens))
	}
	for i, m := range d.Mentions {
		what := "entity mention " + strconv.Itoa(i)
		if err := v.checkSentenceRange(what, m.Sentence, m.Tokens); err != nil {
			return err
		}
		if err := v.checkSpan(what, m.Tokens, m.Span, m.Text); err != nil {
			return err
		}
		if m.Type == "" {
			return invalid("%s has no type", what)
		}
		if m.Confidence < 0 || m.Confidence > 1 {
			return invalid("%s has confidence %v", what, m.Confidence)
		}
	}
	for i, c := range d.Chains {
		what := "coreference chain " + strconv.Itoa(i)
		if len(c.Mentions) < 2 {
			return invalid("%s has %d mentions", what, len(c.Mentions))
		}
		if c.Representative < 0 || c.Representative >= len(c.Mentions) {
			return invalid("%s: representative %d is not one of its %d mentions", what, c.Representative, len(c.Mentions))
		}
		for j, m := range c.Mentions {
			mwhat := what + " mention " + strconv.Itoa(j)
			if err := v.checkSentenceRange(mwhat, m.Sentence, m.Tokens); err != nil {
				return err
			}
			if !m.Tokens.Contains(m.Head) {
				return invalid("%s: head %d is outside %s", mwhat, m.Head, m.Tokens)
			}
			if err := v.checkSpan(mwhat, m.Tokens, m.Span, m.Text); err != nil {
				return err
			}
			if !m.Type.Valid() || !m.Number.Valid() || !m.Gender.Valid() || !m.Animacy.Valid() {
				return invalid("%s: unknown type, number, gender or animacy (%q, %q, %q, %q)", mwhat, m.Type, m.Number, m.Gender, m.Animacy)
			}
		}
	}
	for i, q := range d.Quotes {
		what := "quote " + strconv.Itoa(i)
		if q.Index != i {
			return invalid("%s has index %d", what, q.Index)
		}
		if err := v.checkRange(what, q.Tokens, all); err != nil {
			return err
		}
		if err := v.checkSpan(what, q.Tokens, q.Span, q.Text); err != nil {
			return err
		}
		if q.FirstSentence != d.Tokens[q.Tokens.Begin].Sentence || q.LastSentence != d.Tokens[q.Tokens.End-1].Sentence {
			return invalid("%s: sentences %d to %d, but its tokens are in %d to %d", what, q.FirstSentence, q.LastSentence,
				d.Tokens[q.Tokens.Begin].Sentence, d.Tokens[q.Tokens.End-1].Sentence)
		}
		if (q.Mention == nil) != (q.MentionKind == "") {
			return invalid("%s: a speaker mention and its kind go together (mention %v, kind %q)", what, q.Mention, q.MentionKind)
		}
		if q.Mention != nil {
			if err := v.checkRange(what+" speaker mention", *q.Mention, all); err != nil {
				return err
			}
			if !q.MentionKind.Valid() {
				return invalid("%s: unknown speaker mention kind %q", what, q.MentionKind)
			}
		}
		if q.CanonicalMention != nil {
			if err := v.checkRange(what+" canonical speaker mention", *q.CanonicalMention, all); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkSentenceRange checks that sentence exists and r is a non-empty run
// of its tokens.
func (v *validator) checkSentenceRange(what string, sentence int, r TokenRange) error {
	if sentence < 0 || sentence >= len(v.d.Sentences) {
		return invalid("%s is in sentence %d of %d", what, sentence, len(v.d.Sentences))
	}
	return v.checkRange(what, r, v.d.Sentences[sentence].Tokens)
}

// checkSpan checks that span runs from the first token of r to the last and
// that text is its slice.
func (v *validator) checkSpan(what string, r TokenRange, span Span, text string) error {
	if want := v.d.RangeSpan(r); span != want {
		return invalid("%s has span %s, but its tokens cover %s", what, span, want)
	}
	return v.checkText(what, span, text)
}
