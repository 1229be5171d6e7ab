package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
)

func (m *Main) versionCommand() *command {
	return &command{
		name: "version", maxArgs: 0,
		summary: "print the versions of actorgraph, Go and the Neo4j server",
		doc: `Prints the module version and the commit actorgraph was built from
("devel" when it was built without version control information, as by
'go run'), the Go version it was built with, and the version of the Neo4j
server the Neo4j flags point at when it answers within 2s. When Neo4j does
not answer it says so, and still exits 0. 'actorgraph --version' is the
same.`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := &neo4jstore.Config{}
			connFlags(fs, cfg)
			return func(ctx context.Context, _ []string) error {
				bi, ok := debug.ReadBuildInfo()
				version, commit := buildVersion(bi, ok)
				tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintf(tw, "actorgraph\t%s\n", version)
				fmt.Fprintf(tw, "commit\t%s\n", commit)
				fmt.Fprintf(tw, "go\t%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
				fmt.Fprintf(tw, "neo4j\t%s\n", neo4jVersion(ctx, cfg))
				return tw.Flush()
			}
		},
	}
}

// buildVersion returns the module's version and the commit it was built
// from, as the Go toolchain recorded them; "devel" for what it did not
// record (go run, go test, a build outside version control).
func buildVersion(bi *debug.BuildInfo, ok bool) (version, commit string) {
	version, commit = "devel", "devel"
	if !ok {
		return version, commit
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		version = v
	}
	var rev, at string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev != "" {
		commit = rev
		if at != "" {
			commit += " (" + at + ")"
		}
		if modified {
			commit += " with uncommitted changes"
		}
	}
	return version, commit
}

// neo4jVersion asks the server for its version (the agent it announces
// when a connection opens: no query is sent) within neo4jCheckTimeout, and
// says why not when it cannot. The store offers no such call, and none is
// needed: this is the driver's own handshake.
func neo4jVersion(ctx context.Context, cfg *neo4jstore.Config) string {
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""), func(c *neo4jconfig.Config) {
		c.MaxTransactionRetryTime = 0
		c.SocketConnectTimeout = neo4jCheckTimeout / 2
		c.ConnectionAcquisitionTimeout = neo4jCheckTimeout
	})
	if err != nil {
		return fmt.Sprintf("unknown: %s is not a Neo4j URI (%s)", cfg.URI, message(err))
	}
	ctx, cancel := context.WithTimeout(ctx, neo4jCheckTimeout)
	defer cancel()
	defer d.Close(context.Background())
	info, err := d.GetServerInfo(ctx)
	if err != nil {
		var ne *neo4j.Neo4jError
		if errors.As(err, &ne) && ne.Code == "Neo.ClientError.Security.Unauthorized" {
			return fmt.Sprintf("unknown: Neo4j at %s refused user %q and its password", cfg.URI, cfg.Username)
		}
		return fmt.Sprintf("not reachable at %s (%s); start it with 'make neo4j-up' or set NEO4J_URI", cfg.URI, unreachable(err, ctx.Err() != nil))
	}
	return strings.TrimPrefix(info.Agent(), "Neo4j/") + " at " + cfg.URI
}
