package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/resolvers"
)

// Limits bound what one request may cost. Zero fields take the defaults
// of DefaultLimits.
type Limits struct {
	// MaxComplexity caps the summed cost of an operation's fields (see
	// resolvers.Complexity); default 25000.
	MaxComplexity int
	// MaxDepth caps how deeply selections nest (introspection fields
	// excepted); default 12.
	MaxDepth int
	// MaxAliases caps the aliased fields in one operation, fragments
	// counted each time they are spread; default 30.
	MaxAliases int
	// MaxBodyBytes caps a POST body or a GET query string; default 64 KiB.
	MaxBodyBytes int64
	// MaxTokens caps the tokens of a query document; default 10000.
	MaxTokens int
	// RequestTimeout is the deadline of every GraphQL request, Neo4j
	// queries included; default 15s.
	RequestTimeout time.Duration
	// APQCacheSize is how many automatic persisted queries are kept (least
	// recently used go first); default 1000.
	APQCacheSize int
	// Args are the ceilings on field arguments (page sizes, traversal depth).
	Args resolvers.Limits
}

// DefaultLimits returns the limits used when none are configured.
func DefaultLimits() Limits {
	return Limits{
		MaxComplexity:  25000,
		MaxDepth:       12,
		MaxAliases:     30,
		MaxBodyBytes:   64 << 10,
		MaxTokens:      10000,
		RequestTimeout: 15 * time.Second,
		APQCacheSize:   1000,
		Args:           resolvers.DefaultLimits(),
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
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	if l.MaxTokens <= 0 {
		l.MaxTokens = d.MaxTokens
	}
	if l.RequestTimeout <= 0 {
		l.RequestTimeout = d.RequestTimeout
	}
	if l.APQCacheSize <= 0 {
		l.APQCacheSize = d.APQCacheSize
	}
	l.Args = l.Args.WithDefaults()
	return l
}

// shapeLimit is a gqlgen extension refusing operations nested too deeply
// or with too many aliases, before any resolver runs.
type shapeLimit struct {
	maxDepth, maxAliases int
}

var (
	_ graphql.HandlerExtension        = shapeLimit{}
	_ graphql.OperationContextMutator = shapeLimit{}
)

func (shapeLimit) ExtensionName() string                          { return "ShapeLimit" }
func (shapeLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (s shapeLimit) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil {
		return nil
	}
	w := shapeWalker{}
	depth := w.depth(op.Operation.SelectionSet, 0)
	if depth > s.maxDepth {
		return limitError("operation nests %d levels deep, more than the limit of %d", depth, s.maxDepth)
	}
	if w.aliases > s.maxAliases {
		return limitError("operation uses %d aliases, more than the limit of %d", w.aliases, s.maxAliases)
	}
	return nil
}

// shapeWalker measures an operation. Validation has already refused
// fragment cycles; the step budget bounds the walk regardless.
type shapeWalker struct {
	aliases int
	steps   int
}

const maxShapeSteps = 100000

func (w *shapeWalker) depth(set ast.SelectionSet, level int) int {
	deepest := level
	for _, sel := range set {
		if w.steps++; w.steps > maxShapeSteps {
			return deepest
		}
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.Name) > 1 && s.Name[:2] == "__" {
				continue // introspection is bounded by the schema itself
			}
			if s.Alias != "" && s.Alias != s.Name {
				w.aliases++
			}
			d = w.depth(s.SelectionSet, level+1)
		case *ast.InlineFragment:
			d = w.depth(s.SelectionSet, level)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = w.depth(s.Definition.SelectionSet, level)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

func limitError(format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": graph.ELIMIT}}
}

// guardBody refuses, before GraphQL parsing, bodies over the size limit and
// batched operations (a JSON array of operations), each with a clear
// GraphQL error, and gives the request its deadline.
func guardBody(l Limits, m *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		refuse := func(status int, code, format string, args ...any) {
			if sw, ok := w.(*statusWriter); ok {
				sw.refused = true
			}
			m.countError(code)
			writeError(w, status, code, fmt.Sprintf(format, args...))
		}
		if int64(len(r.URL.RawQuery)) > l.MaxBodyBytes {
			refuse(http.StatusRequestEntityTooLarge, graph.ELIMIT, "query string is longer than the limit of %d bytes", l.MaxBodyBytes)
			return
		}
		if r.Method == http.MethodPost {
			if r.ContentLength > l.MaxBodyBytes {
				refuse(http.StatusRequestEntityTooLarge, graph.ELIMIT, "request body is larger than the limit of %d bytes", l.MaxBodyBytes)
				return
			}
			body, err := io.ReadAll(io.LimitReader(r.Body, l.MaxBodyBytes+1))
			r.Body.Close()
			switch {
			case err != nil:
				refuse(http.StatusBadRequest, graph.EINVALID, "could not read the request body")
				return
			case int64(len(body)) > l.MaxBodyBytes:
				refuse(http.StatusRequestEntityTooLarge, graph.ELIMIT, "request body is larger than the limit of %d bytes", l.MaxBodyBytes)
				return
			case bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n"), []byte("[")):
				refuse(http.StatusBadRequest, graph.EINVALID, "batched operations are not supported: send one operation per request")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		ctx, cancel := context.WithTimeout(r.Context(), l.RequestTimeout)
		defer cancel()
		next.ServeHTTP(&deadlineWriter{ResponseWriter: w, ctx: ctx, m: m}, r.WithContext(ctx))
	})
}

// deadlineWriter turns the empty ("null") response gqlgen gives when the
// request's deadline passed before execution began into a timeout error.
type deadlineWriter struct {
	http.ResponseWriter
	ctx context.Context
	m   *Metrics
}

func (w *deadlineWriter) Write(b []byte) (int, error) {
	if errors.Is(w.ctx.Err(), context.DeadlineExceeded) && bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		w.m.countError(graph.ETIMEOUT)
		msg, _ := json.Marshal(map[string]any{"errors": []map[string]any{{
			"message": "the request ran past its time limit and was stopped", "extensions": map[string]any{"code": graph.ETIMEOUT}}}})
		if _, err := w.ResponseWriter.Write(msg); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

func (w *deadlineWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// writeError writes a GraphQL-shaped error response.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}
