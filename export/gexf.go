package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
)

const gexfHeader = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3"
    xmlns:viz="http://gexf.net/1.3/viz"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
    version="1.3">
  <meta>
    <creator>actorgraph</creator>
    <description>Actors and the relationships the reporting claims between them, with the claims behind each relationship</description>
  </meta>
  <graph mode="static" defaultedgetype="directed">
`

// gexfTypes are GEXF's names of the attribute types.
var gexfTypes = map[attrType]string{tString: "string", tInt: "integer", tFloat: "double", tBool: "boolean"}

// gexfType is the GEXF type of a. Every list is a liststring, which Gephi
// reads into a list column; lists of numbers too, since NetworkX (3.6)
// refuses a file with a listinteger attribute.
func gexfType(a attr) string {
	if a.list {
		return "liststring"
	}
	return gexfTypes[a.typ]
}

// writeGEXF writes d as GEXF 1.3, the format Gephi reads most fully:
//   - each edge's kind is its relation type, so Gephi keeps typed
//     relationships between the same two actors apart (with the same kind
//     it would merge them into one edge);
//   - viz: colour, size and shape of nodes and colour, thickness and shape
//     of edges are the network view's; positions when the request has them
//     (y negated: Gephi's y axis points up, the view's down);
//   - list attributes are liststring values in Gephi's notation,
//     ["a", "b"].
func writeGEXF(w io.Writer, d Data) error {
	n := buildNetwork(d)
	ew := &errWriter{w: w}
	b := bufio.NewWriter(ew)
	b.WriteString(gexfHeader)
	decl := func(class string, attrs []attr) {
		fmt.Fprintf(b, `    <attributes class="%s" mode="static">`+"\n", class)
		for _, a := range attrs {
			fmt.Fprintf(b, `      <attribute id="%s" title="%s" type="%s"/>`+"\n", a.name, a.name, gexfType(a))
		}
		b.WriteString("    </attributes>\n")
	}
	decl("node", n.nodeAttrs)
	decl("edge", n.edgeAttrs)
	values := func(attrs []attr, vals []any) {
		b.WriteString("        <attvalues>\n")
		for i, a := range attrs {
			s, ok := valueText(vals[i])
			if !ok {
				continue
			}
			fmt.Fprintf(b, `          <attvalue for="%s" value="`, a.name)
			xmlText(b, s)
			b.WriteString("\"/>\n")
		}
		b.WriteString("        </attvalues>\n")
	}
	color := func(hex string) {
		r, g, bl := rgb(hex)
		fmt.Fprintf(b, `        <viz:color r="%d" g="%d" b="%d"/>`+"\n", r, g, bl)
	}
	fmt.Fprintf(b, "    <nodes count=\"%d\">\n", n.nodeCount())
	err := n.eachNode(func(nd netNode) error {
		b.WriteString(`      <node id="`)
		xmlText(b, nd.id)
		b.WriteString(`" label="`)
		xmlText(b, nd.label)
		b.WriteString("\">\n")
		values(n.nodeAttrs, nd.values)
		color(nd.style.color)
		fmt.Fprintf(b, `        <viz:size value="%s"/>`+"\n", num(nd.size))
		fmt.Fprintf(b, `        <viz:shape value="%s"/>`+"\n", gexfShapes[nd.style.shape])
		if nd.pos != nil {
			fmt.Fprintf(b, `        <viz:position x="%s" y="%s" z="0"/>`+"\n", num(nd.pos.X), num(-nd.pos.Y))
		}
		b.WriteString("      </node>\n")
		return ew.err
	})
	if err != nil {
		return err
	}
	b.WriteString("    </nodes>\n")
	fmt.Fprintf(b, "    <edges count=\"%d\">\n", n.edgeCount())
	err = n.eachEdge(func(e netEdge) error {
		b.WriteString(`      <edge id="`)
		xmlText(b, e.id)
		b.WriteString(`" source="`)
		xmlText(b, e.source)
		b.WriteString(`" target="`)
		xmlText(b, e.target)
		fmt.Fprintf(b, `" kind="%s" label="%s" weight="%d">`+"\n", e.kind, e.kind, e.weight)
		values(n.edgeAttrs, e.values)
		color(e.style.color)
		fmt.Fprintf(b, `        <viz:thickness value="%s"/>`+"\n", num(e.style.width))
		fmt.Fprintf(b, `        <viz:shape value="%s"/>`+"\n", e.style.line)
		b.WriteString("      </edge>\n")
		return ew.err
	})
	if err != nil {
		return err
	}
	b.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return b.Flush()
}

// num spells a coordinate or size: as short as it can be, never in
// exponent notation (which some readers refuse).
func num(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
