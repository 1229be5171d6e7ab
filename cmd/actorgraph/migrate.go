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

// migrate upgrades a model-1 database in place (`actorgraph migrate`) or
// rewrites format-1 claims files as format 2 (`actorgraph migrate claims`).
func (m *Main) migrate(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "claims" {
		return m.migrateClaims(args[1:])
	}
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	cfg := dbFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: actorgraph migrate [flags]               upgrade a model-1 graph in place\n"+
			"       actorgraph migrate claims [-o DIR] FILE...  rewrite format-1 claims files as format 2")
		fs.PrintDefaults()
	}
	if err := m.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("migrate takes no arguments (did you mean `actorgraph migrate claims %s`?)", strings.Join(fs.Args(), " "))}
	}
	store, err := neo4jstore.Open(*cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
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
func (m *Main) migrateClaims(args []string) error {
	fs := flag.NewFlagSet("migrate claims", flag.ContinueOnError)
	out := fs.String("o", "", "write the converted files into this folder instead of over the originals")
	if err := m.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"migrate claims needs at least one claims file or folder"}
	}
	files, err := loaders.ClaimsFiles(fs.Args())
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
		if *out != "" {
			r.to = filepath.Join(*out, filepath.Base(f))
			if prev, dup := targets[r.to]; dup {
				problems = append(problems, fmt.Errorf("%s and %s would both be written to %s", prev, f, r.to))
				continue
			}
			targets[r.to] = f
			if r.data, err = loaders.RelocateArticleFile(f, r.data, *out); err != nil {
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
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
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
