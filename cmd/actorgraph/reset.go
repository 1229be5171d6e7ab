package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/progress"
)

func (m *Main) resetCommand() *command {
	return &command{
		name: "reset", maxArgs: 0,
		summary: "delete every actor, article, claim and relationship, and the API tokens (keeps the schema)",
		doc: `Says first what it will delete, counted. On a terminal it then asks for
confirmation: type the database's name (when -neo4j-database names one) or
'yes'. When standard input is not a terminal (a script, a pipe) it deletes
only with -yes, and otherwise refuses with exit status 2, deleting nothing.
Nodes of other software in the same database are left alone.`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := dbFlags(fs)
			yes := fs.Bool("yes", false, "delete without asking (needed when standard input is not a terminal)")
			return func(ctx context.Context, _ []string) error {
				store, err := m.openStore(ctx, cfg)
				if err != nil {
					return err
				}
				defer store.Close(context.Background())
				return m.reset(ctx, store, cfg, *yes)
			}
		},
	}
}

// reset counts what it will delete, asks (or checks -yes), then deletes.
func (m *Main) reset(ctx context.Context, store *neo4jstore.Store, cfg *neo4jstore.Config, yes bool) error {
	st, err := store.Stats(ctx)
	if err != nil {
		return err
	}
	tokens, err := auth.NewAuthenticator(store, auth.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}).List(ctx)
	if err != nil {
		return err
	}
	what := resetCounts(st, len(tokens))
	db := "the server's default database"
	if cfg.Database != "" {
		db = fmt.Sprintf("database %q", cfg.Database)
	}
	if what == "" {
		fmt.Fprintf(m.Stdout, "nothing to delete: %s at %s holds no graph and no API tokens\n", db, cfg.URI)
		return nil
	}
	fmt.Fprintf(m.Stderr, "This deletes from %s at %s:\n  %s\nThe constraints and indexes are kept.\n", db, cfg.URI, what)
	if !yes {
		if !progress.IsTerminal(m.Stdin) {
			return usagef("standard input is not a terminal, so there is no one to ask: nothing was deleted; run 'actorgraph reset -yes' to delete without asking")
		}
		accept := []string{"yes"}
		prompt := "Type 'yes' to delete them: "
		if cfg.Database != "" {
			accept = append(accept, cfg.Database)
			prompt = fmt.Sprintf("Type the database's name (%s) or 'yes' to delete them: ", cfg.Database)
		}
		fmt.Fprint(m.Stderr, prompt)
		answer, err := readLine(ctx, m.Stdin)
		if err != nil {
			return err
		}
		ok := false
		for _, a := range accept {
			ok = ok || strings.TrimSpace(answer) == a
		}
		if !ok {
			return errors.New("not confirmed: nothing was deleted")
		}
	}
	if err := store.DeleteAll(ctx); err != nil {
		return fmt.Errorf("reset: %w (what was deleted stays deleted; run it again to finish)", err)
	}
	fmt.Fprintf(m.Stdout, "deleted %s\n", what)
	return nil
}

// resetCounts says what a reset deletes: "12 actors, 1 article, …", or ""
// when there is nothing.
func resetCounts(st graph.Stats, tokens int) string {
	var parts []string
	for _, c := range []struct {
		n          int
		one, other string
	}{
		{st.Actors, "actor", "actors"},
		{st.Articles, "article", "articles"},
		{st.Claims, "claim", "claims"},
		{st.Relationships, "relationship", "relationships"},
		{tokens, "API token", "API tokens"},
	} {
		switch c.n {
		case 0:
		case 1:
			parts = append(parts, "1 "+c.one)
		default:
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.other))
		}
	}
	return strings.Join(parts, ", ")
}

// readLine reads one line from r, giving up when ctx ends (Ctrl-C at the
// prompt).
func readLine(ctx context.Context, r io.Reader) (string, error) {
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := bufio.NewReader(r).ReadString('\n')
		ch <- result{line, err}
	}()
	select {
	case res := <-ch:
		if res.err != nil && res.line == "" {
			return "", fmt.Errorf("no answer (%v): nothing was deleted", res.err)
		}
		return res.line, nil
	case <-ctx.Done():
		return "", errors.New("interrupted: nothing was deleted")
	}
}
