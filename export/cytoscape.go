package export

import (
	"bufio"
	"encoding/json"
	"io"
)

// A Cytoscape.js JSON document, as cy.json() writes it: pass it to
// cytoscape() (or cy.json()) as is. Cytoscape desktop opens it as .cyjs.
// directed and multigraph, and each node's value and each edge's key, are
// what NetworkX's json_graph.cytoscape_graph needs to read it into a
// MultiDiGraph; Cytoscape ignores them. The document is written as it
// goes, an element at a time, indented as encoding/json indents by one
// space; "layout" is {"name": "preset"} when nodes have positions:
// cytoscape() then draws them there, where otherwise it would put them
// all at (0, 0).
const (
	cyHead = `{
 "format_version": "1.0",
 "generated_by": "actorgraph",
 "target_cytoscapejs_version": "~3",
 "directed": true,
 "multigraph": true,
 "data": {
  "name": "actorgraph"
 },
 "elements": {
  "nodes": [`
	cyBetween     = `,` + "\n" + `  "edges": [`
	cyElementsEnd = "\n }"
	cyPreset      = `,` + "\n" + ` "layout": {` + "\n" + `  "name": "preset"` + "\n" + ` }`
	cyEnd         = "\n}\n"
	// cyIndent is the indentation of an element in its list.
	cyIndent = "   "
)

// cyElement is one node or edge: its data fields, and a node's position.
type cyElement struct {
	Data     map[string]any `json:"data"`
	Position *Position      `json:"position,omitempty"`
}

// MarshalJSON writes a position as Cytoscape.js's {"x": …, "y": …}.
func (p Position) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		X float64 `json:"x"`
		Y float64 `json:"y"`
	}{p.X, p.Y})
}

// writeCytoscape writes d as Cytoscape.js JSON. Every attribute is a data
// field of its element, lists as JSON arrays; id, label, source, target and
// the relation type are where Cytoscape.js and the network view look for
// them. Positions, when the request has them, are the elements' position,
// with the preset layout that draws them there.
func writeCytoscape(w io.Writer, d Data) error {
	n := buildNetwork(d)
	ew := &errWriter{w: w}
	b := bufio.NewWriter(ew)
	fields := func(data map[string]any, attrs []attr, vals []any) {
		for i, a := range attrs {
			if vals[i] != nil {
				data[a.name] = vals[i]
			}
		}
	}
	// list writes the elements each calls for as the items of a JSON list.
	list := func(each func(func(cyElement) error) error) error {
		first := true
		err := each(func(el cyElement) error {
			j, err := json.MarshalIndent(el, cyIndent, " ")
			if err != nil {
				return err
			}
			if first {
				b.WriteString("\n" + cyIndent)
				first = false
			} else {
				b.WriteString(",\n" + cyIndent)
			}
			b.Write(j)
			return ew.err
		})
		if !first {
			b.WriteString("\n  ")
		}
		b.WriteString("]")
		return err
	}
	b.WriteString(cyHead)
	err := list(func(emit func(cyElement) error) error {
		return n.eachNode(func(nd netNode) error {
			data := map[string]any{"id": nd.id, "value": nd.id, "label": nd.label}
			fields(data, n.nodeAttrs, nd.values)
			return emit(cyElement{Data: data, Position: nd.pos})
		})
	})
	if err != nil {
		return err
	}
	b.WriteString(cyBetween)
	err = list(func(emit func(cyElement) error) error {
		return n.eachEdge(func(e netEdge) error {
			data := map[string]any{"id": e.id, "key": e.id, "source": e.source, "target": e.target, "label": e.kind}
			fields(data, n.edgeAttrs, e.values)
			return emit(cyElement{Data: data})
		})
	})
	if err != nil {
		return err
	}
	b.WriteString(cyElementsEnd)
	if len(d.Positions) > 0 {
		b.WriteString(cyPreset)
	}
	b.WriteString(cyEnd)
	return b.Flush()
}
