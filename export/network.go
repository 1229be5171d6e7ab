package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// The network formats (GraphML, GEXF, Cytoscape JSON) are written from one
// network: nodes and edges with their attribute values and drawing hints,
// described once by network. Each writer only spells it in its format, so
// the formats cannot disagree about what an export holds. The network
// hands out one node or edge at a time, made from the export's Data as it
// is asked for, so a writer streams the file with no copy of the graph
// beyond the Data that Collect read.

// attrType is the type of an attribute's values, or of a list attribute's
// entries.
type attrType int

const (
	tString attrType = iota // string
	tInt                    // int
	tFloat                  // float64
	tBool                   // bool
)

// attr declares one node or edge attribute.
type attr struct {
	name string // as tools show it
	typ  attrType
	list bool // a list of typ: []string for strings, []any otherwise
}

// netNode is one node: an actor, or with ClaimsAsNodes a claim or article.
type netNode struct {
	id, label string
	values    []any // one per network.nodeAttrs entry; nil when absent
	style     kindStyle
	size      float64
	pos       *Position
}

// netEdge is one edge: a relationship, or with ClaimsAsNodes a link between
// a claim and its subject, object, source or article.
type netEdge struct {
	id, source, target string
	kind               string // the relation type (or link type): Gephi's edge type
	weight             int
	values             []any // one per network.edgeAttrs entry; nil when absent
	style              edgeStyle
}

// network describes the nodes and edges of one export; eachNode and
// eachEdge make them one at a time.
type network struct {
	d                    Data
	ev                   *evidence
	nodeAttrs, edgeAttrs []attr
	degree               map[string]int // actor id → relationships to other actors
	asNodes              bool           // claims and articles as nodes (ClaimsAsNodes)
	outside              []graph.Actor  // with asNodes, claim sources outside the graph
}

// Node and edge attributes of every network export, in output order. The
// node label and the edge's relation type also have places of their own in
// each format (GEXF's label and kind, Cytoscape's label); they are repeated
// as attributes so that every tool can filter and colour by them.
var actorAttrs = []attr{{"kind", tString, false}, {"aliases", tString, true}, {"description", tString, false}}

// relField is one attribute of a relationship's edge and how to get it
// from the relationship and its claims. Adding a relationship attribute is
// adding a row to relFields; the writers need no change.
type relField struct {
	attr
	value func(r graph.Relationship, claims []graph.Claim, ev *evidence) any
}

// relFields are the relationship's summary, as Relationship holds it: its
// type, certainties and their counts (one count per certainty, named as
// the Neo4j property), own statements, conditionals, claims, articles,
// sources, sentences, corroboration and reporting dates, its id, and its
// evidence as readable text.
var relFields = func() []relField {
	f := []relField{
		{attr{"type", tString, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return string(r.Type) }},
		{attr{"certainty", tString, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return string(r.Certainty) }},
		{attr{"certainties", tString, true}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return certaintyNames(r.Certainties()) }},
	}
	for _, c := range graph.CertaintyTable {
		f = append(f, relField{attr{c.Count, tInt, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.Count(c.Certainty) }})
	}
	return append(f,
		relField{attr{"ownStatements", tInt, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.OwnStatements }},
		relField{attr{"conditionals", tInt, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.Conditionals }},
		relField{attr{"claimCount", tInt, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.ClaimCount() }},
		relField{attr{"articleCount", tInt, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.ArticleCount() }},
		relField{attr{"sourceCount", tInt, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.SourceCount() }},
		relField{attr{"sentenceCount", tInt, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.SentenceCount }},
		relField{attr{"corroboration", tInt, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.Corroboration() }},
		relField{attr{"firstReported", tString, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.FirstReported }},
		relField{attr{"lastReported", tString, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.LastReported }},
		relField{attr{"relationshipId", tString, false}, func(r graph.Relationship, _ []graph.Claim, _ *evidence) any { return r.ID }},
		relField{attr{"evidence", tString, false}, func(_ graph.Relationship, claims []graph.Claim, ev *evidence) any { return ev.text(claims) }},
	)
}()

// Link types between a claim node and the nodes it names, as in the Neo4j
// model (docs/graph-model.md).
const (
	linkSubject      = "SUBJECT"
	linkObject       = "OBJECT"
	linkAttributedTo = "ATTRIBUTED_TO"
	linkStatedIn     = "STATED_IN"
)

// Node kinds of claim and article nodes, beside the actor kinds.
const (
	kindClaim   = "CLAIM"
	kindArticle = "ARTICLE"
)

// Node id prefixes of claim and article nodes, which keep them apart from
// actor ids.
const (
	claimNodePrefix   = "claim:"
	articleNodePrefix = "article:"
)

func buildNetwork(d Data) *network {
	n := &network{d: d, ev: newEvidence(d), nodeAttrs: append([]attr{}, actorAttrs...)}
	for _, f := range relFields {
		n.edgeAttrs = append(n.edgeAttrs, f.attr)
	}
	for _, f := range claimFields {
		n.edgeAttrs = append(n.edgeAttrs, attr{f.list, f.typ, true})
	}
	n.asNodes = d.ClaimsMode == ClaimsAsNodes
	if n.asNodes {
		for _, f := range claimFields {
			n.nodeAttrs = append(n.nodeAttrs, attr{f.name, f.typ, false})
		}
		for _, f := range articleFields {
			n.nodeAttrs = append(n.nodeAttrs, attr{f.name, tString, false})
		}
		// A claim's source may be outside a neighbourhood; it joins as a node.
		inGraph := map[string]bool{}
		for _, a := range d.Graph.Nodes {
			inGraph[a.ID] = true
		}
		for _, a := range d.Sources {
			if !inGraph[a.ID] {
				n.outside = append(n.outside, a)
				inGraph[a.ID] = true
			}
		}
	}
	n.degree = map[string]int{}
	for _, e := range d.Graph.Edges {
		if e.FromID != e.ToID {
			n.degree[e.FromID]++
			n.degree[e.ToID]++
		}
	}
	return n
}

// nodeCount is the number of nodes eachNode makes.
func (n *network) nodeCount() int {
	c := len(n.d.Graph.Nodes)
	if n.asNodes {
		c += len(n.outside) + len(n.d.Articles) + len(n.d.Claims)
	}
	return c
}

// edgeCount is the number of edges eachEdge makes.
func (n *network) edgeCount() int {
	c := len(n.d.Graph.Edges)
	if n.asNodes {
		for _, cl := range n.d.Claims {
			c += len(links(cl))
		}
	}
	return c
}

// eachNode calls f with every node in turn: the actors, then with
// ClaimsAsNodes the claim sources outside the graph, the articles and the
// claims. It stops at f's first error and returns it.
func (n *network) eachNode(f func(netNode) error) error {
	actor := func(a graph.Actor) error {
		vals := make([]any, len(n.nodeAttrs))
		vals[0], vals[1], vals[2] = string(a.Kind), nonNil(a.Aliases), a.Description
		nd := netNode{id: a.ID, label: a.Name, values: vals, style: kindStyles[a.Kind], size: nodeSize(n.degree[a.ID])}
		if p, ok := n.d.Positions[a.ID]; ok {
			nd.pos = &p
		}
		return f(nd)
	}
	for _, a := range n.d.Graph.Nodes {
		if err := actor(a); err != nil {
			return err
		}
	}
	if !n.asNodes {
		return nil
	}
	// Claims and articles as nodes of their own, linked as in Neo4j.
	for _, a := range n.outside {
		if err := actor(a); err != nil {
			return err
		}
	}
	claimBase := len(actorAttrs)
	articleBase := claimBase + len(claimFields)
	for _, a := range n.d.Articles {
		vals := make([]any, len(n.nodeAttrs))
		vals[0] = kindArticle
		for i, fl := range articleFields {
			vals[articleBase+i] = fl.value(a)
		}
		label := a.Title
		if label == "" {
			label = a.ID
		}
		if err := f(netNode{id: articleNodePrefix + a.ID, label: label, values: vals, style: articleNodeStyle, size: otherNodeSize}); err != nil {
			return err
		}
	}
	for _, c := range n.d.Claims {
		vals := make([]any, len(n.nodeAttrs))
		vals[0] = kindClaim
		for i, fl := range claimFields {
			vals[claimBase+i] = fl.value(c, n.ev)
		}
		if err := f(netNode{id: claimNodePrefix + c.ID, label: shorten(c.Quote, 80), values: vals, style: claimNodeStyle, size: otherNodeSize}); err != nil {
			return err
		}
	}
	return nil
}

// eachEdge calls f with every edge in turn: the relationships, then with
// ClaimsAsNodes each claim's links to its subject, object, source and
// article. It stops at f's first error and returns it.
func (n *network) eachEdge(f func(netEdge) error) error {
	for _, r := range n.d.Graph.Edges {
		claims := n.ev.claimsOf(r)
		vals := make([]any, len(n.edgeAttrs))
		for i, fl := range relFields {
			vals[i] = fl.value(r, claims, n.ev)
		}
		for i, fl := range claimFields {
			vals[len(relFields)+i] = claimList(fl, claims, n.ev)
		}
		// The weight is the corroboration (distinct sources), not the
		// claim count: eleven claims from two sources weigh 2.
		err := f(netEdge{
			id: r.ID, source: r.FromID, target: r.ToID, kind: string(r.Type), weight: r.Corroboration(),
			values: vals, style: relationshipStyle(r),
		})
		if err != nil {
			return err
		}
	}
	if !n.asNodes {
		return nil
	}
	for _, c := range n.d.Claims {
		for _, l := range links(c) {
			vals := make([]any, len(n.edgeAttrs))
			vals[0] = l.typ
			err := f(netEdge{
				id: c.ID + "|" + l.typ + "|" + l.target, source: claimNodePrefix + c.ID, target: l.target,
				kind: l.typ, weight: 1, values: vals, style: linkEdgeStyle,
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// link is an edge from a claim node to a node the claim names.
type link struct{ typ, target string }

// links are the claim's links, in output order.
func links(c graph.Claim) []link {
	ls := []link{{linkSubject, c.SubjectID}, {linkObject, c.ObjectID}}
	if c.AttributedToID != "" {
		ls = append(ls, link{linkAttributedTo, c.AttributedToID})
	}
	return append(ls, link{linkStatedIn, articleNodePrefix + c.ArticleID})
}

// claimList is field f of each claim: a []string for string fields, a
// []any of the values otherwise.
func claimList(f claimField, claims []graph.Claim, ev *evidence) any {
	if f.typ == tString {
		out := make([]string, len(claims))
		for i, c := range claims {
			out[i], _ = f.value(c, ev).(string)
		}
		return out
	}
	out := make([]any, len(claims))
	for i, c := range claims {
		out[i] = f.value(c, ev)
	}
	return out
}

func certaintyNames(cs []graph.Certainty) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// shorten cuts s to at most n runes, marking a cut with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// listText spells a list as the XML formats carry it: a JSON array, which
// is also Gephi's own notation for list attributes (["a", "b"], with \" and
// \\ escaped), so Gephi reads GEXF liststring values as lists and
// json.loads reads the text of any of them.
func listText(v any) string {
	var items []string
	switch l := v.(type) {
	case []string:
		for _, s := range l {
			items = append(items, jsonString(s))
		}
	case []any:
		for _, x := range l {
			if s, ok := x.(string); ok {
				items = append(items, jsonString(s))
			} else {
				items = append(items, scalarText(x))
			}
		}
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// scalarText spells one value: a string as it is, a number or boolean as
// JSON and XML Schema spell it.
func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		return num(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// valueText spells a value for the XML formats; ok is false when the value
// is absent (nil, or an empty string) and is to be left out.
func valueText(v any) (s string, ok bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		return x, x != ""
	case []string, []any:
		return listText(v), true
	default:
		return scalarText(v), true
	}
}

// jsonString is s as a JSON string, with <, > and & as they are.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
