package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
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
		Label  string    `xml:"label,attr"`
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
		Color  struct {
			R int `xml:"r,attr"`
			G int `xml:"g,attr"`
			B int `xml:"b,attr"`
		} `xml:"http://gexf.net/1.3/viz color"`
		Shape struct {
			Value string `xml:"value,attr"`
		} `xml:"http://gexf.net/1.3/viz shape"`
	} `xml:"graph>nodes>node"`
	Edges []struct {
		ID     string    `xml:"id,attr"`
		Source string    `xml:"source,attr"`
		Target string    `xml:"target,attr"`
		Kind   string    `xml:"kind,attr"`
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
			validate(t, "graphml-gephi.xsd", b)
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
			for id, want := range map[string]string{"n_kind": "node/kind/string", "e_type": "edge/type/string", "e_certainty": "edge/certainty/string",
				"e_corroboration": "edge/corroboration/int", "e_claimCount": "edge/claimCount/int", "e_claimQuotes": "edge/claimQuotes/string",
				"e_claimOwnStatements": "edge/claimOwnStatements/string", "n_r": "node/r/int", "n_size": "node/size/double"} {
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
					if e.Source != "kataib-hezbollah" || e.Target != "iran" || e.Label != "ALIGNED_WITH" || m["e_type"] != "ALIGNED_WITH" || m["e_certainty"] != "ASSERTED" || m["e_claimCount"] != strconv.Itoa(khIranCount) {
						t.Errorf("edge %s: %s -> %s (label %q) %v", khIran, e.Source, e.Target, e.Label, m)
					}
					var quotes []string
					if err := json.Unmarshal([]byte(m["e_claimQuotes"]), &quotes); err != nil || len(quotes) != khIranCount {
						t.Errorf("edge %s: claimQuotes %q (%v), want a JSON list of %d quotes", khIran, m["e_claimQuotes"], err, khIranCount)
					}
				}
			}
			if !found {
				t.Errorf("edge %s missing", khIran)
			}
		})
		t.Run("gexf/"+tc.name, func(t *testing.T) {
			b := render(t, export.GEXF, tc.d)
			var doc gexfDoc
			if err := xml.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Version != "1.3" || len(doc.Nodes) != len(tc.d.Graph.Nodes) || len(doc.Edges) != len(tc.d.Graph.Edges) {
				t.Fatalf("version %q, %d nodes, %d edges; want 1.3, %d, %d", doc.Version, len(doc.Nodes), len(doc.Edges), len(tc.d.Graph.Nodes), len(tc.d.Graph.Edges))
			}
			if len(doc.Attrs) != 2 {
				t.Fatalf("attribute declarations: %+v", doc.Attrs)
			}
			for _, n := range doc.Nodes {
				if n.ID == "iran" && (n.Label != "Iran" || gexfMap(n.Values)["kind"] != "STATE" || n.Color.R != 0x4e || n.Color.G != 0x79 || n.Color.B != 0xa7 || n.Shape.Value != "square") {
					t.Errorf("iran: %+v", n)
				}
			}
			found := false
			for _, e := range doc.Edges {
				if e.ID == khIran {
					found = true
					m := gexfMap(e.Values)
					// The weight is the corroboration: distinct sources.
					if e.Label != "ALIGNED_WITH" || e.Kind != "ALIGNED_WITH" || m["type"] != "ALIGNED_WITH" || m["certainty"] != "ASSERTED" || m["claimCount"] != strconv.Itoa(khIranCount) ||
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

	// Streamed, the zip is found bad before its first byte, though the
	// bad value is in a file after good ones.
	d = export.Data{Graph: graph.Subgraph{
		Nodes: []graph.Actor{{ID: "x", Name: "X", Kind: graph.KindGroup}, {ID: "y", Name: "Y", Kind: graph.KindGroup}},
		Edges: []graph.Relationship{{ID: "x|WARNS|y", Type: "WARNS", FromID: "x", ToID: "y", ClaimIDs: []string{"a/c;1"}}},
	}}
	var b bytes.Buffer
	if err := export.Write(&b, export.CSV, d); err == nil || !strings.Contains(err.Error(), `"a/c;1"`) || b.Len() != 0 {
		t.Fatalf("streamed csv of bad data: %v, %d bytes written", err, b.Len())
	}
}

func TestXMLEscaping(t *testing.T) {
	d := export.Data{Graph: graph.Subgraph{Nodes: []graph.Actor{{ID: "x", Name: `"A" & <B>` + "\x01", Kind: graph.KindGroup, Description: "line\nbreak"}}}}
	for _, f := range []export.Format{export.GraphML, export.GEXF} {
		b := render(t, f, d)
		if f == export.GraphML {
			validate(t, "graphml-gephi.xsd", b)
		}
		texts := xmlStrings(t, b)
		for _, want := range []string{`"A" & <B>` + "\uFFFD", "line\nbreak"} {
			if !slices.Contains(texts, want) {
				t.Errorf("%s: no attribute or text reads %q:\n%s", f, want, b)
			}
		}
	}
}

// xmlStrings returns every attribute value and every element's text in b,
// as an XML parser reads them.
func xmlStrings(t *testing.T, b []byte) []string {
	t.Helper()
	var out []string
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return out
			}
			t.Fatalf("parse: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			for _, a := range x.Attr {
				out = append(out, a.Value)
			}
		case xml.CharData:
			out = append(out, string(x))
		}
	}
}

// TestClaimsTable checks the claims table: a row per claim behind the
// exported relationships, joined to them by relationship id.
func TestClaimsTable(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	for _, req := range []export.Request{{}, {Neighbourhood: "donald-trump", Depth: 1}} {
		d := collect(t, s, req)
		rows, err := csv.NewReader(bytes.NewReader(render(t, export.ClaimsTable, d))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, r := range d.Graph.Edges {
			want += r.ClaimCount()
		}
		if len(rows)-1 != want || want == 0 {
			t.Fatalf("%+v: %d claim rows, want %d", req, len(rows)-1, want)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		claims := map[string]graph.Claim{}
		for _, c := range d.Claims {
			claims[c.ID] = c
		}
		for _, row := range rows[1:] {
			c, ok := claims[row[col["claimId"]]]
			if !ok || c.RelationshipID() != row[col["relationshipId"]] || c.Quote != row[col["quote"]] ||
				string(c.Certainty) != row[col["certainty"]] || strconv.FormatBool(c.OwnStatement) != row[col["ownStatement"]] ||
				strconv.FormatBool(c.Conditional) != row[col["conditional"]] || c.Condition != row[col["condition"]] ||
				string(c.Time.StatusOrOngoing()) != row[col["timeStatus"]] || c.AttributedToID != row[col["attributedTo"]] ||
				c.ArticleID != row[col["articleId"]] || strconv.Itoa(c.Start) != row[col["quoteStart"]] {
				t.Errorf("row %q does not match claim %+v", row, c)
			}
		}
	}
}

// Every format of the table is complete and renders.
func TestFormatTable(t *testing.T) {
	d := export.Data{Graph: graph.Subgraph{Nodes: []graph.Actor{{ID: "x", Name: "X", Kind: graph.KindGroup}}}}
	for _, r := range export.FormatTable {
		if r.Name == "" || r.Menu == "" || r.For == "" || r.TestedWith == "" || r.Holds == "" || r.ContentType == "" || r.Extension == "" {
			t.Errorf("format %s: a column is empty: %+v", r.Format, r)
		}
		if f, err := export.ParseFormat(strings.ToUpper(string(r.Format))); err != nil || f != r.Format {
			t.Errorf("ParseFormat(%s) = %q, %v", r.Format, f, err)
		}
		if r.Format.ContentType() != r.ContentType || r.Format.Extension() != r.Extension {
			t.Errorf("format %s: %s .%s", r.Format, r.Format.ContentType(), r.Format.Extension())
		}
		if r.Files != r.Format.Files() {
			t.Errorf("format %s: Files() = %v", r.Format, r.Format.Files())
		}
		if r.Files {
			// Written from the store (TestClaimsFilesLoadIntoTheSameGraph).
			if _, err := export.Render(r.Format, d); graph.ErrorCode(err) != graph.EINVALID {
				t.Errorf("format %s renders from collected data: %v", r.Format, err)
			}
			continue
		}
		if b, err := export.Render(r.Format, d); err != nil || len(b) == 0 {
			t.Errorf("format %s does not render: %v", r.Format, err)
		}
	}
	if _, err := export.Render("pdf", d); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("render pdf: %v", err)
	}
	names := make([]string, len(export.Formats))
	for i, f := range export.Formats {
		names[i] = string(f)
	}
	if got, want := export.FormatNames(", ", " or "), strings.Join(names[:len(names)-1], ", ")+" or "+names[len(names)-1]; got != want {
		t.Errorf("FormatNames = %q, want %q", got, want)
	}
}

// TestClaimsAsNodesInANeighbourhood checks that with claims as nodes every
// link ends at a node, including sources outside the neighbourhood.
func TestClaimsAsNodesInANeighbourhood(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	// Badr Organisation's neighbourhood has claims attributed to actors
	// outside it, who must join as nodes.
	d := collect(t, s, export.Request{Neighbourhood: "badr-organisation", Depth: 1, Claims: export.ClaimsAsNodes})
	var doc struct {
		Elements struct {
			Nodes []struct{ Data map[string]any } `json:"nodes"`
			Edges []struct{ Data map[string]any } `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(render(t, export.Cytoscape, d), &doc); err != nil {
		t.Fatal(err)
	}
	ids, kinds := map[string]bool{}, map[string]int{}
	for _, n := range doc.Elements.Nodes {
		ids[n.Data["id"].(string)] = true
		kinds[n.Data["kind"].(string)]++
	}
	if kinds["CLAIM"] != len(d.Claims) || kinds["ARTICLE"] != len(d.Articles) {
		t.Errorf("node kinds %v; want %d claims and %d articles", kinds, len(d.Claims), len(d.Articles))
	}
	outside := 0
	for _, a := range d.Sources {
		in := false
		for _, n := range d.Graph.Nodes {
			in = in || n.ID == a.ID
		}
		if !in {
			outside++
		}
	}
	if outside == 0 {
		t.Fatal("no claim in this neighbourhood is attributed to an actor outside it; pick another")
	}
	if want := len(d.Graph.Nodes) + outside + len(d.Claims) + len(d.Articles); len(ids) != want {
		t.Errorf("%d nodes, want %d", len(ids), want)
	}
	for _, e := range doc.Elements.Edges {
		if !ids[e.Data["source"].(string)] || !ids[e.Data["target"].(string)] {
			t.Errorf("edge %v has a dangling end", e.Data)
		}
	}
}
