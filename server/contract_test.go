package server_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/server"
)

// Every error answer of /graphql is GraphQL-shaped JSON whose errors carry
// a code of the contract; request errors have no data key; the status
// follows the GraphQL-over-HTTP content negotiation.
func TestErrorContract(t *testing.T) {
	s := newServer(t, server.Options{Limits: server.Limits{MaxTokens: 200}})
	const gqlResp = "application/graphql-response+json"
	post := func(body, contentType, accept string) func() *http.Request {
		return func() *http.Request {
			r := mustReq(http.MethodPost, s.srv.URL+"/graphql", []byte(body))
			r.Header.Set("Content-Type", contentType)
			if accept != "" {
				r.Header.Set("Accept", accept)
			}
			return r
		}
	}
	method := func(m string) func() *http.Request {
		return func() *http.Request { return mustReq(m, s.srv.URL+"/graphql", nil) }
	}
	long := `{"query":"{ ` + strings.Repeat("a ", 300) + `}"}`
	cases := []struct {
		name   string
		req    func() *http.Request
		status int
		code   string
		data   bool   // the answer has a data key
		header string // a header the answer must have, "Name: value"
	}{
		{"parse error, application/json", post(`{"query":"{"}`, "application/json", ""), 200, "GRAPHQL_PARSE_FAILED", false, ""},
		{"parse error, graphql-response+json", post(`{"query":"{"}`, "application/json", gqlResp), 400, "GRAPHQL_PARSE_FAILED", false, ""},
		{"validation error, application/json", post(`{"query":"{ nope }"}`, "application/json", "application/json"), 200, "GRAPHQL_VALIDATION_FAILED", false, ""},
		{"validation error, graphql-response+json", post(`{"query":"{ nope }"}`, "application/json", gqlResp+", application/json;q=0.9"), 400, "GRAPHQL_VALIDATION_FAILED", false, ""},
		{"variable coercion", post(`{"query":"query($id: ID!) { actor(id: $id) { id } }","variables":{"id":{"x":1}}}`, "application/json", gqlResp), 400, "GRAPHQL_VALIDATION_FAILED", false, ""},
		{"unknown operation name", post(`{"query":"query A { articles { id } }","operationName":"B"}`, "application/json", ""), 200, "GRAPHQL_VALIDATION_FAILED", false, ""},
		{"token limit", post(long, "application/json", ""), 200, graph.ELIMIT, false, ""},
		{"token limit, graphql-response+json", post(long, "application/json", gqlResp), 400, graph.ELIMIT, false, ""},
		{"cost limit", post(`{"query":"{ neighbourhood(id: \"iran\", depth: 6, limit: 1000) { nodes { id label kind } edges { id type source target certainty claimCount } } }"}`, "application/json", gqlResp), 400, "COMPLEXITY_LIMIT_EXCEEDED", false, ""},
		{"trailing bytes", post(`{"query":"{ articles { id } }"} {"query":"x"}`, "application/json", ""), 400, graph.EINVALID, false, ""},
		{"not JSON", post(`{"query": `, "application/json", ""), 400, graph.EINVALID, false, ""},
		{"query not a string", post(`{"query": 7}`, "application/json", ""), 400, graph.EINVALID, false, ""},
		{"no query", post(`{"qeury":"{ articles { id } }"}`, "application/json", ""), 400, graph.EINVALID, false, ""},
		{"empty body", post(``, "application/json", ""), 400, graph.EINVALID, false, ""},
		{"batch", post(`[{"query":"{ articles { id } }"}]`, "application/json", ""), 400, graph.EINVALID, false, ""},
		{"text/plain body", post(`{"query":"{ articles { id } }"}`, "text/plain", ""), 415, graph.EINVALID, false, ""},
		{"no content type", post(`{"query":"{ articles { id } }"}`, "", ""), 415, graph.EINVALID, false, ""},
		{"unacceptable Accept", post(`{"query":"{ articles { id } }"}`, "application/json", "text/html"), 406, graph.EINVALID, false, ""},
		{"PUT", method(http.MethodPut), 405, graph.EINVALID, false, "Allow: GET, POST, OPTIONS"},
		{"DELETE", method(http.MethodDelete), 405, graph.EINVALID, false, "Allow: GET, POST, OPTIONS"},
		{"PATCH", method(http.MethodPatch), 405, graph.EINVALID, false, "Allow: GET, POST, OPTIONS"},
		{"TRACE", method(http.MethodTrace), 405, graph.EINVALID, false, "Allow: GET, POST, OPTIONS"},
		{"GET without a query", method(http.MethodGet), 400, graph.EINVALID, false, ""},
		{"field error", post(`{"query":"{ neighbourhood(id: \"nobody\") { nodes { id } } }"}`, "application/json", gqlResp), 200, graph.ENOTFOUND, true, ""},
		{"argument error", post(`{"query":"{ actors(first: 0) { totalCount } }"}`, "application/json", gqlResp), 200, graph.EINVALID, true, ""},
		{"string argument too long", post(`{"query":"query($s: String) { actors(nameContains: $s) { totalCount } }","variables":{"s":"`+strings.Repeat("x", 1001)+`"}}`, "application/json", gqlResp), 400, graph.EINVALID, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := s.do(c.req())
			var body map[string]json.RawMessage
			if err := json.Unmarshal([]byte(r.raw), &body); err != nil || !strings.Contains(r.header.Get("Content-Type"), "json") {
				t.Fatalf("not JSON (%s): %d %q", r.header.Get("Content-Type"), r.status, r.raw)
			}
			_, hasData := body["data"]
			if r.status != c.status || r.code() != c.code || hasData != c.data {
				t.Fatalf("got %d, code %q, data key %v; want %d, %q, %v\n%.400s", r.status, r.code(), hasData, c.status, c.code, c.data, r.raw)
			}
			for _, e := range r.Errors {
				if e.Extensions["code"] == nil || e.Message == "" {
					t.Errorf("error without a code or message: %+v", e)
				}
			}
			if name, value, ok := strings.Cut(c.header, ": "); ok && r.header.Get(name) != value {
				t.Errorf("%s: %q, want %q", name, r.header.Get(name), value)
			}
		})
	}
}

// README's error table lists exactly the codes of server.ErrorCodes.
func TestErrorCodesAreDocumented(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	readme, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	start := strings.Index(section, "| code | meaning |")
	if start < 0 {
		t.Fatal("README has no error table (| code | meaning | …)")
	}
	section = section[start:]
	if end := strings.Index(section, "\n\n"); end > 0 {
		section = section[:end]
	}
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([A-Za-z_]+)` \\|").FindAllStringSubmatch(section, -1) {
		documented[m[1]] = true
	}
	for _, c := range server.ErrorCodes {
		if !documented[c.Code] {
			t.Errorf("code %q is not in README's error table", c.Code)
		}
		delete(documented, c.Code)
	}
	for c := range documented {
		t.Errorf("README documents code %q, which server.ErrorCodes lacks", c)
	}
}

var (
	npmOnce sync.Once
	npmErr  error
)

// auditTool installs server/testdata/graphql-http with npm ci (once per
// test binary) and returns its folder. It fails, never skips, without
// node and npm.
func auditTool(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "testdata", "graphql-http")
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed for the GraphQL-over-HTTP audit (install Node.js 20): %v", tool, err)
		}
	}
	npmOnce.Do(func() {
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			npmErr = err
			t.Logf("npm ci:\n%s", out)
		}
	})
	if npmErr != nil {
		t.Fatalf("npm ci in %s: %v", dir, npmErr)
	}
	return dir
}

// The GraphQL-over-HTTP specification's own audit suite (graphql-http's
// serverAudits) passes whole against the real server, configured as
// `actorgraph serve` is by default: every audit ok, no warning, no notice.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	dir := auditTool(t)
	s := newServer(t, server.Options{Introspection: true}) // the audit asks for __type
	cmd := exec.Command("node", "audit.mjs", s.srv.URL+"/graphql")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node audit.mjs: %v\n%s", err, out)
	}
	var failed []string
	total := 0
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		var a struct{ ID, Name, Status, Reason, Body string }
		if json.Unmarshal(sc.Bytes(), &a) != nil {
			continue
		}
		total++
		if a.Status != "ok" {
			failed = append(failed, a.Status+": "+a.ID+" "+a.Name+": "+a.Reason+"\n  "+a.Body)
		}
	}
	sort.Strings(failed)
	if len(failed) > 0 || total < 61 {
		t.Fatalf("%d audits, %d not ok:\n%s", total, len(failed), strings.Join(failed, "\n"))
	}
	t.Logf("%d of %d audits ok", total, total)
}
