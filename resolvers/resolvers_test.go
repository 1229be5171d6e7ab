package resolvers_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/server"
)

// api is the GraphQL API over the seed, held in memory, and a GraphQL
// client for it: these tests are about what the resolvers answer, which
// graph/neo4j's contract test makes the same over Neo4j.
type api struct {
	t     *testing.T
	store *inmem.Store
	c     *client.Client
}

func newAPI(t *testing.T) *api {
	store := seedtest.MustGraph(t)
	h := server.New(server.Ports{Graph: store, Export: store, Health: store},
		server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return &api{t: t, store: store, c: client.New(h, client.Path("/graphql"))}
}

// gqlError is one GraphQL error of a response.
type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// do runs a query and decodes its data into out; it fails on any error.
func (a *api) do(query string, out any, opts ...client.Option) {
	a.t.Helper()
	if err := a.c.Post(query, out, opts...); err != nil {
		a.t.Fatalf("query failed: %v", err)
	}
}

// vars passes variables with a query.
func vars(v map[string]any) client.Option {
	return func(r *client.Request) { r.Variables = v }
}

// errors runs a query and returns its GraphQL errors.
func (a *api) errors(query string, opts ...client.Option) []gqlError {
	a.t.Helper()
	resp, err := a.c.RawPost(query, opts...)
	if err != nil {
		a.t.Fatal(err)
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			a.t.Fatalf("decode errors %s: %v", resp.Errors, err)
		}
	}
	return errs
}

type actor struct {
	ID, Name, Kind string
	Aliases        []string
}

type edge struct {
	ID, Type, Source, Target, Certainty string
	ClaimCount                          int
}

type subgraph struct {
	Nodes []struct{ ID, Label, Kind string }
	Edges []edge
}

func TestActorField(t *testing.T) {
	a := newAPI(t)
	var got struct {
		Actor   *actor
		Missing *actor
	}
	a.do(`{ actor(id: "iran") { id name kind aliases } missing: actor(id: "atlantis") { id } }`, &got)
	if got.Actor == nil || got.Actor.Name != "Iran" || got.Actor.Kind != "STATE" || !slices.Contains(got.Actor.Aliases, "Tehran") {
		t.Fatalf("actor(iran) = %+v", got.Actor)
	}
	if got.Missing != nil {
		t.Fatalf("actor(atlantis) = %+v, want null", got.Missing)
	}
}

func TestActorsConnection(t *testing.T) {
	a := newAPI(t)
	const q = `query($after: String) { actors(first: 5, after: $after) {
		totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }`
	type page struct {
		Actors struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   actor
			}
			Nodes    []actor
			PageInfo struct {
				HasNextPage, HasPreviousPage bool
				EndCursor                    *string
			}
		}
	}
	var ids []string
	var after any
	for i := 0; ; i++ {
		var p page
		a.do(q, &p, client.Var("after", after))
		if p.Actors.PageInfo.HasPreviousPage != (i > 0) {
			t.Errorf("page %d: hasPreviousPage = %v", i, p.Actors.PageInfo.HasPreviousPage)
		}
		for j, e := range p.Actors.Edges {
			ids = append(ids, e.Node.ID)
			if p.Actors.Nodes[j].ID != e.Node.ID {
				t.Fatalf("nodes and edges disagree at %d", j)
			}
		}
		if !p.Actors.PageInfo.HasNextPage {
			if len(ids) != p.Actors.TotalCount || p.Actors.TotalCount < 19 {
				t.Fatalf("paged %d actors of %d", len(ids), p.Actors.TotalCount)
			}
			break
		}
		after = *p.Actors.PageInfo.EndCursor
	}
	if !slices.IsSorted(ids) {
		t.Fatalf("actors not in id order: %v", ids)
	}

	var persons struct{ Actors struct{ Nodes []actor } }
	a.do(`{ actors(kind: PERSON, nameContains: "trump") { nodes { id } } }`, &persons)
	if len(persons.Actors.Nodes) != 1 || persons.Actors.Nodes[0].ID != "donald-trump" {
		t.Fatalf("PERSON containing trump = %+v", persons.Actors.Nodes)
	}

	errs := a.errors(`{ actors(first: 1000) { totalCount } }`)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "first must be between 1 and 100") {
		t.Fatalf("first: 1000 gave %+v", errs)
	}
	errs = a.errors(`{ actors(after: "not-a-cursor") { totalCount } }`)
	if len(errs) != 1 || errs[0].Extensions["code"] != "invalid" {
		t.Fatalf("bad cursor gave %+v", errs)
	}
}

func TestSearchField(t *testing.T) {
	a := newAPI(t)
	var got struct {
		Search []struct {
			Actor actor
			Score float64
		}
	}
	a.do(`{ search(text: "Kataib Hezbolah", first: 3) { actor { id } score } }`, &got)
	if len(got.Search) == 0 || got.Search[0].Actor.ID != "kataib-hezbollah" || got.Search[0].Score <= 0 {
		t.Fatalf("search = %+v", got.Search)
	}
	errs := a.errors(`{ search(text: "(\"~*:") { actor { id } } }`)
	if len(errs) != 1 || errs[0].Extensions["code"] != "invalid" {
		t.Fatalf("punctuation-only search gave %+v", errs)
	}
}

func TestNeighbourhoodField(t *testing.T) {
	a := newAPI(t)
	var got struct{ Neighbourhood subgraph }
	a.do(`{ neighbourhood(id: "kataib-hezbollah", depth: 1, relationTypes: [ALIGNED_WITH, LEADS], direction: BOTH, limit: 50) {
		nodes { id label kind } edges { id type source target certainty claimCount } } }`, &got)
	n := got.Neighbourhood
	if len(n.Nodes) == 0 || n.Nodes[0].ID != "kataib-hezbollah" || n.Nodes[0].Label != "Kataib Hezbollah" {
		t.Fatalf("anchor = %+v", n.Nodes)
	}
	var ids []string
	for _, x := range n.Nodes {
		ids = append(ids, x.ID)
	}
	for _, want := range []string{"iran", "abu-hussein-al-humaidawi"} {
		if !slices.Contains(ids, want) {
			t.Errorf("neighbourhood lacks %s: %v", want, ids)
		}
	}
	for _, e := range n.Edges {
		if e.Type != "ALIGNED_WITH" && e.Type != "LEADS" {
			t.Errorf("edge of type %s despite the filter", e.Type)
		}
		if !slices.Contains(ids, e.Source) || !slices.Contains(ids, e.Target) || e.ClaimCount < 1 || e.Certainty == "" {
			t.Errorf("bad edge %+v", e)
		}
	}
	errs := a.errors(`{ neighbourhood(id: "nobody") { nodes { id } } }`)
	if len(errs) != 1 || errs[0].Extensions["code"] != "not_found" {
		t.Fatalf("missing anchor gave %+v", errs)
	}
	errs = a.errors(`{ neighbourhood(id: "iran", depth: 7) { nodes { id } } }`)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "depth must be between 1 and 6") {
		t.Fatalf("depth 7 gave %+v", errs)
	}
}

func TestPathFields(t *testing.T) {
	a := newAPI(t)
	type path struct {
		Length int
		Nodes  []struct{ ID string }
		Edges  []edge
	}
	var got struct {
		ShortestPath     *path
		AllShortestPaths []path
		None             *path
	}
	a.do(`{
		shortestPath(from: "donald-trump", to: "kataib-hezbollah") { length nodes { id } edges { type source target } }
		allShortestPaths(from: "donald-trump", to: "kataib-hezbollah", limit: 10) { length nodes { id } edges { type } }
		none: shortestPath(from: "donald-trump", to: "kataib-hezbollah", relationTypes: [DEPLOYED_TO]) { length }
	}`, &got)
	p := got.ShortestPath
	if p == nil || p.Length != 2 || len(p.Nodes) != 3 || p.Nodes[0].ID != "donald-trump" || p.Nodes[2].ID != "kataib-hezbollah" {
		t.Fatalf("shortestPath = %+v", p)
	}
	if len(got.AllShortestPaths) == 0 {
		t.Fatal("allShortestPaths is empty")
	}
	for _, q := range got.AllShortestPaths {
		if q.Length != 2 {
			t.Errorf("allShortestPaths has a path of length %d", q.Length)
		}
	}
	if got.None != nil {
		t.Fatalf("path over DEPLOYED_TO only = %+v, want null", got.None)
	}
}

func TestRelationshipsField(t *testing.T) {
	a := newAPI(t)
	var got struct {
		Relationships struct {
			TotalCount int
			Nodes      []struct {
				Type, Certainty string
				From, To        actor
				Claims          []struct {
					Quote        string
					AttributedTo *actor
					Voice        string
					Article      struct{ ID, Text string }
				}
			}
		}
	}
	a.do(`{ relationships(type: ALIGNED_WITH, to: "iran", first: 50) { totalCount nodes {
		type certainty from { id } to { id } claims { quote voice attributedTo { id } article { id text } } } } }`, &got)
	var from []string
	for _, r := range got.Relationships.Nodes {
		from = append(from, r.From.ID)
		if r.Type != "ALIGNED_WITH" || r.To.ID != "iran" || len(r.Claims) == 0 {
			t.Errorf("bad relationship %+v", r)
		}
		for _, c := range r.Claims {
			if !strings.Contains(c.Article.Text, c.Quote) {
				t.Errorf("quote %q not in its article", c.Quote)
			}
			if (c.Voice == "ARTICLE") != (c.AttributedTo == nil) {
				t.Errorf("voice %s with attributedTo %+v", c.Voice, c.AttributedTo)
			}
		}
	}
	for _, want := range []string{"kataib-hezbollah", "harakat-al-nujaba", "liwa-sayyid-al-shuhada", "badr-organisation"} {
		if !slices.Contains(from, want) {
			t.Errorf("%s missing from ALIGNED_WITH iran: %v", want, from)
		}
	}
	if got.Relationships.TotalCount != len(got.Relationships.Nodes) {
		t.Errorf("totalCount %d, nodes %d", got.Relationships.TotalCount, len(got.Relationships.Nodes))
	}

	var alleged struct {
		Relationships struct {
			Nodes []struct {
				Certainties []string
				Claims      []struct {
					Certainty    string
					AttributedTo *actor
				}
			}
		}
	}
	a.do(`{ relationships(certainty: [ALLEGED], attributedTo: "iranian-opposition-circles") {
		nodes { certainties claims { certainty attributedTo { id } } } } }`, &alleged)
	if len(alleged.Relationships.Nodes) == 0 {
		t.Fatal("no relationships with an alleged claim attributed to iranian-opposition-circles")
	}
	for _, r := range alleged.Relationships.Nodes {
		attributed, isAlleged := false, false
		for _, c := range r.Claims {
			attributed = attributed || c.AttributedTo != nil && c.AttributedTo.ID == "iranian-opposition-circles"
			isAlleged = isAlleged || c.Certainty == "ALLEGED"
		}
		if !slices.Contains(r.Certainties, "ALLEGED") || !attributed || !isAlleged {
			t.Errorf("relationship %+v does not match the filter", r)
		}
	}
}

func TestArticleFields(t *testing.T) {
	a := newAPI(t)
	var got struct {
		Articles []struct{ ID, Title string }
		Article  struct {
			ID, Title, Text string
			Claims          []struct {
				ID, Quote, SubjectText string
				Start, End             int
				Subject                actor
				Relationship           struct{ ID string }
			}
		}
		Missing *struct{ ID string }
	}
	a.do(`{ articles { id title }
		article(id: "iran-aligned-militias-threaten-us") { id title text claims { id quote start end subjectText subject { id } relationship { id } } }
		missing: article(id: "nope") { id } }`, &got)
	if len(got.Articles) != 1 || got.Articles[0].Title != "Iran-aligned militias threaten US, raising fears for Iraq’s security" {
		t.Fatalf("articles = %+v", got.Articles)
	}
	text := []rune(got.Article.Text)
	if len(got.Article.Claims) < 40 {
		t.Fatalf("article has %d claims", len(got.Article.Claims))
	}
	for i, c := range got.Article.Claims {
		if string(text[c.Start:c.End]) != c.Quote {
			t.Errorf("claim %s: offsets do not select the quote", c.ID)
		}
		if i > 0 && c.Start < got.Article.Claims[i-1].Start {
			t.Errorf("claims not in text order at %s", c.ID)
		}
		if !strings.HasPrefix(c.Relationship.ID, c.Subject.ID+"|") {
			t.Errorf("claim %s: relationship %s does not start at its subject %s", c.ID, c.Relationship.ID, c.Subject.ID)
		}
	}
	if got.Missing != nil {
		t.Fatal("article(nope) is not null")
	}
}

func TestActorNestedFields(t *testing.T) {
	a := newAPI(t)
	var got struct {
		Actor struct {
			Degree        int
			Out           int
			Neighbours    []actor
			Relationships []struct {
				Type string
				From actor
			}
		}
	}
	a.do(`{ actor(id: "iran") {
		degree out: degree(direction: OUTGOING)
		neighbours { id }
		relationships(direction: INCOMING, types: [ALIGNED_WITH]) { type from { id } } } }`, &got)
	x := got.Actor
	if x.Degree <= x.Out || x.Degree < len(x.Neighbours) || len(x.Neighbours) == 0 {
		t.Fatalf("degree %d, outgoing %d, neighbours %d", x.Degree, x.Out, len(x.Neighbours))
	}
	var from []string
	for _, r := range x.Relationships {
		if r.Type != "ALIGNED_WITH" {
			t.Errorf("type %s despite the filter", r.Type)
		}
		from = append(from, r.From.ID)
	}
	if !slices.Contains(from, "badr-organisation") {
		t.Errorf("badr-organisation not among those aligned with iran: %v", from)
	}
}

func TestRelationTypesField(t *testing.T) {
	a := newAPI(t)
	var got struct {
		RelationTypes []struct {
			Type, Class, Meaning, Label     string
			Cameo, CameoRoot, CameoRootName *string
		}
	}
	a.do(`{ relationTypes { type class meaning cameo cameoRoot cameoRootName label } }`, &got)
	if len(got.RelationTypes) != len(graph.RelationTypes) {
		t.Fatalf("%d relation types, want %d", len(got.RelationTypes), len(graph.RelationTypes))
	}
	for i, r := range got.RelationTypes {
		want := graph.RelationTypes[i]
		if r.Type != string(want.Type) || r.Class != string(want.Class) || r.Meaning != want.Meaning || r.Label != want.Label ||
			deref(r.Cameo) != want.Cameo || deref(r.CameoRoot) != want.CameoRoot() || deref(r.CameoRootName) != graph.CameoRoots[want.CameoRoot()] {
			t.Errorf("relation type %d = %+v, want %+v", i, r, want)
		}
	}
	for _, r := range got.RelationTypes {
		if r.Type == "THREATENS" && (deref(r.Cameo) != "138" || deref(r.CameoRoot) != "13" || deref(r.CameoRootName) != "threaten") {
			t.Errorf("THREATENS = %+v", r)
		}
		if r.Type == "LEADS" && (r.Cameo != nil || r.CameoRoot != nil || r.Class != "STATE") {
			t.Errorf("LEADS = %+v", r)
		}
	}
}

// Nested fields over many actors must cost a fixed number of store calls
// (Neo4j round trips), not one per actor.
func TestNestedFieldsAreBatched(t *testing.T) {
	a := newAPI(t)
	const q = `{ actors(first: 100) { nodes {
		id degree
		neighbours { id degree }
		relationships { from { name } to { name } claims { quote attributedTo { name } article { title } } }
	} } }`
	before := a.store.Calls()
	var got struct {
		Actors struct{ Nodes []map[string]any }
	}
	a.do(q, &got)
	used := a.store.Calls() - before
	if n := len(got.Actors.Nodes); n < 19 {
		t.Fatalf("only %d actors", n)
	}
	// actors page, relationships of the page, actors at their ends, degrees of
	// neighbours, claims, attributed actors, articles: each one batch.
	const maxTrips = 8
	if used > maxTrips {
		t.Fatalf("%d store calls for %d actors; want at most %d", used, len(got.Actors.Nodes), maxTrips)
	}
	t.Logf("%d actors with nested fields in %d store calls", len(got.Actors.Nodes), used)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func TestNetworkField(t *testing.T) {
	a := newAPI(t)
	type network struct {
		Nodes []struct {
			ID, Label, Kind string
			Degree          int
		}
		Edges []struct {
			ID, Source, Target, Certainty string
			Certainties                   []string
			Corroboration, ClaimCount     int
		}
		RelationshipCount, ActorCount int
		Truncated                     bool
	}
	const fields = `nodes { id label kind degree } edges { id source target certainty certainties corroboration claimCount }
		relationshipCount actorCount truncated`
	all, err := a.store.WholeGraph(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Network network }
	a.do(`{ network { `+fields+` } }`, &got)
	n := got.Network
	if len(n.Edges) != len(all.Edges) || n.RelationshipCount != len(all.Edges) || n.Truncated {
		t.Fatalf("default network: %d edges of %d (truncated %v), want every one of the seed's %d", len(n.Edges), n.RelationshipCount, n.Truncated, len(all.Edges))
	}
	drawn := map[string]bool{}
	for _, x := range n.Nodes {
		drawn[x.ID] = true
	}
	for i, e := range n.Edges {
		if !drawn[e.Source] || !drawn[e.Target] {
			t.Errorf("edge %s joins an actor not among the nodes", e.ID)
		}
		if i > 0 && e.Corroboration > n.Edges[i-1].Corroboration {
			t.Errorf("edge %s (corroboration %d) after one with %d: want strongest first", e.ID, e.Corroboration, n.Edges[i-1].Corroboration)
		}
	}
	if len(n.Nodes) != n.ActorCount || n.Nodes[0].Degree < n.Nodes[len(n.Nodes)-1].Degree {
		t.Errorf("%d nodes of %d actors; first degree %d, last %d", len(n.Nodes), n.ActorCount, n.Nodes[0].Degree, n.Nodes[len(n.Nodes)-1].Degree)
	}

	// Top 5, with the filters: alleged claims only.
	a.do(`{ network(limit: 5, certainty: [ALLEGED]) { `+fields+` } }`, &got)
	n = got.Network
	if len(n.Edges) != 5 || !n.Truncated || n.RelationshipCount <= 5 || n.RelationshipCount >= len(all.Edges) {
		t.Fatalf("top 5 alleged: %d edges of %d, truncated %v", len(n.Edges), n.RelationshipCount, n.Truncated)
	}
	for _, e := range n.Edges {
		if !slices.Contains(e.Certainties, "ALLEGED") {
			t.Errorf("edge %s has no alleged claim: %v", e.ID, e.Certainties)
		}
	}

	for _, tc := range []struct{ query, want string }{
		{`{ network(limit: 0) { truncated } }`, "limit must be between 1 and 20000"},
		{`{ network(minDegree: -1) { truncated } }`, "minDegree must not be negative"},
		{`{ network(asOf: "2025-01-01", between: {from: "2024-01-01"}) { truncated } }`, "asOf"},
	} {
		errs := a.errors(tc.query)
		if len(errs) != 1 || errs[0].Extensions["code"] != "invalid" || !strings.Contains(errs[0].Message, tc.want) {
			t.Errorf("%s gave %+v, want an invalid error saying %q", tc.query, errs, tc.want)
		}
	}
}

// A neighbourhood's edge budget: the answer says how many relationships
// join its actors and whether some were left out, and maxEdges is
// checked against its range.
func TestNeighbourhoodEdgeBudget(t *testing.T) {
	a := newAPI(t)
	type answer struct {
		Neighbourhood struct {
			Nodes      []struct{ ID string }
			Edges      []struct{ ID string }
			TotalEdges int
			Truncated  bool
		}
	}
	var all answer
	a.do(`{ neighbourhood(id: "iran", maxEdges: 5000) { nodes { id } edges { id } totalEdges truncated } }`, &all)
	n := all.Neighbourhood
	if n.Truncated || n.TotalEdges != len(n.Edges) || n.TotalEdges < 3 {
		t.Fatalf("a budget above the total: %d edges of %d, truncated %v", len(n.Edges), n.TotalEdges, n.Truncated)
	}
	var cut answer
	a.do(`{ neighbourhood(id: "iran", maxEdges: 2) { nodes { id } edges { id } totalEdges truncated } }`, &cut)
	c := cut.Neighbourhood
	if !c.Truncated || c.TotalEdges != n.TotalEdges || len(c.Edges) != 2 || len(c.Nodes) != len(n.Nodes) {
		t.Errorf("maxEdges 2: %d edges of %d, %d actors (want %d), truncated %v", len(c.Edges), c.TotalEdges, len(c.Nodes), len(n.Nodes), c.Truncated)
	}
	for _, bad := range []string{"0", "-1", "5001"} {
		errs := a.errors(`{ neighbourhood(id: "iran", maxEdges: ` + bad + `) { totalEdges } }`)
		if len(errs) == 0 || !strings.Contains(errs[0].Message, "maxEdges") {
			t.Errorf("maxEdges %s: %+v, want an error naming maxEdges", bad, errs)
		}
	}
}
