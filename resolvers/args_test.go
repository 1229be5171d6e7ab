package resolvers_test

import (
	"fmt"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/generated"
	"github.com/actorgraph/actorgraph/resolvers"
)

// The schema's argument defaults are the resolvers' named constants: each
// default the schema states is read back from it and compared, and a
// default with no constant here is reported by name.
func TestArgumentDefaultsMatchTheSchema(t *testing.T) {
	want := map[string]any{
		"Query.actors.first":               resolvers.DefaultActorsFirst,
		"Query.relationships.first":        resolvers.DefaultRelationshipsFirst,
		"Query.claims.first":               resolvers.DefaultClaimsFirst,
		"Query.search.first":               resolvers.DefaultSearchFirst,
		"Query.neighbourhood.depth":        resolvers.DefaultNeighbourhoodDepth,
		"Query.neighbourhood.limit":        resolvers.DefaultNeighbourhoodLimit,
		"Query.neighbourhood.maxEdges":     resolvers.DefaultNeighbourhoodMaxEdges,
		"Query.neighbourhood.direction":    graph.Both,
		"Query.shortestPath.maxDepth":      graph.MaxDepth,
		"Query.shortestPath.direction":     graph.Both,
		"Query.allShortestPaths.maxDepth":  graph.MaxDepth,
		"Query.allShortestPaths.direction": graph.Both,
		"Query.allShortestPaths.limit":     resolvers.DefaultPathsLimit,
		"Query.history.first":              resolvers.DefaultHistoryFirst,
		"Query.revisions.first":            resolvers.DefaultRevisionsFirst,
		"Query.network.limit":              resolvers.DefaultNetworkLimit,
		"Query.network.minCorroboration":   1,
		"Query.network.minDegree":          1,
		"Actor.relationships.direction":    graph.Both,
		"Actor.neighbours.direction":       graph.Both,
		"Actor.degree.direction":           graph.Both,
	}
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &resolvers.Resolver{}}).Schema()
	seen := map[string]bool{}
	for _, typ := range schema.Types {
		if typ.BuiltIn { // introspection's own types
			continue
		}
		for _, f := range typ.Fields {
			for _, a := range f.Arguments {
				if a.DefaultValue == nil {
					continue
				}
				name := typ.Name + "." + f.Name + "." + a.Name
				seen[name] = true
				got, err := a.DefaultValue.Value(nil)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				w, ok := want[name]
				if !ok {
					t.Errorf("the schema gives %s the default %v, which no named constant states: add one (resolvers/args.go) and list it here", name, got)
					continue
				}
				if fmt.Sprint(got) != fmt.Sprint(w) {
					t.Errorf("%s: the schema's default is %v, the Go constant %v", name, got, w)
				}
			}
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("%s has no default in the schema", name)
		}
	}
}
