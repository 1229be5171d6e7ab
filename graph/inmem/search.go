package inmem

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// Search implements graph.Reader over the words of names and aliases. It
// looks for the text's graph.SearchWords, as the Neo4j store does, and
// scores each word as the store's Lucene query
// weighs it: an exact word 4, a prefix of a word 2 (words of three letters
// or more), a word within one edit (five to seven letters) or two (longer)
// 1; summed over the words and over the name and the aliases, each
// weighed down by its length as full-text scoring does. An actor whose
// name or an alias is the whole text comes first.
func (s *Store) Search(ctx context.Context, text string, first int) ([]graph.SearchHit, error) {
	if err := s.begin(ctx, "search"); err != nil {
		return nil, err
	}
	words := graph.SearchWords(text)
	if len(words) == 0 {
		return nil, graph.ErrNoSearchWords
	}
	exact := strings.ToLower(strings.Join(strings.Fields(text), " "))
	type hit struct {
		graph.SearchHit
		exact bool
	}
	var hits []hit
	s.mu.RLock()
	for _, a := range s.actors {
		score := fieldScore(words, fieldWords(a.Name)) + fieldScore(words, fieldWords(strings.Join(a.Aliases, "\n")))
		if score == 0 {
			continue
		}
		h := hit{SearchHit: graph.SearchHit{Actor: actorCopy(a), Score: score}, exact: strings.ToLower(a.Name) == exact}
		for _, al := range a.Aliases {
			h.exact = h.exact || strings.ToLower(al) == exact
		}
		hits = append(hits, h)
	}
	s.mu.RUnlock()
	slices.SortFunc(hits, func(x, y hit) int {
		if x.exact != y.exact {
			if x.exact {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(y.Score, x.Score), strings.Compare(x.Actor.ID, y.Actor.ID))
	})
	out := make([]graph.SearchHit, 0, min(len(hits), max(first, 0)))
	for _, h := range hits[:min(len(hits), max(first, 0))] {
		out = append(out, h.SearchHit)
	}
	return out, nil
}

// fieldWords splits a name or the aliases into lower-case words of letters
// and digits, as the full-text index does.
func fieldWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// fieldScore is how well the query words match one field's words.
func fieldScore(words, field []string) float64 {
	if len(field) == 0 {
		return 0
	}
	var sum float64
	for _, w := range words {
		n := len([]rune(w))
		var exact, prefix, fuzzy bool
		for _, f := range field {
			exact = exact || f == w
			prefix = prefix || n >= 3 && strings.HasPrefix(f, w)
			fuzzy = fuzzy || n >= 5 && edits(w, f, 2) <= fuzziness(n)
		}
		if exact {
			sum += 4
		}
		if prefix {
			sum += 2
		}
		if fuzzy {
			sum++
		}
	}
	return sum / (1 + 0.1*float64(len(field)))
}

// fuzziness is how many edits a query word of n letters tolerates.
func fuzziness(n int) int {
	if n <= 7 {
		return 1
	}
	return 2
}

// edits returns the edit distance between a and b (insertions, deletions,
// substitutions and transpositions of neighbours, each one edit), or
// limit+1 when it is larger than limit.
func edits(a, b string, limit int) int {
	x, y := []rune(a), []rune(b)
	if d := len(x) - len(y); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
