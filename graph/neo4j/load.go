package neo4j

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// DefaultBatchSize is how many rows one UNWIND statement carries when the
// store's Config does not say.
const DefaultBatchSize = 1000

// LoadArticles implements graph.Writer. It writes validated articles in a
// single write transaction: their actors (merged by id), the article
// nodes, each article's declaration of its actors (NAMES) and its claims,
// replacing whatever an earlier load of the same articles wrote. It then brings up to date the
// aliases of every actor whose declarations changed and the summary of
// every actor-to-actor relationship the old or new claims touch, so
// claims and aliases from other articles are kept and counted. The group
// commits whole or not at all, so no article is ever half written. The
// articles must have distinct ids.
//
// Each step is one UNWIND statement per batch of Config.BatchSize rows,
// and the number of steps is fixed (LoadStatements lists them): it does
// not grow with the number of relation types. A group pays the
// transaction's fixed costs (round trips, the summary statements, the
// commit) once. The actors are merged first, in id order: that takes
// their write locks in one global order, so concurrent loads of articles
// that share actors mostly wait for each other, and each sees the other's
// claims when it recomputes a shared relationship. A load Neo4j still
// aborts for a deadlock is run again (see WriteRetryTime).
func (s *Store) LoadArticles(ctx context.Context, loads []graph.ArticleLoad) ([]graph.LoadResult, error) {
	results := make([]graph.LoadResult, len(loads))
	ids := make([]string, len(loads))
	seen := make(map[string]bool, len(loads))
	for i, l := range loads {
		if seen[l.Article.ID] {
			return nil, graph.Errorf(graph.EINVALID, "article %q appears twice in one load", l.Article.ID)
		}
		seen[l.Article.ID] = true
		ids[i] = l.Article.ID
		for _, c := range l.Claims {
			if !c.Relation.Valid() {
				return nil, graph.Errorf(graph.EINVALID, "claim %q has unknown relation type %q", c.ID, c.Relation)
			}
			if !c.Certainty.Valid() {
				return nil, graph.Errorf(graph.EINVALID, "claim %q has unknown certainty %q", c.ID, c.Certainty)
			}
		}
	}
	err := s.write(ctx, LoadOp, func(tx *countingTx) error {
		return s.load(ctx, tx, loads, ids, results)
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// load is LoadArticles' transaction: loads (whose article ids are ids),
// counted into results. commitArticle runs it too, with its revision.
func (s *Store) load(ctx context.Context, tx *countingTx, loads []graph.ArticleLoad, ids []string, results []graph.LoadResult) error {
	if err := s.mergeActors(ctx, tx, loads); err != nil {
		return err
	}
	if err := s.mergeArticles(ctx, tx, loads); err != nil {
		return err
	}
	old, err := s.deleteClaims(ctx, tx, ids)
	if err != nil {
		return err
	}
	oldNames, err := s.deleteNames(ctx, tx, ids)
	if err != nil {
		return err
	}
	if err := s.createClaims(ctx, tx, loads); err != nil {
		return err
	}
	if err := s.nameActors(ctx, tx, loads, oldNames); err != nil {
		return err
	}
	// Every edge the old or the new claims support, with what the new
	// claims add to it; a retracted claim (commitArticle replacing an
	// article keeps retractions) adds nothing.
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
			if !c.Retracted {
				news(k).add(l.Article, c)
			}
			edges[k] = true
		}
		results[i] = graph.LoadResult{ArticleID: l.Article.ID, Actors: len(l.Actors), Claims: len(l.Claims), Relationships: len(edges)}
	}
	return s.summarise(ctx, tx, touched)
}

// loadStatements lists every statement a load transaction may run, by
// step name.
func loadStatements() map[string]string {
	return map[string]string{
		"merge actors":                     mergeActorsCypher,
		"merge articles":                   mergeArticlesCypher,
		"delete earlier claims":            deleteClaimsCypher,
		"delete earlier names":             deleteNamesCypher,
		"create claims":                    createClaimsCypher,
		"name actors":                      nameActorsCypher,
		"recompute actor aliases":          recomputeAliasesCypher,
		"apply curated aliases":            curateAliasesCypher,
		"recompute relationship summaries": recomputeSummaryCypher,
		"extend relationship summaries":    extendSummaryCypher,
	}
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

// rowsOf wraps a batch of rows as the statements of a load take them:
// $batch.rows, a list inside a map. Neo4j caches a plan by the types of
// its parameters and, for a list, by the order of magnitude of its length
// (1, up to 10, up to 100, …), so a list parameter would be planned again
// for each size of batch, seconds each for the summary statements; a
// map's contents do not count.
func rowsOf[T any](rows []T) map[string]any { return map[string]any{"rows": rows} }

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

// mergeActorsCypher upserts actors. The kind is a label, so one FOREACH per
// kind sets it (labels cannot be parameters; these come from the enum).
// The aliases are the articles' declarations (nameActors); a new actor
// starts with none.
var mergeActorsCypher = func() string {
	var b strings.Builder
	b.WriteString(`
	UNWIND $batch.rows AS row
	MERGE (a:Actor {id: row.id})
	ON CREATE SET a.version = 1
	SET a.name = row.name,
	    a.kind = row.kind,
	    a.nameKey = row.nameKey,
	    a.description = CASE WHEN row.description = '' THEN a.description ELSE row.description END,
	    a.aliases = coalesce(a.aliases, []),
	    a.aliasKeys = coalesce(a.aliasKeys, []),
	    a.aliasText = coalesce(a.aliasText, '')`)
	for _, k := range graph.ActorKinds {
		var others []string
		for _, o := range graph.ActorKinds {
			if o != k {
				others = append(others, o.Label())
			}
		}
		b.WriteString("\n\tFOREACH (_ IN CASE WHEN row.kind = '" + string(k) + "' THEN [1] ELSE [] END |\n\t         REMOVE a:" +
			strings.Join(others, ":") + " SET a:" + k.Label() + ")")
	}
	return b.String()
}()

// mergeActors upserts every article's actors, one row per actor, in id
// order (see LoadArticles on locks), with the last description the group
// gives. Validation has made an actor id mean the same name and kind
// everywhere.
func (s *Store) mergeActors(ctx context.Context, tx *countingTx, loads []graph.ArticleLoad) error {
	byID := map[string]*graph.Actor{}
	var ids []string
	for _, l := range loads {
		for _, a := range l.Actors {
			if !a.Kind.Valid() {
				return graph.Errorf(graph.EINVALID, "actor %q has unknown kind %q", a.ID, a.Kind)
			}
			m := byID[a.ID]
			if m == nil {
				m = &graph.Actor{ID: a.ID, Name: a.Name, Kind: a.Kind}
				byID[a.ID] = m
				ids = append(ids, a.ID)
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
			"id": a.ID, "name": a.Name, "kind": string(a.Kind), "nameKey": graph.NameKey(a.Name), "description": a.Description,
		}
	}
	return batches(s, rows, func(b []map[string]any) error {
		_, err := tx.run(ctx, "merge actors", mergeActorsCypher, map[string]any{"batch": rowsOf(b)})
		return err
	})
}

const mergeArticlesCypher = `
	UNWIND $batch.rows AS row
	MERGE (a:Article {id: row.id})
	SET a += row`

// mergeArticles upserts the article nodes.
func (s *Store) mergeArticles(ctx context.Context, tx *countingTx, loads []graph.ArticleLoad) error {
	rows := make([]map[string]any, len(loads))
	for i, l := range loads {
		rows[i] = articleParams(l.Article)
	}
	return batches(s, rows, func(b []map[string]any) error {
		_, err := tx.run(ctx, "merge articles", mergeArticlesCypher, map[string]any{"batch": rowsOf(b)})
		return err
	})
}

func articleParams(a graph.Article) map[string]any {
	return map[string]any{
		"id": a.ID, "title": a.Title, "dateline": a.Dateline, "source": a.Source,
		"url": a.URL, "publishedAt": nilIfEmpty(a.PublishedAt), "note": a.Note, "text": a.Text,
	}
}

const deleteClaimsCypher = `
	UNWIND $batch.rows AS id
	MATCH (s:Actor)<-[:SUBJECT]-(c:Claim)-[:STATED_IN]->(:Article {id: id}),
	      (c)-[:OBJECT]->(o:Actor)
	WITH c, s.id AS from, c.relation AS type, o.id AS to
	DETACH DELETE c
	RETURN DISTINCT from, type, to`

// deleteClaims removes the articles' claims and returns the edges they
// supported.
func (s *Store) deleteClaims(ctx context.Context, tx *countingTx, articleIDs []string) ([]edgeKey, error) {
	var keys []edgeKey
	err := batches(s, articleIDs, func(b []string) error {
		recs, err := tx.run(ctx, "delete earlier claims", deleteClaimsCypher, map[string]any{"batch": rowsOf(b)})
		for _, r := range recs {
			keys = append(keys, edgeKey{str(r, "from"), graph.RelationType(str(r, "type")), str(r, "to")})
		}
		return err
	})
	return keys, err
}

const deleteNamesCypher = `
	UNWIND $batch.rows AS id
	MATCH (:Article {id: id})-[n:NAMES]->(a:Actor)
	WITH a.id AS actor, n.aliases AS aliases, n
	DELETE n
	RETURN actor, aliases`

// deleteNames removes the articles' declarations of their actors and
// returns, per actor, the aliases they declared.
func (s *Store) deleteNames(ctx context.Context, tx *countingTx, articleIDs []string) (map[string][]string, error) {
	old := map[string][]string{}
	err := batches(s, articleIDs, func(b []string) error {
		recs, err := tx.run(ctx, "delete earlier names", deleteNamesCypher, map[string]any{"batch": rowsOf(b)})
		for _, r := range recs {
			v, _ := r.Get("aliases")
			l, _ := v.([]any)
			id := str(r, "actor")
			old[id] = append(old[id], toStrings(l)...)
		}
		return err
	})
	return old, err
}

// nameActorsCypher writes each article's declaration of an actor and adds
// the aliases it declares to the actor's, keeping them distinct and in
// the order first declared. aliasKeys (graph.NameKey of each alias) and
// nameKey serve AliasConflicts; aliasText feeds the full-text index.
const nameActorsCypher = `
	UNWIND $batch.rows AS row
	MATCH (a:Actor {id: row.id})
	CALL (a, row) {
		UNWIND row.names AS d
		MATCH (art:Article {id: d.article})
		CREATE (art)-[:NAMES {aliases: d.aliases, description: d.description, keys: d.keys}]->(a)
	}
	SET a.aliases = reduce(acc = coalesce(a.aliases, []), x IN row.aliases | CASE WHEN x IN acc THEN acc ELSE acc + x END),
	    a.aliasKeys = reduce(acc = coalesce(a.aliasKeys, []), x IN row.keys | CASE WHEN x IN acc THEN acc ELSE acc + x END)
	SET a.aliasText = reduce(t = '', x IN a.aliases | t + x + '\n')`

// recomputeAliasesCypher sets the aliases of actors that may have lost
// one to the union of every article's declaration, in article id order.
// It reads each actor's NAMES, so it runs only for actors whose reloaded
// articles stopped declaring an alias.
const recomputeAliasesCypher = `
	UNWIND $batch.rows AS id
	MATCH (a:Actor {id: id})
	CALL (a) {
		OPTIONAL MATCH (art:Article)-[n:NAMES]->(a)
		WITH art, n ORDER BY art.id
		RETURN reduce(acc = [], l IN collect(n.aliases) | reduce(x = acc, y IN l | CASE WHEN y IN x THEN x ELSE x + y END)) AS aliases,
		       reduce(acc = [], l IN collect(n.keys) | reduce(x = acc, y IN l | CASE WHEN y IN x THEN x ELSE x + y END)) AS keys
	}
	SET a.aliases = aliases, a.aliasKeys = keys,
	    a.aliasText = reduce(t = '', x IN aliases | t + x + '\n')`

// curateAliasesCypher applies the curators' alias changes (setAliases,
// merges) to actors whose aliases a load has just recomputed from the
// articles' declarations: aliases a curator removed are dropped, aliases
// a curator added are kept, so reloading an article does not undo a
// curator's change. Aliases compare as written.
const curateAliasesCypher = `
	UNWIND $batch.rows AS id
	MATCH (a:Actor {id: id})
	WHERE a.aliasesAdded IS NOT NULL OR a.aliasesRemoved IS NOT NULL
	WITH a, [x IN a.aliases WHERE NOT x IN coalesce(a.aliasesRemoved, [])] AS kept,
	     [k IN a.aliasKeys WHERE NOT k IN coalesce(a.aliasesRemovedKeys, [])] AS keptKeys
	WITH a, kept + [x IN coalesce(a.aliasesAdded, []) WHERE NOT x IN kept] AS aliases,
	     keptKeys + [k IN coalesce(a.aliasesAddedKeys, []) WHERE NOT k IN keptKeys] AS keys
	SET a.aliases = aliases, a.aliasKeys = keys,
	    a.aliasText = reduce(t = '', x IN aliases | t + x + '\n')`

// nameActors writes the group's declarations of their actors (NAMES) and
// brings the actors' aliases up to date. An actor keeps every alias its
// old declarations gave when the new ones give them all again (the usual
// case: a new article, or a reload that removes no alias), and its new
// aliases are added to its list. An actor one of whose old aliases the
// reloaded articles no longer declare has its aliases recomputed from
// every article's declaration, so the alias goes unless another article
// declares it.
func (s *Store) nameActors(ctx context.Context, tx *countingTx, loads []graph.ArticleLoad, old map[string][]string) error {
	type named struct {
		names   []map[string]any
		aliases []string
	}
	byID := map[string]*named{}
	var ids []string
	for _, l := range loads {
		for _, a := range l.Actors {
			n := byID[a.ID]
			if n == nil {
				n = &named{}
				byID[a.ID] = n
				ids = append(ids, a.ID)
			}
			aliases := nonNilStrings(a.Aliases)
			n.names = append(n.names, map[string]any{
				"article": l.Article.ID, "aliases": aliases, "description": a.Description, "keys": nameKeys(aliases),
			})
			for _, al := range aliases {
				n.aliases = appendNew(n.aliases, al)
			}
		}
	}
	sort.Strings(ids)
	rows := make([]map[string]any, len(ids))
	for i, id := range ids {
		n := byID[id]
		rows[i] = map[string]any{"id": id, "names": n.names, "aliases": n.aliases, "keys": nameKeys(n.aliases)}
	}
	if err := batches(s, rows, func(b []map[string]any) error {
		_, err := tx.run(ctx, "name actors", nameActorsCypher, map[string]any{"batch": rowsOf(b)})
		return err
	}); err != nil {
		return err
	}
	var recompute []string
	for id, aliases := range old {
		var now []string
		if n := byID[id]; n != nil {
			now = n.aliases
		}
		for _, al := range aliases {
			if !slices.Contains(now, al) {
				recompute = append(recompute, id)
				break
			}
		}
	}
	sort.Strings(recompute)
	if err := batches(s, recompute, func(b []string) error {
		_, err := tx.run(ctx, "recompute actor aliases", recomputeAliasesCypher, map[string]any{"batch": rowsOf(b)})
		return err
	}); err != nil {
		return err
	}
	return batches(s, ids, func(b []string) error {
		_, err := tx.run(ctx, "apply curated aliases", curateAliasesCypher, map[string]any{"batch": rowsOf(b)})
		return err
	})
}

// nameKeys returns graph.NameKey of each name.
func nameKeys(names []string) []string {
	keys := make([]string, 0, len(names))
	for _, n := range names {
		keys = appendNew(keys, graph.NameKey(n))
	}
	return keys
}

func nonNilStrings(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

const createClaimsCypher = `
	UNWIND $batch.rows AS row
	MATCH (art:Article {id: row.articleId}), (s:Actor {id: row.subjectId}), (o:Actor {id: row.objectId})
	OPTIONAL MATCH (w:Actor {id: row.attributedToId})
	CREATE (c:Claim)
	SET c = row.props
	CREATE (c)-[:STATED_IN]->(art),
	       (c)-[sl:SUBJECT]->(s),
	       (c)-[ol:OBJECT]->(o)
	SET sl = row.subject, ol = row.object
	FOREACH (who IN CASE WHEN w IS NULL THEN [] ELSE [w] END |
	         CREATE (c)-[:ATTRIBUTED_TO]->(who))`

// createClaims writes the articles' claims and their links, one UNWIND per
// batch.
func (s *Store) createClaims(ctx context.Context, tx *countingTx, loads []graph.ArticleLoad) error {
	var rows []map[string]any
	for _, l := range loads {
		for _, c := range l.Claims {
			rows = append(rows, claimParams(l.Article, c))
		}
	}
	return batches(s, rows, func(b []map[string]any) error {
		_, err := tx.run(ctx, "create claims", createClaimsCypher, map[string]any{"batch": rowsOf(b)})
		return err
	})
}

// claimParams is one claim's row for createClaimsCypher: its properties
// (docs/graph-model.md lists them; absent values are null, so not stored)
// and those of its SUBJECT and OBJECT links. The claim is written as
// graph.Claim.Stored gives it, which the in-memory store holds too.
func claimParams(a graph.Article, c graph.Claim) map[string]any {
	c = c.Stored(a)
	props := map[string]any{
		"id": c.ID, "relation": string(c.Relation),
		"certainty": string(c.Certainty), "ownStatement": c.OwnStatement, "conditional": c.Conditional,
		"quote": c.Quote, "start": c.Start, "end": c.End, "note": nilIfEmpty(c.Note),
		"subjectText": c.SubjectText, "objectText": c.ObjectText,
		"timeStatus": string(c.Time.Status), "timeFrom": nilIfEmpty(c.Time.From), "timeTo": nilIfEmpty(c.Time.To),
		"timePrecision": nilIfEmpty(string(c.Time.Precision())),
		"validFrom":     c.Valid.From, "validTo": c.Valid.To,
		"sentenceStart": c.Sentence.Start, "sentenceEnd": c.Sentence.End,
		"source": c.Source, "draft": c.Draft, "version": c.Version,
	}
	if c.Retracted {
		props["retracted"], props["retractedAt"] = true, c.RetractedAt
		props["retractedBy"], props["retractReason"] = c.RetractedBy, c.RetractReason
	}
	if c.Draft {
		props["confidence"] = c.Confidence
	}
	spans := func(prefix string, sp graph.Span) {
		if sp.Recorded() {
			props[prefix+"Start"], props[prefix+"End"] = sp.Start, sp.End
		}
	}
	spans("subject", c.SubjectSpan)
	spans("object", c.ObjectSpan)
	if c.Condition != "" {
		props["condition"] = c.Condition
		spans("condition", c.ConditionSpan)
	}
	if c.Time.Cue != "" {
		props["timeCue"] = c.Time.Cue
		spans("timeCue", graph.Span{Start: c.Time.CueStart, End: c.Time.CueEnd})
	}
	link := func(text string, sp graph.Span) map[string]any {
		m := map[string]any{"text": text}
		if sp.Recorded() {
			m["start"], m["end"] = sp.Start, sp.End
		}
		return m
	}
	return map[string]any{
		"articleId": a.ID,
		"subjectId": c.SubjectID, "objectId": c.ObjectID, "attributedToId": c.AttributedToID,
		"subject": link(c.SubjectText, c.SubjectSpan), "object": link(c.ObjectText, c.ObjectSpan),
		"props": props,
	}
}

// edgeNews is what one load does to a relationship: what the claims it
// adds contribute to the summary, and whether it deleted claims the
// relationship listed, which calls for a full recomputation.
type edgeNews struct {
	claimIDs, articleIDs, sourceIDs, sentenceKeys, intervals []string
	certainties                                              []string // one per claim
	ownStatements, conditionals                              int
	firstReported, lastReported                              string
	recompute                                                bool
}

// add counts one new claim of the article a.
func (n *edgeNews) add(a graph.Article, c graph.Claim) {
	c = c.Stored(a)
	n.claimIDs = append(n.claimIDs, c.ID)
	n.articleIDs = appendNew(n.articleIDs, a.ID)
	n.sourceIDs = appendNew(n.sourceIDs, c.Source)
	n.sentenceKeys = appendNew(n.sentenceKeys, sentenceKey(a.ID, c.Sentence.Start))
	if v := c.Valid; v.Placed() {
		n.intervals = appendNew(n.intervals, v.String())
	}
	n.certainties = append(n.certainties, string(c.Certainty))
	if c.OwnStatement {
		n.ownStatements++
	}
	if c.Conditional {
		n.conditionals++
	}
	if p := a.PublishedAt; p != "" {
		if n.firstReported == "" || p < n.firstReported {
			n.firstReported = p
		}
		if p > n.lastReported {
			n.lastReported = p
		}
	}
}

// sentenceKey identifies a sentence across the graph: the article and the
// sentence's start ("<article id>:<offset>"). The summaries' sentenceKeys
// list these; recomputeSummaryCypher builds the same string.
func sentenceKey(articleID string, start int) string { return articleID + ":" + strconv.Itoa(start) }

func appendNew(l []string, s string) []string {
	if slices.Contains(l, s) {
		return l
	}
	return append(l, s)
}

// summarise brings the summary of every touched edge up to date. An edge
// this load only added claims to is extended (extendSummaryCypher): its
// counts grow by the new claims' and its lists are merged with theirs,
// which reads no claim and none of the actors' other relationships, only
// the edge's own summary. An edge that lost claims (the load replaced an
// earlier load of an article) is recomputed from its claims
// (recomputeSummaryCypher), and deleted if none is left. Each is one
// statement for every relation type.
func (s *Store) summarise(ctx context.Context, tx *countingTx, touched map[edgeKey]*edgeNews) error {
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
	var recompute, extend []map[string]any
	for _, k := range keys {
		n := touched[k]
		row := map[string]any{
			"from": k.from, "to": k.to, "type": string(k.typ), "id": graph.RelationshipID(k.from, k.typ, k.to),
			"claimIds": nonNilStrings(n.claimIDs),
		}
		if n.recompute {
			recompute = append(recompute, row)
			continue
		}
		row["articleIds"], row["sourceIds"], row["sentenceKeys"] = n.articleIDs, n.sourceIDs, n.sentenceKeys
		row["intervals"], row["certainties"] = nonNilStrings(n.intervals), n.certainties
		row["ownStatements"], row["conditionals"] = n.ownStatements, n.conditionals
		row["firstReported"], row["lastReported"] = nilIfEmpty(n.firstReported), nilIfEmpty(n.lastReported)
		extend = append(extend, row)
	}
	run := func(step, cypher string, rows []map[string]any) error {
		return batches(s, rows, func(b []map[string]any) error {
			_, err := tx.run(ctx, step, cypher, map[string]any{"batch": rowsOf(b), "certaintyOrder": certaintyOrder()})
			return err
		})
	}
	if err := run("recompute relationship summaries", recomputeSummaryCypher, recompute); err != nil {
		return err
	}
	return run("extend relationship summaries", extendSummaryCypher, extend)
}

// certaintyOrder lists the certainty values, firmest first.
func certaintyOrder() []string {
	out := make([]string, len(graph.Certainties))
	for i, c := range graph.Certainties {
		out[i] = string(c)
	}
	return out
}

// sortedUnion is Cypher for the sorted, distinct elements of the list
// expression.
func sortedUnion(list string) string {
	return `COLLECT { UNWIND ` + list + ` AS x WITH DISTINCT x WHERE x IS NOT NULL RETURN x ORDER BY x }`
}

// summaryMap is the Cypher map a relationship's summary is written as,
// from the variables claimIds, articleIds, sourceIds, sentenceKeys,
// intervals (sorted lists), counts (the number of claims of each
// certainty, by value), ownStatements, conditionals, firstReported and
// lastReported. The property names are docs/graph-model.md's; the count
// properties come from the Certainties table.
func summaryMap() string {
	var b strings.Builder
	b.WriteString(`{
	       id: p.id,
	       claimIds: claimIds, claimCount: size(claimIds),
	       articleIds: articleIds, articleCount: size(articleIds),
	       sourceIds: sourceIds, sourceCount: size(sourceIds),
	       sentenceKeys: sentenceKeys, sentenceCount: size(sentenceKeys),
	       intervals: intervals,
	       ownStatements: ownStatements, conditionals: conditionals,
	       firstReported: firstReported, lastReported: lastReported,
	       certainties: [c IN $certaintyOrder WHERE counts[c] > 0],
	       certainty: head([c IN $certaintyOrder WHERE counts[c] > 0])`)
	for _, c := range graph.CertaintyTable {
		b.WriteString(",\n\t       " + c.Count + ": counts['" + string(c.Certainty) + "']")
	}
	b.WriteString("\n\t     }")
	return b.String()
}

// writeSummary ends a summary statement: it writes summary onto the
// relationship old (looked up by id, or null), creating it if it is new
// and deleting it if it has no claims left. The type of a new one comes
// from the row (a dynamic type: p.type is checked against the closed enum
// before the statement runs). CREATE, not MERGE: the statement has just
// looked the relationship up, and the actors' write locks, taken when the
// load merged them, keep any other load from creating it meanwhile.
const writeSummary = `
	FOREACH (_ IN CASE WHEN old IS NOT NULL AND summary.claimCount = 0 THEN [1] ELSE [] END | DELETE old)
	FOREACH (_ IN CASE WHEN old IS NOT NULL AND summary.claimCount > 0 THEN [1] ELSE [] END | SET old += summary)
	FOREACH (_ IN CASE WHEN old IS NULL AND summary.claimCount > 0 THEN [1] ELSE [] END |
	         CREATE (s)-[r:$(p.type)]->(o) SET r = summary)`

// certaintyCounts is Cypher for the map from certainty value to count,
// given an expression that counts the claims of the certainty bound to
// the variable c (one entry per row of the Certainties table).
func certaintyCounts(count func(value string) string) string {
	parts := make([]string, len(graph.Certainties))
	for i, c := range graph.Certainties {
		parts[i] = "`" + string(c) + "`: " + count(string(c))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// recomputeSummaryCypher recomputes relationship summaries for a batch of
// $batch.rows ({from, to, type, id, claimIds}). An edge's claims are those its
// summary already lists plus the ones just created or changed for it,
// retracted claims left out, looked up by
// their unique id and kept only if they still state this subject, type
// and object; each claim is expanded from (its links), never from the
// actors, so the cost of an update grows with the claims on that edge,
// never with the degree of its actors. The edge itself is found by its id
// through its type's index (relationshipByID).
var recomputeSummaryCypher = `
	UNWIND $batch.rows AS p
	MATCH (s:Actor {id: p.from}), (o:Actor {id: p.to})` + relationshipByID("p", "old") + `
	CALL (p, old) {
		UNWIND coalesce(old.claimIds, []) + p.claimIds AS cid
		MATCH (c:Claim {id: cid}) WHERE c.relation = p.type AND NOT coalesce(c.retracted, false)
		MATCH (cs:Actor)<-[:SUBJECT]-(c)-[:OBJECT]->(co:Actor), (c)-[:STATED_IN]->(art:Article)
		WHERE cs.id = p.from AND co.id = p.to
		WITH DISTINCT c, art
		RETURN collect(c.id) AS ids, collect(art.id) AS arts, collect(c.source) AS sources,
		       collect(art.id + ':' + toString(c.sentenceStart)) AS sentences,
		       collect(CASE WHEN c.validFrom <= c.validTo THEN c.validFrom + '/' + c.validTo END) AS ivs,
		       collect(c.certainty) AS certs,
		       sum(CASE WHEN c.ownStatement THEN 1 ELSE 0 END) AS ownStatements,
		       sum(CASE WHEN c.conditional THEN 1 ELSE 0 END) AS conditionals,
		       min(art.publishedAt) AS firstReported, max(art.publishedAt) AS lastReported
	}
	WITH p, s, o, old, ownStatements, conditionals, firstReported, lastReported,
	     ` + sortedUnion("ids") + ` AS claimIds,
	     ` + sortedUnion("arts") + ` AS articleIds,
	     ` + sortedUnion("sources") + ` AS sourceIds,
	     ` + sortedUnion("sentences") + ` AS sentenceKeys,
	     ` + sortedUnion("ivs") + ` AS intervals,
	     ` + certaintyCounts(func(v string) string { return "size([x IN certs WHERE x = '" + v + "'])" }) + ` AS counts
	WITH p, s, o, old, ` + summaryMap() + ` AS summary` + writeSummary

// extendSummaryCypher adds what a batch of rows ({from, to, type, id,
// claimIds, articleIds, sourceIds, sentenceKeys, intervals, certainties,
// ownStatements, conditionals, firstReported, lastReported}: the claims a
// load just created) to each relationship's summary, creating the
// relationship if it is new. The relationship is found by its id through
// its type's index (relationshipByID): walking from the actors would read
// every relationship of a hub. Lists stay sorted and distinct.
var extendSummaryCypher = `
	UNWIND $batch.rows AS p
	MATCH (s:Actor {id: p.from}), (o:Actor {id: p.to})` + relationshipByID("p", "old") + `
	WITH p, s, o, old,
	     ` + sortedUnion("coalesce(old.claimIds, []) + p.claimIds") + ` AS claimIds,
	     ` + sortedUnion("coalesce(old.articleIds, []) + p.articleIds") + ` AS articleIds,
	     ` + sortedUnion("coalesce(old.sourceIds, []) + p.sourceIds") + ` AS sourceIds,
	     ` + sortedUnion("coalesce(old.sentenceKeys, []) + p.sentenceKeys") + ` AS sentenceKeys,
	     ` + sortedUnion("coalesce(old.intervals, []) + p.intervals") + ` AS intervals,
	     coalesce(old.ownStatements, 0) + p.ownStatements AS ownStatements,
	     coalesce(old.conditionals, 0) + p.conditionals AS conditionals,
	     CASE WHEN old.firstReported IS NULL OR p.firstReported < old.firstReported THEN p.firstReported ELSE old.firstReported END AS first,
	     CASE WHEN old.lastReported IS NULL OR p.lastReported > old.lastReported THEN p.lastReported ELSE old.lastReported END AS last,
	     ` + certaintyCounts(func(v string) string {
	return "coalesce(old." + graph.Certainty(v).Info().Count + ", 0) + size([x IN p.certainties WHERE x = '" + v + "'])"
}) + ` AS counts
	WITH p, s, o, old, ownStatements, conditionals, claimIds, articleIds, sourceIds, sentenceKeys, intervals, counts,
	     coalesce(first, old.firstReported) AS firstReported, coalesce(last, old.lastReported) AS lastReported
	WITH p, s, o, old, ` + summaryMap() + ` AS summary` + writeSummary

// allTypes is "ALIGNED_WITH|LEADS|…", every actor-to-actor relationship type.
func allTypes() string {
	te, _ := typeExpr(nil)
	return te
}
