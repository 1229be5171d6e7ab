package inmem

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Claims implements graph.Reader. Every field of the filter but the text
// is graph.ClaimFilter.Matches. The text is matched word by word against
// the quote's words with the scorer Search uses (an exact word, a prefix,
// a word within one or two edits: the terms the Neo4j store asks its
// full-text index for), so a search finds the claims the index finds for
// ordinary words; scores differ from the index's, so near ties may be
// ordered differently, and words the index splits otherwise (with an
// apostrophe inside, say) may match differently.
func (s *Store) Claims(ctx context.Context, f graph.ClaimFilter, p graph.PageRequest) (graph.ClaimPage, error) {
	if err := s.begin(ctx, "claims"); err != nil {
		return graph.ClaimPage{}, err
	}
	if err := p.Validate(); err != nil {
		return graph.ClaimPage{}, err
	}
	if err := f.Validate(); err != nil {
		return graph.ClaimPage{}, err
	}
	skip := 0
	if f.Text != "" && p.After != "" {
		n, err := strconv.Atoi(p.After)
		if err != nil || n < 0 {
			return graph.ClaimPage{}, graph.Errorf(graph.EINVALID, "after is not a position in this search")
		}
		skip = n
	}
	words := graph.SearchWords(f.Text)
	type hit struct {
		c     graph.Claim
		score float64
	}
	var hits []hit
	s.mu.RLock()
	for _, c := range s.claims {
		if !f.Matches(c, s.articles[c.ArticleID]) {
			continue
		}
		h := hit{c: c}
		if f.Text != "" {
			if h.score = fieldScore(words, fieldWords(c.Quote)); h.score == 0 {
				continue
			}
		}
		hits = append(hits, h)
	}
	s.mu.RUnlock()
	slices.SortFunc(hits, func(x, y hit) int { return cmp.Or(cmp.Compare(y.score, x.score), strings.Compare(x.c.ID, y.c.ID)) })
	out := graph.ClaimPage{TotalCount: len(hits), Claims: []graph.Claim{}}
	if f.Text != "" {
		hits = hits[min(skip, len(hits)):]
	} else {
		i, _ := slices.BinarySearchFunc(hits, p.After, func(h hit, after string) int {
			if h.c.ID <= after {
				return -1
			}
			return 1
		})
		hits = hits[i:]
	}
	if len(hits) > p.First {
		hits, out.HasNextPage = hits[:p.First], true
	}
	for _, h := range hits {
		out.Claims = append(out.Claims, h.c)
	}
	return out, nil
}
