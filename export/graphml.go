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

// graphmlTypes are GraphML's names of the attribute types.
var graphmlTypes = map[attrType]string{tString: "string", tInt: "int", tFloat: "double", tBool: "boolean"}

// graphmlType is the GraphML type of a. GraphML has no lists: a list is a
// string holding a JSON array (json.loads reads it).
func graphmlType(a attr) string {
	if a.list {
		return "string"
	}
	return graphmlTypes[a.typ]
}

// graphmlVizKey is a GraphML data key Gephi's importer reads as a drawing
// property rather than an attribute (matched by attr.name).
type graphmlVizKey struct{ name, typ string }

var (
	graphmlNodeViz = []graphmlVizKey{{"r", "int"}, {"g", "int"}, {"b", "int"}, {"size", "double"}}
	graphmlEdgeViz = []graphmlVizKey{{"r", "int"}, {"g", "int"}, {"b", "int"}}
	graphmlXY      = []graphmlVizKey{{"x", "double"}, {"y", "double"}}
)

// writeGraphML writes d as GraphML 1.0: typed <key>s for every attribute,
// one directed graph, node ids are actor ids, edge ids e0, e1, … (GraphML
// ids are XML name tokens; the relationship id is the relationshipId
// attribute).
//
// GraphML has no edge types, and Gephi's GraphML importer merges edges that
// join the same two nodes unless they differ in type. It takes an edge's
// type from a label attribute of the <edge> element, so each edge carries
// its relation type there: an attribute the GraphML 1.0 schema does not
// declare, which other GraphML readers (NetworkX, igraph, yEd) ignore. The
// keys r, g, b, size, x and y carry the network view's colours, sizes and
// positions (y negated, as in GEXF), which Gephi reads as such.
func writeGraphML(w io.Writer, d Data) error {
	n := buildNetwork(d)
	positions := len(d.Positions) > 0
	ew := &errWriter{w: w}
	b := bufio.NewWriter(ew)
	b.WriteString(graphmlHeader)
	key := func(prefix, domain, name, typ string) {
		fmt.Fprintf(b, `  <key id="%s_%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", prefix, name, domain, name, typ)
	}
	keys := func(prefix, domain string, attrs []attr, viz []graphmlVizKey) {
		key(prefix, domain, "label", "string")
		for _, a := range attrs {
			key(prefix, domain, a.name, graphmlType(a))
		}
		for _, k := range viz {
			key(prefix, domain, k.name, k.typ)
		}
	}
	if positions {
		keys("n", "node", n.nodeAttrs, append(graphmlNodeViz, graphmlXY...))
	} else {
		keys("n", "node", n.nodeAttrs, graphmlNodeViz)
	}
	keys("e", "edge", n.edgeAttrs, graphmlEdgeViz)
	b.WriteString(`  <graph id="actorgraph" edgedefault="directed">` + "\n")
	data := func(prefix string, attrs []attr, vals []any) {
		for i, a := range attrs {
			s, ok := valueText(vals[i])
			if !ok {
				continue
			}
			fmt.Fprintf(b, `      <data key="%s_%s">`, prefix, a.name)
			xmlText(b, s)
			b.WriteString("</data>\n")
		}
	}
	color := func(prefix, hex string) {
		r, g, bl := rgb(hex)
		fmt.Fprintf(b, "      <data key=\"%s_r\">%d</data>\n      <data key=\"%s_g\">%d</data>\n      <data key=\"%s_b\">%d</data>\n", prefix, r, prefix, g, prefix, bl)
	}
	err := n.eachNode(func(nd netNode) error {
		b.WriteString(`    <node id="`)
		xmlText(b, nd.id)
		b.WriteString("\">\n")
		data("n", []attr{{"label", tString, false}}, []any{nd.label})
		data("n", n.nodeAttrs, nd.values)
		color("n", nd.style.color)
		fmt.Fprintf(b, "      <data key=\"n_size\">%s</data>\n", num(nd.size))
		if nd.pos != nil {
			fmt.Fprintf(b, "      <data key=\"n_x\">%s</data>\n      <data key=\"n_y\">%s</data>\n", num(nd.pos.X), num(-nd.pos.Y))
		}
		b.WriteString("    </node>\n")
		return ew.err
	})
	if err != nil {
		return err
	}
	i := 0
	err = n.eachEdge(func(e netEdge) error {
		fmt.Fprintf(b, `    <edge id="e%d" source="`, i)
		i++
		xmlText(b, e.source)
		b.WriteString(`" target="`)
		xmlText(b, e.target)
		fmt.Fprintf(b, "\" label=\"%s\">\n", e.kind)
		data("e", []attr{{"label", tString, false}}, []any{e.kind})
		data("e", n.edgeAttrs, e.values)
		color("e", e.style.color)
		b.WriteString("    </edge>\n")
		return ew.err
	})
	if err != nil {
		return err
	}
	b.WriteString("  </graph>\n</graphml>\n")
	return b.Flush()
}
