package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/synth"
)

func (m *Main) genCommand() *command {
	return &command{
		name: "gen", maxArgs: 0,
		summary: "write a deterministic synthetic corpus of claims files",
		doc: `Writes -articles claims files and their article texts into -out: actors
drawn from a pool with a power law (a few hubs, many rare ones), so loads
and queries can be measured at any size. The same flags always give the
same corpus. Prints one summary line; a progress bar on a terminal.`,
		setup: func(fs *flag.FlagSet) runFunc {
			var spec synth.Spec
			fs.IntVar(&spec.Articles, "articles", 500, "number of articles (claims files)")
			fs.IntVar(&spec.ClaimsPerArticle, "claims-per-article", 20, "claims in each article")
			fs.IntVar(&spec.ActorsPerArticle, "actors-per-article", 20, "distinct actors each article names")
			fs.IntVar(&spec.Actors, "actors", 0, "size of the actor pool; 0: 100 + articles/5")
			fs.Uint64Var(&spec.Seed, "seed", 1, "seed; the same flags always give the same corpus")
			fs.Float64Var(&spec.Zipf, "zipf", 1.2, "exponent of the power law actors are drawn with (> 1)")
			out := fs.String("out", "", "`folder` to write the corpus into, created if missing (required)")
			progressFlag := registerProgressFlag(fs)
			return func(ctx context.Context, _ []string) error {
				if *out == "" {
					return usagef("needs -out FOLDER")
				}
				started := time.Now()
				bar := progressFlag.display(m.Stderr)
				defer bar.Close()
				bar.Count("articles", int64(spec.Articles))
				err := synth.Write(ctx, *out, spec, bar.Set)
				bar.Close()
				if err != nil {
					return fmt.Errorf("gen: %w", err)
				}
				fmt.Fprintf(m.Stdout, "wrote %d articles with %d claims to %s in %s\n",
					spec.Articles, spec.Claims(), *out, time.Since(started).Round(time.Millisecond))
				return nil
			}
		},
	}
}
