package export

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// ViewStyle is how the network view draws one actor kind or modality, as
// web/src/explore.js says.
type ViewStyle struct {
	Color, Shape, Line string
	Width              float64
}

// ViewStyles reads the network view's KINDS and MODALITIES tables and its
// node size mapping from web/src/explore.js: the drawing the exports must
// reproduce. Tests in package export_test use it too.
func ViewStyles(t *testing.T) (kinds, modalities map[string]ViewStyle, sizeMap []float64) {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	src, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "web", "src", "explore.js"))
	if err != nil {
		t.Fatalf("the network view's source: %v", err)
	}
	kinds, modalities = map[string]ViewStyle{}, map[string]ViewStyle{}
	for _, m := range regexp.MustCompile(`(?m)^\s*([A-Z_]+): \{ label: '[^']*', color: '(#[0-9a-f]{6})', shape: '([a-z-]+)' \}`).FindAllSubmatch(src, -1) {
		kinds[string(m[1])] = ViewStyle{Color: string(m[2]), Shape: string(m[3])}
	}
	for _, m := range regexp.MustCompile(`(?m)^\s*([A-Z_]+): \{ label: (?:'[^']*'|"[^"]*"), color: '(#[0-9a-f]{6})', style: '([a-z]+)', width: ([0-9.]+)`).FindAllSubmatch(src, -1) {
		w, _ := strconv.ParseFloat(string(m[4]), 64)
		modalities[string(m[1])] = ViewStyle{Color: string(m[2]), Line: string(m[3]), Width: w}
	}
	m := regexp.MustCompile(`width: 'mapData\(degree, ([0-9.]+), ([0-9.]+), ([0-9.]+), ([0-9.]+)\)'`).FindSubmatch(src)
	if m == nil {
		t.Fatal("explore.js no longer sizes nodes with mapData(degree, …)")
	}
	for _, s := range m[1:] {
		f, _ := strconv.ParseFloat(string(s), 64)
		sizeMap = append(sizeMap, f)
	}
	if len(kinds) != len(graph.ActorKinds) || len(modalities) != len(graph.Modalities) {
		t.Fatalf("read %d kinds and %d modalities from explore.js; want %d and %d (did its tables change shape?)",
			len(kinds), len(modalities), len(graph.ActorKinds), len(graph.Modalities))
	}
	return kinds, modalities, sizeMap
}

// TestVizMatchesNetworkView fails when the exports' colours, shapes,
// widths, line styles or sizes drift from the network view's.
func TestVizMatchesNetworkView(t *testing.T) {
	kinds, modalities, sizeMap := ViewStyles(t)
	for _, k := range graph.ActorKinds {
		got, want := kindStyles[k], kinds[string(k)]
		if got.color != want.Color || got.shape != want.Shape {
			t.Errorf("kind %s: export draws %+v, the view %+v", k, got, want)
		}
		if gexfShapes[got.shape] == "" {
			t.Errorf("kind %s: no GEXF shape for the view's %q", k, got.shape)
		}
	}
	for _, m := range graph.Modalities {
		got, want := modalityStyles[m], modalities[string(m)]
		if got.color != want.Color || got.width != want.Width || got.line != want.Line {
			t.Errorf("modality %s: export draws %+v, the view %+v", m, got, want)
		}
	}
	lo, hi, small, big := sizeMap[0], sizeMap[1], sizeMap[2], sizeMap[3]
	for _, tc := range []struct {
		degree int
		want   float64
	}{{0, small}, {int(hi), big}, {int(hi) * 3, big}, {int((lo + hi) / 2), (small + big) / 2}} {
		if got := nodeSize(tc.degree); got != tc.want {
			t.Errorf("nodeSize(%d) = %g, the view draws %g", tc.degree, got, tc.want)
		}
	}
}
