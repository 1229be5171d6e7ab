// Command actorgraph validates claims files, loads them into Neo4j, serves
// the graph over GraphQL, exports it, and measures the server under load.
// `actorgraph help` lists the commands (usage in app.go) and
// `actorgraph <command> -h` a command's flags.
//
// This package is wiring: it parses flags, opens the Neo4j store
// (graph/neo4j) and hands it to the packages that do the work as the ports
// they take (loaders, server, export). The command's own concerns live
// here too: Markdown rendering of `cypher` results is in cypher.go (over
// internal/mdtable), the load test and its bare-driver baselines in
// loadtest.go and baseline.go.
//
// Neo4j is reached through NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
// NEO4J_DATABASE (or the matching flags).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/actorgraph/actorgraph/loaders"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain(os.Stdout, os.Stderr)
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		report(os.Stderr, err)
		os.Exit(exitCode(err))
	}
}

// report prints err; a validation error lists one problem per line.
func report(w io.Writer, err error) {
	var ve *loaders.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Fprintln(w, p)
		}
		fmt.Fprintf(w, "actorgraph: %d problem(s); nothing was written\n", len(ve.Problems))
		return
	}
	fmt.Fprintln(w, "actorgraph:", err)
}
