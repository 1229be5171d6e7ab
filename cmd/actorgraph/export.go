package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/progress"
)

func (m *Main) exportCommand() *command {
	return &command{
		name: "export", maxArgs: 0,
		summary: "write the graph as " + export.FormatNames(", ", " or "),
		doc: `Writes the whole graph, or the actors within -depth hops of one actor and
the relationships among them, to -out or standard output. Every
relationship carries the claims behind it; -claims nodes also makes claims
and articles nodes of their own (graphml, gexf, cytoscape). csv writes the
neo4j-admin import files into the folder -out (new or empty), or a zip
archive of them to standard output; claims-csv writes one CSV table of the
claims. claims writes the articles and their claims back as claims files
(format 2, a folder per article) that load reads into the same graph:
into the folder -out (new or empty), or a zip of the folders to standard
output; with -neighbourhood, the articles behind its relationships. A
file or folder is written whole or not at all. Standard error gets a
progress bar on a terminal, then one summary line. The formats and what
each tool keeps of them are in README's "Exports".`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := dbFlags(fs)
			format := fs.String("format", "", "`format`: "+export.FormatNames(", ", " or ")+" (required)")
			claims := fs.String("claims", "edges", "where the network formats put claims: `edges`, or nodes too")
			anchor := fs.String("neighbourhood", "", "export only this actor's neighbourhood (actor `id`)")
			depth := fs.Int("depth", 1, fmt.Sprintf("hops around -neighbourhood (1..%d)", graph.MaxDepth))
			out := fs.String("out", "", "`file` (csv, claims: folder) to write; empty: standard output")
			progressFlag := registerProgressFlag(fs)
			return func(ctx context.Context, _ []string) error {
				if *format == "" {
					return usagef("needs -format %s", export.FormatNames("|", "|"))
				}
				f, err := export.ParseFormat(*format)
				if err != nil {
					return usagef("%s", message(err))
				}
				mode, err := export.ParseClaimsMode(*claims)
				if err != nil {
					return usagef("%s", message(err))
				}
				req := export.Request{Neighbourhood: *anchor, Claims: mode}
				if *anchor != "" {
					req.Depth = *depth
				} else if isSet(fs, "depth") {
					return usagef("-depth needs -neighbourhood")
				}
				store, err := m.openStore(ctx, cfg)
				if err != nil {
					return err
				}
				defer store.Close(context.Background())
				if f == export.ClaimsFiles {
					return m.exportClaimsFiles(ctx, store, req, *out, progressFlag.display(m.Stderr))
				}
				return m.export(ctx, exportSource{Source: store}, f, req, *out, progressFlag.display(m.Stderr))
			}
		},
	}
}

// export reads what req selects from src, renders it as f and writes it
// to out (standard output if empty), showing its progress on bar.
func (m *Main) export(ctx context.Context, src exportSource, f export.Format, req export.Request, out string, bar *progress.Display) error {
	defer bar.Close()
	started := time.Now()
	src.bar = bar
	d, err := export.Collect(ctx, src, req)
	if err != nil {
		return err
	}
	var size int64
	if f == export.CSV && out != "" {
		bar.Stage("writing the CSV files to " + out)
		if err := export.WriteCSVDir(out, d); err != nil {
			return err
		}
	} else if out == "" {
		bar.Close() // the export may go to this terminal too
		w := &countingWriter{w: m.Stdout}
		if err := export.Write(w, f, d); err != nil {
			return err
		}
		size = w.n
	} else {
		bar.Stage("writing " + out)
		n, err := streamFileAtomic(out, func(w io.Writer) error { return export.Write(w, f, d) })
		if err != nil {
			return err
		}
		size = n
	}
	bar.Close()
	where := "standard output"
	if out != "" {
		where = out
	}
	sizeNote := ""
	if size > 0 {
		sizeNote = fmt.Sprintf(", %.1f MB", float64(size)/1e6)
	}
	fmt.Fprintf(m.Stderr, "wrote %d actors, %d relationships, %d claims, %d articles as %s to %s (%s%s)\n",
		len(d.Graph.Nodes), len(d.Graph.Edges), len(d.Claims), len(d.Articles), f, where,
		time.Since(started).Round(time.Millisecond), sizeNote)
	return nil
}

// claimsFilesSource is what the claims-files export reads: the articles
// and their claims, and for a neighbourhood the actors around it.
type claimsFilesSource interface {
	export.FilesSource
	Neighbourhood(ctx context.Context, id string, t graph.Traversal) (graph.Subgraph, error)
}

// exportClaimsFiles writes the claims files of every article, or of the
// articles behind a neighbourhood's relationships, into the folder out
// (new or empty; written whole or not at all) or as a zip to standard
// output.
func (m *Main) exportClaimsFiles(ctx context.Context, src claimsFilesSource, req export.Request, out string, bar *progress.Display) error {
	defer bar.Close()
	started := time.Now()
	var ids []string // nil: every article
	if req.Neighbourhood != "" {
		bar.Stage("reading the neighbourhood of " + req.Neighbourhood)
		sg, err := src.Neighbourhood(ctx, req.Neighbourhood, graph.Traversal{Depth: req.Depth, Direction: graph.Both, Limit: export.MaxNeighbourhood})
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		ids = export.ArticlesOf(sg)
	}
	var (
		res export.FilesResult
		err error
	)
	if out == "" {
		bar.Close() // the zip goes to standard output, maybe this terminal
		res, err = export.WriteClaimsZip(ctx, m.Stdout, src, ids)
	} else {
		bar.Stage("writing the claims files to " + out)
		res, err = export.WriteClaimsDir(ctx, out, src, ids)
	}
	if err != nil {
		return err
	}
	bar.Close()
	where := "standard output (zip)"
	if out != "" {
		where = out
	}
	fmt.Fprintf(m.Stderr, "wrote %d articles, %d claims as claims files to %s (%s)\n",
		res.Articles, res.Claims, where, time.Since(started).Round(time.Millisecond))
	return nil
}

// exportSource is the store as export.Collect reads it, telling bar what
// it reads: the graph and the articles as stages, and the claims, the bulk
// of an export, as a bar over claimsBatch claims at a time.
type exportSource struct {
	export.Source
	bar *progress.Display
}

// claimsBatch is how many claims one read of an export asks for: small
// enough that the bar moves every second or so on a large graph, large
// enough that the round trips cost little.
const claimsBatch = 2000

// WholeGraph implements export.Source.
func (s exportSource) WholeGraph(ctx context.Context) (graph.Subgraph, error) {
	s.bar.Stage("reading actors and relationships")
	return s.Source.WholeGraph(ctx)
}

// Neighbourhood implements export.Source.
func (s exportSource) Neighbourhood(ctx context.Context, id string, t graph.Traversal) (graph.Subgraph, error) {
	s.bar.Stage("reading the neighbourhood of " + id)
	return s.Source.Neighbourhood(ctx, id, t)
}

// ClaimsByID implements export.Source, in batches.
func (s exportSource) ClaimsByID(ctx context.Context, ids []string) (map[string]graph.Claim, error) {
	s.bar.Count("claims", int64(len(ids)))
	out := make(map[string]graph.Claim, len(ids))
	for start := 0; start < len(ids); start += claimsBatch {
		batch := ids[start:min(start+claimsBatch, len(ids))]
		got, err := s.Source.ClaimsByID(ctx, batch)
		if err != nil {
			return nil, err
		}
		for id, c := range got {
			out[id] = c
		}
		s.bar.Add(len(batch))
	}
	return out, nil
}

// ArticlesByID implements export.Source.
func (s exportSource) ArticlesByID(ctx context.Context, ids []string) (map[string]graph.Article, error) {
	s.bar.Stage("reading the articles and sources")
	return s.Source.ArticlesByID(ctx, ids)
}

// isSet reports whether the flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// writeFileAtomic writes b to a temporary file beside path, then renames it.
func writeFileAtomic(path string, b []byte) error {
	_, err := streamFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
	return err
}

// streamFileAtomic streams what write writes into a temporary file beside
// path and renames it to path only once write and the file's close
// succeeded: a failed export leaves no file, and never a cut-off one. It
// returns the file's size.
func streamFileAtomic(path string, write func(io.Writer) error) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".export-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	w := &countingWriter{w: tmp}
	buf := bufio.NewWriterSize(w, 64<<10)
	if err := write(buf); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := buf.Flush(); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return 0, err
	}
	return w.n, os.Rename(tmp.Name(), path)
}

// countingWriter passes writes on to w, counting the bytes.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
