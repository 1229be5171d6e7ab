package resolvers

import (
	"encoding/base64"
	"errors"
	"strings"

	"github.com/vikstrous/dataloadgen"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/generated"
)

// Argument defaults. The schema states each one (`first: Int = 20`), and
// gqlgen passes it when a client leaves the argument out; the resolvers
// (for an explicit null) and the cost estimates (limits.go) use these
// names for the same numbers, and TestArgumentDefaultsMatchTheSchema reads
// the schema's defaults back and compares. Paths' maxDepth defaults to
// graph.MaxDepth and every direction to graph.Both.
const (
	DefaultActorsFirst        = 20  // actors(first)
	DefaultRelationshipsFirst = 50  // relationships(first)
	DefaultClaimsFirst        = 100 // claims(first)
	DefaultSearchFirst        = 10  // search(first)
	DefaultNeighbourhoodDepth = 1   // neighbourhood(depth)
	DefaultNeighbourhoodLimit = 100 // neighbourhood(limit)
	// DefaultNeighbourhoodMaxEdges is neighbourhood(maxEdges): twice the
	// default limit, enough for every actor's strongest ties and a
	// drawing that stays readable, and small enough that a hub's
	// neighbourhood answers in tens of milliseconds at a million claims
	// (BENCHMARKS.md).
	DefaultNeighbourhoodMaxEdges = 200
	DefaultPathsLimit            = 25   // allShortestPaths(limit)
	DefaultNetworkLimit          = 2000 // network(limit)
	DefaultHistoryFirst          = 50   // history(first)
	DefaultRevisionsFirst        = 20   // revisions(first)
)

// intArg returns *v (or def when nil), or an EINVALID error when it lies
// outside [lo, hi].
func intArg(name string, v *int, def, lo, hi int) (int, error) {
	n := def
	if v != nil {
		n = *v
	}
	if n < lo || n > hi {
		return 0, graph.Errorf(graph.EINVALID, "%s must be between %d and %d, got %d", name, lo, hi, n)
	}
	return n, nil
}

// orBoth returns *d, or Both when the argument was not given.
func orBoth(d *graph.Direction) graph.Direction {
	if d == nil {
		return graph.Both
	}
	return *d
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// Cursors are opaque to clients: base64 of "<prefix>:<id>".

func encodeCursor(prefix, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(prefix + ":" + id))
}

func decodeCursor(prefix string, c *string) (string, error) {
	if c == nil || *c == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*c)
	id, ok := strings.CutPrefix(string(b), prefix+":")
	if err != nil || !ok {
		return "", graph.Errorf(graph.EINVALID, "after is not a cursor from this connection")
	}
	return id, nil
}

// connection builds a Relay connection's edges and page info from one page
// of nodes in id order; afterID is the id the page starts after ("" first).
func connection[T, E any](nodes []T, prefix, afterID string, hasNext bool, id func(T) string, edge func(cursor string, node *T) E) ([]E, *generated.PageInfo) {
	edges := make([]E, len(nodes))
	info := &generated.PageInfo{HasNextPage: hasNext, HasPreviousPage: afterID != ""}
	for i := range nodes {
		c := encodeCursor(prefix, id(nodes[i]))
		edges[i] = edge(c, &nodes[i])
		if i == 0 {
			info.StartCursor = &c
		}
		info.EndCursor = &c
	}
	return edges, info
}

// notFound reports whether a loader error means the key does not exist.
func notFound(err error) bool { return errors.Is(err, dataloadgen.ErrNotFound) }

// mustExist turns a loader's "not found" for a referenced entity into an
// internal error: the graph refers to something it does not hold.
func mustExist(what, id string, err error) error {
	if notFound(err) {
		return graph.Errorf(graph.EINTERNAL, "%s %q is referenced but missing", what, id)
	}
	return err
}
