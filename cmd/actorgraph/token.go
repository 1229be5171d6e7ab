package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/user"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/server"
)

func (m *Main) tokenCommand() *command {
	return &command{
		name:    "token",
		summary: "manage API tokens: create (printed once), list, revoke",
		doc: `API tokens let clients change the graph over GraphQL (see README's "Tokens
and roles"). They are kept in the Neo4j the server reads, as slow hashes
only; every sub-command takes the Neo4j flags.`,
		subs: []*command{
			{
				name: "create", maxArgs: 0,
				summary: "make an API token and print it once, on standard output",
				doc: `Store the token when it is printed: it cannot be shown again, only a slow
hash of it is kept. Standard error says how to send and revoke it.`,
				setup: func(fs *flag.FlagSet) runFunc {
					cfg := dbFlags(fs)
					name := fs.String("name", "", "whose or what the token is, 1 to 100 characters (required)")
					role := fs.String("role", string(auth.Reader), "what the token's holder may do: "+strings.Join(auth.RoleNames(), ", "))
					return func(ctx context.Context, _ []string) error {
						if *name == "" {
							return usagef("needs -name: say whose or what the token is")
						}
						r, err := auth.ParseRole(*role)
						if err != nil {
							return usagef("%s", message(err))
						}
						return m.withTokens(ctx, cfg, true, func(ctx context.Context, a *auth.Authenticator) error {
							t, bearer, err := a.Create(ctx, *name, r)
							if err != nil {
								return err
							}
							fmt.Fprintln(m.Stdout, bearer)
							fmt.Fprintf(m.Stderr, "created API token %s %q with the %s role.\n"+
								"Store it now: it is shown this once and cannot be recovered. Send it as\n"+
								"  Authorization: Bearer <token>\n"+
								"Revoke it with: actorgraph token revoke %s\n", t.ID, t.Name, t.Role, t.ID)
							return nil
						})
					}
				},
			},
			{
				name: "list", maxArgs: 0,
				summary: "list every API token (id, name, role, created, last used, revoked); never secrets",
				setup: func(fs *flag.FlagSet) runFunc {
					cfg := dbFlags(fs)
					return func(ctx context.Context, _ []string) error {
						return m.withTokens(ctx, cfg, false, func(ctx context.Context, a *auth.Authenticator) error {
							ts, err := a.List(ctx)
							if err != nil {
								return err
							}
							if len(ts) == 0 {
								fmt.Fprintln(m.Stderr, "no API tokens; make one with: actorgraph token create -name NAME -role ROLE")
								return nil
							}
							tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
							fmt.Fprintln(tw, "ID\tNAME\tROLE\tCREATED\tLAST USED\tREVOKED")
							for _, t := range ts {
								fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Role, when(t.CreatedAt), when(t.LastUsedAt), when(t.RevokedAt))
							}
							return tw.Flush()
						})
					}
				},
			},
			{
				name: "revoke", args: "ID", minArgs: 1, maxArgs: 1,
				summary: "revoke an API token by its id (the 16 hex digits after ag_), or the token itself",
				doc:     `The server refuses the token from its next request on.`,
				setup: func(fs *flag.FlagSet) runFunc {
					cfg := dbFlags(fs)
					return func(ctx context.Context, args []string) error {
						id := args[0]
						if tid, _, err := auth.ParseToken(id); err == nil {
							id = tid // a whole token pasted: its id part says which
						}
						return m.withTokens(ctx, cfg, false, func(ctx context.Context, a *auth.Authenticator) error {
							t, err := a.Revoke(ctx, id)
							if err != nil {
								return err
							}
							fmt.Fprintf(m.Stdout, "revoked API token %s %q (%s) at %s\n", t.ID, t.Name, t.Role, when(t.RevokedAt))
							return nil
						})
					}
				},
			},
		},
	}
}

// withTokens opens the store and runs fn with an Authenticator over it,
// and ctx carrying the command line's principal (auth.CommandLine, named
// after the operating system's user), whom the audit trail records as the
// maker of the change; schema makes sure the token constraint exists
// first.
func (m *Main) withTokens(ctx context.Context, cfg *neo4jstore.Config, schema bool, fn func(context.Context, *auth.Authenticator) error) error {
	store, err := m.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	if schema {
		if err := store.EnsureSchema(ctx); err != nil {
			return err
		}
	}
	ctx = auth.NewContext(ctx, auth.CommandLine(osUser()))
	return fn(ctx, auth.NewAuthenticator(store, auth.Options{Logger: slog.New(slog.NewTextHandler(m.Stderr, nil))}))
}

// osUser is the name of the operating system's user running the command:
// the account's, else $USER or $LOGNAME (a container's user may have no
// account entry), else "" (auth.CommandLine says "unknown").
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return cmp.Or(os.Getenv("USER"), os.Getenv("LOGNAME"))
}

// when prints a time for the token list: UTC to the second, "-" for never.
func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

// authFlags registers serve's access-control flags, each defaulting to
// its environment variable.
type authFlags struct {
	anonymousReads  bool
	maxFailures     int
	failureInterval time.Duration
	trustedProxies  string
}

func registerAuthFlags(fs *flag.FlagSet) *authFlags {
	f := &authFlags{}
	fs.BoolVar(&f.anonymousReads, "anonymous-reads", true, "serve reads to callers without an API token; false: every request needs a token")
	fs.IntVar(&f.maxFailures, "auth-max-failures", server.DefaultMaxFailures, "failed authentication attempts a client address may make at once")
	fs.DurationVar(&f.failureInterval, "auth-failure-interval", server.DefaultFailureInterval, "a client earns one more attempt this often")
	fs.StringVar(&f.trustedProxies, "trusted-proxies", "", "comma-separated addresses or CIDR blocks of reverse proxies whose X-Forwarded-For names the client empty: none, the peer address counts")
	return f
}

// options turns the flags into the server's AuthOptions.
func (f *authFlags) options(tokens *auth.Authenticator) (server.AuthOptions, error) {
	if f.maxFailures < 1 || f.failureInterval <= 0 {
		return server.AuthOptions{}, usagef("-auth-max-failures must be at least 1 and -auth-failure-interval positive")
	}
	proxies, err := server.ParseTrustedProxies(splitList(f.trustedProxies))
	if err != nil {
		return server.AuthOptions{}, usagef("-trusted-proxies: %s", message(err))
	}
	return server.AuthOptions{
		Tokens: tokens, DenyAnonymousReads: !f.anonymousReads,
		MaxFailures: f.maxFailures, FailureInterval: f.failureInterval, TrustedProxies: proxies,
	}, nil
}
