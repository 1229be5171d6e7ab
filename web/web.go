// Package web holds the /explore network view's front end, built from src/
// by `make web` (npm and esbuild) into dist/, which is committed and
// embedded so that the binary serves it without Node.js.
package web

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// Dist returns the built files: index.html, explore.js, explore.css.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist is embedded at build time; it always exists
	}
	return sub
}
