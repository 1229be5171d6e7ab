package server

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/99designs/gqlgen/graphql/playground"
)

// Example is a ready-to-run operation the playground opens with, one tab each.
type Example struct {
	Query     string // a named operation; GraphiQL titles the tab with the name
	Variables string // JSON, or ""
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
}

// playgroundAnchor is the last property gqlgen's GraphiQL page passes to the
// GraphiQL component; the opening tabs are added after it.
const playgroundAnchor = "inputValueDeprecation: true"

// playgroundHandler serves GraphiQL opening with Examples as tabs (GraphiQL
// shows them until the user's own tabs are stored in the browser).
func playgroundHandler(endpoint string, log *slog.Logger) http.Handler {
	rec := httptest.NewRecorder()
	playground.Handler("actorgraph", endpoint, playground.WithStoragePrefix("actorgraph:")).
		ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	page := rec.Body.String()
	type tab struct {
		Query     string  `json:"query"`
		Variables *string `json:"variables,omitempty"`
	}
	tabs := make([]tab, len(Examples))
	for i, e := range Examples {
		tabs[i] = tab{Query: e.Query}
		if e.Variables != "" {
			v := e.Variables
			tabs[i].Variables = &v
		}
	}
	js, _ := json.Marshal(tabs)
	// JSON is valid JavaScript; </script> cannot occur since json.Marshal escapes < and >.
	if strings.Count(page, playgroundAnchor) == 1 {
		page = strings.Replace(page, playgroundAnchor, playgroundAnchor+",\n          defaultTabs: "+string(js), 1)
	} else {
		log.Warn("playground page changed shape; serving it without the example tabs")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Write([]byte(page))
	})
}
