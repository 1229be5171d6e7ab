package neo4j

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// RelationshipsOf implements graph.Reader: one query for every actor id.
func (s *Store) RelationshipsOf(ctx context.Context, ids []string, dir graph.Direction, types []graph.RelationType) (map[string][]graph.Relationship, error) {
	st, err := RelationshipsOfStatement(ids, dir, types)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "relationships of actors", st.Cypher, st.Params)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]graph.Relationship, len(ids))
	for _, r := range recs {
		v, _ := r.Get("rels")
		out[str(r, "id")] = toRels(v)
	}
	return out, nil
}

// RelationshipsOfStatement is the statement RelationshipsOf runs.
func RelationshipsOfStatement(ids []string, dir graph.Direction, types []graph.RelationType) (Statement, error) {
	pat, err := relPattern("r", dir, types, "")
	if err != nil {
		return Statement{}, err
	}
	return Statement{Cypher: `
		UNWIND $ids AS id
		MATCH (a:Actor {id: id})
		CALL {
			WITH a
			MATCH (a)` + pat + `(:Actor)
			WITH DISTINCT r ORDER BY r.id
			RETURN collect(r ` + relProjection + `) AS rels
		}
		RETURN id, rels`, Params: map[string]any{"ids": ids}}, nil
}

// Relationships implements graph.Reader. The anchor (subject, object or
// neither) picks the MATCH clause so that an id lookup is an index seek.
func (s *Store) Relationships(ctx context.Context, f graph.RelationshipFilter, p graph.PageRequest) (graph.RelationshipPage, error) {
	if err := p.Validate(); err != nil {
		return graph.RelationshipPage{}, err
	}
	st, err := RelationshipsStatement(f, p)
	if err != nil {
		return graph.RelationshipPage{}, err
	}
	recs, err := s.read(ctx, "relationships", st.Cypher, st.Params)
	if err != nil {
		return graph.RelationshipPage{}, err
	}
	total, _ := recs[0].Get("total")
	page, _ := recs[0].Get("page")
	rels := toRels(page)
	out := graph.RelationshipPage{TotalCount: int(total.(int64))}
	if len(rels) > p.First {
		rels, out.HasNextPage = rels[:p.First], true
	}
	out.Relationships = rels
	return out, nil
}

// RelationshipsExpanded implements graph.Expander: Relationships, with
// what e reads below the page's relationships read in the same statement.
func (s *Store) RelationshipsExpanded(ctx context.Context, f graph.RelationshipFilter, p graph.PageRequest, e graph.RelationshipExpansion) (graph.RelationshipPage, graph.Expanded, error) {
	out := graph.NewExpanded()
	g := &expandGen{}
	proj, ends, err := g.relationship("r", &e)
	if err != nil {
		return graph.RelationshipPage{}, out, err
	}
	st, err := relationshipsStatement(f, p, ends, proj)
	if err != nil {
		return graph.RelationshipPage{}, out, err
	}
	recs, err := s.read(ctx, "relationships", st.Cypher, st.Params)
	if err != nil {
		return graph.RelationshipPage{}, out, err
	}
	total, _ := recs[0].Get("total")
	page, _ := recs[0].Get("page")
	list := asList(page)
	if len(list) > p.First {
		list = list[:p.First]
	}
	w := expandWalker{out: out}
	res := graph.RelationshipPage{TotalCount: int(total.(int64)), HasNextPage: len(asList(page)) > p.First}
	for _, x := range list {
		res.Relationships = append(res.Relationships, toRel(x))
		w.relationship(x, &e)
	}
	return res, out, nil
}

// RelationshipsStatement is the statement Relationships runs for one page.
func RelationshipsStatement(f graph.RelationshipFilter, p graph.PageRequest) (Statement, error) {
	return relationshipsStatement(f, p, "", "r "+relProjection)
}

// relationshipsStatement is RelationshipsStatement projecting each
// relationship r of the page with proj, after the clause ends (which may
// bind more variables for proj).
func relationshipsStatement(f graph.RelationshipFilter, p graph.PageRequest, ends, proj string) (Statement, error) {
	var types []graph.RelationType
	if f.Type != "" {
		types = []graph.RelationType{f.Type}
	}
	pat, err := relPattern("r", graph.Outgoing, types, "")
	if err != nil {
		return Statement{}, err
	}
	match := `MATCH (s:Actor)` + pat + `(o:Actor)`
	switch {
	case f.FromID != "":
		match = `MATCH (s:Actor {id: $from})` + pat + `(o:Actor) USING INDEX s:Actor(id)`
	case f.ToID != "":
		match = `MATCH (s:Actor)` + pat + `(o:Actor {id: $to}) USING INDEX o:Actor(id)`
	}
	// The hints keep the anchor an id lookup: left alone, the planner may
	// walk the type's relationship-id index for "r.id > $after" instead,
	// reading every relationship of the type to page one actor's.
	params := map[string]any{
		"from": nilIfEmpty(f.FromID), "to": nilIfEmpty(f.ToID), "attributedTo": nilIfEmpty(f.AttributedTo),
		"after": p.After, "limit": p.First + 1,
	}
	ev, err := evidenceWhere("r", f.Evidence, params)
	if err != nil {
		return Statement{}, err
	}
	where := `
		WHERE ($from IS NULL OR s.id = $from) AND ($to IS NULL OR o.id = $to)
		  AND ` + ev + `
		  AND ($attributedTo IS NULL OR EXISTS {
		        MATCH (c:Claim)-[:ATTRIBUTED_TO]->(:Actor {id: $attributedTo})
		        WHERE c.id IN r.claimIds })`
	cypher := `
		CALL { ` + match + where + ` RETURN count(r) AS total }
		CALL { ` + match + where + ` AND r.id > $after
		       WITH r ORDER BY r.id LIMIT $limit` + ends + `
		       RETURN collect(` + proj + `) AS page }
		RETURN total, page`
	return Statement{Cypher: cypher, Params: params}, nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
