package export

import (
	"archive/zip"
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

// csvFile is one file of the CSV export.
type csvFile struct {
	name string
	rows [][]string // the header first
}

// CSVFiles renders d as the files `neo4j-admin database import` reads: one
// per node label and per relationship group, in its header format, so the
// imported graph is the graph actorgraph writes (run `actorgraph schema`
// against it afterwards for the constraints and indexes).
func CSVFiles(d Data) (map[string][]byte, error) {
	files, err := csvTables(d)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(files)+1)
	for _, f := range files {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if err := w.WriteAll(f.rows); err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		out[f.name] = b.Bytes()
	}
	out["IMPORT.txt"] = []byte("Load these files into a new Neo4j database with\n\n" + ImportCommand +
		"\n\nthen run `actorgraph schema` against it to create the constraints and indexes.\n")
	return out, nil
}

// CSVFileNames lists the files CSVFiles writes, in a stable order.
var CSVFileNames = []string{"actors.csv", "articles.csv", "claims.csv", "relationships.csv", "claim_actors.csv", "claim_articles.csv", "IMPORT.txt"}

func csvTables(d Data) ([]csvFile, error) {
	var bad error
	array := func(what string, vals []string) string {
		for _, v := range vals {
			if strings.Contains(v, arrayDelimiter) && bad == nil {
				bad = graph.Errorf(graph.EINVALID, "%s value %q contains the CSV array delimiter %q", what, v, arrayDelimiter)
			}
		}
		return strings.Join(vals, arrayDelimiter)
	}
	actors := csvFile{"actors.csv", [][]string{{"id:ID(Actor)", "name", "kind", "aliases:string[]", "aliasText", "nameKey", "aliasKeys:string[]", "description", ":LABEL"}}}
	for _, a := range d.Graph.Nodes {
		keys := make([]string, len(a.Aliases))
		for i, al := range a.Aliases {
			keys[i] = graph.NameKey(al)
		}
		actors.rows = append(actors.rows, []string{
			a.ID, a.Name, string(a.Kind), array("alias of "+a.ID, a.Aliases), aliasText(a.Aliases),
			graph.NameKey(a.Name), array("alias of "+a.ID, keys), a.Description,
			"Actor" + arrayDelimiter + a.Kind.Label(),
		})
	}
	articles := csvFile{"articles.csv", [][]string{{"id:ID(Article)", "title", "dateline", "source", "url", "publishedAt", "note", "text", ":LABEL"}}}
	for _, a := range d.Articles {
		articles.rows = append(articles.rows, []string{a.ID, a.Title, a.Dateline, a.Source, a.URL, a.PublishedAt, a.Note, a.Text, "Article"})
	}
	claims := csvFile{"claims.csv", [][]string{{"id:ID(Claim)", "relation", "certainty", "ownStatement:boolean", "conditional:boolean", "condition",
		"quote", "start:int", "end:int", "note", "subjectText", "objectText", "timeStatus", "timeCue", "timeFrom", "timeTo",
		"validFrom", "validTo", "sentenceStart:int", "sentenceEnd:int", "source", ":LABEL"}}}
	links := csvFile{"claim_actors.csv", [][]string{{":START_ID(Claim)", ":END_ID(Actor)", ":TYPE", "text"}}}
	stated := csvFile{"claim_articles.csv", [][]string{{":START_ID(Claim)", ":END_ID(Article)", ":TYPE"}}}
	for _, c := range d.Claims {
		claims.rows = append(claims.rows, []string{
			c.ID, string(c.Relation), string(c.Certainty), strconv.FormatBool(c.OwnStatement), strconv.FormatBool(c.Conditional), c.Condition,
			c.Quote, strconv.Itoa(c.Start), strconv.Itoa(c.End), c.Note, c.SubjectText, c.ObjectText,
			string(c.Time.StatusOrOngoing()), c.Time.Cue, c.Time.From, c.Time.To, c.Valid.From, c.Valid.To,
			strconv.Itoa(c.Sentence.Start), strconv.Itoa(c.Sentence.End), c.Source, "Claim",
		})
		links.rows = append(links.rows, []string{c.ID, c.SubjectID, "SUBJECT", c.SubjectText}, []string{c.ID, c.ObjectID, "OBJECT", c.ObjectText})
		if c.AttributedToID != "" {
			links.rows = append(links.rows, []string{c.ID, c.AttributedToID, "ATTRIBUTED_TO", ""})
		}
		stated.rows = append(stated.rows, []string{c.ID, c.ArticleID, "STATED_IN"})
	}
	relHeader := []string{":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "id", "certainty", "certainties:string[]"}
	for _, c := range graph.CertaintyTable {
		relHeader = append(relHeader, c.Count+":int")
	}
	relHeader = append(relHeader, "ownStatements:int", "conditionals:int", "claimIds:string[]", "claimCount:int",
		"articleIds:string[]", "articleCount:int", "sourceIds:string[]", "sourceCount:int", "sentenceCount:int",
		"firstReported", "lastReported", "intervals:string[]")
	rels := csvFile{"relationships.csv", [][]string{relHeader}}
	for _, r := range d.Graph.Edges {
		row := []string{r.FromID, r.ToID, string(r.Type), r.ID, string(r.Certainty), array("certainty", certaintyNames(r.Certainties()))}
		for _, c := range graph.Certainties {
			row = append(row, strconv.Itoa(r.Count(c)))
		}
		rels.rows = append(rels.rows, append(row, strconv.Itoa(r.OwnStatements), strconv.Itoa(r.Conditionals),
			array("claim id", r.ClaimIDs), strconv.Itoa(r.ClaimCount()), array("article id", r.ArticleIDs), strconv.Itoa(r.ArticleCount()),
			array("source", r.SourceIDs), strconv.Itoa(r.SourceCount()), strconv.Itoa(r.SentenceCount),
			r.FirstReported, r.LastReported, array("interval", r.Intervals)))
	}
	if bad != nil {
		return nil, bad
	}
	return []csvFile{actors, articles, claims, rels, links, stated}, nil
}

// aliasText is the newline-joined alias list the full-text index reads.
func aliasText(aliases []string) string {
	var b strings.Builder
	for _, a := range aliases {
		b.WriteString(a + "\n")
	}
	return b.String()
}

// writeCSVZip writes the CSV files as one zip archive.
func writeCSVZip(w io.Writer, d Data) error {
	files, err := CSVFiles(d)
	if err != nil {
		return err
	}
	z := zip.NewWriter(w)
	for _, name := range CSVFileNames {
		f, err := z.Create(name)
		if err != nil {
			return err
		}
		if _, err := f.Write(files[name]); err != nil {
			return err
		}
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
	files, err := CSVFiles(d)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(dir)), ".export-*")
	if err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	defer os.RemoveAll(tmp)
	for _, name := range CSVFileNames {
		if err := os.WriteFile(filepath.Join(tmp, name), files[name], 0o644); err != nil {
			return fmt.Errorf("csv export: %w", err)
		}
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
