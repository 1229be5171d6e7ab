package nlp

import "fmt"

// Span is a range of a document's text in Unicode code points, End
// exclusive: the text of Span{3, 7} is the 4th to 7th code point.
type Span struct {
	// Start is the offset of the first code point.
	Start int `json:"start"`
	// End is the offset just past the last code point.
	End int `json:"end"`
}

// Len is the number of code points in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one code point.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

func (s Span) String() string { return fmt.Sprintf("[%d,%d)", s.Start, s.End) }

// TokenRange is a run of a document's tokens by their index in
// Document.Tokens, End exclusive.
type TokenRange struct {
	// Begin is the index of the first token.
	Begin int `json:"begin"`
	// End is the index just past the last token.
	End int `json:"end"`
}

// Len is the number of tokens in the range.
func (r TokenRange) Len() int { return r.End - r.Begin }

// Contains reports whether token i lies in the range.
func (r TokenRange) Contains(i int) bool { return r.Begin <= i && i < r.End }

func (r TokenRange) String() string { return fmt.Sprintf("tokens [%d,%d)", r.Begin, r.End) }
