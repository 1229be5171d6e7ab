package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/server"
)

// The network view's error and empty states, its narrow layout and its
// path panel, over the seed held in memory: these are about the page, not
// the store, which TestExploreInBrowser drives over Neo4j.

func exploreServer(t *testing.T, s *inmem.Store) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s}, server.Options{}))
	t.Cleanup(srv.Close)
	return srv
}

// overlayText waits for the overlay over the graph and returns its text.
func overlayText(t *testing.T, ctx context.Context, what string) string {
	t.Helper()
	poll(t, ctx, what, `!document.getElementById('overlay').hidden`)
	return text(t, ctx, "#overlay")
}

func TestExploreErrorAndEmptyStates(t *testing.T) {
	t.Run("a backend answering an HTML error page", func(t *testing.T) {
		api := exploreServer(t, seedtest.MustGraph(t))
		target, _ := url.Parse(api.URL)
		proxy := httputil.NewSingleHostReverseProxy(target)
		// A proxy in front of a server that is down: /graphql answers 502
		// with an HTML page; the page itself is served.
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/graphql" {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>")
				return
			}
			proxy.ServeHTTP(w, r)
		}))
		defer srv.Close()
		ctx := browserCtx(t, "502 (Bad Gateway)")
		do(t, ctx, "open /explore", chromedp.Navigate(srv.URL+"/explore"))
		got := overlayText(t, ctx, "the error")
		for _, want := range []string{"Could not load the graph", "502", "Bad Gateway", "Try again"} {
			if !strings.Contains(got, want) {
				t.Errorf("error state %q lacks %q", got, want)
			}
		}
	})

	t.Run("an empty graph", func(t *testing.T) {
		srv := exploreServer(t, inmem.New())
		ctx := browserCtx(t)
		do(t, ctx, "open /explore", chromedp.Navigate(srv.URL+"/explore"))
		eval[bool](t, ctx, `explorer.ready.then(() => true)`)
		if got := overlayText(t, ctx, "the empty state"); !strings.Contains(got, "The graph is empty") || !strings.Contains(got, "actorgraph load") {
			t.Errorf("empty state %q", got)
		}
	})

	t.Run("filters that match nothing, then cleared", func(t *testing.T) {
		srv := exploreServer(t, seedtest.MustGraph(t))
		ctx := browserCtx(t)
		do(t, ctx, "open /explore", chromedp.Navigate(srv.URL+"/explore?certainty=DENIED"))
		eval[bool](t, ctx, `explorer.ready.then(() => true)`)
		if got := overlayText(t, ctx, "the empty state"); !strings.Contains(got, "Nothing matches the filters") {
			t.Fatalf("empty state %q", got)
		}
		do(t, ctx, "clear the filters", chromedp.Click(chromedp.CSS("#overlay button")))
		poll(t, ctx, "the whole graph", `document.getElementById('overlay').hidden && explorer.graph.order > 10 && !location.search.includes('certainty')`)
	})
}

// A "no path" answer replaces the path shown before, in the panel and in
// the graph.
func TestExploreNoPathReplacesThePath(t *testing.T) {
	srv := exploreServer(t, seedtest.MustGraph(t))
	ctx := browserCtx(t)
	// Only LEADS relationships: Donald Trump leads the United States, and
	// nothing joins him to Bashar al-Assad.
	do(t, ctx, "open /explore", chromedp.Navigate(srv.URL+"/explore?types=LEADS"))
	eval[bool](t, ctx, `explorer.ready.then(() => explorer.layout()).then(() => true)`)
	do(t, ctx, "path mode", chromedp.Click(chromedp.CSS("#pathmode")))
	clickNode(t, ctx, "donald-trump", 1)
	clickNode(t, ctx, "united-states", 1)
	poll(t, ctx, "the path", `document.querySelectorAll('#panel ol.path li').length === 1 && explorer.highlight.edges?.size === 1`)
	do(t, ctx, "path mode again", chromedp.Click(chromedp.CSS("#pathmode")))
	clickNode(t, ctx, "donald-trump", 1)
	clickNode(t, ctx, "bashar-al-assad", 1)
	poll(t, ctx, "the answer", `/No path between Donald Trump and Bashar al-Assad/.test(document.getElementById('panel').textContent)`)
	if n := eval[int](t, ctx, `document.querySelectorAll('#panel ol.path li').length + (explorer.highlight.edges ? explorer.highlight.edges.size : 0)`); n != 0 {
		t.Errorf("the previous path is still shown after a no-path answer (%d steps or highlighted edges)", n)
	}
}

// At 800 px wide the graph keeps most of the width: the filters are a
// drawer behind a button and the panel opens over the graph on a
// selection, with a button to close it.
func TestExploreAt800Pixels(t *testing.T) {
	srv := exploreServer(t, seedtest.MustGraph(t))
	ctx := browserCtx(t)
	do(t, ctx, "narrow window", chromedp.EmulateViewport(800, 900))
	do(t, ctx, "open /explore", chromedp.Navigate(srv.URL+"/explore"))
	eval[bool](t, ctx, `explorer.ready.then(() => explorer.layout()).then(() => true)`)
	width := func() int { return eval[int](t, ctx, `document.getElementById('graph').getBoundingClientRect().width`) }
	if w := width(); w < 760 {
		t.Errorf("the graph is %d px wide in an 800 px window", w)
	}
	visible := func(sel string) bool {
		return eval[bool](t, ctx, `(() => { const r = document.querySelector('`+sel+`').getBoundingClientRect(); return r.width > 0 && r.right > 0 && r.left < innerWidth; })()`)
	}
	if visible("#filters") || visible("#panel") {
		t.Errorf("filters or panel cover the graph before being asked for")
	}
	do(t, ctx, "open the filters", chromedp.Click(chromedp.CSS("#togglefilters")))
	poll(t, ctx, "the filters drawer", `(() => { const r = document.getElementById('filters').getBoundingClientRect(); return r.left >= 0 && r.width > 200; })()`)
	do(t, ctx, "tick a filter in the drawer", chromedp.Click(chromedp.CSS(`#filters input[data-cert="DENIED"]`)))
	poll(t, ctx, "the filter applied", `location.search.includes('certainty=')`)
	eval[bool](t, ctx, `explorer.idle().then(() => true)`)
	do(t, ctx, "close the filters", chromedp.Click(chromedp.CSS("#togglefilters")))
	poll(t, ctx, "the drawer closed", `document.getElementById('filters').getBoundingClientRect().right <= 1`)
	clickNode(t, ctx, "iran", 1)
	poll(t, ctx, "the panel", `document.querySelector('#panel h2')?.textContent === 'Iran'`)
	if !visible("#panel") || !visible("#closepanel") {
		t.Fatalf("the panel or its close button is not shown on a selection")
	}
	if w := eval[int](t, ctx, `document.getElementById('panel').getBoundingClientRect().width`); w > 500 {
		t.Errorf("the panel takes %d of 800 px", w)
	}
	do(t, ctx, "close the panel", chromedp.Click(chromedp.CSS("#closepanel")))
	poll(t, ctx, "the panel closed", `explorer.state.sel === '' && document.getElementById('panel').getBoundingClientRect().width === 0`)
}

// Grouped by community, the view draws one node per Louvain community,
// holding every actor once; clicking one lists its actors, and the view
// ungroups to every actor, at the same places as before.
func TestExploreGroupsCommunities(t *testing.T) {
	srv := exploreServer(t, seedtest.MustGraph(t))
	ctx := browserCtx(t)
	do(t, ctx, "open /explore", chromedp.Navigate(srv.URL+"/explore"))
	eval[bool](t, ctx, `explorer.ready.then(() => explorer.idle()).then(() => true)`)
	actors := drawnPositions(t, ctx)
	do(t, ctx, "group", chromedp.Click(chromedp.CSS("#group")))
	poll(t, ctx, "the communities", `location.search.includes('group=community') && explorer.graph.nodes().every(n => n.startsWith('community:'))`)
	type community struct {
		ID      string
		Members []string
	}
	comms := eval[[]community](t, ctx, `explorer.graph.nodes().map(n => ({ID: n, Members: explorer.graph.getNodeAttribute(n, 'members')}))`)
	if n := eval[int](t, ctx, `explorer.info.communities`); len(comms) != n || n < 2 {
		t.Fatalf("%d community nodes, Louvain found %d", len(comms), n)
	}
	seen := map[string]bool{}
	for _, c := range comms {
		for _, m := range c.Members {
			if seen[m] {
				t.Errorf("%s is in two communities", m)
			}
			seen[m] = true
		}
	}
	if len(seen) != len(actors) {
		t.Errorf("the communities hold %d actors, the view drew %d", len(seen), len(actors))
	}
	if !strings.Contains(text(t, ctx, "#status"), fmt.Sprintf("%d communities of %d actors", len(comms), len(actors))) {
		t.Errorf("status %q", text(t, ctx, "#status"))
	}
	clickNode(t, ctx, comms[0].ID, 1)
	poll(t, ctx, "the community's panel", fmt.Sprintf(`/^Community of %d actors?$/.test(document.querySelector('#panel h2')?.textContent) && document.querySelectorAll('#panel ul.rels li').length === %d`, len(comms[0].Members), min(100, len(comms[0].Members))))
	eval[bool](t, ctx, `(() => { [...document.querySelectorAll('#panel button')].find(b => b.textContent === 'Show every actor').click(); return true; })()`)
	poll(t, ctx, "every actor again", fmt.Sprintf(`!location.search.includes('group=') && explorer.graph.order === %d`, len(actors)))
	for id, p := range drawnPositions(t, ctx) {
		if q := actors[id]; q == nil || p[0] != q[0] || p[1] != q[1] {
			t.Errorf("%s at %v after ungrouping, at %v before", id, p, q)
		}
	}
}
