package curation

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Store applies curation changes. Each method is one transaction that
// makes the change and writes its revision (rev, whose ID, At, By…,
// Action and Reason the Service fills; the store adds Targets, Before and
// After where the method says so) together: both are committed or
// neither. graph/neo4j implements it over Neo4j and graph/inmem in
// memory; graph/neo4j's contract test holds the two to the same answers.
//
// Errors: ENOTFOUND for a claim, actor or revision that does not exist;
// ECONFLICT when a version is not the expected one (the message names the
// current version); EINVALID for a change the graph refuses (an article
// that exists without replace, an alias another actor has, a merge that
// would link an actor to itself). A failed call changes nothing.
type Store interface {
	// CommitArticle writes a validated article as graph.Writer's
	// LoadArticles does (its claims at version 1, new actors at version
	// 1), and rev. EINVALID when the article exists and replace is false,
	// or, unless replace is set, when one of load's actors exists.
	CommitArticle(ctx context.Context, load graph.ArticleLoad, replace bool, rev Revision) error

	// ChangeClaim replaces the stored claim c.ID (same article) by c if the
	// stored version is expected, writing version expected+1, and
	// recomputes the summaries of the relationships it supported and now
	// supports, counting no retracted claim. It returns the claim as
	// stored. The Service fills rev's Before and After.
	ChangeClaim(ctx context.Context, c graph.Claim, expected int, rev Revision) (graph.Claim, error)

	// CreateActor writes a new actor at version 1 with a.Aliases as
	// curated aliases. EINVALID when the id exists or a name or alias is
	// another actor's.
	CreateActor(ctx context.Context, a graph.Actor, rev Revision) (graph.Actor, error)
	// ChangeActor writes a's name, kind, description and aliases if the
	// stored version is expected, at version expected+1. Aliases the
	// articles declare and a leaves out are recorded as removed by the
	// curator, and aliases a adds that no article declares as added, so
	// that reloading an article keeps the curator's list. EINVALID when
	// the name or an alias is another actor's.
	ChangeActor(ctx context.Context, a graph.Actor, expected int, rev Revision) (graph.Actor, error)

	// MergeActors merges remove into keep (see Service.MergeActors) and
	// fills rev's Targets, Before (a MergeRecord, as JSON) and After.
	MergeActors(ctx context.Context, keep, remove string, rev Revision) (MergeResult, error)
	// UnmergeActors undoes the merge recorded by the revision merge.
	// ECONFLICT when the kept actor or a moved claim changed since;
	// EINVALID when merge is not a merge or is already undone.
	UnmergeActors(ctx context.Context, merge Revision, rev Revision) (MergeResult, error)

	// Revision returns one revision; ENOTFOUND if there is none.
	Revision(ctx context.Context, id string) (Revision, error)
	// History returns at most first revisions that list id among their
	// targets, newest first.
	History(ctx context.Context, id string, first int) ([]Revision, error)
	// Revisions returns one page of revisions, newest first (by At, then
	// ID); p.After is the id of the last revision of the previous page.
	Revisions(ctx context.Context, f RevisionFilter, p graph.PageRequest) (RevisionPage, error)
}

// MergeRecord is what a merge changed, kept in its revision's Before so
// that unmergeActors can undo it exactly.
type MergeRecord struct {
	// Keep is the kept actor before the merge, with its curated aliases.
	Keep ActorState `json:"keep"`
	// Removed is the merged actor before the merge.
	Removed ActorState `json:"removed"`
	// Subject, Object and AttributedTo list the claims whose subject,
	// object or attribution was the merged actor, with each claim's
	// version after the merge.
	Subject      map[string]int `json:"subject"`
	Object       map[string]int `json:"object"`
	AttributedTo map[string]int `json:"attributedTo"`
	// KeepVersion is the kept actor's version after the merge.
	KeepVersion int `json:"keepVersion"`
}

// ActorState is an actor as a merge record keeps it.
type ActorState struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Kind           string   `json:"kind"`
	Description    string   `json:"description"`
	Aliases        []string `json:"aliases"`
	AliasesAdded   []string `json:"aliasesAdded"`
	AliasesRemoved []string `json:"aliasesRemoved"`
	Version        int      `json:"version"`
}

// ClaimIDs lists the claims the merge moved, in id order.
func (r MergeRecord) ClaimIDs() []string {
	seen := map[string]bool{}
	var ids []string
	for _, m := range []map[string]int{r.Subject, r.Object, r.AttributedTo} {
		for id := range m {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	sort.Strings(ids)
	return ids
}

// VersionOf is claim id's version right after the merge.
func (r MergeRecord) VersionOf(id string) int {
	for _, m := range []map[string]int{r.Subject, r.Object, r.AttributedTo} {
		if v, ok := m[id]; ok {
			return v
		}
	}
	return 0
}

// SelfLinkError is the EINVALID error of a merge of keep and remove that
// claims link to each other: merged, each would link an actor to itself.
func SelfLinkError(keep, remove string, claims []string) error {
	return graph.Errorf(graph.EINVALID, "cannot merge %q into %q: claims link the two, and would link %q to itself: %s; retract or correct them first",
		remove, keep, keep, strings.Join(claims, ", "))
}

// SplitAliases compares an actor's new alias list with the aliases its
// articles declare: added are those no article declares, removed those
// declared and left out. Stores keep them as the curator's changes, to
// apply again after every load; aliases compare as written.
func SplitAliases(declared, aliases []string) (added, removed []string) {
	for _, al := range aliases {
		if !slices.Contains(declared, al) {
			added = append(added, al)
		}
	}
	for _, al := range declared {
		if !slices.Contains(aliases, al) {
			removed = append(removed, al)
		}
	}
	return added, removed
}
