package export

import (
	"encoding/json"
	"io"
)

// cyDoc is a Cytoscape.js JSON document, as cy.json() writes it: pass it
// to cytoscape() (or cy.json()) as is. Cytoscape desktop opens it as .cyjs.
// directed and multigraph, and each node's value and each edge's key, are
// what NetworkX's json_graph.cytoscape_graph needs to read it into a
// MultiDiGraph; Cytoscape ignores them.
type cyDoc struct {
	FormatVersion string         `json:"format_version"`
	GeneratedBy   string         `json:"generated_by"`
	Target        string         `json:"target_cytoscapejs_version"`
	Directed      bool           `json:"directed"`
	Multigraph    bool           `json:"multigraph"`
	Data          map[string]any `json:"data"`
	Elements      cyElements     `json:"elements"`
	// Layout is {"name": "preset"} when nodes have positions: cytoscape()
	// then draws them there, where otherwise it would put them all at (0, 0).
	Layout map[string]string `json:"layout,omitempty"`
}

type cyElements struct {
	Nodes []cyElement `json:"nodes"`
	Edges []cyElement `json:"edges"`
}

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
	doc := cyDoc{
		FormatVersion: "1.0", GeneratedBy: "actorgraph", Target: "~3",
		Directed: true, Multigraph: true,
		Data:     map[string]any{"name": "actorgraph"},
		Elements: cyElements{Nodes: []cyElement{}, Edges: []cyElement{}},
	}
	fields := func(data map[string]any, attrs []attr, vals []any) {
		for i, a := range attrs {
			if vals[i] != nil {
				data[a.name] = vals[i]
			}
		}
	}
	for _, nd := range n.nodes {
		data := map[string]any{"id": nd.id, "value": nd.id, "label": nd.label}
		fields(data, n.nodeAttrs, nd.values)
		doc.Elements.Nodes = append(doc.Elements.Nodes, cyElement{Data: data, Position: nd.pos})
	}
	if len(d.Positions) > 0 {
		doc.Layout = map[string]string{"name": "preset"}
	}
	for _, e := range n.edges {
		data := map[string]any{"id": e.id, "key": e.id, "source": e.source, "target": e.target, "label": e.kind}
		fields(data, n.edgeAttrs, e.values)
		doc.Elements.Edges = append(doc.Elements.Edges, cyElement{Data: data})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(doc)
}
