package auth_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/auth/authtest"
	"github.com/actorgraph/actorgraph/graph"
)

func TestParseRole(t *testing.T) {
	for _, c := range []struct {
		in   string
		want auth.Role
		code string
	}{
		{"reader", auth.Reader, ""},
		{"Editor", auth.Editor, ""},
		{" ADMIN ", auth.Admin, ""},
		{"owner", "", graph.EINVALID},
		{"", "", graph.EINVALID},
		{"admins", "", graph.EINVALID},
	} {
		got, err := auth.ParseRole(c.in)
		if got != c.want || graph.ErrorCode(err) != c.code {
			t.Errorf("ParseRole(%q) = %q, %v; want %q, code %q", c.in, got, err, c.want, c.code)
		}
		if c.code != "" && !strings.Contains(err.Error(), "reader, editor, admin") {
			t.Errorf("ParseRole(%q) error %q does not list the roles", c.in, err)
		}
	}
}

func TestRolesAreOrdered(t *testing.T) {
	roles := []auth.Role{auth.Reader, auth.Editor, auth.Admin}
	for i, have := range roles {
		for j, need := range roles {
			if got, want := have.Includes(need), i >= j; got != want {
				t.Errorf("%s.Includes(%s) = %v, want %v", have, need, got, want)
			}
		}
		if auth.Role("owner").Includes(have) || have.Includes("owner") {
			t.Errorf("an unknown role is ordered against %s", have)
		}
	}
}

func TestRequire(t *testing.T) {
	tok := func(r auth.Role) auth.Principal {
		return auth.Principal{TokenID: "00000000000000aa", Name: "t", Role: r}
	}
	for _, c := range []struct {
		name    string
		p       *auth.Principal
		need    auth.Role
		code    string
		mention string
	}{
		{"no principal, reads off", nil, auth.Reader, graph.EUNAUTHENTICATED, "Bearer"},
		{"anonymous reads", &auth.Anonymous, auth.Reader, "", ""},
		{"anonymous edits", &auth.Anonymous, auth.Editor, graph.EUNAUTHENTICATED, "editor role"},
		{"anonymous administers", &auth.Anonymous, auth.Admin, graph.EUNAUTHENTICATED, "admin role"},
		{"reader reads", ptr(tok(auth.Reader)), auth.Reader, "", ""},
		{"reader edits", ptr(tok(auth.Reader)), auth.Editor, graph.EFORBIDDEN, "needs the editor role"},
		{"editor edits", ptr(tok(auth.Editor)), auth.Editor, "", ""},
		{"editor administers", ptr(tok(auth.Editor)), auth.Admin, graph.EFORBIDDEN, "has the editor role"},
		{"admin administers", ptr(tok(auth.Admin)), auth.Admin, "", ""},
		{"admin reads", ptr(tok(auth.Admin)), auth.Reader, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			if c.p != nil {
				ctx = auth.NewContext(ctx, *c.p)
			}
			err := auth.Require(ctx, c.need)
			authtest.WantCode(t, err, c.code)
			if c.mention != "" && !strings.Contains(graph.ErrorMessage(err), c.mention) {
				t.Errorf("message %q does not say %q", graph.ErrorMessage(err), c.mention)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// The README's roles table is auth.Roles, row for row.
func TestREADMERolesTable(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	header := "| role | GraphQL | may |\n|---|---|---|\n"
	i := strings.Index(readme, header)
	if i < 0 {
		t.Fatal("README has no roles table")
	}
	table, _, _ := strings.Cut(readme[i+len(header):], "\n\n")
	var want []string
	for _, r := range auth.Roles {
		want = append(want, fmt.Sprintf("| `%s` | `%s` | %s |", r.Role, r.Role.GraphQLName(), r.May))
	}
	if got := strings.Split(strings.TrimSpace(table), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("README roles table:\n%s\nwant (from auth.Roles):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
