package curation

import (
	"context"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Service carries out the curation mutations and answers the audit trail's
// reads. Each mutation checks the caller's role (auth.Require), validates
// its input, and hands Store one change with the revision that records it.
type Service struct {
	// Store applies changes and reads them back.
	Store Store
	// Reader reads the graph (actors for references, articles for
	// checking a claim against its text); it is usually Store's.
	Reader graph.Reader
	// Drafter proposes claims for draftArticle; nil means NoDrafter.
	Drafter Drafter
	// Now returns the time revisions are stamped with; nil means
	// time.Now.
	Now func() time.Time
}

var errNotImplemented = graph.Errorf(graph.EINTERNAL, "not implemented yet")

// Draft proposes claims for an article; it writes nothing.
func (s *Service) Draft(ctx context.Context, in ArticleInput) (Draft, error) {
	return Draft{}, errNotImplemented
}

// CommitArticle writes an article with its claims and new actors.
func (s *Service) CommitArticle(ctx context.Context, in CommitArticleInput) (graph.Article, error) {
	return graph.Article{}, errNotImplemented
}

// UpdateClaim changes a claim.
func (s *Service) UpdateClaim(ctx context.Context, id string, in ClaimUpdate, expected int, reason string) (graph.Claim, error) {
	return graph.Claim{}, errNotImplemented
}

// RetractClaim retracts a claim.
func (s *Service) RetractClaim(ctx context.Context, id, reason string, expected *int) (graph.Claim, error) {
	return graph.Claim{}, errNotImplemented
}

// RestoreClaim reverses a retraction.
func (s *Service) RestoreClaim(ctx context.Context, id, reason string, expected *int) (graph.Claim, error) {
	return graph.Claim{}, errNotImplemented
}

// CreateActor creates an actor.
func (s *Service) CreateActor(ctx context.Context, in ActorInput, reason string) (graph.Actor, error) {
	return graph.Actor{}, errNotImplemented
}

// UpdateActor changes an actor's name, kind or description.
func (s *Service) UpdateActor(ctx context.Context, id string, in ActorUpdate, expected int, reason string) (graph.Actor, error) {
	return graph.Actor{}, errNotImplemented
}

// SetAliases sets an actor's complete alias list.
func (s *Service) SetAliases(ctx context.Context, id string, aliases []string, expected int, reason string) (graph.Actor, error) {
	return graph.Actor{}, errNotImplemented
}

// MergeActors merges remove into keep.
func (s *Service) MergeActors(ctx context.Context, keep, remove, reason string) (MergeResult, error) {
	return MergeResult{}, errNotImplemented
}

// UnmergeActors undoes a merge.
func (s *Service) UnmergeActors(ctx context.Context, revision, reason string) (MergeResult, error) {
	return MergeResult{}, errNotImplemented
}

// History returns the revisions that changed id, newest first.
func (s *Service) History(ctx context.Context, id string, first int) ([]Revision, error) {
	return nil, errNotImplemented
}

// Revisions returns one page of revisions, newest first.
func (s *Service) Revisions(ctx context.Context, f RevisionFilter, p graph.PageRequest) (RevisionPage, error) {
	return RevisionPage{}, errNotImplemented
}
