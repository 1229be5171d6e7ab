package curation

import "github.com/actorgraph/actorgraph/graph"

// The inputs of the mutations, as the GraphQL schema (curation.graphqls)
// declares them; a nil pointer is a field left out.

// ArticleInput is an article's metadata and text.
type ArticleInput struct {
	ID, Title, Text, PublishedAt string
	Dateline, Source, URL, Note  *string
}

// CommitArticleInput is an article with its claims and new actors.
type CommitArticleInput struct {
	Article ArticleInput
	Actors  []ActorInput
	Claims  []ClaimInput
	Replace *bool
	Reason  *string
}

// ActorInput is a new actor.
type ActorInput struct {
	ID, Name    string
	Kind        graph.ActorKind
	Aliases     []string
	Description *string
}

// ActorUpdate changes an actor's name, kind or description.
type ActorUpdate struct {
	Name        *string
	Kind        *graph.ActorKind
	Description *string
}

// ClaimInput is one claim of an article, as a claims file writes it.
type ClaimInput struct {
	Key                       string
	Subject                   string
	SubjectText               *string
	SubjectStart              *int
	Type                      graph.RelationType
	Object                    string
	ObjectText                *string
	ObjectStart               *int
	Certainty                 graph.Certainty
	OwnStatement              *bool
	Condition                 *string
	TimeStatus                *graph.TimeStatus
	TimeCue, TimeFrom, TimeTo *string
	AttributedTo              *string
	Quote                     string
	Start                     *int
	Note                      *string
}

// ClaimUpdate changes a claim; nil fields keep their value.
type ClaimUpdate struct {
	Subject                   *string
	SubjectText               *string
	SubjectStart              *int
	Type                      *graph.RelationType
	Object                    *string
	ObjectText                *string
	ObjectStart               *int
	Certainty                 *graph.Certainty
	OwnStatement              *bool
	Conditional               *bool
	Condition                 *string
	TimeStatus                *graph.TimeStatus
	TimeCue, TimeFrom, TimeTo *string
	AttributedTo              *string
	Quote                     *string
	Start                     *int
	Note                      *string
}

// MergeResult is what a merge or its undoing changed.
type MergeResult struct {
	// Keep is the actor that stayed, as it is now.
	Keep graph.Actor
	// RemovedID is the merged actor's id; Removed is the actor, restored
	// by an unmerge (nil after a merge).
	RemovedID string
	Removed   *graph.Actor
	// Claims are the claims that moved, in id order.
	Claims []graph.Claim
	// Revision records the change.
	Revision Revision
}
