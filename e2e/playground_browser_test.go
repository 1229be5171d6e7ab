package e2e_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/server"
)

// TestPlaygroundInBrowser opens the playground in headless Chromium with no
// way out to the internet, clicks each example tab, runs it with GraphiQL's
// run button and checks the result holds data and no errors; then opens the
// page again, as a returning user, and runs the first tab again.
func TestPlaygroundInBrowser(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s}, server.Options{Playground: true, Introspection: true}))
	defer srv.Close()
	shots, err := os.MkdirTemp("", "actorgraph-playground-")
	if err != nil {
		t.Fatal(err)
	}
	ctx := browserCtx(t)

	const (
		queryEditor     = `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror`
		variablesEditor = `document.querySelectorAll('.graphiql-editor-tool .CodeMirror')[0].CodeMirror`
		responseEditor  = `document.querySelector('.result-window .CodeMirror').CodeMirror`
	)
	wait := func(what, expr string) {
		t.Helper()
		if !polled(ctx, expr, time.Minute) {
			screenshot(t, ctx, shots, "failed")
			t.Fatalf("waiting for %s (%s)", what, expr)
		}
	}
	open := func() {
		t.Helper()
		do(t, ctx, "open the playground", chromedp.Navigate(srv.URL+"/"))
		wait("the example tabs", fmt.Sprintf(`document.querySelectorAll('.graphiql-tab').length >= %d && !!document.querySelector('.graphiql-query-editor .CodeMirror')`, len(server.Examples)))
	}
	// run clicks the example's tab, checks the editors hold it as shipped,
	// runs it and returns the response.
	run := func(i int) {
		t.Helper()
		ex := server.Examples[i]
		name := regexp.MustCompile(`(?m)^query (\w+)`).FindStringSubmatch(ex.Query)[1]
		tab := eval[int](t, ctx, fmt.Sprintf(`[...document.querySelectorAll('.graphiql-tab-button')].findIndex(b => b.textContent === %q)`, name))
		if tab < 0 {
			t.Fatalf("no tab titled %s", name)
		}
		do(t, ctx, "click the "+name+" tab", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#graphiql-session-tab-%d`, tab))))
		// GraphiQL parses the query a moment after it changes; a person
		// does not click within that moment, and the test does not either.
		wait(name+"'s query in the editor", fmt.Sprintf(`%s.getValue() === %s && %s.operationName === %q`, queryEditor, jsString(ex.Query), queryEditor, name))
		vars := eval[string](t, ctx, variablesEditor+`.getValue()`)
		if !sameJSON(vars, ex.Variables) {
			screenshot(t, ctx, shots, "variables-"+name)
			t.Fatalf("%s: the variables box holds %q, want %q", name, vars, ex.Variables)
		}
		eval[bool](t, ctx, responseEditor+`.setValue(''), true`)
		do(t, ctx, "run "+name, chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)))
		wait(name+"'s response", responseEditor+`.getValue().trim().startsWith('{')`)
		var out struct {
			Data   map[string]json.RawMessage
			Errors []any
		}
		resp := eval[string](t, ctx, responseEditor+`.getValue()`)
		if err := json.Unmarshal([]byte(resp), &out); err != nil {
			t.Fatalf("%s: the response is not JSON: %v\n%s", name, err, resp)
		}
		if len(out.Errors) > 0 || len(out.Data) == 0 {
			screenshot(t, ctx, shots, "response-"+name)
			t.Fatalf("%s: errors %v, data %s", name, out.Errors, resp)
		}
		for field, v := range out.Data {
			if s := string(v); s == "null" || s == "[]" || strings.Contains(s, `"totalCount":0`) || strings.Contains(s, `"nodes":[]`) {
				t.Errorf("%s: %s returned nothing on the seed: %s", name, field, s)
			}
		}
	}

	open()
	// The first visit opens on the first example, its variables filled in.
	if got := eval[string](t, ctx, variablesEditor+`.getValue()`); !sameJSON(got, server.Examples[0].Variables) {
		t.Errorf("first visit: the variables box holds %q, want %q", got, server.Examples[0].Variables)
	}
	for i, ex := range server.Examples {
		if ex.Curation {
			continue // mutations need an editor's token: server's TestCurationExamples runs them in order
		}
		run(i)
	}
	screenshot(t, ctx, shots, "1-last-example")
	// Every resource came from this server.
	foreign := eval[[]string](t, ctx, `performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))`)
	if len(foreign) > 0 {
		t.Errorf("the playground loaded %v from elsewhere", foreign)
	}

	// A second visit, with the tabs GraphiQL stored in the browser: the
	// first example is there as shipped and runs.
	open()
	if got := eval[string](t, ctx, variablesEditor+`.getValue()`); !sameJSON(got, server.Examples[0].Variables) {
		screenshot(t, ctx, shots, "2-second-visit")
		t.Errorf("second visit: the variables box holds %q, want %q", got, server.Examples[0].Variables)
	}
	run(0)
	screenshot(t, ctx, shots, "2-second-visit")
}

// sameJSON reports whether two JSON texts hold the same value ("" and
// whitespace alike are no value).
func sameJSON(a, b string) bool {
	if strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
		return strings.TrimSpace(a) == strings.TrimSpace(b)
	}
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// jsString quotes s as a JavaScript string.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
