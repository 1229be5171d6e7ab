package server

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/actorgraph/actorgraph/docs"
)

// Neo4j Browser guides: documents Neo4j Browser shows as slides in its
// guide drawer with `:play <url>` (or `:guide <url>`). Browser 5 fetches the
// URL (the host must be in browser.remote_content_hostname_whitelist, which
// scripts/neo4j sets), takes the <title> as the guide's title and each
// <slide> element as a slide, and turns every `pre.runnable` or
// `.runnable pre` into a block that a click copies into its editor.

// GuidePath is where the Cypher cookbook is served as a guide:
// `:play http://127.0.0.1:8080/guide/cypher` in Neo4j Browser.
const GuidePath = "/guide/cypher"

// withGuides serves the guides, to any origin: Neo4j Browser fetches them
// from its own origin (http://127.0.0.1:7474), with headers that need a
// CORS preflight. They are public documentation, so they sit outside the
// API's CORS policy; everything else goes to next.
func withGuides(next http.Handler) http.Handler {
	page := CypherGuide()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != GuidePath {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		switch r.Method {
		case http.MethodOptions:
			w.Header().Set("Access-Control-Allow-Methods", "GET, OPTIONS")
			w.Header().Set("Access-Control-Allow-Headers", r.Header.Get("Access-Control-Request-Headers"))
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
		case http.MethodGet, http.MethodHead:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Write(page)
		default:
			w.Header().Set("Allow", "GET, HEAD, OPTIONS")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	})
}

var (
	cypherBlock  = regexp.MustCompile(`(?s)<pre><code class="language-cypher">(.*?)</code></pre>`)
	relativeLink = regexp.MustCompile(`(?s)<a href="([^"#:]*)">(.*?)</a>`)
)

// CypherGuide renders docs/cypher.md as a Neo4j Browser guide: the text
// before the first second-level heading is the first slide, each "## "
// section a slide of its own, every ```cypher block a runnable block, and
// the tables of results as they are. Links to other documents of the
// repository, which Neo4j Browser cannot open, are left as their text.
func CypherGuide() []byte {
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	var sections []string
	var cur []string
	for _, line := range strings.Split(string(docs.CypherCookbook), "\n") {
		if strings.HasPrefix(line, "## ") && len(cur) > 0 {
			sections = append(sections, strings.Join(cur, "\n"))
			cur = nil
		}
		cur = append(cur, line)
	}
	sections = append(sections, strings.Join(cur, "\n"))

	var b bytes.Buffer
	b.WriteString(`<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>actorgraph · Cypher cookbook</title>
</head>
<body>
<article class="guide">
<carousel class="deck container-fluid">
`)
	for _, s := range sections {
		var h bytes.Buffer
		if err := md.Convert([]byte(s), &h); err != nil {
			panic(fmt.Sprintf("render docs/cypher.md: %v", err)) // goldmark does not fail on text
		}
		out := cypherBlock.ReplaceAllString(h.String(),
			`<figure class="runnable"><pre>$1</pre><figcaption>Click to copy the query into the editor, then run it.</figcaption></figure>`)
		out = relativeLink.ReplaceAllString(out, `$2`)
		// Neo4j Browser gives guide tables no spacing of their own.
		out = strings.NewReplacer(
			"<table>", `<table style="border-collapse: collapse; margin: 8px 0">`,
			"<th>", `<th style="padding: 2px 12px 2px 0; border-bottom: 1px solid #ccc; text-align: left">`,
			"<td>", `<td style="padding: 2px 12px 2px 0; border-bottom: 1px solid #eee">`,
		).Replace(out)
		b.WriteString("<slide class=\"row-fluid\">\n")
		b.WriteString(out)
		b.WriteString("</slide>\n")
	}
	b.WriteString("</carousel>\n</article>\n</body>\n</html>\n")
	return b.Bytes()
}
