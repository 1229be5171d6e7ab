package neo4j

import (
	"context"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// LoadArticle writes one validated article in a single write transaction:
// its actors (merged by id), the article node, and its claims, replacing any
// claims an earlier load of the same article wrote. It then recomputes the
// summary on every actor-to-actor relationship the old or new claims touch,
// so claims from other articles about the same edge are kept and counted.
func (s *Store) LoadArticle(ctx context.Context, l graph.ArticleLoad) (graph.LoadResult, error) {
	res := graph.LoadResult{ArticleID: l.Article.ID, Actors: len(l.Actors), Claims: len(l.Claims)}
	err := s.write(ctx, "load article", func(tx *countingTx) error {
		if err := mergeActors(ctx, tx, l.Actors); err != nil {
			return err
		}
		if _, err := tx.run(ctx, mergeArticleCypher, map[string]any{"article": articleParams(l.Article)}); err != nil {
			return err
		}
		old, err := deleteClaims(ctx, tx, l.Article.ID)
		if err != nil {
			return err
		}
		if err := createClaims(ctx, tx, l.Article.ID, l.Claims); err != nil {
			return err
		}
		touched := map[edgeKey]bool{}
		for _, k := range old {
			touched[k] = true
		}
		seen := map[edgeKey]bool{}
		for _, c := range l.Claims {
			k := edgeKey{c.SubjectID, c.Relation, c.ObjectID}
			touched[k], seen[k] = true, true
		}
		res.Relationships = len(seen)
		return summarise(ctx, tx, touched)
	})
	if err != nil {
		return graph.LoadResult{}, err
	}
	return res, nil
}

// edgeKey identifies one actor-to-actor relationship.
type edgeKey struct {
	from string
	typ  graph.RelationType
	to   string
}

// mergeActors upserts actors, one UNWIND per kind since the kind is a label.
// Aliases accumulate across articles; aliasText feeds the full-text index.
func mergeActors(ctx context.Context, tx *countingTx, actors []graph.Actor) error {
	byKind := map[graph.ActorKind][]map[string]any{}
	for _, a := range actors {
		byKind[a.Kind] = append(byKind[a.Kind], map[string]any{
			"id": a.ID, "name": a.Name, "kind": string(a.Kind),
			"aliases": a.Aliases, "description": a.Description,
		})
	}
	for _, k := range graph.ActorKinds {
		rows := byKind[k]
		if len(rows) == 0 {
			continue
		}
		cypher := `
			UNWIND $actors AS row
			MERGE (a:Actor {id: row.id})
			SET a.name = row.name,
			    a.kind = row.kind,
			    a.description = CASE WHEN row.description = '' THEN a.description ELSE row.description END,
			    a.aliases = reduce(acc = coalesce(a.aliases, []), x IN row.aliases |
			                  CASE WHEN x IN acc THEN acc ELSE acc + x END)
			SET a.aliasText = reduce(t = '', x IN a.aliases | t + x + '\n')
			REMOVE a:` + kindLabels() + `
			SET a:` + k.Label()
		if _, err := tx.run(ctx, cypher, map[string]any{"actors": rows}); err != nil {
			return err
		}
	}
	return nil
}

const mergeArticleCypher = `
	MERGE (a:Article {id: $article.id})
	SET a += $article`

func articleParams(a graph.Article) map[string]any {
	return map[string]any{
		"id": a.ID, "title": a.Title, "dateline": a.Dateline, "source": a.Source,
		"url": a.URL, "publishedAt": a.PublishedAt, "text": a.Text,
	}
}

// deleteClaims removes the article's claims and returns the edges they supported.
func deleteClaims(ctx context.Context, tx *countingTx, articleID string) ([]edgeKey, error) {
	recs, err := tx.run(ctx, `
		MATCH (s:Actor)<-[:SUBJECT]-(c:Claim)-[:STATED_IN]->(:Article {id: $id}),
		      (c)-[:OBJECT]->(o:Actor)
		WITH c, s.id AS from, c.relation AS type, o.id AS to
		DETACH DELETE c
		RETURN DISTINCT from, type, to`, map[string]any{"id": articleID})
	if err != nil {
		return nil, err
	}
	keys := make([]edgeKey, len(recs))
	for i, r := range recs {
		keys[i] = edgeKey{str(r, "from"), graph.RelationType(str(r, "type")), str(r, "to")}
	}
	return keys, nil
}

const createClaimsCypher = `
	MATCH (art:Article {id: $articleId})
	UNWIND $claims AS row
	MATCH (s:Actor {id: row.subjectId}), (o:Actor {id: row.objectId})
	OPTIONAL MATCH (w:Actor {id: row.attributedToId})
	CREATE (c:Claim)
	SET c = row.props
	CREATE (c)-[:STATED_IN]->(art),
	       (c)-[:SUBJECT {text: row.subjectText}]->(s),
	       (c)-[:OBJECT {text: row.objectText}]->(o)
	FOREACH (who IN CASE WHEN w IS NULL THEN [] ELSE [w] END |
	         CREATE (c)-[:ATTRIBUTED_TO]->(who))`

// createClaims writes the claims and their links in one UNWIND.
func createClaims(ctx context.Context, tx *countingTx, articleID string, claims []graph.Claim) error {
	rows := make([]map[string]any, len(claims))
	for i, c := range claims {
		rows[i] = map[string]any{
			"subjectId": c.SubjectID, "objectId": c.ObjectID, "attributedToId": c.AttributedToID,
			"subjectText": c.SubjectText, "objectText": c.ObjectText,
			"props": map[string]any{
				"id": c.ID, "relation": string(c.Relation), "modality": string(c.Modality),
				"quote": c.Quote, "start": c.Start, "end": c.End, "note": c.Note,
				"subjectText": c.SubjectText, "objectText": c.ObjectText,
			},
		}
	}
	_, err := tx.run(ctx, createClaimsCypher, map[string]any{"articleId": articleID, "claims": rows})
	return err
}

// summarise recomputes the summary of each touched edge from all its claims,
// in every article, and deletes edges no claim supports any longer. One pair
// of queries per relation type, since the type is part of the pattern.
func summarise(ctx context.Context, tx *countingTx, touched map[edgeKey]bool) error {
	byType := map[graph.RelationType][]map[string]any{}
	for k := range touched {
		byType[k.typ] = append(byType[k.typ], map[string]any{
			"from": k.from, "to": k.to, "id": graph.RelationshipID(k.from, k.typ, k.to),
		})
	}
	order := make([]string, len(graph.Modalities))
	for i, m := range graph.Modalities {
		order[i] = string(m)
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, string(t))
	}
	sort.Strings(types)
	for _, t := range types {
		rt := graph.RelationType(t)
		if !rt.Valid() {
			return graph.Errorf(graph.EINVALID, "unknown relation type %q", t)
		}
		params := map[string]any{"pairs": byType[rt], "type": t, "order": order}
		if _, err := tx.run(ctx, strings.ReplaceAll(deleteUnsupportedCypher, "$TYPE", t), params); err != nil {
			return err
		}
		if _, err := tx.run(ctx, strings.ReplaceAll(summariseCypher, "$TYPE", t), params); err != nil {
			return err
		}
	}
	return nil
}

// $TYPE in these two is replaced by a valid graph.RelationType before running.
const deleteUnsupportedCypher = `
	UNWIND $pairs AS p
	MATCH (s:Actor {id: p.from})-[r:$TYPE]->(o:Actor {id: p.to})
	WHERE NOT EXISTS { (s)<-[:SUBJECT]-(:Claim {relation: $type})-[:OBJECT]->(o) }
	DELETE r`

const summariseCypher = `
	UNWIND $pairs AS p
	MATCH (s:Actor {id: p.from})<-[:SUBJECT]-(c:Claim {relation: $type})-[:OBJECT]->(o:Actor {id: p.to}),
	      (c)-[:STATED_IN]->(art:Article)
	WITH p, s, o, c, art ORDER BY c.id
	WITH p, s, o, collect(c.id) AS claimIds, collect(DISTINCT art.id) AS articleIds,
	     collect(DISTINCT c.modality) AS mods
	MERGE (s)-[r:$TYPE]->(o)
	SET r.id = p.id,
	    r.claimIds = claimIds,
	    r.claimCount = size(claimIds),
	    r.articleIds = articleIds,
	    r.articleCount = size(articleIds),
	    r.modalities = [m IN $order WHERE m IN mods],
	    r.modality = head([m IN $order WHERE m IN mods])`
