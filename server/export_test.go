package server_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/server"
	"github.com/actorgraph/actorgraph/synth"
)

func TestExportRoutes(t *testing.T) {
	s := seedtest.MustGraph(t)
	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s}, server.Options{}))
	defer srv.Close()
	for _, tc := range []struct {
		path, status, contentType, body string
	}{
		{"/export/graphml", "200", "application/graphml+xml", `<key id="e_certainty" for="edge" attr.name="certainty"`},
		{"/export/gexf?neighbourhood=kataib-hezbollah&depth=1", "200", "application/gexf+xml", `label="Kataib Hezbollah"`},
		{"/export/cytoscape", "200", "application/json", `"id": "kataib-hezbollah|ALIGNED_WITH|iran"`},
		{"/export/csv", "200", "application/zip", "actors.csv"},
		{"/export/claims-csv", "200", "text/csv", "kataib-hezbollah|ALIGNED_WITH|iran,kataib-hezbollah,ALIGNED_WITH,iran,"},
		{"/export/claims", "200", "application/zip", "iran-aligned-militias-threaten-us/claims.yaml"},
		{"/export/claims?neighbourhood=kataib-hezbollah", "200", "application/zip", "iran-aligned-militias-threaten-us/article.txt"},
		{"/export/claims?neighbourhood=nobody", "404", "application/json", `no actor with id \"nobody\"`},
		{"/export/gexf?claims=nodes", "200", "application/gexf+xml", `kind="STATED_IN"`},
		{"/export/gexf?claims=rows", "400", "application/json", `unknown claims mode \"rows\"`},
		{"/export/pdf", "400", "application/json", `unknown export format \"pdf\"`},
		{"/export/graphml?neighbourhood=nobody", "404", "application/json", `no actor with id \"nobody\"`},
		{"/export/graphml?neighbourhood=iran&depth=deep", "400", "application/json", "depth must be a whole number"},
		{"/export/graphml?neighbourhood=iran&depth=9", "400", "application/json", "depth must be between 1 and 6"},
	} {
		resp, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if tc.status == "200" && resp.Trailer.Get(server.ExportStatusTrailer) != "complete" {
			t.Errorf("GET %s: trailer %v, want %s: complete", tc.path, resp.Trailer, server.ExportStatusTrailer)
		}
		if got := resp.Status[:3]; got != tc.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.contentType) || !strings.Contains(string(b), tc.body) {
			t.Errorf("GET %s: %s %s\n%.300s", tc.path, resp.Status, resp.Header.Get("Content-Type"), b)
		}
	}
}

// A view exports what it has on screen: exactly the actors and
// relationships it names, placed where it drew them.
func TestExportSelection(t *testing.T) {
	s := seedtest.MustGraph(t)
	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s}, server.Options{}))
	defer srv.Close()
	const view = `{"actors": ["kataib-hezbollah", "iran", "abu-hussein-al-humaidawi"],
		"relationships": ["kataib-hezbollah|ALIGNED_WITH|iran"],
		"positions": {"iran": {"X": 12.5, "Y": -3}}}`
	for _, tc := range []struct {
		name, format, body, status, want string
		notWant                          []string
	}{
		{"what is on screen", "gexf", view, "200", `<nodes count="3">`, []string{`<edges count="2"`, "kataib-hezbollah|LEADS"}},
		{"one edge", "cytoscape", view, "200", `"id": "kataib-hezbollah|ALIGNED_WITH|iran"`, []string{"SUPPORTS"}},
		{"positions kept", "gexf", view, "200", `x="12.5"`, nil},
		{"a relationship whose actor is not selected", "graphml", `{"actors": ["iran"], "relationships": ["kataib-hezbollah|ALIGNED_WITH|iran"]}`, "400",
			`joins \"kataib-hezbollah\", which is not among the selected actors`, nil},
		{"an unknown actor", "graphml", `{"actors": ["nobody"]}`, "404", `no actor with id \"nobody\"`, nil},
		{"an unknown relationship", "graphml", `{"actors": ["iran"], "relationships": ["iran|LIKES|iran"]}`, "404", `no relationship with id \"iran|LIKES|iran\"`, nil},
		{"not JSON", "graphml", `actors=iran`, "400", "the body must be a JSON selection", nil},
		{"an unknown field", "graphml", `{"nodes": ["iran"]}`, "400", `unknown field \"nodes\"`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Post(srv.URL+"/export/"+tc.format, "application/json", strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.Status[:3] != tc.status || !strings.Contains(string(b), tc.want) {
				t.Fatalf("POST %s: %s, want %s with %q\n%.600s", tc.format, resp.Status, tc.status, tc.want, b)
			}
			for _, n := range tc.notWant {
				if strings.Contains(string(b), n) {
					t.Errorf("the export holds %q, which the view did not show", n)
				}
			}
		})
	}
}

// failingStore is a graph whose read of claims number failAt waits for
// the test to release it and then fails.
type failingStore struct {
	*inmem.Store
	calls, failAt int
	release       chan struct{}
}

func (s *failingStore) ClaimsOfArticles(ctx context.Context, ids []string) (map[string][]graph.Claim, error) {
	if s.calls++; s.calls == s.failAt {
		select {
		case <-s.release:
		case <-ctx.Done():
		}
		return nil, errors.New("the graph database went away")
	}
	return s.Store.ClaimsOfArticles(ctx, ids)
}

// The claims files are streamed: the client has the response, and the
// first articles' files, while the server is still reading the later ones
// (the third read waits for the test). When that read fails, after bytes
// were sent, the response is broken off before its final chunk and
// without the Export-Status trailer: the client's read fails, so a cut-off
// zip is never taken for a whole one.
func TestExportStreamsAndBreaksOffOnError(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := synth.Write(ctx, dir, synth.Spec{Articles: 3 * export.FilesBatch, Seed: 2}, nil); err != nil {
		t.Fatal(err)
	}
	mem := inmem.New()
	if _, err := loaders.Load(ctx, mem, dir); err != nil {
		t.Fatal(err)
	}
	s := &failingStore{Store: mem, failAt: 3, release: make(chan struct{})}
	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s}, server.Options{}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/export/claims")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.ContentLength != -1 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("%s, length %d, %s; want 200, streamed", resp.Status, resp.ContentLength, resp.Header.Get("Content-Type"))
	}
	first := make([]byte, 64<<10)
	if _, err := io.ReadFull(resp.Body, first); err != nil {
		t.Fatal(err)
	}
	close(s.release) // the third read fails now
	rest, err := io.ReadAll(resp.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("the client read %d more bytes, then %v; want io.ErrUnexpectedEOF: a cut-off export must not look whole", len(rest), err)
	}
	if got := resp.Trailer.Get(server.ExportStatusTrailer); got != "" {
		t.Errorf("trailer %s: %q on a cut-off export", server.ExportStatusTrailer, got)
	}
	t.Logf("the client's read ended with %v after %d bytes", err, len(first)+len(rest))
}
