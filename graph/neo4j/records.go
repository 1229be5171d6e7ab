package neo4j

import (
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// The read queries return map projections with these fields; the functions
// below turn them into domain values.

const actorProjection = `{.id, .name, .kind, .aliases, .description}`

// relProjection needs the relationship bound to r.
const relProjection = `{.id, .modality, .modalities, .claimIds, .articleIds, type: type(r), from: startNode(r).id, to: endNode(r).id}`

func str(r *neo4j.Record, key string) string {
	v, _ := r.Get(key)
	s, _ := v.(string)
	return s
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func mstr(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func mint(m map[string]any, k string) int {
	n, _ := m[k].(int64)
	return int(n)
}

func mstrings(m map[string]any, k string) []string {
	l, _ := m[k].([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func toActor(v any) graph.Actor {
	m := asMap(v)
	return graph.Actor{
		ID: mstr(m, "id"), Name: mstr(m, "name"), Kind: graph.ActorKind(mstr(m, "kind")),
		Aliases: mstrings(m, "aliases"), Description: mstr(m, "description"),
	}
}

func toActors(v any) []graph.Actor {
	l, _ := v.([]any)
	out := make([]graph.Actor, len(l))
	for i, x := range l {
		out[i] = toActor(x)
	}
	return out
}

func toRel(v any) graph.Relationship {
	m := asMap(v)
	mods := mstrings(m, "modalities")
	r := graph.Relationship{
		ID: mstr(m, "id"), Type: graph.RelationType(mstr(m, "type")),
		FromID: mstr(m, "from"), ToID: mstr(m, "to"),
		Modality: graph.Modality(mstr(m, "modality")),
		ClaimIDs: mstrings(m, "claimIds"), ArticleIDs: mstrings(m, "articleIds"),
		Modalities: make([]graph.Modality, len(mods)),
	}
	for i, x := range mods {
		r.Modalities[i] = graph.Modality(x)
	}
	return r
}

func toRels(v any) []graph.Relationship {
	l, _ := v.([]any)
	out := make([]graph.Relationship, len(l))
	for i, x := range l {
		out[i] = toRel(x)
	}
	return out
}

const claimProjection = `{.id, .relation, .modality, .quote, .start, .end, .note, .subjectText, .objectText,
	articleId: art.id, subjectId: s.id, objectId: o.id, attributedToId: w.id}`

// claimMatch binds c, art, s, o and w (who it is attributed to, or null).
const claimMatch = `
	MATCH (s:Actor)<-[:SUBJECT]-(c)-[:OBJECT]->(o:Actor), (c)-[:STATED_IN]->(art:Article)
	OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(w:Actor)`

func toClaim(v any) graph.Claim {
	m := asMap(v)
	return graph.Claim{
		ID: mstr(m, "id"), ArticleID: mstr(m, "articleId"),
		Relation:  graph.RelationType(mstr(m, "relation")),
		SubjectID: mstr(m, "subjectId"), ObjectID: mstr(m, "objectId"),
		SubjectText: mstr(m, "subjectText"), ObjectText: mstr(m, "objectText"),
		Modality:       graph.Modality(mstr(m, "modality")),
		AttributedToID: mstr(m, "attributedToId"),
		Quote:          mstr(m, "quote"), Start: mint(m, "start"), End: mint(m, "end"),
		Note: mstr(m, "note"),
	}
}

func toArticle(v any) graph.Article {
	m := asMap(v)
	return graph.Article{
		ID: mstr(m, "id"), Title: mstr(m, "title"), Dateline: mstr(m, "dateline"),
		Source: mstr(m, "source"), URL: mstr(m, "url"), PublishedAt: mstr(m, "publishedAt"),
		Text: mstr(m, "text"),
	}
}
