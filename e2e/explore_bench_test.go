package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/server"
	"github.com/actorgraph/actorgraph/synth"
)

// exploreCorpus is the network view's benchmark corpus: about 5,000 actors
// and 50,000 relationships (issue 13's target), generated once into
// .corpus/ (`actorgraph gen -articles 4000 -claims-per-article 20 -actors
// 5000 -zipf 1.05` writes the same files).
var exploreCorpus = synth.Spec{Articles: 4000, ClaimsPerArticle: 20, ActorsPerArticle: 20, Actors: 5000, Zipf: 1.05, Seed: 1}

// BenchmarkExploreAtScale opens /explore in headless Chromium over the
// corpus above in the test Neo4j and records what a user waits for: the
// first drawing, the layout (in its worker), frame times while panning and
// zooming, the main thread's long tasks, and the evidence panel of the
// relationship with the most claims. It measures; it asserts only that
// the view drew what the server sent. The corpus is loaded unless the
// database already holds exactly its claims (a rerun skips the load).
//
//	scripts/testdb run -- go test -run '^$' -bench ExploreAtScale -benchtime 1x -timeout 0 ./e2e/
func BenchmarkExploreAtScale(b *testing.B) {
	s := neo4jtest.MustOpen(b)
	bg := context.Background()
	dir := filepath.Join(repoRoot(), ".corpus", "explore-5k")
	dense := filepath.Join(repoRoot(), ".corpus", "explore-dense")
	writeDenseArticle(b, dense)
	claims := exploreCorpus.Articles*exploreCorpus.ClaimsPerArticle + denseClaims
	if st := neo4jtest.MustStats(b, s); st.Claims != claims || st.Articles != exploreCorpus.Articles+1 {
		if _, err := os.Stat(filepath.Join(dir, synth.RelPath(exploreCorpus.Articles-1))); err != nil {
			if err := synth.Write(bg, dir, exploreCorpus, nil); err != nil {
				b.Fatalf("write corpus: %v", err)
			}
		}
		if err := s.DeleteAll(bg); err != nil {
			b.Fatal(err)
		}
		if err := s.EnsureSchema(bg); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := loaders.Load(bg, s, dir, dense); err != nil {
			b.Fatalf("load %s: %v", dir, err)
		}
		b.Logf("loaded %d claims in %s", claims, time.Since(start).Round(time.Second))
	}
	all, err := s.Relationships(bg, graph.RelationshipFilter{}, graph.PageRequest{First: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	st := neo4jtest.MustStats(b, s)
	b.Logf("corpus: %d actors, %d relationships, %d claims", st.Actors, all.TotalCount, st.Claims)

	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s}, server.Options{}))
	defer srv.Close()

	for _, top := range []int{2000, 5000} {
		b.Run(fmt.Sprintf("top=%d", top), func(b *testing.B) {
			for range b.N {
				m := measureExplore(b, srv.URL+fmt.Sprintf("/explore?top=%d", top))
				b.ReportMetric(m.FirstDraw, "first-draw-ms")
				b.ReportMetric(m.Query, "query-ms")
				b.ReportMetric(m.LayoutDone, "layout-done-ms")
				b.ReportMetric(m.FPS, "pan-zoom-fps")
				b.ReportMetric(m.BlankFPS, "blank-page-fps")
				b.ReportMetric(m.FrameP95, "frame-p95-ms")
				b.ReportMetric(m.LongestTask, "longest-task-ms")
				b.ReportMetric(float64(m.LongTasksOver100), "tasks-over-100ms")
				b.ReportMetric(m.Panel, "panel-ms")
				b.ReportMetric(m.AllClaims, "all-claims-ms")
				b.ReportMetric(float64(m.PanelClaims), "panel-claims")
				b.Logf("top %d: drew %d actors, %d relationships (of %d); first drawing %.0f ms (query %.0f ms), layout done %.0f ms, "+
					"pan/zoom %.1f fps (p95 frame %.1f ms, %d frames; a blank page %.1f fps), longest main-thread task %.0f ms, %d over 100 ms %v; "+
					"panel of %s (%d claims): first page %.0f ms, every claim %.0f ms",
					top, m.Nodes, m.Edges, m.Total, m.FirstDraw, m.Query, m.LayoutDone, m.FPS, m.FrameP95, m.Frames, m.BlankFPS,
					m.LongestTask, m.LongTasksOver100, m.LongTasks, m.PanelEdge, m.PanelClaims, m.Panel, m.AllClaims)
			}
		})
	}
}

// exploreMeasure is what one opening of the view measured; times are
// milliseconds since the navigation started unless named otherwise.
type exploreMeasure struct {
	Nodes, Edges, Total int
	FirstDraw, Query    float64
	LayoutDone          float64
	FPS, FrameP95       float64
	BlankFPS            float64 // a blank page's, under the same input
	Frames              int
	LongestTask         float64
	LongTasksOver100    int
	LongTasks           []float64
	PanelEdge           string
	PanelClaims         int
	Panel, AllClaims    float64 // from the click to the first page, and to every claim listed
}

func measureExplore(b *testing.B, url string) exploreMeasure {
	ctx := browserCtx(b)
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		b.Fatal(err)
	}
	var m exploreMeasure
	run := func(expr string, out any) {
		b.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatalf("%s: %v", expr, err)
		}
		if out != nil {
			reencode(b, v, out)
		}
	}
	var first struct {
		Nodes, Edges, Total int
		FirstDraw, Query    float64
		LayoutDone          float64
	}
	run(`explorer.ready.then(() => explorer.idle()).then(() => ({
		Nodes: explorer.graph.order, Edges: explorer.graph.size, Total: explorer.info.network.relationshipCount,
		FirstDraw: explorer.metrics.firstDraw, LayoutDone: explorer.metrics.layoutDone,
		Query: Math.max(...performance.getEntriesByType('resource').filter(e => e.name.endsWith('/graphql')).map(e => e.duration)) }))`, &first)
	m.Nodes, m.Edges, m.Total, m.FirstDraw, m.Query, m.LayoutDone = first.Nodes, first.Edges, first.Total, first.FirstDraw, first.Query, first.LayoutDone
	if m.Nodes == 0 || m.Edges == 0 {
		b.Fatalf("nothing drawn: %+v", first)
	}

	frames := panZoom(b, ctx, run, "document.getElementById('graph')")
	m.Frames = len(frames)
	m.FPS, m.FrameP95 = frameStats(frames)

	// The same input on a blank page of the same size, in the same
	// browser: the frame rate this machine gives any page right now, to
	// read the view's against.
	run(`(() => { const d = document.createElement('div'); d.id = 'blank'; d.style.cssText = 'position:fixed;inset:0;z-index:99;background:#fff'; document.body.append(d); return true; })()`, nil)
	m.BlankFPS, _ = frameStats(panZoom(b, ctx, run, "document.getElementById('blank')"))
	run(`(document.getElementById('blank').remove(), true)`, nil)

	// The evidence panel of the relationship with 400 claims (the dense
	// article's): the first page, then every page.
	var panel struct {
		Edge       string
		Claims     int
		First, All float64
	}
	run(`(async () => {
		const edge = '`+denseEdge+`';
		const t0 = performance.now();
		explorer.select('e:' + edge);
		const wait = (f) => new Promise((resolve) => { const tick = () => f() ? resolve(performance.now() - t0) : requestAnimationFrame(tick); tick(); });
		const first = await wait(() => document.querySelector('#panel .claim'));
		const all = await wait(() => {
			const more = document.querySelector('#panel .more-claims');
			if (more && more.isConnected && !more.disabled) more.click();
			return !document.querySelector('#panel .more-claims')?.isConnected && /\d+ claims?$/.test(document.querySelector('#panel .claims-foot')?.textContent || '');
		});
		return { Edge: edge, Claims: document.querySelectorAll('#panel .claim').length, First: first, All: all };
	})()`, &panel)
	m.PanelEdge, m.PanelClaims, m.Panel, m.AllClaims = panel.Edge, panel.Claims, panel.First, panel.All

	var tasks []float64
	run(`explorer.metrics.longTasks.map(t => t.duration)`, &tasks)
	for _, d := range tasks {
		m.LongestTask = max(m.LongestTask, d)
		if d > 100 {
			m.LongTasksOver100++
			m.LongTasks = append(m.LongTasks, d)
		}
	}
	return m
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// reencode copies a decoded JSON value into out.
func reencode(tb testing.TB, v, out any) {
	tb.Helper()
	buf, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(buf, out)
	}
	if err != nil {
		tb.Fatalf("decode %v: %v", v, err)
	}
}

// The dense article: denseClaims claims, each its own sentence, that one
// actor criticises another, so one relationship has that many claims for
// the evidence panel.
const (
	denseClaims = 400
	denseEdge   = "dense-evidence-council|CRITICISES|dense-evidence-ministry"
)

func writeDenseArticle(tb testing.TB, dir string) {
	tb.Helper()
	var text, yaml strings.Builder
	text.WriteString("DENSE — A report with many claims\n\n")
	yaml.WriteString(`format: 2
article:
    id: dense-evidence
    title: A report with many claims
    file: dense-evidence.txt
    source: actorgraph benchmark
    publishedAt: "2001-01-01"
actors:
    - id: dense-evidence-council
      name: Dense Evidence Council
      kind: ORGANISATION
    - id: dense-evidence-ministry
      name: Dense Evidence Ministry
      kind: STATE
claims:
`)
	for i := range denseClaims {
		quote := fmt.Sprintf("Dense Evidence Council criticised Dense Evidence Ministry in statement %d", i+1)
		text.WriteString(quote + ".\n")
		fmt.Fprintf(&yaml, "    - id: c%d\n      subject: Dense Evidence Council\n      relation: CRITICISES\n      object: Dense Evidence Ministry\n      certainty: ASSERTED\n      quote: %s\n", i+1, quote)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	for name, body := range map[string]string{"dense-evidence.txt": text.String(), "dense-evidence.yaml": yaml.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// panZoom pans and zooms as a user does, with the mouse: it drags the
// element target (a JavaScript expression) round in circles, then turns
// the wheel in and out, while the page records the gaps between its
// animation frames, which it returns.
func panZoom(b *testing.B, ctx context.Context, run func(string, any), target string) []float64 {
	run(`(() => { window.benchGaps = []; window.benchStop = false; let last = performance.now();
		const step = (now) => { window.benchGaps.push(now - last); last = now; if (!window.benchStop) requestAnimationFrame(step); };
		requestAnimationFrame(step); return true; })()`, nil)
	var box []float64
	run(`(() => { const r = `+target+`.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2, Math.min(r.width, r.height) / 4]; })()`, &box)
	cx, cy, rad := box[0], box[1], box[2]
	move := func(typ input.DispatchMouseEventType, x, y float64, opts ...chromedp.MouseOption) {
		if err := chromedp.Do(ctx, chromedp.MouseEvent(typ, x, y, opts...)); err != nil {
			b.Fatalf("mouse: %v", err)
		}
	}
	for range 2 {
		move(input.DispatchMouseEventTypeMousePressed, cx+rad, cy, chromedp.ButtonLeft, func(p *input.DispatchMouseEventParams) { p.ClickCount = 1 })
		for i := 1; i <= 24; i++ {
			a := float64(i) / 24 * 2 * math.Pi
			move(input.DispatchMouseEventTypeMouseMoved, cx+rad*math.Cos(a), cy+rad*math.Sin(a), chromedp.ButtonLeft, func(p *input.DispatchMouseEventParams) { p.Buttons = 1 })
		}
		move(input.DispatchMouseEventTypeMouseReleased, cx+rad, cy, chromedp.ButtonLeft)
	}
	for i := range 16 {
		dy := 120.0
		if i/8%2 == 1 {
			dy = -120
		}
		move(input.DispatchMouseEventTypeMouseWheel, cx, cy, func(p *input.DispatchMouseEventParams) {
			p.DeltaX, p.DeltaY = 1e-6, dy // the protocol wants both, and drops a zero
		})
	}
	var frames []float64
	run(`(() => { window.benchStop = true; return window.benchGaps.slice(1); })()`, &frames)
	return frames
}

// frameStats gives the frames per second and the 95th percentile of the
// frame times.
func frameStats(frames []float64) (fps, p95 float64) {
	if len(frames) == 0 {
		return 0, 0
	}
	sum := 0.0
	for _, f := range frames {
		sum += f
	}
	sorted := slices.Clone(frames)
	slices.Sort(sorted)
	return float64(len(frames)) / (sum / 1000), sorted[len(sorted)*95/100]
}
