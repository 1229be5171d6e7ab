package server

import (
	"context"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
)

// costLimit refuses operations costing more than max: the schema's fields
// are costed by resolvers.Complexity (through gqlgen), introspection by
// what it returns (introspectionCost). The cost is kept in the operation's
// stats for admission control (costOf).
type costLimit struct {
	es  graphql.ExecutableSchema
	max int
}

var (
	_ graphql.HandlerExtension        = costLimit{}
	_ graphql.OperationContextMutator = costLimit{}
)

const costExtension = "Cost"

func (costLimit) ExtensionName() string                          { return costExtension }
func (costLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (c costLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	cost := complexity.Calculate(ctx, c.es, oc.Operation, oc.Variables)
	ic := introspectionCost{schema: c.es.Schema(), vars: oc.Variables, budget: c.max + 1}
	cost = satAdd(cost, ic.set(oc.Operation.SelectionSet, rootValue{}))
	oc.Stats.SetExtension(costExtension, cost)
	if cost > c.max {
		return newError(codeComplexity, fmt.Sprintf("operation has complexity %d, which exceeds the limit of %d", cost, c.max))
	}
	return nil
}

// costOf is the cost costLimit found for the operation.
func costOf(oc *graphql.OperationContext) int {
	n, _ := oc.Stats.GetExtension(costExtension).(int)
	return n
}

func satAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

// introspectionCost counts the values an operation's introspection fields
// (__schema, __type) would return: one per field of each object returned,
// so an alias or a nested list multiplies it as it multiplies the
// response. The schema is fixed, so the count is exact; it stops once
// past the budget, which bounds its own work. gqlgen's complexity counts
// __schema as free, which let a 5.3 KB query return 7.5 MB.
type introspectionCost struct {
	schema *ast.Schema
	vars   map[string]any
	budget int
	n      int
}

// The values introspection returns, one type per introspection type.
type (
	rootValue      struct{}                         // the query root
	schemaValue    struct{}                         // __Schema
	typeValue      struct{ t *ast.Type }            // __Type of a reference (wrappers) …
	namedValue     struct{ d *ast.Definition }      // … or of a named type
	fieldValue     struct{ f *ast.FieldDefinition } // __Field
	inputValue     struct{ t *ast.Type }            // __InputValue
	enumValue      struct{}                         // __EnumValue
	directiveValue struct{ d *ast.DirectiveDefinition }
)

// set counts a selection set on value v and returns the running total.
func (c *introspectionCost) set(set ast.SelectionSet, v any) int {
	for _, sel := range set {
		if c.n > c.budget {
			return c.n
		}
		switch s := sel.(type) {
		case *ast.Field:
			c.field(s, v)
		case *ast.InlineFragment:
			c.set(s.SelectionSet, v)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				c.set(s.Definition.SelectionSet, v)
			}
		}
	}
	return c.n
}

func (c *introspectionCost) field(f *ast.Field, v any) {
	if _, ok := v.(rootValue); ok {
		switch f.Name {
		case "__schema":
			c.n++
			c.set(f.SelectionSet, schemaValue{})
		case "__type":
			c.n++
			if name, ok := f.ArgumentMap(c.vars)["name"].(string); ok && c.schema.Types[name] != nil {
				c.set(f.SelectionSet, namedValue{c.schema.Types[name]})
			}
		}
		return // the schema's own fields are costed by gqlgen
	}
	c.n++
	if len(f.SelectionSet) == 0 {
		return
	}
	for _, child := range c.children(f.Name, v) {
		if c.n > c.budget {
			return
		}
		c.set(f.SelectionSet, child)
	}
}

// children are the values field name of v returns (one for an object,
// each item for a list, none for null).
func (c *introspectionCost) children(name string, v any) []any {
	s := c.schema
	switch v := v.(type) {
	case schemaValue:
		switch name {
		case "types":
			out := make([]any, 0, len(s.Types))
			for _, d := range s.Types {
				out = append(out, namedValue{d})
			}
			return out
		case "queryType":
			return one(s.Query)
		case "mutationType":
			return one(s.Mutation)
		case "subscriptionType":
			return one(s.Subscription)
		case "directives":
			out := make([]any, 0, len(s.Directives))
			for _, d := range s.Directives {
				out = append(out, directiveValue{d})
			}
			return out
		}
	case typeValue:
		if v.t.NonNull {
			if name == "ofType" {
				inner := *v.t
				inner.NonNull = false
				return []any{typeValue{&inner}}
			}
			return nil
		}
		if v.t.Elem != nil {
			if name == "ofType" {
				return []any{typeValue{v.t.Elem}}
			}
			return nil
		}
		if d := s.Types[v.t.NamedType]; d != nil {
			return c.children(name, namedValue{d})
		}
	case namedValue:
		switch name {
		case "fields":
			var out []any
			for _, f := range v.d.Fields {
				if len(f.Name) < 2 || f.Name[:2] != "__" {
					out = append(out, fieldValue{f})
				}
			}
			return out
		case "inputFields":
			if v.d.Kind != ast.InputObject {
				return nil
			}
			out := make([]any, len(v.d.Fields))
			for i, f := range v.d.Fields {
				out[i] = inputValue{f.Type}
			}
			return out
		case "interfaces":
			out := make([]any, len(v.d.Interfaces))
			for i, n := range v.d.Interfaces {
				out[i] = namedValue{s.Types[n]}
			}
			return out
		case "possibleTypes":
			if v.d.Kind != ast.Interface && v.d.Kind != ast.Union {
				return nil
			}
			var out []any
			for _, d := range s.GetPossibleTypes(v.d) {
				out = append(out, namedValue{d})
			}
			return out
		case "enumValues":
			out := make([]any, len(v.d.EnumValues))
			for i := range out {
				out[i] = enumValue{}
			}
			return out
		}
	case fieldValue:
		switch name {
		case "args":
			out := make([]any, len(v.f.Arguments))
			for i, a := range v.f.Arguments {
				out[i] = inputValue{a.Type}
			}
			return out
		case "type":
			return []any{typeValue{v.f.Type}}
		}
	case inputValue:
		if name == "type" {
			return []any{typeValue(v)}
		}
	case directiveValue:
		if name == "args" {
			out := make([]any, len(v.d.Arguments))
			for i, a := range v.d.Arguments {
				out[i] = inputValue{a.Type}
			}
			return out
		}
	}
	return nil
}

func one(d *ast.Definition) []any {
	if d == nil {
		return nil
	}
	return []any{namedValue{d}}
}

// argumentCheck refuses string arguments longer than maxLen characters,
// in every field of the operation, whether written in the query or passed
// as variables: no argument reaches a resolver (or Neo4j) unbounded.
// Arguments with their own, tighter limit (search text) keep it; the
// curation mutations' arguments (an article's text, a claim's quote) have
// their own limits, checked field by field (curation's Max… constants).
type argumentCheck struct{ maxLen int }

// ownLimits are the fields whose arguments bound themselves.
var ownLimits = func() map[string]bool {
	m := map[string]bool{"draftArticle": true}
	for _, a := range curation.ActionTable {
		m[a.Mutation] = true
	}
	return m
}()

var (
	_ graphql.HandlerExtension        = argumentCheck{}
	_ graphql.OperationContextMutator = argumentCheck{}
)

func (argumentCheck) ExtensionName() string                          { return "ArgumentCheck" }
func (argumentCheck) Validate(schema graphql.ExecutableSchema) error { return nil }

func (a argumentCheck) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	return a.set(oc.Operation.SelectionSet, oc.Variables, map[string]bool{})
}

func (a argumentCheck) set(set ast.SelectionSet, vars map[string]any, seen map[string]bool) *gqlerror.Error {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			for name, v := range s.ArgumentMap(vars) {
				if ownLimits[s.Name] {
					break
				}
				if n := longest(v); n > a.maxLen {
					return newError(graph.EINVALID, fmt.Sprintf("argument %s of %s is %d characters long, more than the limit of %d", name, s.Name, n, a.maxLen))
				}
			}
			if err := a.set(s.SelectionSet, vars, seen); err != nil {
				return err
			}
		case *ast.InlineFragment:
			if err := a.set(s.SelectionSet, vars, seen); err != nil {
				return err
			}
		case *ast.FragmentSpread:
			// A fragment's arguments are the same wherever it is spread.
			if s.Definition != nil && !seen[s.Name] {
				seen[s.Name] = true
				if err := a.set(s.Definition.SelectionSet, vars, seen); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// longest is the length in characters of the longest string in v.
func longest(v any) int {
	switch v := v.(type) {
	case string:
		return utf8.RuneCountInString(v)
	case []any:
		n := 0
		for _, x := range v {
			n = max(n, longest(x))
		}
		return n
	case map[string]any:
		n := 0
		for _, x := range v {
			n = max(n, longest(x))
		}
		return n
	}
	return 0
}
