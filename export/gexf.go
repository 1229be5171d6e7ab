package export

import (
	"bufio"
	"fmt"
	"io"
)

const gexfHeader = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"
    version="1.2">
  <meta>
    <creator>actorgraph</creator>
    <description>Actors and the relationships the reporting claims between them</description>
  </meta>
  <graph mode="static" defaultedgetype="directed">
`

// gexfType maps an attribute type onto GEXF's attribute types.
func gexfType(t string) string {
	if t == "int" {
		return "integer"
	}
	return t
}

// writeGEXF writes d as GEXF 1.2. The node and edge label is an XML
// attribute in GEXF, so the "label" attribute is not repeated as a column.
func writeGEXF(w io.Writer, d Data) error {
	b := bufio.NewWriter(w)
	b.WriteString(gexfHeader)
	decl := func(class string, attrs []attr) {
		fmt.Fprintf(b, `    <attributes class="%s" mode="static">`+"\n", class)
		for _, a := range attrs[1:] {
			fmt.Fprintf(b, `      <attribute id="%s" title="%s" type="%s"/>`+"\n", a.name, a.name, gexfType(a.typ))
		}
		b.WriteString("    </attributes>\n")
	}
	decl("node", nodeAttrs)
	decl("edge", edgeAttrs)
	values := func(attrs []attr, vals []string) {
		b.WriteString("        <attvalues>\n")
		for i, a := range attrs[1:] {
			if vals[i+1] == "" {
				continue
			}
			fmt.Fprintf(b, `          <attvalue for="%s" value="`, a.name)
			xmlText(b, vals[i+1])
			b.WriteString("\"/>\n")
		}
		b.WriteString("        </attvalues>\n")
	}
	fmt.Fprintf(b, "    <nodes count=\"%d\">\n", len(d.Graph.Nodes))
	for _, n := range d.Graph.Nodes {
		b.WriteString(`      <node id="`)
		xmlText(b, n.ID)
		b.WriteString(`" label="`)
		xmlText(b, n.Name)
		b.WriteString("\">\n")
		values(nodeAttrs, nodeValues(n))
		b.WriteString("      </node>\n")
	}
	b.WriteString("    </nodes>\n")
	fmt.Fprintf(b, "    <edges count=\"%d\">\n", len(d.Graph.Edges))
	for _, e := range d.Graph.Edges {
		b.WriteString(`      <edge id="`)
		xmlText(b, e.ID)
		b.WriteString(`" source="`)
		xmlText(b, e.FromID)
		b.WriteString(`" target="`)
		xmlText(b, e.ToID)
		fmt.Fprintf(b, `" label="%s" weight="%d">`+"\n", e.Type, e.Corroboration())
		values(edgeAttrs, edgeValues(e))
		b.WriteString("      </edge>\n")
	}
	b.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return b.Flush()
}
