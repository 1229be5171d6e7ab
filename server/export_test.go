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
