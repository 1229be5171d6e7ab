package main

import (
	"flag"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/server"
)

// limitFlags registers the serve command's cost and size limits, each
// defaulting to its environment variable, then to server.DefaultLimits.
func limitFlags(fs *flag.FlagSet) *server.Limits {
	d := server.DefaultLimits()
	l := &server.Limits{}
	fs.IntVar(&l.MaxComplexity, "max-complexity", envInt("ACTORGRAPH_MAX_COMPLEXITY", d.MaxComplexity), "largest operation cost accepted (env ACTORGRAPH_MAX_COMPLEXITY)")
	fs.IntVar(&l.MaxDepth, "max-depth", envInt("ACTORGRAPH_MAX_DEPTH", d.MaxDepth), "deepest selection nesting accepted (env ACTORGRAPH_MAX_DEPTH)")
	fs.IntVar(&l.MaxSelections, "max-selections", envInt("ACTORGRAPH_MAX_SELECTIONS", d.MaxSelections), "most selections (fields and fragments, counted where spread) in one query document (env ACTORGRAPH_MAX_SELECTIONS)")
	fs.IntVar(&l.MaxRepeatedFields, "max-repeated-fields", envInt("ACTORGRAPH_MAX_REPEATED_FIELDS", d.MaxRepeatedFields), "most times one field or alias is selected in one selection set (env ACTORGRAPH_MAX_REPEATED_FIELDS)")
	fs.IntVar(&l.MaxDirectives, "max-directives", envInt("ACTORGRAPH_MAX_DIRECTIVES", d.MaxDirectives), "most directives in one query document (env ACTORGRAPH_MAX_DIRECTIVES)")
	fs.IntVar(&l.MaxErrors, "max-errors", envInt("ACTORGRAPH_MAX_ERRORS", d.MaxErrors), "most errors in one response (env ACTORGRAPH_MAX_ERRORS)")
	fs.IntVar(&l.MaxResponseBytes, "max-response-bytes", envInt("ACTORGRAPH_MAX_RESPONSE_BYTES", d.MaxResponseBytes), "largest response data, in bytes (env ACTORGRAPH_MAX_RESPONSE_BYTES)")
	fs.IntVar(&l.MaxStringLength, "max-string-length", envInt("ACTORGRAPH_MAX_STRING_LENGTH", d.MaxStringLength), "longest string argument, in characters (env ACTORGRAPH_MAX_STRING_LENGTH)")
	fs.IntVar(&l.ExpensiveCost, "expensive-cost", envInt("ACTORGRAPH_EXPENSIVE_COST", d.ExpensiveCost), "operation cost from which admission control applies (env ACTORGRAPH_EXPENSIVE_COST)")
	fs.IntVar(&l.MaxExpensive, "max-expensive", envInt("ACTORGRAPH_MAX_EXPENSIVE", d.MaxExpensive), "most expensive operations and exports running at once (env ACTORGRAPH_MAX_EXPENSIVE)")
	fs.IntVar(&l.ExpensiveQueue, "expensive-queue", envInt("ACTORGRAPH_EXPENSIVE_QUEUE", d.ExpensiveQueue), "most expensive operations waiting for a slot (env ACTORGRAPH_EXPENSIVE_QUEUE)")
	fs.DurationVar(&l.ExpensiveWait, "expensive-wait", envDuration("ACTORGRAPH_EXPENSIVE_WAIT", d.ExpensiveWait), "longest wait for a slot before overloaded (env ACTORGRAPH_EXPENSIVE_WAIT)")
	fs.IntVar(&l.MaxExportElements, "max-export-elements", envInt("ACTORGRAPH_MAX_EXPORT_ELEMENTS", d.MaxExportElements), "most actors, relationships and claims in one export (env ACTORGRAPH_MAX_EXPORT_ELEMENTS)")
	fs.IntVar(&l.MaxAliases, "max-aliases", envInt("ACTORGRAPH_MAX_ALIASES", d.MaxAliases), "most aliased fields in one operation (env ACTORGRAPH_MAX_ALIASES)")
	fs.Int64Var(&l.MaxBodyBytes, "max-body-bytes", int64(envInt("ACTORGRAPH_MAX_BODY_BYTES", int(d.MaxBodyBytes))), "largest request body or GET query string (env ACTORGRAPH_MAX_BODY_BYTES)")
	fs.IntVar(&l.MaxTokens, "max-tokens", envInt("ACTORGRAPH_MAX_TOKENS", d.MaxTokens), "most tokens in one query document (env ACTORGRAPH_MAX_TOKENS)")
	fs.DurationVar(&l.RequestTimeout, "request-timeout", envDuration("ACTORGRAPH_REQUEST_TIMEOUT", d.RequestTimeout), "deadline of every GraphQL request (env ACTORGRAPH_REQUEST_TIMEOUT)")
	fs.IntVar(&l.APQCacheSize, "apq-cache", envInt("ACTORGRAPH_APQ_CACHE", d.APQCacheSize), "automatic persisted queries kept (env ACTORGRAPH_APQ_CACHE)")
	fs.IntVar(&l.Args.MaxPage, "max-page", envInt("ACTORGRAPH_MAX_PAGE", d.Args.MaxPage), "largest page size (first) (env ACTORGRAPH_MAX_PAGE)")
	fs.IntVar(&l.Args.MaxNeighbours, "max-neighbours", envInt("ACTORGRAPH_MAX_NEIGHBOURS", d.Args.MaxNeighbours), "largest neighbourhood limit (env ACTORGRAPH_MAX_NEIGHBOURS)")
	fs.IntVar(&l.Args.MaxPaths, "max-paths", envInt("ACTORGRAPH_MAX_PATHS", d.Args.MaxPaths), "largest allShortestPaths limit (env ACTORGRAPH_MAX_PATHS)")
	fs.IntVar(&l.Args.MaxTraversalDepth, "max-traversal-depth", envInt("ACTORGRAPH_MAX_TRAVERSAL_DEPTH", d.Args.MaxTraversalDepth), "deepest traversal, at most 6 (env ACTORGRAPH_MAX_TRAVERSAL_DEPTH)")
	fs.IntVar(&l.Args.MaxSearchLength, "max-search-length", envInt("ACTORGRAPH_MAX_SEARCH_LENGTH", d.Args.MaxSearchLength), "longest search text, in characters (env ACTORGRAPH_MAX_SEARCH_LENGTH)")
	return l
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return n
	}
	return def
}

func envDuration(key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(key)); err == nil {
		return d
	}
	return def
}

func envBool(key string, def bool) bool {
	if b, err := strconv.ParseBool(os.Getenv(key)); err == nil {
		return b
	}
	return def
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
