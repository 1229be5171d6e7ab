package neo4j

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// typeExpr returns a relationship type expression such as "ALIGNED_WITH|LEADS"
// built only from valid enum values; empty types means every actor-to-actor
// type, so traversals never wander into claim links.
func typeExpr(types []graph.RelationType) (string, error) {
	if len(types) == 0 {
		types = make([]graph.RelationType, len(graph.RelationTypes))
		for i, r := range graph.RelationTypes {
			types[i] = r.Type
		}
	}
	if err := graph.ValidateRelationTypes(types); err != nil {
		return "", err
	}
	parts := make([]string, 0, len(types))
	seen := map[graph.RelationType]bool{}
	for _, t := range types {
		if !seen[t] {
			seen[t] = true
			parts = append(parts, string(t))
		}
	}
	return strings.Join(parts, "|"), nil
}

// relPattern returns a relationship pattern such as "-[r:LEADS|WARNS]->" for
// the direction, seen from the left-hand node. quant, if not "", follows the
// brackets as a path quantifier ("*1..3").
func relPattern(variable string, dir graph.Direction, types []graph.RelationType, quant string) (string, error) {
	te, err := typeExpr(types)
	if err != nil {
		return "", err
	}
	body := fmt.Sprintf("[%s:%s%s]", variable, te, quant)
	switch dir {
	case graph.Outgoing:
		return "-" + body + "->", nil
	case graph.Incoming:
		return "<-" + body + "-", nil
	case graph.Both, "":
		return "-" + body + "-", nil
	}
	return "", graph.Errorf(graph.EINVALID, "unknown direction %q", dir)
}

// hops returns a variable-length quantifier "*1..n" for 1 <= n <=
// graph.MaxDepth. Hop counts are the only numbers spliced into Cypher
// text, and only from that range.
func hops(n int) (string, error) {
	if n < 1 || n > graph.MaxDepth {
		return "", graph.Errorf(graph.EINVALID, "depth must be between 1 and %d, got %d", graph.MaxDepth, n)
	}
	return fmt.Sprintf("*1..%d", n), nil
}
