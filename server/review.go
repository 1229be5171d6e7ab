package server

import (
	"io/fs"
	"net/http"

	"github.com/actorgraph/actorgraph/web"
)

// reviewAssets are the files the review page loads from /review/.
var reviewAssets = map[string]string{
	"review.js":  "text/javascript; charset=utf-8",
	"review.css": "text/css; charset=utf-8",
}

// mountReview serves the review page, where curators turn drafted claims
// into graph facts: the page at /review and its script and styles under
// /review/. The page itself is public like /explore; what it does goes
// through /graphql with the curator's API token, which the page keeps in
// the tab's sessionStorage and sends as a bearer token.
func mountReview(mux *http.ServeMux) {
	files := web.Dist()
	page, err := fs.ReadFile(files, "review.html")
	if err != nil {
		panic(err) // embedded at build time
	}
	mux.HandleFunc("GET /review", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		// The page handles a bearer token: no framing by other sites, no
		// referrer leaking its address.
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Referrer-Policy", "same-origin")
		w.Write(page)
	})
	mux.HandleFunc("GET /review/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/review", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /review/{file}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("file")
		ctype, ok := reviewAssets[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		b, err := fs.ReadFile(files, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(b)
	})
}
