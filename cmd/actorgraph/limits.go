package main

import (
	"flag"
	"strings"

	"github.com/actorgraph/actorgraph/server"
)

// limitFlags registers the serve command's cost and size limits, with
// server.DefaultLimits as their defaults (flagEnv names their variables).
func limitFlags(fs *flag.FlagSet) *server.Limits {
	d := server.DefaultLimits()
	l := &server.Limits{}
	fs.IntVar(&l.MaxComplexity, "max-complexity", d.MaxComplexity, "largest operation cost accepted")
	fs.IntVar(&l.MaxDepth, "max-depth", d.MaxDepth, "deepest selection nesting accepted")
	fs.IntVar(&l.MaxSelections, "max-selections", d.MaxSelections, "most selections (fields and fragments, counted where spread) in one query document")
	fs.IntVar(&l.MaxRepeatedFields, "max-repeated-fields", d.MaxRepeatedFields, "most times one field or alias is selected in one selection set")
	fs.IntVar(&l.MaxDirectives, "max-directives", d.MaxDirectives, "most directives in one query document")
	fs.IntVar(&l.MaxErrors, "max-errors", d.MaxErrors, "most errors in one response")
	fs.IntVar(&l.MaxResponseBytes, "max-response-bytes", d.MaxResponseBytes, "largest response data, in bytes")
	fs.IntVar(&l.MaxStringLength, "max-string-length", d.MaxStringLength, "longest string argument, in characters")
	fs.IntVar(&l.ExpensiveCost, "expensive-cost", d.ExpensiveCost, "operation cost from which admission control applies")
	fs.IntVar(&l.MaxExpensive, "max-expensive", d.MaxExpensive, "most expensive operations and exports running at once")
	fs.IntVar(&l.ExpensiveQueue, "expensive-queue", d.ExpensiveQueue, "most expensive operations waiting for a slot")
	fs.DurationVar(&l.ExpensiveWait, "expensive-wait", d.ExpensiveWait, "longest wait for a slot before overloaded")
	fs.IntVar(&l.MaxExportElements, "max-export-elements", d.MaxExportElements, "most actors, relationships and claims in one export")
	fs.IntVar(&l.MaxAliases, "max-aliases", d.MaxAliases, "most aliased fields in one operation")
	fs.Int64Var(&l.MaxBodyBytes, "max-body-bytes", d.MaxBodyBytes, "largest request body or GET query string")
	fs.Int64Var(&l.MaxEditBodyBytes, "max-edit-body-bytes", d.MaxEditBodyBytes, "largest request body from an editor's or admin's token (commitArticle)")
	fs.IntVar(&l.MaxTokens, "max-tokens", d.MaxTokens, "most tokens in one query document")
	fs.DurationVar(&l.RequestTimeout, "request-timeout", d.RequestTimeout, "deadline of every GraphQL request")
	fs.IntVar(&l.APQCacheSize, "apq-cache", d.APQCacheSize, "automatic persisted queries kept")
	fs.IntVar(&l.Args.MaxPage, "max-page", d.Args.MaxPage, "largest page size (first)")
	fs.IntVar(&l.Args.MaxNeighbours, "max-neighbours", d.Args.MaxNeighbours, "largest neighbourhood limit")
	fs.IntVar(&l.Args.MaxNetwork, "max-network", d.Args.MaxNetwork, "largest network limit (relationships drawn)")
	fs.IntVar(&l.Args.MaxNeighbourhoodEdges, "max-neighbourhood-edges", d.Args.MaxNeighbourhoodEdges, "largest neighbourhood maxEdges")
	fs.IntVar(&l.Args.MaxPaths, "max-paths", d.Args.MaxPaths, "largest allShortestPaths limit")
	fs.IntVar(&l.Args.MaxTraversalDepth, "max-traversal-depth", d.Args.MaxTraversalDepth, "deepest traversal, at most 6")
	fs.IntVar(&l.Args.MaxSearchLength, "max-search-length", d.Args.MaxSearchLength, "longest search text, in characters")
	return l
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
