package bench_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/resolvers"
)

// The benchmark's questions. Each is asked three ways: actorgraph's
// GraphQL API, the peer's GraphQL API (in its own schema's terms) and the
// raw server; each side's answer is turned into one canonical form, and
// the three must be equal before any is timed.

// gqlRequest is a GraphQL request body.
type gqlRequest struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables"`
}

// ask is one question in the three forms.
type ask struct {
	ours gqlRequest
	peer gqlRequest
	raw  rawRequest
}

// benchQuery is one row of the benchmark: a question asked about many
// subjects (cases), and how each side's answer becomes the canonical one.
type benchQuery struct {
	name string
	// nested marks the queries whose answer needs nested fields (target
	// 1); the others are one root field (target 2).
	nested bool
	cases  int
	ask    func(i int) ask
	// ours and peer decode a GraphQL answer's data into the canonical
	// form; the raw server answers in it already.
	ours, peer func(data json.RawMessage) (any, error)
	raw        func(body []byte) (any, error)
}

// Canonical answers.
type (
	cNode struct {
		ID    string `json:"id"`
		Label string `json:"label"`
		Kind  string `json:"kind"`
	}
	cEdge struct {
		ID         string `json:"id"`
		Type       string `json:"type"`
		Source     string `json:"source"`
		Target     string `json:"target"`
		Certainty  string `json:"certainty"`
		ClaimCount int    `json:"claimCount"`
	}
	cSubgraph struct {
		Nodes      []cNode `json:"nodes"`
		Edges      []cEdge `json:"edges"`
		TotalEdges int     `json:"totalEdges"`
	}
	cPath struct {
		Length int     `json:"length"`
		Nodes  []cNode `json:"nodes"`
		Edges  []cEdge `json:"edges"`
	}
	cPageActor struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Kind    string   `json:"kind"`
		Aliases []string `json:"aliases"`
	}
	cActorPage struct {
		TotalCount  int          `json:"totalCount"`
		HasNextPage bool         `json:"hasNextPage"`
		Nodes       []cPageActor `json:"nodes"`
	}
	cEnd struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Kind string `json:"kind"`
	}
	cArticle struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	cClaim struct {
		ID        string   `json:"id"`
		Quote     string   `json:"quote"`
		Certainty string   `json:"certainty"`
		Article   cArticle `json:"article"`
	}
	cRel struct {
		ID         string   `json:"id"`
		Type       string   `json:"type"`
		Certainty  string   `json:"certainty"`
		ClaimCount int      `json:"claimCount"`
		From       cEnd     `json:"from"`
		To         cEnd     `json:"to"`
		Claims     []cClaim `json:"claims,omitempty"`
	}
	cActorRels struct {
		ID            string `json:"id"`
		Name          string `json:"name"`
		Kind          string `json:"kind"`
		Relationships []cRel `json:"relationships"`
	}
)

// decodeAs returns a decoder of a JSON body into T, as any.
func decodeAs[T any](body []byte) (any, error) {
	var v T
	err := json.Unmarshal(body, &v)
	return v, err
}

// benchQueries builds the question table for one corpus: anchors are the
// sampled actors, rels one relationship of each (their ids), hub the actor
// with the most relationships.
func benchQueries(tb testing.TB, anchors, rels []string, hub string) []benchQuery {
	var qs []benchQuery
	for _, depth := range []int{1, 2} {
		st, err := neo4jstore.NeighbourhoodStatement("", graph.Traversal{Depth: depth, Direction: graph.Both, Limit: resolvers.DefaultNeighbourhoodLimit, MaxEdges: resolvers.DefaultNeighbourhoodMaxEdges})
		if err != nil {
			tb.Fatal(err)
		}
		name := fmt.Sprintf("neighbourhood%d", depth)
		rawQueries[name] = rawQuery{cypher: func(map[string]any) string { return st.Cypher }, shape: shapeSubgraph}
		// The default neighbourhood (limit and edge budget) around the
		// anchors, then around the hub alone: its p99 is target 3's.
		for _, around := range []struct {
			name string
			ids  []string
		}{{fmt.Sprintf("neighbourhood-depth%d", depth), anchors}, {fmt.Sprintf("hub-neighbourhood-depth%d", depth), []string{hub}}} {
			qs = append(qs, benchQuery{
				name:  around.name,
				cases: len(around.ids),
				ask: func(i int) ask {
					id := around.ids[i%len(around.ids)]
					return ask{
						ours: gqlRequest{`query($id: ID!, $depth: Int) { neighbourhood(id: $id, depth: $depth) { totalEdges
							nodes { id label kind } edges { id type source target certainty claimCount } } }`,
							map[string]any{"id": id, "depth": depth}},
						peer: gqlRequest{fmt.Sprintf(`query($id: ID!, $limit: Int!, $maxEdges: Int!) { neighbourhood%d(id: $id, limit: $limit, maxEdges: $maxEdges) {
							totalEdges nodes { id label kind } edges { id type source target certainty claimCount } } }`, depth),
							map[string]any{"id": id, "limit": resolvers.DefaultNeighbourhoodLimit, "maxEdges": resolvers.DefaultNeighbourhoodMaxEdges}},
						raw: rawRequest{name, map[string]any{"id": id, "limit": resolvers.DefaultNeighbourhoodLimit, "maxEdges": resolvers.DefaultNeighbourhoodMaxEdges}},
					}
				},
				ours: field[cSubgraph]("neighbourhood"),
				peer: field[cSubgraph](fmt.Sprintf("neighbourhood%d", depth)),
				raw:  decodeAs[cSubgraph],
			})
		}
	}

	pathSt, err := neo4jstore.ShortestPathsStatement("", "", shortestPathTraversal, false)
	if err != nil {
		tb.Fatal(err)
	}
	rawQueries["shortestPath"] = rawQuery{cypher: func(map[string]any) string { return pathSt.Cypher }, shape: shapeFirstPath}
	qs = append(qs, benchQuery{
		name:  "shortestPath",
		cases: len(anchors),
		ask: func(i int) ask {
			from, to := anchors[i%len(anchors)], anchors[(i*7+3)%len(anchors)]
			if from == to {
				to = anchors[(i+1)%len(anchors)]
			}
			const sel = `{ length nodes { id label kind } edges { id type source target certainty claimCount } }`
			return ask{
				ours: gqlRequest{`query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) ` + sel + ` }`,
					map[string]any{"from": from, "to": to}},
				peer: gqlRequest{`query($from: ID!, $to: ID!, $limit: Int!) { shortestPath(from: $from, to: $to, limit: $limit) ` + sel + ` }`,
					map[string]any{"from": from, "to": to, "limit": pathSt.Params["limit"]}},
				raw: rawRequest{"shortestPath", map[string]any{"from": from, "to": to, "limit": pathSt.Params["limit"]}},
			}
		},
		ours: field[*cPath]("shortestPath"),
		peer: field[*cPath]("shortestPath"),
		raw:  decodeAs[*cPath],
	})

	rawQueries["actorsPage"] = rawQuery{
		cypher: func(map[string]any) string {
			return neo4jstore.ActorsStatement(graph.ActorFilter{}, graph.PageRequest{}).Cypher
		},
		shape: shapeActorsPage,
	}
	qs = append(qs, benchQuery{
		name:  "actors-page",
		cases: len(graph.ActorKinds),
		ask: func(i int) ask {
			kind := graph.ActorKinds[i%len(graph.ActorKinds)]
			st := neo4jstore.ActorsStatement(graph.ActorFilter{Kind: kind}, graph.PageRequest{First: 20})
			return ask{
				ours: gqlRequest{`query($kind: ActorKind) { actors(kind: $kind, first: 20) {
					totalCount pageInfo { hasNextPage endCursor } nodes { id name kind aliases } } }`,
					map[string]any{"kind": string(kind)}},
				peer: gqlRequest{`query($kind: String!) { actorsConnection(where: {kind_EQ: $kind}, first: 20, sort: [{id: ASC}]) {
					totalCount pageInfo { hasNextPage endCursor } edges { node { id name kind aliases } } } }`,
					map[string]any{"kind": string(kind)}},
				raw: rawRequest{"actorsPage", st.Params},
			}
		},
		ours: func(data json.RawMessage) (any, error) {
			var v struct {
				Actors struct {
					TotalCount int
					PageInfo   struct{ HasNextPage bool }
					Nodes      []cPageActor
				}
			}
			err := json.Unmarshal(data, &v)
			return cActorPage{v.Actors.TotalCount, v.Actors.PageInfo.HasNextPage, v.Actors.Nodes}, err
		},
		peer: func(data json.RawMessage) (any, error) {
			var v struct {
				ActorsConnection struct {
					TotalCount int
					PageInfo   struct{ HasNextPage bool }
					Edges      []struct{ Node cPageActor }
				}
			}
			err := json.Unmarshal(data, &v)
			page := cActorPage{TotalCount: v.ActorsConnection.TotalCount, HasNextPage: v.ActorsConnection.PageInfo.HasNextPage}
			for _, e := range v.ActorsConnection.Edges {
				page.Nodes = append(page.Nodes, e.Node)
			}
			return page, err
		},
		raw: decodeAs[cActorPage],
	})

	// Nested: one actor, its relationships and the actors at both ends.
	rawQueries["actorRelationships"] = rawQuery{
		cypher: func(map[string]any) string {
			return `
				MATCH (a:Actor {id: $id})
				RETURN a {.id, .name, .kind, relationships: COLLECT {
					MATCH (a)-[r:` + allTypes() + `]-(:Actor)
					WITH DISTINCT r ORDER BY r.id
					WITH r, startNode(r) AS f, endNode(r) AS t
					RETURN {id: r.id, type: type(r), certainty: r.certainty, claimCount: r.claimCount,
					        from: f {.id, .name, .kind}, to: t {.id, .name, .kind}}
				}} AS actor`
		},
		shape: firstValue("actor"),
	}
	qs = append(qs, benchQuery{
		name:   "actor-relationships",
		nested: true,
		cases:  len(anchors),
		ask: func(i int) ask {
			id := anchors[i%len(anchors)]
			return ask{
				ours: gqlRequest{`query($id: ID!) { actor(id: $id) { id name kind
					relationships { id type certainty claimCount from { id name kind } to { id name kind } } } }`,
					map[string]any{"id": id}},
				peer: gqlRequest{peerActorRelationships(), map[string]any{"id": id}},
				raw:  rawRequest{"actorRelationships", map[string]any{"id": id}},
			}
		},
		ours: func(data json.RawMessage) (any, error) {
			var v struct{ Actor cActorRels }
			err := json.Unmarshal(data, &v)
			sort.Slice(v.Actor.Relationships, func(i, j int) bool { return v.Actor.Relationships[i].ID < v.Actor.Relationships[j].ID })
			return v.Actor, err
		},
		peer: peerActorRels,
		raw:  decodeAs[cActorRels],
	})

	// Nested: one relationship, the actors at its ends, its claims and
	// their articles (the network view's evidence panel).
	rawQueries["relationshipClaims"] = rawQuery{
		cypher: func(p map[string]any) string {
			t := graph.RelationType(fmt.Sprint(p["type"]))
			if !t.Valid() {
				t = graph.RelationTypes[0].Type // matches no id: the answer is empty
			}
			return `
				MATCH (s:Actor)-[r:` + string(t) + ` {id: $id}]->(o:Actor)
				RETURN {id: r.id, type: type(r), certainty: r.certainty, claimCount: r.claimCount,
				        from: s {.id, .name, .kind}, to: o {.id, .name, .kind},
				        claims: COLLECT {
				          UNWIND r.claimIds AS cid
				          MATCH (c:Claim {id: cid})-[:STATED_IN]->(art:Article)
				          RETURN {id: c.id, quote: c.quote, certainty: c.certainty, article: art {.id, .title}} ORDER BY c.id
				        }} AS rel`
		},
		shape: firstValue("rel"),
	}
	qs = append(qs, benchQuery{
		name:   "relationship-claims",
		nested: true,
		cases:  len(rels),
		ask: func(i int) ask {
			id := rels[i%len(rels)]
			from, typ, to := splitRelID(id)
			return ask{
				ours: gqlRequest{`query($from: ID!, $to: ID!, $type: RelationType!) {
					relationships(from: $from, to: $to, type: $type, first: 1) { nodes {
						id type certainty claimCount from { id name kind } to { id name kind }
						claims { id quote certainty article { id title } } } } }`,
					map[string]any{"from": from, "to": to, "type": typ}},
				peer: gqlRequest{`query($from: ID!, $to: ID!, $id: ID!) {
					actors(where: {id_EQ: $from}) { id name kind
						out_` + typ + `Connection(where: {node: {id_EQ: $to}}) { edges { properties { id certainty claimCount } node { id name kind } } } }
					relationshipClaims(id: $id) { id quote certainty article { id title } } }`,
					map[string]any{"from": from, "to": to, "id": id}},
				raw: rawRequest{"relationshipClaims", map[string]any{"id": id, "type": typ}},
			}
		},
		ours: func(data json.RawMessage) (any, error) {
			var v struct{ Relationships struct{ Nodes []cRel } }
			if err := json.Unmarshal(data, &v); err != nil || len(v.Relationships.Nodes) != 1 {
				return nil, fmt.Errorf("want one relationship: %s (%v)", data, err)
			}
			return v.Relationships.Nodes[0], nil
		},
		peer: peerRelClaims,
		raw:  decodeAs[cRel],
	})
	return qs
}

// field decodes data's one root field named name into T.
func field[T any](name string) func(data json.RawMessage) (any, error) {
	return func(data json.RawMessage) (any, error) {
		var v map[string]json.RawMessage
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, err
		}
		raw, ok := v[name]
		if !ok {
			return nil, fmt.Errorf("no field %s in %.200s", name, data)
		}
		return decodeAs[T](raw)
	}
}

// allTypes is every relationship type, "ALIGNED_WITH|LEADS|…".
func allTypes() string {
	ts := make([]string, len(graph.RelationTypes))
	for i, r := range graph.RelationTypes {
		ts[i] = string(r.Type)
	}
	return strings.Join(ts, "|")
}

func splitRelID(id string) (from, typ, to string) {
	p := strings.SplitN(id, "|", 3)
	return p[0], p[1], p[2]
}

// peerActorRelationships asks the peer for an actor's relationships: in
// its schema, one connection per relationship type and direction.
func peerActorRelationships() string {
	var b strings.Builder
	b.WriteString(`query($id: ID!) { actors(where: {id_EQ: $id}) { id name kind`)
	for _, r := range graph.RelationTypes {
		for _, dir := range []string{"out", "in"} {
			fmt.Fprintf(&b, "\n  %s_%sConnection { edges { properties { id certainty claimCount } node { id name kind } } }", dir, r.Type)
		}
	}
	b.WriteString(` } }`)
	return b.String()
}

// peerConnection is one relationship connection of an actor in the peer's answer.
type peerConnection struct {
	Edges []struct {
		Properties struct {
			ID         string
			Certainty  string
			ClaimCount int
		}
		Node cEnd
	}
}

// peerActor decodes the peer's actor with its relationship connections
// (fields out_<TYPE>Connection and in_<TYPE>Connection) into the
// canonical actor: relationships in id order, each once.
func peerActor(raw json.RawMessage) (cActorRels, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return cActorRels{}, err
	}
	var a cActorRels
	for _, k := range []string{"id", "name", "kind"} {
		var s string
		json.Unmarshal(fields[k], &s)
		switch k {
		case "id":
			a.ID = s
		case "name":
			a.Name = s
		case "kind":
			a.Kind = s
		}
	}
	self := cEnd{a.ID, a.Name, a.Kind}
	a.Relationships = []cRel{} // an actor without relationships has an empty list, as in the other answers
	seen := map[string]bool{}
	for _, r := range graph.RelationTypes {
		for _, dir := range []string{"out", "in"} {
			var c peerConnection
			if err := json.Unmarshal(fields[dir+"_"+string(r.Type)+"Connection"], &c); err != nil {
				continue // not asked
			}
			for _, e := range c.Edges {
				if seen[e.Properties.ID] {
					continue // a relationship from the actor to itself is in both directions
				}
				seen[e.Properties.ID] = true
				rel := cRel{ID: e.Properties.ID, Type: string(r.Type), Certainty: e.Properties.Certainty, ClaimCount: e.Properties.ClaimCount, From: self, To: e.Node}
				if dir == "in" {
					rel.From, rel.To = e.Node, self
				}
				a.Relationships = append(a.Relationships, rel)
			}
		}
	}
	sort.Slice(a.Relationships, func(i, j int) bool { return a.Relationships[i].ID < a.Relationships[j].ID })
	return a, nil
}

func peerActorRels(data json.RawMessage) (any, error) {
	var v struct{ Actors []json.RawMessage }
	if err := json.Unmarshal(data, &v); err != nil || len(v.Actors) != 1 {
		return nil, fmt.Errorf("want one actor: %.200s (%v)", data, err)
	}
	return peerActor(v.Actors[0])
}

func peerRelClaims(data json.RawMessage) (any, error) {
	var v struct {
		Actors             []json.RawMessage
		RelationshipClaims []struct {
			ID, Quote, Certainty string
			Article              []cArticle
		}
	}
	if err := json.Unmarshal(data, &v); err != nil || len(v.Actors) != 1 {
		return nil, fmt.Errorf("want one actor: %.200s (%v)", data, err)
	}
	a, err := peerActor(v.Actors[0])
	if err != nil || len(a.Relationships) != 1 {
		return nil, fmt.Errorf("want one relationship: %.300s (%v)", data, err)
	}
	rel := a.Relationships[0]
	for _, c := range v.RelationshipClaims {
		if len(c.Article) != 1 {
			return nil, fmt.Errorf("claim %s has %d articles", c.ID, len(c.Article))
		}
		rel.Claims = append(rel.Claims, cClaim{c.ID, c.Quote, c.Certainty, c.Article[0]})
	}
	return rel, nil
}

// The raw server's shaping of records, by hand.

func firstValue(key string) func(recs []*neo4j.Record) any {
	return func(recs []*neo4j.Record) any {
		if len(recs) == 0 {
			return nil
		}
		v, _ := recs[0].Get(key)
		return v
	}
}

func nodesOf(v any) []cNode {
	l, _ := v.([]any)
	out := make([]cNode, 0, len(l))
	for _, x := range l {
		m, _ := x.(map[string]any)
		out = append(out, cNode{ID: str(m["id"]), Label: str(m["name"]), Kind: str(m["kind"])})
	}
	return out
}

func edgesOf(v any) []cEdge {
	l, _ := v.([]any)
	out := make([]cEdge, 0, len(l))
	for _, x := range l {
		m, _ := x.(map[string]any)
		ids, _ := m["claimIds"].([]any)
		out = append(out, cEdge{ID: str(m["id"]), Type: str(m["type"]), Source: str(m["from"]), Target: str(m["to"]),
			Certainty: str(m["certainty"]), ClaimCount: len(ids)})
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func shapeSubgraph(recs []*neo4j.Record) any {
	if len(recs) == 0 {
		return nil
	}
	n, _ := recs[0].Get("nodes")
	e, _ := recs[0].Get("edges")
	total, _ := recs[0].Get("totalEdges")
	t, _ := total.(int64)
	return cSubgraph{Nodes: nodesOf(n), Edges: edgesOf(e), TotalEdges: int(t)}
}

// shapeFirstPath picks, of the shortest paths found, the first by node
// ids and then edge ids, as actorgraph does.
func shapeFirstPath(recs []*neo4j.Record) any {
	var best *cPath
	var bestKey string
	for _, r := range recs {
		n, _ := r.Get("nodes")
		e, _ := r.Get("edges")
		p := cPath{Nodes: nodesOf(n), Edges: edgesOf(e)}
		p.Length = len(p.Edges)
		var k strings.Builder
		for _, x := range p.Nodes {
			k.WriteString(x.ID + "\x00")
		}
		for _, x := range p.Edges {
			k.WriteString(x.ID + "\x00")
		}
		if best == nil || k.String() < bestKey {
			best, bestKey = &p, k.String()
		}
	}
	return best
}

func shapeActorsPage(recs []*neo4j.Record) any {
	total, _ := recs[0].Get("total")
	page, _ := recs[0].Get("page")
	l, _ := page.([]any)
	out := cActorPage{TotalCount: int(total.(int64))}
	for _, x := range l {
		m, _ := x.(map[string]any)
		al, _ := m["aliases"].([]any)
		a := cPageActor{ID: str(m["id"]), Name: str(m["name"]), Kind: str(m["kind"]), Aliases: make([]string, len(al))}
		for i, s := range al {
			a.Aliases[i] = str(s)
		}
		out.Nodes = append(out.Nodes, a)
	}
	if len(out.Nodes) > 20 {
		out.Nodes, out.HasNextPage = out.Nodes[:20], true
	}
	return out
}

// sampleRelationships returns, for each anchor, the id of its first
// outgoing relationship (by id), skipping anchors without one.
func sampleRelationships(b *testing.B, driver neo4j.DriverWithContext, anchors []string) []string {
	res, err := neo4j.ExecuteQuery(context.Background(), driver, `
		UNWIND $ids AS id
		MATCH (a:Actor {id: id})
		CALL { WITH a MATCH (a)-[r:`+allTypes()+`]->(:Actor) RETURN r.id AS rel ORDER BY rel LIMIT 1 }
		RETURN rel`, map[string]any{"ids": anchors},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, r := range res.Records {
		out = append(out, str(func() any { v, _ := r.Get("rel"); return v }()))
	}
	if len(out) == 0 {
		b.Fatal("no relationships to sample")
	}
	return out
}
