package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
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
// exceptions on the page fail the test, except console errors containing
// one of expected (a failed request the test provokes).
func browserCtx(t testing.TB, expected ...string) context.Context {
	t.Helper()
	return browserCtxExpecting(t, func(msg string) bool {
		return slices.ContainsFunc(expected, func(e string) bool { return strings.Contains(msg, e) })
	})
}

// browserCtxExpecting is browserCtx for a test that provokes errors the
// browser logs (an HTTP 401 it asked for): console messages expected
// reports true for are not failures.
func browserCtxExpecting(t testing.TB, expected func(msg string) bool) context.Context {
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
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({url: location.href, status: document.getElementById('status').textContent, nodes: window.explorer && explorer.graph.order, panel: document.getElementById('panel').innerHTML.slice(0, 1500)})`))
		t.Fatalf("waiting for %s (%s): %v\npage: %s", what, expr, err, state)
	}
}

// polled reports whether the JavaScript expression became truthy within
// the timeout.
func polled(ctx context.Context, expr string, timeout time.Duration) bool {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(timeout)))
	return err == nil
}

// clickXY clicks the page at a point count times, like a user.
func clickXY(t *testing.T, ctx context.Context, what string, xy []float64, count int, opts ...chromedp.MouseOption) {
	t.Helper()
	for i := 0; i < count; i++ {
		do(t, ctx, "click "+what, chromedp.MouseClickXY(xy[0], xy[1], opts...))
	}
}

// clickNode clicks an actor's node on the canvas, once the layout has
// settled.
func clickNode(t *testing.T, ctx context.Context, id string, count int, opts ...chromedp.MouseOption) {
	t.Helper()
	if !eval[bool](t, ctx, `explorer.idle().then(() => true)`) || !eval[bool](t, ctx, fmt.Sprintf(`explorer.graph.hasNode(%q)`, id)) {
		t.Fatalf("node %s is not drawn", id)
	}
	p := eval[[]float64](t, ctx, fmt.Sprintf(`(() => { const p = explorer.viewport(%q); return [p.x, p.y]; })()`, id))
	clickXY(t, ctx, id, p, count, opts...)
}

// drawnPositions are the drawn actors' positions in the graph's
// coordinates, by id.
func drawnPositions(t *testing.T, ctx context.Context) map[string][]float64 {
	t.Helper()
	return eval[map[string][]float64](t, ctx, `explorer.idle().then(() => {
		const out = {}; explorer.graph.forEachNode((id, a) => { out[id] = [a.x, a.y]; }); return out; })`)
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

	// 1. The page opens on the whole graph (the seed is far below the
	// network's top N): every seed relationship drawn, and every actor
	// with one (an actor only named as a source has none), laid out within
	// the view, with communities found.
	do(t, ctx, "open /explore", chromedp.Navigate(srv.URL+"/explore"))
	eval[bool](t, ctx, `explorer.ready.then(() => explorer.layout()).then(() => true)`)
	drawn := eval[[]string](t, ctx, `explorer.graph.nodes()`)
	edges := eval[int](t, ctx, `explorer.graph.size`)
	inView := eval[bool](t, ctx, `(() => { const c = document.getElementById('graph'), w = c.clientWidth, h = c.clientHeight, r = c.getBoundingClientRect();
		const ps = explorer.graph.nodes().map(explorer.viewport);
		const xs = ps.map(p => p.x - r.left), ys = ps.map(p => p.y - r.top);
		return w > 300 && h > 300 && Math.min(...xs) > -5 && Math.min(...ys) > -5 && Math.max(...xs) < w + 5 && Math.max(...ys) < h + 5
			&& Math.max(...xs) - Math.min(...xs) > 200 && Math.max(...ys) - Math.min(...ys) > 200; })()`)
	related := map[string]bool{}
	for _, e := range all.Edges {
		related[e.FromID], related[e.ToID] = true, true
	}
	if got, want := sorted(drawn), sorted(mapsKeys(related)); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("drawn actors %v\nwant %v", got, want)
	}
	if edges != len(all.Edges) || !inView {
		t.Fatalf("%d relationships drawn, want %d; laid out within the view: %v", edges, len(all.Edges), inView)
	}
	if n := eval[int](t, ctx, `explorer.info.communities`); n < 2 || n >= len(all.Nodes) {
		t.Errorf("%d communities among %d actors", n, len(all.Nodes))
	}
	legend := text(t, ctx, "#filters")
	want := []string{"State", "Militia", "Person", "Organisation", "Group", "own statement", "conditional", "as of"}
	for _, c := range graph.Certainties { // every certainty has a filter
		want = append(want, string(c[:1])+strings.ToLower(string(c[1:])))
	}
	for _, w := range want {
		if !strings.Contains(legend, w) {
			t.Errorf("legend %q lacks %q", legend, w)
		}
	}
	screenshot(t, ctx, shots, "1-whole-graph")

	// 2. Shortest path: Path…, then two actors.
	paths, err := s.ShortestPaths(bg, "donald-trump", "kataib-hezbollah", graph.Traversal{Depth: 6, Direction: graph.Both}, false)
	if err != nil || len(paths) != 1 {
		t.Fatalf("shortest path: %v %v", paths, err)
	}
	do(t, ctx, "path mode", chromedp.Click(chromedp.CSS("#pathmode")))
	clickNode(t, ctx, "donald-trump", 1)
	clickNode(t, ctx, "kataib-hezbollah", 1)
	poll(t, ctx, "the path", `!!explorer.highlight.edges && explorer.highlight.edges.size > 0`)
	onPath := eval[[]string](t, ctx, `[...explorer.highlight.nodes]`)
	if got, want := sorted(onPath), actorIDs(paths[0].Nodes); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("highlighted path %v, want %v", got, want)
	}
	poll(t, ctx, "the path in the URL and the panel", `location.search.includes('path=donald-trump,kataib-hezbollah') && document.querySelectorAll('#panel ol.path li').length === `+fmt.Sprint(paths[0].Length()))
	screenshot(t, ctx, shots, "2-shortest-path")

	// 3. Search finds an actor by a misspelt alias ("Hamidawy" for al-Hamidawi),
	// and picking it shows its neighbourhood.
	do(t, ctx, "search", chromedp.SendKeys(chromedp.CSS("#search"), "Hamidawy"))
	poll(t, ctx, "the search result", fmt.Sprintf(`!!document.querySelector('#results li[data-id=%q]')`, anchor))
	do(t, ctx, "pick the result", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#results li[data-id=%q]`, anchor))))
	poll(t, ctx, "the neighbourhood", fmt.Sprintf(`explorer.state.focus === %q && explorer.graph.order === %d && !document.getElementById('status').textContent.startsWith('Loading')`, anchor, len(first.Nodes)))
	drawn = eval[[]string](t, ctx, `explorer.graph.nodes()`)
	if got, want := sorted(drawn), actorIDs(first.Nodes); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("neighbourhood of %s: %v, want %v", anchor, got, want)
	}

	// 4. Double-clicking a node adds its neighbours, each drawn with its
	// own kind.
	clickNode(t, ctx, expandID, 2)
	poll(t, ctx, "the expansion", fmt.Sprintf(`explorer.graph.order === %d`, len(union)))
	kinds := eval[map[string]string](t, ctx, `(() => { const o = {}; explorer.graph.forEachNode((id, a) => { o[id] = a.kind; }); return o; })()`)
	actors, err := s.ActorsByID(bg, sorted(mapsKeys(kinds)))
	if err != nil {
		t.Fatal(err)
	}
	for id, k := range kinds {
		if !union[id] {
			t.Errorf("%s drawn after expanding, but it is in neither neighbourhood", id)
		}
		if string(actors[id].Kind) != k {
			t.Errorf("%s drawn as %s, but it is a %s", id, k, actors[id].Kind)
		}
	}
	poll(t, ctx, "the expansion in the URL", `location.search.includes('expand=`+expandID+`')`)

	// 5. The certainty filter drops the relationships whose claims are all
	// alleged, and only them: a relationship shows while one of its claims
	// has a ticked certainty.
	type drawnEdge struct {
		ID          string
		Certainties []string
	}
	edgesNow := func() []drawnEdge {
		return eval[[]drawnEdge](t, ctx, `explorer.graph.edges().map(e => ({ID: e, Certainties: explorer.graph.getEdgeAttribute(e, 'certainties')}))`)
	}
	allAlleged := func(e drawnEdge) bool {
		for _, c := range e.Certainties {
			if c != "ALLEGED" {
				return false
			}
		}
		return true
	}
	before := edgesNow()
	nAlleged := 0
	for _, e := range before {
		if allAlleged(e) {
			nAlleged++
		}
	}
	if nAlleged == 0 {
		t.Fatalf("no alleged relationship in view to hide: %v", before)
	}
	box := `#filters input[data-cert="ALLEGED"]`
	do(t, ctx, "untick Alleged", chromedp.Click(chromedp.CSS(box)))
	poll(t, ctx, "the filtered view", `location.search.includes('certainty=') && explorer.graph.edges().every(e => explorer.graph.getEdgeAttribute(e, 'certainties').some(c => c !== 'ALLEGED')) && explorer.info.layout === 'done'`)
	after := edgesNow()
	afterIDs := map[string]bool{}
	for _, e := range after {
		afterIDs[e.ID] = true
	}
	for _, e := range before {
		from, to, _ := strings.Cut(e.ID, "|")
		_, to, _ = strings.Cut(to, "|")
		ends := eval[bool](t, ctx, fmt.Sprintf(`explorer.graph.hasNode(%q) && explorer.graph.hasNode(%q)`, from, to))
		if !allAlleged(e) && ends && !afterIDs[e.ID] {
			t.Errorf("%s (certainties %v) was dropped by the alleged filter", e.ID, e.Certainties)
		}
	}

	// 6. The side panel shows an edge's claims: quote, attribution, certainty,
	// and the article with the quote highlighted at its offsets. Kataib
	// Hezbollah has two relationships to Iran drawn on one line, so the
	// edge is picked from the actor's list in the panel.
	const edgeID = "kataib-hezbollah|ALIGNED_WITH|iran"
	clickNode(t, ctx, expandID, 1)
	poll(t, ctx, "the actor's panel", `document.querySelector('#panel h2')?.textContent === 'Kataib Hezbollah' && [...document.querySelectorAll('#panel ul.rels a')].some(a => a.textContent === '→ ALIGNED_WITH → Iran')`)
	eval[bool](t, ctx, `(() => { [...document.querySelectorAll('#panel ul.rels a')].find(a => a.textContent === '→ ALIGNED_WITH → Iran').click(); return true; })()`)
	poll(t, ctx, "the claims panel", `document.querySelector('#panel h2')?.textContent === 'Kataib Hezbollah → Iran' && !!document.querySelector('#panel .claim .article-text mark')`)
	sel := eval[string](t, ctx, `explorer.state.sel`)
	quote := text(t, ctx, "#panel .claim .quote")
	mark := eval[string](t, ctx, `document.querySelector('#panel .claim .article-text mark').textContent`)
	shown := eval[string](t, ctx, `document.querySelector('#panel .claim .article-text').textContent`)
	who := text(t, ctx, "#panel .claim .who")
	if sel != "e:"+edgeID {
		t.Fatalf("selected %q, want the edge %s", sel, edgeID)
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
	if claim.Certainty == graph.Alleged {
		t.Errorf("the panel lists an alleged claim while alleged claims are filtered out")
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
	// A relationship drawn alone on its line is clicked on the canvas.
	const lone = "abu-hussein-al-humaidawi|LEADS|kataib-hezbollah"
	for try := 0; ; try++ {
		xy := eval[[]float64](t, ctx, fmt.Sprintf(`(() => { const g = explorer.graph, e = %q, a = explorer.viewport(g.source(e)), b = explorer.viewport(g.target(e));
			return [a.x + (b.x - a.x) * 0.5, a.y + (b.y - a.y) * 0.5]; })()`, lone))
		clickXY(t, ctx, lone, xy, 1)
		if polled(ctx, fmt.Sprintf(`explorer.state.sel === %q`, "e:"+lone), 5*time.Second) || try == 2 {
			break
		}
	}
	poll(t, ctx, "the clicked relationship's panel", `document.querySelector('#panel h2')?.textContent === 'Abu Hussein al-Humaidawi → Kataib Hezbollah'`)
	// Back to the first edge, for the link.
	clickNode(t, ctx, expandID, 1)
	poll(t, ctx, "the actor's panel again", `[...document.querySelectorAll('#panel ul.rels a')].some(a => a.textContent === '→ ALIGNED_WITH → Iran')`)
	eval[bool](t, ctx, `(() => { [...document.querySelectorAll('#panel ul.rels a')].find(a => a.textContent === '→ ALIGNED_WITH → Iran').click(); return true; })()`)
	poll(t, ctx, "the claims panel again", `explorer.state.sel === 'e:`+edgeID+`' && !!document.querySelector('#panel .claim mark')`)
	screenshot(t, ctx, shots, "3-expanded-filtered-claim")

	// 7. Back and Forward step through the views: back to before the
	// alleged filter (the relationships come back), forward to it again.
	filtered := eval[int](t, ctx, `explorer.graph.size`)
	eval[bool](t, ctx, `(history.back(), true)`)
	poll(t, ctx, "the view before the filter", `!location.search.includes('certainty=') && explorer.graph.edges().some(e => explorer.graph.getEdgeAttribute(e, 'certainties').every(c => c === 'ALLEGED')) && document.querySelector('#filters input[data-cert="ALLEGED"]').checked`)
	eval[bool](t, ctx, `(history.forward(), true)`)
	poll(t, ctx, "the filtered view again", fmt.Sprintf(`location.search.includes('certainty=') && explorer.graph.size === %d && !document.querySelector('#filters input[data-cert="ALLEGED"]').checked`, filtered))
	eval[bool](t, ctx, `explorer.layout().then(() => true)`)

	// 8. The URL reproduces the view: same actors, filter, selection and
	// layout (the seeded layout puts every actor at the same place).
	positions := drawnPositions(t, ctx)
	href := eval[string](t, ctx, `location.href`)
	for _, part := range []string{"focus=" + anchor, "expand=" + expandID, "certainty=", "sel=e:" + edgeID} {
		if !strings.Contains(href, part) {
			t.Errorf("URL %s lacks %s", href, part)
		}
	}
	do(t, ctx, "reopen the link", chromedp.Navigate("about:blank"), chromedp.Navigate(href))
	eval[bool](t, ctx, `explorer.ready.then(() => explorer.layout()).then(() => true)`)
	poll(t, ctx, "the reopened view", fmt.Sprintf(`explorer.graph.order === %d && explorer.state.sel === 'e:%s' && !!document.querySelector('#panel .claim mark')`, len(positions), edgeID))
	for id, p := range drawnPositions(t, ctx) {
		q, ok := positions[id]
		if !ok || math.Abs(p[0]-q[0]) > 1e-3 || math.Abs(p[1]-q[1]) > 1e-3 {
			t.Errorf("%s at %v in the reopened view, at %v before (present: %v)", id, p, q, ok)
		}
	}

	// 9. PNG export: the button downloads an image of the view.
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
	}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	do(t, ctx, "PNG", chromedp.Click(chromedp.CSS("#png")))
	file := waitForFile(t, filepath.Join(downloads, "*.png"))
	b, _ := os.ReadFile(file)
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil || img.Bounds().Dx() < 200 || img.Bounds().Dy() < 200 {
		t.Fatalf("downloaded %s: %v", filepath.Base(file), err)
	}
	os.WriteFile(filepath.Join(shots, "4-exported-view.png"), b, 0o644)

	// 10. Export downloads what is on screen: the drawn actors and
	// relationships, placed where they are drawn.
	onScreen := eval[[]int](t, ctx, `[explorer.graph.order, explorer.graph.size]`)
	eval[bool](t, ctx, `(() => { const s = document.getElementById('export'); s.value = 'gexf'; return s.dispatchEvent(new Event('change')); })()`)
	gexf := waitForFile(t, filepath.Join(downloads, "actorgraph-"+anchor+".gexf"))
	b, err = os.ReadFile(gexf)
	if err != nil || !bytes.Contains(b, []byte(fmt.Sprintf(`<nodes count="%d">`, onScreen[0]))) || !bytes.Contains(b, []byte(fmt.Sprintf(`<edges count="%d">`, onScreen[1]))) || !bytes.Contains(b, []byte("<viz:position")) {
		t.Errorf("GEXF download of the view (%d actors, %d relationships, positions): %v\n%.600s", onScreen[0], onScreen[1], err, b)
	}
	t.Logf("screenshots and the exported PNG are in %s", shots)
}

// waitForFile waits for a download matching the glob to be complete (its
// size stops changing) and returns its path.
func waitForFile(t *testing.T, glob string) string {
	t.Helper()
	var file string
	var size int64 = -1
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		m, _ := filepath.Glob(glob)
		if len(m) == 0 {
			continue
		}
		st, err := os.Stat(m[0])
		if err != nil || st.Size() == 0 {
			continue
		}
		if st.Size() == size {
			return m[0]
		}
		file, size = m[0], st.Size()
	}
	t.Fatalf("no complete download matching %s (last seen %q)", glob, file)
	return ""
}

func mapsKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
