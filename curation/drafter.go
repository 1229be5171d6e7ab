package curation

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// Drafter proposes claims for an article, for a person to review: the
// extractor implements it. Known lists the graph's actors the drafter may
// resolve mentions to (it is the store's search, so a drafter needs no
// store of its own). A drafter writes nothing.
type Drafter interface {
	// Name says which drafter answered ("none", "extract").
	Name() string
	// Draft returns proposed claims (Draft true, with a Confidence) in
	// text order, their offsets in a's text, each subject and object an
	// actor of the graph or one of the returned Actors (proposed new
	// ones). EINVALID for an article it cannot read.
	Draft(ctx context.Context, a graph.Article, known ActorLookup) (Draft, error)
}

// ActorLookup finds graph actors by a mention's words; the Service passes
// the store's search.
type ActorLookup func(ctx context.Context, text string, first int) ([]graph.SearchHit, error)

// Draft is a drafter's proposal for one article.
type Draft struct {
	// Drafter is the Name of the drafter that made it.
	Drafter string
	// Actors are proposed new actors the claims name.
	Actors []graph.Actor
	// Claims are the proposed claims.
	Claims []graph.Claim
}

// NoDrafter is the drafter of a server without an extractor: it proposes
// nothing, so a reviewer creates every claim from a selection of the text.
type NoDrafter struct{}

// Name implements Drafter.
func (NoDrafter) Name() string { return "none" }

// Draft implements Drafter: no actors, no claims.
func (NoDrafter) Draft(context.Context, graph.Article, ActorLookup) (Draft, error) {
	return Draft{Drafter: "none", Actors: []graph.Actor{}, Claims: []graph.Claim{}}, nil
}
