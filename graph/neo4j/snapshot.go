package neo4j

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// WholeGraph returns every actor and every actor-to-actor relationship, in
// id order: the graph that exports and the network view start from.
func (s *Store) WholeGraph(ctx context.Context) (graph.Subgraph, error) {
	pat, err := relPattern("r", graph.Outgoing, nil, "")
	if err != nil {
		return graph.Subgraph{}, err
	}
	recs, err := s.read(ctx, "whole graph", `
		CALL {
			MATCH (a:Actor)
			WITH a ORDER BY a.id
			RETURN collect(a `+actorProjection+`) AS nodes
		}
		CALL {
			MATCH (:Actor)`+pat+`(:Actor)
			WITH r ORDER BY r.id
			RETURN collect(r `+relProjection+`) AS edges
		}
		RETURN nodes, edges`, nil)
	if err != nil {
		return graph.Subgraph{}, err
	}
	nodes, _ := recs[0].Get("nodes")
	edges, _ := recs[0].Get("edges")
	return graph.Subgraph{Nodes: toActors(nodes), Edges: toRels(edges)}, nil
}
