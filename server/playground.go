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
}

// Examples are the playground's opening tabs: the questions people come with.
var Examples = []Example{
	{Query: `# The actors within one hop of Kataib Hezbollah and the relationships
# among them, shaped for network-drawing libraries (nodes[0] is the anchor).
query Neighbourhood($id: ID!, $depth: Int) {
  neighbourhood(id: $id, depth: $depth) {
    nodes { id label kind }
    edges { id type source target modality claimCount }
  }
}`, Variables: `{"id": "kataib-hezbollah", "depth": 1}`},
	{Query: `# How is Donald Trump connected to Kataib Hezbollah? The shortest path,
# with the sentence behind every step.
query ShortestPath($from: ID!, $to: ID!) {
  shortestPath(from: $from, to: $to) {
    length
    nodes { id label kind }
    edges {
      type source target modality
      relationship { claims { quote modality attributedTo { name } } }
    }
  }
}`, Variables: `{"from": "donald-trump", "to": "kataib-hezbollah"}`},
	{Query: `# Relationships that rest only on alleged claims, with who alleges them
# and where.
query AllegedClaimsWithSources {
  relationships(modality: ALLEGED, first: 50) {
    totalCount
    nodes {
      from { name } type to { name }
      claims {
        quote
        attributedTo { name }
        article { title source url }
      }
    }
  }
}`},
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
      modality claimCount
      claims { quote modality voice attributedTo { name } }
    }
  }
}`},
	{Query: `# What each relation type means.
query RelationTypes {
  relationTypes { type meaning cameo }
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
		cfg.Examples = append(cfg.Examples, exampleTab(e))
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
