package server

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/actorgraph/actorgraph/graph"
)

// shapeCheck bounds the work of validation. gqlgen's validator is
// unbounded: it compares every pair of fields that share a response name
// (a query repeating one alias 900 times made a 97 MB error list and took
// 640 MB of memory), and it walks every fragment where it is spread. So
// before validation this extension parses the document itself (under the
// token limit) and counts, fragments expanded where they are spread:
// selections, aliases, directives, nesting depth, and how often one
// response name repeats in a selection set. A document over any limit is
// refused with code "limit" before the validator sees it. Documents the
// query cache holds were checked when they were first seen.
//
// The approach is GraphQL Armor's (max-tokens, max-aliases,
// max-directives, max-depth) plus a bound on repeated fields, which is
// what makes the validator's pairwise comparison cheap.
type shapeCheck struct {
	schema *ast.Schema
	lim    Limits
	cache  graphql.Cache[*ast.QueryDocument]
}

var (
	_ graphql.HandlerExtension          = shapeCheck{}
	_ graphql.OperationParameterMutator = shapeCheck{}
)

func (shapeCheck) ExtensionName() string                          { return "ShapeCheck" }
func (shapeCheck) Validate(schema graphql.ExecutableSchema) error { return nil }

func (c shapeCheck) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if p.Query == "" {
		return nil // a persisted-query hash the cache did not know; APQ answers
	}
	if _, ok := c.cache.Get(ctx, p.Query); ok {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, c.lim.MaxTokens)
	if err != nil {
		gerr, ok := err.(*gqlerror.Error)
		if !ok {
			gerr = gqlerror.Wrap(err)
		}
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		if gerr.Message == fmt.Sprintf("exceeded token limit of %d", c.lim.MaxTokens) {
			gerr.Message = fmt.Sprintf("the query has more than %d tokens, the limit", c.lim.MaxTokens)
			gerr.Extensions["code"] = graph.ELIMIT
		} else {
			gerr.Extensions["code"] = codeParse
		}
		return gerr
	}
	return c.check(doc)
}

// check measures every operation of doc and refuses it past a limit.
func (c shapeCheck) check(doc *ast.QueryDocument) *gqlerror.Error {
	s := shape{doc: doc, schema: c.schema, lim: c.lim, onPath: map[string]bool{}, spread: map[string]bool{}}
	for _, op := range doc.Operations {
		root := c.schema.Query
		switch op.Operation {
		case ast.Mutation:
			root = c.schema.Mutation
		case ast.Subscription:
			root = c.schema.Subscription
		}
		s.directives += len(op.Directives)
		s.set(op.SelectionSet, root, 0)
		if s.err != nil {
			return s.err
		}
	}
	// The validator walks fragments no operation spreads too (to refuse
	// them): measure those as well, within the same budget.
	for _, f := range doc.Fragments {
		if s.spread[f.Name] {
			continue
		}
		s.directives += len(f.Directives)
		s.set(f.SelectionSet, c.schema.Types[f.TypeCondition], 0)
		if s.err != nil {
			return s.err
		}
	}
	return nil
}

// shape is one measurement in progress. The first limit passed is kept in
// err, and the walk stops there, so its work is bounded by the limits.
type shape struct {
	doc    *ast.QueryDocument
	schema *ast.Schema
	lim    Limits
	onPath map[string]bool // fragments being expanded (a cycle stops)
	spread map[string]bool // fragments an operation spreads

	selections, aliases, directives int
	err                             *gqlerror.Error
}

func (s *shape) fail(format string, args ...any) {
	if s.err == nil {
		s.err = limitError(format, args...)
	}
}

// set walks one selection set of type parent (nil when unknown: the
// validator will say why) at the given depth, counting its response names
// through inline fragments and spreads.
func (s *shape) set(set ast.SelectionSet, parent *ast.Definition, depth int) {
	names := map[string]int{}
	s.collect(set, parent, depth, names)
}

func (s *shape) collect(set ast.SelectionSet, parent *ast.Definition, depth int, names map[string]int) {
	for _, sel := range set {
		if s.err != nil {
			return
		}
		if s.selections++; s.selections > s.lim.MaxSelections {
			s.fail("the query has more than %d selections (fields and fragments, counted where spread), the limit", s.lim.MaxSelections)
			return
		}
		switch x := sel.(type) {
		case *ast.Field:
			s.field(x, parent, depth, names)
		case *ast.InlineFragment:
			s.count(len(x.Directives), 0)
			t := parent
			if x.TypeCondition != "" {
				t = s.schema.Types[x.TypeCondition]
			}
			s.collect(x.SelectionSet, t, depth, names)
		case *ast.FragmentSpread:
			s.count(len(x.Directives), 0)
			f := s.doc.Fragments.ForName(x.Name)
			if f == nil || s.onPath[x.Name] {
				continue // unknown or cyclic: the validator refuses it
			}
			s.onPath[x.Name], s.spread[x.Name] = true, true
			s.collect(f.SelectionSet, s.schema.Types[f.TypeCondition], depth, names)
			delete(s.onPath, x.Name)
		}
	}
}

func (s *shape) field(f *ast.Field, parent *ast.Definition, depth int, names map[string]int) {
	name := f.Alias
	if name == "" {
		name = f.Name
	}
	aliased := 0
	if f.Alias != "" && f.Alias != f.Name {
		aliased = 1
	}
	s.count(len(f.Directives), aliased)
	if names[name]++; names[name] > s.lim.MaxRepeatedFields {
		s.fail("the field %q is selected more than %d times in one selection set, the limit", name, s.lim.MaxRepeatedFields)
		return
	}
	child := s.fieldType(parent, f.Name)
	// The introspection type's ofType chain is as deep as the schema's
	// type wrappers (a list of non-null items: two), whatever the query
	// asks, so its steps do not count as nesting: the standard
	// introspection query spreads nine of them.
	if !(parent != nil && parent.Name == "__Type" && f.Name == "ofType") {
		depth++
	}
	if depth > s.lim.MaxDepth {
		s.fail("the query nests more than %d levels deep, the limit", s.lim.MaxDepth)
		return
	}
	if len(f.SelectionSet) > 0 {
		s.set(f.SelectionSet, child, depth)
	}
}

func (s *shape) count(directives, aliases int) {
	s.directives += directives
	s.aliases += aliases
	switch {
	case s.aliases > s.lim.MaxAliases:
		s.fail("the query uses more than %d aliases (counted where fragments are spread), the limit", s.lim.MaxAliases)
	case s.directives > s.lim.MaxDirectives:
		s.fail("the query uses more than %d directives, the limit", s.lim.MaxDirectives)
	}
}

// fieldType is the named type of parent's field name, or nil.
func (s *shape) fieldType(parent *ast.Definition, name string) *ast.Definition {
	switch name {
	case "__schema":
		return s.schema.Types["__Schema"]
	case "__type":
		return s.schema.Types["__Type"]
	}
	if parent == nil {
		return nil
	}
	fd := parent.Fields.ForName(name)
	if fd == nil {
		return nil
	}
	return s.schema.Types[fd.Type.Name()]
}

func limitError(format string, args ...any) *gqlerror.Error {
	return newError(graph.ELIMIT, fmt.Sprintf(format, args...))
}
