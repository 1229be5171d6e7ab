// Package web holds the front ends the binary serves: the /explore network
// view, the /review page (curating drafted claims) and the GraphQL
// playground (GraphiQL), built from src/ by `make web`
// (npm and esbuild) into dist/, which is committed and embedded so that
// the binary serves them without Node.js or a CDN.
package web

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// Dist returns the built files: index.html, explore.js and explore.css (the
// network view); review.html, review.js and review.css (the review page);
// playground.html, playground.js and playground.css.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist is embedded at build time; it always exists
	}
	return sub
}
