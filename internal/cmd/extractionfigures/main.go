// Command extractionfigures measures `actorgraph extract` on the seed
// article and on every development article (testdata/articles/*/), and
// writes the figures table of docs/extraction.md between its marker lines
//
//	<!-- BEGIN GENERATED: extraction-figures … -->
//	<!-- END GENERATED: extraction-figures -->
//
// For each article it runs `actorgraph extract [flags] -o DRAFT ARTICLE`
// into a temporary folder (the article's text path, absolute) and compares
// the draft with the article's gold claims file as `actorgraph eval` does
// (extract/eval, in process: the same code, the same figures). It times
// each extraction as a whole (the NLP server's parse included; the
// server's warm-up is not: scripts/corenlp reports it when it starts).
//
// Any extraction that fails stops the run with the article's name and the
// extractor's message, and the document is left as it was; the document
// is replaced whole (a temporary file renamed over it), never half
// written.
//
// scripts/extraction-figures runs it (with CoreNLP: `make
// extraction-figures`). -extract-flags are passed to every extraction of
// the main table (an empty graph); -seed-graph-flags, when given, add a
// second table of the development articles extracted into a graph that
// holds the seed, as held-out articles are judged.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/extract/eval"
)

func main() {
	var o options
	flag.StringVar(&o.root, "root", ".", "the repository's root folder")
	flag.StringVar(&o.bin, "actorgraph", "", "the actorgraph binary to run (default: build ./cmd/actorgraph into a temporary folder)")
	flag.StringVar(&o.doc, "doc", "docs/extraction.md", "the document to write the figures into (relative to -root)")
	extractFlags := flag.String("extract-flags", "", "flags for every extraction of the main table (an empty graph), separated by spaces")
	seedFlags := flag.String("seed-graph-flags", "", "if set, also extract the development articles with these flags (a graph holding the seed) into a second table")
	flag.DurationVar(&o.timeout, "timeout", 10*time.Minute, "the longest one extraction may take")
	stdout := flag.Bool("stdout", false, "print the generated region instead of writing the document")
	flag.Parse()
	o.settings = []setting{{title: "Extracted into an empty graph", flags: strings.Fields(*extractFlags), seed: true}}
	if *seedFlags != "" {
		o.settings = append(o.settings, setting{title: "Development articles extracted into a graph holding the seed", flags: strings.Fields(*seedFlags)})
	}
	if *stdout {
		o.out = os.Stdout
	}
	if err := run(context.Background(), o, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "extraction-figures:", err)
		os.Exit(1)
	}
}

type options struct {
	root, bin, doc string
	timeout        time.Duration
	settings       []setting
	// out, if set, receives the region instead of the document.
	out io.Writer
}

// setting is one table: the extract flags it runs with and whether the
// seed article is among its rows.
type setting struct {
	title string
	flags []string
	seed  bool
}

// article is one article to measure.
type article struct {
	name       string // "seed", or the folder's name
	text, gold string // paths
	dev        bool   // a development article (pooled in the total row)
}

// row is one article's figures.
type row struct {
	article article
	words   int
	report  *eval.Report
	elapsed time.Duration
}

const region = "extraction-figures"

func run(ctx context.Context, o options, log io.Writer) error {
	arts, err := articles(o.root)
	if err != nil {
		return err
	}
	docPath := filepath.Join(o.root, o.doc)
	doc, err := os.ReadFile(docPath)
	if err != nil && o.out == nil {
		return fmt.Errorf("cannot read %s: %w", docPath, err)
	}
	bin := o.bin
	if bin == "" {
		tmp, err := os.MkdirTemp("", "extraction-figures-bin-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		bin = filepath.Join(tmp, "actorgraph")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/actorgraph")
		cmd.Dir = o.root
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/actorgraph: %v\n%s", err, out)
		}
	}
	work, err := os.MkdirTemp("", "extraction-figures-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	var tables [][]row
	for si, s := range o.settings {
		var rows []row
		for _, a := range arts {
			if a.name == "seed" && !s.seed {
				continue
			}
			fmt.Fprintf(log, "extracting %s (%s)\n", a.name, s.title)
			r, err := measure(ctx, bin, s.flags, a, filepath.Join(work, fmt.Sprintf("%d-%s.yaml", si, a.name)), o.timeout)
			if err != nil {
				return err
			}
			rows = append(rows, r)
		}
		tables = append(tables, rows)
	}
	body := render(o.settings, tables)
	if o.out != nil {
		_, err := io.WriteString(o.out, strings.Join(body, "\n")+"\n")
		return err
	}
	lines := strings.Split(string(doc), "\n")
	lines, err = replaceRegion(lines, region, body)
	if err != nil {
		return fmt.Errorf("%s: %w", docPath, err)
	}
	return writeFile(docPath, []byte(strings.Join(lines, "\n")))
}

// articles lists the seed and the development articles, in that order and
// by folder name.
func articles(root string) ([]article, error) {
	out := []article{{name: "seed", text: filepath.Join(root, "seed", "article.txt"), gold: filepath.Join(root, "seed", "claims.yaml")}}
	dirs, err := filepath.Glob(filepath.Join(root, "testdata", "articles", "*", "claims.yaml"))
	if err != nil {
		return nil, err
	}
	slices.Sort(dirs)
	for _, g := range dirs {
		dir := filepath.Dir(g)
		out = append(out, article{name: filepath.Base(dir), text: filepath.Join(dir, "article.txt"), gold: g, dev: true})
	}
	for _, a := range out {
		for _, p := range []string{a.text, a.gold} {
			if _, err := os.Stat(p); err != nil {
				return nil, fmt.Errorf("article %s: %w", a.name, err)
			}
		}
	}
	return out, nil
}

// measure extracts one article into draft and compares it with the gold.
func measure(ctx context.Context, bin string, flags []string, a article, draft string, timeout time.Duration) (row, error) {
	text, err := filepath.Abs(a.text)
	if err != nil {
		return row{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := append(append([]string{"extract"}, flags...), "-o", draft, text)
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	err = cmd.Run()
	elapsed := time.Since(start)
	switch {
	case ctx.Err() != nil:
		return row{}, fmt.Errorf("article %s: actorgraph %s took longer than %s", a.name, strings.Join(args, " "), timeout)
	case err != nil:
		return row{}, fmt.Errorf("article %s: actorgraph %s: %v\n%s", a.name, strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	gold, err := eval.ReadFile(a.gold)
	if err != nil {
		return row{}, fmt.Errorf("article %s: %w", a.name, err)
	}
	d, err := eval.ReadFile(draft)
	if err != nil {
		return row{}, fmt.Errorf("article %s: the draft: %w", a.name, err)
	}
	rep, err := eval.Compare(gold, d)
	if err != nil {
		return row{}, fmt.Errorf("article %s: %w", a.name, err)
	}
	return row{article: a, words: len(strings.Fields(gold.Text.String())), report: rep, elapsed: elapsed}, nil
}

// render writes the region: a line on how it was made, then one table per
// setting.
func render(settings []setting, tables [][]row) []string {
	out := []string{
		"",
		"Written by `scripts/extraction-figures`: each article extracted with `actorgraph extract [flags] -o DRAFT ARTICLE`",
		"and compared with its gold claims as `actorgraph eval -gold GOLD DRAFT` does. Each cell is the ratio with",
		"its counts; agreement is on the claim pairs behind matched triples. The development articles' last row",
		"pools their counts. Extraction time is the whole command, the NLP server's parse included, its warm-up",
		"not. Targets on the seed: precision ≥ 0.75, recall ≥ 0.60, actor recall 1.00, quotes 1.00.",
	}
	for i, s := range settings {
		flags := "none"
		if len(s.flags) > 0 {
			flags = "`" + strings.Join(s.flags, " ") + "`"
		}
		out = append(out, "", fmt.Sprintf("**%s** (extract flags: %s)", s.title, flags), "")
		out = append(out, table(tables[i])...)
	}
	return append(out, "")
}

var columns = []string{"article", "words", "gold triples", "drafted", "matched", "precision", "recall", "F1",
	"actor recall", "certainty", "ownStatement", "conditional", "attribution", "quotes at offsets", "extract (s)"}

func table(rows []row) []string {
	out := []string{"| " + strings.Join(columns, " | ") + " |", "|" + strings.Repeat("---|", len(columns))}
	var pool totals
	n := 0
	for _, r := range rows {
		t := totalsOf(r.report)
		out = append(out, t.cells(r.article.name, r.words, fmt.Sprintf("%.1f", r.elapsed.Seconds())))
		if r.article.dev {
			pool.add(t)
			pool.words += r.words
			n++
		}
	}
	if n > 1 {
		out = append(out, pool.cells(fmt.Sprintf("development articles (%d), pooled", n), pool.words, ""))
	}
	return out
}

// totals are the counts behind one row.
type totals struct {
	gold, drafted, matched int
	actors, quotes         eval.Ratio
	agree                  []eval.Ratio // in eval.Measures order
	words                  int
}

func totalsOf(r *eval.Report) totals {
	t := totals{gold: len(r.GoldTriples), drafted: len(r.DraftTriples), matched: len(r.Matched), actors: r.ActorRecall, quotes: r.Quotes}
	for _, m := range eval.Measures {
		t.agree = append(t.agree, r.Agreement[m.Measure])
	}
	return t
}

func (t *totals) add(o totals) {
	t.gold, t.drafted, t.matched = t.gold+o.gold, t.drafted+o.drafted, t.matched+o.matched
	t.actors, t.quotes = sum(t.actors, o.actors), sum(t.quotes, o.quotes)
	if t.agree == nil {
		t.agree = make([]eval.Ratio, len(o.agree))
	}
	for i := range o.agree {
		t.agree[i] = sum(t.agree[i], o.agree[i])
	}
}

func sum(a, b eval.Ratio) eval.Ratio { return eval.Ratio{N: a.N + b.N, Of: a.Of + b.Of} }

func (t totals) cells(name string, words int, seconds string) string {
	p, r := eval.Ratio{N: t.matched, Of: t.drafted}, eval.Ratio{N: t.matched, Of: t.gold}
	f1 := 0.0
	if p.Value()+r.Value() > 0 {
		f1 = 2 * p.Value() * r.Value() / (p.Value() + r.Value())
	}
	cells := []string{name, fmt.Sprint(words), fmt.Sprint(t.gold), fmt.Sprint(t.drafted), fmt.Sprint(t.matched),
		ratio(p), ratio(r), fmt.Sprintf("%.2f", f1), ratio(t.actors)}
	for _, a := range t.agree {
		cells = append(cells, ratio(a))
	}
	cells = append(cells, ratio(t.quotes), seconds)
	return "| " + strings.Join(cells, " | ") + " |"
}

// ratio is "0.75 (30/40)", or "n/a" without a total.
func ratio(r eval.Ratio) string {
	if !r.Defined() {
		return "n/a"
	}
	return fmt.Sprintf("%.2f (%d/%d)", r.Value(), r.N, r.Of)
}

// replaceRegion puts body between the marker lines of region name.
func replaceRegion(lines []string, name string, body []string) ([]string, error) {
	begin, end := -1, -1
	for i, l := range lines {
		switch {
		case strings.Contains(l, "BEGIN GENERATED: "+name+" ") || strings.HasSuffix(l, "BEGIN GENERATED: "+name):
			if begin >= 0 {
				return nil, fmt.Errorf("two BEGIN GENERATED: %s markers (lines %d and %d)", name, begin+1, i+1)
			}
			begin = i
		case strings.Contains(l, "END GENERATED: "+name+" ") || strings.HasSuffix(l, "END GENERATED: "+name):
			end = i
		}
	}
	if begin < 0 || end < begin {
		return nil, fmt.Errorf("no BEGIN GENERATED: %s … END GENERATED: %s marker lines", name, name)
	}
	return slices.Concat(lines[:begin+1], body, lines[end:]), nil
}

// writeFile replaces path whole: a temporary file beside it, renamed.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".extraction-figures-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	err = errors.Join(err, tmp.Chmod(0o644), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
