package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/extract"
	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/nlp/corenlp"
)

// Where extract takes the known actors from (-known).
const (
	knownAuto  = "auto"  // the graph when Neo4j answers, else none
	knownGraph = "graph" // the graph; an error when Neo4j is down
	knownNone  = "none"  // the gazetteer and -actors files only
)

func (m *Main) extractCommand() *command {
	return &command{
		name: "extract", args: "ARTICLE...", minArgs: 1, maxArgs: -1,
		summary: "draft claims from article text (CoreNLP), for review before load",
		doc: `Parses each article (plain UTF-8 text; an optional front matter block
between --- lines gives title, source, url, publishedAt, dateline) with the
CoreNLP server (scripts/corenlp up, or CORENLP_URL), resolves the actors
it names against the known actors and the gazetteer, finds relations with
the cue patterns of docs/extraction.md, and writes a claims file in format
2 whose claims are all draft: true, with verbatim quotes and exact offsets.
Review it, then 'actorgraph check' and 'actorgraph load'.

Known actors come from the graph (-known auto: when Neo4j answers; read
only) and from -actors claims files. The article's own claims file is
never read. One article: -o FILE (default ARTICLE's name with
.draft.yaml); several: -o FOLDER (default beside each article). Each
draft is written whole or not at all; an article with no relation between
known actors writes nothing and says so (exit 1).`,
		setup: func(fs *flag.FlagSet) runFunc {
			out := fs.String("o", "", "the draft `file` (one article) or folder (several)")
			var actorFiles stringList
			fs.Var(&actorFiles, "actors", "a claims `file` whose actors are known (repeatable)")
			known := fs.String("known", knownAuto, "known actors from the graph: auto (when Neo4j answers), graph (required) or none")
			threshold := fs.Float64("threshold", extract.DefaultThreshold, "lowest confidence a drafted claim may have")
			timeout := fs.Duration("nlp-timeout", corenlp.DefaultTimeout, "time limit of the parse of one article")
			maxBytes := fs.Int64("max-bytes", extract.DefaultMaxBytes, "largest article accepted, in bytes")
			cfg := dbFlags(fs)
			return func(ctx context.Context, args []string) error {
				if *threshold < 0 || *threshold > 1 {
					return usagef("-threshold must be between 0 and 1")
				}
				if *known != knownAuto && *known != knownGraph && *known != knownNone {
					return usagef("-known must be auto, graph or none, not %q", *known)
				}
				if *timeout <= 0 || *maxBytes <= 0 {
					return usagef("-nlp-timeout and -max-bytes must be positive")
				}
				// Read and check every article before anything is parsed.
				arts := make([]extract.Article, len(args))
				for i, p := range args {
					a, err := extract.ReadArticle(p, *maxBytes)
					if err != nil {
						return err
					}
					arts[i] = a
				}
				outs, err := draftPaths(args, *out)
				if err != nil {
					return err
				}
				knownActors, err := m.knownActors(ctx, cfg, *known, actorFiles, arts)
				if err != nil {
					return err
				}
				gaz, err := actors.DefaultGazetteer()
				if err != nil {
					return err
				}
				res, err := actors.NewResolver(knownActors, gaz)
				if err != nil {
					return err
				}
				parser, err := corenlp.New(corenlp.Config{Timeout: *timeout})
				if err != nil {
					return err
				}
				x := &extract.Extractor{Parser: parser, Resolver: res, Threshold: *threshold}
				var failed []string
				for i, a := range arts {
					r, err := x.Extract(ctx, a, outs[i])
					if graph.ErrorCode(err) == graph.EUNAVAILABLE {
						// The NLP server is down: its message says how to
						// start it; the Neo4j hint would mislead.
						return errors.New(message(err))
					}
					if err != nil {
						return err
					}
					if len(r.Draft.Claims) == 0 {
						fmt.Fprintf(m.Stderr, "%s: no claims drafted (%d actors recognised, %d claims below -threshold): nothing written\n", a.Path, len(r.Draft.Actors), r.Dropped)
						failed = append(failed, a.Path)
						continue
					}
					data, err := r.Draft.Marshal()
					if err != nil {
						return err
					}
					if err := extract.WriteFile(outs[i], data); err != nil {
						return err
					}
					fmt.Fprintf(m.Stdout, "%s: %d draft claims, %d actors (%d proposed) → %s (parse %s, rules %s)\n",
						a.Path, len(r.Draft.Claims), len(r.Draft.Actors), proposedCount(r.Draft), outs[i],
						r.Parse.Round(time.Millisecond), r.Rules.Round(time.Millisecond))
				}
				if len(failed) > 0 {
					return fmt.Errorf("no claims drafted from %s", strings.Join(failed, ", "))
				}
				return nil
			}
		},
	}
}

func proposedCount(d *extract.Draft) int {
	n := 0
	for _, a := range d.Actors {
		if d.Proposed(a.ID) {
			n++
		}
	}
	return n
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// draftPaths decides where each article's draft goes.
func draftPaths(articles []string, out string) ([]string, error) {
	def := func(p string) string {
		return strings.TrimSuffix(p, filepath.Ext(p)) + ".draft.yaml"
	}
	paths := make([]string, len(articles))
	if len(articles) == 1 {
		paths[0] = out
		if out == "" {
			paths[0] = def(articles[0])
		} else if fi, err := os.Stat(out); err == nil && fi.IsDir() {
			paths[0] = filepath.Join(out, filepath.Base(def(articles[0])))
		}
		return paths, nil
	}
	if out != "" {
		if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
			return nil, usagef("with several articles, -o must be an existing folder: %s is not", out)
		}
	}
	seen := map[string]string{}
	for i, a := range articles {
		p := def(a)
		if out != "" {
			// Articles named article.txt in different folders keep
			// their folder's name.
			base := filepath.Base(p)
			if strings.HasPrefix(base, "article.") {
				base = filepath.Base(filepath.Dir(a)) + ".draft.yaml"
			}
			p = filepath.Join(out, base)
		}
		if prev, ok := seen[p]; ok {
			return nil, usagef("%s and %s would both be drafted into %s", prev, a, p)
		}
		seen[p] = a
		paths[i] = p
	}
	return paths, nil
}

// knownActors gathers the actors extraction resolves against: the graph's
// (read only) and those of the -actors files. A claims file next to an
// article being extracted is refused: extraction never reads an
// article's own claims.
func (m *Main) knownActors(ctx context.Context, cfg *neo4jstore.Config, known string, files []string, articles []extract.Article) ([]graph.Actor, error) {
	var out []graph.Actor
	for _, f := range files {
		load, err := loaders.ParseFile(f)
		if err != nil {
			return nil, fmt.Errorf("-actors: %w", err)
		}
		for _, a := range articles {
			if load.Article.Text == a.Text {
				return nil, usagef("-actors %s is the claims file of %s itself: extraction never reads an article's own claims", f, a.Path)
			}
		}
		out = append(out, load.Actors...)
	}
	if known == knownNone {
		return out, nil
	}
	store, err := neo4jstore.Open(*cfg)
	if err == nil {
		defer store.Close(context.Background())
		err = checkNeo4j(ctx, store, cfg)
	}
	if err != nil {
		if known == knownAuto {
			fmt.Fprintf(m.Stderr, "extract: Neo4j does not answer, so no graph actors are known (-known none to say so; -known graph to require them): %v\n", firstLine(err))
			return out, nil
		}
		return nil, err
	}
	graphActors, err := extract.GraphActors(ctx, store)
	if err != nil {
		return nil, err
	}
	return append(out, graphActors...), nil
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
