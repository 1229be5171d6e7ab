package inmem

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// ActorsByID implements graph.Reader.
func (s *Store) ActorsByID(ctx context.Context, ids []string) (map[string]graph.Actor, error) {
	if err := s.begin(ctx, "actors by id"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return pick(s.actors, ids, actorCopy), nil
}

// Actors implements graph.Reader. NameContains matches the name or an
// alias, case-insensitively.
func (s *Store) Actors(ctx context.Context, f graph.ActorFilter, p graph.PageRequest) (graph.ActorPage, error) {
	if err := s.begin(ctx, "actors"); err != nil {
		return graph.ActorPage{}, err
	}
	if err := p.Validate(); err != nil {
		return graph.ActorPage{}, err
	}
	contains := strings.ToLower(f.NameContains)
	s.mu.RLock()
	all := sortedValues(s.actors, func(a graph.Actor) bool {
		if f.Kind != "" && a.Kind != f.Kind {
			return false
		}
		if contains == "" || strings.Contains(strings.ToLower(a.Name), contains) {
			return true
		}
		return slices.ContainsFunc(a.Aliases, func(x string) bool { return strings.Contains(strings.ToLower(x), contains) })
	}, actorCopy)
	s.mu.RUnlock()
	actors, more := page(all, func(a graph.Actor) string { return a.ID }, p)
	return graph.ActorPage{Actors: actors, HasNextPage: more, TotalCount: len(all)}, nil
}

// RelationshipsOf implements graph.Reader.
func (s *Store) RelationshipsOf(ctx context.Context, ids []string, dir graph.Direction, types []graph.RelationType) (map[string][]graph.Relationship, error) {
	if err := s.begin(ctx, "relationships of actors"); err != nil {
		return nil, err
	}
	if err := checkDirection(dir); err != nil {
		return nil, err
	}
	if err := graph.ValidateRelationTypes(types); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string][]graph.Relationship, len(ids))
	for _, id := range ids {
		if _, ok := s.actors[id]; !ok {
			continue
		}
		rels := s.relsOf(id, dir, types, graph.EvidenceFilter{})
		for i := range rels {
			rels[i] = relCopy(rels[i])
		}
		out[id] = rels
	}
	return out, nil
}

// Relationships implements graph.Reader.
func (s *Store) Relationships(ctx context.Context, f graph.RelationshipFilter, p graph.PageRequest) (graph.RelationshipPage, error) {
	if err := s.begin(ctx, "relationships"); err != nil {
		return graph.RelationshipPage{}, err
	}
	if err := p.Validate(); err != nil {
		return graph.RelationshipPage{}, err
	}
	if f.Type != "" {
		if err := graph.ValidateRelationTypes([]graph.RelationType{f.Type}); err != nil {
			return graph.RelationshipPage{}, err
		}
	}
	if err := f.Evidence.Validate(); err != nil {
		return graph.RelationshipPage{}, err
	}
	s.mu.RLock()
	all := sortedValues(s.rels, func(r graph.Relationship) bool {
		switch {
		case f.Type != "" && r.Type != f.Type,
			!f.Evidence.Matches(r),
			f.FromID != "" && r.FromID != f.FromID,
			f.ToID != "" && r.ToID != f.ToID:
			return false
		case f.AttributedTo == "":
			return true
		}
		return slices.ContainsFunc(r.ClaimIDs, func(id string) bool { return s.claims[id].AttributedToID == f.AttributedTo })
	}, relCopy)
	s.mu.RUnlock()
	rels, more := page(all, func(r graph.Relationship) string { return r.ID }, p)
	return graph.RelationshipPage{Relationships: rels, HasNextPage: more, TotalCount: len(all)}, nil
}

// ClaimsByID implements graph.Reader.
func (s *Store) ClaimsByID(ctx context.Context, ids []string) (map[string]graph.Claim, error) {
	if err := s.begin(ctx, "claims by id"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return pick(s.claims, ids, nil), nil
}

// ClaimsOfArticles implements graph.Reader.
func (s *Store) ClaimsOfArticles(ctx context.Context, articleIDs []string) (map[string][]graph.Claim, error) {
	if err := s.begin(ctx, "claims of articles"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string][]graph.Claim, len(articleIDs))
	for _, a := range articleIDs {
		ids := s.articleClaims[a]
		if len(ids) == 0 {
			continue
		}
		cs := make([]graph.Claim, len(ids))
		for i, id := range ids {
			cs[i] = s.claims[id]
		}
		slices.SortFunc(cs, func(x, y graph.Claim) int {
			return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.ID, y.ID))
		})
		out[a] = cs
	}
	return out, nil
}

// ArticlesByID implements graph.Reader.
func (s *Store) ArticlesByID(ctx context.Context, ids []string) (map[string]graph.Article, error) {
	if err := s.begin(ctx, "articles by id"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return pick(s.articles, ids, nil), nil
}

// Articles implements graph.Reader.
func (s *Store) Articles(ctx context.Context) ([]graph.Article, error) {
	if err := s.begin(ctx, "articles"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return sortedValues(s.articles, nil, nil), nil
}

// WholeGraph returns every actor and every relationship, in id order, as
// the Neo4j store's WholeGraph does; with it the store is an export.Source.
func (s *Store) WholeGraph(ctx context.Context) (graph.Subgraph, error) {
	if err := s.begin(ctx, "whole graph"); err != nil {
		return graph.Subgraph{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return graph.Subgraph{Nodes: sortedValues(s.actors, nil, actorCopy), Edges: sortedValues(s.rels, nil, relCopy)}, nil
}

// Stats counts what the graph holds.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	if err := s.begin(ctx, "stats"); err != nil {
		return graph.Stats{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return graph.Stats{Actors: len(s.actors), Articles: len(s.articles), Claims: len(s.claims), Relationships: len(s.rels)}, nil
}

// checkDirection refuses a direction the store does not know; "" is Both.
func checkDirection(d graph.Direction) error {
	if d != "" && !d.Valid() {
		return graph.Errorf(graph.EINVALID, "unknown direction %q", d)
	}
	return nil
}

// follows reports whether a walk restricted to types (none: all) may
// follow r.
func follows(r graph.Relationship, types []graph.RelationType) bool {
	return len(types) == 0 || slices.Contains(types, r.Type)
}

// other returns the actor r leads to when walked from id in direction dir,
// or "" when it cannot be walked that way (or does not touch id).
func other(r graph.Relationship, id string, dir graph.Direction) string {
	switch {
	case r.FromID == id && dir != graph.Incoming:
		return r.ToID
	case r.ToID == id && dir != graph.Outgoing:
		return r.FromID
	}
	return ""
}

// NetworkEdges implements graph.Reader.
func (s *Store) NetworkEdges(ctx context.Context, types []graph.RelationType, ev graph.EvidenceFilter) ([]graph.NetworkEdge, error) {
	if err := s.begin(ctx, "network"); err != nil {
		return nil, err
	}
	if err := graph.ValidateRelationTypes(types); err != nil {
		return nil, err
	}
	if err := ev.Validate(); err != nil {
		return nil, err
	}
	page, err := s.Relationships(ctx, graph.RelationshipFilter{Evidence: ev}, graph.PageRequest{First: math.MaxInt32})
	if err != nil {
		return nil, err
	}
	out := make([]graph.NetworkEdge, 0, len(page.Relationships))
	for _, r := range page.Relationships {
		if len(types) == 0 || slices.Contains(types, r.Type) {
			out = append(out, graph.NetworkEdgeOf(r))
		}
	}
	return out, nil
}

// ArticleIDs implements graph.Reader.
func (s *Store) ArticleIDs(ctx context.Context) ([]string, error) {
	if err := s.begin(ctx, "article ids"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, 0, len(s.articles))
	for id := range s.articles {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// Declarations implements graph.Reader.
func (s *Store) Declarations(ctx context.Context, articleIDs []string) (map[string][]graph.Actor, error) {
	if err := s.begin(ctx, "declarations"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string][]graph.Actor, len(articleIDs))
	for _, art := range articleIDs {
		ds := s.names[art]
		if len(ds) == 0 {
			continue
		}
		ids := make([]string, 0, len(ds))
		for id := range ds {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			a := s.actors[id]
			out[art] = append(out[art], graph.Actor{ID: id, Name: a.Name, Kind: a.Kind,
				Aliases: append([]string{}, ds[id].aliases...), Description: ds[id].description})
		}
	}
	return out, nil
}
