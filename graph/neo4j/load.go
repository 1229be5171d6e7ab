package neo4j

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// DefaultBatchSize is how many rows one UNWIND statement carries when the
// store's Config does not say.
const DefaultBatchSize = 1000

// LoadArticle writes one validated article in its own write transaction;
// see LoadArticles.
func (s *Store) LoadArticle(ctx context.Context, l graph.ArticleLoad) (graph.LoadResult, error) {
	res, err := s.LoadArticles(ctx, []graph.ArticleLoad{l})
	if err != nil {
		return graph.LoadResult{}, err
	}
	return res[0], nil
}

// LoadArticles writes validated articles in a single write transaction: their
// actors (merged by id), the article nodes, and their claims, replacing any
// claims an earlier load of the same articles wrote. It then recomputes the
// summary on every actor-to-actor relationship the old or new claims touch,
// so claims from other articles about the same edge are kept and counted.
// The group commits whole or not at all, so no article is ever half written.
// The articles must have distinct ids.
//
// Each step is one UNWIND statement per batch of Config.BatchSize rows, so
// a group pays the transaction's fixed costs (round trips, the summary
// statement, the commit) once. The actors are merged first, in id order:
// that takes their write locks in one global order, so concurrent loads of
// articles that share actors mostly wait for each other, and each sees the
// other's claims when it recomputes a shared relationship. A load Neo4j
// still aborts for a deadlock is run again (see WriteRetryTime).
func (s *Store) LoadArticles(ctx context.Context, loads []graph.ArticleLoad) ([]graph.LoadResult, error) {
	results := make([]graph.LoadResult, len(loads))
	seen := make(map[string]bool, len(loads))
	for _, l := range loads {
		if seen[l.Article.ID] {
			return nil, graph.Errorf(graph.EINVALID, "article %q appears twice in one load", l.Article.ID)
		}
		seen[l.Article.ID] = true
	}
	err := s.write(ctx, LoadOp, func(tx *countingTx) error {
		created, err := s.mergeActors(ctx, tx, loads)
		if err != nil {
			return err
		}
		loadedBefore, err := s.mergeArticles(ctx, tx, loads)
		if err != nil {
			return err
		}
		old, err := s.deleteClaims(ctx, tx, loadedBefore)
		if err != nil {
			return err
		}
		if err := s.createClaims(ctx, tx, loads); err != nil {
			return err
		}
		// Every edge the old or the new claims support, with what the new
		// claims add to it.
		touched := map[edgeKey]*edgeNews{}
		news := func(k edgeKey) *edgeNews {
			if touched[k] == nil {
				touched[k] = &edgeNews{}
			}
			return touched[k]
		}
		for _, k := range old {
			news(k).recompute = true
		}
		for i, l := range loads {
			edges := map[edgeKey]bool{}
			for _, c := range l.Claims {
				k := edgeKey{c.SubjectID, c.Relation, c.ObjectID}
				n := news(k)
				n.claimIDs = append(n.claimIDs, c.ID)
				n.articleIDs = appendNew(n.articleIDs, l.Article.ID)
				n.modalities = appendNew(n.modalities, string(c.Modality))
				edges[k] = true
			}
			results[i] = graph.LoadResult{ArticleID: l.Article.ID, Actors: len(l.Actors), Claims: len(l.Claims), Relationships: len(edges)}
		}
		return s.summarise(ctx, tx, touched, created)
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// LoadOp is the name LoadArticles' transactions are reported under to the
// Config.Observer; each of their statements is reported as LoadOp + ": " +
// the step ("create claims", "extend relationship summaries", …).
const LoadOp = "load articles"

// edgeKey identifies one actor-to-actor relationship.
type edgeKey struct {
	from string
	typ  graph.RelationType
	to   string
}

// batches calls fn with consecutive slices of at most the store's batch size.
func batches[T any](s *Store, rows []T, fn func([]T) error) error {
	n := s.batchSize
	for len(rows) > 0 {
		k := min(n, len(rows))
		if err := fn(rows[:k]); err != nil {
			return err
		}
		rows = rows[k:]
	}
	return nil
}

// mergeActorsCypher upserts actors. The kind is also a label: each row
// carries its kind's label and the other kinds' labels (row.label,
// row.otherLabels, from the closed enum, never from input), set and
// removed as dynamic labels, so the statement is the same whatever the
// kinds and cheap to plan. Aliases accumulate across articles; aliasText
// feeds the full-text index. An actor the load changes nothing about is
// not written at all: most articles name actors the graph already holds
// (a hub is in most transactions of a large load), and writing the same
// values again would still cost a property update at commit and a
// full-text index update. It returns the ids of the actors it created
// (an actor always has a name once merged), which have no relationship
// yet.
const mergeActorsCypher = `
	UNWIND $actors AS row
	MERGE (a:Actor {id: row.id})
	WITH a, row, a.name IS NULL AS created,
	     reduce(acc = coalesce(a.aliases, []), x IN row.aliases |
	       CASE WHEN x IN acc THEN acc ELSE acc + x END) AS aliases,
	     CASE WHEN row.description = '' THEN a.description ELSE row.description END AS description
	WHERE created OR a.name <> row.name OR a.kind <> row.kind OR a.aliases <> aliases
	   OR coalesce(a.description, '') <> coalesce(description, '')
	SET a.name = row.name,
	    a.kind = row.kind,
	    a.description = description,
	    a.aliases = aliases,
	    a.aliasText = reduce(t = '', x IN aliases | t + x + '\n')
	REMOVE a:$(row.otherLabels)
	SET a:$(row.label)
	WITH row WHERE created
	RETURN row.id AS created`

// otherKindLabels maps each kind to the labels of every other kind: what
// merging an actor of that kind removes, should its kind have changed.
var otherKindLabels = func() map[graph.ActorKind][]string {
	m := map[graph.ActorKind][]string{}
	for _, k := range graph.ActorKinds {
		for _, o := range graph.ActorKinds {
			if o != k {
				m[k] = append(m[k], o.Label())
			}
		}
	}
	return m
}()

// mergeActors upserts every article's actors, one row per actor, in id
// order (see LoadArticles on locks), and returns the ids of those it
// created. An actor several articles of the
// group name is folded into one row first, as merging it once per article
// would leave it: the aliases of all of them, in order, and the last
// description given. Validation has made an actor id mean the same name and
// kind everywhere.
func (s *Store) mergeActors(ctx context.Context, tx *countingTx, loads []graph.ArticleLoad) (created map[string]bool, err error) {
	byID := map[string]*graph.Actor{}
	var ids []string
	for _, l := range loads {
		for _, a := range l.Actors {
			if !a.Kind.Valid() {
				return nil, graph.Errorf(graph.EINVALID, "actor %q has unknown kind %q", a.ID, a.Kind)
			}
			m := byID[a.ID]
			if m == nil {
				m = &graph.Actor{ID: a.ID, Name: a.Name, Kind: a.Kind, Aliases: []string{}}
				byID[a.ID] = m
				ids = append(ids, a.ID)
			}
			for _, al := range a.Aliases {
				m.Aliases = appendNew(m.Aliases, al)
			}
			if a.Description != "" {
				m.Description = a.Description
			}
		}
	}
	sort.Strings(ids)
	rows := make([]map[string]any, len(ids))
	for i, id := range ids {
		a := byID[id]
		rows[i] = map[string]any{
			"id": a.ID, "name": a.Name, "kind": string(a.Kind),
			"aliases": a.Aliases, "description": a.Description,
			"label": a.Kind.Label(), "otherLabels": otherKindLabels[a.Kind],
		}
	}
	created = map[string]bool{}
	err = batches(s, rows, func(b []map[string]any) error {
		recs, err := tx.run(ctx, "merge actors", mergeActorsCypher, map[string]any{"actors": b})
		for _, r := range recs {
			created[str(r, "created")] = true
		}
		return err
	})
	return created, err
}

// mergeArticlesCypher upserts the article nodes and returns the ids of
// those that existed before (every article has a title once merged): only
// they can have claims from an earlier load to replace.
const mergeArticlesCypher = `
	UNWIND $articles AS row
	MERGE (a:Article {id: row.id})
	WITH a, row, a.title IS NOT NULL AS existed
	SET a += row
	WITH row WHERE existed
	RETURN row.id AS existed`

// mergeArticles upserts the article nodes and returns the ids of those
// that were loaded before.
func (s *Store) mergeArticles(ctx context.Context, tx *countingTx, loads []graph.ArticleLoad) ([]string, error) {
	rows := make([]map[string]any, len(loads))
	for i, l := range loads {
		rows[i] = articleParams(l.Article)
	}
	var existed []string
	err := batches(s, rows, func(b []map[string]any) error {
		recs, err := tx.run(ctx, "merge articles", mergeArticlesCypher, map[string]any{"articles": b})
		for _, r := range recs {
			existed = append(existed, str(r, "existed"))
		}
		return err
	})
	return existed, err
}

func articleParams(a graph.Article) map[string]any {
	return map[string]any{
		"id": a.ID, "title": a.Title, "dateline": a.Dateline, "source": a.Source,
		"url": a.URL, "publishedAt": a.PublishedAt, "text": a.Text,
	}
}

const deleteClaimsCypher = `
	UNWIND $ids AS id
	MATCH (s:Actor)<-[:SUBJECT]-(c:Claim)-[:STATED_IN]->(:Article {id: id}),
	      (c)-[:OBJECT]->(o:Actor)
	WITH c, s.id AS from, c.relation AS type, o.id AS to
	DETACH DELETE c
	RETURN DISTINCT from, type, to`

// deleteClaims removes the articles' claims and returns the edges they
// supported. Only articles loaded before have any: a load of new articles
// (a first load) runs no delete statement.
func (s *Store) deleteClaims(ctx context.Context, tx *countingTx, articleIDs []string) ([]edgeKey, error) {
	var keys []edgeKey
	err := batches(s, articleIDs, func(b []string) error {
		recs, err := tx.run(ctx, "delete earlier claims", deleteClaimsCypher, map[string]any{"ids": b})
		for _, r := range recs {
			keys = append(keys, edgeKey{str(r, "from"), graph.RelationType(str(r, "type")), str(r, "to")})
		}
		return err
	})
	return keys, err
}

const createClaimsCypher = `
	UNWIND $claims AS row
	MATCH (art:Article {id: row.articleId}), (s:Actor {id: row.subjectId}), (o:Actor {id: row.objectId})
	OPTIONAL MATCH (w:Actor {id: row.attributedToId})
	CREATE (c:Claim)
	SET c = row.props
	CREATE (c)-[:STATED_IN]->(art),
	       (c)-[:SUBJECT {text: row.subjectText}]->(s),
	       (c)-[:OBJECT {text: row.objectText}]->(o)
	FOREACH (who IN CASE WHEN w IS NULL THEN [] ELSE [w] END |
	         CREATE (c)-[:ATTRIBUTED_TO]->(who))`

// createClaims writes the articles' claims and their links, one UNWIND per
// batch.
func (s *Store) createClaims(ctx context.Context, tx *countingTx, loads []graph.ArticleLoad) error {
	var rows []map[string]any
	for _, l := range loads {
		for _, c := range l.Claims {
			rows = append(rows, claimParams(l.Article.ID, c))
		}
	}
	return batches(s, rows, func(b []map[string]any) error {
		_, err := tx.run(ctx, "create claims", createClaimsCypher, map[string]any{"claims": b})
		return err
	})
}

func claimParams(articleID string, c graph.Claim) map[string]any {
	return map[string]any{
		"articleId": articleID,
		"subjectId": c.SubjectID, "objectId": c.ObjectID, "attributedToId": c.AttributedToID,
		"subjectText": c.SubjectText, "objectText": c.ObjectText,
		"props": map[string]any{
			"id": c.ID, "relation": string(c.Relation), "modality": string(c.Modality),
			"quote": c.Quote, "start": c.Start, "end": c.End, "note": c.Note,
			"subjectText": c.SubjectText, "objectText": c.ObjectText,
		},
	}
}

// edgeNews is what one load does to a relationship: the claims it adds
// (with their articles and modalities), and whether it deleted claims the
// relationship listed, which calls for a full recomputation.
type edgeNews struct {
	claimIDs, articleIDs, modalities []string
	recompute                        bool
}

func appendNew(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

// summarise brings the summary of every touched edge up to date. An edge
// this load only added claims to is extended: its summary's lists are
// merged with the new claims' (extendSummaryCypher), which reads no claim
// and none of the actors' other relationships: only the edge's own lists.
// An edge that lost claims (the load replaced an earlier load of an
// article) is recomputed from its claims (summariseCypher), and deleted if
// none is left.
//
// Each step is one statement whatever the relationship types, so a load
// plans the same few statements however many types the model has. Edges
// are found in two steps: findSummariesCypher looks the ids up on the
// types' id indexes, all at once, and the summary statements then reach
// each existing edge by its element id, which needs no type. An edge with
// an actor this transaction created cannot exist yet and is not looked
// up; edges that do not exist are created with their summary made in Go
// (createSummariesCypher), which reads nothing. A first load into an
// empty graph (the seed) only creates: it neither looks up nor extends.
func (s *Store) summarise(ctx context.Context, tx *countingTx, touched map[edgeKey]*edgeNews, newActors map[string]bool) error {
	keys := make([]edgeKey, 0, len(touched))
	for k := range touched {
		if !k.typ.Valid() {
			return graph.Errorf(graph.EINVALID, "unknown relation type %q", k.typ)
		}
		keys = append(keys, k)
	}
	// Sorted so that relationship locks, too, are taken in one order.
	sort.Slice(keys, func(i, j int) bool {
		return graph.RelationshipID(keys[i].from, keys[i].typ, keys[i].to) < graph.RelationshipID(keys[j].from, keys[j].typ, keys[j].to)
	})
	var lookup []edgeKey
	for _, k := range keys {
		if !newActors[k.from] && !newActors[k.to] {
			lookup = append(lookup, k)
		}
	}
	found, err := s.findSummaries(ctx, tx, lookup)
	if err != nil {
		return err
	}
	order := make([]string, len(graph.Modalities))
	for i, m := range graph.Modalities {
		order[i] = string(m)
	}
	var recompute, extend, create []map[string]any
	for _, k := range keys {
		n := touched[k]
		id := graph.RelationshipID(k.from, k.typ, k.to)
		row := map[string]any{
			"from": k.from, "to": k.to, "type": string(k.typ), "id": id,
			"claimIds": n.claimIDs, "articleIds": n.articleIDs, "modalities": n.modalities,
		}
		eid, exists := found[id]
		switch {
		case n.recompute:
			row["eid"] = nilIfEmpty(eid)
			recompute = append(recompute, row)
		case exists:
			row["eid"] = eid
			extend = append(extend, row)
		default:
			create = append(create, newSummary(row, n, order))
		}
	}
	run := func(step, cypher string, rows []map[string]any) error {
		return batches(s, rows, func(b []map[string]any) error {
			_, err := tx.run(ctx, step, cypher, map[string]any{"pairs": b, "order": order})
			return err
		})
	}
	if err := run("recompute relationship summaries", summariseCypher, recompute); err != nil {
		return err
	}
	if err := run("extend relationship summaries", extendSummaryCypher, extend); err != nil {
		return err
	}
	return run("create relationship summaries", createSummariesCypher, create)
}

// newSummary is the row createSummariesCypher writes for an edge that does
// not exist yet: its summary made from the load's claims alone.
func newSummary(row map[string]any, n *edgeNews, order []string) map[string]any {
	claims := slices.Clone(n.claimIDs)
	sort.Strings(claims)
	claims = slices.Compact(claims)
	articles := slices.Clone(n.articleIDs)
	sort.Strings(articles)
	var mods []string
	for _, m := range order {
		if slices.Contains(n.modalities, m) {
			mods = append(mods, m)
		}
	}
	row["summary"] = map[string]any{
		"id":       row["id"],
		"claimIds": claims, "claimCount": len(claims),
		"articleIds": articles, "articleCount": len(articles),
		"modalities": mods, "modality": mods[0],
	}
	return row
}

// createSummariesCypher creates relationships that do not exist yet, with
// their summaries, for a batch of $pairs ({from, to, type, summary}). The
// type is a dynamic type: p.type comes from the closed enum (summarise
// checks it), and a CREATE needs no lookup, so nothing is lost by not
// naming it.
const createSummariesCypher = `
	UNWIND $pairs AS p
	MATCH (s:Actor {id: p.from}), (o:Actor {id: p.to})
	CREATE (s)-[r:$(p.type)]->(o)
	SET r = p.summary`

// findSummariesCypher finds relationships by id: $ids maps each type to
// the ids to look for, and each branch of the union seeks one type's id
// index for all of them at once. A branch runs once per statement, not
// once per id: a pattern naming every type (-[r:A|B|… {id: p.id}]-) plans
// as the same seeks, but run for each id, and a dynamic type
// (-[r:$(p.type)]-) as a scan of every relationship, since Neo4j 5.26 can
// pick no index for a type it learns at run time; on a graph of 100,000
// claims either is some 20 times slower per id than a seek on one type's
// index. The statement's text, and so its plan, does not depend on the
// types present.
var findSummariesCypher = func() string {
	var branches []string
	for _, r := range graph.RelationTypes {
		branches = append(branches, `
	MATCH ()-[r:`+string(r.Type)+`]->() WHERE r.id IN $ids.`+string(r.Type)+`
	RETURN r.id AS id, elementId(r) AS eid`)
	}
	return strings.Join(branches, "\n\tUNION ALL")
}()

// findSummaries returns the element ids of the edges among keys that
// exist, by relationship id.
func (s *Store) findSummaries(ctx context.Context, tx *countingTx, keys []edgeKey) (map[string]string, error) {
	found := map[string]string{}
	err := batches(s, keys, func(b []edgeKey) error {
		ids := make(map[string]any, len(graph.RelationTypes))
		for _, r := range graph.RelationTypes {
			ids[string(r.Type)] = []string{}
		}
		for _, k := range b {
			ids[string(k.typ)] = append(ids[string(k.typ)].([]string), graph.RelationshipID(k.from, k.typ, k.to))
		}
		recs, err := tx.run(ctx, "find relationship summaries", findSummariesCypher, map[string]any{"ids": ids})
		for _, r := range recs {
			found[str(r, "id")] = str(r, "eid")
		}
		return err
	})
	return found, err
}

// findSummaryCypher binds old to the relationship whose element id is
// p.eid (null when findSummaries found none, and so old is null): a seek
// that needs no type. The statements that use it run only when some of
// the edges exist, so they are planned on a graph that has relationships,
// where the planner picks that seek over a scan.
const findSummaryCypher = `
	OPTIONAL MATCH ()-[old]->() WHERE elementId(old) = p.eid`

// writeSummaryCypher ends a summary statement: it writes summary onto old,
// or creates the relationship (s)-[:<p.type>]->(o) with it. The type is a
// dynamic type: p.type comes from the closed enum (summarise checks it),
// and a CREATE needs no lookup, so nothing is lost by not naming it.
// CREATE, not MERGE: the statement has just looked the relationship up by
// its id, and the actors' write locks, taken when the load merged them,
// keep any other load from creating it meanwhile.
const writeSummaryCypher = `
	FOREACH (_ IN CASE WHEN old IS NULL THEN [] ELSE [1] END | SET old += summary)
	FOREACH (_ IN CASE WHEN old IS NULL THEN [1] ELSE [] END | CREATE (s)-[r:$(p.type)]->(o) SET r = summary)`

// summariseCypher recomputes relationship summaries for a batch of $pairs
// ({from, to, type, id, eid, claimIds}). An edge's claims are those its
// summary already lists plus the ones just created for it, looked up by
// their unique id and kept only if they still state this subject, type and
// object; each claim is expanded from (its four links), never from the
// actors, so the cost of an update grows with the claims on that edge,
// never with the degree of its actors.
var summariseCypher = `
	UNWIND $pairs AS p
	MATCH (s:Actor {id: p.from}), (o:Actor {id: p.to})` + findSummaryCypher + `
	CALL {
		WITH p, old
		UNWIND coalesce(old.claimIds, []) + p.claimIds AS cid
		MATCH (c:Claim {id: cid}) WHERE c.relation = p.type
		MATCH (cs:Actor)<-[:SUBJECT]-(c)-[:OBJECT]->(co:Actor), (c)-[:STATED_IN]->(art:Article)
		WHERE cs.id = p.from AND co.id = p.to
		WITH DISTINCT c, art ORDER BY c.id
		WITH collect(c.id) AS claimIds, collect(DISTINCT art.id) AS articles,
		     collect(DISTINCT c.modality) AS mods
		CALL {
			WITH articles
			UNWIND articles AS x
			WITH x ORDER BY x
			RETURN collect(x) AS articleIds
		}
		RETURN claimIds, articleIds, mods
	}
	FOREACH (_ IN CASE WHEN old IS NOT NULL AND size(claimIds) = 0 THEN [1] ELSE [] END | DELETE old)
	WITH p, s, o, old, claimIds, articleIds, mods WHERE size(claimIds) > 0
	WITH p, s, o, old, {
	       id: p.id,
	       claimIds: claimIds, claimCount: size(claimIds),
	       articleIds: articleIds, articleCount: size(articleIds),
	       modalities: [m IN $order WHERE m IN mods],
	       modality: head([m IN $order WHERE m IN mods])
	     } AS summary` + writeSummaryCypher

// extendSummaryCypher adds what a batch of $pairs ({from, to, type, id,
// eid, claimIds, articleIds, modalities}: the claims a load just created)
// to the summaries of relationships that exist (findSummaries found their
// element ids). Lists stay sorted and distinct.
var extendSummaryCypher = `
	UNWIND $pairs AS p
	MATCH (s:Actor {id: p.from}), (o:Actor {id: p.to})` + findSummaryCypher + `
	CALL {
		WITH p, old
		UNWIND coalesce(old.claimIds, []) + p.claimIds AS x
		WITH DISTINCT x ORDER BY x
		RETURN collect(x) AS claimIds
	}
	CALL {
		WITH p, old
		UNWIND coalesce(old.articleIds, []) + p.articleIds AS x
		WITH DISTINCT x ORDER BY x
		RETURN collect(x) AS articleIds
	}
	WITH p, s, o, old, claimIds, articleIds,
	     [m IN $order WHERE m IN coalesce(old.modalities, []) OR m IN p.modalities] AS modalities
	WITH p, s, o, old, {
	       id: p.id,
	       claimIds: claimIds, claimCount: size(claimIds),
	       articleIds: articleIds, articleCount: size(articleIds),
	       modalities: modalities, modality: head(modalities)
	     } AS summary` + writeSummaryCypher

// allTypes is "ALIGNED_WITH|LEADS|…", every actor-to-actor relationship type.
func allTypes() string {
	te, _ := typeExpr(nil)
	return te
}
