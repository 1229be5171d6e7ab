package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
)

// dbFlags registers the flags of a command that uses Neo4j: where it is,
// who connects (connFlags), and the transactions' time limits. flagEnv
// gives their environment variables.
func dbFlags(fs *flag.FlagSet) *neo4jstore.Config {
	c := &neo4jstore.Config{}
	connFlags(fs, c)
	fs.DurationVar(&c.QueryTimeout, "query-timeout", neo4jstore.DefaultQueryTimeout, "server-side timeout of every Neo4j transaction")
	fs.DurationVar(&c.RetryTime, "neo4j-retry", neo4jstore.DefaultRetryTime, "how long a load's transaction is retried while Neo4j cannot be reached; API reads fail at once")
	return c
}

// connFlags registers where Neo4j is and who connects.
func connFlags(fs *flag.FlagSet, c *neo4jstore.Config) {
	port := os.Getenv("NEO4J_BOLT_PORT")
	if port == "" {
		port = "7687"
	}
	fs.StringVar(&c.URI, "neo4j-uri", "bolt://127.0.0.1:"+port, "`URI` of Neo4j: bolt://, neo4j://, neo4j+s://…; the default is the local server 'make neo4j-up' starts (on NEO4J_BOLT_PORT)")
	fs.StringVar(&c.Username, "neo4j-username", "neo4j", "Neo4j `user`")
	fs.StringVar(&c.Password, "neo4j-password", "actorgraph", "Neo4j `password`; the default is the local server's")
	fs.StringVar(&c.Database, "neo4j-database", "", "Neo4j `database`; empty for the server's default")
}

// neo4jCheckTimeout bounds the check that Neo4j answers before a command
// uses it: a person waits for it.
const neo4jCheckTimeout = 2 * time.Second

// startNeo4jHint says how to get a Neo4j to talk to.
const startNeo4jHint = "Start the local server with 'make neo4j-up' (or 'scripts/neo4j up'), or point NEO4J_URI (or -neo4j-uri) at a running Neo4j 5."

// openStore opens the store and checks, within neo4jCheckTimeout, that
// Neo4j answers and accepts the user; a command that needs Neo4j opens it
// here, so that a server that is down, or a wrong password, is said in
// plain words at once rather than by the first query after its retries.
func (m *Main) openStore(ctx context.Context, cfg *neo4jstore.Config) (*neo4jstore.Store, error) {
	store, err := neo4jstore.Open(*cfg)
	if err != nil {
		return nil, err
	}
	if err := checkNeo4j(ctx, store, cfg); err != nil {
		store.Close(context.Background())
		return nil, err
	}
	return store, nil
}

// checkNeo4j pings Neo4j and explains a failure.
func checkNeo4j(ctx context.Context, store *neo4jstore.Store, cfg *neo4jstore.Config) error {
	pctx, cancel := context.WithTimeout(ctx, neo4jCheckTimeout)
	defer cancel()
	err := store.Ping(pctx)
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err() // interrupted
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && ne.Code == "Neo.ClientError.Security.Unauthorized" {
		return fmt.Errorf("Neo4j at %s refused user %q and its password: set NEO4J_USERNAME and NEO4J_PASSWORD (or -neo4j-username and -neo4j-password)", cfg.URI, cfg.Username)
	}
	return &neo4jDownError{uri: cfg.URI, why: unreachable(err, pctx.Err() != nil), err: err}
}

// neo4jDownError says that Neo4j did not answer; report adds how to start
// it.
type neo4jDownError struct {
	uri string
	why string // "connection refused", "no answer within 2s" …
	err error
}

func (e *neo4jDownError) Error() string {
	return fmt.Sprintf("cannot reach Neo4j at %s (%s)", e.uri, e.why)
}

func (e *neo4jDownError) Unwrap() error { return e.err }

// unreachable says in a few words why a connection failed.
func unreachable(err error, timedOut bool) string {
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) && ce.Inner != nil {
		err = ce.Inner // the driver's wrapper does not unwrap
	}
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused: nothing listens there"
	case errors.As(err, &dns):
		return "no such host: " + dns.Name
	case timedOut, errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no answer within %s", neo4jCheckTimeout)
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err.Error()
	}
	return message(err)
}
