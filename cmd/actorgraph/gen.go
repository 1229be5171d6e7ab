package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/progress"
	"github.com/actorgraph/actorgraph/synth"
)

// gen writes a deterministic synthetic corpus of claims files.
func (m *Main) gen(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	var spec synth.Spec
	fs.IntVar(&spec.Articles, "articles", 500, "number of articles (claims files)")
	fs.IntVar(&spec.ClaimsPerArticle, "claims-per-article", 20, "claims in each article")
	fs.IntVar(&spec.ActorsPerArticle, "actors-per-article", 20, "distinct actors each article names")
	fs.IntVar(&spec.Actors, "actors", 0, "size of the actor pool (default 100 + articles/5)")
	fs.Uint64Var(&spec.Seed, "seed", 1, "seed; the same flags always give the same corpus")
	fs.Float64Var(&spec.Zipf, "zipf", 1.2, "exponent of the power law actors are drawn with (> 1)")
	out := fs.String("out", "", "folder to write the corpus into (created if missing)")
	showProgress := fs.Bool("progress", progress.IsTerminal(m.Stderr), "show progress (default: when stderr is a terminal)")
	if err := m.parse(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return usageError{"gen needs -out FOLDER and no other arguments"}
	}
	started := time.Now()
	var report func(int)
	if *showProgress {
		meter := progress.Start(m.Stderr, "articles", int64(spec.Articles))
		report = meter.Set
		defer meter.Stop()
	}
	if err := synth.Write(ctx, *out, spec, report); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	fmt.Fprintf(m.Stdout, "wrote %d articles with %d claims to %s in %s\n",
		spec.Articles, spec.Claims(), *out, time.Since(started).Round(time.Millisecond))
	return nil
}
