package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
)

// exportUsage names the formats of export.FormatTable.
var exportUsage = `usage: actorgraph export --format ` + export.FormatNames("|", "|") + ` [--neighbourhood ID [--depth N]] [--claims nodes] [--out PATH]

Writes the whole graph, or the actors within --depth hops of one actor and
the relationships among them, to --out or standard output. Every
relationship carries the claims behind it; --claims nodes also makes claims
and articles nodes of their own (graphml, gexf, cytoscape). csv writes the
neo4j-admin import files into the folder --out (new or empty), or a zip
archive of them to standard output; claims writes one CSV table of the
claims.`

// export writes the graph in one of the export formats.
func (m *Main) export(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	cfg := dbFlags(fs)
	format := fs.String("format", "", export.FormatNames(", ", " or ")+" (required)")
	claims := fs.String("claims", "edges", "where the network formats put claims: edges, or nodes too")
	anchor := fs.String("neighbourhood", "", "export only this actor's neighbourhood (actor id)")
	depth := fs.Int("depth", 1, fmt.Sprintf("hops around --neighbourhood (1..%d)", graph.MaxDepth))
	out := fs.String("out", "", "file (csv: folder) to write; default standard output")
	fs.Usage = func() { fmt.Fprintln(m.Stderr, exportUsage); fs.PrintDefaults() }
	if err := m.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("export takes no arguments, got %q", fs.Args())}
	}
	if *format == "" {
		return usageError{"export needs --format " + export.FormatNames("|", "|")}
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return usageError{err.Error()}
	}
	mode, err := export.ParseClaimsMode(*claims)
	if err != nil {
		return usageError{err.Error()}
	}
	req := export.Request{Neighbourhood: *anchor, Claims: mode}
	if *anchor != "" {
		req.Depth = *depth
	} else if isSet(fs, "depth") {
		return usageError{"--depth needs --neighbourhood"}
	}
	store, err := neo4jstore.Open(*cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	d, err := export.Collect(ctx, store, req)
	if err != nil {
		return err
	}
	if f == export.CSV && *out != "" {
		if err := export.WriteCSVDir(*out, d); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "wrote %d actors, %d relationships, %d claims, %d articles to %s\n",
			len(d.Graph.Nodes), len(d.Graph.Edges), len(d.Claims), len(d.Articles), *out)
		return nil
	}
	b, err := export.Render(f, d)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = m.Stdout.Write(b)
		return err
	}
	return writeFileAtomic(*out, b)
}

// isSet reports whether the flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// writeFileAtomic writes b to a temporary file beside path, then renames it.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
