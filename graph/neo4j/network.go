package neo4j

import (
	"context"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// NetworkEdges implements graph.Reader. It reads the relationships'
// summary properties only, each as a short list, and no claim: the whole
// graph's tens of thousands of relationships in one light statement. They
// are put in id order here: sorting tens of thousands of ids costs Neo4j
// more than Go.
func (s *Store) NetworkEdges(ctx context.Context, types []graph.RelationType, ev graph.EvidenceFilter) ([]graph.NetworkEdge, error) {
	st, err := NetworkEdgesStatement(types, ev)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "network", st.Cypher, st.Params)
	if err != nil {
		return nil, err
	}
	v, _ := recs[0].Get("edges")
	rows, _ := v.([]any)
	out := make([]graph.NetworkEdge, len(rows))
	for i, row := range rows {
		f, _ := row.([]any)
		if len(f) != 9+len(graph.CertaintyTable) {
			return nil, graph.Errorf(graph.EINTERNAL, "network: a relationship row has %d fields", len(f))
		}
		str := func(j int) string { x, _ := f[j].(string); return x }
		num := func(j int) int { x, _ := f[j].(int64); return int(x) }
		e := graph.NetworkEdge{
			ID: str(0), Type: graph.RelationType(str(1)), FromID: str(2), ToID: str(3),
			Certainty: graph.Certainty(str(4)), ClaimCount: num(5), Corroboration: num(6),
			OwnStatements: num(7), Conditionals: num(8),
		}
		for j, c := range graph.CertaintyTable {
			if num(9+j) > 0 {
				e.Certainties = append(e.Certainties, c.Certainty)
			}
		}
		out[i] = e
	}
	slices.SortFunc(out, func(a, b graph.NetworkEdge) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// NetworkEdgesStatement is the statement NetworkEdges runs.
func NetworkEdgesStatement(types []graph.RelationType, ev graph.EvidenceFilter) (Statement, error) {
	pat, err := relPattern("r", graph.Outgoing, types, "")
	if err != nil {
		return Statement{}, err
	}
	params := map[string]any{}
	where, err := evidenceWhere("r", ev, params)
	if err != nil {
		return Statement{}, err
	}
	row := `[r.id, type(r), s.id, o.id, r.certainty, size(r.claimIds), size(r.sourceIds), r.ownStatements, r.conditionals`
	for _, c := range graph.CertaintyTable {
		row += ", r." + c.Count // property names from the closed table
	}
	row += "]"
	return Statement{Params: params, Cypher: `
		MATCH (s:Actor)` + pat + `(o:Actor)
		WHERE ` + where + `
		RETURN collect(` + row + `) AS edges`}, nil
}
