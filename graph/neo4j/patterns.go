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

// relationshipByID is Cypher that binds the variable v to the
// actor-to-actor relationship whose id is row.id and whose type is
// row.type (row is a map variable), or to null. It looks the id up in
// that type's index, without reading any other relationship of its
// actors. A relationship index belongs to one type and a MATCH on a
// dynamic type ($(row.type)) scans every relationship, so the lookup is a
// union with one branch per type of the closed enum; each branch checks
// the type first and seeks only if it is its own. The statement is
// planned once however many types a load holds.
func relationshipByID(row, v string) string {
	var b strings.Builder
	b.WriteString("\n\tOPTIONAL CALL (" + row + ") {")
	for i, r := range graph.RelationTypes {
		if i > 0 {
			b.WriteString("\n\t\tUNION ALL")
		}
		t := string(r.Type)
		b.WriteString("\n\t\tWITH " + row + " WHERE " + row + ".type = '" + t + "' CALL (" + row + ") { MATCH ()-[x:" + t +
			" {id: " + row + ".id}]->() RETURN x } RETURN x AS " + v)
	}
	b.WriteString("\n\t}")
	return b.String()
}

// evidenceWhere returns a predicate on the relationship variable r that holds
// when r has claims matching f ("true" for the zero filter), and adds its
// parameters to params. It reads the relationship's summary only (the
// counts, certainties and intervals), never a claim, so a traversal can
// test it on every relationship it expands. Each set field is a separate
// condition: "has at least one claim with …", as graph.EvidenceFilter.Matches
// reads the same summary in Go.
func evidenceWhere(r string, f graph.EvidenceFilter, params map[string]any) (string, error) {
	if err := f.Validate(); err != nil {
		return "", err
	}
	var conds []string
	if len(f.Certainties) > 0 {
		certs := make([]string, len(f.Certainties))
		for i, c := range f.Certainties {
			certs[i] = string(c)
		}
		params["evCertainties"] = certs
		conds = append(conds, "any(c IN "+r+".certainties WHERE c IN $evCertainties)")
	}
	count := func(prop string, want *bool) {
		if want == nil {
			return
		}
		if *want {
			conds = append(conds, r+"."+prop+" > 0")
		} else {
			conds = append(conds, r+"."+prop+" < "+r+".claimCount")
		}
	}
	count("ownStatements", f.OwnStatement)
	count("conditionals", f.Conditional)
	if !f.Window.IsZero() {
		from, to := f.Window.Bounds()
		params["evFrom"], params["evTo"] = from, to
		// Intervals are "YYYY-MM-DD/YYYY-MM-DD": fixed-width ISO dates.
		conds = append(conds, "any(iv IN "+r+".intervals WHERE substring(iv, 0, 10) <= $evTo AND $evFrom <= substring(iv, 11))")
	}
	if len(conds) == 0 {
		return "true", nil
	}
	return strings.Join(conds, " AND "), nil
}
