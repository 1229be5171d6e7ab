package neo4j

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
)

// The curation store: every method is one write transaction that makes
// its change and writes its revision, so both are committed or neither.
// A method that changes an existing claim or actor first takes the
// node's write lock (lockCypher) and only then reads its version: two
// curators changing one claim at once are serialised, and the second
// finds the version the first wrote (ECONFLICT) instead of overwriting
// it.

var _ curation.Store = (*Store)(nil)

// CurationOp names the curation transactions to the Config.Observer.
const CurationOp = "curation"

// actorLabels is every actor kind's label, from the closed ActorKindTable:
// what a merged actor loses.
var actorLabels = func() string {
	var ls []string
	for _, k := range graph.ActorKinds {
		ls = append(ls, k.Label())
	}
	return strings.Join(ls, ":")
}()

const revisionCypher = `
	CREATE (r:Revision {id: $id, at: $at, byTokenId: $byTokenId, byName: $byName, byRole: $byRole,
	                    action: $action, targets: $targets, before: $before, after: $after,
	                    reason: $reason, undoes: $undoes})
	WITH r
	CALL (r) { UNWIND $targets AS t MATCH (x:Actor {id: t}) CREATE (r)-[:CHANGED]->(x) }
	CALL (r) { UNWIND $targets AS t MATCH (x:Article {id: t}) CREATE (r)-[:CHANGED]->(x) }
	CALL (r) { UNWIND $targets AS t MATCH (x:Claim {id: t}) CREATE (r)-[:CHANGED]->(x) }
	CALL (r) { UNWIND $targets AS t MATCH (x:MergedActor {id: t}) CREATE (r)-[:CHANGED]->(x) }`

// writeRevision writes rev and links it to every claim, actor and article
// it names (CHANGED).
func writeRevision(ctx context.Context, tx *countingTx, rev curation.Revision) error {
	_, err := tx.run(ctx, "write revision", revisionCypher, map[string]any{
		"id": rev.ID, "at": rev.At.UTC(), "byTokenId": rev.ByTokenID, "byName": rev.ByName, "byRole": string(rev.ByRole),
		"action": string(rev.Action), "targets": nonNilStrings(rev.Targets), "before": rev.Before, "after": rev.After,
		"reason": nilIfEmpty(rev.Reason), "undoes": nilIfEmpty(rev.Undoes),
	})
	return err
}

func toRevision(v any) curation.Revision {
	m := asMap(v)
	return curation.Revision{
		ID: mstr(m, "id"), At: mtime(m, "at"), ByTokenID: mstr(m, "byTokenId"), ByName: mstr(m, "byName"),
		ByRole: auth.Role(mstr(m, "byRole")), Action: curation.Action(mstr(m, "action")), Targets: mstrings(m, "targets"),
		Before: mstr(m, "before"), After: mstr(m, "after"), Reason: mstr(m, "reason"), Undoes: mstr(m, "undoes"),
	}
}

// CommitArticle implements curation.Store.
func (s *Store) CommitArticle(ctx context.Context, load graph.ArticleLoad, replace bool, rev curation.Revision) error {
	for _, c := range load.Claims {
		if !c.Relation.Valid() {
			return graph.Errorf(graph.EINVALID, "claim %q has unknown relation type %q", c.ID, c.Relation)
		}
		if !c.Certainty.Valid() {
			return graph.Errorf(graph.EINVALID, "claim %q has unknown certainty %q", c.ID, c.Certainty)
		}
	}
	newIDs := make([]string, len(load.Actors))
	for i, a := range load.Actors {
		newIDs[i] = a.ID
	}
	return s.write(ctx, CurationOp, func(tx *countingTx) error {
		if !replace {
			recs, err := tx.run(ctx, "article exists", `MATCH (a:Article {id: $id}) RETURN a.id AS id`, map[string]any{"id": load.Article.ID})
			if err != nil {
				return err
			}
			if len(recs) > 0 {
				return graph.Errorf(graph.EINVALID, "article %q is already in the graph: send replace: true to replace it and its claims", load.Article.ID)
			}
		}
		if !replace {
			recs, err := tx.run(ctx, "actors exist", `UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a.id AS id ORDER BY id`, map[string]any{"ids": newIDs})
			if err != nil {
				return err
			}
			if len(recs) > 0 {
				return graph.Errorf(graph.EINVALID, "actor %q is already in the graph", str(recs[0], "id"))
			}
		}
		results := make([]graph.LoadResult, 1)
		if err := s.load(ctx, tx, []graph.ArticleLoad{load}, []string{load.Article.ID}, results); err != nil {
			return err
		}
		return writeRevision(ctx, tx, rev)
	})
}

// lockCypher takes the write lock of the nodes with the given ids and
// label (spliced from a closed set: Claim, Actor) and returns the ids
// found. A later statement of the transaction reads what the last writer
// committed.
func lockCypher(label string) string {
	return `UNWIND $ids AS id MATCH (n:` + label + ` {id: id}) SET n._lock = true REMOVE n._lock RETURN n.id AS id ORDER BY id`
}

// lock locks the nodes in id order (so that two transactions never wait
// for each other's locks in a cycle) and returns ENOTFOUND naming the
// first id that has none.
func lock(ctx context.Context, tx *countingTx, label, what string, ids []string) error {
	ids = slices.Clone(ids)
	sort.Strings(ids)
	recs, err := tx.run(ctx, "lock "+strings.ToLower(label), lockCypher(label), map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	found := map[string]bool{}
	for _, r := range recs {
		found[str(r, "id")] = true
	}
	for _, id := range ids {
		if !found[id] {
			return graph.Errorf(graph.ENOTFOUND, "no %s %q", what, id)
		}
	}
	return nil
}

var claimWithArticleCypher = `
	MATCH (c:Claim {id: $id})` + claimMatch + `
	RETURN c ` + claimProjection + ` AS claim, art {.*} AS article`

const rewriteClaimCypher = `
	MATCH (c:Claim {id: $row.props.id})
	OPTIONAL MATCH (c)-[l:SUBJECT|OBJECT|ATTRIBUTED_TO]->()
	DELETE l
	WITH DISTINCT c
	MATCH (s:Actor {id: $row.subjectId}), (o:Actor {id: $row.objectId})
	OPTIONAL MATCH (w:Actor {id: $row.attributedToId})
	SET c = $row.props
	CREATE (c)-[sl:SUBJECT]->(s), (c)-[ol:OBJECT]->(o)
	SET sl = $row.subject, ol = $row.object
	FOREACH (who IN CASE WHEN w IS NULL THEN [] ELSE [w] END |
	         CREATE (c)-[:ATTRIBUTED_TO]->(who))
	RETURN c.id AS id`

// ChangeClaim implements curation.Store.
func (s *Store) ChangeClaim(ctx context.Context, c graph.Claim, expected int, rev curation.Revision) (graph.Claim, error) {
	if !c.Relation.Valid() {
		return graph.Claim{}, graph.Errorf(graph.EINVALID, "unknown relation type %q", c.Relation)
	}
	var out graph.Claim
	err := s.write(ctx, CurationOp, func(tx *countingTx) error {
		if err := lock(ctx, tx, "Claim", "claim", []string{c.ID}); err != nil {
			return err
		}
		recs, err := tx.run(ctx, "read claim", claimWithArticleCypher, map[string]any{"id": c.ID})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return graph.Errorf(graph.ENOTFOUND, "no claim %q", c.ID)
		}
		cv, _ := recs[0].Get("claim")
		av, _ := recs[0].Get("article")
		old, art := toClaim(cv), toArticle(av)
		if old.Version != expected {
			return curation.ConflictError("claim", c.ID, old.Version, expected)
		}
		ids := []string{c.SubjectID, c.ObjectID}
		if c.AttributedToID != "" {
			ids = append(ids, c.AttributedToID)
		}
		if err := lock(ctx, tx, "Actor", "actor", dedupe(ids)); err != nil {
			return err
		}
		c.ArticleID = old.ArticleID
		c.Version = expected + 1
		out = c.Stored(art)
		if _, err := tx.run(ctx, "rewrite claim", rewriteClaimCypher, map[string]any{"row": claimParams(art, out)}); err != nil {
			return err
		}
		touched := map[edgeKey]*edgeNews{
			{old.SubjectID, old.Relation, old.ObjectID}: {recompute: true},
		}
		nk := edgeKey{out.SubjectID, out.Relation, out.ObjectID}
		touched[nk] = &edgeNews{recompute: true, claimIDs: []string{out.ID}}
		if err := s.summarise(ctx, tx, touched); err != nil {
			return err
		}
		return writeRevision(ctx, tx, rev)
	})
	if err != nil {
		return graph.Claim{}, err
	}
	return out, nil
}

func dedupe(ids []string) []string {
	var out []string
	for _, id := range ids {
		out = appendNew(out, id)
	}
	return out
}

// writeActorCypher sets an actor's curated fields; its name and kind go
// through mergeActorsCypher, which also sets its kind's label.
const writeActorCypher = `
	MATCH (a:Actor {id: $id})
	SET a.description = $description, a.version = $version,
	    a.aliases = $aliases, a.aliasKeys = $aliasKeys, a.aliasText = $aliasText,
	    a.aliasesAdded = $added, a.aliasesAddedKeys = $addedKeys,
	    a.aliasesRemoved = $removed, a.aliasesRemovedKeys = $removedKeys`

// writeActor writes a (name, kind, description, aliases, version) with
// the curated alias changes added and removed.
func (s *Store) writeActor(ctx context.Context, tx *countingTx, a graph.Actor, added, removed []string) error {
	if !a.Kind.Valid() {
		return graph.Errorf(graph.EINVALID, "unknown actor kind %q", a.Kind)
	}
	row := map[string]any{"id": a.ID, "name": a.Name, "kind": string(a.Kind), "nameKey": graph.NameKey(a.Name), "description": a.Description}
	if _, err := tx.run(ctx, "merge actors", mergeActorsCypher, map[string]any{"batch": rowsOf([]map[string]any{row})}); err != nil {
		return err
	}
	aliases := nonNilStrings(a.Aliases)
	_, err := tx.run(ctx, "write actor", writeActorCypher, map[string]any{
		"id": a.ID, "description": a.Description, "version": a.Version,
		"aliases": aliases, "aliasKeys": nameKeys(aliases), "aliasText": aliasText(aliases),
		"added": nonNilStrings(added), "addedKeys": nameKeys(added),
		"removed": nonNilStrings(removed), "removedKeys": nameKeys(removed),
	})
	return err
}

func aliasText(aliases []string) string {
	var b strings.Builder
	for _, a := range aliases {
		b.WriteString(a + "\n")
	}
	return b.String()
}

// CreateActor implements curation.Store.
func (s *Store) CreateActor(ctx context.Context, a graph.Actor, rev curation.Revision) (graph.Actor, error) {
	a.Version = 1
	a.Aliases = nonNilStrings(a.Aliases)
	err := s.write(ctx, CurationOp, func(tx *countingTx) error {
		recs, err := tx.run(ctx, "actors exist", `MATCH (a:Actor {id: $id}) RETURN a.id AS id`, map[string]any{"id": a.ID})
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			return graph.Errorf(graph.EINVALID, "actor %q is already in the graph", a.ID)
		}
		if err := s.writeActor(ctx, tx, a, a.Aliases, nil); err != nil {
			return err
		}
		return writeRevision(ctx, tx, rev)
	})
	if err != nil {
		return graph.Actor{}, err
	}
	return a, nil
}

// actorStateCypher reads an actor as a merge record keeps it, with the
// union of the aliases its articles declare, in article id order.
const actorStateCypher = `
	MATCH (a:Actor {id: $id})
	CALL (a) {
		OPTIONAL MATCH (art:Article)-[n:NAMES]->(a)
		WITH art, n ORDER BY art.id
		RETURN reduce(acc = [], l IN collect(n.aliases) | reduce(x = acc, y IN l | CASE WHEN y IN x THEN x ELSE x + y END)) AS declared
	}
	RETURN a {.id, .name, .kind, description: coalesce(a.description, ''), aliases: coalesce(a.aliases, []),
	          aliasesAdded: coalesce(a.aliasesAdded, []), aliasesRemoved: coalesce(a.aliasesRemoved, []),
	          version: coalesce(a.version, 1)} AS actor, declared`

// actorState reads actor id's state and declared aliases; ENOTFOUND if
// it is not an actor.
func actorState(ctx context.Context, tx *countingTx, id string) (curation.ActorState, []string, error) {
	recs, err := tx.run(ctx, "read actor", actorStateCypher, map[string]any{"id": id})
	if err != nil {
		return curation.ActorState{}, nil, err
	}
	if len(recs) == 0 {
		return curation.ActorState{}, nil, graph.Errorf(graph.ENOTFOUND, "no actor %q", id)
	}
	v, _ := recs[0].Get("actor")
	m := asMap(v)
	d, _ := recs[0].Get("declared")
	l, _ := d.([]any)
	return curation.ActorState{
		ID: mstr(m, "id"), Name: mstr(m, "name"), Kind: mstr(m, "kind"), Description: mstr(m, "description"),
		Aliases: mstrings(m, "aliases"), AliasesAdded: mstrings(m, "aliasesAdded"), AliasesRemoved: mstrings(m, "aliasesRemoved"),
		Version: mint(m, "version"),
	}, toStrings(l), nil
}

// ChangeActor implements curation.Store.
func (s *Store) ChangeActor(ctx context.Context, a graph.Actor, expected int, rev curation.Revision) (graph.Actor, error) {
	err := s.write(ctx, CurationOp, func(tx *countingTx) error {
		if err := lock(ctx, tx, "Actor", "actor", []string{a.ID}); err != nil {
			return err
		}
		old, declared, err := actorState(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		if old.Version != expected {
			return curation.ConflictError("actor", a.ID, old.Version, expected)
		}
		added, removed := curation.SplitAliases(declared, a.Aliases)
		a.Version = expected + 1
		a.Aliases = nonNilStrings(a.Aliases)
		if err := s.writeActor(ctx, tx, a, added, removed); err != nil {
			return err
		}
		return writeRevision(ctx, tx, rev)
	})
	if err != nil {
		return graph.Actor{}, err
	}
	return a, nil
}

const selfLinksCypher = `
	MATCH (a:Actor {id: $keep})<-[:SUBJECT|OBJECT]-(c:Claim)-[:SUBJECT|OBJECT]->(b:Actor {id: $remove})
	RETURN DISTINCT c.id AS id ORDER BY id`

const linksOfCypher = `
	MATCH (r:Actor {id: $id})<-[l:SUBJECT|OBJECT|ATTRIBUTED_TO]-(c:Claim)
	MATCH (s:Actor)<-[:SUBJECT]-(c)-[:OBJECT]->(o:Actor)
	RETURN c.id AS id, type(l) AS role, c.relation AS type, s.id AS from, o.id AS to
	ORDER BY id, role`

// moveLinksCypher moves the SUBJECT, OBJECT and ATTRIBUTED_TO links of
// the listed claims from actor $from to actor $to (keeping the links'
// properties: the words and their span), re-keys the source of the
// attributed ones and counts one more version of each claim moved.
const moveLinksCypher = `
	MATCH (f:Actor {id: $from}), (t:Actor {id: $to})
	CALL (f, t) {
		UNWIND $subject AS id MATCH (c:Claim {id: id})-[l:SUBJECT]->(f)
		CREATE (c)-[nl:SUBJECT]->(t) SET nl = properties(l) DELETE l
	}
	CALL (f, t) {
		UNWIND $object AS id MATCH (c:Claim {id: id})-[l:OBJECT]->(f)
		CREATE (c)-[nl:OBJECT]->(t) SET nl = properties(l) DELETE l
	}
	CALL (f, t) {
		UNWIND $attributed AS id MATCH (c:Claim {id: id})-[l:ATTRIBUTED_TO]->(f)
		CREATE (c)-[:ATTRIBUTED_TO]->(t) SET c.source = 'actor:' + t.id DELETE l
	}
	CALL (f, t) {
		UNWIND $ids AS id MATCH (c:Claim {id: id})
		SET c.version = coalesce(c.version, 1) + 1
	}
	RETURN count(*) AS n`

// MergeActors implements curation.Store.
func (s *Store) MergeActors(ctx context.Context, keepID, removeID string, rev curation.Revision) (curation.MergeResult, error) {
	var res curation.MergeResult
	err := s.write(ctx, CurationOp, func(tx *countingTx) error {
		if err := lock(ctx, tx, "Actor", "actor", []string{keepID, removeID}); err != nil {
			return err
		}
		recs, err := tx.run(ctx, "self links", selfLinksCypher, map[string]any{"keep": keepID, "remove": removeID})
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			ids := make([]string, len(recs))
			for i, r := range recs {
				ids[i] = str(r, "id")
			}
			return curation.SelfLinkError(keepID, removeID, ids)
		}
		keep, _, err := actorState(ctx, tx, keepID)
		if err != nil {
			return err
		}
		removed, _, err := actorState(ctx, tx, removeID)
		if err != nil {
			return err
		}
		rec := curation.MergeRecord{Keep: keep, Removed: removed, Subject: map[string]int{}, Object: map[string]int{}, AttributedTo: map[string]int{}}
		recs, err = tx.run(ctx, "links of actor", linksOfCypher, map[string]any{"id": removeID})
		if err != nil {
			return err
		}
		touched := map[edgeKey]*edgeNews{}
		var subject, object, attributed, ids []string
		for _, r := range recs {
			id, role := str(r, "id"), str(r, "role")
			switch role {
			case "SUBJECT":
				subject = append(subject, id)
			case "OBJECT":
				object = append(object, id)
			default:
				attributed = append(attributed, id)
			}
			ids = appendNew(ids, id)
			from, typ, to := str(r, "from"), graph.RelationType(str(r, "type")), str(r, "to")
			touched[edgeKey{from, typ, to}] = &edgeNews{recompute: true}
			nf, nt := from, to
			if nf == removeID {
				nf = keepID
			}
			if nt == removeID {
				nt = keepID
			}
			k := edgeKey{nf, typ, nt}
			if touched[k] == nil {
				touched[k] = &edgeNews{recompute: true}
			}
			touched[k].claimIDs = appendNew(touched[k].claimIDs, id)
		}
		if _, err := tx.run(ctx, "move links", moveLinksCypher, map[string]any{
			"from": removeID, "to": keepID, "subject": nonNilStrings(subject), "object": nonNilStrings(object),
			"attributed": nonNilStrings(attributed), "ids": nonNilStrings(ids),
		}); err != nil {
			return err
		}
		if err := s.summarise(ctx, tx, touched); err != nil {
			return err
		}
		moved, err := claimsByIDTx(ctx, tx, ids)
		if err != nil {
			return err
		}
		for _, c := range moved {
			for _, m := range []struct {
				l   []string
				dst map[string]int
			}{{subject, rec.Subject}, {object, rec.Object}, {attributed, rec.AttributedTo}} {
				if slices.Contains(m.l, c.ID) {
					m.dst[c.ID] = c.Version
				}
			}
		}
		k := graph.Actor{ID: keep.ID, Name: keep.Name, Kind: graph.ActorKind(keep.Kind), Description: keep.Description,
			Aliases: slices.Clone(keep.Aliases), Version: keep.Version + 1}
		added := slices.Clone(keep.AliasesAdded)
		for _, n := range append([]string{removed.Name}, removed.Aliases...) {
			if graph.NameKey(n) != graph.NameKey(k.Name) && !slices.ContainsFunc(k.Aliases, func(x string) bool { return graph.NameKey(x) == graph.NameKey(n) }) {
				k.Aliases = append(k.Aliases, n)
				added = append(added, n)
			}
		}
		if err := s.writeActor(ctx, tx, k, added, keep.AliasesRemoved); err != nil {
			return err
		}
		rec.KeepVersion = k.Version
		if _, err := tx.run(ctx, "retire actor", `
			MATCH (a:Actor {id: $id})
			REMOVE a:Actor:`+actorLabels+`
			SET a:MergedActor, a.mergedInto = $keep`, map[string]any{"id": removeID, "keep": keepID}); err != nil {
			return err
		}
		rev.Targets = append([]string{keepID, removeID}, ids...)
		b, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		rev.Before = string(b)
		rev.After = asJSON(map[string]any{"keep": keepID, "merged": removeID, "claims": len(ids)})
		if err := writeRevision(ctx, tx, rev); err != nil {
			return err
		}
		res = curation.MergeResult{Keep: k, RemovedID: removeID, Claims: moved, Revision: rev}
		return nil
	})
	if err != nil {
		return curation.MergeResult{}, err
	}
	return res, nil
}

func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// claimsByIDTx reads claims inside a transaction, in id order.
func claimsByIDTx(ctx context.Context, tx *countingTx, ids []string) ([]graph.Claim, error) {
	recs, err := tx.run(ctx, "read claims", `
		UNWIND $ids AS id
		MATCH (c:Claim {id: id})`+claimMatch+`
		RETURN c `+claimProjection+` AS claim ORDER BY c.id`, map[string]any{"ids": nonNilStrings(ids)})
	if err != nil {
		return nil, err
	}
	out := make([]graph.Claim, len(recs))
	for i, r := range recs {
		v, _ := r.Get("claim")
		out[i] = toClaim(v)
	}
	return out, nil
}

// UnmergeActors implements curation.Store.
func (s *Store) UnmergeActors(ctx context.Context, merge curation.Revision, rev curation.Revision) (curation.MergeResult, error) {
	var rec curation.MergeRecord
	if err := json.Unmarshal([]byte(merge.Before), &rec); err != nil {
		return curation.MergeResult{}, graph.Errorf(graph.EINTERNAL, "revision %q holds no merge record: %v", merge.ID, err)
	}
	var res curation.MergeResult
	err := s.write(ctx, CurationOp, func(tx *countingTx) error {
		recs, err := tx.run(ctx, "undone", `MATCH (r:Revision {undoes: $id}) RETURN r.id AS id`, map[string]any{"id": merge.ID})
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			return graph.Errorf(graph.EINVALID, "merge %q was already undone by revision %q", merge.ID, str(recs[0], "id"))
		}
		if err := lock(ctx, tx, "Actor", "actor", []string{rec.Keep.ID}); err != nil {
			if graph.ErrorCode(err) == graph.ENOTFOUND {
				return graph.Errorf(graph.ECONFLICT, "actor %q, which the merge kept, is no longer an actor", rec.Keep.ID)
			}
			return err
		}
		keep, _, err := actorState(ctx, tx, rec.Keep.ID)
		if err != nil {
			return err
		}
		if keep.Version != rec.KeepVersion {
			return curation.ConflictError("actor", keep.ID, keep.Version, rec.KeepVersion)
		}
		recs, err = tx.run(ctx, "actors exist", `MATCH (a:Actor {id: $id}) RETURN a.id AS id`, map[string]any{"id": rec.Removed.ID})
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			return graph.Errorf(graph.ECONFLICT, "actor %q is an actor again (an article declaring it was loaded since the merge)", rec.Removed.ID)
		}
		ids := rec.ClaimIDs()
		have, err := claimsByIDTx(ctx, tx, ids)
		if err != nil {
			return err
		}
		byID := map[string]graph.Claim{}
		for _, c := range have {
			byID[c.ID] = c
		}
		touched := map[edgeKey]*edgeNews{}
		for _, id := range ids {
			c, ok := byID[id]
			if !ok {
				return graph.Errorf(graph.ECONFLICT, "claim %q, which the merge moved, is gone (its article was replaced)", id)
			}
			if want := rec.VersionOf(id); c.Version != want {
				return curation.ConflictError("claim", id, c.Version, want)
			}
			touched[edgeKey{c.SubjectID, c.Relation, c.ObjectID}] = &edgeNews{recompute: true}
			nf, nt := c.SubjectID, c.ObjectID
			if _, ok := rec.Subject[id]; ok {
				nf = rec.Removed.ID
			}
			if _, ok := rec.Object[id]; ok {
				nt = rec.Removed.ID
			}
			k := edgeKey{nf, c.Relation, nt}
			if touched[k] == nil {
				touched[k] = &edgeNews{recompute: true}
			}
			touched[k].claimIDs = appendNew(touched[k].claimIDs, id)
		}
		if _, err := tx.run(ctx, "restore actor", `
			MATCH (m:MergedActor {id: $id})
			REMOVE m:MergedActor, m.mergedInto
			SET m:Actor`, map[string]any{"id": rec.Removed.ID}); err != nil {
			return err
		}
		removed := graph.Actor{ID: rec.Removed.ID, Name: rec.Removed.Name, Kind: graph.ActorKind(rec.Removed.Kind),
			Description: rec.Removed.Description, Aliases: nonNilStrings(rec.Removed.Aliases), Version: rec.Removed.Version + 1}
		if err := s.writeActor(ctx, tx, removed, rec.Removed.AliasesAdded, rec.Removed.AliasesRemoved); err != nil {
			return err
		}
		k := graph.Actor{ID: keep.ID, Name: keep.Name, Kind: graph.ActorKind(keep.Kind), Description: keep.Description,
			Aliases: nonNilStrings(rec.Keep.Aliases), Version: keep.Version + 1}
		if err := s.writeActor(ctx, tx, k, rec.Keep.AliasesAdded, rec.Keep.AliasesRemoved); err != nil {
			return err
		}
		var subject, object, attributed []string
		for id := range rec.Subject {
			subject = append(subject, id)
		}
		for id := range rec.Object {
			object = append(object, id)
		}
		for id := range rec.AttributedTo {
			attributed = append(attributed, id)
		}
		if _, err := tx.run(ctx, "move links", moveLinksCypher, map[string]any{
			"from": keep.ID, "to": removed.ID, "subject": nonNilStrings(subject), "object": nonNilStrings(object),
			"attributed": nonNilStrings(attributed), "ids": nonNilStrings(ids),
		}); err != nil {
			return err
		}
		if err := s.summarise(ctx, tx, touched); err != nil {
			return err
		}
		moved, err := claimsByIDTx(ctx, tx, ids)
		if err != nil {
			return err
		}
		rev.Targets = merge.Targets
		rev.Before = merge.After
		rev.After = asJSON(map[string]any{"keep": keep.ID, "restored": removed.ID, "claims": len(moved)})
		if err := writeRevision(ctx, tx, rev); err != nil {
			return err
		}
		res = curation.MergeResult{Keep: k, RemovedID: removed.ID, Removed: &removed, Claims: moved, Revision: rev}
		return nil
	})
	if err != nil {
		return curation.MergeResult{}, err
	}
	return res, nil
}

// Revision implements curation.Store.
func (s *Store) Revision(ctx context.Context, id string) (curation.Revision, error) {
	recs, err := s.read(ctx, "revision", `MATCH (r:Revision {id: $id}) RETURN r {.*} AS r`, map[string]any{"id": id})
	if err != nil {
		return curation.Revision{}, err
	}
	if len(recs) == 0 {
		return curation.Revision{}, graph.Errorf(graph.ENOTFOUND, "no revision %q", id)
	}
	v, _ := recs[0].Get("r")
	return toRevision(v), nil
}

// History implements curation.Store. It reads the revisions whose targets
// list the id, newest first: by the targets, not the CHANGED links, so the
// history of a claim its article's reload deleted stays readable. That
// reads every revision's targets; revisions are made by hand, so they stay
// few next to the graph.
func (s *Store) History(ctx context.Context, id string, first int) ([]curation.Revision, error) {
	recs, err := s.read(ctx, "history", `
		MATCH (r:Revision) WHERE $id IN r.targets
		RETURN r {.*} AS r ORDER BY r.at DESC, r.id DESC LIMIT $first`, map[string]any{"id": id, "first": first})
	if err != nil {
		return nil, err
	}
	out := make([]curation.Revision, len(recs))
	for i, r := range recs {
		v, _ := r.Get("r")
		out[i] = toRevision(v)
	}
	return out, nil
}

// Revisions implements curation.Store.
func (s *Store) Revisions(ctx context.Context, f curation.RevisionFilter, p graph.PageRequest) (curation.RevisionPage, error) {
	if err := p.Validate(); err != nil {
		return curation.RevisionPage{}, err
	}
	params := map[string]any{"by": nilIfEmpty(f.ByTokenID), "since": nil, "afterAt": nil, "afterId": nil, "limit": p.First + 1}
	if !f.Since.IsZero() {
		params["since"] = f.Since.UTC()
	}
	if p.After != "" {
		after, err := s.Revision(ctx, p.After)
		if err != nil {
			if graph.ErrorCode(err) == graph.ENOTFOUND {
				return curation.RevisionPage{}, graph.Errorf(graph.EINVALID, "after is not a cursor from this connection")
			}
			return curation.RevisionPage{}, err
		}
		params["afterAt"], params["afterId"] = after.At.UTC(), after.ID
	}
	recs, err := s.read(ctx, "revisions", `
		MATCH (r:Revision)
		WHERE ($by IS NULL OR r.byTokenId = $by) AND ($since IS NULL OR r.at >= $since)
		  AND ($afterAt IS NULL OR r.at < $afterAt OR (r.at = $afterAt AND r.id < $afterId))
		RETURN r {.*} AS r ORDER BY r.at DESC, r.id DESC LIMIT $limit`, params)
	if err != nil {
		return curation.RevisionPage{}, err
	}
	out := curation.RevisionPage{Revisions: []curation.Revision{}}
	for i, r := range recs {
		if i == p.First {
			out.HasNext = true
			break
		}
		v, _ := r.Get("r")
		out.Revisions = append(out.Revisions, toRevision(v))
	}
	return out, nil
}
