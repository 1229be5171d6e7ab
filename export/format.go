package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Format is an export format: a closed set, defined by the table
// FormatTable.
type Format string

const (
	GraphML     Format = "graphml"
	GEXF        Format = "gexf"
	Cytoscape   Format = "cytoscape"
	CSV         Format = "csv"
	ClaimsTable Format = "claims-csv"
	ClaimsFiles Format = "claims"
)

// FormatInfo describes one export format: one row of FormatTable.
type FormatInfo struct {
	// Format is the name the command's --format and /export/{format} take.
	Format Format
	// Name is what people call the format ("Cytoscape JSON").
	Name string
	// Menu is the format's entry in the network view's export menu.
	Menu string
	// For names the tools that read it.
	For string
	// TestedWith names the tools the export tests open it with.
	TestedWith string
	// Holds says what the export holds, for the README's table.
	Holds string
	// ContentType and Extension are the media type and the file name
	// extension of the format's single-stream output.
	ContentType, Extension string
	// Files is true for the claims files, which are written from the store
	// a batch of articles at a time (WriteClaimsZip, WriteClaimsDir)
	// rather than rendered from Data.
	Files bool
	// write renders the whole export as that single stream.
	write func(io.Writer, Data) error
}

// FormatTable is the closed set of export formats: the one place a format
// is defined. ParseFormat, Render, the server's /export/{format}, the
// command's usage, the README's table of formats and the network view's
// export menu follow it (`make generate` rewrites the last two,
// internal/cmd/gendocs).
var FormatTable = []FormatInfo{
	{Format: GEXF, Name: "GEXF", Menu: "GEXF (Gephi)", For: "Gephi (the format to use there)",
		TestedWith:  "the Gephi toolkit 0.10.1's importer; NetworkX 3.6 `read_gexf`",
		Holds:       "GEXF 1.3. Every actor with its kind, aliases and description; every relationship as its own edge, its `kind` the relation type (so Gephi keeps typed relationships between the same two actors apart), weight the corroboration (distinct sources); the claims behind it as list attributes; the network view's colours, sizes and shapes, and positions when given. Lists are `liststring` columns in Gephi; NetworkX reads them as text holding a JSON array",
		ContentType: "application/gexf+xml", Extension: "gexf", write: writeGEXF},
	{Format: GraphML, Name: "GraphML", Menu: "GraphML (yEd, Gephi)", For: "yEd, Gephi, NetworkX, igraph",
		TestedWith:  "the Gephi toolkit's importer; NetworkX `read_graphml`; `xmllint` against the GraphML schema",
		Holds:       "GraphML 1.0 with the same attributes as typed keys. Gephi keeps every relationship (each `<edge>` carries its relation type in a `label` attribute, which Gephi reads as the edge type) and the view's colours and sizes (keys `r`, `g`, `b`, `size`, `x`, `y`). GraphML has no lists: they are text holding a JSON array (`json.loads`)",
		ContentType: "application/graphml+xml", Extension: "graphml", write: writeGraphML},
	{Format: Cytoscape, Name: "Cytoscape JSON", Menu: "Cytoscape JSON", For: "Cytoscape.js, Cytoscape desktop (`.cyjs`), NetworkX",
		TestedWith:  "Cytoscape.js 3.33 (tools/cytoscape-check, in Chromium); NetworkX `json_graph.cytoscape_graph`",
		Holds:       "`{\"elements\": {\"nodes\": […], \"edges\": […]}}` with every attribute in `data`, lists as JSON arrays (real lists in Cytoscape.js and NetworkX), positions with the preset layout when given: pass it to `cytoscape()` as is",
		ContentType: "application/json", Extension: "cyjs", write: writeCytoscape},
	{Format: ClaimsTable, Name: "claims table (CSV)", Menu: "Claims table (CSV)", For: "pandas, a spreadsheet, Gephi's Data Laboratory",
		TestedWith:  "the export tests",
		Holds:       "one CSV row per claim behind the exported relationships: `relationshipId`, `from`, `type`, `to`, then the claim's fields. `relationshipId` is the edge id in GEXF and Cytoscape JSON and an attribute in all three",
		ContentType: "text/csv; charset=utf-8", Extension: "csv", write: writeClaimsTable},
	{Format: ClaimsFiles, Name: "claims files (format 2)", Menu: "Claims files (YAML, zip)", For: "`actorgraph load` (a round trip through files: review in git, edit, load back)",
		TestedWith:  "`actorgraph load`: the seed and a generated corpus, exported and loaded into an emptied graph, give the same nodes, relationships and properties",
		Holds:       "a folder per article, `<article id>/article.txt` and `<article id>/claims.yaml` in [format 2](docs/claims-format.md): the article, its declarations of its actors (its aliases and descriptions) and all its claims; a neighbourhood gives the articles behind its relationships, each whole. Written a batch of articles at a time; over HTTP, and on standard output, a zip of the folders",
		ContentType: "application/zip", Extension: "zip", Files: true},
	{Format: CSV, Name: "neo4j-admin CSV", Menu: "neo4j-admin CSV (zip)", For: "`neo4j-admin database import`",
		TestedWith:  "the real `neo4j-admin`",
		Holds:       "`actors.csv`, `articles.csv`, `claims.csv`, `relationships.csv`, `claim_actors.csv`, `claim_articles.csv` in the import tool's header format, and `IMPORT.txt` with the command; over HTTP, and on standard output, a zip of them",
		ContentType: "application/zip", Extension: "zip", write: writeCSVZip},
}

// Formats lists every format (FormatTable's first column).
var Formats = func() []Format {
	out := make([]Format, len(FormatTable))
	for i, r := range FormatTable {
		out[i] = r.Format
	}
	return out
}()

// FormatNames joins the formats' values for usage texts with sep between
// them and last before the final one: "graphml, gexf, cytoscape or csv".
func FormatNames(sep, last string) string {
	var b strings.Builder
	for i, f := range Formats {
		switch {
		case i == 0:
		case i == len(Formats)-1:
			b.WriteString(last)
		default:
			b.WriteString(sep)
		}
		b.WriteString(string(f))
	}
	return b.String()
}

// ParseFormat returns the format named s (in any case).
func ParseFormat(s string) (Format, error) {
	if _, ok := info(Format(strings.ToLower(s))); ok {
		return Format(strings.ToLower(s)), nil
	}
	return "", graph.Errorf(graph.EINVALID, "unknown export format %q (want one of %s)", s, FormatNames(", ", ", "))
}

func info(f Format) (FormatInfo, bool) {
	for _, r := range FormatTable {
		if r.Format == f {
			return r, true
		}
	}
	return FormatInfo{}, false
}

// ContentType is the media type of the format's single-stream output.
func (f Format) ContentType() string {
	if r, ok := info(f); ok {
		return r.ContentType
	}
	return "application/octet-stream"
}

// Extension is the file name extension of the format's single-stream output.
func (f Format) Extension() string {
	if r, ok := info(f); ok {
		return r.Extension
	}
	return string(f)
}

// Files reports whether f is written from the store a batch of articles
// at a time (WriteClaimsZip) rather than rendered from Data.
func (f Format) Files() bool {
	r, ok := info(f)
	return ok && r.Files
}

// Write writes the export of d to w as one stream (CSV files as a zip).
func Write(w io.Writer, f Format, d Data) error {
	r, ok := info(f)
	if !ok {
		_, err := ParseFormat(string(f))
		return fmt.Errorf("export %s: %w", f, err)
	}
	if r.Files {
		return graph.Errorf(graph.EINVALID, "export %s: the claims files are written from the store (WriteClaimsZip), not from collected data", f)
	}
	if err := r.write(w, d); err != nil {
		return fmt.Errorf("export %s: %w", f, err)
	}
	return nil
}

// Render returns the whole export as one stream (CSV files as a zip).
func Render(f Format, d Data) ([]byte, error) {
	var b bytes.Buffer
	if err := Write(&b, f, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// xmlText escapes s for XML character data and attribute values, as
// xml.EscapeText does: markup characters and line breaks become
// references, and characters XML 1.0 does not allow become U+FFFD.
func xmlText(w io.Writer, s string) {
	// EscapeText returns only the writer's error; callers write to a
	// bufio.Writer and check the error of its Flush.
	_ = xml.EscapeText(w, []byte(s))
}

// errWriter passes writes on to w and remembers the first error, so that a
// writer behind a bufio.Writer can stop at the first failed write instead
// of rendering the rest of a file nobody will read.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
