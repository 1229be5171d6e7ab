package neo4j

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// Stats counts actors, articles, claims and actor-to-actor relationships.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	pat, err := relPattern("r", graph.Outgoing, nil, "")
	if err != nil {
		return graph.Stats{}, err
	}
	recs, err := s.read(ctx, "stats", `
		CALL { MATCH (a:Actor) RETURN count(a) AS actors }
		CALL { MATCH (a:Article) RETURN count(a) AS articles }
		CALL { MATCH (c:Claim) RETURN count(c) AS claims }
		CALL { MATCH (:Actor)`+pat+`(:Actor) RETURN count(r) AS rels }
		RETURN actors, articles, claims, rels`, nil)
	if err != nil {
		return graph.Stats{}, err
	}
	n := func(k string) int { v, _ := recs[0].Get(k); i, _ := v.(int64); return int(i) }
	return graph.Stats{Actors: n("actors"), Articles: n("articles"), Claims: n("claims"), Relationships: n("rels")}, nil
}
