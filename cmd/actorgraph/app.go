package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/progress"
	"github.com/actorgraph/actorgraph/server"
)

func (m *Main) serveCommand() *command {
	return &command{
		name: "serve", args: "", maxArgs: 0,
		summary: "serve GraphQL at /graphql, the playground at / and the network view at /explore",
		doc: `Serves the API until SIGTERM or Ctrl-C, then lets the requests in flight
finish. It starts while Neo4j is down (reads answer "unavailable" until it
answers, and the schema is made then), unless -load asks for a load first,
which needs Neo4j. Logs are JSON lines on standard error. The limits and
their reasons are in README's "Limits, failures and observability".`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := dbFlags(fs)
			listen := fs.String("listen", "127.0.0.1:8080", "`address` to listen on")
			playground := fs.Bool("playground", true, "serve the GraphQL playground at /")
			introspection := fs.Bool("introspection", true, "allow schema introspection")
			corsOrigins := fs.String("cors-origins", "", "comma-separated `origins` browsers may call the API from, * for any; empty: same origin only")
			lim := limitFlags(fs)
			metricOps := fs.String("metrics-operations", strings.Join(server.DefaultMetricOperations(), ","),
				"comma-separated operation `names` that get their own metrics label once seen succeeding, at most 200 (the default is the playground examples' names)")
			access := registerAuthFlags(fs)
			var load multiFlag
			fs.Var(&load, "load", "claims file or folder to load before serving (repeatable); needs Neo4j up")
			draft := registerDraftFlags(fs)
			return func(ctx context.Context, _ []string) error {
				if err := draft.check(); err != nil {
					return err
				}
				lim.DraftTimeout = draft.timeout
				return m.serve(ctx, cfg, *listen, *playground, *introspection, *corsOrigins, lim, *metricOps, access, load, draft)
			}
		},
	}
}

func (m *Main) serve(ctx context.Context, cfg *neo4jstore.Config, listen string, playground, introspection bool, corsOrigins string,
	lim *server.Limits, metricOps string, access *authFlags, load multiFlag, draft *draftFlags) error {
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
		if err := checkNeo4j(ctx, store, cfg); err != nil {
			return fmt.Errorf("-load needs Neo4j: %w", err)
		}
		if err := m.loadInto(ctx, store, load, loadOptions{concurrency: 1, txClaims: loaders.DefaultTxClaims}); err != nil {
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

	drafter, err := draft.drafter(ctx, store, logger)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	l := lim.WithDefaults()
	srv := &http.Server{
		Handler: server.New(server.Ports{Graph: store, Export: store, Health: store,
			Curation: &curation.Service{Store: store, Graph: store, Drafter: drafter}}, server.Options{
			Playground: playground, Introspection: introspection, Logger: logger,
			Limits: l, CORSOrigins: splitList(corsOrigins), Metrics: metrics, Auth: authOpts,
			MetricOperations: splitList(metricOps),
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      max(l.RequestTimeout, l.DraftTimeout) + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    int(l.MaxBodyBytes) + 16<<10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	addr := ln.Addr().String()
	logger.Info("serving", "graphql", "http://"+addr+"/graphql", "playground", playground, "introspection", introspection,
		"max_complexity", l.MaxComplexity, "max_depth", l.MaxDepth, "request_timeout", l.RequestTimeout.String(),
		"query_timeout", cfg.QueryTimeout.String(), "anonymous_reads", !authOpts.DenyAnonymousReads,
		"drafter", drafter.Name())
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
	shutdown, cancel := context.WithTimeout(context.Background(), max(l.RequestTimeout, l.DraftTimeout)+5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}

func (m *Main) checkCommand() *command {
	return &command{
		name: "check", args: "PATH...", minArgs: 1, maxArgs: -1,
		summary: "validate claims files without touching Neo4j",
		doc: `Validates claims files, and the claims files in folders, as load would:
each file alone (every problem named by file and line) and the files
against each other (an article id used twice, an actor id meaning two
things). Prints one line per valid file; exits 1 if any file has a problem.
The format is in docs/claims-format.md.`,
		setup: func(*flag.FlagSet) runFunc {
			return func(_ context.Context, args []string) error {
				files, err := loaders.ClaimsFiles(args)
				if err != nil {
					return err
				}
				_, err = loaders.Validate(files, func(f string, l graph.ArticleLoad) {
					fmt.Fprintf(m.Stdout, "%s: ok: article %q, %d actors, %d claims\n", f, l.Article.ID, len(l.Actors), len(l.Claims))
				})
				return err
			}
		},
	}
}

func (m *Main) loadCommand() *command {
	return &command{
		name: "load", args: "PATH...", minArgs: 1, maxArgs: -1,
		summary: "validate claims files (or folders of them) and load them into Neo4j",
		doc: `Validates every file first, as check does: a problem in any file writes
nothing; so does an article whose claims were changed through the API
since it was last loaded (updated, retracted, moved by a merge), unless
-replace-curated: reloading would put its claims back as the file has
them. Then writes the articles in transactions of whole articles
(-tx-claims), each committing all its articles or none, and prints one
summary line. On a terminal a progress bar shows the claims written, the
rate and the time left; -v adds a line per article.`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := dbFlags(fs)
			fs.IntVar(&cfg.BatchSize, "batch-size", neo4jstore.DefaultBatchSize, "most rows in one UNWIND statement")
			var opt loadOptions
			fs.IntVar(&opt.concurrency, "concurrency", 1, "transactions written at once")
			fs.IntVar(&opt.txClaims, "tx-claims", loaders.DefaultTxClaims, "about how many claims one transaction carries: whole articles are grouped up to this (1: one article per transaction)")
			progressFlag := registerProgressFlag(fs)
			quiet := fs.Bool("q", false, "quiet: no progress bar, only the summary line and errors")
			fs.BoolVar(&opt.verbose, "v", false, "verbose: a line per article loaded")
			fs.BoolVar(&opt.allowDrafts, "allow-drafts", false, "load files that hold draft claims (draft: true, not yet reviewed)")
			fs.BoolVar(&opt.replaceCurated, "replace-curated", false, "replace articles whose claims were changed through the API since they were loaded, discarding those changes (without it such a load is refused)")
			profile := fs.Bool("profile", false, "after the load, print where the transactions' time went, statement by statement")
			return func(ctx context.Context, args []string) error {
				if opt.concurrency < 1 || cfg.BatchSize < 1 || opt.txClaims < 1 {
					return usagef("-concurrency, -tx-claims and -batch-size must be at least 1")
				}
				if !*quiet {
					opt.display = progressFlag.display(m.Stderr)
				}
				var prof *loadProfile
				if *profile {
					prof = &loadProfile{}
					cfg.Observer = prof
				}
				store, err := m.openStore(ctx, cfg)
				if err != nil {
					return err
				}
				defer store.Close(context.Background())
				err = m.loadInto(ctx, store, args, opt)
				if prof != nil {
					prof.write(m.Stdout)
				}
				return err
			}
		},
	}
}

// loadOptions are the load command's own flags.
type loadOptions struct {
	concurrency int
	txClaims    int
	verbose     bool
	allowDrafts bool
	// replaceCurated: see loaders.Options.ReplaceCurated.
	replaceCurated bool
	display        *progress.Display // nil: no progress bar
}

// loadInto validates everything first, so a bad file writes nothing; then
// makes sure the schema exists and writes each article. The progress bar
// moves as each transaction commits, from the first one on.
func (m *Main) loadInto(ctx context.Context, store *neo4jstore.Store, paths []string, opt loadOptions) error {
	files, err := loaders.ClaimsFiles(paths)
	if err != nil {
		return err
	}
	bar := opt.display
	defer bar.Close()
	var lines io.Writer = m.Stdout
	if bar != nil && progress.IsTerminal(m.Stdout) {
		lines = bar // the same screen: above the bar, not through it
	}
	bar.Stage(fmt.Sprintf("validating %d claims files", len(files)))
	started := time.Now()
	done, err := loaders.LoadFiles(ctx, store, files, loaders.Options{
		Concurrency:    opt.concurrency,
		TxClaims:       opt.txClaims,
		AllowDrafts:    opt.allowDrafts,
		ReplaceCurated: opt.replaceCurated,
		Validated: func(t loaders.Totals) error {
			bar.Stage("preparing the schema")
			if err := store.EnsureSchema(ctx); err != nil {
				return err
			}
			started = time.Now()
			bar.Count("claims", int64(t.Claims))
			return nil
		},
		Written: func(_ string, r graph.LoadResult) {
			bar.Add(r.Claims)
			if opt.verbose {
				fmt.Fprintf(lines, "loaded article %q: %d actors, %d claims, %d relationships\n", r.ArticleID, r.Actors, r.Claims, r.Relationships)
			}
		},
	})
	bar.Close()
	if done.Files > 0 {
		el := time.Since(started)
		fmt.Fprintf(m.Stdout, "loaded %d articles, %d claims in %s (%.0f claims/s%s)\n",
			done.Files, done.Claims, el.Round(time.Millisecond), float64(done.Claims)/el.Seconds(), peakRSSNote())
	}
	return err
}

// progressFlag is -progress: true, false, or auto (the default: when
// standard error is a terminal). Given alone it means true.
type progressFlag struct{ mode string }

func registerProgressFlag(fs *flag.FlagSet) *progressFlag {
	p := &progressFlag{mode: "auto"}
	fs.Var(p, "progress", "draw a progress bar on standard error: true, false, or auto (when standard error is a terminal)")
	return p
}

func (p *progressFlag) String() string   { return p.mode }
func (p *progressFlag) IsBoolFlag() bool { return true }
func (p *progressFlag) Set(v string) error {
	if v == "auto" {
		p.mode = v
		return nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("want true, false or auto")
	}
	p.mode = strconv.FormatBool(b)
	return nil
}

// display returns the progress display the flag asks for on w, nil for
// none.
func (p *progressFlag) display(w io.Writer) *progress.Display {
	switch p.mode {
	case "true":
		return progress.New(w, progress.Options{Force: true})
	case "auto":
		return progress.New(w, progress.Options{})
	}
	return nil
}

func (m *Main) schemaCommand() *command {
	return &command{
		name: "schema", maxArgs: 0,
		summary: "create the constraints and indexes",
		doc: `Creates the constraints and indexes the graph needs, if missing, and waits
until they are online. load and serve do it too; this is for a new
database, ahead of time.`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := dbFlags(fs)
			return func(ctx context.Context, _ []string) error {
				store, err := m.openStore(ctx, cfg)
				if err != nil {
					return err
				}
				defer store.Close(context.Background())
				return store.EnsureSchema(ctx)
			}
		},
	}
}

func (m *Main) statsCommand() *command {
	return &command{
		name: "stats", maxArgs: 0,
		summary: "count actors, articles, claims and relationships",
		doc:     `Prints one "name count" line for each of actors, articles, claims and relationships.`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := dbFlags(fs)
			return func(ctx context.Context, _ []string) error {
				store, err := m.openStore(ctx, cfg)
				if err != nil {
					return err
				}
				defer store.Close(context.Background())
				st, err := store.Stats(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(m.Stdout, "actors %d\narticles %d\nclaims %d\nrelationships %d\n", st.Actors, st.Articles, st.Claims, st.Relationships)
				return nil
			}
		},
	}
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (f *multiFlag) String() string     { return strings.Join(*f, ",") }
func (f *multiFlag) Set(v string) error { *f = append(*f, v); return nil }
