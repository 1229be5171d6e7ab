package neo4j

import (
	"context"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// ClaimIndex is the name of the full-text index over claim quotes;
// analysts can query it with db.index.fulltext.queryNodes.
const ClaimIndex = "claim_quotes"

// Claims implements graph.Reader.
func (s *Store) Claims(ctx context.Context, f graph.ClaimFilter, p graph.PageRequest) (graph.ClaimPage, error) {
	if err := p.Validate(); err != nil {
		return graph.ClaimPage{}, err
	}
	st, err := ClaimsStatement(f, p)
	if err != nil {
		return graph.ClaimPage{}, err
	}
	recs, err := s.read(ctx, "claims", st.Cypher, st.Params)
	if err != nil {
		return graph.ClaimPage{}, err
	}
	total, _ := recs[0].Get("total")
	page, _ := recs[0].Get("page")
	l, _ := page.([]any)
	out := graph.ClaimPage{TotalCount: int(total.(int64)), Claims: make([]graph.Claim, 0, len(l))}
	for _, v := range l {
		out.Claims = append(out.Claims, toClaim(v))
	}
	if len(out.Claims) > p.First {
		out.Claims, out.HasNextPage = out.Claims[:p.First], true
	}
	return out, nil
}

// ClaimsStatement is the statement Claims runs for one page. The most
// selective filter given picks where the query starts: the full-text
// index for a text search, else the article, the subject, the object,
// the actor at either end or the attributed actor, each an id lookup and
// one hop; only a filter on none of these reads every claim. The other
// filters are conditions on the claims found.
func ClaimsStatement(f graph.ClaimFilter, p graph.PageRequest) (Statement, error) {
	if err := f.Validate(); err != nil {
		return Statement{}, err
	}
	params := map[string]any{"limit": p.First + 1}
	var anchor string
	switch {
	case f.Text != "":
		params["index"], params["query"] = ClaimIndex, luceneQuery(f.Text)
		anchor = `CALL db.index.fulltext.queryNodes($index, $query) YIELD node AS c, score`
	case len(f.IDs) > 0:
		anchor = `UNWIND $ids AS id MATCH (c:Claim {id: id}) WITH DISTINCT c, 0.0 AS score`
	case f.ArticleID != "":
		anchor = `MATCH (:Article {id: $article})<-[:STATED_IN]-(c:Claim) WITH c, 0.0 AS score`
	case f.SubjectID != "":
		anchor = `MATCH (:Actor {id: $subject})<-[:SUBJECT]-(c:Claim) WITH c, 0.0 AS score`
	case f.ObjectID != "":
		anchor = `MATCH (:Actor {id: $object})<-[:OBJECT]-(c:Claim) WITH c, 0.0 AS score`
	case f.ActorID != "":
		anchor = `MATCH (:Actor {id: $actor})<-[:SUBJECT|OBJECT]-(c:Claim) WITH DISTINCT c, 0.0 AS score`
	case f.AttributedTo != "":
		anchor = `MATCH (:Actor {id: $attributedTo})<-[:ATTRIBUTED_TO]-(c:Claim) WITH c, 0.0 AS score`
	default:
		anchor = `MATCH (c:Claim) WITH c, 0.0 AS score`
	}
	conds := []string{"true"}
	add := func(param string, v any, cond string) {
		params[param] = v
		conds = append(conds, cond)
	}
	if len(f.IDs) > 0 {
		add("ids", f.IDs, "c.id IN $ids")
	}
	if f.ArticleID != "" {
		add("article", f.ArticleID, "art.id = $article")
	}
	if f.SubjectID != "" {
		add("subject", f.SubjectID, "s.id = $subject")
	}
	if f.ObjectID != "" {
		add("object", f.ObjectID, "o.id = $object")
	}
	if f.ActorID != "" {
		add("actor", f.ActorID, "(s.id = $actor OR o.id = $actor)")
	}
	if f.AttributedTo != "" {
		add("attributedTo", f.AttributedTo, "w.id = $attributedTo")
	}
	if f.Publication != "" {
		add("publication", f.Publication, "art.source = $publication")
	}
	if len(f.Types) > 0 {
		types := make([]string, len(f.Types))
		for i, t := range f.Types {
			types[i] = string(t)
		}
		add("types", types, "c.relation IN $types")
	}
	if len(f.Certainties) > 0 {
		certs := make([]string, len(f.Certainties))
		for i, c := range f.Certainties {
			certs[i] = string(c)
		}
		add("certainties", certs, "c.certainty IN $certainties")
	}
	if f.OwnStatement != nil {
		add("ownStatement", *f.OwnStatement, "c.ownStatement = $ownStatement")
	}
	if f.Conditional != nil {
		add("conditional", *f.Conditional, "c.conditional = $conditional")
	}
	if f.Retracted != nil {
		add("retracted", *f.Retracted, "coalesce(c.retracted, false) = $retracted")
	}
	if len(f.TimeStatuses) > 0 {
		statuses := make([]string, len(f.TimeStatuses))
		for i, st := range f.TimeStatuses {
			statuses[i] = string(st)
		}
		add("timeStatuses", statuses, "c.timeStatus IN $timeStatuses")
	}
	if !f.Window.IsZero() {
		from, to := f.Window.Bounds()
		params["from"], params["to"] = from, to
		conds = append(conds, "c.validFrom <= $to AND $from <= c.validTo")
	}
	// The WITH keeps the conditions off the OPTIONAL MATCH of claimMatch,
	// where they would only drop the attribution.
	match := anchor + claimMatch + `
		WITH c, score, s, o, art, w
		WHERE ` + strings.Join(conds, " AND ")
	var page string
	if f.Text != "" {
		skip := 0
		if p.After != "" {
			n, err := strconv.Atoi(p.After)
			if err != nil || n < 0 {
				return Statement{}, graph.Errorf(graph.EINVALID, "after is not a position in this search")
			}
			skip = n
		}
		params["skip"] = skip
		page = match + `
		WITH c, s, o, art, w, score ORDER BY score DESC, c.id SKIP $skip LIMIT $limit`
	} else {
		params["after"] = p.After
		page = match + ` AND c.id > $after
		WITH c, s, o, art, w ORDER BY c.id LIMIT $limit`
	}
	return Statement{Cypher: `
		CALL { ` + match + `
		       RETURN count(c) AS total }
		CALL { ` + page + `
		       RETURN collect(c ` + claimProjection + `) AS page }
		RETURN total, page`, Params: params}, nil
}
