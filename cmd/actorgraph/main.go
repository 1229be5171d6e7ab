// Command actorgraph loads claims files into Neo4j and serves the graph
// over GraphQL.
//
//	actorgraph serve [-listen ADDR] [-load PATH]...  serve GraphQL and the playground
//	actorgraph load [-tx-claims N] PATH...           validate and load claims files
//	actorgraph check PATH...                         validate claims files, write nothing
//	actorgraph gen -articles N -out DIR              write a synthetic corpus
//	actorgraph schema                                create constraints and indexes
//	actorgraph stats                                 count what the graph holds
//	actorgraph reset                                 delete every node and relationship
//	actorgraph export --format F [--neighbourhood ID --depth N] [--out PATH]
//	                                                 write GraphML, GEXF, Cytoscape JSON or CSV
//	actorgraph cypher [-param NAME=VALUE]... QUERY   run one read-only Cypher query
//	actorgraph migrate                               upgrade a model-1 graph in place
//	actorgraph migrate claims [-o DIR] PATH...       rewrite format-1 claims files as format 2
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
