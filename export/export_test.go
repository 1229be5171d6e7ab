package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
)

// Known facts of the seed that every format must carry.
const (
	khIran      = "kataib-hezbollah|ALIGNED_WITH|iran"
	khIranCount = 2
)

func collect(t *testing.T, src export.Source, req export.Request) export.Data {
	t.Helper()
	d, err := export.Collect(context.Background(), src, req)
	if err != nil {
		t.Fatalf("collect %+v: %v", req, err)
	}
	return d
}

func render(t *testing.T, f export.Format, d export.Data) []byte {
	t.Helper()
	b, err := export.Render(f, d)
	if err != nil {
		t.Fatalf("render %s: %v", f, err)
	}
	return b
}

// graphmlDoc is the part of GraphML the test reads back.
type graphmlDoc struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Nodes []struct {
		ID   string    `xml:"id,attr"`
		Data []xmlData `xml:"data"`
	} `xml:"graph>node"`
	Edges []struct {
		Source string    `xml:"source,attr"`
		Target string    `xml:"target,attr"`
		Data   []xmlData `xml:"data"`
	} `xml:"graph>edge"`
}

type xmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func dataMap(ds []xmlData) map[string]string {
	m := map[string]string{}
	for _, d := range ds {
		m[d.Key] = d.Value
	}
	return m
}

type gexfDoc struct {
	Version string `xml:"version,attr"`
	Attrs   []struct {
		Class string `xml:"class,attr"`
		Attr  []struct {
			ID    string `xml:"id,attr"`
			Title string `xml:"title,attr"`
			Type  string `xml:"type,attr"`
		} `xml:"attribute"`
	} `xml:"graph>attributes"`
	Nodes []struct {
		ID     string    `xml:"id,attr"`
		Label  string    `xml:"label,attr"`
		Values []gexfVal `xml:"attvalues>attvalue"`
	} `xml:"graph>nodes>node"`
	Edges []struct {
		ID     string    `xml:"id,attr"`
		Source string    `xml:"source,attr"`
		Target string    `xml:"target,attr"`
		Label  string    `xml:"label,attr"`
		Weight string    `xml:"weight,attr"`
		Values []gexfVal `xml:"attvalues>attvalue"`
	} `xml:"graph>edges>edge"`
}

type gexfVal struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

func gexfMap(vs []gexfVal) map[string]string {
	m := map[string]string{}
	for _, v := range vs {
		m[v.For] = v.Value
	}
	return m
}

func TestXMLFormatsValidateAndCarryAttributes(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	st := neo4jtest.MustStats(t, s)
	whole := collect(t, s, export.Request{})
	if len(whole.Graph.Nodes) != st.Actors || len(whole.Graph.Edges) != st.Relationships || len(whole.Claims) != st.Claims || len(whole.Articles) != st.Articles {
		t.Fatalf("whole graph: %d actors, %d relationships, %d claims, %d articles; store has %+v",
			len(whole.Graph.Nodes), len(whole.Graph.Edges), len(whole.Claims), len(whole.Articles), st)
	}
	hood := collect(t, s, export.Request{Neighbourhood: "iran", Depth: 1})
	want, err := s.Neighbourhood(context.Background(), "iran", graph.Traversal{Depth: 1, Direction: graph.Both, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(hood.Graph.Nodes) != len(want.Nodes) || len(hood.Graph.Edges) != len(want.Edges) || len(hood.Graph.Nodes) >= st.Actors {
		t.Fatalf("iran's neighbourhood: %d nodes %d edges, want %d and %d (fewer than the whole %d)",
			len(hood.Graph.Nodes), len(hood.Graph.Edges), len(want.Nodes), len(want.Edges), st.Actors)
	}

	for _, tc := range []struct {
		name string
		d    export.Data
	}{{"whole", whole}, {"neighbourhood", hood}} {
		t.Run("graphml/"+tc.name, func(t *testing.T) {
			b := render(t, export.GraphML, tc.d)
			validate(t, "graphml.xsd", b)
			var doc graphmlDoc
			if err := xml.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Nodes) != len(tc.d.Graph.Nodes) || len(doc.Edges) != len(tc.d.Graph.Edges) {
				t.Fatalf("%d nodes, %d edges; want %d, %d", len(doc.Nodes), len(doc.Edges), len(tc.d.Graph.Nodes), len(tc.d.Graph.Edges))
			}
			types := map[string]string{}
			for _, k := range doc.Keys {
				types[k.ID] = k.For + "/" + k.Name + "/" + k.Type
			}
			for id, want := range map[string]string{"n_kind": "node/kind/string", "e_type": "edge/type/string", "e_certainty": "edge/certainty/string", "e_corroboration": "edge/corroboration/int", "e_claimCount": "edge/claimCount/int"} {
				if types[id] != want {
					t.Errorf("key %s = %q, want %q", id, types[id], want)
				}
			}
			kinds := map[string]string{}
			for _, n := range doc.Nodes {
				kinds[n.ID] = dataMap(n.Data)["n_kind"]
			}
			if kinds["iran"] != "STATE" || kinds["kataib-hezbollah"] != "MILITIA" {
				t.Errorf("kinds: iran %q, kataib-hezbollah %q", kinds["iran"], kinds["kataib-hezbollah"])
			}
			found := false
			for _, e := range doc.Edges {
				m := dataMap(e.Data)
				if m["e_relationshipId"] == khIran {
					found = true
					if e.Source != "kataib-hezbollah" || e.Target != "iran" || m["e_type"] != "ALIGNED_WITH" || m["e_certainty"] != "ASSERTED" || m["e_claimCount"] != strconv.Itoa(khIranCount) {
						t.Errorf("edge %s: %s -> %s %v", khIran, e.Source, e.Target, m)
					}
				}
			}
			if !found {
				t.Errorf("edge %s missing", khIran)
			}
		})
		t.Run("gexf/"+tc.name, func(t *testing.T) {
			b := render(t, export.GEXF, tc.d)
			validate(t, "gexf.xsd", b)
			var doc gexfDoc
			if err := xml.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Version != "1.2" || len(doc.Nodes) != len(tc.d.Graph.Nodes) || len(doc.Edges) != len(tc.d.Graph.Edges) {
				t.Fatalf("version %q, %d nodes, %d edges; want 1.2, %d, %d", doc.Version, len(doc.Nodes), len(doc.Edges), len(tc.d.Graph.Nodes), len(tc.d.Graph.Edges))
			}
			if len(doc.Attrs) != 2 {
				t.Fatalf("attribute declarations: %+v", doc.Attrs)
			}
			for _, n := range doc.Nodes {
				if n.ID == "iran" && (n.Label != "Iran" || gexfMap(n.Values)["kind"] != "STATE") {
					t.Errorf("iran: %+v", n)
				}
			}
			found := false
			for _, e := range doc.Edges {
				if e.ID == khIran {
					found = true
					m := gexfMap(e.Values)
					// The weight is the corroboration: distinct sources.
					if e.Label != "ALIGNED_WITH" || m["type"] != "ALIGNED_WITH" || m["certainty"] != "ASSERTED" || m["claimCount"] != strconv.Itoa(khIranCount) ||
						e.Weight != m["corroboration"] || m["corroboration"] != m["sourceCount"] || m["corroboration"] == "" {
						t.Errorf("edge %s: %+v", khIran, e)
					}
				}
			}
			if !found {
				t.Errorf("edge %s missing", khIran)
			}
		})
	}
}

func TestCytoscapeJSON(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	d := collect(t, s, export.Request{})
	var doc struct {
		Elements struct {
			Nodes []struct{ Data map[string]any } `json:"nodes"`
			Edges []struct{ Data map[string]any } `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(render(t, export.Cytoscape, d), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Elements.Nodes) != len(d.Graph.Nodes) || len(doc.Elements.Edges) != len(d.Graph.Edges) {
		t.Fatalf("%d nodes %d edges", len(doc.Elements.Nodes), len(doc.Elements.Edges))
	}
	ids := map[string]bool{}
	for _, n := range doc.Elements.Nodes {
		ids[n.Data["id"].(string)] = true
	}
	for _, e := range doc.Elements.Edges {
		// Cytoscape.js refuses an edge whose ends are not nodes.
		if !ids[e.Data["source"].(string)] || !ids[e.Data["target"].(string)] {
			t.Fatalf("edge %v has a dangling end", e.Data)
		}
		if e.Data["id"] == khIran && (e.Data["certainty"] != "ASSERTED" || e.Data["claimCount"] != float64(khIranCount) || e.Data["type"] != "ALIGNED_WITH") {
			t.Errorf("edge %v", e.Data)
		}
	}
}

// TestCSVImportsWithNeo4jAdmin loads the CSV export with the real
// `neo4j-admin database import full` from the local server's jars and checks
// that it imports every node and relationship of the graph.
func TestCSVImportsWithNeo4jAdmin(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	d := collect(t, s, export.Request{})
	dir := filepath.Join(t.TempDir(), "csv")
	if err := export.WriteCSVDir(dir, d); err != nil {
		t.Fatal(err)
	}
	files, err := os.ReadDir(dir)
	if err != nil || len(files) != len(export.CSVFileNames) {
		t.Fatalf("wrote %v, %v", files, err)
	}
	rows := 0
	for _, name := range []string{"relationships.csv", "claim_actors.csv", "claim_articles.csv"} {
		f, _ := os.Open(filepath.Join(dir, name))
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows += len(recs) - 1
	}
	wantNodes := len(d.Graph.Nodes) + len(d.Claims) + len(d.Articles)

	_, file, _, _ := runtime.Caller(0)
	cp, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", ".neo4j", "classpath.txt"))
	if err != nil {
		t.Fatalf("the local Neo4j's classpath (written by `scripts/neo4j up`): %v", err)
	}
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "conf"), 0o755)
	os.WriteFile(filepath.Join(home, "conf", "neo4j.conf"), nil, 0o644)
	args := append([]string{"-Xmx512m", "-cp", strings.TrimSpace(string(cp)), "org.neo4j.cli.AdminTool", "database", "import", "full"}, export.ImportArgs...)
	args = append(args, "--max-off-heap-memory=256m", "--threads=2")
	java := "java"
	if home := os.Getenv("JAVA_HOME"); home != "" {
		java = filepath.Join(home, "bin", "java") // as scripts/neo4j does
	}
	cmd := exec.Command(java, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+home, "NEO4J_CONF="+filepath.Join(home, "conf"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("neo4j-admin import: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(\d+) nodes\s+(\d+) relationships`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no import summary in:\n%s", out)
	}
	if string(m[1]) != strconv.Itoa(wantNodes) || string(m[2]) != strconv.Itoa(rows) {
		t.Fatalf("imported %s nodes, %s relationships; want %d, %d\n%s", m[1], m[2], wantNodes, rows, out)
	}
	if !strings.Contains(string(out), "IMPORT DONE") {
		t.Fatalf("%s", out)
	}

	// The streamed form is a zip of the same files.
	z, err := zip.NewReader(bytes.NewReader(render(t, export.CSV, d)), int64(len(render(t, export.CSV, d))))
	if err != nil || len(z.File) != len(export.CSVFileNames) {
		t.Fatalf("zip: %v, %v", z, err)
	}
}

func TestCollectErrors(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	for _, tc := range []struct {
		req  export.Request
		code string
	}{
		{export.Request{Neighbourhood: "nobody"}, graph.ENOTFOUND},
		{export.Request{Neighbourhood: "iran", Depth: 7}, graph.EINVALID},
		{export.Request{Neighbourhood: "iran", Depth: -1}, graph.EINVALID},
		{export.Request{Depth: 2}, graph.EINVALID},
	} {
		_, err := export.Collect(context.Background(), s, tc.req)
		if graph.ErrorCode(err) != tc.code {
			t.Errorf("%+v: %v, want code %s", tc.req, err, tc.code)
		}
	}
	if _, err := export.ParseFormat("pdf"); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("format pdf: %v", err)
	}
}

func TestCSVRefusesDelimiterInArrays(t *testing.T) {
	d := export.Data{Graph: graph.Subgraph{Nodes: []graph.Actor{{ID: "x", Name: "X", Kind: graph.KindGroup, Aliases: []string{"a;b"}}}}}
	if _, err := export.CSVFiles(d); err == nil || !strings.Contains(err.Error(), `"a;b"`) {
		t.Fatalf("err = %v", err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := export.WriteCSVDir(dir, d); err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("a failed export left %s behind", dir)
	}
}

func TestXMLEscaping(t *testing.T) {
	d := export.Data{Graph: graph.Subgraph{Nodes: []graph.Actor{{ID: "x", Name: `"A" & <B>` + "\x01", Kind: graph.KindGroup, Description: "line\nbreak"}}}}
	for f, xsd := range map[export.Format]string{export.GraphML: "graphml.xsd", export.GEXF: "gexf.xsd"} {
		b := render(t, f, d)
		validate(t, xsd, b)
		if !bytes.Contains(b, []byte("&quot;A&quot; &amp; &lt;B&gt;")) {
			t.Errorf("%s: %s", f, b)
		}
	}
}
