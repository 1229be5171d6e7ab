package graph

import (
	"strings"
	"unicode"
)

// MaxSearchWords bounds the words one search looks for.
const MaxSearchWords = 16

// SearchWords returns the words a search for text looks for: its runs of
// letters and digits, lower-cased, the first MaxSearchWords of them.
// Everything else in text (punctuation, any query syntax) is ignored, so
// no request text reaches a search index as syntax. A text without words
// cannot be searched for: Reader.Search answers it with ErrNoSearchWords.
func SearchWords(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) > MaxSearchWords {
		words = words[:MaxSearchWords]
	}
	return words
}

// ErrNoSearchWords is Reader.Search's answer to a text without a letter or
// a digit.
var ErrNoSearchWords = Errorf(EINVALID, "search text must contain at least one letter or digit")
