package resolvers

import (
	"context"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/generated"
)

// curator returns the curation service, or one that refuses every change
// when this server takes none.
func (r *Resolver) curator() curator {
	if r.Curation == nil {
		return readOnly{}
	}
	return r.Curation
}

// curator is what the curation fields need of curation.Service.
type curator interface {
	Draft(ctx context.Context, in curation.ArticleInput) (curation.Draft, error)
	CommitArticle(ctx context.Context, in curation.CommitArticleInput) (graph.Article, error)
	UpdateClaim(ctx context.Context, id string, in curation.ClaimUpdate, expected int, reason string) (graph.Claim, error)
	RetractClaim(ctx context.Context, id, reason string, expected *int) (graph.Claim, error)
	RestoreClaim(ctx context.Context, id, reason string, expected *int) (graph.Claim, error)
	CreateActor(ctx context.Context, in curation.ActorInput, reason string) (graph.Actor, error)
	UpdateActor(ctx context.Context, id string, in curation.ActorUpdate, expected int, reason string) (graph.Actor, error)
	SetAliases(ctx context.Context, id string, aliases []string, expected int, reason string) (graph.Actor, error)
	MergeActors(ctx context.Context, keep, remove, reason string) (curation.MergeResult, error)
	UnmergeActors(ctx context.Context, revision, reason string) (curation.MergeResult, error)
	History(ctx context.Context, id string, first int) ([]curation.Revision, error)
	Revisions(ctx context.Context, f curation.RevisionFilter, p graph.PageRequest) (curation.RevisionPage, error)
}

var _ curator = (*curation.Service)(nil)

// readOnly is the curator of a server without a curation service.
type readOnly struct{}

var errReadOnly = graph.Errorf(graph.EINVALID, "this server takes no changes")

func (readOnly) Draft(context.Context, curation.ArticleInput) (curation.Draft, error) {
	return curation.Draft{}, errReadOnly
}
func (readOnly) CommitArticle(context.Context, curation.CommitArticleInput) (graph.Article, error) {
	return graph.Article{}, errReadOnly
}
func (readOnly) UpdateClaim(context.Context, string, curation.ClaimUpdate, int, string) (graph.Claim, error) {
	return graph.Claim{}, errReadOnly
}
func (readOnly) RetractClaim(context.Context, string, string, *int) (graph.Claim, error) {
	return graph.Claim{}, errReadOnly
}
func (readOnly) RestoreClaim(context.Context, string, string, *int) (graph.Claim, error) {
	return graph.Claim{}, errReadOnly
}
func (readOnly) CreateActor(context.Context, curation.ActorInput, string) (graph.Actor, error) {
	return graph.Actor{}, errReadOnly
}
func (readOnly) UpdateActor(context.Context, string, curation.ActorUpdate, int, string) (graph.Actor, error) {
	return graph.Actor{}, errReadOnly
}
func (readOnly) SetAliases(context.Context, string, []string, int, string) (graph.Actor, error) {
	return graph.Actor{}, errReadOnly
}
func (readOnly) MergeActors(context.Context, string, string, string) (curation.MergeResult, error) {
	return curation.MergeResult{}, errReadOnly
}
func (readOnly) UnmergeActors(context.Context, string, string) (curation.MergeResult, error) {
	return curation.MergeResult{}, errReadOnly
}
func (readOnly) History(context.Context, string, int) ([]curation.Revision, error) {
	return []curation.Revision{}, nil
}
func (readOnly) Revisions(context.Context, curation.RevisionFilter, graph.PageRequest) (curation.RevisionPage, error) {
	return curation.RevisionPage{}, nil
}

// ref returns a pointer to v, or nil with err.
func ref[T any](v T, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// claimKey is the key part of a claim id ("<article>/<key>").
func claimKey(id string) string {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		return id[i+1:]
	}
	return id
}

// revisions serves the revisions connection, newest first; a cursor names
// the last revision listed.
func (r *queryResolver) revisions(ctx context.Context, first *int, after, by *string, since *time.Time) (*generated.RevisionConnection, error) {
	n, err := intArg("first", first, DefaultRevisionsFirst, 1, r.limits().MaxPage)
	if err != nil {
		return nil, err
	}
	afterID, err := decodeCursor("revision", after)
	if err != nil {
		return nil, err
	}
	f := curation.RevisionFilter{ByTokenID: deref(by)}
	if since != nil {
		f.Since = *since
	}
	page, err := r.curator().Revisions(ctx, f, graph.PageRequest{First: n, After: afterID})
	if err != nil {
		return nil, err
	}
	revs := nonNil(page.Revisions)
	edges, info := connection(revs, "revision", afterID, page.HasNext,
		func(v curation.Revision) string { return v.ID },
		func(c string, v *curation.Revision) generated.RevisionEdge {
			return generated.RevisionEdge{Cursor: c, Node: v}
		})
	return &generated.RevisionConnection{Edges: edges, Nodes: revs, PageInfo: info}, nil
}
