package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

var _ graph.Expander = (*Store)(nil)

// Expand implements graph.Expander: one statement reads the requested
// actors, claims and articles and, nested in each, what the expansion
// names, the way @neo4j/graphql plans a whole query: map projections with
// a COLLECT subquery per nested list. Every nested read starts from a
// bound node or from an id through a unique index (claims by the ids a
// relationship lists), as the batched reads it replaces do.
func (s *Store) Expand(ctx context.Context, r graph.ExpandRequest) (graph.Expanded, error) {
	out := graph.NewExpanded()
	if r.Empty() {
		return out, nil
	}
	st, err := ExpandStatement(r)
	if err != nil {
		return out, err
	}
	recs, err := s.read(ctx, "expand", st.Cypher, st.Params)
	if err != nil {
		return out, err
	}
	if len(recs) == 0 {
		return out, nil
	}
	w := expandWalker{out: out}
	actors, _ := recs[0].Get("actors")
	for _, a := range asList(actors) {
		w.actor(a, &r.Actors)
	}
	claims, _ := recs[0].Get("claims")
	for _, c := range asList(claims) {
		w.claim(c, &r.Claims)
	}
	articles, _ := recs[0].Get("articles")
	for _, a := range asList(articles) {
		w.article(a, &r.Articles)
	}
	return out, nil
}

// ExpandStatement is the statement Expand runs: one CALL per kind of
// entity asked for, each returning the list of their projections.
func ExpandStatement(r graph.ExpandRequest) (Statement, error) {
	g := &expandGen{}
	var b strings.Builder
	params := map[string]any{}
	returns := []string{"[] AS actors", "[] AS claims", "[] AS articles"}
	if len(r.ActorIDs) > 0 {
		v := g.name("a")
		p, err := g.actor(v, &r.Actors)
		if err != nil {
			return Statement{}, err
		}
		fmt.Fprintf(&b, "\n\tCALL {\n\t\tUNWIND $actorIds AS id\n\t\tMATCH (%s:Actor {id: id})\n\t\tRETURN collect(%s) AS actors\n\t}", v, p)
		params["actorIds"], returns[0] = r.ActorIDs, "actors"
	}
	if len(r.ClaimIDs) > 0 {
		match, p, err := g.claim(g.name("c"), "id", &r.Claims)
		if err != nil {
			return Statement{}, err
		}
		fmt.Fprintf(&b, "\n\tCALL {\n\t\tUNWIND $claimIds AS id\n\t\t%s\n\t\tRETURN collect(%s) AS claims\n\t}", match, p)
		params["claimIds"], returns[1] = r.ClaimIDs, "claims"
	}
	if len(r.ArticleIDs) > 0 {
		v := g.name("t")
		p, err := g.article(v, &r.Articles)
		if err != nil {
			return Statement{}, err
		}
		fmt.Fprintf(&b, "\n\tCALL {\n\t\tUNWIND $articleIds AS id\n\t\tMATCH (%s:Article {id: id})\n\t\tRETURN collect(%s) AS articles\n\t}", v, p)
		params["articleIds"], returns[2] = r.ArticleIDs, "articles"
	}
	b.WriteString("\n\tRETURN " + strings.Join(returns, ", "))
	return Statement{Cypher: b.String(), Params: params}, nil
}

// expandGen writes the nested projections; every variable it binds has a
// name of its own.
type expandGen struct {
	n int
}

func (g *expandGen) name(prefix string) string {
	g.n++
	return fmt.Sprintf("%s%d", prefix, g.n)
}

// actor projects the actor bound to v and its relationship sets, each as
// a list under rels<i> in the order of e.Relationships, in id order as
// RelationshipsOf reads them.
func (g *expandGen) actor(v string, e *graph.ActorExpansion) (string, error) {
	var b strings.Builder
	b.WriteString(v + " " + strings.TrimSuffix(actorProjection, "}"))
	for i, rs := range e.Relationships {
		r := g.name("r")
		pat, err := relPattern(r, rs.Direction, rs.Types, "")
		if err != nil {
			return "", err
		}
		proj, ends, err := g.relationshipOf(r, v, &rs.RelationshipExpansion)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, ",\n\t\trels%d: COLLECT {\n\t\t\tMATCH (%s)%s(:Actor)\n\t\t\tWITH DISTINCT %s ORDER BY %s.id%s\n\t\t\tRETURN %s\n\t\t}",
			i, v, pat, r, r, ends, proj)
	}
	b.WriteString("}")
	return b.String(), nil
}

// relationship projects the relationship bound to r as relProjection
// does, with, if asked, its end actors (fromActor, toActor) and its claims.
// ends is a WITH clause binding the end nodes, to follow the clause that
// binds r.
func (g *expandGen) relationship(r string, e *graph.RelationshipExpansion) (proj, ends string, err error) {
	return g.relationshipOf(r, "", e)
}

// relationshipOf is relationship for the relationships of the actor bound
// to anchor: one of their ends is that actor, projected already, so that
// end is left out (null) unless its expansion asks for relationship sets
// the anchor's may lack. For an actor with a hundred relationships this
// halves the actors the answer carries.
func (g *expandGen) relationshipOf(r, anchor string, e *graph.RelationshipExpansion) (proj, ends string, err error) {
	var b strings.Builder
	b.WriteString(r + " " + strings.TrimSuffix(relProjectionOf(r), "}"))
	if e.Ends != nil {
		f, t := g.name("f"), g.name("t")
		ends = fmt.Sprintf("\n\t\t\tWITH %s, startNode(%s) AS %s, endNode(%s) AS %s", r, r, f, r, t)
		fp, err := g.actor(f, e.Ends)
		if err != nil {
			return "", "", err
		}
		tp, err := g.actor(t, e.Ends)
		if err != nil {
			return "", "", err
		}
		if anchor != "" && len(e.Ends.Relationships) == 0 {
			fp = fmt.Sprintf("CASE WHEN %s = %s THEN null ELSE %s END", f, anchor, fp)
			tp = fmt.Sprintf("CASE WHEN %s = %s THEN null ELSE %s END", t, anchor, tp)
		}
		fmt.Fprintf(&b, ",\n\t\tfromActor: %s,\n\t\ttoActor: %s", fp, tp)
	}
	if e.Claims != nil {
		cid, c := g.name("cid"), g.name("c")
		match, cp, err := g.claim(c, cid, e.Claims)
		if err != nil {
			return "", "", err
		}
		fmt.Fprintf(&b, ",\n\t\tclaims: COLLECT {\n\t\t\tUNWIND %s.claimIds AS %s\n\t\t\t%s\n\t\t\tRETURN %s\n\t\t}", r, cid, match, cp)
	}
	b.WriteString("}")
	return b.String(), ends, nil
}

// claim returns the clauses that find the claim whose id is the value of
// idExpr, bound to c, with its subject, object, article and attribution
// (as claimMatch does), and its projection (claimProjection's fields,
// with the actors and the article if asked).
func (g *expandGen) claim(c, idExpr string, e *graph.ClaimExpansion) (match, proj string, err error) {
	s, o, art, w := g.name("s"), g.name("o"), g.name("art"), g.name("w")
	match = fmt.Sprintf("MATCH (%s:Claim {id: %s})\n\t\t\tMATCH (%s:Actor)<-[:SUBJECT]-(%s)-[:OBJECT]->(%s:Actor), (%s)-[:STATED_IN]->(%s:Article)\n\t\t\tOPTIONAL MATCH (%s)-[:ATTRIBUTED_TO]->(%s:Actor)",
		c, idExpr, s, c, o, c, art, c, w)
	p, err := g.claimProjection(c, s, o, art, w, e)
	return match, p, err
}

func (g *expandGen) claimProjection(c, s, o, art, w string, e *graph.ClaimExpansion) (string, error) {
	var b strings.Builder
	b.WriteString(c + " " + strings.TrimSuffix(claimProjectionOf(art, s, o, w), "}"))
	if e.Actors != nil {
		sp, err := g.actor(s, e.Actors)
		if err != nil {
			return "", err
		}
		op, err := g.actor(o, e.Actors)
		if err != nil {
			return "", err
		}
		wp, err := g.actor(w, e.Actors)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, ",\n\t\tsubjectActor: %s,\n\t\tobjectActor: %s,\n\t\tattributedToActor: CASE WHEN %s IS NULL THEN null ELSE %s END", sp, op, w, wp)
	}
	if e.Article != nil {
		ap, err := g.article(art, e.Article)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, ",\n\t\tarticleNode: %s", ap)
	}
	b.WriteString("}")
	return b.String(), nil
}

// article projects the article bound to a, with its claims in text order
// (as ClaimsOfArticles reads them) if asked.
func (g *expandGen) article(a string, e *graph.ArticleExpansion) (string, error) {
	var b strings.Builder
	b.WriteString(a + " " + strings.TrimSuffix(articleProjection, "}"))
	if e.Claims != nil {
		c, s, o, art, w := g.name("c"), g.name("s"), g.name("o"), g.name("art"), g.name("w")
		cp, err := g.claimProjection(c, s, o, art, w, e.Claims)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, ",\n\t\tclaims: COLLECT {\n\t\t\tMATCH (%s:Claim)-[:STATED_IN]->(%s)\n\t\t\tMATCH (%s:Actor)<-[:SUBJECT]-(%s)-[:OBJECT]->(%s:Actor), (%s)-[:STATED_IN]->(%s:Article)\n\t\t\tOPTIONAL MATCH (%s)-[:ATTRIBUTED_TO]->(%s:Actor)\n\t\t\tWITH %s, %s, %s, %s, %s ORDER BY %s.start, %s.id\n\t\t\tRETURN %s\n\t\t}",
			c, a, s, c, o, c, art, c, w, c, s, o, art, w, c, c, cp)
	}
	b.WriteString("}")
	return b.String(), nil
}

// expandWalker turns Expand's nested answer into an Expanded, walking it
// with the expansion that shaped it.
type expandWalker struct {
	out graph.Expanded
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func (w *expandWalker) actor(v any, e *graph.ActorExpansion) {
	m := asMap(v)
	if m == nil {
		return
	}
	a := toActor(m)
	w.out.Actors[a.ID] = a
	for i, rs := range e.Relationships {
		list := asList(m[fmt.Sprintf("rels%d", i)])
		rels := make([]graph.Relationship, len(list))
		for j, x := range list {
			rels[j] = toRel(x)
			w.relationship(x, &rs.RelationshipExpansion)
		}
		dir := rs.Direction
		if dir == "" {
			dir = graph.Both
		}
		w.out.Relationships[graph.RelationshipsKey{ActorID: a.ID, Direction: dir, Types: graph.TypesKey(rs.Types)}] = rels
	}
}

func (w *expandWalker) relationship(v any, e *graph.RelationshipExpansion) {
	m := asMap(v)
	if e.Ends != nil {
		w.actor(m["fromActor"], e.Ends)
		w.actor(m["toActor"], e.Ends)
	}
	if e.Claims != nil {
		for _, c := range asList(m["claims"]) {
			w.claim(c, e.Claims)
		}
	}
}

func (w *expandWalker) claim(v any, e *graph.ClaimExpansion) graph.Claim {
	m := asMap(v)
	c := toClaim(m)
	w.out.Claims[c.ID] = c
	if e.Actors != nil {
		w.actor(m["subjectActor"], e.Actors)
		w.actor(m["objectActor"], e.Actors)
		w.actor(m["attributedToActor"], e.Actors)
	}
	if e.Article != nil {
		w.article(m["articleNode"], e.Article)
	}
	return c
}

func (w *expandWalker) article(v any, e *graph.ArticleExpansion) {
	m := asMap(v)
	if m == nil {
		return
	}
	a := toArticle(m)
	w.out.Articles[a.ID] = a
	if e.Claims != nil {
		list := asList(m["claims"])
		claims := make([]graph.Claim, len(list))
		for i, c := range list {
			claims[i] = w.claim(c, e.Claims)
		}
		w.out.ArticleClaims[a.ID] = claims
	}
}
