package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Format is an export format.
type Format string

const (
	GraphML   Format = "graphml"   // GraphML 1.0 with typed data keys
	GEXF      Format = "gexf"      // GEXF 1.2
	Cytoscape Format = "cytoscape" // Cytoscape.js JSON: {"elements": {"nodes": […], "edges": […]}}
	CSV       Format = "csv"       // neo4j-admin import CSV files (a zip archive when streamed)
)

// Formats lists every format.
var Formats = []Format{GraphML, GEXF, Cytoscape, CSV}

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
	default:
		_, err = ParseFormat(string(f))
	}
	if err != nil {
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
