package inmem

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/actorgraph/actorgraph/graph"
)

// Store is a graph held in memory. Its zero value is not usable; call New.
// It is safe for concurrent use: reads share a lock, loads take it alone,
// so a load is seen whole or not at all.
type Store struct {
	mu       sync.RWMutex
	actors   map[string]graph.Actor
	articles map[string]graph.Article
	claims   map[string]graph.Claim
	// rels holds every actor-to-actor relationship by id, with its summary.
	rels map[string]graph.Relationship
	// adj holds the ids of the relationships each actor is an end of.
	adj map[string]map[string]bool
	// edgeClaims holds the ids of the claims behind each relationship id.
	edgeClaims map[string]map[string]bool
	// articleClaims holds the ids of each article's claims.
	articleClaims map[string][]string

	calls atomic.Int64
}

var (
	_ graph.Reader = (*Store)(nil)
	_ graph.Writer = (*Store)(nil)
)

// New returns an empty graph.
func New() *Store {
	return &Store{
		actors:        map[string]graph.Actor{},
		articles:      map[string]graph.Article{},
		claims:        map[string]graph.Claim{},
		rels:          map[string]graph.Relationship{},
		adj:           map[string]map[string]bool{},
		edgeClaims:    map[string]map[string]bool{},
		articleClaims: map[string][]string{},
	}
}

// Calls returns how many calls the store has answered (reads and loads):
// the in-memory counterpart of the Neo4j store's round trips, which tests
// count to prove that nested GraphQL fields are batched.
func (s *Store) Calls() int64 { return s.calls.Load() }

// Ping implements the server's health check: memory always answers.
func (s *Store) Ping(ctx context.Context) error { return ctx.Err() }

// errTimeout is what a call whose deadline has passed fails with, as the
// Neo4j store's does.
var errTimeout = graph.Errorf(graph.ETIMEOUT, "the query ran past its time limit and was stopped")

// begin counts one call named op and fails it if ctx is already done: a
// passed deadline is ETIMEOUT, a cancellation an internal error.
func (s *Store) begin(ctx context.Context, op string) error {
	s.calls.Add(1)
	err := ctx.Err()
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s: %w: %w", op, errTimeout, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// LoadArticles implements graph.Writer. Actors are merged by id (name and
// kind replaced, aliases accumulated in order, the description replaced
// when one is given), articles replaced, the articles' earlier claims
// replaced by the new ones, and the summary of every relationship the old
// or new claims support recomputed; a relationship left without claims is
// removed.
func (s *Store) LoadArticles(ctx context.Context, loads []graph.ArticleLoad) ([]graph.LoadResult, error) {
	if err := s.begin(ctx, "load articles"); err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(loads))
	for _, l := range loads {
		if seen[l.Article.ID] {
			return nil, graph.Errorf(graph.EINVALID, "article %q appears twice in one load", l.Article.ID)
		}
		seen[l.Article.ID] = true
		for _, a := range l.Actors {
			if !a.Kind.Valid() {
				return nil, graph.Errorf(graph.EINVALID, "actor %q has unknown kind %q", a.ID, a.Kind)
			}
		}
		for _, c := range l.Claims {
			if !c.Relation.Valid() {
				return nil, graph.Errorf(graph.EINVALID, "unknown relation type %q", c.Relation)
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	touched := map[string]bool{}
	results := make([]graph.LoadResult, len(loads))
	for i, l := range loads {
		for _, a := range l.Actors {
			s.mergeActor(a)
		}
		s.articles[l.Article.ID] = l.Article
		for _, id := range s.articleClaims[l.Article.ID] {
			c := s.claims[id]
			rid := c.RelationshipID()
			delete(s.edgeClaims[rid], id)
			delete(s.claims, id)
			touched[rid] = true
		}
		ids := make([]string, len(l.Claims))
		edges := map[string]bool{}
		for j, c := range l.Claims {
			c.ArticleID = l.Article.ID
			s.claims[c.ID] = c
			ids[j] = c.ID
			rid := c.RelationshipID()
			if s.edgeClaims[rid] == nil {
				s.edgeClaims[rid] = map[string]bool{}
			}
			s.edgeClaims[rid][c.ID] = true
			touched[rid], edges[rid] = true, true
		}
		s.articleClaims[l.Article.ID] = ids
		results[i] = graph.LoadResult{ArticleID: l.Article.ID, Actors: len(l.Actors), Claims: len(l.Claims), Relationships: len(edges)}
	}
	for rid := range touched {
		s.summarise(rid)
	}
	return results, nil
}

// mergeActor upserts a as the Neo4j store's merge does.
func (s *Store) mergeActor(a graph.Actor) {
	m, ok := s.actors[a.ID]
	if !ok {
		m = graph.Actor{ID: a.ID, Aliases: []string{}}
	}
	m.Name, m.Kind = a.Name, a.Kind
	if a.Description != "" {
		m.Description = a.Description
	}
	m.Aliases = slices.Clone(m.Aliases)
	for _, al := range a.Aliases {
		if !slices.Contains(m.Aliases, al) {
			m.Aliases = append(m.Aliases, al)
		}
	}
	s.actors[a.ID] = m
}

// summarise recomputes the summary of relationship rid from its claims, or
// removes it when it has none left.
func (s *Store) summarise(rid string) {
	ids := s.edgeClaims[rid]
	if len(ids) == 0 {
		if r, ok := s.rels[rid]; ok {
			delete(s.adj[r.FromID], rid)
			delete(s.adj[r.ToID], rid)
		}
		delete(s.rels, rid)
		delete(s.edgeClaims, rid)
		return
	}
	var c graph.Claim
	r := graph.Relationship{ID: rid, ClaimIDs: make([]string, 0, len(ids)), ArticleIDs: []string{}, Modalities: []graph.Modality{}}
	mods := map[graph.Modality]bool{}
	for id := range ids {
		c = s.claims[id]
		r.ClaimIDs = append(r.ClaimIDs, id)
		if !slices.Contains(r.ArticleIDs, c.ArticleID) {
			r.ArticleIDs = append(r.ArticleIDs, c.ArticleID)
		}
		mods[c.Modality] = true
	}
	r.Type, r.FromID, r.ToID = c.Relation, c.SubjectID, c.ObjectID
	slices.Sort(r.ClaimIDs)
	slices.Sort(r.ArticleIDs)
	for _, m := range graph.Modalities { // strongest first
		if mods[m] {
			r.Modalities = append(r.Modalities, m)
		}
	}
	r.Modality = r.Modalities[0]
	s.rels[rid] = r
	for _, end := range []string{r.FromID, r.ToID} {
		if s.adj[end] == nil {
			s.adj[end] = map[string]bool{}
		}
		s.adj[end][rid] = true
	}
}

// relsOf returns the relationships of actor id that a walk in direction
// dir restricted to types (none: all) may follow, in id order.
func (s *Store) relsOf(id string, dir graph.Direction, types []graph.RelationType) []graph.Relationship {
	out := make([]graph.Relationship, 0, len(s.adj[id]))
	for rid := range s.adj[id] {
		if r := s.rels[rid]; follows(r, types) && other(r, id, dir) != "" {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// copies, so that callers cannot change what the store holds.

func actorCopy(a graph.Actor) graph.Actor {
	a.Aliases = slices.Clone(a.Aliases)
	return a
}

func relCopy(r graph.Relationship) graph.Relationship {
	r.ClaimIDs = slices.Clone(r.ClaimIDs)
	r.ArticleIDs = slices.Clone(r.ArticleIDs)
	r.Modalities = slices.Clone(r.Modalities)
	return r
}

// pick returns the values of m under ids that it holds, copied by cp (nil:
// values without slices need no copy).
func pick[V any](m map[string]V, ids []string, cp func(V) V) map[string]V {
	out := make(map[string]V, len(ids))
	for _, id := range ids {
		if v, ok := m[id]; ok {
			if cp != nil {
				v = cp(v)
			}
			out[id] = v
		}
	}
	return out
}

// sortedValues returns m's values kept by keep (nil: all) in key order,
// copied by cp (nil: as they are).
func sortedValues[V any](m map[string]V, keep func(V) bool, cp func(V) V) []V {
	keys := make([]string, 0, len(m))
	for k, v := range m {
		if keep == nil || keep(v) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := make([]V, len(keys))
	for i, k := range keys {
		if out[i] = m[k]; cp != nil {
			out[i] = cp(out[i])
		}
	}
	return out
}

// page cuts one page out of items in id order: the first p.First whose id
// sorts after p.After, and whether more follow.
func page[V any](items []V, id func(V) string, p graph.PageRequest) ([]V, bool) {
	i, _ := slices.BinarySearchFunc(items, p.After, func(v V, after string) int {
		if id(v) <= after {
			return -1
		}
		return 1
	})
	items = items[i:]
	if len(items) > p.First {
		return items[:p.First], true
	}
	return items, false
}
