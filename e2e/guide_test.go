package e2e_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/server"
)

// cookbook is docs/cypher.md read from disk, apart from the copy the
// binary embeds: its slides (the text before the first "## " heading, then
// one per section), each slide's ```cypher blocks, and its headings.
type cookbook struct {
	slides   int
	headings []string
	queries  []string
	tables   []string // the output table after each query
}

func readCookbook(t *testing.T) cookbook {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "docs", "cypher.md"))
	if err != nil {
		t.Fatal(err)
	}
	var c cookbook
	c.slides = 1
	lines := strings.Split(string(b), "\n")
	for i := 0; i < len(lines); i++ {
		switch {
		case strings.HasPrefix(lines[i], "## "):
			c.slides++
			c.headings = append(c.headings, strings.TrimPrefix(lines[i], "## "))
		case strings.TrimSpace(lines[i]) == "```cypher":
			j := i + 1
			for ; strings.TrimSpace(lines[j]) != "```"; j++ {
			}
			c.queries = append(c.queries, strings.Join(lines[i+1:j], "\n"))
			k := j + 1
			for ; k < len(lines) && !strings.HasPrefix(lines[k], "|") && !strings.HasPrefix(lines[k], "#"); k++ {
			}
			var table []string
			for ; k < len(lines) && strings.HasPrefix(lines[k], "|"); k++ {
				table = append(table, lines[k])
			}
			c.tables = append(c.tables, strings.Join(table, "\n"))
			i = j
		}
	}
	if len(c.queries) < 10 || c.slides < 10 {
		t.Fatalf("docs/cypher.md: %d queries in %d sections; did its shape change?", len(c.queries), c.slides)
	}
	return c
}

// TestCypherGuideFollowsTheCookbook checks that the guide is docs/cypher.md,
// slide by slide and query by query, and that Neo4j Browser, on another
// origin, may fetch it.
func TestCypherGuideFollowsTheCookbook(t *testing.T) {
	srv := httptest.NewServer(server.New(server.Ports{}, server.Options{}))
	defer srv.Close()
	c := readCookbook(t)

	req, _ := http.NewRequest(http.MethodGet, srv.URL+server.GuidePath, nil)
	req.Header.Set("Origin", "http://127.0.0.1:7474")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("GET %s: %s %v", server.GuidePath, resp.Status, resp.Header)
	}
	if got := strings.Count(page, "<slide "); got != c.slides {
		t.Errorf("%d slides, want %d (one per section of docs/cypher.md, and the introduction)", got, c.slides)
	}
	if !strings.Contains(page, "<title>actorgraph · Cypher cookbook</title>") {
		t.Error("the guide has no title")
	}
	runnable := regexp.MustCompile(`(?s)<figure class="runnable"><pre>(.*?)</pre>`).FindAllStringSubmatch(page, -1)
	if len(runnable) != len(c.queries) {
		t.Fatalf("%d runnable queries, want %d", len(runnable), len(c.queries))
	}
	for i, q := range c.queries {
		if got := strings.TrimSuffix(html.UnescapeString(runnable[i][1]), "\n"); got != q {
			t.Errorf("query %d in the guide:\n%s\nin docs/cypher.md:\n%s", i+1, got, q)
		}
	}
	pos := 0
	for _, h := range c.headings {
		i := strings.Index(page[pos:], "<h2>"+html.EscapeString(h)+"</h2>")
		if i < 0 {
			t.Errorf("heading %q missing or out of order", h)
			continue
		}
		pos += i
	}

	// Neo4j Browser's fetch sends headers that need a CORS preflight.
	pre, _ := http.NewRequest(http.MethodOptions, srv.URL+server.GuidePath, nil)
	pre.Header.Set("Origin", "http://127.0.0.1:7474")
	pre.Header.Set("Access-Control-Request-Method", "GET")
	pre.Header.Set("Access-Control-Request-Headers", "pragma,cache-control")
	resp, err = http.DefaultClient.Do(pre)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "pragma") {
		t.Errorf("preflight: %s %v", resp.Status, resp.Header)
	}
	// The API's own CORS policy is unchanged by it.
	pre, _ = http.NewRequest(http.MethodOptions, srv.URL+"/graphql", nil)
	pre.Header.Set("Origin", "http://127.0.0.1:7474")
	pre.Header.Set("Access-Control-Request-Method", "POST")
	if resp, err = http.DefaultClient.Do(pre); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a preflight to /graphql from another origin: %v %v, want 403", resp.Status, err)
	}
}

// TestCypherGuideInNeo4jBrowser plays the guide in the Neo4j Browser of the
// test database (configured by scripts/neo4j, as `make run` configures
// the developer's), as an analyst would: connect, `:play` the guide's URL,
// go to the first recipe, click its query into the editor, run it, and see
// the rows docs/cypher.md promises.
func TestCypherGuideInNeo4jBrowser(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	neo4jHTTP := os.Getenv(neo4jtest.EnvHTTP)
	if neo4jHTTP == "" {
		t.Fatalf("%s is not set: run the tests through scripts/testdb (make test does)", neo4jtest.EnvHTTP)
	}
	c := readCookbook(t)
	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s}, server.Options{}))
	defer srv.Close()
	guideURL := srv.URL + server.GuidePath
	shots, err := os.MkdirTemp("", "actorgraph-guide-")
	if err != nil {
		t.Fatal(err)
	}

	// Neo4j Browser reaches for the internet (fonts, telemetry) and logs
	// errors when it cannot, so its console is not checked here.
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("%s not found: install Debian's chromium (scripts/test-deps does): %v", chromium, err)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1500, 950))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	defer cancelTimeout()
	wait := func(what, expr string, d time.Duration) bool {
		t.Helper()
		return polled(ctx, expr, d)
	}
	fail := func(format string, args ...any) {
		t.Helper()
		screenshot(t, ctx, shots, "failed")
		t.Fatalf(format, args...)
	}

	// Browser's dbms parameter fills in the connect form with the test
	// database's Bolt address; the test checks it is there before it
	// connects, so it can never reach another server.
	bolt := strings.TrimPrefix(os.Getenv(neo4jtest.EnvURI), "bolt://")
	do(t, ctx, "open Neo4j Browser", chromedp.Navigate(neo4jHTTP+"/browser/?dbms=bolt://neo4j@"+bolt))
	if !wait("the connect form", `!!document.querySelector('[data-testid=password]')`, time.Minute) {
		fail("Neo4j Browser shows no connect form")
	}
	if got := eval[string](t, ctx, `document.querySelector('[data-testid=boltaddress]').value`); !strings.HasSuffix(got, bolt) {
		fail("the connect form offers %q, not the test database %s", got, bolt)
	}
	do(t, ctx, "connect",
		chromedp.SendKeys(chromedp.CSS(`[data-testid=password]`), os.Getenv(neo4jtest.EnvPassword)),
		chromedp.Click(chromedp.CSS(`[data-testid=connect]`)))
	if !wait("the connection", `!document.querySelector('[data-testid=disconnectedBanner]') && !document.querySelector('[data-testid=connect]') &&
		document.querySelector('[data-testid=activeEditor]').innerText.includes('neo4j$')`, time.Minute) {
		fail("Neo4j Browser did not connect")
	}

	// Browser reads the host allow-list from the server a moment after it
	// connects; until then it does not fetch from the guide's host, so the
	// command is given again until the guide shows or a minute passes.
	// Browser puts each command's frame first in its stream.
	const guideFrame = `document.querySelector('[data-testid=frame]')`
	counter := fmt.Sprintf(`1 / %d`, c.slides)
	for deadline := time.Now().Add(time.Minute); ; {
		do(t, ctx, "play the guide",
			chromedp.SendKeys(chromedp.CSS(`[data-testid=activeEditor] textarea`), ":play "+guideURL),
			chromedp.Click(chromedp.CSS(`[data-testid=editor-Run]`)))
		if wait("the guide", fmt.Sprintf(`(%s)?.querySelector('[data-testid=carousel]')?.textContent.includes(%q)`, guideFrame, counter), 10*time.Second) {
			break
		}
		if time.Now().After(deadline) {
			fail("the guide does not show %q: %s", counter, eval[string](t, ctx, guideFrame+`?.innerText ?? 'no frame'`))
		}
	}
	if got := eval[string](t, ctx, guideFrame+`.querySelector('[data-testid=frameCommand]').textContent`); !strings.Contains(got, guideURL) {
		t.Fatalf("the newest frame is %q", got)
	}
	screenshot(t, ctx, shots, "1-guide")

	// The first recipe: its query, clicked into the editor and run.
	eval[bool](t, ctx, guideFrame+`.querySelector('.next-slide').click(), true`)
	runnable := guideFrame + `?.querySelector('.runnable pre, pre.runnable')`
	if !wait("the first recipe", "!!"+runnable, 30*time.Second) {
		fail("the second slide has no runnable query")
	}
	if got := eval[string](t, ctx, runnable+`.textContent.trim()`); got != strings.TrimSpace(c.queries[0]) {
		t.Errorf("the first recipe's query in Neo4j Browser:\n%s\nwant:\n%s", got, c.queries[0])
	}
	frames := eval[int](t, ctx, `document.querySelectorAll('[data-testid=frame]').length`)
	eval[bool](t, ctx, runnable+`.click(), true`)
	do(t, ctx, "run it", chromedp.Click(chromedp.CSS(`[data-testid=editor-Run]`)))
	var cells []string
	for _, row := range strings.Split(c.tables[0], "\n")[2:] {
		cells = append(cells, strings.TrimSpace(strings.Split(row, "|")[1]))
	}
	result := fmt.Sprintf(`document.querySelectorAll('[data-testid=frame]').length > %d && document.querySelector('[data-testid=frame]').innerText`, frames)
	if !wait("the result", fmt.Sprintf(`(%s || '').includes(%q)`, result, cells[len(cells)-1]), time.Minute) {
		fail("running the first recipe shows no %q", cells[len(cells)-1])
	}
	text := eval[string](t, ctx, `document.querySelector('[data-testid=frame]').innerText`)
	for _, cell := range cells {
		if !strings.Contains(text, cell) {
			t.Errorf("the result lacks %q, which docs/cypher.md shows:\n%s", cell, text)
		}
	}
	screenshot(t, ctx, shots, "2-first-recipe-run")
}
