package main

import (
	"context"
	"flag"

	"github.com/actorgraph/actorgraph/extract/eval"
)

// evalCommand is `actorgraph eval -gold GOLD.yaml DRAFT.yaml`: the figures
// of a drafted claims file against hand-coded claims of the same article
// (extract/eval).
func (m *Main) evalCommand() *command {
	return &command{
		name: "eval", args: "DRAFT.yaml", minArgs: 1, maxArgs: 1,
		summary: "measure a draft claims file against hand-coded claims of the same article",
		doc: `Compares a draft (as 'actorgraph extract' writes it) with the gold claims
file of the same article text and prints one line per figure: actor
recall; certainty, ownStatement, conditional and attribution agreement on
the matched triples; the share of draft quotes verbatim at their offsets;
and last, exactly 'triples precision P recall R f1 F', where a triple is
(subject actor, relation type, object actor), deduplicated per file.
Draft actors are matched to gold actors by id, name or alias, normalised
and by transliteration variant, one to one; docs/extraction.md has the
rules. -v first lists the matching, the missed and spurious triples, the
disagreements, the quotes off their offsets and the loader's problems with
the draft. Exits 1 when a file cannot be read, the gold file is not valid,
or the two files are about different article texts.`,
		setup: func(fs *flag.FlagSet) runFunc {
			gold := fs.String("gold", "", "`GOLD.yaml`: the hand-coded claims of the same article to compare with (required)")
			verbose := fs.Bool("v", false, "verbose: list the details behind the figures first")
			return func(_ context.Context, args []string) error {
				if *gold == "" {
					return usagef("needs -gold GOLD.yaml, the hand-coded claims to compare with")
				}
				g, err := eval.ReadFile(*gold)
				if err != nil {
					return err
				}
				d, err := eval.ReadFile(args[0])
				if err != nil {
					return err
				}
				r, err := eval.Compare(g, d)
				if err != nil {
					return err
				}
				return r.Write(m.Stdout, *verbose)
			}
		},
	}
}
