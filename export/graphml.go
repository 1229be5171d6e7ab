package export

import (
	"bufio"
	"fmt"
	"io"
)

const graphmlHeader = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`

// writeGraphML writes d as GraphML: typed <key>s for every attribute, one
// directed graph, node ids are actor ids, edge ids e0, e1, … (GraphML ids
// are XML name tokens; the relationship id is the relationshipId attribute).
func writeGraphML(w io.Writer, d Data) error {
	b := bufio.NewWriter(w)
	b.WriteString(graphmlHeader)
	keys := func(prefix, domain string, attrs []attr) {
		for _, a := range attrs {
			t := a.typ
			fmt.Fprintf(b, `  <key id="%s_%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", prefix, a.name, domain, a.name, t)
		}
	}
	keys("n", "node", nodeAttrs)
	keys("e", "edge", edgeAttrs)
	b.WriteString(`  <graph id="actorgraph" edgedefault="directed">` + "\n")
	data := func(indent, prefix string, attrs []attr, values []string) {
		for i, a := range attrs {
			if values[i] == "" {
				continue
			}
			fmt.Fprintf(b, `%s<data key="%s_%s">`, indent, prefix, a.name)
			xmlText(b, values[i])
			b.WriteString("</data>\n")
		}
	}
	for _, n := range d.Graph.Nodes {
		b.WriteString(`    <node id="`)
		xmlText(b, n.ID)
		b.WriteString("\">\n")
		data("      ", "n", nodeAttrs, nodeValues(n))
		b.WriteString("    </node>\n")
	}
	for i, e := range d.Graph.Edges {
		fmt.Fprintf(b, `    <edge id="e%d" source="`, i)
		xmlText(b, e.FromID)
		b.WriteString(`" target="`)
		xmlText(b, e.ToID)
		b.WriteString("\">\n")
		data("      ", "e", edgeAttrs, edgeValues(e))
		b.WriteString("    </edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
	return b.Flush()
}
