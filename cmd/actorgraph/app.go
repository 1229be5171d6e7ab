package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/progress"
	"github.com/actorgraph/actorgraph/server"
)

// Main is the program; tests run it in-process.
type Main struct {
	Stdout, Stderr io.Writer
	// Ready, if set, receives the server's address once it listens.
	Ready chan<- string
}

// NewMain returns a Main writing to the given streams.
func NewMain(stdout, stderr io.Writer) *Main { return &Main{Stdout: stdout, Stderr: stderr} }

var usage = `usage: actorgraph <command> [flags] [args]

commands:
  serve   serve GraphQL at /graphql and the playground at /
  load    validate claims files (or folders of them) and load them into Neo4j
          (-concurrency N, -tx-claims N, -batch-size N, -progress, -q, -profile, -allow-drafts)
  check   validate claims files without touching Neo4j
  gen     write a deterministic synthetic corpus of claims files
  schema  create the constraints and indexes
  stats   count actors, articles, claims and relationships
  reset   delete every node and relationship, API tokens too (keeps the schema)
  export  write the graph as ` + export.FormatNames(", ", " or ") + `
  cypher  run one read-only Cypher query and print the result as a table
  migrate upgrade a model-1 graph in place; 'migrate claims FILE...' rewrites format-1 claims files
  loadtest  send a realistic query mix to a loopback GraphQL server; report req/s, p50/p99, errors
  token   manage API tokens: create -name N -role R (printed once), list, revoke ID

Run 'actorgraph <command> -h' for a command's flags.`

// usageError marks errors in how the program was called (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// Run runs one command.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(m.Stderr, usage)
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return m.serve(ctx, rest)
	case "load":
		return m.load(ctx, rest)
	case "check":
		return m.check(rest)
	case "gen":
		return m.gen(ctx, rest)
	case "schema":
		return m.withStore(ctx, "schema", rest, func(s *neo4jstore.Store) error { return s.EnsureSchema(ctx) })
	case "stats":
		return m.withStore(ctx, "stats", rest, func(s *neo4jstore.Store) error {
			st, err := s.Stats(ctx)
			if err == nil {
				fmt.Fprintf(m.Stdout, "actors %d\narticles %d\nclaims %d\nrelationships %d\n", st.Actors, st.Articles, st.Claims, st.Relationships)
			}
			return err
		})
	case "export":
		return m.export(ctx, rest)
	case "cypher":
		return m.cypher(ctx, rest)
	case "migrate":
		return m.migrate(ctx, rest)
	case "reset":
		return m.withStore(ctx, "reset", rest, func(s *neo4jstore.Store) error { return s.DeleteAll(ctx) })
	case "loadtest":
		return m.loadtest(ctx, rest)
	case "token":
		return m.token(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprintln(m.Stdout, usage)
		return nil
	}
	fmt.Fprintln(m.Stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// dbFlags registers the Neo4j connection flags, defaulting to the environment.
func dbFlags(fs *flag.FlagSet) *neo4jstore.Config {
	c := &neo4jstore.Config{}
	fs.StringVar(&c.URI, "neo4j-uri", env("NEO4J_URI", "bolt://127.0.0.1:"+env("NEO4J_BOLT_PORT", "7687")), "Neo4j URI (env NEO4J_URI; default: the local server on NEO4J_BOLT_PORT)")
	fs.StringVar(&c.Username, "neo4j-username", env("NEO4J_USERNAME", "neo4j"), "Neo4j user (env NEO4J_USERNAME)")
	fs.StringVar(&c.Password, "neo4j-password", env("NEO4J_PASSWORD", "actorgraph"), "Neo4j password (env NEO4J_PASSWORD)")
	fs.StringVar(&c.Database, "neo4j-database", env("NEO4J_DATABASE", ""), "Neo4j database; empty for the server default (env NEO4J_DATABASE)")
	fs.DurationVar(&c.QueryTimeout, "query-timeout", envDuration("ACTORGRAPH_QUERY_TIMEOUT", neo4jstore.DefaultQueryTimeout), "server-side timeout of every Neo4j transaction (env ACTORGRAPH_QUERY_TIMEOUT)")
	fs.DurationVar(&c.RetryTime, "neo4j-retry", envDuration("ACTORGRAPH_NEO4J_RETRY", neo4jstore.DefaultRetryTime), "how long a load's transaction is retried while Neo4j cannot be reached; API reads fail at once (env ACTORGRAPH_NEO4J_RETRY)")
	return c
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func (m *Main) parse(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(m.Stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

func (m *Main) withStore(ctx context.Context, name string, args []string, fn func(*neo4jstore.Store) error) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cfg := dbFlags(fs)
	if err := m.parse(fs, args); err != nil {
		return err
	}
	store, err := neo4jstore.Open(*cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	return fn(store)
}

func (m *Main) check(args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	if err := m.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"check needs at least one claims file or folder"}
	}
	files, err := loaders.ClaimsFiles(fs.Args())
	if err != nil {
		return err
	}
	_, err = loaders.Validate(files, func(f string, l graph.ArticleLoad) {
		fmt.Fprintf(m.Stdout, "%s: ok: article %q, %d actors, %d claims\n", f, l.Article.ID, len(l.Actors), len(l.Claims))
	})
	return err
}

func (m *Main) load(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	cfg := dbFlags(fs)
	fs.IntVar(&cfg.BatchSize, "batch-size", neo4jstore.DefaultBatchSize, "most rows in one UNWIND statement")
	var opt loadOptions
	fs.IntVar(&opt.concurrency, "concurrency", 1, "transactions written at once")
	fs.IntVar(&opt.txClaims, "tx-claims", loaders.DefaultTxClaims, "about how many claims one transaction carries: whole articles are grouped up to this (1: one article per transaction)")
	fs.BoolVar(&opt.progress, "progress", progress.IsTerminal(m.Stderr), "show progress on stderr (default: when stderr is a terminal)")
	fs.BoolVar(&opt.quiet, "q", false, "print only the summary, not a line per article")
	fs.BoolVar(&opt.allowDrafts, "allow-drafts", false, "load files that hold draft claims (draft: true, not yet reviewed)")
	profile := fs.Bool("profile", false, "after the load, print where the transactions' time went, statement by statement")
	if err := m.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"load needs at least one claims file or folder"}
	}
	var prof *loadProfile
	if *profile {
		prof = &loadProfile{}
		cfg.Observer = prof
	}
	if opt.concurrency < 1 || cfg.BatchSize < 1 || opt.txClaims < 1 {
		return usageError{"-concurrency, -tx-claims and -batch-size must be at least 1"}
	}
	store, err := neo4jstore.Open(*cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	err = m.loadInto(ctx, store, fs.Args(), opt)
	if prof != nil {
		prof.write(m.Stdout)
	}
	return err
}

// loadOptions are the load command's own flags.
type loadOptions struct {
	concurrency int
	txClaims    int
	progress    bool
	quiet       bool
	allowDrafts bool
}

// loadInto validates everything first, so a bad file writes nothing; then
// makes sure the schema exists and writes each article.
func (m *Main) loadInto(ctx context.Context, store *neo4jstore.Store, paths []string, opt loadOptions) error {
	files, err := loaders.ClaimsFiles(paths)
	if err != nil {
		return err
	}
	var meter *progress.Meter
	if opt.progress {
		fmt.Fprintf(m.Stderr, "validating %d files\n", len(files))
	}
	started := time.Now()
	done, err := loaders.LoadFiles(ctx, store, files, loaders.Options{
		Concurrency: opt.concurrency,
		TxClaims:    opt.txClaims,
		AllowDrafts: opt.allowDrafts,
		Validated: func(t loaders.Totals) error {
			if err := store.EnsureSchema(ctx); err != nil {
				return err
			}
			started = time.Now()
			if opt.progress {
				meter = progress.Start(m.Stderr, "claims", int64(t.Claims))
			}
			return nil
		},
		Written: func(_ string, r graph.LoadResult) {
			if meter != nil {
				meter.Add(r.Claims)
			}
			if !opt.quiet {
				fmt.Fprintf(m.Stdout, "loaded article %q: %d actors, %d claims, %d relationships\n", r.ArticleID, r.Actors, r.Claims, r.Relationships)
			}
		},
	})
	if meter != nil {
		meter.Stop()
	}
	if done.Files > 0 {
		el := time.Since(started)
		fmt.Fprintf(m.Stdout, "loaded %d articles, %d claims in %s (%.0f claims/s%s)\n",
			done.Files, done.Claims, el.Round(time.Millisecond), float64(done.Claims)/el.Seconds(), peakRSSNote())
	}
	return err
}

func (m *Main) serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg := dbFlags(fs)
	listen := fs.String("listen", env("ACTORGRAPH_LISTEN", "127.0.0.1:8080"), "address to listen on (env ACTORGRAPH_LISTEN)")
	playground := fs.Bool("playground", envBool("ACTORGRAPH_PLAYGROUND", true), "serve the GraphQL playground at / (env ACTORGRAPH_PLAYGROUND)")
	introspection := fs.Bool("introspection", envBool("ACTORGRAPH_INTROSPECTION", true), "allow schema introspection (env ACTORGRAPH_INTROSPECTION)")
	corsOrigins := fs.String("cors-origins", env("ACTORGRAPH_CORS_ORIGINS", ""), "comma-separated origins browsers may call the API from, * for any (env ACTORGRAPH_CORS_ORIGINS; default: none)")
	lim := limitFlags(fs)
	metricOps := fs.String("metrics-operations", env("ACTORGRAPH_METRICS_OPERATIONS", strings.Join(server.DefaultMetricOperations(), ",")),
		"comma-separated operation names that get their own metrics label once seen succeeding, at most 200 (env ACTORGRAPH_METRICS_OPERATIONS; default: the playground examples' names)")
	access := registerAuthFlags(fs)
	var load multiFlag
	fs.Var(&load, "load", "claims file or folder to load before serving (repeatable)")
	if err := m.parse(fs, args); err != nil {
		return err
	}
	logger := slog.New(server.LogHandler(slog.NewJSONHandler(m.Stderr, nil)))
	metrics := server.NewMetrics()
	cfg.Observer = metrics
	store, err := neo4jstore.Open(*cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	authOpts, err := access.options(auth.NewAuthenticator(store, auth.Options{Logger: logger}))
	if err != nil {
		return err
	}
	if len(load) > 0 {
		if err := m.loadInto(ctx, store, load, loadOptions{concurrency: 1, txClaims: loaders.DefaultTxClaims, quiet: true}); err != nil {
			return err
		}
	} else {
		// Neo4j may be down now: serve anyway, and create the schema as
		// soon as it answers.
		go func() {
			err := store.EnsureSchemaEventually(ctx, func(err error, wait time.Duration) {
				logger.Warn("could not ensure schema; serving anyway and retrying", "err", err, "retry_in", wait.String())
			})
			if err == nil {
				logger.Info("schema in place")
			}
		}()
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	l := lim.WithDefaults()
	srv := &http.Server{
		Handler: server.New(server.Ports{Graph: store, Export: store, Health: store}, server.Options{
			Playground: *playground, Introspection: *introspection, Logger: logger,
			Limits: l, CORSOrigins: splitList(*corsOrigins), Metrics: metrics, Auth: authOpts,
			MetricOperations: splitList(*metricOps),
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      l.RequestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    int(l.MaxBodyBytes) + 16<<10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	addr := ln.Addr().String()
	logger.Info("serving", "graphql", "http://"+addr+"/graphql", "playground", *playground, "introspection", *introspection,
		"max_complexity", l.MaxComplexity, "max_depth", l.MaxDepth, "request_timeout", l.RequestTimeout.String(),
		"query_timeout", cfg.QueryTimeout.String(), "anonymous_reads", !authOpts.DenyAnonymousReads)
	if m.Ready != nil {
		m.Ready <- addr
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Drain: stop accepting, let in-flight requests finish (they are bounded
	// by the request timeout), then exit.
	logger.Info("shutting down; draining in-flight requests")
	shutdown, cancel := context.WithTimeout(context.Background(), l.RequestTimeout+5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (f *multiFlag) String() string     { return strings.Join(*f, ",") }
func (f *multiFlag) Set(v string) error { *f = append(*f, v); return nil }
