package neo4j

import (
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// The read queries return map projections with these fields; the functions
// below turn them into domain values.

const actorProjection = `{.id, .name, .kind, .aliases, .description, .version}`

// relProjection needs the relationship bound to r. It reads the summary
// only (see docs/graph-model.md), never the claims.
var relProjection = relProjectionOf("r")

// relProjectionOf is relProjection for the relationship bound to r.
func relProjectionOf(r string) string {
	var b strings.Builder
	b.WriteString(`{.id, .claimIds, .articleIds, .certainty, .ownStatements, .conditionals, .sourceIds, .sentenceCount,
	.firstReported, .lastReported, .intervals`)
	for _, c := range graph.CertaintyTable {
		b.WriteString(", ." + c.Count)
	}
	b.WriteString(", type: type(" + r + "), from: startNode(" + r + ").id, to: endNode(" + r + ").id}")
	return b.String()
}

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

func mbool(m map[string]any, k string) bool {
	b, _ := m[k].(bool)
	return b
}

func mfloat(m map[string]any, k string) float64 {
	f, _ := m[k].(float64)
	return f
}

func mstrings(m map[string]any, k string) []string {
	l, _ := m[k].([]any)
	return toStrings(l)
}

func toStrings(l []any) []string {
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// mspan reads the span <prefix>Start..<prefix>End; the zero Span when
// it is not stored.
func mspan(m map[string]any, prefix string) graph.Span {
	return graph.Span{Start: mint(m, prefix+"Start"), End: mint(m, prefix+"End")}
}

func toActor(v any) graph.Actor {
	m := asMap(v)
	return graph.Actor{
		ID: mstr(m, "id"), Name: mstr(m, "name"), Kind: graph.ActorKind(mstr(m, "kind")),
		Aliases: mstrings(m, "aliases"), Description: mstr(m, "description"),
		Version: max(mint(m, "version"), 1), // an actor written before versions is at 1
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
	r := graph.Relationship{
		ID: mstr(m, "id"), Type: graph.RelationType(mstr(m, "type")),
		FromID: mstr(m, "from"), ToID: mstr(m, "to"),
		ClaimIDs: mstrings(m, "claimIds"), ArticleIDs: mstrings(m, "articleIds"),
		Certainty:     graph.Certainty(mstr(m, "certainty")),
		OwnStatements: mint(m, "ownStatements"), Conditionals: mint(m, "conditionals"),
		SourceIDs: mstrings(m, "sourceIds"), SentenceCount: mint(m, "sentenceCount"),
		FirstReported: mstr(m, "firstReported"), LastReported: mstr(m, "lastReported"),
		Intervals:       mstrings(m, "intervals"),
		CertaintyCounts: make([]graph.CertaintyCount, len(graph.Certainties)),
	}
	for i, c := range graph.CertaintyTable {
		r.CertaintyCounts[i] = graph.CertaintyCount{Certainty: c.Certainty, Count: mint(m, c.Count)}
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

// claimProjection needs claimMatch's variables.
var claimProjection = claimProjectionOf("art", "s", "o", "w")

// claimProjectionOf is claimProjection for a claim whose article, subject,
// object and attribution are bound to art, s, o and w.
func claimProjectionOf(art, s, o, w string) string {
	return `{.id, .relation, .certainty, .ownStatement, .conditional, .condition, .conditionStart, .conditionEnd,
	.quote, .start, .end, .note, .subjectText, .subjectStart, .subjectEnd, .objectText, .objectStart, .objectEnd,
	.timeStatus, .timeCue, .timeCueStart, .timeCueEnd, .timeFrom, .timeTo, .validFrom, .validTo,
	.sentenceStart, .sentenceEnd, .source, .draft, .confidence,
	.version, .retracted, .retractedAt, .retractedBy, .retractReason,
	articleId: ` + art + `.id, subjectId: ` + s + `.id, objectId: ` + o + `.id, attributedToId: ` + w + `.id}`
}

// claimMatch binds c, art, s, o and w (who it is attributed to, or null).
const claimMatch = `
	MATCH (s:Actor)<-[:SUBJECT]-(c)-[:OBJECT]->(o:Actor), (c)-[:STATED_IN]->(art:Article)
	OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(w:Actor)`

func toClaim(v any) graph.Claim {
	m := asMap(v)
	cue := mspan(m, "timeCue")
	return graph.Claim{
		ID: mstr(m, "id"), ArticleID: mstr(m, "articleId"),
		Relation:  graph.RelationType(mstr(m, "relation")),
		SubjectID: mstr(m, "subjectId"), ObjectID: mstr(m, "objectId"),
		SubjectText: mstr(m, "subjectText"), ObjectText: mstr(m, "objectText"),
		SubjectSpan: mspan(m, "subject"), ObjectSpan: mspan(m, "object"),
		Certainty:    graph.Certainty(mstr(m, "certainty")),
		OwnStatement: mbool(m, "ownStatement"),
		Conditional:  mbool(m, "conditional"), Condition: mstr(m, "condition"), ConditionSpan: mspan(m, "condition"),
		Time: graph.ClaimTime{
			Status: graph.TimeStatus(mstr(m, "timeStatus")), Cue: mstr(m, "timeCue"), CueStart: cue.Start, CueEnd: cue.End,
			From: mstr(m, "timeFrom"), To: mstr(m, "timeTo"),
		},
		Valid:          graph.Interval{From: mstr(m, "validFrom"), To: mstr(m, "validTo")},
		AttributedToID: mstr(m, "attributedToId"),
		Source:         mstr(m, "source"),
		Quote:          mstr(m, "quote"), Start: mint(m, "start"), End: mint(m, "end"),
		Sentence: graph.Span{Start: mint(m, "sentenceStart"), End: mint(m, "sentenceEnd")},
		Note:     mstr(m, "note"),
		Draft:    mbool(m, "draft"), Confidence: mfloat(m, "confidence"),
		Version: max(mint(m, "version"), 1), Retracted: mbool(m, "retracted"), // a claim written before versions is at 1
		RetractedAt: mtime(m, "retractedAt"), RetractedBy: mstr(m, "retractedBy"), RetractReason: mstr(m, "retractReason"),
	}
}

func toArticle(v any) graph.Article {
	m := asMap(v)
	return graph.Article{
		ID: mstr(m, "id"), Title: mstr(m, "title"), Dateline: mstr(m, "dateline"),
		Source: mstr(m, "source"), URL: mstr(m, "url"), PublishedAt: mstr(m, "publishedAt"),
		Note: mstr(m, "note"), Text: mstr(m, "text"),
	}
}
