package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/server"
)

// chromium is Debian's chromium package, which scripts/test-deps installs.
const chromium = "/usr/bin/chromium"

// browserCtx starts headless Chromium for the test; errors and uncaught
// exceptions on the page fail the test.
func browserCtx(t *testing.T) context.Context {
	t.Helper()
	return browserCtxExpecting(t, nil)
}

// browserCtxExpecting is browserCtx for a test that provokes errors the
// browser logs (an HTTP 401 it asked for): console messages expected
// reports true for are not failures.
func browserCtxExpecting(t *testing.T, expected func(msg string) bool) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("%s not found: install Debian's chromium (scripts/test-deps does): %v", chromium, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1500, 950),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	var (
		mu   sync.Mutex
		logs []string
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if (m.Type == chromedp.ConsoleError || m.IsException()) && (expected == nil || m.IsException() || !expected(m.String())) {
				mu.Lock()
				logs = append(logs, m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		<-done
		for _, l := range logs {
			t.Errorf("page console: %s", l)
		}
	})
	return ctx
}

// do runs chromedp actions and fails the test with what was being done.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates JavaScript (awaiting a promise it returns) and decodes the result.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// poll waits until the JavaScript expression is truthy.
func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({url: location.href, status: document.getElementById('status').textContent, nodes: explorer.cy.nodes().length, panel: document.getElementById('panel').innerHTML.slice(0, 1500)})`))
		t.Fatalf("waiting for %s (%s): %v\npage: %s", what, expr, err, state)
	}
}

// polled reports whether the JavaScript expression became truthy within
// the timeout.
func polled(ctx context.Context, expr string, timeout time.Duration) bool {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(timeout)))
	return err == nil
}

// clickAt clicks the canvas where the JavaScript expression (a cytoscape
// rendered position) says, like a user, count times.
func clickAt(t *testing.T, ctx context.Context, what, posExpr string, count int, opts ...chromedp.MouseOption) {
	t.Helper()
	xy := eval[[]float64](t, ctx, `(() => { const p = `+posExpr+`, r = document.getElementById('cy').getBoundingClientRect();
		return [p.x + r.left, p.y + r.top]; })()`)
	for i := 0; i < count; i++ {
		do(t, ctx, "click "+what, chromedp.MouseClickXY(xy[0], xy[1], opts...))
	}
}

// clickNode clicks an actor's node on the canvas.
func clickNode(t *testing.T, ctx context.Context, id string, count int, opts ...chromedp.MouseOption) {
	t.Helper()
	if eval[bool](t, ctx, fmt.Sprintf(`explorer.cy.getElementById(%q).empty()`, id)) {
		t.Fatalf("node %s is not drawn", id)
	}
	clickAt(t, ctx, id, fmt.Sprintf(`explorer.cy.getElementById(%q).renderedPosition()`, id), count, opts...)
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return v
}

func sorted(s []string) []string { sort.Strings(s); return s }

func actorIDs(nodes []graph.Actor) []string {
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	return sorted(ids)
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// TestExploreInBrowser drives /explore in headless Chromium against the real
// server over the seeded Neo4j, as a user would.
func TestExploreInBrowser(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	bg := context.Background()
	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s}, server.Options{Playground: true, Introspection: true}))
	defer srv.Close()
	shots, err := os.MkdirTemp("", "actorgraph-explore-")
	if err != nil {
		t.Fatal(err)
	}
	ctx := browserCtx(t)

	// What the page must show, from the store.
	all, err := s.WholeGraph(bg)
	if err != nil {
		t.Fatal(err)
	}
	const anchor, expandID = "abu-hussein-al-humaidawi", "kataib-hezbollah"
	hood := func(id string) graph.Subgraph {
		sg, err := s.Neighbourhood(bg, id, graph.Traversal{Depth: 1, Direction: graph.Both, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		return sg
	}
	first, second := hood(anchor), hood(expandID)
	union := map[string]bool{}
	for _, n := range append(first.Nodes, second.Nodes...) {
		union[n.ID] = true
	}
	if len(union) <= len(first.Nodes) {
		t.Fatalf("the seed no longer suits the test: expanding %s adds nothing to %s's neighbourhood", expandID, anchor)
	}

	// 1. The page opens on the whole graph: every seed actor and relationship drawn.
	do(t, ctx, "open /explore", chromedp.Navigate(srv.URL+"/explore"))
	eval[bool](t, ctx, `explorer.ready.then(() => true)`)
	drawn := eval[[]string](t, ctx, `explorer.cy.nodes().map(n => n.id())`)
	edges := eval[int](t, ctx, `explorer.cy.edges().filter(e => e.visible()).length`)
	inView := eval[bool](t, ctx, `(() => { const bb = explorer.cy.elements().renderedBoundingBox(), c = explorer.cy.container();
		return explorer.cy.nodes().every(n => n.visible()) && bb.w > 200 && bb.h > 200 && bb.x1 > -5 && bb.y1 > -5 && bb.x2 < c.clientWidth + 5 && bb.y2 < c.clientHeight + 5; })()`)
	if got, want := sorted(drawn), actorIDs(all.Nodes); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("drawn actors %v\nwant %v", got, want)
	}
	if edges != len(all.Edges) || !inView {
		t.Fatalf("%d relationships drawn, want %d; laid out within the view: %v", edges, len(all.Edges), inView)
	}
	legend := text(t, ctx, "#filters")
	want := []string{"State", "Militia", "Person", "Organisation", "Group"}
	for _, c := range graph.Certainties { // every certainty has a filter
		want = append(want, string(c[:1])+strings.ToLower(string(c[1:])))
	}
	for _, w := range want {
		if !strings.Contains(legend, w) {
			t.Errorf("legend %q lacks %q", legend, w)
		}
	}
	screenshot(t, ctx, shots, "1-whole-graph")

	// The Cytoscape JSON export loads in Cytoscape.js as is.
	counts := eval[[]int](t, ctx, `fetch('export/cytoscape').then(r => r.json()).then(j => {
		const c = explorer.cytoscape({headless: true, ...j});
		return [c.nodes().length, c.edges().length, c.getElementById('kataib-hezbollah|ALIGNED_WITH|iran').data('claimCount')];
	})`)
	if len(counts) != 3 || counts[0] != len(all.Nodes) || counts[1] != len(all.Edges) || counts[2] != 2 {
		t.Errorf("cytoscape export in Cytoscape.js: %v; want %d nodes, %d edges, claimCount 2", counts, len(all.Nodes), len(all.Edges))
	}

	// 2. Shortest path: Path…, then two actors.
	paths, err := s.ShortestPaths(bg, "donald-trump", "kataib-hezbollah", graph.Traversal{Depth: 6, Direction: graph.Both}, false)
	if err != nil || len(paths) != 1 {
		t.Fatalf("shortest path: %v %v", paths, err)
	}
	do(t, ctx, "path mode", chromedp.Click(chromedp.CSS("#pathmode")))
	clickNode(t, ctx, "donald-trump", 1)
	clickNode(t, ctx, "kataib-hezbollah", 1)
	poll(t, ctx, "the path", `explorer.cy.nodes('.onpath').length > 0`)
	onPath := eval[[]string](t, ctx, `explorer.cy.nodes('.onpath').map(n => n.id())`)
	if got, want := sorted(onPath), actorIDs(paths[0].Nodes); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("highlighted path %v, want %v", got, want)
	}
	poll(t, ctx, "the path in the URL", `location.search.includes('path=donald-trump,kataib-hezbollah')`)
	screenshot(t, ctx, shots, "2-shortest-path")

	// 3. Search finds an actor by a misspelt alias ("Hamidawy" for al-Hamidawi),
	// and picking it shows its neighbourhood.
	do(t, ctx, "search", chromedp.SendKeys(chromedp.CSS("#search"), "Hamidawy"))
	poll(t, ctx, "the search result", fmt.Sprintf(`!!document.querySelector('#results li[data-id=%q]')`, anchor))
	do(t, ctx, "pick the result", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#results li[data-id=%q]`, anchor))))
	poll(t, ctx, "the neighbourhood", fmt.Sprintf(`explorer.state.focus === %q && explorer.cy.nodes().length === %d && !document.getElementById('status').textContent.startsWith('Loading')`, anchor, len(first.Nodes)))
	drawn = eval[[]string](t, ctx, `explorer.cy.nodes().map(n => n.id())`)
	if got, want := sorted(drawn), actorIDs(first.Nodes); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("neighbourhood of %s: %v, want %v", anchor, got, want)
	}

	// 4. Double-clicking a node adds its neighbours.
	clickNode(t, ctx, expandID, 2)
	poll(t, ctx, "the expansion", fmt.Sprintf(`explorer.cy.nodes().length === %d`, len(union)))
	for _, id := range eval[[]string](t, ctx, `explorer.cy.nodes().map(n => n.id())`) {
		if !union[id] {
			t.Errorf("%s drawn after expanding, but it is in neither neighbourhood", id)
		}
	}
	poll(t, ctx, "the expansion in the URL", `location.search.includes('expand=`+expandID+`')`)

	// 5. The certainty filter hides the edges whose claims are all alleged,
	// and only them: an edge shows while one of its claims has a ticked
	// certainty.
	alleged := `explorer.cy.edges().filter(e => e.data('certainties').every(c => c === 'ALLEGED'))`
	count := `[` + alleged + `.filter(e => e.visible()).length, explorer.cy.edges().filter(e => e.visible()).length]`
	before := eval[[]int](t, ctx, count)
	if before[0] == 0 {
		t.Fatalf("no alleged edge in view to hide: %v", before)
	}
	// A click can land beside the box when the panel moves under it (the
	// status line above it changes as the graph settles): click again,
	// once, if the box is still ticked.
	box := `#filters input[data-cert="ALLEGED"]`
	for try := 0; ; try++ {
		do(t, ctx, "untick Alleged", chromedp.Click(chromedp.CSS(box)))
		if polled(ctx, `!document.querySelector('`+box+`').checked`, 5*time.Second) || try == 1 {
			break
		}
	}
	poll(t, ctx, "alleged edges to hide", alleged+`.filter(e => e.visible()).length === 0`)
	after := eval[[]int](t, ctx, count)
	if after[0] != 0 || after[1] != before[1]-before[0] {
		t.Fatalf("after hiding alleged: %v visible alleged / all, before %v", after, before)
	}

	// 6. The side panel shows an edge's claims: quote, attribution, certainty,
	// and the article with the quote highlighted at its offsets.
	const edgeID = "kataib-hezbollah|ALIGNED_WITH|iran"
	// Zoom in on the edge and click the point by its midpoint that the
	// renderer's own hit test gives to this edge, so a crossing edge cannot
	// take the click.
	// A click can miss when the view shifts under it as the graph settles
	// (the status line changes a moment after an expansion): click again,
	// up to twice, if the edge is not selected.
	for try := 0; ; try++ {
		clickAt(t, ctx, edgeID, fmt.Sprintf(`(() => {
			const cy = explorer.cy, e = cy.getElementById(%q);
			cy.zoom(1.5);
			cy.center(e);
			const m = e.midpoint(), z = cy.zoom(), pan = cy.pan();
			for (const [dx, dy] of [[0, 0], [0, 3], [3, 0], [0, -3], [-3, 0], [4, 4], [-4, -4], [4, -4], [-4, 4], [0, 6], [6, 0], [0, -6], [-6, 0]]) {
				const x = m.x + dx / z, y = m.y + dy / z;
				const hit = cy.renderer().findNearestElement(x, y, true, false);
				if (hit && hit.id() === e.id()) return {x: x * z + pan.x, y: y * z + pan.y};
			}
			return e.renderedMidpoint();
		})()`, edgeID), 1)
		if polled(ctx, fmt.Sprintf(`explorer.state.sel === %q`, "e:"+edgeID), 5*time.Second) || try == 2 {
			break
		}
	}
	poll(t, ctx, "the claims panel", `document.querySelector('#panel h2')?.textContent === 'Kataib Hezbollah → Iran' && !!document.querySelector('#panel .claim .article-text mark')`)
	sel := eval[string](t, ctx, `explorer.state.sel`)
	quote := text(t, ctx, "#panel .claim .quote")
	mark := eval[string](t, ctx, `document.querySelector('#panel .claim .article-text mark').textContent`)
	shown := eval[string](t, ctx, `document.querySelector('#panel .claim .article-text').textContent`)
	who := text(t, ctx, "#panel .claim .who")
	if sel != "e:"+edgeID {
		t.Fatalf("selected %q, want the edge %s (a click on its midpoint)", sel, edgeID)
	}
	claims, err := s.ClaimsOfArticles(bg, []string{"iran-aligned-militias-threaten-us"})
	if err != nil {
		t.Fatal(err)
	}
	var claim graph.Claim
	for _, c := range claims["iran-aligned-militias-threaten-us"] {
		if c.RelationshipID() == edgeID && c.Quote == quote {
			claim = c
		}
	}
	article := neo4jtest.SeedArticle(t)
	if claim.ID == "" || mark != quote || !strings.Contains(article, quote) || shown != article {
		t.Fatalf("panel: quote %q, highlighted %q, claim %+v; article text shown in full: %v", quote, mark, claim, shown == article)
	}
	if got := string([]rune(article)[claim.Start:claim.End]); got != mark {
		t.Fatalf("highlight %q is not the text at the claim's code-point offsets (%q)", mark, got)
	}
	wantWho := "In the article’s own voice"
	if claim.AttributedToID != "" {
		a, _ := s.ActorsByID(bg, []string{claim.AttributedToID})
		wantWho = "According to " + a[claim.AttributedToID].Name
	}
	certainty := map[graph.Certainty]string{graph.Asserted: "Asserted", graph.Reported: "Reported", graph.Alleged: "Alleged", graph.Hypothetical: "Hypothetical", graph.Denied: "Denied"}[claim.Certainty]
	if !strings.Contains(who, wantWho) || !strings.Contains(who, certainty) {
		t.Errorf("attribution and certainty %q, want %q and %q", who, wantWho, certainty)
	}
	screenshot(t, ctx, shots, "3-expanded-filtered-claim")

	// 7. The URL reproduces the view: same actors, filter and selection.
	href := eval[string](t, ctx, `location.href`)
	for _, part := range []string{"focus=" + anchor, "expand=" + expandID, "certainty=", "sel=e:" + edgeID} {
		if !strings.Contains(href, part) {
			t.Errorf("URL %s lacks %s", href, part)
		}
	}
	do(t, ctx, "reopen the link", chromedp.Navigate("about:blank"), chromedp.Navigate(href))
	eval[bool](t, ctx, `explorer.ready.then(() => true)`)
	poll(t, ctx, "the reopened view", fmt.Sprintf(`explorer.cy.nodes().length === %d && `+alleged+`.filter(e => e.visible()).length === 0 && explorer.cy.getElementById(%q).selected() && !!document.querySelector('#panel .claim mark')`, len(union), edgeID))

	// 8. PNG export: the button downloads an image of the view.
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
	}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	do(t, ctx, "PNG", chromedp.Click(chromedp.CSS("#png")))
	var file string
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end) && file == ""; time.Sleep(200 * time.Millisecond) {
		if m, _ := filepath.Glob(filepath.Join(downloads, "*.png")); len(m) > 0 {
			file = m[0]
		}
	}
	if file == "" {
		t.Fatal("no PNG downloaded")
	}
	time.Sleep(500 * time.Millisecond)
	b, _ := os.ReadFile(file)
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil || img.Bounds().Dx() < 200 || img.Bounds().Dy() < 200 {
		t.Fatalf("downloaded %s: %v", filepath.Base(file), err)
	}
	os.WriteFile(filepath.Join(shots, "4-exported-view.png"), b, 0o644)

	// The data of the focused neighbourhood downloads in an export format.
	eval[bool](t, ctx, `(() => { const s = document.getElementById('export'); s.value = 'gexf'; return s.dispatchEvent(new Event('change')); })()`)
	gexf := filepath.Join(downloads, "actorgraph-"+anchor+".gexf")
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		if st, err := os.Stat(gexf); err == nil && st.Size() > 0 {
			break
		}
	}
	time.Sleep(300 * time.Millisecond)
	if b, err := os.ReadFile(gexf); err != nil || !bytes.Contains(b, []byte(`<nodes count="`+fmt.Sprint(len(first.Nodes))+`">`)) {
		t.Errorf("GEXF download of %s's neighbourhood: %v\n%.400s", anchor, err, b)
	}
	t.Logf("screenshots and the exported PNG are in %s", shots)
}
