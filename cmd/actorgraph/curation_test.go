package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

// largeCommit is a commitArticle input of n claims about seed actors, one
// sentence each.
func largeCommit(id string, n int) map[string]any {
	pairs := [][2]string{{"Kataib Hezbollah", "United States"}, {"Harakat al-Nujaba", "Iraq"}, {"Iran", "Syria"}, {"Badr Organisation", "United States"}}
	var text strings.Builder
	claims := make([]any, n)
	for i := range n {
		p := pairs[i%len(pairs)]
		sentence := fmt.Sprintf("%s threatened %s in statement number %d.", p[0], p[1], i)
		start := utf8.RuneCountInString(text.String())
		text.WriteString(sentence + " ")
		claims[i] = map[string]any{
			"key": fmt.Sprintf("c%d", i), "subject": p[0], "type": "THREATENS", "object": p[1], "certainty": "REPORTED",
			"quote": strings.TrimSuffix(sentence, "."), "start": start,
		}
	}
	return map[string]any{"input": map[string]any{
		"article": map[string]any{"id": id, "title": "Many threats", "text": text.String(), "publishedAt": "2026-02-03"},
		"claims":  claims,
		"reason":  "a large commit",
	}}
}

// A real `actorgraph serve` killed (SIGKILL) while a large commitArticle
// runs leaves the article wholly present or wholly absent: the article,
// its claims, their relationships and its revision are one transaction.
// The kill waits until Neo4j shows the commit's transaction running.
func TestKilledServerCommitsWholeArticlesOrNothing(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	bin := binary(t)
	token, errOut, err := run(t, "token", "create", "-name", "kill test", "-role", "editor")
	if err != nil {
		t.Fatalf("token create: %v %s", err, errOut)
	}
	token = strings.TrimSpace(token)

	for round := range 2 {
		id := fmt.Sprintf("many-threats-%d", round)
		const n = curation.MaxClaimsPerArticle
		cmd, addr, logs := startServe(t, bin)
		body, _ := json.Marshal(map[string]any{
			"query":     `mutation($input: CommitArticleInput!) { commitArticle(input: $input) { id } }`,
			"variables": largeCommit(id, n),
		})
		answered := make(chan string, 1)
		go func() {
			req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				answered <- "no answer: " + err.Error()
				return
			}
			defer res.Body.Close()
			var b bytes.Buffer
			b.ReadFrom(res.Body)
			answered <- fmt.Sprintf("%d %s", res.StatusCode, b.String())
		}()
		// The event: Neo4j runs a transaction that writes claims (the
		// commit's), other than the one asking.
		ctx := context.Background()
		running := func() bool {
			tab, err := s.RunReadOnly(ctx, `SHOW TRANSACTIONS YIELD currentQuery, status WHERE currentQuery CONTAINS $marker RETURN count(*) AS n`,
				map[string]any{"marker": "CREATE (c:Claim)"})
			if err != nil || len(tab.Rows) == 0 {
				return false
			}
			n, _ := tab.Rows[0][0].(int64)
			return n > 0
		}
		seen := false
		deadline := time.Now().Add(3 * time.Minute)
		for !seen && time.Now().Before(deadline) {
			select {
			case a := <-answered:
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: the commit was answered before it was seen running: %.300s\n%s", round, a, logs.String())
			default:
			}
			seen = running()
		}
		if !seen {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: the commit's transaction never showed", round)
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		a := <-answered
		t.Logf("round %d: killed while Neo4j ran the commit; the client saw %.120s", round, a)
		waitFor(t, "Neo4j to end the killed server's transaction", 2*time.Minute, func() bool { return !running() })

		arts, err := s.ArticlesByID(ctx, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		claims, err := s.Claims(ctx, graph.ClaimFilter{ArticleID: id}, graph.PageRequest{First: 1})
		if err != nil {
			t.Fatal(err)
		}
		hist, err := s.History(ctx, id, 10)
		if err != nil {
			t.Fatal(err)
		}
		_, present := arts[id]
		switch {
		case present && (claims.TotalCount != n || len(hist) != 1):
			t.Fatalf("round %d: the article is there with %d of its %d claims and %d revisions", round, claims.TotalCount, n, len(hist))
		case !present && (claims.TotalCount != 0 || len(hist) != 0):
			t.Fatalf("round %d: the article is absent but %d of its claims and %d revisions are there", round, claims.TotalCount, len(hist))
		}
		t.Logf("round %d: article present: %v, %d claims, %d revisions", round, present, claims.TotalCount, len(hist))
	}
	// The graph is as the seed left it, or the seed plus whole articles:
	// every relationship is backed by claims that exist.
	rels, err := s.Relationships(context.Background(), graph.RelationshipFilter{}, graph.PageRequest{First: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rels.Relationships {
		got, err := s.ClaimsByID(context.Background(), r.ClaimIDs)
		if err != nil || len(got) != len(r.ClaimIDs) {
			t.Errorf("relationship %s: %d of %d claims exist (%v)", r.ID, len(got), len(r.ClaimIDs), err)
		}
	}
}
