// Package resolvers implements the GraphQL schema (schema.graphqls) over a
// graph.Reader, whichever adapter implements it (graph/neo4j in the
// server, graph/inmem in tests). Root fields answer with one store call
// each; nested fields go through per-request dataloaders (dataloaders.go),
// so a query over many actors costs a fixed number of store calls (Neo4j
// round trips), not one per actor. Argument defaults and ceilings are in
// args.go and limits.go; the cost of each field in limits.go.
// With a store that is also a graph.Expander, a root field plans the
// nested fields under it and reads them in the same round trip or the
// next (expand.go), priming the dataloaders, so nesting costs no extra
// round trip.
package resolvers

import (
	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
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
	// Curation carries out the mutations that change the graph and reads
	// the audit trail; nil means this server takes no changes.
	Curation *curation.Service
}

func (r *Resolver) limits() Limits { return r.Limits.WithDefaults() }
