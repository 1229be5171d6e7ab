package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"
)

func (m *Main) historyCommand() *command {
	return &command{
		name: "history", args: "ID", minArgs: 1, maxArgs: 1,
		summary: "list the revisions that changed a claim, actor, article or API token, newest first",
		doc: `Prints one line per revision of the audit trail that names ID (a claim id
such as ARTICLE/KEY, an actor id, an article id or an API token's id):
when, who (the API token's name and role, or cli:USER for the token
commands), what, the revision's id and the reason. -v adds
each revision's changed fields before and after, as JSON. Claims and
actors loaded from files and never curated have no history. GraphQL's
history(id) answers the same.`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := dbFlags(fs)
			first := fs.Int("n", 50, "at most this many revisions, 1 to 100")
			verbose := fs.Bool("v", false, "print each revision's before and after")
			return func(ctx context.Context, args []string) error {
				if *first < 1 || *first > 100 {
					return usagef("-n must be between 1 and 100, not %d", *first)
				}
				store, err := m.openStore(ctx, cfg)
				if err != nil {
					return err
				}
				defer store.Close(context.Background())
				revs, err := store.History(ctx, args[0], *first)
				if err != nil {
					return err
				}
				if len(revs) == 0 {
					fmt.Fprintf(m.Stderr, "no revisions name %q: nothing changed it through the API\n", args[0])
					return nil
				}
				tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "AT\tBY\tACTION\tREVISION\tREASON")
				for _, r := range revs {
					fmt.Fprintf(tw, "%s\t%s (%s)\t%s\t%s\t%s\n", r.At.UTC().Format(time.RFC3339), r.ByName, r.ByRole,
						strings.ToLower(string(r.Action)), r.ID, r.Reason)
					if *verbose {
						fmt.Fprintf(tw, "\tbefore\t%s\n\tafter\t%s\n", r.Before, r.After)
					}
				}
				return tw.Flush()
			}
		},
	}
}
