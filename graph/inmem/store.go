package inmem

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
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
	// names holds each article's declarations of its actors (the NAMES
	// relationships of the Neo4j model), by article id, then actor id.
	names map[string]map[string]declaration

	// Curation (curation.go): the curators' alias additions and removals
	// by actor id, the actors merged into others (the :MergedActor nodes
	// of the Neo4j model) and the revisions, in the order written.
	aliasesAdded, aliasesRemoved map[string][]string
	merged                       map[string]mergedActor
	revisions                    []curation.Revision
	// tokens are the API tokens (tokens.go), by id.
	tokens map[string]auth.StoredToken

	calls atomic.Int64
}

var (
	_ graph.Reader = (*Store)(nil)
	_ graph.Writer = (*Store)(nil)
)

// New returns an empty graph.
func New() *Store {
	return &Store{
		actors:         map[string]graph.Actor{},
		articles:       map[string]graph.Article{},
		claims:         map[string]graph.Claim{},
		rels:           map[string]graph.Relationship{},
		adj:            map[string]map[string]bool{},
		edgeClaims:     map[string]map[string]bool{},
		articleClaims:  map[string][]string{},
		names:          map[string]map[string]declaration{},
		aliasesAdded:   map[string][]string{},
		aliasesRemoved: map[string][]string{},
		merged:         map[string]mergedActor{},
		tokens:         map[string]auth.StoredToken{},
	}
}

// declaration is one article's declaration of one actor.
type declaration struct {
	aliases     []string
	description string
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

// LoadArticles implements graph.Writer, in the Neo4j store's steps: the
// actors are merged by id (name and kind replaced, the description
// replaced when one is given), the articles replaced, their earlier claims
// and declarations replaced by the new ones; each actor gains the aliases
// the new declarations give, and an actor that lost one (a reloaded
// article no longer declares it) has its aliases recomputed from every
// article's declarations. Every relationship the old or new claims support
// is summarised again from its claims; one left without claims is
// removed.
func (s *Store) LoadArticles(ctx context.Context, loads []graph.ArticleLoad) ([]graph.LoadResult, error) {
	if err := s.begin(ctx, "load articles"); err != nil {
		return nil, err
	}
	if err := checkLoads(loads); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.load(loads), nil
}

// checkLoads refuses what a store cannot write: an article twice, an
// unknown kind, relation type or certainty.
func checkLoads(loads []graph.ArticleLoad) error {
	seen := make(map[string]bool, len(loads))
	for _, l := range loads {
		if seen[l.Article.ID] {
			return graph.Errorf(graph.EINVALID, "article %q appears twice in one load", l.Article.ID)
		}
		seen[l.Article.ID] = true
		for _, a := range l.Actors {
			if !a.Kind.Valid() {
				return graph.Errorf(graph.EINVALID, "actor %q has unknown kind %q", a.ID, a.Kind)
			}
		}
		for _, c := range l.Claims {
			if !c.Relation.Valid() {
				return graph.Errorf(graph.EINVALID, "claim %q has unknown relation type %q", c.ID, c.Relation)
			}
			if !c.Certainty.Valid() {
				return graph.Errorf(graph.EINVALID, "claim %q has unknown certainty %q", c.ID, c.Certainty)
			}
		}
	}
	return nil
}

// load writes checked loads; the caller holds the lock.
func (s *Store) load(loads []graph.ArticleLoad) []graph.LoadResult {
	for _, l := range loads {
		for _, a := range l.Actors {
			s.mergeActor(a)
		}
	}
	touched := map[string]bool{}
	old := map[string][]string{} // actor id → aliases the replaced declarations gave
	for _, l := range loads {
		s.articles[l.Article.ID] = l.Article
		for _, id := range s.articleClaims[l.Article.ID] {
			c := s.claims[id]
			rid := c.RelationshipID()
			delete(s.edgeClaims[rid], id)
			delete(s.claims, id)
			touched[rid] = true
		}
		for actor, d := range s.names[l.Article.ID] {
			old[actor] = append(old[actor], d.aliases...)
		}
		delete(s.names, l.Article.ID)
	}
	results := make([]graph.LoadResult, len(loads))
	for i, l := range loads {
		ids := make([]string, len(l.Claims))
		edges := map[string]bool{}
		for j, c := range l.Claims {
			c = c.Stored(l.Article)
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
	s.nameActors(loads, old)
	for rid := range touched {
		s.summarise(rid)
	}
	return results
}

// mergeActor upserts a as the Neo4j store's merge does; a new actor has
// no aliases until an article declares some (nameActors).
func (s *Store) mergeActor(a graph.Actor) {
	m, ok := s.actors[a.ID]
	if !ok {
		m = graph.Actor{ID: a.ID, Aliases: []string{}, Version: 1}
	}
	m.Name, m.Kind = a.Name, a.Kind
	if a.Description != "" {
		m.Description = a.Description
	}
	s.actors[a.ID] = m
}

// nameActors records the loads' declarations of their actors and brings
// the actors' aliases up to date as the Neo4j store does: the aliases
// declared are added to each actor's, distinct and in the order first
// declared; an actor one of whose old aliases (old) the load no longer
// declares gets the union of every article's declarations instead, in
// article id order.
func (s *Store) nameActors(loads []graph.ArticleLoad, old map[string][]string) {
	now := map[string][]string{}
	for _, l := range loads {
		for _, a := range l.Actors {
			if s.names[l.Article.ID] == nil {
				s.names[l.Article.ID] = map[string]declaration{}
			}
			s.names[l.Article.ID][a.ID] = declaration{aliases: slices.Clone(a.Aliases), description: a.Description}
			for _, al := range a.Aliases {
				now[a.ID] = appendNew(now[a.ID], al)
			}
		}
	}
	for id, aliases := range now {
		m := s.actors[id]
		m.Aliases = slices.Clone(m.Aliases)
		for _, al := range aliases {
			m.Aliases = appendNew(m.Aliases, al)
		}
		m.Aliases = s.curated(id, m.Aliases)
		s.actors[id] = m
	}
	for id, aliases := range old {
		if !slices.ContainsFunc(aliases, func(al string) bool { return !slices.Contains(now[id], al) }) {
			continue
		}
		articles := make([]string, 0, len(s.names))
		for art, ds := range s.names {
			if _, ok := ds[id]; ok {
				articles = append(articles, art)
			}
		}
		slices.Sort(articles)
		union := []string{}
		for _, art := range articles {
			for _, al := range s.names[art][id].aliases {
				union = appendNew(union, al)
			}
		}
		m := s.actors[id]
		m.Aliases = s.curated(id, union)
		s.actors[id] = m
	}
}

func appendNew(l []string, s string) []string {
	if slices.Contains(l, s) {
		return l
	}
	return append(l, s)
}

// summarise recomputes the summary of relationship rid from its
// unretracted claims, as the Neo4j store writes it (every list sorted and
// distinct, a count per certainty), or removes the relationship when it
// has none left.
func (s *Store) summarise(rid string) {
	ids := map[string]bool{}
	for id := range s.edgeClaims[rid] {
		if !s.claims[id].Retracted {
			ids[id] = true
		}
	}
	if len(s.edgeClaims[rid]) == 0 {
		delete(s.edgeClaims, rid)
	}
	if len(ids) == 0 {
		if r, ok := s.rels[rid]; ok {
			delete(s.adj[r.FromID], rid)
			delete(s.adj[r.ToID], rid)
		}
		delete(s.rels, rid)
		return
	}
	var c graph.Claim
	r := graph.Relationship{ID: rid}
	counts := map[graph.Certainty]int{}
	var sources, sentences, intervals []string
	for id := range ids {
		c = s.claims[id]
		a := s.articles[c.ArticleID]
		r.ClaimIDs = append(r.ClaimIDs, id)
		r.ArticleIDs = appendNew(r.ArticleIDs, c.ArticleID)
		sources = appendNew(sources, c.Source)
		sentences = appendNew(sentences, c.ArticleID+":"+strconv.Itoa(c.Sentence.Start))
		if c.Valid.Placed() {
			intervals = appendNew(intervals, c.Valid.String())
		}
		counts[c.Certainty]++
		if c.OwnStatement {
			r.OwnStatements++
		}
		if c.Conditional {
			r.Conditionals++
		}
		if p := a.PublishedAt; p != "" {
			if r.FirstReported == "" || p < r.FirstReported {
				r.FirstReported = p
			}
			r.LastReported = max(r.LastReported, p)
		}
	}
	r.Type, r.FromID, r.ToID = c.Relation, c.SubjectID, c.ObjectID
	slices.Sort(r.ClaimIDs)
	slices.Sort(r.ArticleIDs)
	slices.Sort(sources)
	slices.Sort(intervals)
	r.SourceIDs, r.SentenceCount, r.Intervals = sources, len(sentences), nonNil(intervals)
	r.CertaintyCounts = make([]graph.CertaintyCount, len(graph.Certainties))
	for i, cert := range graph.Certainties { // firmest first
		r.CertaintyCounts[i] = graph.CertaintyCount{Certainty: cert, Count: counts[cert]}
		if counts[cert] > 0 && r.Certainty == "" {
			r.Certainty = cert
		}
	}
	s.rels[rid] = r
	for _, end := range []string{r.FromID, r.ToID} {
		if s.adj[end] == nil {
			s.adj[end] = map[string]bool{}
		}
		s.adj[end][rid] = true
	}
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// relsOf returns the relationships of actor id that a walk in direction
// dir restricted to types (none: all) and to relationships whose claims
// match ev may follow, in id order.
func (s *Store) relsOf(id string, dir graph.Direction, types []graph.RelationType, ev graph.EvidenceFilter) []graph.Relationship {
	out := make([]graph.Relationship, 0, len(s.adj[id]))
	for rid := range s.adj[id] {
		if r := s.rels[rid]; follows(r, types) && ev.Matches(r) && other(r, id, dir) != "" {
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
	r.CertaintyCounts = slices.Clone(r.CertaintyCounts)
	r.SourceIDs = slices.Clone(r.SourceIDs)
	r.Intervals = slices.Clone(r.Intervals)
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
