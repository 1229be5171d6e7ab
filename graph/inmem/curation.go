package inmem

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
)

var _ curation.Store = (*Store)(nil)

// mergedActor is an actor merged into another: no longer an actor to any
// read, kept so that the merge can be undone.
type mergedActor struct {
	actor      graph.Actor
	mergedInto string
}

// curated applies the curators' alias changes of actor id to the aliases
// the articles declare: removals dropped, additions appended (compared as
// written, as the Neo4j store does).
func (s *Store) curated(id string, declared []string) []string {
	out := []string{}
	for _, al := range declared {
		if !slices.Contains(s.aliasesRemoved[id], al) {
			out = append(out, al)
		}
	}
	for _, al := range s.aliasesAdded[id] {
		if !slices.Contains(out, al) {
			out = append(out, al)
		}
	}
	return out
}

func containsKey(l []string, name string) bool {
	k := graph.NameKey(name)
	return slices.ContainsFunc(l, func(x string) bool { return graph.NameKey(x) == k })
}

// declared returns the union of every article's declared aliases of actor
// id, in article id order.
func (s *Store) declared(id string) []string {
	var arts []string
	for art, ds := range s.names {
		if _, ok := ds[id]; ok {
			arts = append(arts, art)
		}
	}
	slices.Sort(arts)
	out := []string{}
	for _, art := range arts {
		for _, al := range s.names[art][id].aliases {
			out = appendNew(out, al)
		}
	}
	return out
}

// CommitArticle implements curation.Store: LoadArticles' work and the
// revision, under one lock.
func (s *Store) CommitArticle(ctx context.Context, load graph.ArticleLoad, replace bool, rev curation.Revision) error {
	if err := s.begin(ctx, "commit article"); err != nil {
		return err
	}
	if err := checkLoads([]graph.ArticleLoad{load}); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.articles[load.Article.ID]; exists && !replace {
		return graph.Errorf(graph.EINVALID, "article %q is already in the graph: send replace: true to replace it and its claims", load.Article.ID)
	}
	for _, a := range load.Actors {
		if _, ok := s.actors[a.ID]; ok && !replace {
			return graph.Errorf(graph.EINVALID, "actor %q is already in the graph", a.ID)
		}
	}
	s.load([]graph.ArticleLoad{load})
	s.revisions = append(s.revisions, rev)
	return nil
}

// ChangeClaim implements curation.Store.
func (s *Store) ChangeClaim(ctx context.Context, c graph.Claim, expected int, rev curation.Revision) (graph.Claim, error) {
	if err := s.begin(ctx, "change claim"); err != nil {
		return graph.Claim{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.claims[c.ID]
	if !ok {
		return graph.Claim{}, graph.Errorf(graph.ENOTFOUND, "no claim %q", c.ID)
	}
	if old.Version != expected {
		return graph.Claim{}, curation.ConflictError("claim", c.ID, old.Version, expected)
	}
	for _, id := range []string{c.SubjectID, c.ObjectID, c.AttributedToID} {
		if _, ok := s.actors[id]; id != "" && !ok {
			return graph.Claim{}, graph.Errorf(graph.ENOTFOUND, "no actor %q", id)
		}
	}
	c.ArticleID = old.ArticleID
	c.Version = expected + 1
	c = c.Stored(s.articles[c.ArticleID])
	s.putClaim(old, c)
	s.revisions = append(s.revisions, rev)
	return c, nil
}

// putClaim replaces claim old by c and brings the summaries of the
// relationships either supports up to date.
func (s *Store) putClaim(old, c graph.Claim) {
	orid, nrid := old.RelationshipID(), c.RelationshipID()
	delete(s.edgeClaims[orid], old.ID)
	if s.edgeClaims[nrid] == nil {
		s.edgeClaims[nrid] = map[string]bool{}
	}
	s.edgeClaims[nrid][c.ID] = true
	s.claims[c.ID] = c
	s.summarise(orid)
	s.summarise(nrid)
}

// CreateActor implements curation.Store.
func (s *Store) CreateActor(ctx context.Context, a graph.Actor, rev curation.Revision) (graph.Actor, error) {
	if err := s.begin(ctx, "create actor"); err != nil {
		return graph.Actor{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.actors[a.ID]; ok {
		return graph.Actor{}, graph.Errorf(graph.EINVALID, "actor %q is already in the graph", a.ID)
	}
	if err := s.namesFree(a); err != nil {
		return graph.Actor{}, err
	}
	a.Version = 1
	a.Aliases = nonNil(slices.Clone(a.Aliases))
	s.aliasesAdded[a.ID] = slices.Clone(a.Aliases)
	s.actors[a.ID] = a
	s.revisions = append(s.revisions, rev)
	return actorCopy(a), nil
}

// namesFree returns EINVALID when another actor has a's name or an alias
// of a: the check the Service made, repeated under the lock.
func (s *Store) namesFree(a graph.Actor) error {
	for _, y := range s.actors {
		if y.ID == a.ID {
			continue
		}
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			if graph.NameKey(n) == graph.NameKey(y.Name) || containsKey(y.Aliases, n) {
				return graph.Errorf(graph.EINVALID, "name or alias %q of actor %q is already a name or alias of actor %q (%s) in the graph: an alias may name one actor only", n, a.ID, y.ID, y.Name)
			}
		}
	}
	return nil
}

// ChangeActor implements curation.Store.
func (s *Store) ChangeActor(ctx context.Context, a graph.Actor, expected int, rev curation.Revision) (graph.Actor, error) {
	if err := s.begin(ctx, "change actor"); err != nil {
		return graph.Actor{}, err
	}
	if !a.Kind.Valid() {
		return graph.Actor{}, graph.Errorf(graph.EINVALID, "unknown actor kind %q", a.Kind)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.actors[a.ID]
	if !ok {
		return graph.Actor{}, graph.Errorf(graph.ENOTFOUND, "no actor %q", a.ID)
	}
	if old.Version != expected {
		return graph.Actor{}, curation.ConflictError("actor", a.ID, old.Version, expected)
	}
	if err := s.namesFree(a); err != nil {
		return graph.Actor{}, err
	}
	added, removed := curation.SplitAliases(s.declared(a.ID), a.Aliases)
	s.aliasesAdded[a.ID], s.aliasesRemoved[a.ID] = added, removed
	a.Aliases = nonNil(slices.Clone(a.Aliases))
	a.Version = expected + 1
	s.actors[a.ID] = a
	s.revisions = append(s.revisions, rev)
	return actorCopy(a), nil
}

// MergeActors implements curation.Store.
func (s *Store) MergeActors(ctx context.Context, keepID, removeID string, rev curation.Revision) (curation.MergeResult, error) {
	if err := s.begin(ctx, "merge actors"); err != nil {
		return curation.MergeResult{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	keep, ok1 := s.actors[keepID]
	remove, ok2 := s.actors[removeID]
	switch {
	case !ok1:
		return curation.MergeResult{}, graph.Errorf(graph.ENOTFOUND, "no actor %q", keepID)
	case !ok2:
		return curation.MergeResult{}, graph.Errorf(graph.ENOTFOUND, "no actor %q", removeID)
	}
	var ids []string
	for _, id := range sortedKeys(s.claims) {
		c := s.claims[id]
		if (c.SubjectID == keepID && c.ObjectID == removeID) || (c.SubjectID == removeID && c.ObjectID == keepID) {
			ids = append(ids, id)
		}
	}
	if len(ids) > 0 {
		return curation.MergeResult{}, curation.SelfLinkError(keepID, removeID, ids)
	}
	rec := curation.MergeRecord{
		Keep: s.state(keep), Removed: s.state(remove),
		Subject: map[string]int{}, Object: map[string]int{}, AttributedTo: map[string]int{},
	}
	var moved []graph.Claim
	for _, id := range sortedKeys(s.claims) {
		old := s.claims[id]
		c := old
		if c.SubjectID == removeID {
			c.SubjectID = keepID
		}
		if c.ObjectID == removeID {
			c.ObjectID = keepID
		}
		if c.AttributedToID == removeID {
			c.AttributedToID = keepID
			c.Source = graph.SourceOf(keepID, c.ArticleID, s.articles[c.ArticleID].Source)
		}
		if c == old {
			continue
		}
		c.Version++
		s.putClaim(old, c)
		moved = append(moved, c)
		if old.SubjectID == removeID {
			rec.Subject[id] = c.Version
		}
		if old.ObjectID == removeID {
			rec.Object[id] = c.Version
		}
		if old.AttributedToID == removeID {
			rec.AttributedTo[id] = c.Version
		}
	}
	for _, n := range append([]string{remove.Name}, remove.Aliases...) {
		if graph.NameKey(n) != graph.NameKey(keep.Name) && !containsKey(keep.Aliases, n) {
			keep.Aliases = append(slices.Clone(keep.Aliases), n)
			s.aliasesAdded[keepID] = append(s.aliasesAdded[keepID], n)
		}
	}
	keep.Version++
	rec.KeepVersion = keep.Version
	s.actors[keepID] = keep
	delete(s.actors, removeID)
	delete(s.adj, removeID)
	s.merged[removeID] = mergedActor{actor: remove, mergedInto: keepID}
	fillMerge(&rev, rec, moved)
	s.revisions = append(s.revisions, rev)
	return curation.MergeResult{Keep: actorCopy(keep), RemovedID: removeID, Claims: nonNilClaims(moved), Revision: rev}, nil
}

// UnmergeActors implements curation.Store.
func (s *Store) UnmergeActors(ctx context.Context, merge curation.Revision, rev curation.Revision) (curation.MergeResult, error) {
	if err := s.begin(ctx, "unmerge actors"); err != nil {
		return curation.MergeResult{}, err
	}
	var rec curation.MergeRecord
	if err := json.Unmarshal([]byte(merge.Before), &rec); err != nil {
		return curation.MergeResult{}, graph.Errorf(graph.EINTERNAL, "revision %q holds no merge record: %v", merge.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.revisions {
		if r.Undoes == merge.ID {
			return curation.MergeResult{}, graph.Errorf(graph.EINVALID, "merge %q was already undone by revision %q", merge.ID, r.ID)
		}
	}
	keep, ok := s.actors[rec.Keep.ID]
	if !ok {
		return curation.MergeResult{}, graph.Errorf(graph.ECONFLICT, "actor %q, which the merge kept, is no longer an actor", rec.Keep.ID)
	}
	if keep.Version != rec.KeepVersion {
		return curation.MergeResult{}, curation.ConflictError("actor", keep.ID, keep.Version, rec.KeepVersion)
	}
	if _, ok := s.actors[rec.Removed.ID]; ok {
		return curation.MergeResult{}, graph.Errorf(graph.ECONFLICT, "actor %q is an actor again (an article declaring it was loaded since the merge)", rec.Removed.ID)
	}
	ids := rec.ClaimIDs()
	for _, id := range ids {
		want := rec.VersionOf(id)
		c, ok := s.claims[id]
		if !ok {
			return curation.MergeResult{}, graph.Errorf(graph.ECONFLICT, "claim %q, which the merge moved, is gone (its article was replaced)", id)
		}
		if c.Version != want {
			return curation.MergeResult{}, curation.ConflictError("claim", id, c.Version, want)
		}
	}
	removed := graph.Actor{ID: rec.Removed.ID, Name: rec.Removed.Name, Kind: graph.ActorKind(rec.Removed.Kind),
		Description: rec.Removed.Description, Aliases: nonNil(slices.Clone(rec.Removed.Aliases)), Version: rec.Removed.Version + 1}
	s.actors[removed.ID] = removed
	s.aliasesAdded[removed.ID], s.aliasesRemoved[removed.ID] = rec.Removed.AliasesAdded, rec.Removed.AliasesRemoved
	delete(s.merged, removed.ID)
	keep.Aliases = nonNil(slices.Clone(rec.Keep.Aliases))
	s.aliasesAdded[keep.ID], s.aliasesRemoved[keep.ID] = rec.Keep.AliasesAdded, rec.Keep.AliasesRemoved
	keep.Version++
	s.actors[keep.ID] = keep
	var moved []graph.Claim
	for _, id := range ids {
		old := s.claims[id]
		c := old
		if _, ok := rec.Subject[id]; ok {
			c.SubjectID = removed.ID
		}
		if _, ok := rec.Object[id]; ok {
			c.ObjectID = removed.ID
		}
		if _, ok := rec.AttributedTo[id]; ok {
			c.AttributedToID = removed.ID
			c.Source = graph.SourceOf(removed.ID, c.ArticleID, s.articles[c.ArticleID].Source)
		}
		c.Version++
		s.putClaim(old, c)
		moved = append(moved, c)
	}
	rev.Targets = merge.Targets
	rev.Before = merge.After
	rev.After = asJSON(map[string]any{"keep": keep.ID, "restored": removed.ID, "claims": len(moved)})
	s.revisions = append(s.revisions, rev)
	r := actorCopy(removed)
	return curation.MergeResult{Keep: actorCopy(keep), RemovedID: removed.ID, Removed: &r, Claims: nonNilClaims(moved), Revision: rev}, nil
}

// state is an actor as a merge record keeps it.
func (s *Store) state(a graph.Actor) curation.ActorState {
	return curation.ActorState{ID: a.ID, Name: a.Name, Kind: string(a.Kind), Description: a.Description,
		Aliases: nonNil(slices.Clone(a.Aliases)), AliasesAdded: nonNil(slices.Clone(s.aliasesAdded[a.ID])),
		AliasesRemoved: nonNil(slices.Clone(s.aliasesRemoved[a.ID])), Version: a.Version}
}

// fillMerge completes a merge's revision from its record.
func fillMerge(rev *curation.Revision, rec curation.MergeRecord, moved []graph.Claim) {
	ids := make([]string, len(moved))
	for i, c := range moved {
		ids[i] = c.ID
	}
	rev.Targets = append([]string{rec.Keep.ID, rec.Removed.ID}, ids...)
	rev.Before = asJSON(rec)
	rev.After = asJSON(map[string]any{"keep": rec.Keep.ID, "merged": rec.Removed.ID, "claims": len(moved)})
}

func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

func nonNilClaims(l []graph.Claim) []graph.Claim {
	if l == nil {
		return []graph.Claim{}
	}
	return l
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// newestFirst orders revisions by time, then id, newest first.
func newestFirst(a, b curation.Revision) int {
	return cmp.Or(b.At.Compare(a.At), strings.Compare(b.ID, a.ID))
}

// Revision implements curation.Store.
func (s *Store) Revision(ctx context.Context, id string) (curation.Revision, error) {
	if err := s.begin(ctx, "revision"); err != nil {
		return curation.Revision{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, r := range s.revisions {
		if r.ID == id {
			return r, nil
		}
	}
	return curation.Revision{}, graph.Errorf(graph.ENOTFOUND, "no revision %q", id)
}

// History implements curation.Store.
func (s *Store) History(ctx context.Context, id string, first int) ([]curation.Revision, error) {
	if err := s.begin(ctx, "history"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	var out []curation.Revision
	for _, r := range s.revisions {
		if slices.Contains(r.Targets, id) {
			out = append(out, r)
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, newestFirst)
	if len(out) > first {
		out = out[:first]
	}
	if out == nil {
		out = []curation.Revision{}
	}
	return out, nil
}

// Revisions implements curation.Store.
func (s *Store) Revisions(ctx context.Context, f curation.RevisionFilter, p graph.PageRequest) (curation.RevisionPage, error) {
	if err := s.begin(ctx, "revisions"); err != nil {
		return curation.RevisionPage{}, err
	}
	if err := p.Validate(); err != nil {
		return curation.RevisionPage{}, err
	}
	s.mu.RLock()
	all := slices.Clone(s.revisions)
	s.mu.RUnlock()
	slices.SortFunc(all, newestFirst)
	var after *curation.Revision
	if p.After != "" {
		i := slices.IndexFunc(all, func(r curation.Revision) bool { return r.ID == p.After })
		if i < 0 {
			return curation.RevisionPage{}, graph.Errorf(graph.EINVALID, "after is not a cursor from this connection")
		}
		after = &all[i]
	}
	out := curation.RevisionPage{Revisions: []curation.Revision{}}
	for _, r := range all {
		if after != nil && newestFirst(*after, r) >= 0 {
			continue
		}
		if (f.ByTokenID != "" && r.ByTokenID != f.ByTokenID) || (!f.Since.IsZero() && r.At.Before(f.Since)) {
			continue
		}
		if len(out.Revisions) == p.First {
			out.HasNext = true
			break
		}
		out.Revisions = append(out.Revisions, r)
	}
	return out, nil
}
