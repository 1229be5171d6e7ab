// Package evidence finds the words a claim rests on in an article's text:
// quotes, the mentions of its subject and object, conditions and time cues,
// and the sentence a quote belongs to. Every position is a code-point
// offset into the text, the unit claims files, the graph and the API use.
//
// The loaders check hand-written claims with it, the extractor records the
// spans of what it drafts, and the review API computes offsets from the
// reviewer's selection with it, so all three agree on what "the same
// words" and "the same sentence" mean.
package evidence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a stretch of text: code-point offsets, End exclusive.
type Span struct {
	Start, End int
}

// Len is the span's length in code points.
func (s Span) Len() int { return s.End - s.Start }

// Within reports whether s lies inside o.
func (s Span) Within(o Span) bool { return o.Start <= s.Start && s.End <= o.End }

// Placement says where a located phrase lies relative to the span it was
// looked for around.
type Placement int

const (
	Inside Placement = iota // inside the span (a mention in the quote itself)
	Before                  // the nearest occurrence before the span (an antecedent)
	After                   // the nearest occurrence after it
)

func (p Placement) String() string {
	return [...]string{"inside", "before", "after"}[p]
}

// Text is an article's text indexed by code point.
type Text struct {
	s     string
	runes []rune
	// byteAt[i] is the byte offset of code point i; byteAt[len(runes)] = len(s).
	byteAt []int
	// sentences caches Sentences.
	sentences []Span
}

// NewText indexes s. s should be valid UTF-8; invalid bytes count as one
// code point each (U+FFFD), as Go's range loop reads them.
func NewText(s string) *Text {
	t := &Text{s: s, byteAt: make([]int, 0, len(s)+1)}
	for i, r := range s {
		t.runes = append(t.runes, r)
		t.byteAt = append(t.byteAt, i)
	}
	t.byteAt = append(t.byteAt, len(s))
	return t
}

// String returns the whole text.
func (t *Text) String() string { return t.s }

// Len is the text's length in code points.
func (t *Text) Len() int { return len(t.runes) }

// Valid reports whether sp lies within the text and is not reversed.
func (t *Text) Valid(sp Span) bool {
	return 0 <= sp.Start && sp.Start <= sp.End && sp.End <= len(t.runes)
}

// Slice returns the text of sp, or "" if sp is not valid.
func (t *Text) Slice(sp Span) string {
	if !t.Valid(sp) {
		return ""
	}
	return t.s[t.byteAt[sp.Start]:t.byteAt[sp.End]]
}

// offset converts a byte offset at a code-point boundary to a code-point
// offset.
func (t *Text) offset(b int) int {
	lo, hi := 0, len(t.byteAt)-1
	for lo < hi {
		m := (lo + hi) / 2
		if t.byteAt[m] < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Find returns every occurrence of phrase that starts and ends on a word
// boundary ("he" is not found inside "the"), in text order. Matching is
// exact: case, quotation marks and dashes count.
func (t *Text) Find(phrase string) []Span {
	if phrase == "" {
		return nil
	}
	n := utf8.RuneCountInString(phrase)
	first, _ := utf8.DecodeRuneInString(phrase)
	last, _ := utf8.DecodeLastRuneInString(phrase)
	var out []Span
	for from := 0; from <= len(t.s); {
		i := strings.Index(t.s[from:], phrase)
		if i < 0 {
			break
		}
		b := from + i
		start := t.offset(b)
		sp := Span{start, start + n}
		if t.boundary(sp.Start, first, true) && t.boundary(sp.End, last, false) {
			out = append(out, sp)
		}
		_, size := utf8.DecodeRuneInString(t.s[b:])
		from = b + size
	}
	return out
}

// boundary reports whether a phrase whose first (or last) code point is r
// may start (or end) at offset i: a letter or digit there must not be
// glued to another letter or digit outside the phrase.
func (t *Text) boundary(i int, r rune, start bool) bool {
	if !isWord(r) {
		return true
	}
	if start {
		return i == 0 || !isWord(t.runes[i-1])
	}
	return i == len(t.runes) || !isWord(t.runes[i])
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Locate finds phrase near the span around: the first occurrence inside it
// if there is one, otherwise the nearest occurrence before it, otherwise
// the nearest after. ok is false when the phrase is not in the text.
func (t *Text) Locate(phrase string, around Span) (sp Span, where Placement, ok bool) {
	all := t.Find(phrase)
	if len(all) == 0 {
		return Span{}, 0, false
	}
	var before, after *Span
	for i := range all {
		s := all[i]
		switch {
		case s.Within(around):
			return s, Inside, true
		case s.End <= around.Start || s.Start < around.Start:
			before = &all[i]
		case after == nil:
			after = &all[i]
		}
	}
	if before != nil {
		return *before, Before, true
	}
	return *after, After, true
}

// At reports whether phrase occurs at code-point offset start, and its span.
func (t *Text) At(phrase string, start int) (Span, bool) {
	sp := Span{start, start + utf8.RuneCountInString(phrase)}
	return sp, t.Valid(sp) && t.Slice(sp) == phrase
}

var typographic = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-", "\u00a0", " ")

// Fold maps typographic quotation marks, apostrophes and dashes to their
// plain forms and collapses white space, for telling a near miss from a
// phrase that is simply not there.
func Fold(s string) string { return strings.Join(strings.Fields(typographic.Replace(s)), " ") }

// NearMiss reports whether phrase is absent verbatim but present once
// quotation marks, apostrophes, dashes and white space are folded.
func (t *Text) NearMiss(phrase string) bool {
	return len(t.Find(phrase)) == 0 && strings.Contains(Fold(t.s), Fold(phrase))
}
