package export

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// claimField is one fact about a claim. Every export carries every field:
// on each relationship's edge as a list with one entry per supporting claim
// (all lists in the order of the edge's claimIds, so entry i of each list
// belongs to the same claim), on claim nodes as a single value (Request.Claims
// == ClaimsAsNodes), and as a column of the claims table (format "claims-csv").
// Adding a claim field is adding a row to claimFields; the writers need no
// change.
type claimField struct {
	name  string   // attribute on claim nodes, column of the claims table
	list  string   // list attribute on relationship edges
	typ   attrType // the type value returns: string, int, float64 or bool
	value func(c graph.Claim, ev *evidence) any
}

var claimFields = []claimField{
	{"claimId", "claimIds", tString, func(c graph.Claim, _ *evidence) any { return c.ID }},
	{"quote", "claimQuotes", tString, func(c graph.Claim, _ *evidence) any { return c.Quote }},
	{"certainty", "claimCertainties", tString, func(c graph.Claim, _ *evidence) any { return string(c.Certainty) }},
	{"ownStatement", "claimOwnStatements", tBool, func(c graph.Claim, _ *evidence) any { return c.OwnStatement }},
	{"conditional", "claimConditionals", tBool, func(c graph.Claim, _ *evidence) any { return c.Conditional }},
	{"condition", "claimConditions", tString, func(c graph.Claim, _ *evidence) any { return c.Condition }},
	{"timeStatus", "claimTimeStatuses", tString, func(c graph.Claim, _ *evidence) any { return string(c.Time.StatusOrOngoing()) }},
	{"timeCue", "claimTimeCues", tString, func(c graph.Claim, _ *evidence) any { return c.Time.Cue }},
	{"timeFrom", "claimTimeFroms", tString, func(c graph.Claim, _ *evidence) any { return c.Time.From }},
	{"timeTo", "claimTimeTos", tString, func(c graph.Claim, _ *evidence) any { return c.Time.To }},
	{"validFrom", "claimValidFroms", tString, func(c graph.Claim, _ *evidence) any { return c.Valid.FromDate() }},
	{"validTo", "claimValidTos", tString, func(c graph.Claim, _ *evidence) any { return c.Valid.ToDate() }},
	{"voice", "claimVoices", tString, func(c graph.Claim, _ *evidence) any { return string(c.Voice()) }},
	{"attributedTo", "claimAttributedTo", tString, func(c graph.Claim, _ *evidence) any { return c.AttributedToID }},
	{"attributedToName", "claimAttributedToNames", tString, func(c graph.Claim, ev *evidence) any { return ev.actorName(c.AttributedToID) }},
	{"source", "claimSources", tString, func(c graph.Claim, _ *evidence) any { return c.Source }},
	{"subjectText", "claimSubjectTexts", tString, func(c graph.Claim, _ *evidence) any { return c.SubjectText }},
	{"objectText", "claimObjectTexts", tString, func(c graph.Claim, _ *evidence) any { return c.ObjectText }},
	{"note", "claimNotes", tString, func(c graph.Claim, _ *evidence) any { return c.Note }},
	{"articleId", "claimArticleIds", tString, func(c graph.Claim, _ *evidence) any { return c.ArticleID }},
	{"articleTitle", "claimArticleTitles", tString, func(c graph.Claim, ev *evidence) any { return ev.articles[c.ArticleID].Title }},
	{"articleSource", "claimArticleSources", tString, func(c graph.Claim, ev *evidence) any { return ev.articles[c.ArticleID].Source }},
	{"articleUrl", "claimArticleUrls", tString, func(c graph.Claim, ev *evidence) any { return ev.articles[c.ArticleID].URL }},
	{"articlePublishedAt", "claimArticlePublishedAt", tString, func(c graph.Claim, ev *evidence) any { return ev.articles[c.ArticleID].PublishedAt }},
	{"quoteStart", "claimQuoteStarts", tInt, func(c graph.Claim, _ *evidence) any { return c.Start }},
	{"quoteEnd", "claimQuoteEnds", tInt, func(c graph.Claim, _ *evidence) any { return c.End }},
}

// articleField is one fact about an article, carried on article nodes
// (Request.Claims == ClaimsAsNodes). The text is left out: it is long, and
// each claim already carries its quote and offsets into it.
type articleField struct {
	name  string
	value func(a graph.Article) string
}

var articleFields = []articleField{
	{"title", func(a graph.Article) string { return a.Title }},
	{"source", func(a graph.Article) string { return a.Source }},
	{"url", func(a graph.Article) string { return a.URL }},
	{"publishedAt", func(a graph.Article) string { return a.PublishedAt }},
	{"dateline", func(a graph.Article) string { return a.Dateline }},
}

// evidence looks up the claims, articles and actors an export's
// relationships rest on.
type evidence struct {
	claims   map[string]graph.Claim
	articles map[string]graph.Article
	actors   map[string]graph.Actor // the graph's actors and the claims' sources
}

func newEvidence(d Data) *evidence {
	ev := &evidence{
		claims:   make(map[string]graph.Claim, len(d.Claims)),
		articles: make(map[string]graph.Article, len(d.Articles)),
		actors:   make(map[string]graph.Actor, len(d.Graph.Nodes)+len(d.Sources)),
	}
	for _, c := range d.Claims {
		ev.claims[c.ID] = c
	}
	for _, a := range d.Articles {
		ev.articles[a.ID] = a
	}
	for _, a := range d.Graph.Nodes {
		ev.actors[a.ID] = a
	}
	for _, a := range d.Sources {
		ev.actors[a.ID] = a
	}
	return ev
}

// actorName is the name of the actor with the given id, or "" for "".
func (ev *evidence) actorName(id string) string {
	if id == "" {
		return ""
	}
	if a, ok := ev.actors[id]; ok {
		return a.Name
	}
	return id
}

// claimsOf returns the relationship's claims in its ClaimIDs order.
func (ev *evidence) claimsOf(r graph.Relationship) []graph.Claim {
	out := make([]graph.Claim, 0, len(r.ClaimIDs))
	for _, id := range r.ClaimIDs {
		if c, ok := ev.claims[id]; ok {
			out = append(out, c)
		}
	}
	return out
}

// text is the relationship's evidence for a person to read, one claim a
// line: certainty (and whose words, and the condition), quote, who said
// it, and where.
//
//	ASSERTED: "Kataib Hezbollah, which is aligned with Iran, …" — Iran-aligned militias threaten US… (Al Jazeera, 2026-01-05)
func (ev *evidence) text(claims []graph.Claim) string {
	var b strings.Builder
	for i, c := range claims {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(string(c.Certainty))
		if c.OwnStatement {
			b.WriteString(", own statement")
		}
		if c.Conditional {
			b.WriteString(", conditional")
			if c.Condition != "" {
				b.WriteString(` ("` + c.Condition + `")`)
			}
		}
		b.WriteString(`: "` + c.Quote + `"`)
		if c.AttributedToID != "" {
			b.WriteString(" (attributed to " + ev.actorName(c.AttributedToID) + ")")
		}
		a := ev.articles[c.ArticleID]
		title := a.Title
		if title == "" {
			title = c.ArticleID
		}
		b.WriteString(" — " + title)
		var where []string
		for _, s := range []string{a.Source, a.PublishedAt} {
			if s != "" {
				where = append(where, s)
			}
		}
		if len(where) > 0 {
			b.WriteString(" (" + strings.Join(where, ", ") + ")")
		}
	}
	return b.String()
}
