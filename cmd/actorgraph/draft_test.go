package main

// draftArticle against the real CoreNLP server, as extract's tests: `make
// test` starts one (scripts/corenlp run); for `go test` alone run
// scripts/corenlp up first, or set CORENLP_URL. Without a server the first
// test fails: it never skips.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
)

const draftQuery = `mutation($input: ArticleInput!) { draftArticle(input: $input) {
  drafter
  actors { id name kind aliases }
  claims { key subject subjectSpan { start end text } type object objectSpan { start end text }
    certainty ownStatement condition { start end text } timeStatus timeCue { start end text }
    attributedTo quote start end confidence }
} }`

type span struct {
	Start, End int
	Text       string
}

type draftedClaim struct {
	Key, Subject, Type, Object, Certainty, TimeStatus, Quote string
	SubjectSpan, ObjectSpan                                  span
	Condition, TimeCue                                       *span
	OwnStatement                                             bool
	AttributedTo                                             *string
	Start, End                                               int
	Confidence                                               float64
}

type draftAnswer struct {
	DraftArticle struct {
		Drafter string
		Actors  []struct {
			ID, Name, Kind string
			Aliases        []string
		}
		Claims []draftedClaim
	}
}

type gqlError struct {
	Message    string
	Extensions struct {
		Code     string
		Problems []struct{ Path, Message string }
	}
}

// post sends an operation with a token, accepting media; it returns the
// HTTP status and the errors, and decodes the data into data.
func post(t *testing.T, addr, token, media, query string, vars map[string]any, data any) (int, []gqlError) {
	t.Helper()
	status, errs, err := postErr(addr, token, media, query, vars, data)
	if err != nil {
		t.Fatal(err)
	}
	return status, errs
}

// postErr is post for goroutines other than the test's.
func postErr(addr, token, media, query string, vars map[string]any, data any) (int, []gqlError, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", media)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("POST /graphql: %w", err)
	}
	defer res.Body.Close()
	var out struct {
		Data   json.RawMessage
		Errors []gqlError
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return res.StatusCode, nil, fmt.Errorf("status %d: decode: %w", res.StatusCode, err)
	}
	if data != nil && len(out.Errors) == 0 {
		if err := json.Unmarshal(out.Data, data); err != nil {
			return res.StatusCode, nil, err
		}
	}
	return res.StatusCode, out.Errors, nil
}

func editorToken(t *testing.T) string {
	t.Helper()
	token, errOut, err := run(t, "token", "create", "-name", "draft test", "-role", "editor")
	if err != nil {
		t.Fatalf("token create: %v %s", err, errOut)
	}
	return strings.TrimSpace(token)
}

// seedInput is the seed article as draftArticle's and commitArticle's
// article input, under a new id.
func seedInput(t *testing.T, id string) map[string]any {
	t.Helper()
	load, err := loaders.ParseFile(filepath.Join(repoRoot(), "seed", "claims.yaml"))
	must(t, err)
	a := load.Article
	in := map[string]any{"id": id, "title": a.Title, "text": a.Text, "publishedAt": a.PublishedAt, "note": a.Note}
	if a.PublishedAt == "" {
		in["publishedAt"] = "unknown"
	}
	if a.Dateline != "" {
		in["dateline"] = a.Dateline
	}
	if a.Source != "" {
		in["source"] = a.Source
	}
	return in
}

// runeSlice is text[start:end] in code points, the unit of offsets.
func runeSlice(text string, start, end int) (string, bool) {
	r := []rune(text)
	if start < 0 || end > len(r) || start > end {
		return "", false
	}
	return string(r[start:end]), true
}

// A server with the CoreNLP server drafts the seed article's claims with
// the extractor, resolving its actors against the graph being served; the
// quotes and mentions are verbatim at their offsets; and the drafts, one
// rejected and the rest accepted as drafted (one edited), commit as they
// are: the graph then holds exactly those claims at those offsets.
func TestDraftArticleWithCoreNLP(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	token := editorToken(t)
	cmd, addr, logs := startServe(t, binary(t))
	defer func() { cmd.Process.Kill(); cmd.Wait() }()

	in := seedInput(t, "seed-drafted")
	text := in["text"].(string)
	var d draftAnswer
	status, errs := post(t, addr, token, mediaJSONAccept, draftQuery, map[string]any{"input": in}, &d)
	if status != http.StatusOK || len(errs) > 0 {
		t.Fatalf("draftArticle: %d %+v\n%s", status, errs, logs.String())
	}
	got := d.DraftArticle
	if got.Drafter != "extract" {
		t.Fatalf("drafter %q, want extract", got.Drafter)
	}
	if len(got.Claims) < 3 {
		t.Fatalf("%d drafted claims from the seed article, want at least 3: %+v", len(got.Claims), got.Claims)
	}
	proposed := map[string]bool{}
	for _, a := range got.Actors {
		proposed[a.ID] = true
	}
	// The seed's actors are in the graph: none is proposed again.
	inGraph, err := s.ActorsByID(context.Background(), keys(proposed))
	must(t, err)
	if len(inGraph) > 0 {
		t.Errorf("actors of the graph proposed as new: %v", keys(inGraph))
	}
	graphActors := 0
	for _, c := range got.Claims {
		if q, ok := runeSlice(text, c.Start, c.End); !ok || q != c.Quote {
			t.Errorf("%s: quote %q is not the text at %d..%d (%q)", c.Key, c.Quote, c.Start, c.End, q)
		}
		for _, sp := range []span{c.SubjectSpan, c.ObjectSpan} {
			if w, ok := runeSlice(text, sp.Start, sp.End); !ok || w != sp.Text || w == "" {
				t.Errorf("%s: mention %q is not the text at %d..%d (%q)", c.Key, sp.Text, sp.Start, sp.End, w)
			}
		}
		if c.Confidence < 0.4 || c.Confidence > 1 {
			t.Errorf("%s: confidence %v outside [threshold, 1]", c.Key, c.Confidence)
		}
		for _, id := range []string{c.Subject, c.Object} {
			if !proposed[id] {
				graphActors++
				if as, err := s.ActorsByID(context.Background(), []string{id}); err != nil || len(as) != 1 {
					t.Errorf("%s: %s is neither a graph actor nor a proposed one (%v)", c.Key, id, err)
				}
			}
		}
	}
	if graphActors == 0 {
		t.Errorf("no drafted claim names an actor of the graph: the graph's actors were not known")
	}
	if t.Failed() {
		t.FailNow()
	}

	// Review: reject the last draft, change the first's certainty, accept
	// the rest as drafted.
	accepted := got.Claims[:len(got.Claims)-1]
	claims := make([]any, len(accepted))
	for i, c := range accepted {
		ci := map[string]any{
			"key": c.Key, "subject": c.Subject, "subjectText": c.SubjectSpan.Text, "subjectStart": c.SubjectSpan.Start,
			"type": c.Type, "object": c.Object, "objectText": c.ObjectSpan.Text, "objectStart": c.ObjectSpan.Start,
			"certainty": c.Certainty, "ownStatement": c.OwnStatement, "timeStatus": c.TimeStatus,
			"quote": c.Quote, "start": c.Start,
		}
		if i == 0 {
			ci["certainty"] = "ALLEGED"
		}
		if c.Condition != nil {
			ci["condition"] = c.Condition.Text
		}
		if c.TimeCue != nil {
			ci["timeCue"] = c.TimeCue.Text
		}
		if c.AttributedTo != nil {
			ci["attributedTo"] = *c.AttributedTo
		}
		claims[i] = ci
	}
	actors := make([]any, len(got.Actors))
	for i, a := range got.Actors {
		actors[i] = map[string]any{"id": a.ID, "name": a.Name, "kind": a.Kind, "aliases": a.Aliases}
	}
	commit := map[string]any{"input": map[string]any{"article": in, "actors": actors, "claims": claims, "reason": "reviewed drafts"}}
	var committed struct{ CommitArticle struct{ ID string } }
	status, errs = post(t, addr, token, mediaJSONAccept,
		`mutation($input: CommitArticleInput!) { commitArticle(input: $input) { id } }`, commit, &committed)
	if status != http.StatusOK || len(errs) > 0 {
		t.Fatalf("commitArticle of the reviewed drafts: %d %+v", status, errs)
	}
	page, err := s.Claims(context.Background(), graph.ClaimFilter{ArticleID: "seed-drafted"}, graph.PageRequest{First: 500})
	must(t, err)
	if len(page.Claims) != len(accepted) {
		t.Fatalf("the graph holds %d claims of the article, want the %d accepted", len(page.Claims), len(accepted))
	}
	stored := map[string]graph.Claim{}
	for _, c := range page.Claims {
		stored[c.ID] = c
	}
	for i, c := range accepted {
		sc, ok := stored["seed-drafted/"+c.Key]
		switch {
		case !ok:
			t.Errorf("%s: not in the graph", c.Key)
		case sc.Quote != c.Quote || sc.Start != c.Start || sc.End != c.End || sc.SubjectID != c.Subject || sc.ObjectID != c.Object ||
			string(sc.Relation) != c.Type || sc.SubjectSpan.Start != c.SubjectSpan.Start || sc.ObjectSpan.Start != c.ObjectSpan.Start:
			t.Errorf("%s: stored %+v, drafted %+v", c.Key, sc, c)
		case i == 0 && sc.Certainty != graph.Alleged:
			t.Errorf("%s: the edit to ALLEGED was not kept: %s", c.Key, sc.Certainty)
		case i > 0 && string(sc.Certainty) != c.Certainty:
			t.Errorf("%s: certainty %s, drafted %s", c.Key, sc.Certainty, c.Certainty)
		}
	}
}

const mediaJSONAccept = "application/json"

// With the CoreNLP server unreachable (a closed port), draftArticle
// answers at once with code unavailable, naming the server and how to
// start it, with HTTP 200 whatever the client accepts, while reads go
// on; the drafting deadline is ten minutes, so the code (not timeout)
// shows the answer did not wait for it. With -draft=false the server
// proposes nothing and says so.
func TestDraftArticleWithoutCoreNLP(t *testing.T) {
	neo4jtest.MustOpenSeeded(t)
	token := editorToken(t)
	url := "http" + strings.TrimPrefix(closedPort(t), "bolt")
	t.Setenv("CORENLP_URL", url)
	cmd, addr, logs := startServe(t, binary(t), "-nlp-timeout", "10m")
	defer func() { cmd.Process.Kill(); cmd.Wait() }()

	in := map[string]any{"input": seedInput(t, "seed-undrafted")}
	for _, media := range []string{mediaJSONAccept, "application/graphql-response+json"} {
		status, errs := post(t, addr, token, media, draftQuery, in, nil)
		if status != http.StatusOK || len(errs) != 1 {
			t.Fatalf("%s: status %d, errors %+v", media, status, errs)
		}
		e := errs[0]
		if e.Extensions.Code != graph.EUNAVAILABLE || !strings.Contains(e.Message, url) || !strings.Contains(e.Message, "scripts/corenlp up") {
			t.Errorf("%s: %q (%s), want unavailable naming %s and scripts/corenlp up", media, e.Message, e.Extensions.Code, url)
		}
	}
	if data, code, err := gql(addr, `{ actors(first: 1) { totalCount } }`); err != nil || !strings.Contains(data, "totalCount") {
		t.Errorf("a read while CoreNLP is down: %s %s %v", data, code, err)
	}
	if !strings.Contains(logs.String(), "does not answer now") {
		t.Errorf("serve did not warn that the CoreNLP server does not answer:\n%s", logs.String())
	}
	cmd.Process.Kill()
	cmd.Wait()

	// A server that takes the connection and never answers: timeout at
	// the drafting deadline, HTTP 200, reads answered meanwhile.
	hung, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer hung.Close()
	held := make(chan net.Conn, 16)
	defer func() {
		hung.Close()
		for {
			select {
			case c := <-held:
				c.Close()
			default:
				return
			}
		}
	}()
	go func() {
		for {
			c, err := hung.Accept()
			if err != nil {
				return
			}
			select {
			case held <- c:
			default:
				c.Close()
			}
		}
	}()
	t.Setenv("CORENLP_URL", "http://"+hung.Addr().String())
	cmd, addr, logs = startServe(t, binary(t), "-nlp-timeout", "5s")
	answered := make(chan []gqlError, 1)
	go func() {
		_, errs, err := postErr(addr, token, "application/graphql-response+json", draftQuery, in, nil)
		if err != nil {
			errs = []gqlError{{Message: err.Error()}}
		}
		answered <- errs
	}()
	if data, code, err := gql(addr, `{ actors(first: 1) { totalCount } }`); err != nil || !strings.Contains(data, "totalCount") {
		t.Errorf("a read while a draft waits on a hung CoreNLP server: %s %s %v", data, code, err)
	}
	if errs := <-answered; len(errs) != 1 || errs[0].Extensions.Code != graph.ETIMEOUT || !strings.Contains(errs[0].Message, hung.Addr().String()) {
		t.Errorf("a hung CoreNLP server: %+v, want timeout naming it\n%s", errs, logs.String())
	}
	cmd.Process.Kill()
	cmd.Wait()

	cmd, addr, _ = startServe(t, binary(t), "-draft=false")
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	var d draftAnswer
	status, errs := post(t, addr, token, mediaJSONAccept, draftQuery, in, &d)
	if status != http.StatusOK || len(errs) > 0 || d.DraftArticle.Drafter != "none" || len(d.DraftArticle.Claims) != 0 {
		t.Fatalf("-draft=false: %d %+v %+v", status, errs, d)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
