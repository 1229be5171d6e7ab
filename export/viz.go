package export

import (
	"fmt"
	"math"

	"github.com/actorgraph/actorgraph/graph"
)

// How the network view (web/src/explore.js) draws the graph, so that an
// export opens in Gephi looking like the view: actors coloured and shaped by
// kind and sized by degree, relationships coloured and dashed by the
// certainty of their firmest claim and thickened by their corroboration.
// TestVizMatchesNetworkView reads explore.js and fails when the two drift
// apart.

// kindStyle is how the view draws an actor of one kind.
type kindStyle struct {
	color string // "#rrggbb"
	shape string // the view's Cytoscape.js node shape
}

var kindStyles = map[graph.ActorKind]kindStyle{
	graph.KindState:        {"#4e79a7", "round-rectangle"},
	graph.KindMilitia:      {"#e15759", "diamond"},
	graph.KindPerson:       {"#f28e2b", "ellipse"},
	graph.KindOrganisation: {"#76b7b2", "hexagon"},
	graph.KindGroup:        {"#59a14f", "round-triangle"},
}

// gexfShapes maps the view's node shapes onto GEXF's four (disc, square,
// triangle, diamond); GEXF has no hexagon, so organisations are discs there
// and told apart from persons by colour. Gephi itself draws every node as a
// disc and ignores viz:shape; other GEXF readers use it.
var gexfShapes = map[string]string{
	"round-rectangle": "square",
	"diamond":         "diamond",
	"ellipse":         "disc",
	"hexagon":         "disc",
	"round-triangle":  "triangle",
}

// edgeStyle is how the view draws a relationship.
type edgeStyle struct {
	color string  // "#rrggbb"
	width float64 // line width in pixels
	line  string  // the view's Cytoscape.js line style: solid, dashed or dotted
}

// certaintyStyle is how the view draws a relationship whose firmest claim
// has one certainty: its colour and line style (its width follows its
// corroboration, edgeWidth).
type certaintyStyle struct {
	color string // "#rrggbb"
	line  string // solid, dashed or dotted
}

var certaintyStyles = map[graph.Certainty]certaintyStyle{
	graph.Asserted:     {"#1d2330", "solid"},
	graph.Reported:     {"#2a5db0", "dashed"},
	graph.Alleged:      {"#9ca3af", "dotted"},
	graph.Hypothetical: {"#d9480f", "dashed"},
	graph.Denied:       {"#b91c1c", "dotted"},
}

// relationshipStyle is how the view draws r.
func relationshipStyle(r graph.Relationship) edgeStyle {
	c := certaintyStyles[r.Certainty]
	return edgeStyle{color: c.color, width: edgeWidth(r.Corroboration()), line: c.line}
}

// edgeWidth is the view's line width for a relationship with the given
// corroboration: Cytoscape.js's mapData(corroboration, 1, 5, 2, 6).
func edgeWidth(corroboration int) float64 {
	c := math.Min(math.Max(float64(corroboration), 1), 5)
	return 2 + (c-1)/(5-1)*(6-2)
}

// Claim and article nodes (Request.Claims == ClaimsAsNodes) are not drawn
// by the view; they get quiet greys so the actors stand out.
var (
	claimNodeStyle   = kindStyle{"#c4c9d1", "ellipse"}
	articleNodeStyle = kindStyle{"#6b7280", "round-rectangle"}
	linkEdgeStyle    = edgeStyle{"#c4c9d1", 1, "solid"}
	otherNodeSize    = 12.0
)

// nodeSize is the view's node diameter for an actor with degree
// relationships in the drawn graph: Cytoscape.js's
// mapData(degree, 0, 20, 22, 48).
func nodeSize(degree int) float64 {
	d := math.Min(math.Max(float64(degree), 0), 20)
	return 22 + d/20*(48-22)
}

// Position is where a node is drawn, in the view's coordinates (pixels, y
// growing downwards, as Cytoscape.js reports them).
type Position struct {
	X, Y float64
}

// rgb splits "#rrggbb" into its components.
func rgb(hex string) (r, g, b int) {
	fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
	return r, g, b
}
