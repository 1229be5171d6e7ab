package auth

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Role is what a caller may do. Roles are ordered: each includes every
// role before it in Roles.
type Role string

const (
	// Reader reads the graph. Anonymous callers are readers unless the
	// server turns anonymous reads off.
	Reader Role = "reader"
	// Editor also changes the graph: every mutation except merges and
	// token management.
	Editor Role = "editor"
	// Admin also merges actors and manages API tokens.
	Admin Role = "admin"
)

// RoleInfo documents one role.
type RoleInfo struct {
	// Role is the role's name, as the command line, the store and the
	// logs spell it; the GraphQL enum value is its upper-case form.
	Role Role
	// May says what a caller with this role may do.
	May string
}

// Roles is the closed set of roles, weakest first. The schema's Role
// enum, the README's roles table and the command line's -role flag follow
// it (tests compare them).
var Roles = []RoleInfo{
	{Reader, "read the graph: every query, the exports"},
	{Editor, "what a reader may, and change the graph: every mutation except merges and token management"},
	{Admin, "what an editor may, and merge actors and manage API tokens"},
}

// Rank orders roles: higher may do more; 0 means r is not a role.
func (r Role) Rank() int {
	for i, x := range Roles {
		if x.Role == r {
			return i + 1
		}
	}
	return 0
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return r.Rank() > 0 }

// Includes reports whether a caller with role r may do what role need
// allows. An invalid role includes nothing, and nothing includes an
// invalid role.
func (r Role) Includes(need Role) bool {
	return r.Valid() && need.Valid() && r.Rank() >= need.Rank()
}

// RoleNames lists the roles' names, weakest first.
func RoleNames() []string {
	names := make([]string, len(Roles))
	for i, x := range Roles {
		names[i] = string(x.Role)
	}
	return names
}

// ParseRole reads a role name, in any case. EINVALID names the roles
// there are.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !r.Valid() {
		return "", graph.Errorf(graph.EINVALID, "unknown role %q: want one of %s", s, strings.Join(RoleNames(), ", "))
	}
	return r, nil
}

// GraphQLName is the role's value in the schema's Role enum.
func (r Role) GraphQLName() string { return strings.ToUpper(string(r)) }

// MarshalGQL writes r as a GraphQL enum value.
func (r Role) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(r.GraphQLName())) }

// UnmarshalGQL reads r from a GraphQL enum value (READER, EDITOR, ADMIN).
func (r *Role) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("Role must be a string, got %T", v)
	}
	for _, x := range Roles {
		if x.Role.GraphQLName() == s {
			*r = x.Role
			return nil
		}
	}
	return fmt.Errorf("%q is not a valid Role", s)
}
