package evidence

import (
	"sort"
	"strings"
	"unicode"
)

// Sentences splits the text into sentences, deterministically, so that two
// claims quoting the same sentence are seen to rest on one piece of
// evidence. A sentence ends at a line break, or after ".", "?", "!" or "…"
// (with any closing quotation marks or brackets after it) that is followed
// by white space and then an upper-case letter, a digit or an opening
// quotation mark — unless the word before the stop is a known abbreviation
// ("Mr.", "U.S.") or a single capital (an initial). Leading and trailing
// white space is not part of a sentence; empty lines make none.
func (t *Text) Sentences() []Span {
	if t.sentences != nil {
		return t.sentences
	}
	var out []Span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && unicode.IsSpace(t.runes[s]) {
			s++
		}
		for e > s && unicode.IsSpace(t.runes[e-1]) {
			e--
		}
		if s < e {
			out = append(out, Span{s, e})
		}
		start = end
	}
	r := t.runes
	for i := 0; i < len(r); i++ {
		switch c := r[i]; {
		case c == '\n':
			emit(i + 1)
		case c == '.' || c == '?' || c == '!' || c == '…':
			j := i + 1
			for j < len(r) && strings.ContainsRune(closers, r[j]) {
				j++
			}
			k := j
			for k < len(r) && unicode.IsSpace(r[k]) && r[k] != '\n' {
				k++
			}
			if k == j || k == len(r) || r[k] == '\n' {
				continue // no space after it, or the line ends here anyway
			}
			if !(unicode.IsUpper(r[k]) || unicode.IsDigit(r[k]) || strings.ContainsRune(openers, r[k])) {
				continue
			}
			if c == '.' && t.abbreviation(i) {
				continue
			}
			emit(j)
			i = j - 1
		}
	}
	emit(len(r))
	t.sentences = out
	return out
}

const (
	closers = "\"'”’)]»"
	openers = "\"'“‘([«"
)

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "gen": true, "col": true,
	"lt": true, "maj": true, "capt": true, "sgt": true, "rep": true, "sen": true, "gov": true, "no": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "vs": true, "etc": true, "inc": true, "ltd": true, "co": true,
}

// abbreviation reports whether the full stop at i closes an abbreviation or
// an initial: "Mr.", "U.S.", "J.".
func (t *Text) abbreviation(i int) bool {
	j := i
	for j > 0 && (unicode.IsLetter(t.runes[j-1]) || t.runes[j-1] == '.') {
		j--
	}
	word := string(t.runes[j:i])
	if word == "" {
		return false
	}
	if strings.Contains(word, ".") { // "U.S", "e.g"
		return true
	}
	if len([]rune(word)) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return true
	}
	return abbreviations[strings.ToLower(word)]
}

// SentenceAt returns the sentence containing code-point offset i, or the
// nearest one after it when i falls between sentences; ok is false past
// the last sentence.
func (t *Text) SentenceAt(i int) (Span, bool) {
	ss := t.Sentences()
	k := sort.Search(len(ss), func(k int) bool { return ss[k].End > i })
	if k == len(ss) {
		return Span{}, false
	}
	return ss[k], true
}
