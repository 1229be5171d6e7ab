// Package authtest checks that an auth.TokenStore behaves as the port
// says. Each implementation's tests run the same suite (TestTokenStore),
// so the in-memory store that fast tests use cannot drift from the Neo4j
// one.
package authtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
)

// base is the creation time of the tokens the suite makes. Times are in
// UTC to the microsecond, as the Authenticator writes them.
var base = time.Date(2026, 3, 1, 9, 30, 0, 123456000, time.UTC)

// Sample returns a valid stored token: id n as 16 hex digits, created n
// minutes after base. Its hash is a fixed string, which a store keeps
// without reading it.
func Sample(n int, role auth.Role) auth.StoredToken {
	return auth.StoredToken{
		Token: auth.Token{
			ID:        fmt.Sprintf("%016x", n),
			Name:      fmt.Sprintf("token %d", n),
			Role:      role,
			CreatedAt: base.Add(time.Duration(n) * time.Minute),
		},
		SecretHash: fmt.Sprintf("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5%02d", n),
	}
}

// Store is a token store with the audit trail it records its changes in.
type Store interface {
	auth.TokenStore
	History(ctx context.Context, id string, first int) ([]curation.Revision, error)
}

// By is who the suite's changes are made by.
var By = auth.CommandLine("suite")

// TestTokenStore runs the suite; open returns a new, empty store for each
// case.
func TestTokenStore(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	cases := []struct {
		name string
		run  func(t *testing.T, s Store)
	}{
		{"created token is found by id as stored", func(t *testing.T, s Store) {
			want := Sample(1, auth.Editor)
			want.Name = "Ünïcode name, with \"quotes\""
			must(t, s.CreateToken(ctx, want, By))
			got, err := s.FindTokenByID(ctx, want.ID)
			must(t, err)
			SameStored(t, got, want)
		}},
		{"a second token with the same id is refused", func(t *testing.T, s Store) {
			must(t, s.CreateToken(ctx, Sample(1, auth.Reader), By))
			dup := Sample(1, auth.Admin)
			dup.Name = "impostor"
			WantCode(t, s.CreateToken(ctx, dup, By), graph.EINVALID)
			got, err := s.FindTokenByID(ctx, dup.ID)
			must(t, err)
			SameStored(t, got, Sample(1, auth.Reader))
		}},
		{"an invalid token is refused", func(t *testing.T, s Store) {
			for _, bad := range []func(*auth.StoredToken){
				func(st *auth.StoredToken) { st.ID = "NOT-HEX" },
				func(st *auth.StoredToken) { st.Name = " " },
				func(st *auth.StoredToken) { st.Role = "owner" },
			} {
				st := Sample(2, auth.Reader)
				bad(&st)
				WantCode(t, s.CreateToken(ctx, st, By), graph.EINVALID)
			}
			list, err := s.FindTokens(ctx)
			must(t, err)
			if len(list) != 0 {
				t.Fatalf("invalid tokens were stored: %+v", list)
			}
		}},
		{"list is oldest first, ties by id, revoked included", func(t *testing.T, s Store) {
			a, b, c := Sample(3, auth.Admin), Sample(1, auth.Reader), Sample(2, auth.Editor)
			c.CreatedAt = a.CreatedAt // a tie, broken by id
			for _, st := range []auth.StoredToken{a, b, c} {
				must(t, s.CreateToken(ctx, st, By))
			}
			_, err := s.RevokeToken(ctx, b.ID, base.Add(time.Hour), By)
			must(t, err)
			list, err := s.FindTokens(ctx)
			must(t, err)
			var ids []string
			for _, tk := range list {
				ids = append(ids, tk.ID)
			}
			if want := []string{b.ID, c.ID, a.ID}; strings.Join(ids, ",") != strings.Join(want, ",") {
				t.Fatalf("list order = %v, want %v", ids, want)
			}
			if !list[0].Revoked() || list[1].Revoked() {
				t.Fatalf("revocation not listed: %+v", list)
			}
			SameToken(t, list[2], a.Token)
		}},
		{"an empty store lists nothing", func(t *testing.T, s Store) {
			list, err := s.FindTokens(ctx)
			must(t, err)
			if len(list) != 0 {
				t.Fatalf("list = %+v", list)
			}
		}},
		{"revoke records the first revocation only", func(t *testing.T, s Store) {
			st := Sample(4, auth.Editor)
			must(t, s.CreateToken(ctx, st, By))
			first := base.Add(2 * time.Hour)
			got, err := s.RevokeToken(ctx, st.ID, first, By)
			must(t, err)
			if !got.RevokedAt.Equal(first) {
				t.Fatalf("revoked at %v, want %v", got.RevokedAt, first)
			}
			got, err = s.RevokeToken(ctx, st.ID, first.Add(time.Hour), By)
			must(t, err)
			if !got.RevokedAt.Equal(first) {
				t.Fatalf("second revocation moved the time to %v", got.RevokedAt)
			}
			found, err := s.FindTokenByID(ctx, st.ID)
			must(t, err)
			if !found.RevokedAt.Equal(first) || found.SecretHash != st.SecretHash {
				t.Fatalf("revoked token found as %+v", found)
			}
		}},
		{"creation and revocation are recorded, by whom, without secrets", func(t *testing.T, s Store) {
			st := Sample(8, auth.Editor)
			admin := auth.Principal{TokenID: Sample(9, auth.Admin).ID, Name: "root", Role: auth.Admin}
			must(t, s.CreateToken(ctx, st, By))
			at := base.Add(5 * time.Hour)
			_, err := s.RevokeToken(ctx, st.ID, at, admin)
			must(t, err)
			_, err = s.RevokeToken(ctx, st.ID, at.Add(time.Hour), By) // changes nothing: no revision
			must(t, err)
			revs, err := s.History(ctx, st.ID, 10)
			must(t, err)
			state := `{"id":"` + st.ID + `","name":"token 8","revoked":false,"role":"editor"}`
			want := []curation.Revision{
				{At: at, ByTokenID: admin.TokenID, ByName: "root", ByRole: auth.Admin, Action: curation.RevokeToken,
					Targets: []string{st.ID}, Before: state,
					After: `{"id":"` + st.ID + `","name":"token 8","revoked":true,"revokedAt":"2026-03-01T14:30:00.123456Z","role":"editor"}`},
				{At: st.CreatedAt, ByTokenID: auth.CommandLineID, ByName: "cli:suite", ByRole: auth.Admin, Action: curation.CreateToken,
					Targets: []string{st.ID}, Before: "{}", After: state},
			}
			if len(revs) != len(want) {
				t.Fatalf("history of %s: %+v, want %d revisions", st.ID, revs, len(want))
			}
			for i, r := range revs {
				if !strings.HasPrefix(r.ID, "rev-") || !r.At.Equal(want[i].At) {
					t.Errorf("revision %d: id %q at %v, want rev-… at %v", i, r.ID, r.At, want[i].At)
				}
				r.ID, r.At, want[i].At = "", time.Time{}, time.Time{}
				if fmt.Sprintf("%+v", r) != fmt.Sprintf("%+v", want[i]) {
					t.Errorf("revision %d:\n got %+v\nwant %+v", i, r, want[i])
				}
				if strings.Contains(r.Before+r.After, "argon2") {
					t.Errorf("revision %d holds the token's hash: %+v", i, r)
				}
			}
		}},
		{"a refused change records nothing", func(t *testing.T, s Store) {
			must(t, s.CreateToken(ctx, Sample(10, auth.Reader), By))
			WantCode(t, s.CreateToken(ctx, Sample(10, auth.Admin), By), graph.EINVALID)
			bad := Sample(11, auth.Reader)
			bad.Role = "owner"
			WantCode(t, s.CreateToken(ctx, bad, By), graph.EINVALID)
			_, err := s.RevokeToken(ctx, Sample(12, auth.Reader).ID, base, By)
			WantCode(t, err, graph.ENOTFOUND)
			for id, n := range map[string]int{Sample(10, "").ID: 1, Sample(11, "").ID: 0, Sample(12, "").ID: 0} {
				revs, err := s.History(ctx, id, 10)
				must(t, err)
				if len(revs) != n {
					t.Errorf("history of %s: %d revisions, want %d: %+v", id, len(revs), n, revs)
				}
			}
		}},
		{"touch records the latest use and never moves back", func(t *testing.T, s Store) {
			st := Sample(5, auth.Reader)
			must(t, s.CreateToken(ctx, st, By))
			for _, step := range []struct{ at, want time.Time }{
				{base.Add(time.Hour), base.Add(time.Hour)},
				{base.Add(30 * time.Minute), base.Add(time.Hour)},
				{base.Add(3 * time.Hour), base.Add(3 * time.Hour)},
			} {
				must(t, s.TouchToken(ctx, st.ID, step.at))
				got, err := s.FindTokenByID(ctx, st.ID)
				must(t, err)
				if !got.LastUsedAt.Equal(step.want) {
					t.Fatalf("after touch at %v: last used %v, want %v", step.at, got.LastUsedAt, step.want)
				}
			}
		}},
		{"unknown ids are not found", func(t *testing.T, s Store) {
			must(t, s.CreateToken(ctx, Sample(6, auth.Reader), By))
			unknown := Sample(7, auth.Reader).ID
			for _, op := range []struct {
				name string
				call func() error
			}{
				{"find", func() error { _, err := s.FindTokenByID(ctx, unknown); return err }},
				{"revoke", func() error { _, err := s.RevokeToken(ctx, unknown, base, By); return err }},
				{"touch", func() error { return s.TouchToken(ctx, unknown, base) }},
			} {
				t.Run(op.name, func(t *testing.T) { WantCode(t, op.call(), graph.ENOTFOUND) })
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, open(t)) })
	}
}

// WantCode fails the test unless err carries the code.
func WantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := graph.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

// SameToken fails the test unless two tokens are equal, times compared as
// instants.
func SameToken(t testing.TB, got, want auth.Token) {
	t.Helper()
	if got.ID != want.ID || got.Name != want.Name || got.Role != want.Role ||
		!got.CreatedAt.Equal(want.CreatedAt) || !got.LastUsedAt.Equal(want.LastUsedAt) || !got.RevokedAt.Equal(want.RevokedAt) {
		t.Fatalf("token = %+v\nwant    %+v", got, want)
	}
}

// SameStored is SameToken for stored tokens, hashes included.
func SameStored(t testing.TB, got, want auth.StoredToken) {
	t.Helper()
	SameToken(t, got.Token, want.Token)
	if got.SecretHash != want.SecretHash {
		t.Fatalf("hash = %q, want %q", got.SecretHash, want.SecretHash)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
