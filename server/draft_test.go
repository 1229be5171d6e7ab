package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
	graphmem "github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/server"
)

// deadlineDrafter reports the time left before its context's deadline, and
// fails as told.
type deadlineDrafter struct {
	left chan time.Duration
	err  error
}

func (d deadlineDrafter) Name() string { return "deadline" }

func (d deadlineDrafter) Draft(ctx context.Context, _ graph.Article, _ curation.ActorLookup) (curation.Draft, error) {
	dl, ok := ctx.Deadline()
	if !ok {
		d.left <- -1
	} else {
		d.left <- time.Until(dl)
	}
	return curation.Draft{}, d.err
}

// A request that drafts gets DraftTimeout, however it selects
// draftArticle, while other requests keep RequestTimeout; a drafter's
// unavailable or timeout is answered with its code and message, HTTP 200
// for either media type, never a 5xx.
func TestDraftDeadlineAndErrors(t *testing.T) {
	g := graphmem.New()
	if _, err := loaders.Load(context.Background(), g, seedtest.Dir()); err != nil {
		t.Fatal(err)
	}
	d := deadlineDrafter{left: make(chan time.Duration, 1)}
	svc := &curation.Service{Store: g, Graph: g, Drafter: &d}
	s := newAuthServerWith(t, server.AuthOptions{MaxFailures: 1000},
		server.Ports{Graph: g, Export: g, Health: g, Curation: svc},
		server.Limits{RequestTimeout: 30 * time.Second, DraftTimeout: time.Hour})
	cs := &curationServer{authServer: s, graph: g}
	input := map[string]any{"input": map[string]any{"id": "a-b", "title": "T", "text": "Iran threatened Iraq.", "publishedAt": "2026-01-02"}}
	for _, q := range []string{
		`mutation($input: ArticleInput!) { draftArticle(input: $input) { drafter } }`,
		`mutation($input: ArticleInput!) { ... on Mutation { x: draftArticle(input: $input) { drafter } } }`,
		`mutation($input: ArticleInput!) { ...D } fragment D on Mutation { draftArticle(input: $input) { drafter } }`,
	} {
		res := cs.call("editor", q, input)
		if res.status != http.StatusOK || len(res.Errors) > 0 {
			t.Fatalf("%s: %d %s", q, res.status, res.raw)
		}
		if left := <-d.left; left < 30*time.Minute {
			t.Errorf("%s: the drafter had %v before the deadline, want the hour of DraftTimeout", q, left)
		}
	}

	for _, tc := range []struct {
		err  error
		code string
	}{
		{graph.Errorf(graph.EUNAVAILABLE, "no CoreNLP server answers at http://127.0.0.1:1: start one with scripts/corenlp up"), graph.EUNAVAILABLE},
		{graph.Errorf(graph.ETIMEOUT, "the CoreNLP server at http://127.0.0.1:1 did not finish parsing within 2m0s"), graph.ETIMEOUT},
	} {
		d.err = tc.err
		for _, media := range []string{"application/json", "application/graphql-response+json"} {
			b, _ := json.Marshal(map[string]any{"query": `mutation($input: ArticleInput!) { draftArticle(input: $input) { drafter } }`, "variables": input})
			req := mustReq(http.MethodPost, s.srv.URL+"/graphql", b)
			req.Header.Set("Authorization", "Bearer "+s.bearer["editor"])
			req.Header.Set("Accept", media)
			res := s.do(req)
			<-d.left
			if res.status != http.StatusOK || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != tc.code ||
				res.Errors[0].Message != `drafting "a-b": `+graph.ErrorMessage(tc.err) && res.Errors[0].Message != graph.ErrorMessage(tc.err) {
				t.Errorf("%s, %s: %d %s", tc.code, media, res.status, res.raw)
			}
		}
	}
}
