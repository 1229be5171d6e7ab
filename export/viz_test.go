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

// ViewStyle is how the network view draws one actor kind or certainty, as
// web/src/explore.js says.
type ViewStyle struct {
	Color, Shape, Line string
}

// ViewStyles reads the network view's KINDS and CERTAINTIES tables and its
// node size and edge width mappings from web/src/explore.js: the drawing
// the exports must reproduce. sizeMap and widthMap are the four numbers of
// mapData(degree, …) and mapData(corroboration, …). Tests in package
// export_test use it too.
func ViewStyles(t *testing.T) (kinds, certainties map[string]ViewStyle, sizeMap, widthMap []float64) {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	src, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "web", "src", "explore.js"))
	if err != nil {
		t.Fatalf("the network view's source: %v", err)
	}
	kinds, certainties = map[string]ViewStyle{}, map[string]ViewStyle{}
	for _, m := range regexp.MustCompile(`(?m)^\s*([A-Z_]+): \{ label: '[^']*', color: '(#[0-9a-f]{6})', shape: '([a-z-]+)' \}`).FindAllSubmatch(src, -1) {
		kinds[string(m[1])] = ViewStyle{Color: string(m[2]), Shape: string(m[3])}
	}
	for _, m := range regexp.MustCompile(`(?m)^\s*([A-Z_]+): \{ label: (?:'[^']*'|"[^"]*"), color: '(#[0-9a-f]{6})', style: '([a-z]+)', dash:`).FindAllSubmatch(src, -1) {
		certainties[string(m[1])] = ViewStyle{Color: string(m[2]), Line: string(m[3])}
	}
	mapping := func(field string) []float64 {
		m := regexp.MustCompile(`width: 'mapData\(` + field + `, ([0-9.]+), ([0-9.]+), ([0-9.]+), ([0-9.]+)\)'`).FindSubmatch(src)
		if m == nil {
			t.Fatalf("explore.js no longer sizes with mapData(%s, …)", field)
		}
		var out []float64
		for _, s := range m[1:] {
			f, _ := strconv.ParseFloat(string(s), 64)
			out = append(out, f)
		}
		return out
	}
	sizeMap, widthMap = mapping("degree"), mapping("corroboration")
	if len(kinds) != len(graph.ActorKinds) || len(certainties) != len(graph.Certainties) {
		t.Fatalf("read %d kinds and %d certainties from explore.js; want %d and %d (did its tables change shape?)",
			len(kinds), len(certainties), len(graph.ActorKinds), len(graph.Certainties))
	}
	return kinds, certainties, sizeMap, widthMap
}

// TestVizMatchesNetworkView fails when the exports' colours, shapes,
// widths, line styles or sizes drift from the network view's.
func TestVizMatchesNetworkView(t *testing.T) {
	kinds, certainties, sizeMap, widthMap := ViewStyles(t)
	for _, k := range graph.ActorKinds {
		got, want := kindStyles[k], kinds[string(k)]
		if got.color != want.Color || got.shape != want.Shape {
			t.Errorf("kind %s: export draws %+v, the view %+v", k, got, want)
		}
		if gexfShapes[got.shape] == "" {
			t.Errorf("kind %s: no GEXF shape for the view's %q", k, got.shape)
		}
	}
	for _, c := range graph.Certainties {
		got, want := certaintyStyles[c], certainties[string(c)]
		if got.color != want.Color || got.line != want.Line {
			t.Errorf("certainty %s: export draws %+v, the view %+v", c, got, want)
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
	lo, hi, thin, thick := widthMap[0], widthMap[1], widthMap[2], widthMap[3]
	for _, tc := range []struct {
		corroboration int
		want          float64
	}{{0, thin}, {int(lo), thin}, {int(hi), thick}, {int(hi) * 3, thick}, {int((lo + hi) / 2), (thin + thick) / 2}} {
		if got := edgeWidth(tc.corroboration); got != tc.want {
			t.Errorf("edgeWidth(%d) = %g, the view draws %g", tc.corroboration, got, tc.want)
		}
	}
}
