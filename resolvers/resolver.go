// Package resolvers implements the GraphQL schema (schema.graphqls) over a
// graph.Reader. Root fields answer with one store call each; nested fields
// go through per-request dataloaders (dataloaders.go) so that a query over
// many actors costs a fixed number of round trips to Neo4j, not one per
// actor. With a store that is also a graph.Expander, a root field plans
// the nested fields under it and reads them in the same round trip or the
// next (expand.go), priming the dataloaders, so nesting costs no extra
// round trip.
package resolvers

import "github.com/actorgraph/actorgraph/graph"

// Resolver is the root resolver; it holds the dependencies every field needs.
type Resolver struct {
	Store graph.Reader
	// Limits bound the arguments; zero fields take DefaultLimits.
	Limits Limits
}

func (r *Resolver) limits() Limits { return r.Limits.WithDefaults() }
