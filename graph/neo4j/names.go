package neo4j

import (
	"context"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
)

// aliasConflictsCypher finds the actors that have a name the load
// declares for another actor ($owner maps graph.NameKey of each declared
// name to its actor). An actor has a name when it is its own name, or when
// some article other than those being replaced declares it, or when no
// article declares it at all (an alias from outside any claims file). The
// first step reads every actor's keys once: a name check per load, not per
// file; the declarations are read for the few actors that match.
const aliasConflictsCypher = `
	MATCH (y:Actor)
	WITH y, [k IN coalesce(y.aliasKeys, []) + [y.nameKey] WHERE k IS NOT NULL AND $owner[k] IS NOT NULL AND $owner[k] <> y.id] AS ks
	UNWIND ks AS k
	WITH DISTINCT y, k
	WHERE k = y.nameKey
	   OR EXISTS { MATCH (art:Article)-[n:NAMES]->(y) WHERE NOT art.id IN $replacing AND k IN n.keys }
	   OR NOT EXISTS { MATCH (:Article)-[n:NAMES]->(y) WHERE k IN n.keys }
	RETURN k AS key, $owner[k] AS actor, y.id AS other, y.name AS otherName
	ORDER BY key, other`

// AliasConflicts implements graph.Writer.
func (s *Store) AliasConflicts(ctx context.Context, names []graph.ActorName, replacing []string) ([]graph.AliasConflict, error) {
	owner := map[string]any{}
	written := map[string]string{}
	for _, n := range names {
		k := graph.NameKey(n.Name)
		if k == "" {
			continue
		}
		if _, ok := owner[k]; !ok {
			owner[k], written[k] = n.ActorID, n.Name
		}
	}
	if len(owner) == 0 {
		return nil, nil
	}
	recs, err := s.read(ctx, "alias conflicts", aliasConflictsCypher, map[string]any{"owner": owner, "replacing": nonNilStrings(replacing)})
	if err != nil {
		return nil, err
	}
	out := make([]graph.AliasConflict, len(recs))
	for i, r := range recs {
		out[i] = graph.AliasConflict{Name: written[str(r, "key")], ActorID: str(r, "actor"), OtherID: str(r, "other"), OtherName: str(r, "otherName")}
	}
	return out, nil
}

// curatedArticlesCypher counts, per article, the claims changed through
// the API since it was loaded or committed: a version above 1 (a missing
// version reads as 1) or a retraction.
const curatedArticlesCypher = `
	UNWIND $ids AS id
	MATCH (c:Claim)-[:STATED_IN]->(:Article {id: id})
	WITH id, count(c) AS claims,
	     count(CASE WHEN coalesce(c.version, 1) > 1 OR coalesce(c.retracted, false) THEN 1 END) AS curated
	WHERE curated > 0
	RETURN id, curated, claims
	ORDER BY id`

// CuratedArticles implements graph.Writer.
func (s *Store) CuratedArticles(ctx context.Context, ids []string) ([]graph.CuratedArticle, error) {
	if len(ids) == 0 {
		return []graph.CuratedArticle{}, nil
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	recs, err := s.readLeader(ctx, "curated articles", curatedArticlesCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make([]graph.CuratedArticle, len(recs))
	for i, r := range recs {
		m := r.AsMap()
		out[i] = graph.CuratedArticle{ArticleID: mstr(m, "id"), Curated: mint(m, "curated"), Claims: mint(m, "claims")}
	}
	return out, nil
}
