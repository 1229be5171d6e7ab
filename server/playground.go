package server

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"

	"github.com/actorgraph/actorgraph/web"
)

// Example is a ready-to-run operation the playground opens with, one tab each.
type Example struct {
	Query     string // a named operation; GraphiQL titles the tab with the name
	Variables string // JSON, or ""
	// Curation marks the curation examples: they change the graph (an
	// editor's token in the playground's headers tab; mergeActors an
	// admin's) and run in order, each on what the ones before it wrote.
	Curation bool `json:"-"`
}

// Examples are the playground's opening tabs: the questions people come with.
var Examples = []Example{
	{Query: `# The actors within one hop of Kataib Hezbollah and the relationships
# among them, shaped for network-drawing libraries (nodes[0] is the anchor).
# An edge's certainty is its firmest claim's (for drawing); corroboration
# counts its distinct sources (its weight).
query Neighbourhood($id: ID!, $depth: Int) {
  neighbourhood(id: $id, depth: $depth) {
    nodes { id label kind }
    edges { id type source target certainty certainties claimCount corroboration }
  }
}`, Variables: `{"id": "kataib-hezbollah", "depth": 1}`},
	{Query: `# How is Donald Trump connected to Kataib Hezbollah? The shortest path,
# with the sentence behind every step and how the article presents it.
query ShortestPath($from: ID!, $to: ID!) {
  shortestPath(from: $from, to: $to) {
    length
    nodes { id label kind }
    edges {
      type source target certainty
      relationship {
        claims { quote certainty ownStatement condition { text } attributedTo { name } }
      }
    }
  }
}`, Variables: `{"from": "donald-trump", "to": "kataib-hezbollah"}`},
	{Query: `# Relationships with at least one alleged claim, however firm their
# other claims: the alleged claims, who alleges them, and on how many
# sentences and sources the relationship rests.
query AllegedClaimsWithSources {
  relationships(certainty: [ALLEGED], first: 50) {
    totalCount
    nodes {
      from { name } type to { name }
      certaintyCounts { certainty count }
      claimCount sentenceCount sourceCount
      claims(filter: {certainty: [ALLEGED]}) {
        quote
        attributedTo { name }
        article { title }
      }
    }
  }
}`},
	{Query: `# Threats and warnings that depend on a condition, with the condition's
# words and where the article names who threatens whom.
query ConditionalThreats {
  claims(filter: {conditional: true}) {
    totalCount
    nodes {
      subject { name } type object { name }
      certainty
      condition { text start end }
      subjectSpan { text start end }
      objectSpan { text start end }
      quote
    }
  }
}`},
	{Query: `# Full-text search over the quotes: typos and word forms are tolerated.
query SearchClaims($text: String!) {
  claims(filter: {text: $text}, first: 10) {
    totalCount
    edges {
      cursor
      node { quote certainty ownStatement subject { name } type object { name } }
    }
  }
}`, Variables: `{"text": "retaliaton"}`},
	{Query: `# Who leads whom on a given date: a former leader (Bashar al-Assad, an
# ended LEADS) is not listed.
query LeadersAsOf($date: Date!) {
  relationships(type: LEADS, asOf: $date) {
    nodes {
      from { name } to { name }
      claims { quote timeStatus timeCue { text } validFrom validTo }
    }
  }
}`, Variables: `{"date": "2026-01-14"}`},
	{Query: `# Search tolerates typos and knows aliases ("Tehran" finds Iran).
query SearchWithTypos($text: String!) {
  search(text: $text, first: 5) {
    score
    actor { id name kind aliases description }
  }
}`, Variables: `{"text": "Humaidawy"}`},
	{Query: `# Who is aligned with Iran, how firmly, and on whose word.
query AlignedWithIran {
  relationships(type: ALIGNED_WITH, to: "iran") {
    nodes {
      from { name kind }
      certainty certaintyCounts { certainty count }
      claimCount sourceCount corroboration
      claims { quote certainty ownStatement voice attributedTo { name } }
    }
  }
}`},
	{Query: `# What each relation type means, and its CAMEO code.
query RelationTypes {
  relationTypes { type class label meaning cameo cameoRoot cameoRootName }
}`},
	{Curation: true, Query: `# Draft an article's claims for review (an editor's token in the headers
# tab): the extractor parses the text with the CoreNLP server and proposes
# claims and new actors; nothing is written. Code unavailable when the
# CoreNLP server is down (scripts/corenlp up); drafter "none" with -draft=false.
mutation DraftArticle($input: ArticleInput!) {
  draftArticle(input: $input) {
    drafter
    actors { id name kind aliases }
    claims { key subject type object certainty attributedTo quote start end confidence }
  }
}`, Variables: `{"input": {"id": "kh-renews-threats", "title": "Kataib Hezbollah renews threats",
  "text": "Kataib Hezbollah renewed its threats against the United States on Monday, a spokesman said.",
  "publishedAt": "2026-02-02", "source": "Example Wire"}}`},
	{Curation: true, Query: `# Curating (README's "Curating"): send an editor's API token in the
# headers tab: {"Authorization": "Bearer ag_…"}. Commit a reviewed article:
# checked like a claims file, written whole or not at all. Claims name the
# graph's actors by id, name or alias; offsets count code points.
mutation CommitArticle($input: CommitArticleInput!) {
  commitArticle(input: $input) {
    id title
    claims { id version subject { name } type object { name } quote start end }
  }
}`, Variables: `{"input": {
  "article": {"id": "kh-renews-threats", "title": "Kataib Hezbollah renews threats",
    "text": "Kataib Hezbollah renewed its threats against the United States on Monday, a spokesman said.",
    "publishedAt": "2026-02-02", "source": "Example Wire"},
  "actors": [{"id": "kh-spokesman", "name": "Kataib Hezbollah spokesman", "kind": "PERSON", "aliases": ["a spokesman"]}],
  "claims": [{"key": "kh-threatens-us", "subject": "Kataib Hezbollah", "type": "THREATENS", "object": "United States",
    "certainty": "REPORTED", "attributedTo": "kh-spokesman",
    "quote": "Kataib Hezbollah renewed its threats against the United States"}],
  "reason": "reviewed in the playground"}}`},
	{Curation: true, Query: `# Correct a claim: send the version you read; a stale one is refused with
# code conflict (HTTP 409) and changes nothing.
mutation UpdateClaim {
  updateClaim(id: "kh-renews-threats/kh-threatens-us", input: {certainty: ASSERTED, note: "confirmed by a second outlet"},
              expectedVersion: 1, reason: "second source") {
    id version certainty note
    relationship { certainty claimCount }
  }
}`},
	{Curation: true, Query: `# Retract a claim: kept and visible, no longer counted in its relationship.
mutation RetractClaim {
  retractClaim(id: "kh-renews-threats/kh-threatens-us", reason: "the spokesman was misquoted") {
    id version retracted retractedAt retractedBy retractReason
  }
}`},
	{Curation: true, Query: `# Undo the retraction.
mutation RestoreClaim {
  restoreClaim(id: "kh-renews-threats/kh-threatens-us", reason: "the quote was checked", expectedVersion: 3) {
    id version retracted
  }
}`},
	{Curation: true, Query: `# Set an actor's whole alias list (removal works); a reload of the
# articles that declared the old ones keeps it.
mutation SetAliases {
  setAliases(id: "kh-spokesman", aliases: ["a spokesman", "KH spokesman"], expectedVersion: 1) {
    id name aliases version
  }
}`},
	{Curation: true, Query: `# Merge two actors that are one (admins only): every claim moves, the
# merged actor's names become aliases; unmergeActors(revision) undoes it.
mutation MergeActors {
  mergeActors(keep: "abu-hussein-al-humaidawi", remove: "kh-spokesman", reason: "the spokesman is Humaidawi") {
    keep { id aliases version }
    removedId
    claims { id subject { id } attributedTo { id } }
    revision { id action }
  }
}`},
	{Curation: true, Query: `# Everything that changed a claim, newest first: who, when, what, why.
query History {
  history(id: "kh-renews-threats/kh-threatens-us") {
    id at byName byRole action reason before after
  }
}`},
	{Curation: true, Query: `# The audit trail, newest first.
query Revisions {
  revisions(first: 20) {
    nodes { id at byName action targets reason undoes }
    pageInfo { hasNextPage endCursor }
  }
}`},
}

// playgroundConfig is what the playground page reads from its
// #playground-config element.
type playgroundConfig struct {
	Endpoint      string       `json:"endpoint"`
	StoragePrefix string       `json:"storagePrefix"`
	Examples      []exampleTab `json:"examples"`
}

type exampleTab struct {
	Query     string `json:"query"`
	Variables string `json:"variables,omitempty"`
}

// playgroundAssets are the files the playground page loads, from the
// embedded web/dist (built by `make web`).
var playgroundAssets = map[string]string{
	"playground.js":  "text/javascript; charset=utf-8",
	"playground.css": "text/css; charset=utf-8",
}

// mountPlayground serves the GraphQL playground: GraphiQL at / opening with
// Examples as tabs, and its script and styles under /playground/, all from
// the binary (no CDN), so it works offline.
func mountPlayground(mux *http.ServeMux, endpoint string) {
	mux.Handle("GET /{$}", playgroundHandler(endpoint))
	files := web.Dist()
	mux.HandleFunc("GET /playground/{file}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("file")
		ctype, ok := playgroundAssets[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ctype)
		http.ServeFileFS(w, r, files, name)
	})
}

// playgroundHandler serves the playground page with its configuration.
func playgroundHandler(endpoint string) http.Handler {
	src, err := fs.ReadFile(web.Dist(), "playground.html")
	if err != nil {
		panic(err) // embedded at build time
	}
	// html/template writes the configuration into the page's JSON script
	// element escaped, so no example text can close the element.
	page := template.Must(template.New("playground").Parse(string(src)))
	cfg := playgroundConfig{Endpoint: endpoint, StoragePrefix: "actorgraph:"}
	for _, e := range Examples {
		cfg.Examples = append(cfg.Examples, exampleTab{Query: e.Query, Variables: e.Variables})
	}
	var b bytes.Buffer
	if err := page.Execute(&b, cfg); err != nil {
		panic(err) // a fixed template and configuration
	}
	html := b.Bytes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(html)
	})
}
