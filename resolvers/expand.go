package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/actorgraph/actorgraph/graph"
)

// Nested fields are planned, not waited for. A root field's resolver
// reads the whole selection under it (plan) and, when the store is a
// graph.Expander, asks for everything the nested fields will read in one
// statement (prefetch), then primes the request's dataloaders with it: the
// nested resolvers stay one-liners over the loaders and find their values
// in the cache, with no round trip and no batching wait. What the plan
// does not cover (Claim.relationship) and stores that cannot expand fall
// back to the loaders' batches, one per nesting level.
//
// Why not dispatch the loaders as soon as no resolver can make progress?
// gqlgen runs each nested field in a goroutine of its own, starts the
// children of a list from inside the parent's marshalling, and exposes no
// point at which every goroutine of a request is known to be blocked, so
// "no resolver can make progress" cannot be observed, only guessed at with
// a timer, which is what the loaders' wait is. Planning also saves the
// round trips themselves: three nested levels cost one statement, as with
// @neo4j/graphql, instead of three.

// planner turns a GraphQL selection into the expansion it will read.
type planner struct {
	oc *graphql.OperationContext
}

func planFor(ctx context.Context) planner {
	return planner{oc: graphql.GetOperationContext(ctx)}
}

// selection is the selection set under the field being resolved.
func selection(ctx context.Context) ast.SelectionSet {
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		return fc.Field.Selections
	}
	return nil
}

func (p planner) fields(sel ast.SelectionSet, typeName string) []graphql.CollectedField {
	return graphql.CollectFields(p.oc, sel, []string{typeName})
}

// actor plans a selection on Actor.
func (p planner) actor(sel ast.SelectionSet) graph.ActorExpansion {
	var e graph.ActorExpansion
	for _, f := range p.fields(sel, "Actor") {
		if f.Name != "relationships" && f.Name != "neighbours" && f.Name != "degree" {
			continue
		}
		dir, types, ok := p.relationshipArgs(f)
		if !ok {
			continue // the loaders will read it, and report the bad argument
		}
		rs := graph.RelationshipsExpansion{Direction: dir, Types: types}
		switch f.Name {
		case "relationships":
			rs.RelationshipExpansion = p.relationship(f.Selections)
		case "neighbours":
			ends := p.actor(f.Selections)
			rs.Ends = &ends
		}
		e.Merge(graph.ActorExpansion{Relationships: []graph.RelationshipsExpansion{rs}})
	}
	return e
}

// relationship plans a selection on Relationship.
func (p planner) relationship(sel ast.SelectionSet) graph.RelationshipExpansion {
	var e graph.RelationshipExpansion
	for _, f := range p.fields(sel, "Relationship") {
		switch f.Name {
		case "from", "to":
			ends := p.actor(f.Selections)
			e.Merge(graph.RelationshipExpansion{Ends: &ends})
		case "claims":
			if f.Arguments.ForName("filter") != nil {
				continue // filtered claims have a loader of their own
			}
			claims := p.claim(f.Selections)
			e.Merge(graph.RelationshipExpansion{Claims: &claims})
		}
	}
	return e
}

// claim plans a selection on Claim.
func (p planner) claim(sel ast.SelectionSet) graph.ClaimExpansion {
	var e graph.ClaimExpansion
	for _, f := range p.fields(sel, "Claim") {
		switch f.Name {
		case "subject", "object", "attributedTo":
			actors := p.actor(f.Selections)
			e.Merge(graph.ClaimExpansion{Actors: &actors})
		case "article":
			art := p.article(f.Selections)
			e.Merge(graph.ClaimExpansion{Article: &art})
		}
	}
	return e
}

// article plans a selection on Article.
func (p planner) article(sel ast.SelectionSet) graph.ArticleExpansion {
	var e graph.ArticleExpansion
	for _, f := range p.fields(sel, "Article") {
		if f.Name == "claims" {
			claims := p.claim(f.Selections)
			e.Merge(graph.ArticleExpansion{Claims: &claims})
		}
	}
	return e
}

// under plans the selections under the fields named path of an object
// type (a connection's "nodes", its "edges" then "node", …) with plan.
func (p planner) under(sel ast.SelectionSet, typeName string, field string, each func(ast.SelectionSet)) {
	for _, f := range p.fields(sel, typeName) {
		if f.Name == field {
			each(f.Selections)
		}
	}
}

// relationshipArgs reads a relationships/neighbours/degree field's
// arguments as the loaders key them; ok is false for a value the plan
// does not understand.
func (p planner) relationshipArgs(f graphql.CollectedField) (dir graph.Direction, types []graph.RelationType, ok bool) {
	defer func() {
		if recover() != nil { // a value gqlgen's own coercion will reject
			ok = false
		}
	}()
	args := f.ArgumentMap(p.oc.Variables)
	dir = graph.Both
	switch d := args["direction"].(type) {
	case nil:
	case string:
		dir = graph.Direction(d)
	default:
		return "", nil, false
	}
	if !dir.Valid() {
		return "", nil, false
	}
	var names []any
	switch v := args["types"].(type) {
	case nil:
	case []any:
		names = v
	case string: // a single value for a list argument
		names = []any{v}
	default:
		return "", nil, false
	}
	for _, n := range names {
		s, isString := n.(string)
		if !isString || !graph.RelationType(s).Valid() {
			return "", nil, false
		}
		types = append(types, graph.RelationType(s))
	}
	return dir, types, true
}

func hasRelationships(e graph.ActorExpansion) bool { return len(e.Relationships) > 0 }

func readsBelow(e graph.RelationshipExpansion) bool { return e.Ends != nil || e.Claims != nil }

// prefetch reads what req names in one round trip, when the store can,
// and primes the request's loaders with it. It returns what it read, and
// whether it read anything.
func (r *Resolver) prefetch(ctx context.Context, req graph.ExpandRequest) (graph.Expanded, bool, error) {
	x, ok := r.Store.(graph.Expander)
	if !ok || req.Empty() {
		return graph.Expanded{}, false, nil
	}
	got, err := x.Expand(ctx, req)
	if err != nil {
		return got, false, err
	}
	For(ctx).prime(got)
	return got, true, nil
}

// prefetchActors prefetches what the selection on these actors reads
// below them, if anything.
func (r *Resolver) prefetchActors(ctx context.Context, ids []string, e graph.ActorExpansion) error {
	_, _, err := r.prefetch(ctx, actorsRequest(ids, e))
	return err
}

// actorsRequest asks for what e reads below these actors; it is empty
// when that is nothing.
func actorsRequest(ids []string, e graph.ActorExpansion) graph.ExpandRequest {
	if !hasRelationships(e) {
		return graph.ExpandRequest{}
	}
	return graph.ExpandRequest{ActorIDs: ids, Actors: e}
}

// relationshipsRequest asks for what e reads below these relationships:
// their end actors and their claims.
func relationshipsRequest(rels []graph.Relationship, e graph.RelationshipExpansion) graph.ExpandRequest {
	var req graph.ExpandRequest
	if !readsBelow(e) {
		return req
	}
	for _, rel := range rels {
		if e.Ends != nil {
			req.ActorIDs = append(req.ActorIDs, rel.FromID, rel.ToID)
		}
		if e.Claims != nil {
			req.ClaimIDs = append(req.ClaimIDs, rel.ClaimIDs...)
		}
	}
	if e.Ends != nil {
		req.Actors = *e.Ends
	}
	if e.Claims != nil {
		req.Claims = *e.Claims
	}
	return req
}

// mergeRequests asks for what a and b ask for, in one request: their
// actors (and claims) all read with both expansions merged, which may read
// more than either asked for, never less.
func mergeRequests(a, b graph.ExpandRequest) graph.ExpandRequest {
	a.ActorIDs = distinct(append(a.ActorIDs, b.ActorIDs...))
	a.Actors.Merge(b.Actors)
	a.ClaimIDs = distinct(append(a.ClaimIDs, b.ClaimIDs...))
	a.Claims.Merge(b.Claims)
	a.ArticleIDs = distinct(append(a.ArticleIDs, b.ArticleIDs...))
	a.Articles.Merge(b.Articles)
	return a
}

// prefetchGraph prefetches, in one request, what a selection on a
// Subgraph or a Path reads below its nodes' actor and its edges'
// relationship.
func (r *Resolver) prefetchGraph(ctx context.Context, sel ast.SelectionSet, typeName string, nodes []graph.Actor, edges []graph.Relationship) error {
	p := planFor(ctx)
	var actors graph.ActorExpansion
	var rels graph.RelationshipExpansion
	p.under(sel, typeName, "nodes", func(s ast.SelectionSet) {
		p.under(s, "GraphNode", "actor", func(s ast.SelectionSet) { actors.Merge(p.actor(s)) })
	})
	p.under(sel, typeName, "edges", func(s ast.SelectionSet) {
		p.under(s, "GraphEdge", "relationship", func(s ast.SelectionSet) { rels.Merge(p.relationship(s)) })
	})
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	_, _, err := r.prefetch(ctx, mergeRequests(actorsRequest(ids, actors), relationshipsRequest(edges, rels)))
	return err
}

// connectionSelection plans the selection on a connection's items, asked
// for under "nodes" or under "edges { node }".
func connectionSelection(p planner, sel ast.SelectionSet, connection, edge string, each func(ast.SelectionSet)) {
	p.under(sel, connection, "nodes", each)
	p.under(sel, connection, "edges", func(s ast.SelectionSet) { p.under(s, edge, "node", each) })
}

func distinct(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// plannedActor reads the actor a root field asks for together with what
// its selection reads below it, when that is anything: done is false when
// the plan read nothing and the caller should load the actor as usual.
func (r *Resolver) plannedActor(ctx context.Context, id string) (a *graph.Actor, done bool, err error) {
	e := planFor(ctx).actor(selection(ctx))
	if !hasRelationships(e) {
		return nil, false, nil
	}
	got, read, err := r.prefetch(ctx, graph.ExpandRequest{ActorIDs: []string{id}, Actors: e})
	if err != nil || !read {
		return nil, read, err
	}
	if found, ok := got.Actors[id]; ok {
		return &found, true, nil
	}
	return nil, true, nil // no such actor
}

// prefetchActorItems prefetches what the selection reads below a root
// field's actors, whose selections collect finds (a connection's items, a
// search hit's actor).
func (r *Resolver) prefetchActorItems(ctx context.Context, actors []graph.Actor, collect func(p planner, sel ast.SelectionSet, each func(ast.SelectionSet))) error {
	p := planFor(ctx)
	var e graph.ActorExpansion
	collect(p, selection(ctx), func(s ast.SelectionSet) { e.Merge(p.actor(s)) })
	ids := make([]string, len(actors))
	for i, a := range actors {
		ids[i] = a.ID
	}
	return r.prefetchActors(ctx, ids, e)
}

// actorConnectionItems finds the actors of an ActorConnection selection.
func actorConnectionItems(p planner, sel ast.SelectionSet, each func(ast.SelectionSet)) {
	connectionSelection(p, sel, "ActorConnection", "ActorEdge", each)
}

// searchHitItems finds the actors of a [SearchHit] selection.
func searchHitItems(p planner, sel ast.SelectionSet, each func(ast.SelectionSet)) {
	p.under(sel, "SearchHit", "actor", each)
}

// relationshipPage reads a page of relationships and, in the same round
// trip when the store can, what the RelationshipConnection selection
// reads below them, priming the loaders with it.
func (r *Resolver) relationshipPage(ctx context.Context, f graph.RelationshipFilter, pr graph.PageRequest) (graph.RelationshipPage, error) {
	p := planFor(ctx)
	var e graph.RelationshipExpansion
	connectionSelection(p, selection(ctx), "RelationshipConnection", "RelationshipEdge",
		func(s ast.SelectionSet) { e.Merge(p.relationship(s)) })
	x, ok := r.Store.(graph.Expander)
	if !ok || !readsBelow(e) {
		return r.Store.Relationships(ctx, f, pr)
	}
	page, got, err := x.RelationshipsExpanded(ctx, f, pr, e)
	if err != nil {
		return page, err
	}
	For(ctx).prime(got)
	return page, nil
}

// prefetchArticles prefetches the claims of articles, and what lies below
// them, when the selection asks for them.
func (r *Resolver) prefetchArticles(ctx context.Context, ids []string) error {
	e := planFor(ctx).article(selection(ctx))
	if e.Claims == nil || len(ids) == 0 {
		return nil
	}
	_, _, err := r.prefetch(ctx, graph.ExpandRequest{ArticleIDs: ids, Articles: e})
	return err
}

// prefetchClaimItems prefetches what the selection on a ClaimConnection's
// claims reads below them: their actors and articles, and what lies
// below those. The claims themselves are read already.
func (r *Resolver) prefetchClaimItems(ctx context.Context, claims []graph.Claim) error {
	p := planFor(ctx)
	var e graph.ClaimExpansion
	connectionSelection(p, selection(ctx), "ClaimConnection", "ClaimEdge", func(s ast.SelectionSet) { e.Merge(p.claim(s)) })
	var req graph.ExpandRequest
	for _, c := range claims {
		if e.Actors != nil {
			req.ActorIDs = append(req.ActorIDs, c.SubjectID, c.ObjectID)
			if c.AttributedToID != "" {
				req.ActorIDs = append(req.ActorIDs, c.AttributedToID)
			}
		}
		if e.Article != nil {
			req.ArticleIDs = append(req.ArticleIDs, c.ArticleID)
		}
	}
	if e.Actors != nil {
		req.Actors = *e.Actors
	}
	if e.Article != nil {
		req.Articles = *e.Article
	}
	req.ActorIDs, req.ArticleIDs = distinct(req.ActorIDs), distinct(req.ArticleIDs)
	_, _, err := r.prefetch(ctx, req)
	return err
}
