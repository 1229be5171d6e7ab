package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/loaders"
)

// migrateCommand upgrades a model-1 database in place (`actorgraph migrate`)
// or rewrites format-1 claims files as format 2 (`actorgraph migrate claims`).
func (m *Main) migrateCommand() *command {
	return &command{
		name: "migrate", maxArgs: 0,
		summary: "upgrade a model-1 graph in place; 'migrate claims PATH...' rewrites format-1 claims files",
		doc: `Upgrades a graph written by model 1 to model 2: claims get certainty,
ownStatement, conditional, time, spans, sentence and source; relationship
summaries are recomputed; articles declare their actors' names. Each step
commits on its own and running it again finishes what an interruption left;
on a model-2 graph it changes nothing. CHANGELOG.md tells what changed.`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := dbFlags(fs)
			return func(ctx context.Context, _ []string) error {
				store, err := m.openStore(ctx, cfg)
				if err != nil {
					return err
				}
				defer store.Close(context.Background())
				return m.migrate(ctx, store)
			}
		},
		subs: []*command{{
			name: "claims", args: "PATH...", minArgs: 1, maxArgs: -1,
			summary: "rewrite format-1 claims files (or folders of them) as format 2",
			doc: `Converts every file in memory first, so a bad file writes nothing; each
is then replaced whole (written beside it and renamed), or written into -o
DIR with its article path rewritten to still name the text. Conditional
threats become conditional claims whose condition's words are left for you
to write in: check refuses the files until then, and the command prints
each place.`,
			setup: func(fs *flag.FlagSet) runFunc {
				out := fs.String("o", "", "write the converted files into this `folder` instead of over the originals")
				return func(_ context.Context, args []string) error { return m.migrateClaims(args, *out) }
			},
		}},
	}
}

func (m *Main) migrate(ctx context.Context, store *neo4jstore.Store) error {
	res, err := store.Migrate(ctx, func(step string, n int) {
		fmt.Fprintf(m.Stderr, "migrate: %s: %d\n", step, n)
	})
	if err != nil {
		return fmt.Errorf("migrate: %w (what is done stays done; run it again to finish)", err)
	}
	if res == (neo4jstore.MigrateResult{}) {
		fmt.Fprintln(m.Stdout, "the graph is already at model 2: nothing to migrate")
		return nil
	}
	fmt.Fprintf(m.Stdout, "migrated the graph to model 2:\n"+
		"  %d claims given certainty, ownStatement, conditional, time, spans, sentence and source\n"+
		"  %d relationship summaries recomputed\n"+
		"  %d article declarations of actors (NAMES) written from the actors' aliases\n"+
		"  %d actors given name keys\n"+
		"  %d empty publication dates removed (unknown)\n",
		res.Claims, res.Relationships, res.Names, res.Actors, res.Articles)
	if res.Claims > 0 {
		fmt.Fprintln(m.Stdout, "conditional threats are now conditional claims without the condition's words: reload their claims files (migrated with `actorgraph migrate claims`) to add them")
	}
	return nil
}

// migrateClaims rewrites format-1 claims files as format 2: in place, or
// into -o DIR with their article paths rewritten to still name the text.
// Every file is converted in memory first, so a bad file writes nothing;
// each is then replaced whole (written beside it and renamed).
func (m *Main) migrateClaims(args []string, outDir string) error {
	files, err := loaders.ClaimsFiles(args)
	if err != nil {
		return err
	}
	type result struct {
		from, to   string
		data       []byte
		changed    bool
		conditions []int // lines of the conditions to write in
	}
	var results []result
	var problems []error
	targets := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", f, err))
			continue
		}
		conv, changed, err := loaders.MigrateV1(f, data)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		r := result{from: f, to: f, data: conv, changed: changed}
		if outDir != "" {
			r.to = filepath.Join(outDir, filepath.Base(f))
			if prev, dup := targets[r.to]; dup {
				problems = append(problems, fmt.Errorf("%s and %s would both be written to %s", prev, f, r.to))
				continue
			}
			targets[r.to] = f
			if r.data, err = loaders.RelocateArticleFile(f, r.data, outDir); err != nil {
				problems = append(problems, err)
				continue
			}
		}
		for i, line := range strings.Split(string(r.data), "\n") {
			if strings.TrimSpace(line) == `condition: ""` {
				r.conditions = append(r.conditions, i+1)
			}
		}
		results = append(results, r)
	}
	if len(problems) > 0 {
		return fmt.Errorf("nothing was written:\n%w", errors.Join(problems...))
	}
	if outDir != "" {
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			return err
		}
	}
	todo := 0
	for _, r := range results {
		if !r.changed && r.to == r.from {
			fmt.Fprintf(m.Stdout, "%s: already format %s, unchanged\n", r.from, loaders.Format)
			continue
		}
		if err := writeFileAtomic(r.to, r.data); err != nil {
			return err
		}
		verb := "converted to format " + loaders.Format
		if !r.changed {
			verb = "already format " + loaders.Format + ", copied"
		}
		fmt.Fprintf(m.Stdout, "%s: %s", r.from, verb)
		if r.to != r.from {
			fmt.Fprintf(m.Stdout, " as %s", r.to)
		}
		fmt.Fprintln(m.Stdout)
		for _, line := range r.conditions {
			fmt.Fprintf(m.Stdout, "%s:%d: a format-1 conditional threat: write the condition's words from the article here\n", r.to, line)
		}
		todo += len(r.conditions)
	}
	if todo > 0 {
		fmt.Fprintf(m.Stdout, "%d condition(s) to write in; `actorgraph check` refuses the files until then\n", todo)
	}
	return nil
}
