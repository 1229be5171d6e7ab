package neo4j

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/evidence"
	"github.com/actorgraph/actorgraph/graph"
)

// MigrateResult counts what Migrate changed; all zero when the graph was
// already at model 2.
type MigrateResult struct {
	// Articles whose unknown publication date ("") was removed.
	Articles int
	// Claims given certainty, ownStatement, conditional, time, spans,
	// sentence and source in place of their modality.
	Claims int
	// Declarations (NAMES) written for articles that had none.
	Names int
	// Actors given the name keys alias checks use.
	Actors int
	// Relationships whose summary was recomputed.
	Relationships int
}

// migrateBatch bounds the work of one migration transaction: this many
// articles, actors or relationships.
const migrateBatch = 200

// Migrate upgrades a graph written by model 1 (one modality per claim and
// relationship, aliases only on actors) to model 2 in place, as
// docs/graph-model.md describes: each claim's modality becomes its
// certainty, ownStatement and conditional (graph.FromModality), its time
// status ONGOING with the interval that gives, its subject and object
// spans are located near the quote (left out where the words cannot be
// found), its sentence and source are derived; every article gets a NAMES
// declaration of each actor its claims name, carrying the actor's current
// aliases; every relationship summary is recomputed. It works in bounded
// transactions (migrateBatch articles, actors or relationships each) and
// finds what is left to do from the data itself (a claim with a modality,
// an article without NAMES, an actor without name keys, a relationship
// with a modality or without certainties), so it can be interrupted and
// run again, and a second run changes nothing. progress, if set, is told
// of each step's count as it goes.
func (s *Store) Migrate(ctx context.Context, progress func(step string, done int)) (MigrateResult, error) {
	var res MigrateResult
	if err := s.EnsureSchema(ctx); err != nil {
		return res, err
	}
	tell := func(step string, n int) {
		if progress != nil {
			progress(step, n)
		}
	}
	for {
		var n int
		err := s.write(ctx, "migrate articles", func(tx *countingTx) error {
			recs, err := tx.run(ctx, "migrate articles", `
				MATCH (a:Article) WHERE a.publishedAt = ''
				WITH a LIMIT $n
				REMOVE a.publishedAt
				RETURN count(a) AS n`, map[string]any{"n": migrateBatch})
			if err == nil {
				v, _ := recs[0].Get("n")
				n = int(v.(int64))
			}
			return err
		})
		if err != nil {
			return res, err
		}
		res.Articles += n
		if n == 0 {
			break
		}
	}
	var err error
	if res.Claims, err = s.migrateClaims(ctx, func(n int) { tell("claims", n) }); err != nil {
		return res, err
	}
	if res.Actors, err = s.migrateActorKeys(ctx); err != nil {
		return res, err
	}
	tell("actors", res.Actors)
	if res.Names, err = s.migrateNames(ctx); err != nil {
		return res, err
	}
	tell("names", res.Names)
	if res.Relationships, err = s.migrateSummaries(ctx, func(n int) { tell("relationships", n) }); err != nil {
		return res, err
	}
	return res, nil
}

// migrateClaims gives model-1 claims (those with a modality) the model-2
// properties, one page of articles per transaction.
func (s *Store) migrateClaims(ctx context.Context, progress func(int)) (int, error) {
	done := 0
	after := ""
	for {
		recs, err := s.read(ctx, "migrate claims", `
			MATCH (art:Article) WHERE art.id > $after
			WITH art ORDER BY art.id LIMIT $n
			CALL (art) {
				MATCH (art)<-[:STATED_IN]-(c:Claim) WHERE c.modality IS NOT NULL
				MATCH (c)-[sl:SUBJECT]->(:Actor), (c)-[ol:OBJECT]->(:Actor)
				OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(w:Actor)
				RETURN collect(c {.id, .relation, .modality, .quote, .start, .end,
				                  subjectText: coalesce(sl.text, c.subjectText), objectText: coalesce(ol.text, c.objectText),
				                  attributedTo: w.id}) AS claims
			}
			RETURN art.id AS id, art.text AS text, art.source AS source, art.publishedAt AS publishedAt, claims`,
			map[string]any{"after": after, "n": migrateBatch})
		if err != nil {
			return done, err
		}
		if len(recs) == 0 {
			return done, nil
		}
		var rows []map[string]any
		for _, r := range recs {
			after = str(r, "id")
			v, _ := r.Get("claims")
			claims, _ := v.([]any)
			if len(claims) == 0 {
				continue
			}
			a := graph.Article{ID: after, Text: str(r, "text"), Source: str(r, "source"), PublishedAt: str(r, "publishedAt")}
			text := evidence.NewText(a.Text)
			for _, cv := range claims {
				row, err := migratedClaim(a, text, asMap(cv))
				if err != nil {
					return done, err
				}
				rows = append(rows, row)
			}
		}
		if len(rows) == 0 {
			continue
		}
		err = s.write(ctx, "migrate claims", func(tx *countingTx) error {
			return batches(s, rows, func(b []map[string]any) error {
				_, err := tx.run(ctx, "migrate claims", `
					UNWIND $rows AS row
					MATCH (c:Claim {id: row.id})
					MATCH (c)-[sl:SUBJECT]->(:Actor), (c)-[ol:OBJECT]->(:Actor)
					SET c += row.props, sl += row.subject, ol += row.object
					REMOVE c.modality`, map[string]any{"rows": b})
				return err
			})
		})
		if err != nil {
			return done, err
		}
		done += len(rows)
		progress(done)
	}
}

// migratedClaim computes the model-2 properties of one model-1 claim m of
// article a.
func migratedClaim(a graph.Article, text *evidence.Text, m map[string]any) (map[string]any, error) {
	c := graph.Claim{
		ID: mstr(m, "id"), Relation: graph.RelationType(mstr(m, "relation")),
		Quote: mstr(m, "quote"), Start: mint(m, "start"), End: mint(m, "end"),
		SubjectText: mstr(m, "subjectText"), ObjectText: mstr(m, "objectText"),
		AttributedToID: mstr(m, "attributedTo"),
	}
	if !c.Relation.Valid() {
		return nil, graph.Errorf(graph.EINVALID, "claim %q has unknown relation type %q", c.ID, c.Relation)
	}
	var err error
	c.Certainty, c.OwnStatement, c.Conditional, err = graph.FromModality(mstr(m, "modality"), c.AttributedToID != "")
	if err != nil {
		return nil, graph.Errorf(graph.EINVALID, "claim %q: %v", c.ID, err)
	}
	quote := evidence.Span{Start: c.Start, End: c.End}
	if !text.Valid(quote) {
		return nil, graph.Errorf(graph.EINVALID, "claim %q: its quote's offsets %d..%d lie outside its article's text", c.ID, c.Start, c.End)
	}
	locate := func(phrase string) graph.Span {
		if phrase == "" {
			return graph.Span{}
		}
		sp, _, ok := text.Locate(phrase, quote)
		if !ok {
			return graph.Span{}
		}
		return graph.Span(sp)
	}
	c.SubjectSpan, c.ObjectSpan = locate(c.SubjectText), locate(c.ObjectText)
	if sent, ok := text.SentenceAt(c.Start); ok {
		c.Sentence = graph.Span(sent)
	}
	c.Time = graph.ClaimTime{Status: graph.Ongoing}
	c.Valid = c.Time.Interval(c.Relation.Info().Class, a.PublishedAt)
	c.Source = graph.SourceOf(c.AttributedToID, a.ID, a.Source)
	p := claimParams(a, c)
	props := p["props"].(map[string]any)
	// Keep what model 1 wrote that model 2 keeps unchanged.
	for _, k := range []string{"id", "relation", "quote", "start", "end", "note", "subjectText", "objectText", "draft"} {
		delete(props, k)
	}
	return map[string]any{"id": c.ID, "props": props, "subject": p["subject"], "object": p["object"]}, nil
}

// migrateActorKeys gives actors without name keys (model 1 had none) the
// keys of their name and aliases.
func (s *Store) migrateActorKeys(ctx context.Context) (int, error) {
	done := 0
	for {
		recs, err := s.read(ctx, "migrate actors", `
			MATCH (a:Actor) WHERE a.nameKey IS NULL
			RETURN a.id AS id, a.name AS name, coalesce(a.aliases, []) AS aliases
			ORDER BY id LIMIT $n`, map[string]any{"n": migrateBatch})
		if err != nil {
			return done, err
		}
		if len(recs) == 0 {
			return done, nil
		}
		rows := make([]map[string]any, len(recs))
		for i, r := range recs {
			v, _ := r.Get("aliases")
			l, _ := v.([]any)
			rows[i] = map[string]any{"id": str(r, "id"), "nameKey": graph.NameKey(str(r, "name")), "aliasKeys": nameKeys(toStrings(l))}
		}
		err = s.write(ctx, "migrate actors", func(tx *countingTx) error {
			_, err := tx.run(ctx, "migrate actors", `
				UNWIND $rows AS row
				MATCH (a:Actor {id: row.id})
				SET a.nameKey = row.nameKey, a.aliasKeys = row.aliasKeys,
				    a.aliases = coalesce(a.aliases, []),
				    a.aliasText = reduce(t = '', x IN coalesce(a.aliases, []) | t + x + '\n')`, map[string]any{"rows": rows})
			return err
		})
		if err != nil {
			return done, err
		}
		done += len(rows)
	}
}

// migrateNames writes, for each article without NAMES, a declaration of
// every actor its claims name (subject, object or source) with the
// actor's current aliases and description: model 1 kept no record of
// which article declared which alias. An alias therefore leaves the graph
// once every article that named the actor under model 1 is reloaded
// without it.
func (s *Store) migrateNames(ctx context.Context) (int, error) {
	done := 0
	after := ""
	for {
		recs, err := s.read(ctx, "migrate names", `
			MATCH (art:Article) WHERE art.id > $after
			WITH art ORDER BY art.id LIMIT $n
			CALL (art) {
				WITH art WHERE NOT EXISTS { (art)-[:NAMES]->(:Actor) }
				MATCH (art)<-[:STATED_IN]-(:Claim)-[:SUBJECT|OBJECT|ATTRIBUTED_TO]->(a:Actor)
				WITH DISTINCT a ORDER BY a.id
				RETURN collect(a {.id, aliases: coalesce(a.aliases, []), description: coalesce(a.description, '')}) AS actors
			}
			RETURN art.id AS id, actors ORDER BY id`,
			map[string]any{"after": after, "n": migrateBatch})
		if err != nil {
			return done, err
		}
		if len(recs) == 0 {
			return done, nil
		}
		var rows []map[string]any
		for _, r := range recs {
			after = str(r, "id")
			v, _ := r.Get("actors")
			actors, _ := v.([]any)
			for _, av := range actors {
				m := asMap(av)
				aliases := mstrings(m, "aliases")
				rows = append(rows, map[string]any{
					"article": str(r, "id"), "actor": mstr(m, "id"),
					"aliases": aliases, "description": mstr(m, "description"), "keys": nameKeys(aliases),
				})
			}
		}
		if len(rows) == 0 {
			continue
		}
		err = s.write(ctx, "migrate names", func(tx *countingTx) error {
			_, err := tx.run(ctx, "migrate names", `
				UNWIND $rows AS row
				MATCH (art:Article {id: row.article}), (a:Actor {id: row.actor})
				WHERE NOT EXISTS { (art)-[:NAMES]->(a) }
				CREATE (art)-[:NAMES {aliases: row.aliases, description: row.description, keys: row.keys}]->(a)`,
				map[string]any{"rows": rows})
			return err
		})
		if err != nil {
			return done, err
		}
		done += len(rows)
	}
}

// migrateSummaries recomputes the summary of every relationship that
// still has a model-1 modality or no certainties yet, a page of one type
// per transaction, in id order through the type's index.
func (s *Store) migrateSummaries(ctx context.Context, progress func(int)) (int, error) {
	done := 0
	for _, rt := range graph.RelationTypes {
		t := string(rt.Type)
		after := ""
		for {
			recs, err := s.read(ctx, "migrate relationships", `
				MATCH (a:Actor)-[r:`+t+`]->(b:Actor) WHERE r.id > $after
				WITH a, r, b ORDER BY r.id LIMIT $n
				RETURN r.id AS id, a.id AS from, b.id AS to, r.modality IS NOT NULL OR r.certainties IS NULL AS stale`,
				map[string]any{"after": after, "n": migrateBatch})
			if err != nil {
				return done, err
			}
			if len(recs) == 0 {
				break
			}
			var rows []map[string]any
			var ids []string
			for _, r := range recs {
				after = str(r, "id")
				if v, _ := r.Get("stale"); v != true {
					continue
				}
				rows = append(rows, map[string]any{"from": str(r, "from"), "to": str(r, "to"), "type": t, "id": after, "claimIds": []string{}})
				ids = append(ids, after)
			}
			if len(rows) == 0 {
				continue
			}
			err = s.write(ctx, "migrate relationships", func(tx *countingTx) error {
				if _, err := tx.run(ctx, "recompute relationship summaries", recomputeSummaryCypher,
					map[string]any{"batch": rowsOf(rows), "certaintyOrder": certaintyOrder()}); err != nil {
					return err
				}
				_, err := tx.run(ctx, "remove modalities", `
					UNWIND $ids AS id
					MATCH ()-[r:`+t+` {id: id}]->()
					REMOVE r.modality, r.modalities`, map[string]any{"ids": ids})
				return err
			})
			if err != nil {
				return done, fmt.Errorf("relationships of type %s: %w", t, err)
			}
			done += len(rows)
			progress(done)
		}
	}
	return done, nil
}
