package resolvers

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/generated"
)

// Directives implements the schema's directives. @auth(requires: ROLE)
// checks the caller's role as each field resolves; the server also checks
// the whole operation before it runs (server.authorize), so that a refused
// mutation changes nothing.
func Directives() generated.DirectiveRoot {
	return generated.DirectiveRoot{
		Auth: func(ctx context.Context, obj any, next graphql.Resolver, requires auth.Role) (any, error) {
			if err := auth.Require(ctx, requires); err != nil {
				return nil, err
			}
			return next(ctx)
		},
	}
}

// tokens returns the authenticator that manages API tokens.
func (r *Resolver) tokens() (*auth.Authenticator, error) {
	if r.Tokens == nil {
		return nil, graph.Errorf(graph.EUNAVAILABLE, "this server does not manage API tokens")
	}
	return r.Tokens, nil
}

// optionalTime is nil for the zero time, which the domain uses for "never".
func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
