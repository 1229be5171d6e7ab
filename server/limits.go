package server

import (
	"time"

	"github.com/actorgraph/actorgraph/resolvers"
)

// Limits bound what one request may cost. Zero fields take the defaults
// of DefaultLimits.
type Limits struct {
	// MaxComplexity caps the summed cost of an operation's fields (see
	// resolvers.Complexity); default 25000.
	MaxComplexity int
	// MaxDepth caps how deeply selections nest, introspection included
	// (its ofType chains excepted); default 12.
	MaxDepth int
	// MaxAliases caps the aliased fields in one document, fragments
	// counted each time they are spread; default 30.
	MaxAliases int
	// MaxSelections caps the fields, inline fragments and fragment
	// spreads of one document, fragments counted where spread; default
	// 1000. Checked, with the other shape limits, before validation.
	MaxSelections int
	// MaxRepeatedFields caps how often one response name (a field or an
	// alias) is selected in one selection set; default 10.
	MaxRepeatedFields int
	// MaxDirectives caps the directives of one document; default 50.
	MaxDirectives int
	// MaxErrors caps the errors of one response; the rest are summed up
	// in one last error. Default 20.
	MaxErrors int
	// MaxResponseBytes caps the JSON data of one response; a larger one
	// is replaced by a "limit" error. Default 8 MiB.
	MaxResponseBytes int
	// MaxStringLength caps every string argument, in characters; default
	// 1000 (search text has its own, tighter limit).
	MaxStringLength int
	// ExpensiveCost is the cost from which an operation is expensive and
	// passes admission control; default 5000.
	ExpensiveCost int
	// MaxExpensive caps the expensive operations and exports running at
	// once; default 2.
	MaxExpensive int
	// ExpensiveQueue caps the expensive operations waiting for a slot;
	// past it they are refused at once with "overloaded". Default 8.
	ExpensiveQueue int
	// ExpensiveWait is the longest an expensive operation waits for a
	// slot before it is refused with "overloaded"; default 2s.
	ExpensiveWait time.Duration
	// MaxExportElements caps the actors, relationships and claims one
	// export holds; default 250000.
	MaxExportElements int
	// MaxBodyBytes caps a POST body or a GET query string; default 64 KiB.
	MaxBodyBytes int64
	// MaxEditBodyBytes caps a POST body from a caller whose token may
	// change the graph (editor or admin), so that commitArticle can carry
	// a long article and its claims; default 8 MiB. The curation
	// mutations bound their own input (curation's Max… limits).
	MaxEditBodyBytes int64
	// MaxTokens caps the tokens of a query document; default 10000.
	MaxTokens int
	// RequestTimeout is the deadline of every GraphQL request, Neo4j
	// queries included; default 15s.
	RequestTimeout time.Duration
	// DraftTimeout is the deadline of a request that drafts an article
	// (draftArticle), which the NLP server parses: several CPU-seconds
	// for a 700-word article, minutes for a long one; default 2m.
	DraftTimeout time.Duration
	// APQCacheSize is how many automatic persisted queries are kept (least
	// recently used go first); default 1000.
	APQCacheSize int
	// Args are the ceilings on field arguments (page sizes, traversal depth).
	Args resolvers.Limits
}

// DefaultLimits returns the limits used when none are configured.
func DefaultLimits() Limits {
	return Limits{
		MaxComplexity:     25000,
		MaxDepth:          12,
		MaxAliases:        30,
		MaxSelections:     1000,
		MaxRepeatedFields: 10,
		MaxDirectives:     50,
		MaxErrors:         20,
		MaxResponseBytes:  8 << 20,
		MaxStringLength:   1000,
		ExpensiveCost:     5000,
		MaxExpensive:      2,
		ExpensiveQueue:    8,
		ExpensiveWait:     2 * time.Second,
		MaxExportElements: 250000,
		MaxBodyBytes:      64 << 10,
		MaxEditBodyBytes:  8 << 20,
		MaxTokens:         10000,
		RequestTimeout:    15 * time.Second,
		DraftTimeout:      2 * time.Minute,
		APQCacheSize:      1000,
		Args:              resolvers.DefaultLimits(),
	}
}

// WithDefaults fills zero fields from DefaultLimits.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	if l.MaxComplexity <= 0 {
		l.MaxComplexity = d.MaxComplexity
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxAliases <= 0 {
		l.MaxAliases = d.MaxAliases
	}
	fill := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	fill(&l.MaxSelections, d.MaxSelections)
	fill(&l.MaxRepeatedFields, d.MaxRepeatedFields)
	fill(&l.MaxDirectives, d.MaxDirectives)
	fill(&l.MaxErrors, d.MaxErrors)
	fill(&l.MaxResponseBytes, d.MaxResponseBytes)
	fill(&l.MaxStringLength, d.MaxStringLength)
	fill(&l.ExpensiveCost, d.ExpensiveCost)
	fill(&l.MaxExpensive, d.MaxExpensive)
	fill(&l.ExpensiveQueue, d.ExpensiveQueue)
	fill(&l.MaxExportElements, d.MaxExportElements)
	if l.ExpensiveWait <= 0 {
		l.ExpensiveWait = d.ExpensiveWait
	}
	if l.MaxEditBodyBytes <= 0 {
		l.MaxEditBodyBytes = d.MaxEditBodyBytes
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	if l.MaxTokens <= 0 {
		l.MaxTokens = d.MaxTokens
	}
	if l.RequestTimeout <= 0 {
		l.RequestTimeout = d.RequestTimeout
	}
	if l.DraftTimeout <= 0 {
		l.DraftTimeout = d.DraftTimeout
	}
	if l.APQCacheSize <= 0 {
		l.APQCacheSize = d.APQCacheSize
	}
	l.Args = l.Args.WithDefaults()
	return l
}
