package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/server"
)

const tokenUsage = `usage: actorgraph token create -name NAME [-role reader|editor|admin]
       actorgraph token list
       actorgraph token revoke ID

create  makes an API token and prints it once, on standard output: store it
        then, it cannot be shown again (only a slow hash of it is kept).
list    lists every token (id, name, role, created, last used, revoked);
        never secrets.
revoke  revokes a token by its id (the 16 hex digits after ag_); it is
        refused from the next request on.

Each takes the Neo4j flags (-neo4j-uri, …) before its arguments.`

// token manages API tokens in the database the server reads them from.
func (m *Main) token(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(m.Stderr, tokenUsage)
		if len(args) == 0 {
			return usageError{"token needs a subcommand: create, list or revoke"}
		}
		return flag.ErrHelp
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("token "+sub, flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprintln(m.Stderr, tokenUsage); fs.PrintDefaults() }
	cfg := dbFlags(fs)
	switch sub {
	case "create":
		name := fs.String("name", "", "whose or what the token is, 1 to 100 characters (required)")
		role := fs.String("role", string(auth.Reader), "what the token's holder may do: "+strings.Join(auth.RoleNames(), ", "))
		if err := m.parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return usageError{fmt.Sprintf("token create takes no arguments, got %d", fs.NArg())}
		}
		if *name == "" {
			return usageError{"token create needs -name: say whose or what the token is"}
		}
		r, err := auth.ParseRole(*role)
		if err != nil {
			return usageError{err.Error()}
		}
		return m.withTokens(ctx, *cfg, true, func(a *auth.Authenticator) error {
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
	case "list":
		if err := m.parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return usageError{fmt.Sprintf("token list takes no arguments, got %d", fs.NArg())}
		}
		return m.withTokens(ctx, *cfg, false, func(a *auth.Authenticator) error {
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
	case "revoke":
		if err := m.parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usageError{"token revoke needs one token id (see actorgraph token list)"}
		}
		id := fs.Arg(0)
		if tid, _, err := auth.ParseToken(id); err == nil {
			id = tid // a whole token pasted: its id part says which
		}
		return m.withTokens(ctx, *cfg, false, func(a *auth.Authenticator) error {
			t, err := a.Revoke(ctx, id)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "revoked API token %s %q (%s) at %s\n", t.ID, t.Name, t.Role, when(t.RevokedAt))
			return nil
		})
	}
	fmt.Fprintln(m.Stderr, tokenUsage)
	return usageError{fmt.Sprintf("unknown token subcommand %q: want create, list or revoke", sub)}
}

// withTokens opens the store and runs fn with an Authenticator over it;
// schema makes sure the token constraint exists first.
func (m *Main) withTokens(ctx context.Context, cfg neo4jstore.Config, schema bool, fn func(*auth.Authenticator) error) error {
	store, err := neo4jstore.Open(cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	if schema {
		if err := store.EnsureSchema(ctx); err != nil {
			return err
		}
	}
	return fn(auth.NewAuthenticator(store, auth.Options{Logger: slog.New(slog.NewTextHandler(m.Stderr, nil))}))
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
	fs.BoolVar(&f.anonymousReads, "anonymous-reads", envBool("ACTORGRAPH_ANONYMOUS_READS", true), "serve reads to callers without an API token (env ACTORGRAPH_ANONYMOUS_READS); false: every request needs a token")
	fs.IntVar(&f.maxFailures, "auth-max-failures", envInt("ACTORGRAPH_AUTH_MAX_FAILURES", server.DefaultMaxFailures), "failed authentication attempts a client address may make at once (env ACTORGRAPH_AUTH_MAX_FAILURES)")
	fs.DurationVar(&f.failureInterval, "auth-failure-interval", envDuration("ACTORGRAPH_AUTH_FAILURE_INTERVAL", server.DefaultFailureInterval), "a client earns one more attempt this often (env ACTORGRAPH_AUTH_FAILURE_INTERVAL)")
	fs.StringVar(&f.trustedProxies, "trusted-proxies", env("ACTORGRAPH_TRUSTED_PROXIES", ""), "comma-separated addresses or CIDR blocks of reverse proxies whose X-Forwarded-For names the client (env ACTORGRAPH_TRUSTED_PROXIES; default: none, the peer address counts)")
	return f
}

// options turns the flags into the server's AuthOptions.
func (f *authFlags) options(tokens *auth.Authenticator) (server.AuthOptions, error) {
	if f.maxFailures < 1 || f.failureInterval <= 0 {
		return server.AuthOptions{}, usageError{"-auth-max-failures must be at least 1 and -auth-failure-interval positive"}
	}
	proxies, err := server.ParseTrustedProxies(splitList(f.trustedProxies))
	if err != nil {
		return server.AuthOptions{}, usageError{"-trusted-proxies: " + err.Error()}
	}
	return server.AuthOptions{
		Tokens: tokens, DenyAnonymousReads: !f.anonymousReads,
		MaxFailures: f.maxFailures, FailureInterval: f.failureInterval, TrustedProxies: proxies,
	}, nil
}
