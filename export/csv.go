package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// arrayDelimiter separates array values in the CSV files; it is
// neo4j-admin's default, so the import command needs no option for it.
const arrayDelimiter = ";"

// ImportArgs are the arguments of `neo4j-admin database import full` that
// load the CSV files, run in their folder, into a new database named neo4j
// (the name comes first: the file options take several values). Article
// texts span lines, hence --multiline-fields.
var ImportArgs = []string{
	"neo4j", "--multiline-fields=true",
	"--nodes=actors.csv", "--nodes=articles.csv", "--nodes=claims.csv",
	"--relationships=relationships.csv", "--relationships=claim_actors.csv", "--relationships=claim_articles.csv",
}

// ImportCommand is the shell command that loads the CSV files.
var ImportCommand = "neo4j-admin database import full " + strings.Join(ImportArgs, " ")

// csvTable is one file of the CSV export: its header, and rows, which
// calls emit with each row in turn (stopping at emit's first error) and
// returns a value the file cannot hold, if any.
type csvTable struct {
	name   string
	header []string
	rows   func(emit func([]string) error) error
}

// CSVFiles renders d as the files `neo4j-admin database import` reads: one
// per node label and per relationship group, in its header format, so the
// imported graph is the graph actorgraph writes (run `actorgraph schema`
// against it afterwards for the constraints and indexes).
func CSVFiles(d Data) (map[string][]byte, error) {
	bufs := map[string]*bytes.Buffer{}
	err := writeCSV(d, func(name string) (io.Writer, error) {
		bufs[name] = new(bytes.Buffer)
		return bufs[name], nil
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(bufs))
	for name, b := range bufs {
		out[name] = b.Bytes()
	}
	return out, nil
}

// CSVFileNames lists the files CSVFiles writes, in a stable order.
var CSVFileNames = []string{"actors.csv", "articles.csv", "claims.csv", "relationships.csv", "claim_actors.csv", "claim_articles.csv", "IMPORT.txt"}

// importText is IMPORT.txt, the instructions beside the CSV files.
var importText = "Load these files into a new Neo4j database with\n\n" + ImportCommand +
	"\n\nthen run `actorgraph schema` against it to create the constraints and indexes.\n"

// writeCSV writes each file of the CSV export, in CSVFileNames order, to
// the writer create returns for its name, a row at a time. Every row is
// made once before anything is written, without being kept, so that a
// value the format cannot hold fails the export before its first byte.
func writeCSV(d Data, create func(name string) (io.Writer, error)) error {
	tables := csvTables(d)
	for _, t := range tables {
		if err := t.rows(func([]string) error { return nil }); err != nil {
			return err
		}
	}
	for _, t := range tables {
		w, err := create(t.name)
		if err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(t.header); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		if err := t.rows(cw.Write); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	w, err := create("IMPORT.txt")
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, importText)
	return err
}

// emitAll emits each row in turn, stopping at the first error.
func emitAll(emit func([]string) error, rows ...[]string) error {
	for _, r := range rows {
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}

func csvTables(d Data) []csvTable {
	var bad error
	array := func(what string, vals []string) string {
		for _, v := range vals {
			if strings.Contains(v, arrayDelimiter) && bad == nil {
				bad = graph.Errorf(graph.EINVALID, "%s value %q contains the CSV array delimiter %q", what, v, arrayDelimiter)
			}
		}
		return strings.Join(vals, arrayDelimiter)
	}
	actors := csvTable{"actors.csv", []string{"id:ID(Actor)", "name", "kind", "aliases:string[]", "aliasText", "nameKey", "aliasKeys:string[]", "description", ":LABEL"}, func(emit func([]string) error) error {
		for _, a := range d.Graph.Nodes {
			keys := make([]string, len(a.Aliases))
			for i, al := range a.Aliases {
				keys[i] = graph.NameKey(al)
			}
			err := emit([]string{
				a.ID, a.Name, string(a.Kind), array("alias of "+a.ID, a.Aliases), aliasText(a.Aliases),
				graph.NameKey(a.Name), array("alias of "+a.ID, keys), a.Description,
				"Actor" + arrayDelimiter + a.Kind.Label(),
			})
			if err != nil {
				return err
			}
		}
		return bad
	}}
	articles := csvTable{"articles.csv", []string{"id:ID(Article)", "title", "dateline", "source", "url", "publishedAt", "note", "text", ":LABEL"}, func(emit func([]string) error) error {
		for _, a := range d.Articles {
			if err := emit([]string{a.ID, a.Title, a.Dateline, a.Source, a.URL, a.PublishedAt, a.Note, a.Text, "Article"}); err != nil {
				return err
			}
		}
		return bad
	}}
	claims := csvTable{"claims.csv", []string{"id:ID(Claim)", "relation", "certainty", "ownStatement:boolean", "conditional:boolean", "condition",
		"quote", "start:int", "end:int", "note", "subjectText", "objectText", "timeStatus", "timeCue", "timeFrom", "timeTo",
		"validFrom", "validTo", "sentenceStart:int", "sentenceEnd:int", "source", ":LABEL"}, func(emit func([]string) error) error {
		for _, c := range d.Claims {
			err := emit([]string{
				c.ID, string(c.Relation), string(c.Certainty), strconv.FormatBool(c.OwnStatement), strconv.FormatBool(c.Conditional), c.Condition,
				c.Quote, strconv.Itoa(c.Start), strconv.Itoa(c.End), c.Note, c.SubjectText, c.ObjectText,
				string(c.Time.StatusOrOngoing()), c.Time.Cue, c.Time.From, c.Time.To, c.Valid.From, c.Valid.To,
				strconv.Itoa(c.Sentence.Start), strconv.Itoa(c.Sentence.End), c.Source, "Claim",
			})
			if err != nil {
				return err
			}
		}
		return bad
	}}
	links := csvTable{"claim_actors.csv", []string{":START_ID(Claim)", ":END_ID(Actor)", ":TYPE", "text"}, func(emit func([]string) error) error {
		for _, c := range d.Claims {
			rows := [][]string{{c.ID, c.SubjectID, "SUBJECT", c.SubjectText}, {c.ID, c.ObjectID, "OBJECT", c.ObjectText}}
			if c.AttributedToID != "" {
				rows = append(rows, []string{c.ID, c.AttributedToID, "ATTRIBUTED_TO", ""})
			}
			if err := emitAll(emit, rows...); err != nil {
				return err
			}
		}
		return bad
	}}
	stated := csvTable{"claim_articles.csv", []string{":START_ID(Claim)", ":END_ID(Article)", ":TYPE"}, func(emit func([]string) error) error {
		for _, c := range d.Claims {
			if err := emit([]string{c.ID, c.ArticleID, "STATED_IN"}); err != nil {
				return err
			}
		}
		return bad
	}}
	relHeader := []string{":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "id", "certainty", "certainties:string[]"}
	for _, c := range graph.CertaintyTable {
		relHeader = append(relHeader, c.Count+":int")
	}
	relHeader = append(relHeader, "ownStatements:int", "conditionals:int", "claimIds:string[]", "claimCount:int",
		"articleIds:string[]", "articleCount:int", "sourceIds:string[]", "sourceCount:int", "sentenceCount:int",
		"firstReported", "lastReported", "intervals:string[]")
	rels := csvTable{"relationships.csv", relHeader, func(emit func([]string) error) error {
		for _, r := range d.Graph.Edges {
			row := []string{r.FromID, r.ToID, string(r.Type), r.ID, string(r.Certainty), array("certainty", certaintyNames(r.Certainties()))}
			for _, c := range graph.Certainties {
				row = append(row, strconv.Itoa(r.Count(c)))
			}
			err := emit(append(row, strconv.Itoa(r.OwnStatements), strconv.Itoa(r.Conditionals),
				array("claim id", r.ClaimIDs), strconv.Itoa(r.ClaimCount()), array("article id", r.ArticleIDs), strconv.Itoa(r.ArticleCount()),
				array("source", r.SourceIDs), strconv.Itoa(r.SourceCount()), strconv.Itoa(r.SentenceCount),
				r.FirstReported, r.LastReported, array("interval", r.Intervals)))
			if err != nil {
				return err
			}
		}
		return bad
	}}
	return []csvTable{actors, articles, claims, rels, links, stated}
}

// aliasText is the newline-joined alias list the full-text index reads.
func aliasText(aliases []string) string {
	var b strings.Builder
	for _, a := range aliases {
		b.WriteString(a + "\n")
	}
	return b.String()
}

// writeCSVZip writes the CSV files as one zip archive, a row at a time.
func writeCSVZip(w io.Writer, d Data) error {
	z := zip.NewWriter(w)
	if err := writeCSV(d, z.Create); err != nil {
		return err
	}
	return z.Close()
}

// WriteCSVDir writes the CSV files into dir, which must not exist or be
// empty. The files are written into a sibling temporary folder that is then
// renamed, so a failure leaves nothing behind.
func WriteCSVDir(dir string, d Data) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return graph.Errorf(graph.EINVALID, "%s is not empty; the CSV export needs a new or empty folder", dir)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(dir)), ".export-*")
	if err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	defer os.RemoveAll(tmp)
	var (
		open *os.File
		buf  *bufio.Writer
	)
	// finish flushes and closes the file being written, if any.
	finish := func() error {
		if open == nil {
			return nil
		}
		err := buf.Flush()
		if cerr := open.Close(); err == nil {
			err = cerr
		}
		open = nil
		return err
	}
	err = writeCSV(d, func(name string) (io.Writer, error) {
		if err := finish(); err != nil {
			return nil, err
		}
		f, err := os.Create(filepath.Join(tmp, name))
		if err != nil {
			return nil, err
		}
		open, buf = f, bufio.NewWriter(f)
		return buf, nil
	})
	if ferr := finish(); err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	os.Remove(dir) // an empty folder is replaced
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	return nil
}
