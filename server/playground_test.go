package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/server"
)

// TestPlaygroundExamples checks that the playground opens with every example
// as a tab, and that every example runs on the seed without errors and
// returns data.
func TestPlaygroundExamples(t *testing.T) {
	s := seedtest.MustGraph(t)
	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s}, server.Options{Playground: true, Introspection: true}))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`(?s)<script id="playground-config" type="application/json">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("the playground page has no configuration:\n%s", page)
	}
	var cfg struct {
		Endpoint string
		Examples []struct{ Query, Variables string }
	}
	if err := json.Unmarshal(m[1], &cfg); err != nil || len(cfg.Examples) != len(server.Examples) || cfg.Endpoint == "" {
		t.Fatalf("configuration %s: %+v, %v", m[1], cfg, err)
	}
	tabs := cfg.Examples
	// Everything the page loads comes from this server.
	for _, ref := range regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllSubmatch(page, -1) {
		if r := string(ref[1]); strings.Contains(r, "//") {
			t.Errorf("the playground page loads %s from elsewhere", r)
		}
	}
	for _, asset := range []string{"/playground/playground.js", "/playground/playground.css"} {
		resp, err := http.Get(srv.URL + asset)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(b) < 10000 {
			t.Errorf("GET %s: %s, %d bytes", asset, resp.Status, len(b))
		}
	}
	if resp, err := http.Get(srv.URL + "/playground/explore.js"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /playground/explore.js: %v %v; only the playground's own files are served there", resp.Status, err)
	}

	opName := regexp.MustCompile(`(?m)^(?:query|mutation) (\w+)`)
	for i, ex := range server.Examples {
		name := opName.FindStringSubmatch(ex.Query)
		if name == nil {
			t.Fatalf("example %d is not a named query", i)
		}
		if tabs[i].Query != ex.Query {
			t.Errorf("tab %d differs from example %s", i, name[1])
		}
		t.Run(name[1], func(t *testing.T) {
			if ex.Curation {
				// TestCurationExamples runs them, with a token, in order.
				return
			}
			body := map[string]any{"query": ex.Query}
			if ex.Variables != "" {
				var v map[string]any
				if err := json.Unmarshal([]byte(ex.Variables), &v); err != nil {
					t.Fatalf("variables: %v", err)
				}
				body["variables"] = v
			}
			b, _ := json.Marshal(body)
			resp, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var out struct {
				Data   map[string]json.RawMessage
				Errors []any
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
				t.Fatal(err)
			}
			if len(out.Errors) > 0 || len(out.Data) == 0 {
				t.Fatalf("errors %v, data %v", out.Errors, out.Data)
			}
			for field, v := range out.Data {
				if s := string(v); s == "null" || s == "[]" || strings.Contains(s, `"totalCount":0`) || strings.Contains(s, `"nodes":[]`) {
					t.Errorf("%s returned nothing on the seed: %s", field, s)
				}
			}
		})
	}
}
