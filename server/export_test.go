package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/server"
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
		{"/export/claims", "200", "text/csv", "kataib-hezbollah|ALIGNED_WITH|iran,kataib-hezbollah,ALIGNED_WITH,iran,"},
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
