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
	GraphML   Format = "graphml"
	GEXF      Format = "gexf"
	Cytoscape Format = "cytoscape"
	CSV       Format = "csv"
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
	// Holds says what the export holds, for the README's table.
	Holds string
	// ContentType and Extension are the media type and the file name
	// extension of the format's single-stream output.
	ContentType, Extension string
	// write renders the whole export as that single stream.
	write func(io.Writer, Data) error
}

// FormatTable is the closed set of export formats: the one place a format
// is defined. ParseFormat, Render, the server's /export/{format}, the
// command's usage, the README's table of formats and the network view's
// export menu follow it (`make generate` rewrites the last two,
// internal/cmd/gendocs).
var FormatTable = []FormatInfo{
	{Format: GraphML, Name: "GraphML", Menu: "GraphML (yEd, Gephi)", For: "yEd, Gephi, NetworkX, igraph",
		Holds:       "GraphML 1.0; typed keys `label`, `kind`, `aliases`, `description` on nodes and `label`, `type`, `modality`, `modalities`, `claimCount` (int), `articleCount` (int), `relationshipId` on edges",
		ContentType: "application/graphml+xml", Extension: "graphml", write: writeGraphML},
	{Format: GEXF, Name: "GEXF", Menu: "GEXF (Gephi)", For: "Gephi",
		Holds:       "GEXF 1.2 with the same attributes (the label is GEXF's own `label`; edge `weight` is the claim count)",
		ContentType: "application/gexf+xml", Extension: "gexf", write: writeGEXF},
	{Format: Cytoscape, Name: "Cytoscape JSON", Menu: "Cytoscape JSON", For: "Cytoscape.js, Cytoscape desktop (`.cyjs`)",
		Holds:       "`{\"elements\": {\"nodes\": [{\"data\": {id, label, kind, aliases}}], \"edges\": [{\"data\": {id, source, target, type, modality, claimCount, claimIds}}]}}`: pass it to `cytoscape()` as is",
		ContentType: "application/json", Extension: "cyjs", write: writeCytoscape},
	{Format: CSV, Name: "neo4j-admin CSV", Menu: "neo4j-admin CSV (zip)", For: "`neo4j-admin database import`",
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

// Render returns the whole export as one stream (CSV files as a zip).
func Render(f Format, d Data) ([]byte, error) {
	r, ok := info(f)
	if !ok {
		_, err := ParseFormat(string(f))
		return nil, fmt.Errorf("export %s: %w", f, err)
	}
	var b bytes.Buffer
	if err := r.write(&b, d); err != nil {
		return nil, fmt.Errorf("export %s: %w", f, err)
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
