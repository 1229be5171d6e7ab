package inmem

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// AliasConflicts implements graph.Writer as the Neo4j store answers it:
// an actor other than the one a name is declared for has the name when it
// is its own name, or an alias some article outside replacing declares,
// or an alias no article declares at all (one written outside any claims
// file). Names compare by graph.NameKey; each key counts once, for the
// first actor the load declares it for.
func (s *Store) AliasConflicts(ctx context.Context, names []graph.ActorName, replacing []string) ([]graph.AliasConflict, error) {
	if err := s.begin(ctx, "alias conflicts"); err != nil {
		return nil, err
	}
	owner, written := map[string]string{}, map[string]string{}
	for _, n := range names {
		k := graph.NameKey(n.Name)
		if _, ok := owner[k]; k != "" && !ok {
			owner[k], written[k] = n.ActorID, n.Name
		}
	}
	if len(owner) == 0 {
		return nil, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []graph.AliasConflict{}
	for _, y := range s.actors {
		keys := map[string]bool{graph.NameKey(y.Name): true}
		for _, al := range y.Aliases {
			keys[graph.NameKey(al)] = true
		}
		for k := range keys {
			if o, ok := owner[k]; !ok || o == y.ID || !s.hasName(y, k, replacing) {
				continue
			}
			out = append(out, graph.AliasConflict{Name: written[k], ActorID: owner[k], OtherID: y.ID, OtherName: y.Name})
		}
	}
	slices.SortFunc(out, func(a, b graph.AliasConflict) int {
		return cmp.Or(strings.Compare(graph.NameKey(a.Name), graph.NameKey(b.Name)), strings.Compare(a.OtherID, b.OtherID))
	})
	return out, nil
}

// hasName reports whether actor y holds the name with key k apart from
// the declarations of the articles in replacing.
func (s *Store) hasName(y graph.Actor, k string, replacing []string) bool {
	if graph.NameKey(y.Name) == k {
		return true
	}
	declared := false
	for art, ds := range s.names {
		d, ok := ds[y.ID]
		if !ok || !slices.ContainsFunc(d.aliases, func(al string) bool { return graph.NameKey(al) == k }) {
			continue
		}
		if !slices.Contains(replacing, art) {
			return true
		}
		declared = true
	}
	return !declared
}

// CuratedArticles implements graph.Writer as the Neo4j store answers it:
// a claim at a version above 1, or retracted, was changed through the API
// since its article was loaded or committed.
func (s *Store) CuratedArticles(ctx context.Context, ids []string) ([]graph.CuratedArticle, error) {
	if err := s.begin(ctx, "curated articles"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []graph.CuratedArticle{}
	for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
		a := graph.CuratedArticle{ArticleID: id}
		for _, cid := range s.articleClaims[id] {
			a.Claims++
			if c := s.claims[cid]; c.Version > 1 || c.Retracted {
				a.Curated++
			}
		}
		if a.Curated > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}
