package server

import (
	"io/fs"
	"net/http"

	"github.com/actorgraph/actorgraph/web"
)

// mountExplore serves the network view: the page at /explore and its
// assets under /explore/. The page reaches the API at /graphql.
func mountExplore(mux *http.ServeMux) {
	files := web.Dist()
	index, err := fs.ReadFile(files, "index.html")
	if err != nil {
		panic(err) // embedded at build time
	}
	mux.HandleFunc("GET /explore", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(index)
	})
	mux.HandleFunc("GET /explore/{$}", func(w http.ResponseWriter, r *http.Request) {
		target := "/explore"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	})
	mux.Handle("GET /explore/", http.StripPrefix("/explore/", http.FileServerFS(files)))
}
