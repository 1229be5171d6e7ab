package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/generated"
	graphmem "github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/resolvers"
	"github.com/actorgraph/actorgraph/server"
)

// The curation tests run the real handler, with its authentication, over
// the seed in the in-memory store and a curation.Service: what they check
// (roles, error codes and statuses, nothing written by a refused or bad
// mutation) lies above the store; the stores are held to the same answers
// by graph/neo4j's curation contract test.

// curationServer is the real handler over the seed, with a token for
// each role.
type curationServer struct {
	*authServer
	graph *graphmem.Store
}

func newCurationServer(t *testing.T) *curationServer {
	t.Helper()
	g := graphmem.New()
	if _, err := loaders.Load(context.Background(), g, seedtest.Dir()); err != nil {
		t.Fatal(err)
	}
	ports := server.Ports{Graph: g, Export: g, Health: g, Curation: &curation.Service{Store: g, Graph: g}}
	return &curationServer{authServer: newAuthServerOver(t, server.AuthOptions{MaxFailures: 1000}, ports), graph: g}
}

// call posts query with variables as role ("": no token).
func (s *curationServer) call(role, query string, vars map[string]any) response {
	s.t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := mustReq(http.MethodPost, s.srv.URL+"/graphql", b)
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+s.bearer[role])
	}
	return s.do(req)
}

// state is everything a mutation could change: the whole graph and the
// number of revisions.
func (s *curationServer) state() string {
	s.t.Helper()
	ctx := context.Background()
	g, err := s.graph.WholeGraph(ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	claims, err := s.graph.Claims(ctx, graph.ClaimFilter{}, graph.PageRequest{First: 10000})
	if err != nil {
		s.t.Fatal(err)
	}
	revs, err := s.graph.Revisions(ctx, curation.RevisionFilter{}, graph.PageRequest{First: 10000})
	if err != nil {
		s.t.Fatal(err)
	}
	b, _ := json.Marshal([]any{g, claims, len(revs.Revisions)})
	return string(b)
}

const seedClaim = "iran-aligned-militias-threaten-us/kh-threatens-us"

const articleText = "Kataib Hezbollah renewed its threats against the United States on Monday."

func commitVars(id string) map[string]any {
	return map[string]any{"input": map[string]any{
		"article": map[string]any{"id": id, "title": "KH renews threats", "text": articleText, "publishedAt": "2026-02-02"},
		"claims": []any{map[string]any{
			"key": "kh-threatens-us", "subject": "Kataib Hezbollah", "type": "THREATENS", "object": "United States",
			"certainty": "ASSERTED", "quote": "Kataib Hezbollah renewed its threats against the United States",
		}},
	}}
}

// mutation is one mutation called as it should be.
type mutation struct {
	name  string // the schema's field
	role  auth.Role
	query string
	vars  func(got map[string]json.RawMessage) map[string]any
}

var mutations = []mutation{
	{"draftArticle", auth.Editor, `mutation($a: ArticleInput!) { draftArticle(input: $a) { drafter claims { key } } }`,
		func(map[string]json.RawMessage) map[string]any {
			return map[string]any{"a": map[string]any{"id": "x", "title": "x", "text": articleText, "publishedAt": "unknown"}}
		}},
	{"commitArticle", auth.Editor, `mutation($input: CommitArticleInput!) { commitArticle(input: $input) { id claims { id version } } }`,
		func(map[string]json.RawMessage) map[string]any { return commitVars("kh-renews-threats") }},
	{"updateClaim", auth.Editor, `mutation($id: ID!) { updateClaim(id: $id, input: {certainty: REPORTED}, expectedVersion: 1, reason: "second look") { id version certainty } }`,
		func(map[string]json.RawMessage) map[string]any { return map[string]any{"id": seedClaim} }},
	{"retractClaim", auth.Editor, `mutation($id: ID!) { retractClaim(id: $id, reason: "misread") { id version retracted retractedBy } }`,
		func(map[string]json.RawMessage) map[string]any { return map[string]any{"id": seedClaim} }},
	{"restoreClaim", auth.Editor, `mutation($id: ID!) { restoreClaim(id: $id, expectedVersion: 3) { id version retracted } }`,
		func(map[string]json.RawMessage) map[string]any { return map[string]any{"id": seedClaim} }},
	{"createActor", auth.Editor, `mutation { createActor(input: {id: "kh-spokesman", name: "KH spokesman", kind: PERSON}) { id version } }`,
		func(map[string]json.RawMessage) map[string]any { return nil }},
	{"updateActor", auth.Editor, `mutation { updateActor(id: "kh-spokesman", input: {description: "Speaks for KH."}, expectedVersion: 1) { id version description } }`,
		func(map[string]json.RawMessage) map[string]any { return nil }},
	{"setAliases", auth.Editor, `mutation { setAliases(id: "kh-spokesman", aliases: ["the spokesman"], expectedVersion: 2) { id version aliases } }`,
		func(map[string]json.RawMessage) map[string]any { return nil }},
	{"mergeActors", auth.Admin, `mutation { mergeActors(keep: "abu-hussein-al-humaidawi", remove: "kh-spokesman", reason: "the same man") { keep { id aliases } removedId revision { id action } } }`,
		func(map[string]json.RawMessage) map[string]any { return nil }},
	{"unmergeActors", auth.Admin, `mutation($r: ID!) { unmergeActors(revision: $r, reason: "not the same") { keep { id } removed { id } } }`,
		func(got map[string]json.RawMessage) map[string]any {
			var m struct{ Revision struct{ ID string } }
			json.Unmarshal(got["mergeActors"], &m)
			return map[string]any{"r": m.Revision.ID}
		}},
}

// Every curation mutation is refused without a token (401), with a
// revoked one (401), with a reader's (403) and, for merges, with an
// editor's (403), changing nothing; the role it needs is accepted. The
// roles are curation.ActionTable's, which the schema's @auth repeats.
func TestCurationMutationsNeedTheirRole(t *testing.T) {
	s := newCurationServer(t)
	es := generated.NewExecutableSchema(generated.Config{Resolvers: &resolvers.Resolver{}}).Schema()
	for _, f := range es.Mutation.Fields {
		if f.Name == "createApiToken" || f.Name == "revokeApiToken" {
			continue // TestTokenManagementNeedsAdmin
		}
		if !slices.ContainsFunc(mutations, func(m mutation) bool { return m.name == f.Name }) {
			t.Errorf("mutation %s is not in this test's table", f.Name)
		}
	}
	for _, a := range curation.ActionTable {
		f := es.Mutation.Fields.ForName(a.Mutation)
		if f == nil {
			t.Errorf("action %s's mutation %s is not in the schema", a.Action, a.Mutation)
			continue
		}
		if got := f.Directives.ForName("auth").Arguments.ForName("requires").Value.Raw; got != a.Role.GraphQLName() {
			t.Errorf("%s: the schema asks for %s, curation.ActionTable for %s", a.Mutation, got, a.Role.GraphQLName())
		}
	}
	got := map[string]json.RawMessage{}
	var answers strings.Builder
	for _, m := range mutations {
		vars := m.vars(got)
		before := s.state()
		refusals := []struct {
			role   string
			status int
			code   string
		}{{"", 401, graph.EUNAUTHENTICATED}, {"revoked", 401, graph.EUNAUTHENTICATED}, {"reader", 403, graph.EFORBIDDEN}}
		if m.role == auth.Admin {
			refusals = append(refusals, struct {
				role   string
				status int
				code   string
			}{"editor", 403, graph.EFORBIDDEN})
		}
		for _, r := range refusals {
			res := s.call(r.role, m.query, vars)
			answers.WriteString(res.raw)
			check(t, fmt.Sprintf("%s as %q", m.name, r.role), res, r.status, r.code)
			if s.state() != before {
				t.Fatalf("%s as %q was refused but changed the graph", m.name, r.role)
			}
		}
		res := s.call(string(m.role), m.query, vars)
		answers.WriteString(res.raw)
		check(t, m.name+" as "+string(m.role), res, 200, "")
		var data map[string]json.RawMessage
		if err := json.Unmarshal(res.Data, &data); err != nil || data[m.name] == nil {
			t.Fatalf("%s: no answer: %s", m.name, res.raw)
		}
		got[m.name] = data[m.name]
	}
	// Every step is in the audit trail, newest first, by the right token.
	res := s.call("reader", `{ revisions(first: 100) { nodes { action byName byRole } } }`, nil)
	check(t, "revisions", res, 200, "")
	var revs struct {
		Revisions struct {
			Nodes []struct{ Action, ByName, ByRole string }
		}
	}
	json.Unmarshal(res.Data, &revs)
	var actions []string
	for _, n := range revs.Revisions.Nodes {
		actions = append(actions, n.Action)
	}
	want := []string{"UNMERGE_ACTORS", "MERGE_ACTORS", "SET_ALIASES", "UPDATE_ACTOR", "CREATE_ACTOR", "RESTORE_CLAIM", "RETRACT_CLAIM", "UPDATE_CLAIM", "COMMIT_ARTICLE"}
	if !slices.Equal(actions, want) {
		t.Errorf("revisions: %v; want %v", actions, want)
	}
	// No token, whole or in part, in an answer or the log.
	logged := s.log.String()
	for _, b := range s.bearer {
		_, sec, _ := auth.ParseToken(b)
		if strings.Contains(logged, sec[:16]) || strings.Contains(answers.String(), sec[:16]) {
			t.Errorf("a token's secret is in the log or an answer")
		}
	}
}

// Bad input to every mutation: a clear error with a code (and, for
// article input, the path of the field), no 5xx, nothing written.
func TestCurationBadInput(t *testing.T) {
	s := newCurationServer(t)
	long := strings.Repeat("a", curation.MaxTextLength+1)
	commit := func(edit func(in map[string]any)) map[string]any {
		v := commitVars("kh-renews-threats")
		edit(v["input"].(map[string]any))
		return v
	}
	claim0 := func(in map[string]any) map[string]any { return in["claims"].([]any)[0].(map[string]any) }
	const commitQ = `mutation($input: CommitArticleInput!) { commitArticle(input: $input) { id } }`
	const updateQ = `mutation($id: ID!, $in: ClaimUpdate!, $v: Int!) { updateClaim(id: $id, input: $in, expectedVersion: $v) { id } }`
	cases := []struct {
		name  string
		role  string
		query string
		vars  map[string]any
		code  string
		path  string // the first problem's path, when the error has problems
		says  string // in the message
	}{
		{"draft: overlong text", "editor", `mutation($a: ArticleInput!) { draftArticle(input: $a) { drafter } }`,
			map[string]any{"a": map[string]any{"id": "x", "title": "x", "text": long, "publishedAt": "unknown"}}, graph.EINVALID, "text", "at most 200000"},
		{"commit: overlong text", "editor", commitQ, commit(func(in map[string]any) { in["article"].(map[string]any)["text"] = long }), graph.EINVALID, "article.text", "at most"},
		{"commit: quote offset outside the text", "editor", commitQ, commit(func(in map[string]any) { claim0(in)["start"] = 5000 }), graph.EINVALID, "claims[0].start", "between 0 and"},
		{"commit: object words not in the text", "editor", commitQ, commit(func(in map[string]any) { claim0(in)["objectText"] = "Washington" }), graph.EINVALID, "claims[0].objectText", "does not occur"},
		{"commit: unknown actor", "editor", commitQ, commit(func(in map[string]any) { claim0(in)["subject"] = "Nobody At All" }), graph.EINVALID, "claims[0].subject", "unknown actor"},
		{"commit: unknown relation type", "editor", commitQ, commit(func(in map[string]any) { claim0(in)["type"] = "LOVES" }), "GRAPHQL_VALIDATION_FAILED", "", "LOVES"},
		{"commit: quote not in the text", "editor", commitQ, commit(func(in map[string]any) { claim0(in)["quote"] = "no such words" }), graph.EINVALID, "claims[0].quote", "not found verbatim"},
		{"commit: bad article id", "editor", commitQ, commit(func(in map[string]any) { in["article"].(map[string]any)["id"] = "Not A Slug" }), graph.EINVALID, "article.id", "slug"},
		{"commit: no claims", "editor", commitQ, commit(func(in map[string]any) { in["claims"] = []any{} }), graph.EINVALID, "claims", "at least one claim"},
		{"commit: alias collision", "editor", commitQ, commit(func(in map[string]any) {
			in["actors"] = []any{map[string]any{"id": "new-one", "name": "New One", "kind": "GROUP", "aliases": []any{"Tehran"}}}
		}), graph.EINVALID, "actors[0].aliases[0]", `actor "iran"`},
		{"commit: existing article", "editor", commitQ, commit(func(in map[string]any) { in["article"].(map[string]any)["id"] = "iran-aligned-militias-threaten-us" }), graph.EINVALID, "article.id", "replace: true"},
		{"update: wrong id", "editor", updateQ, map[string]any{"id": "no/such", "in": map[string]any{"note": "x"}, "v": 1}, graph.ENOTFOUND, "", "no/such"},
		{"update: stale version", "editor", updateQ, map[string]any{"id": seedClaim, "in": map[string]any{"note": "x"}, "v": 7}, graph.ECONFLICT, "", "version 1"},
		{"update: offset outside the text", "editor", updateQ, map[string]any{"id": seedClaim, "in": map[string]any{"objectStart": 1 << 20}, "v": 1}, graph.EINVALID, "input.objectStart", "between 0 and"},
		{"update: unknown object", "editor", updateQ, map[string]any{"id": seedClaim, "in": map[string]any{"object": "Atlantis"}, "v": 1}, graph.EINVALID, "input.object", "unknown actor"},
		{"update: unknown relation type", "editor", updateQ, map[string]any{"id": seedClaim, "in": map[string]any{"type": "LOVES"}, "v": 1}, "GRAPHQL_VALIDATION_FAILED", "", "LOVES"},
		{"update: overlong quote", "editor", updateQ, map[string]any{"id": seedClaim, "in": map[string]any{"quote": long[:curation.MaxQuoteLength+1]}, "v": 1}, graph.EINVALID, "input.quote", "at most"},
		{"update: subject is object", "editor", updateQ, map[string]any{"id": seedClaim, "in": map[string]any{"subject": "united-states"}, "v": 1}, graph.EINVALID, "input.object", "same actor"},
		{"retract: wrong id", "editor", `mutation { retractClaim(id: "no/such", reason: "x") { id } }`, nil, graph.ENOTFOUND, "", "no/such"},
		{"retract: no reason", "editor", `mutation { retractClaim(id: "` + seedClaim + `", reason: "  ") { id } }`, nil, graph.EINVALID, "reason", "required"},
		{"retract: overlong reason", "editor", `mutation($r: String!) { retractClaim(id: "` + seedClaim + `", reason: $r) { id } }`, map[string]any{"r": long[:1001]}, graph.EINVALID, "reason", "at most 1000"},
		{"restore: not retracted", "editor", `mutation { restoreClaim(id: "` + seedClaim + `") { id } }`, nil, graph.EINVALID, "", "not retracted"},
		{"restore: wrong id", "editor", `mutation { restoreClaim(id: "nope") { id } }`, nil, graph.ENOTFOUND, "", "nope"},
		{"create actor: existing id", "editor", `mutation { createActor(input: {id: "iran", name: "Persia", kind: STATE}) { id } }`, nil, graph.EINVALID, "input.id", "already in the graph"},
		{"create actor: alias collision", "editor", `mutation { createActor(input: {id: "capital", name: "Capital", kind: GROUP, aliases: ["Tehran"]}) { id } }`, nil, graph.EINVALID, "input.aliases[0]", `actor "iran"`},
		{"create actor: bad id", "editor", `mutation { createActor(input: {id: "Bad Id", name: "X", kind: GROUP}) { id } }`, nil, graph.EINVALID, "input.id", "slug"},
		{"create actor: overlong name", "editor", `mutation($n: String!) { createActor(input: {id: "x", name: $n, kind: GROUP}) { id } }`, map[string]any{"n": long[:201]}, graph.EINVALID, "input.name", "at most 200"},
		{"create actor: unknown kind", "editor", `mutation { createActor(input: {id: "x", name: "X", kind: ALIEN}) { id } }`, nil, "GRAPHQL_VALIDATION_FAILED", "", "ALIEN"},
		{"update actor: wrong id", "editor", `mutation { updateActor(id: "nobody", input: {name: "X"}, expectedVersion: 1) { id } }`, nil, graph.ENOTFOUND, "", "nobody"},
		{"update actor: name of another", "editor", `mutation { updateActor(id: "iraq", input: {name: "Tehran"}, expectedVersion: 1) { id } }`, nil, graph.EINVALID, "input.name", `actor "iran"`},
		{"update actor: stale version", "editor", `mutation { updateActor(id: "iraq", input: {name: "Iraq!"}, expectedVersion: 2) { id } }`, nil, graph.ECONFLICT, "", "version 1"},
		{"update actor: empty name", "editor", `mutation { updateActor(id: "iraq", input: {name: " "}, expectedVersion: 1) { id } }`, nil, graph.EINVALID, "input.name", "empty"},
		{"set aliases: collision", "editor", `mutation { setAliases(id: "iraq", aliases: ["Baghdad", "Washington"], expectedVersion: 1) { id } }`, nil, graph.EINVALID, "aliases[1]", `actor "united-states"`},
		{"set aliases: wrong id", "editor", `mutation { setAliases(id: "nobody", aliases: [], expectedVersion: 1) { id } }`, nil, graph.ENOTFOUND, "", "nobody"},
		{"set aliases: empty alias", "editor", `mutation { setAliases(id: "iraq", aliases: [""], expectedVersion: 1) { id } }`, nil, graph.EINVALID, "aliases[0]", "empty"},
		{"set aliases: stale version", "editor", `mutation { setAliases(id: "iraq", aliases: ["Baghdad"], expectedVersion: 5) { id } }`, nil, graph.ECONFLICT, "", "version 1"},
		{"merge: wrong id", "admin", `mutation { mergeActors(keep: "iran", remove: "nobody", reason: "x") { removedId } }`, nil, graph.ENOTFOUND, "", "nobody"},
		{"merge: into itself", "admin", `mutation { mergeActors(keep: "iran", remove: "iran", reason: "x") { removedId } }`, nil, graph.EINVALID, "remove", "itself"},
		{"merge: linked actors", "admin", `mutation { mergeActors(keep: "kataib-hezbollah", remove: "united-states", reason: "x") { removedId } }`, nil, graph.EINVALID, "", "kh-threatens-us"},
		{"merge: no reason", "admin", `mutation { mergeActors(keep: "iran", remove: "iraq", reason: "") { removedId } }`, nil, graph.EINVALID, "reason", "required"},
		{"unmerge: wrong revision", "admin", `mutation { unmergeActors(revision: "rev-0000000000000000", reason: "x") { removedId } }`, nil, graph.ENOTFOUND, "", "rev-0000000000000000"},
		{"history: first out of range", "reader", `{ history(id: "iran", first: 0) { id } }`, nil, graph.EINVALID, "", "first"},
		{"revisions: bad cursor", "reader", `{ revisions(after: "bm9wZQ") { nodes { id } } }`, nil, graph.EINVALID, "", "cursor"},
	}
	before := s.state()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := s.call(c.role, c.query, c.vars)
			if res.status >= 500 {
				t.Fatalf("status %d: %s", res.status, res.raw)
			}
			if res.code() != c.code {
				t.Fatalf("code %q, want %q: %s", res.code(), c.code, res.raw)
			}
			if !strings.Contains(res.Errors[0].Message, c.says) {
				t.Errorf("message %q does not say %q", res.Errors[0].Message, c.says)
			}
			if c.path != "" {
				ps, _ := res.Errors[0].Extensions["problems"].([]any)
				if len(ps) == 0 {
					t.Fatalf("no problems in %s", res.raw)
				}
				if p, _ := ps[0].(map[string]any)["path"].(string); p != c.path {
					t.Errorf("first problem at %q, want %q: %s", p, c.path, res.raw)
				}
			}
			if c.code == graph.ECONFLICT && res.status != http.StatusConflict {
				t.Errorf("conflict answered with status %d, not 409", res.status)
			}
			if s.state() != before {
				t.Fatalf("a refused mutation changed the graph")
			}
		})
	}
}

// Two editors update one claim at once over HTTP: one gets the new
// version, the other a 409 conflict, and the graph holds the winner's
// change once.
func TestConcurrentClaimUpdatesOverHTTP(t *testing.T) {
	s := newCurationServer(t)
	const q = `mutation($note: String!) { updateClaim(id: "` + seedClaim + `", input: {note: $note}, expectedVersion: 1) { version note } }`
	var wg sync.WaitGroup
	results := make([]response, 2)
	start := make(chan struct{})
	for i, role := range []string{"editor", "admin"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i] = s.call(role, q, map[string]any{"note": "by " + role})
		}()
	}
	close(start)
	wg.Wait()
	var won, lost int
	winner := ""
	for i, r := range results {
		switch {
		case r.status == 200 && r.code() == "":
			won++
			winner = []string{"editor", "admin"}[i]
		case r.status == http.StatusConflict && r.code() == graph.ECONFLICT:
			lost++
		default:
			t.Fatalf("answer %d: %d %s", i, r.status, r.raw)
		}
	}
	if won != 1 || lost != 1 {
		t.Fatalf("%d won, %d lost; want one each", won, lost)
	}
	cs, _ := s.graph.ClaimsByID(context.Background(), []string{seedClaim})
	if c := cs[seedClaim]; c.Note != "by "+winner || c.Version != 2 {
		t.Fatalf("claim note %q version %d; want %q at 2", c.Note, c.Version, "by "+winner)
	}
	hist, _ := s.graph.History(context.Background(), seedClaim, 10)
	if len(hist) != 1 {
		t.Fatalf("%d revisions, want 1", len(hist))
	}
}

// The playground's curation tabs run in order, with an admin's token, on
// the seed: each answers without an error and with data.
func TestCurationExamples(t *testing.T) {
	s := newCurationServer(t)
	n := 0
	for _, ex := range server.Examples {
		if !ex.Curation {
			continue
		}
		n++
		var vars map[string]any
		if ex.Variables != "" {
			if err := json.Unmarshal([]byte(ex.Variables), &vars); err != nil {
				t.Fatalf("variables: %v", err)
			}
		}
		res := s.call("admin", ex.Query, vars)
		if res.status != 200 || len(res.Errors) > 0 {
			t.Fatalf("%.60s…: %d %s", ex.Query, res.status, res.raw)
		}
		var data map[string]json.RawMessage
		json.Unmarshal(res.Data, &data)
		for field, v := range data {
			if d := string(v); d == "null" || d == "[]" {
				t.Errorf("%s answered nothing", field)
			}
		}
		// Without a token a change is refused before anything runs.
		if regexp.MustCompile(`(?m)^mutation `).MatchString(ex.Query) {
			check(t, "example without a token", s.call("", ex.Query, vars), 401, graph.EUNAUTHENTICATED)
		}
	}
	if n < 5 {
		t.Fatalf("%d curation examples", n)
	}
}

// Retracting the only claim of a relationship removes the relationship
// from every read and walk, while the claim stays readable with
// retracted: true; restoring it brings the relationship back as it was.
func TestRetractionLeavesRelationshipsAndWalksAgreeing(t *testing.T) {
	s := newCurationServer(t)
	ctx := context.Background()
	rels, err := s.graph.Relationships(ctx, graph.RelationshipFilter{}, graph.PageRequest{First: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var rel graph.Relationship
	for _, r := range rels.Relationships {
		if len(r.ClaimIDs) == 1 {
			rel = r
			break
		}
	}
	if rel.ID == "" {
		t.Fatal("the seed has no relationship with one claim")
	}
	claim := rel.ClaimIDs[0]
	relOf := `query($id: ID!) { actor(id: $id) { relationships { id claimCount } } neighbourhood(id: $id) { edges { id } } }`
	before := s.call("reader", relOf, map[string]any{"id": rel.FromID})
	check(t, "before", before, 200, "")
	if !strings.Contains(string(before.Data), rel.ID) {
		t.Fatalf("%s is not among %s's relationships: %s", rel.ID, rel.FromID, before.Data)
	}
	check(t, "retract", s.call("editor", `mutation($id: ID!) { retractClaim(id: $id, reason: "test") { retracted } }`, map[string]any{"id": claim}), 200, "")
	after := s.call("reader", relOf, map[string]any{"id": rel.FromID})
	if strings.Contains(string(after.Data), rel.ID) {
		t.Fatalf("%s is still read or walked after its only claim was retracted: %s", rel.ID, after.Data)
	}
	listed := s.call("reader", `query($a: ID!) { claims(filter: {article: $a, retracted: true}) { nodes { id retracted retractedBy retractReason } }
		unretracted: claims(filter: {article: $a}) { totalCount } all: claims(filter: {article: $a, retracted: null}) { totalCount } }`,
		map[string]any{"a": strings.Split(claim, "/")[0]})
	check(t, "retracted claims", listed, 200, "")
	var l struct {
		Claims struct {
			Nodes []struct {
				ID, RetractedBy, RetractReason string
				Retracted                      bool
			}
		}
		Unretracted, All struct{ TotalCount int }
	}
	json.Unmarshal(listed.Data, &l)
	if len(l.Claims.Nodes) != 1 || l.Claims.Nodes[0].ID != claim || !l.Claims.Nodes[0].Retracted || l.Claims.Nodes[0].RetractedBy != "editor token" || l.All.TotalCount != l.Unretracted.TotalCount+1 {
		t.Fatalf("retracted claims: %s", listed.Data)
	}
	check(t, "restore", s.call("editor", `mutation($id: ID!) { restoreClaim(id: $id) { retracted } }`, map[string]any{"id": claim}), 200, "")
	if again := s.call("reader", relOf, map[string]any{"id": rel.FromID}); string(again.Data) != string(before.Data) {
		t.Fatalf("after restoring:\n%s\nbefore retracting:\n%s", again.Data, before.Data)
	}
}
