package nlp

import (
	"unicode/utf8"
)

// Document is one parsed text. Every slice is in text order; tokens are
// numbered across the whole document and everything else refers to them by
// those numbers.
type Document struct {
	// Text is the original text, exactly as given to the parser.
	Text string `json:"text"`
	// Tokens are all the document's tokens; Tokens[i].Index == i.
	Tokens []Token `json:"tokens"`
	// Sentences partition the tokens; Sentences[i].Index == i.
	Sentences []Sentence `json:"sentences"`
	// Mentions are the named (and numeric) entities NER found, each a run
	// of tokens with one entity type.
	Mentions []EntityMention `json:"mentions"`
	// Chains are the coreference chains with two or more mentions, ordered
	// by their first mention. Mentions no other mention corefers with are
	// left out.
	Chains []CorefChain `json:"chains"`
	// Quotes are the quotations, with the speakers they are attributed to.
	Quotes []Quote `json:"quotes"`
}

// Token is one word or punctuation mark.
type Token struct {
	// Index is the token's position in Document.Tokens.
	Index int `json:"index"`
	// Sentence is the index of the sentence the token is in.
	Sentence int `json:"sentence"`
	// Span is where the token is in the text.
	Span Span `json:"span"`
	// Text is the token exactly as it is in the text: Document.Slice(Span).
	Text string `json:"text"`
	// Word is the token as the parser normalised it; mostly equal to Text,
	// but for example "cannot" is split into "can" and "not".
	Word string `json:"word"`
	// Lemma is the dictionary form ("warned" → "warn", "militias" → "militia").
	Lemma string `json:"lemma"`
	// POS is the Penn Treebank part-of-speech tag (NNP, VBD, PRP, ...).
	POS string `json:"pos"`
	// NER is the entity type of the mention the token is part of, or ""
	// when it is part of none.
	NER EntityType `json:"ner,omitempty"`
}

// Sentence is one sentence with its dependency graph.
type Sentence struct {
	// Index is the sentence's position in Document.Sentences.
	Index int `json:"index"`
	// Paragraph numbers the paragraphs (lines) of the text from 0; every
	// sentence of one paragraph has the same number.
	Paragraph int `json:"paragraph"`
	// Span runs from the first token's start to the last token's end.
	Span Span `json:"span"`
	// Text is Document.Slice(Span).
	Text string `json:"text"`
	// Tokens are the sentence's tokens.
	Tokens TokenRange `json:"tokens"`
	// Dependencies is the enhanced++ dependency graph (Universal
	// Dependencies): one edge per governor, relation and dependent, in the
	// order the parser gave them. Unlike a tree a token may have several
	// governors ("Washington and Tehran": both are nmod:between of
	// "tensions"). The root's edge has Governor -1 and Relation "ROOT".
	Dependencies []Dependency `json:"dependencies"`
}

// Dependency is one edge of a sentence's dependency graph.
type Dependency struct {
	// Relation is the Universal Dependencies relation, with its enhanced++
	// subtype if any: nsubj, obj, obl:of, nmod:between, conj:and, ...;
	// RootRelation for the root edge.
	Relation string `json:"rel"`
	// Governor is the head token's index in Document.Tokens, or -1 for the
	// root edge.
	Governor int `json:"gov"`
	// Dependent is the dependent token's index in Document.Tokens.
	Dependent int `json:"dep"`
}

// RootRelation is the relation of the edge that points at a sentence's root.
const RootRelation = "ROOT"

// Slice returns the text of span, or "" when span is not inside the text.
// It walks the text from its start, so it costs time in proportion to
// span.End; Token.Text and the other Text fields hold the common slices
// already.
func (d *Document) Slice(span Span) string {
	if span.Start < 0 || span.End < span.Start {
		return ""
	}
	i, start := 0, 0
	for b := range d.Text {
		if i == span.Start {
			start = b
		}
		if i == span.End {
			return d.Text[start:b]
		}
		i++
	}
	switch {
	case span.End != i: // past the end
		return ""
	case span.Start == i:
		return ""
	default:
		return d.Text[start:]
	}
}

// Len is the length of the text in code points.
func (d *Document) Len() int { return utf8.RuneCountInString(d.Text) }

// RangeSpan is the span from the first token of r to the last, or the
// zero Span when r is empty or outside the document.
func (d *Document) RangeSpan(r TokenRange) Span {
	if r.Begin < 0 || r.End > len(d.Tokens) || r.Begin >= r.End {
		return Span{}
	}
	return Span{Start: d.Tokens[r.Begin].Span.Start, End: d.Tokens[r.End-1].Span.End}
}

// RangeText is the text from the first token of r to the last, with the
// spacing of the original.
func (d *Document) RangeText(r TokenRange) string {
	if r.Begin < 0 || r.End > len(d.Tokens) || r.Begin >= r.End {
		return ""
	}
	return d.Slice(d.RangeSpan(r))
}

// SentenceOf returns the sentence that token i is in.
func (d *Document) SentenceOf(i int) (Sentence, bool) {
	if i < 0 || i >= len(d.Tokens) {
		return Sentence{}, false
	}
	s := d.Tokens[i].Sentence
	if s < 0 || s >= len(d.Sentences) {
		return Sentence{}, false
	}
	return d.Sentences[s], true
}

// Children returns the edges whose governor is token i, in parser order.
func (s Sentence) Children(i int) []Dependency {
	var out []Dependency
	for _, e := range s.Dependencies {
		if e.Governor == i {
			out = append(out, e)
		}
	}
	return out
}

// Governors returns the edges whose dependent is token i: one for a tree
// node, more where enhanced++ adds edges, the root edge for the root.
func (s Sentence) Governors(i int) []Dependency {
	var out []Dependency
	for _, e := range s.Dependencies {
		if e.Dependent == i {
			out = append(out, e)
		}
	}
	return out
}

// Roots returns the tokens the root edges point at (normally one).
func (s Sentence) Roots() []int {
	var out []int
	for _, e := range s.Dependencies {
		if e.Governor < 0 {
			out = append(out, e.Dependent)
		}
	}
	return out
}

// MentionsIn returns the entity mentions that lie inside r.
func (d *Document) MentionsIn(r TokenRange) []EntityMention {
	var out []EntityMention
	for _, m := range d.Mentions {
		if r.Begin <= m.Tokens.Begin && m.Tokens.End <= r.End {
			out = append(out, m)
		}
	}
	return out
}

// CorefAt returns the chain and mention that token i belongs to: of the
// mentions containing i, the shortest. ok is false when no chain has one.
func (d *Document) CorefAt(i int) (chain CorefChain, mention CorefMention, ok bool) {
	best := -1
	for _, c := range d.Chains {
		for _, m := range c.Mentions {
			if m.Tokens.Contains(i) && (best < 0 || m.Tokens.Len() < best) {
				chain, mention, ok, best = c, m, true, m.Tokens.Len()
			}
		}
	}
	return chain, mention, ok
}
