package resolvers_test

import (
	"slices"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph/generated"
	"github.com/actorgraph/actorgraph/resolvers"
)

func schema() *ast.Schema {
	return generated.NewExecutableSchema(generated.Config{Resolvers: &resolvers.Resolver{}}).Schema()
}

// The schema's Role enum is auth.Roles, in the same order (weakest first).
func TestRoleEnumMatchesTheDomain(t *testing.T) {
	var inSchema, inGo []string
	for _, v := range schema().Types["Role"].EnumValues {
		inSchema = append(inSchema, v.Name)
	}
	for _, r := range auth.Roles {
		inGo = append(inGo, r.Role.GraphQLName())
	}
	if !slices.Equal(inSchema, inGo) {
		t.Fatalf("schema's Role enum is %v; auth.Roles is %v", inSchema, inGo)
	}
}

// Every mutation says which role it needs, so that no mutation is added
// without a decision about who may call it; every role named is a role.
func TestEveryMutationDeclaresItsRole(t *testing.T) {
	s := schema()
	if s.Mutation == nil || len(s.Mutation.Fields) == 0 {
		t.Fatal("the schema has no mutations")
	}
	for _, typ := range []*ast.Definition{s.Mutation, s.Query} {
		for _, f := range typ.Fields {
			if len(f.Name) > 1 && f.Name[:2] == "__" {
				continue
			}
			d := f.Directives.ForName("auth")
			if d == nil {
				if typ == s.Mutation {
					t.Errorf("mutation %s has no @auth(requires: …)", f.Name)
				}
				continue
			}
			var r auth.Role
			if err := r.UnmarshalGQL(d.Arguments.ForName("requires").Value.Raw); err != nil {
				t.Errorf("%s.%s: %v", typ.Name, f.Name, err)
			}
			if typ == s.Mutation && !r.Includes(auth.Editor) {
				t.Errorf("mutation %s asks only for %s: every mutation needs at least an editor", f.Name, r)
			}
		}
	}
}
