package export_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/server"
	"github.com/actorgraph/actorgraph/synth"
)

// The exports are opened with the tools analysts use, by those tools' own
// readers: the Gephi toolkit (tools/gephi-check, built here with Maven),
// NetworkX (tools/networkx-check, in a virtual environment made here from
// its pinned requirements) and Cytoscape.js (tools/cytoscape-check, pinned,
// installed here with npm, in headless Chromium). Each must keep every actor, every
// relationship with its type, and every claim's quote behind it, on the
// seed and on a generated corpus.

// generatedCorpus is the generated corpus the tools are tried on: about
// four thousand claims, with many typed relationships between the same
// two actors.
var generatedCorpus = synth.Spec{Articles: 200, Seed: 1}

func TestToolsReadExports(t *testing.T) {
	t.Run("seed", func(t *testing.T) {
		checkTools(t, neo4jtest.MustOpenSeeded(t), "iran")
	})
	t.Run("generated", func(t *testing.T) {
		s := neo4jtest.MustOpenEmpty(t)
		dir := t.TempDir()
		ctx := context.Background()
		if err := synth.Write(ctx, dir, generatedCorpus, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := loaders.Load(ctx, s, dir); err != nil {
			t.Fatalf("load the generated corpus: %v", err)
		}
		checkTools(t, s, synth.ActorID(0))
	})
}

// variant is one export request the tools are tried on.
type variant struct {
	name string
	d    export.Data
}

func checkTools(t *testing.T, s *neo4jstore.Store, anchor string) {
	whole := collect(t, s, export.Request{})
	nodes := collect(t, s, export.Request{Claims: export.ClaimsAsNodes})
	hood := collect(t, s, export.Request{Neighbourhood: anchor, Depth: 1})
	// A laid-out view's positions, as the network view would send them.
	pos := map[string]export.Position{}
	for i, a := range hood.Graph.Nodes {
		pos[a.ID] = export.Position{X: float64(i*37%500) - 250.5, Y: float64(i*53%400) + 0.25}
	}
	laidOut := collect(t, s, export.Request{Neighbourhood: anchor, Depth: 1, Positions: pos})
	variants := []variant{{"whole", whole}, {"claims-as-nodes", nodes}, {"laid-out", laidOut}}
	if len(whole.Graph.Edges) < 50 || len(nodes.Claims) == 0 || len(laidOut.Graph.Nodes) < 3 {
		t.Fatalf("too little to test: %d relationships, %d claims, %d actors around %s",
			len(whole.Graph.Edges), len(nodes.Claims), len(laidOut.Graph.Nodes), anchor)
	}

	types := map[graph.RelationType]bool{}
	for _, r := range whole.Graph.Edges {
		types[r.Type] = true
	}
	t.Logf("%d actors, %d relationships of %d types, %d claims; around %s: %d actors, %d relationships",
		len(whole.Graph.Nodes), len(whole.Graph.Edges), len(types), len(whole.Claims), anchor, len(laidOut.Graph.Nodes), len(laidOut.Graph.Edges))

	dir := t.TempDir()
	files := map[string]map[export.Format]string{}
	for _, v := range variants {
		files[v.name] = map[export.Format]string{}
		for f, ext := range map[export.Format]string{export.GEXF: "gexf", export.GraphML: "graphml", export.Cytoscape: "cyjs"} {
			p := filepath.Join(dir, v.name+"."+ext)
			if err := os.WriteFile(p, render(t, f, v.d), 0o644); err != nil {
				t.Fatal(err)
			}
			files[v.name][f] = p
		}
	}
	var xml, all, cy []string
	for _, v := range variants {
		xml = append(xml, files[v.name][export.GEXF], files[v.name][export.GraphML])
		all = append(all, files[v.name][export.GEXF], files[v.name][export.GraphML], files[v.name][export.Cytoscape])
		cy = append(cy, files[v.name][export.Cytoscape])
	}
	gephi := runGephi(t, xml...)
	nx := runNetworkx(t, all...)
	cyjs := runCytoscapeJS(t, s, dir, anchor, cy...)

	kinds, _, sizeMap, _ := export.ViewStyles(t)
	for _, v := range variants {
		w := expectOf(v.d)
		t.Run(v.name, func(t *testing.T) {
			for _, f := range []export.Format{export.GEXF, export.GraphML} {
				t.Run("gephi/"+string(f), func(t *testing.T) {
					checkGephi(t, gephi[files[v.name][f]], w, f == export.GEXF, kinds, sizeMap)
				})
			}
			for _, f := range []export.Format{export.GEXF, export.GraphML, export.Cytoscape} {
				t.Run("networkx/"+string(f), func(t *testing.T) {
					checkNetworkx(t, nx[files[v.name][f]], w, f == export.Cytoscape)
				})
			}
			t.Run("cytoscape.js", func(t *testing.T) {
				checkCytoscapeJS(t, cyjs[files[v.name][export.Cytoscape]], w)
			})
		})
	}
}

// expectation is what every tool must find in an export, worked out from
// the export's data, not from its files.
type expectation struct {
	nodes, edges int
	types        map[string]int      // edges per relation (or link) type
	quotes       map[string][]string // relationship id → its claims' quotes, in claimIds order
	aliases      map[string][]string // actor id → aliases
	kinds        map[string]string   // actor id → kind
	degrees      map[string]int      // actor id → relationships in the export
	positions    map[string]export.Position
}

func expectOf(d export.Data) expectation {
	w := expectation{
		nodes: len(d.Graph.Nodes), edges: len(d.Graph.Edges), types: map[string]int{},
		quotes: map[string][]string{}, aliases: map[string][]string{}, kinds: map[string]string{},
		degrees: map[string]int{}, positions: d.Positions,
	}
	claims := map[string]graph.Claim{}
	for _, c := range d.Claims {
		claims[c.ID] = c
	}
	for _, a := range d.Graph.Nodes {
		w.aliases[a.ID] = append([]string{}, a.Aliases...)
		w.kinds[a.ID] = string(a.Kind)
	}
	for _, r := range d.Graph.Edges {
		w.types[string(r.Type)]++
		for _, id := range r.ClaimIDs {
			w.quotes[r.ID] = append(w.quotes[r.ID], claims[id].Quote)
		}
		if r.FromID != r.ToID {
			w.degrees[r.FromID]++
			w.degrees[r.ToID]++
		}
	}
	if d.ClaimsMode == export.ClaimsAsNodes {
		w.nodes += len(d.Claims) + len(d.Articles)
		for _, a := range d.Sources {
			if _, in := w.kinds[a.ID]; !in {
				w.nodes++
				w.kinds[a.ID] = string(a.Kind)
				w.aliases[a.ID] = append([]string{}, a.Aliases...)
			}
		}
		for _, c := range d.Claims {
			links := []string{"SUBJECT", "OBJECT", "STATED_IN"}
			if c.AttributedToID != "" {
				links = append(links, "ATTRIBUTED_TO")
			}
			for _, l := range links {
				w.types[l]++
				w.edges++
			}
		}
	}
	return w
}

// ---------------------------------------------------------------- Gephi --

type gephiResult struct {
	File        string
	NodeCount   int
	EdgeCount   int
	EdgeTypes   map[string]int
	Issues      []string
	NodeColumns map[string]string
	EdgeColumns map[string]string
	Nodes       []struct {
		ID, Label, Color string
		Size, X, Y       float64
		Attributes       map[string]any
	}
	Edges []struct {
		ID, Source, Target, Type, Label, Color string
		Attributes                             map[string]any
	}
}

var (
	gephiOnce  sync.Once
	gephiCmd   []string // java and its arguments, before the files
	gephiBuild string   // where Maven built it
	gephiErr   error
)

// TestMain removes what the tools' readers were built and installed into.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range []string{gephiBuild, venvDir, cytoscapeDir} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// runGephi imports the files with the Gephi toolkit and returns what Gephi
// kept, by file name.
func runGephi(t *testing.T, files ...string) map[string]gephiResult {
	t.Helper()
	gephiOnce.Do(func() { gephiCmd, gephiErr = buildGephiCheck() })
	if gephiErr != nil {
		t.Fatalf("build tools/gephi-check: %v", gephiErr)
	}
	return readerOutput(t, "gephi-check", append(append([]string{}, gephiCmd...), files...), files, func(r gephiResult) string { return r.File })
}

// buildGephiCheck builds tools/gephi-check with Maven into a temporary
// folder and returns the command that runs it.
func buildGephiCheck() ([]string, error) {
	build, err := os.MkdirTemp("", "actorgraph-gephi-check-")
	if err != nil {
		return nil, err
	}
	gephiBuild = build
	cpFile := filepath.Join(build, "classpath.txt")
	mvn := exec.Command("mvn", "-q", "-B", "-DbuildDir="+build, "compile", "dependency:build-classpath", "-Dmdep.outputFile="+cpFile)
	mvn.Dir = filepath.Join(repoRoot(), "tools", "gephi-check")
	if out, err := mvn.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("mvn: %v\n%s", err, out)
	}
	cp, err := os.ReadFile(cpFile)
	if err != nil {
		return nil, err
	}
	java := "java"
	if home := os.Getenv("JAVA_HOME"); home != "" {
		java = filepath.Join(home, "bin", "java")
	}
	return []string{java, "-Xmx1g", "-Djava.awt.headless=true", "-cp", filepath.Join(build, "classes") + string(os.PathListSeparator) + strings.TrimSpace(string(cp)),
		"actorgraph.gephicheck.GephiCheck"}, nil
}

func checkGephi(t *testing.T, g gephiResult, w expectation, gexf bool, kinds map[string]export.ViewStyle, sizeMap []float64) {
	if len(g.Issues) > 0 {
		t.Errorf("Gephi's import report: %q", g.Issues)
	}
	if g.NodeCount != w.nodes || g.EdgeCount != w.edges || !reflect.DeepEqual(g.EdgeTypes, w.types) {
		t.Fatalf("Gephi kept %d nodes, %d edges, edge types %v; the export has %d, %d, %v",
			g.NodeCount, g.EdgeCount, g.EdgeTypes, w.nodes, w.edges, w.types)
	}
	// Lists are list columns in GEXF; GraphML has no lists, so they are
	// JSON text there.
	listType := "String"
	if gexf {
		listType = "String[]"
	}
	for col, typ := range map[string]string{"aliases": listType, "kind": "String"} {
		if g.NodeColumns[col] != typ {
			t.Errorf("node column %s is %s in Gephi, want %s", col, g.NodeColumns[col], typ)
		}
	}
	for col, typ := range map[string]string{"claimQuotes": listType, "claimCertainties": listType, "claimConditions": listType, "claimAttributedToNames": listType,
		"claimArticleTitles": listType, "evidence": "String", "claimCount": "Integer", "corroboration": "Integer"} {
		if g.EdgeColumns[col] != typ {
			t.Errorf("edge column %s is %s in Gephi, want %s", col, g.EdgeColumns[col], typ)
		}
	}
	seen := 0
	for _, e := range g.Edges {
		id, _ := e.Attributes["relationshipId"].(string)
		if id == "" {
			continue // a claim's link (claims as nodes)
		}
		seen++
		if got := stringList(t, e.Attributes["claimQuotes"], !gexf); !reflect.DeepEqual(got, w.quotes[id]) {
			t.Errorf("edge %s: Gephi has the quotes %q, want %q", id, got, w.quotes[id])
		}
		if typ := strings.Split(id, "|")[1]; e.Type != typ || e.Label != typ {
			t.Errorf("edge %s: Gephi type %q, label %q", id, e.Type, e.Label)
		}
		if ev, _ := e.Attributes["evidence"].(string); len(w.quotes[id]) > 0 && !strings.Contains(ev, w.quotes[id][0]) {
			t.Errorf("edge %s: evidence %q lacks its first quote", id, ev)
		}
	}
	if seen != len(w.quotes) {
		t.Errorf("Gephi shows %d relationships with a relationshipId, want %d", seen, len(w.quotes))
	}
	// Colours, sizes and positions: the network view's. Gephi scales the
	// sizes of a graph into its own range, so sizes must be one linear
	// function of the view's.
	var want, got, wantX, gotX, wantY, gotY []float64
	for _, n := range g.Nodes {
		kind, actor := w.kinds[n.ID]
		if !actor {
			continue
		}
		if n.Color != kinds[kind].Color {
			t.Errorf("node %s (%s) is %s in Gephi, the view draws it %s", n.ID, kind, n.Color, kinds[kind].Color)
		}
		deg := math.Min(float64(w.degrees[n.ID]), sizeMap[1])
		want = append(want, sizeMap[2]+(deg-sizeMap[0])/(sizeMap[1]-sizeMap[0])*(sizeMap[3]-sizeMap[2]))
		got = append(got, n.Size)
		if got := stringList(t, n.Attributes["aliases"], !gexf); len(w.aliases[n.ID]) > 0 && !reflect.DeepEqual(got, w.aliases[n.ID]) {
			t.Errorf("node %s: Gephi has aliases %q, want %q", n.ID, got, w.aliases[n.ID])
		}
		if p, ok := w.positions[n.ID]; ok {
			wantX, gotX = append(wantX, p.X), append(gotX, n.X)
			wantY, gotY = append(wantY, -p.Y), append(gotY, n.Y)
		}
	}
	if !affine(want, got) {
		t.Errorf("Gephi's node sizes %v are not a linear function of the view's %v", got, want)
	}
	// Gephi also scales and centres positions: the picture must be the
	// view's, scaled the same way across and down, with y pointing up.
	if len(w.positions) > 0 {
		if len(wantX) != len(w.positions) {
			t.Errorf("Gephi has %d of the %d positioned actors", len(wantX), len(w.positions))
		}
		ax, okX := fit(wantX, gotX)
		ay, okY := fit(wantY, gotY)
		if !okX || !okY || math.Abs(ax-ay) > 1e-3*ax {
			t.Errorf("Gephi's positions are not the view's scaled alike across (%g, %v) and down (%g, %v):\nGephi x %v y %v\nview  x %v y %v", ax, okX, ay, okY, gotX, gotY, wantX, wantY)
		}
	}
}

// affine reports whether got = a·want + b with a > 0 for all pairs.
func affine(want, got []float64) bool {
	_, ok := fit(want, got)
	return ok
}

// fit returns a where got = a·want + b (a > 0) for all pairs, and whether
// there is such an a (any a > 0 if all want are equal and so are all got).
func fit(want, got []float64) (float64, bool) {
	if len(want) == 0 || len(want) != len(got) {
		return 0, len(want) == len(got)
	}
	lo, hi := 0, 0
	for k := range want {
		if want[k] < want[lo] {
			lo = k
		}
		if want[k] > want[hi] {
			hi = k
		}
	}
	if want[lo] == want[hi] {
		for k := range got {
			if got[k] != got[0] {
				return 0, false
			}
		}
		return 1, true
	}
	a := (got[hi] - got[lo]) / (want[hi] - want[lo])
	b := got[lo] - a*want[lo]
	if a <= 0 {
		return a, false
	}
	for k := range want {
		if math.Abs(a*want[k]+b-got[k]) > 1e-3*math.Max(1, math.Abs(got[k])) {
			return a, false
		}
	}
	return a, true
}

// stringList reads a list attribute: a list, or (text) a JSON array in a string.
func stringList(t *testing.T, v any, text bool) []string {
	t.Helper()
	if text {
		s, ok := v.(string)
		if !ok {
			t.Errorf("want a JSON array as text, got %T %v", v, v)
			return nil
		}
		var out []string
		if err := json.Unmarshal([]byte(s), &out); err != nil {
			t.Errorf("%q is not a JSON array of strings: %v", s, err)
		}
		return out
	}
	l, ok := v.([]any)
	if !ok {
		t.Errorf("want a list, got %T %v", v, v)
		return nil
	}
	out := make([]string, len(l))
	for i, x := range l {
		out[i], _ = x.(string)
	}
	return out
}

// -------------------------------------------------------------- NetworkX --

type networkxResult struct {
	File       string
	Class      string
	NodeCount  int
	EdgeCount  int
	EdgeTypes  map[string]int
	Multigraph bool
	Nodes      []struct {
		ID         string
		Attributes map[string]any
	}
	Edges []struct {
		Key, Source, Target string
		Attributes          map[string]any
	}
}

var (
	venvOnce   sync.Once
	venvDir    string
	venvPython string
	venvErr    error
)

// runNetworkx reads the files with NetworkX and returns what it kept, by
// file name.
func runNetworkx(t *testing.T, files ...string) map[string]networkxResult {
	t.Helper()
	venvOnce.Do(func() { venvPython, venvErr = makeVenv() })
	if venvErr != nil {
		t.Fatalf("NetworkX's virtual environment: %v", venvErr)
	}
	argv := append([]string{venvPython, filepath.Join(repoRoot(), "tools", "networkx-check", "check.py")}, files...)
	return readerOutput(t, "networkx-check", argv, files, func(r networkxResult) string { return r.File })
}

// readerOutput runs a tool's reader (argv) over files and decodes the JSON
// object it prints per file, one a line, by file name.
func readerOutput[T any](t *testing.T, name string, argv, files []string, file func(T) string) map[string]T {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, stderr.Bytes())
	}
	res := map[string]T{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<30)
	for sc.Scan() {
		var r T
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s printed %.200q: %v", name, sc.Bytes(), err)
		}
		res[file(r)] = r
	}
	if len(res) != len(files) {
		t.Fatalf("%s described %d of %d files\n%s", name, len(res), len(files), stderr.Bytes())
	}
	return res
}

// makeVenv creates a virtual environment in a temporary folder and
// installs tools/networkx-check/requirements.txt into it.
func makeVenv() (string, error) {
	dir, err := os.MkdirTemp("", "actorgraph-networkx-")
	if err != nil {
		return "", err
	}
	venvDir = dir
	if out, err := exec.Command("python3", "-m", "venv", dir).CombinedOutput(); err != nil {
		return "", fmt.Errorf("python3 -m venv (Debian: apt-get install python3-venv): %v\n%s", err, out)
	}
	py := filepath.Join(dir, "bin", "python")
	req := filepath.Join(repoRoot(), "tools", "networkx-check", "requirements.txt")
	if out, err := exec.Command(py, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", req).CombinedOutput(); err != nil {
		return "", fmt.Errorf("pip install -r %s: %v\n%s", req, err, out)
	}
	return py, nil
}

func checkNetworkx(t *testing.T, g networkxResult, w expectation, cytoscape bool) {
	if g.Class != "MultiDiGraph" || g.NodeCount != w.nodes || g.EdgeCount != w.edges || !reflect.DeepEqual(g.EdgeTypes, w.types) {
		t.Fatalf("NetworkX read a %s of %d nodes, %d edges, types %v; the export has %d, %d, %v",
			g.Class, g.NodeCount, g.EdgeCount, g.EdgeTypes, w.nodes, w.edges, w.types)
	}
	// Only the Cytoscape JSON reads into real lists; the XML formats' lists
	// arrive as JSON text.
	seen := 0
	for _, e := range g.Edges {
		id, _ := e.Attributes["relationshipId"].(string)
		if id == "" {
			continue
		}
		seen++
		if got := stringList(t, e.Attributes["claimQuotes"], !cytoscape); !reflect.DeepEqual(got, w.quotes[id]) {
			t.Errorf("edge %s: NetworkX has the quotes %q, want %q", id, got, w.quotes[id])
		}
	}
	if seen != len(w.quotes) {
		t.Errorf("NetworkX shows %d relationships, want %d", seen, len(w.quotes))
	}
	for _, n := range g.Nodes {
		if want, ok := w.aliases[n.ID]; ok {
			if got := stringList(t, n.Attributes["aliases"], !cytoscape); !reflect.DeepEqual(got, want) && len(want)+len(got) > 0 {
				t.Errorf("node %s: NetworkX has aliases %q, want %q", n.ID, got, want)
			}
			if n.Attributes["kind"] != w.kinds[n.ID] {
				t.Errorf("node %s: kind %v, want %s", n.ID, n.Attributes["kind"], w.kinds[n.ID])
			}
		}
	}
}

// ---------------------------------------------------------- Cytoscape.js --

type cytoscapeResult struct {
	Nodes, Edges int
	Types        map[string]int
	Lists        bool // every claimQuotes and aliases is an array
	Quotes       map[string][]string
	Positions    map[string]export.Position
}

var (
	cytoscapeOnce sync.Once
	cytoscapeDir  string // tools/cytoscape-check with its node_modules
	cytoscapeErr  error
)

// installCytoscape copies tools/cytoscape-check into a temporary folder and
// installs its pinned Cytoscape.js there with npm ci.
func installCytoscape() (string, error) {
	dir, err := os.MkdirTemp("", "actorgraph-cytoscape-")
	if err != nil {
		return "", err
	}
	cytoscapeDir = dir
	for _, f := range []string{"package.json", "package-lock.json", "index.html"} {
		b, err := os.ReadFile(filepath.Join(repoRoot(), "tools", "cytoscape-check", f))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, f), b, 0o644)
		}
		if err != nil {
			return "", err
		}
	}
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm ci in tools/cytoscape-check (Debian: apt-get install npm): %v\n%s", err, out)
	}
	return dir, nil
}

// runCytoscapeJS loads each Cytoscape JSON file into Cytoscape.js
// (tools/cytoscape-check, pinned), headless, in Chromium. anchor is unused
// since the network view no longer embeds Cytoscape.js.
func runCytoscapeJS(t *testing.T, s *neo4jstore.Store, dir, anchor string, files ...string) map[string]cytoscapeResult {
	t.Helper()
	cytoscapeOnce.Do(func() { _, cytoscapeErr = installCytoscape() })
	if cytoscapeErr != nil {
		t.Fatalf("Cytoscape.js: %v", cytoscapeErr)
	}
	const chromium = "/usr/bin/chromium" // Debian's; scripts/test-deps installs it
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("%s not found: install Debian's chromium (scripts/test-deps does): %v", chromium, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/files/", http.StripPrefix("/files/", http.FileServer(http.Dir(dir))))
	mux.Handle("/cytoscape/", http.StripPrefix("/cytoscape/", http.FileServer(http.Dir(cytoscapeDir))))
	mux.Handle("/", server.New(server.Ports{Graph: s, Export: s, Health: s}, server.Options{}))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-dev-shm-usage", true))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/cytoscape/index.html")); err != nil {
		t.Fatalf("open the Cytoscape.js page: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`typeof window.cytoscape === 'function'`, chromedp.WithPollingTimeout(time.Minute))); err != nil {
		t.Fatalf("Cytoscape.js did not load: %v", err)
	}
	res := map[string]cytoscapeResult{}
	for _, f := range files {
		js := `fetch('/files/` + filepath.Base(f) + `').then(r => r.json()).then(j => {
			const c = cytoscape({headless: true, ...j});
			const out = {nodes: c.nodes().length, edges: c.edges().length, types: {}, lists: true, quotes: {}, positions: {}};
			c.edges().forEach(e => {
				out.types[e.data('type')] = (out.types[e.data('type')] || 0) + 1;
				const q = e.data('claimQuotes');
				if (e.data('relationshipId')) {
					out.lists = out.lists && Array.isArray(q);
					out.quotes[e.id()] = q;
				}
			});
			c.nodes().forEach(n => {
				if (n.data('aliases') !== undefined) out.lists = out.lists && Array.isArray(n.data('aliases'));
				if (j.elements.nodes.find(x => x.data.id === n.id() && x.position)) out.positions[n.id()] = n.position();
			});
			return out;
		})`
		r, err := chromedp.Run(ctx, chromedp.Evaluate[cytoscapeResult](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("load %s into Cytoscape.js: %v", filepath.Base(f), err)
		}
		res[f] = r
	}
	return res
}

func checkCytoscapeJS(t *testing.T, c cytoscapeResult, w expectation) {
	if c.Nodes != w.nodes || c.Edges != w.edges || !reflect.DeepEqual(c.Types, w.types) {
		t.Fatalf("Cytoscape.js holds %d nodes, %d edges, types %v; the export has %d, %d, %v", c.Nodes, c.Edges, c.Types, w.nodes, w.edges, w.types)
	}
	if !c.Lists {
		t.Error("a claimQuotes or aliases list is not an array in Cytoscape.js")
	}
	if !reflect.DeepEqual(c.Quotes, w.quotes) {
		ids := make([]string, 0, len(c.Quotes))
		for id := range c.Quotes {
			if !reflect.DeepEqual(c.Quotes[id], w.quotes[id]) {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		t.Errorf("Cytoscape.js has other quotes on %d of %d relationships (%.5q)", len(ids)+len(w.quotes)-len(c.Quotes), len(w.quotes), ids)
	}
	if len(w.positions) > 0 && !reflect.DeepEqual(c.Positions, w.positions) {
		t.Errorf("positions in Cytoscape.js %v, want %v", c.Positions, w.positions)
	}
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..")
}
