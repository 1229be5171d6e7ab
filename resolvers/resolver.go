// Package resolvers implements the GraphQL schema (schema.graphqls) over a
// graph.Reader. Root fields answer with one store call each; nested fields
// go through per-request dataloaders (loaders.go) so that a query over many
// actors costs a fixed number of round trips to Neo4j, not one per actor.
package resolvers

import (
	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph"
)

// Resolver is the root resolver; it holds the dependencies every field needs.
type Resolver struct {
	Store graph.Reader
	// Limits bound the arguments; zero fields take DefaultLimits.
	Limits Limits
	// Tokens manages API tokens (the admin-only token fields); nil means
	// this server does not.
	Tokens *auth.Authenticator
}

func (r *Resolver) limits() Limits { return r.Limits.WithDefaults() }
