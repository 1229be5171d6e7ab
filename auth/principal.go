package auth

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// Principal is who the server takes a caller to be: the holder of a valid
// token, or an anonymous reader.
type Principal struct {
	// TokenID is the id of the token the caller presented; "" for an
	// anonymous caller.
	TokenID string
	// Name is the token's name, or "anonymous".
	Name string
	// Role is what the caller may do.
	Role Role
}

// Anonymous is the principal of a caller without a token, where the server
// allows anonymous reads.
var Anonymous = Principal{Name: "anonymous", Role: Reader}

// CommandLineID is the TokenID of the principal of the command line
// (CommandLine). It is no token's id (those are hex digits), so the audit
// trail tells command-line changes from every token's.
const CommandLineID = "cli"

// CommandLine is who changes things from actorgraph's command line (the
// token commands): whoever holds the database's credentials, with every
// role, named after the operating system's user ("cli:alice"), so that
// the audit trail says where a change came from.
func CommandLine(user string) Principal {
	if user == "" {
		user = "unknown"
	}
	return Principal{TokenID: CommandLineID, Name: "cli:" + user, Role: Admin}
}

// IsAnonymous reports whether the caller presented no token.
func (p Principal) IsAnonymous() bool { return p.TokenID == "" }

type principalKey struct{}

// NewContext returns ctx carrying p.
func NewContext(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal ctx carries, if any. A request has
// none when the server refuses anonymous reads and it brought no token.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// Require checks that the caller in ctx may do what role allows. It
// returns EUNAUTHENTICATED when the caller has no principal or is
// anonymous and role needs more than a reader (a token would help), and
// EFORBIDDEN when the caller's token has a lower role (another token
// would be needed).
func Require(ctx context.Context, role Role) error {
	p, ok := FromContext(ctx)
	switch {
	case !ok:
		return graph.Errorf(graph.EUNAUTHENTICATED, "this needs an API token (Authorization: Bearer <token>)")
	case p.Role.Includes(role):
		return nil
	case p.IsAnonymous():
		return graph.Errorf(graph.EUNAUTHENTICATED, "this needs an API token with the %s role (Authorization: Bearer <token>)", role)
	default:
		return graph.Errorf(graph.EFORBIDDEN, "this needs the %s role; the token %q (%s) has the %s role", role, p.Name, p.TokenID, p.Role)
	}
}
