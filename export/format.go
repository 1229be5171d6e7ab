package export

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Format is an export format.
type Format string

const (
	GraphML     Format = "graphml"   // GraphML 1.0 with typed data keys
	GEXF        Format = "gexf"      // GEXF 1.3 with edge kinds and the network view's viz
	Cytoscape   Format = "cytoscape" // Cytoscape.js JSON: {"elements": {"nodes": […], "edges": […]}}
	CSV         Format = "csv"       // neo4j-admin import CSV files (a zip archive when streamed)
	ClaimsTable Format = "claims"    // one CSV table of the claims behind the relationships
)

// Formats lists every format.
var Formats = []Format{GraphML, GEXF, Cytoscape, CSV, ClaimsTable}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == strings.ToLower(s) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", graph.Errorf(graph.EINVALID, "unknown export format %q (want one of %s)", s, strings.Join(names, ", "))
}

// ContentType is the media type of the format's single-stream output.
func (f Format) ContentType() string {
	switch f {
	case GraphML:
		return "application/graphml+xml"
	case GEXF:
		return "application/gexf+xml"
	case Cytoscape:
		return "application/json"
	case CSV:
		return "application/zip"
	case ClaimsTable:
		return "text/csv; charset=utf-8"
	}
	return "application/octet-stream"
}

// Extension is the file name extension of the format's single-stream output.
func (f Format) Extension() string {
	switch f {
	case Cytoscape:
		return "cyjs"
	case CSV:
		return "zip"
	case ClaimsTable:
		return "csv"
	}
	return string(f)
}

// Render returns the whole export as one stream (CSV files as a zip).
func Render(f Format, d Data) ([]byte, error) {
	var b bytes.Buffer
	var err error
	switch f {
	case GraphML:
		err = writeGraphML(&b, d)
	case GEXF:
		err = writeGEXF(&b, d)
	case Cytoscape:
		err = writeCytoscape(&b, d)
	case CSV:
		err = writeCSVZip(&b, d)
	case ClaimsTable:
		err = writeClaimsTable(&b, d)
	default:
		_, err = ParseFormat(string(f))
	}
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", f, err)
	}
	return b.Bytes(), nil
}

// xmlText escapes s for XML character data and attribute values.
func xmlText(w io.Writer, s string) {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		case '\n':
			b.WriteString("&#10;")
		case '\r':
			b.WriteString("&#13;")
		case '\t':
			b.WriteString("&#9;")
		default:
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
				b.WriteRune('\uFFFD') // not allowed in XML 1.0
			} else {
				b.WriteRune(r)
			}
		}
	}
	io.WriteString(w, b.String())
}
