package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestClaimFieldsAreOnePlace checks that the claim's dimensions in the
// table (certainty, own statement, conditional and its condition, time)
// reach every format, and that a field of a type the table does not use
// yet (a float) does too, with no change but a row: as lists on edges,
// values on claim nodes and columns of the claims table.
func TestClaimFieldsAreOnePlace(t *testing.T) {
	saved := claimFields
	t.Cleanup(func() { claimFields = saved })
	claimFields = append(append([]claimField{}, saved...),
		claimField{"weight", "claimWeights", tFloat, func(c graph.Claim, _ *evidence) any { return float64(c.Start%7) / 8 }},
	)
	claims := []graph.Claim{
		{ID: "a/1", ArticleID: "a", Relation: graph.RelWarns, SubjectID: "x", ObjectID: "y", Certainty: graph.Hypothetical,
			Conditional: true, Condition: "should y move", Time: graph.ClaimTime{Status: graph.Expected, Cue: "next year", From: "2027"},
			Quote: "x warns y", Start: 3, End: 12},
		{ID: "a/2", ArticleID: "a", Relation: graph.RelWarns, SubjectID: "x", ObjectID: "y", Certainty: graph.Reported, OwnStatement: true,
			Quote: `x "warns" y`, Start: 20, End: 31, AttributedToID: "x"},
	}
	d := Data{
		Graph: graph.Subgraph{
			Nodes: []graph.Actor{{ID: "x", Name: "X", Kind: graph.KindState}, {ID: "y", Name: "Y", Kind: graph.KindGroup}},
			Edges: []graph.Relationship{{ID: "x|WARNS|y", Type: "WARNS", FromID: "x", ToID: "y", Certainty: graph.Reported,
				CertaintyCounts: []graph.CertaintyCount{{Certainty: graph.Reported, Count: 1}, {Certainty: graph.Hypothetical, Count: 1}},
				OwnStatements:   1, Conditionals: 1, SourceIDs: []string{"actor:x", "article:a"}, SentenceCount: 2,
				ClaimIDs: []string{"a/1", "a/2"}, ArticleIDs: []string{"a"}}},
		},
		Claims:     claims,
		Articles:   []graph.Article{{ID: "a", Title: "A"}},
		ClaimsMode: ClaimsAsNodes,
	}
	for _, f := range []Format{GEXF, GraphML, Cytoscape, ClaimsTable} {
		b, err := Render(f, d)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out := string(b)
		switch f {
		case GEXF, GraphML:
			if err := xml.Unmarshal(b, new(struct{})); err != nil {
				t.Fatalf("%s is not XML: %v", f, err)
			}
			values := xmlValues(t, b)
			for _, want := range []string{`claimCertainties`, `["HYPOTHETICAL", "REPORTED"]`, `claimConditionals`, `[true, false]`,
				`claimOwnStatements`, `[false, true]`, `["should y move", ""]`, `["EXPECTED", "ONGOING"]`, `claimWeights`, `[0.375, 0.75]`} {
				if !values[want] {
					t.Errorf("%s: no attribute or text reads %s", f, want)
				}
			}
			typ := map[Format]string{GEXF: `id="conditional" title="conditional" type="boolean"`, GraphML: `attr.name="conditional" attr.type="boolean"`}[f]
			if !strings.Contains(out, typ) {
				t.Errorf("%s does not declare the claim nodes' conditional as a boolean (%s)", f, typ)
			}
		case Cytoscape:
			var doc struct {
				Elements struct {
					Nodes []struct{ Data map[string]any } `json:"nodes"`
					Edges []struct{ Data map[string]any } `json:"edges"`
				} `json:"elements"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			e := doc.Elements.Edges[0].Data
			if c, _ := e["claimConditionals"].([]any); len(c) != 2 || c[0] != true || c[1] != false {
				t.Errorf("claimConditionals = %v", e["claimConditionals"])
			}
			if c, _ := e["claimCertainties"].([]any); len(c) != 2 || c[0] != "HYPOTHETICAL" {
				t.Errorf("claimCertainties = %v", e["claimCertainties"])
			}
			if c, _ := e["claimWeights"].([]any); len(c) != 2 || c[0] != 0.375 {
				t.Errorf("claimWeights = %v", e["claimWeights"])
			}
			if e["corroboration"] != 2.0 || e["ownStatements"] != 1.0 || e["hypothetical"] != 1.0 {
				t.Errorf("edge summary: %v", e)
			}
			found := false
			for _, n := range doc.Elements.Nodes {
				found = found || (n.Data["id"] == "claim:a/1" && n.Data["conditional"] == true && n.Data["condition"] == "should y move" &&
					n.Data["timeStatus"] == "EXPECTED" && n.Data["weight"] == 0.375)
			}
			if !found {
				t.Errorf("no claim node carries the new fields: %v", doc.Elements.Nodes)
			}
		case ClaimsTable:
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			r := rows[1]
			if r[col["certainty"]] != "HYPOTHETICAL" || r[col["conditional"]] != "true" || r[col["condition"]] != "should y move" ||
				r[col["timeStatus"]] != "EXPECTED" || r[col["timeFrom"]] != "2027" || r[col["weight"]] != "0.375" {
				t.Errorf("claims table: %q", rows)
			}
		}
	}
}

// xmlValues returns every attribute value and element text in b, as an XML
// parser reads them.
func xmlValues(t *testing.T, b []byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		switch x := tok.(type) {
		case xml.StartElement:
			for _, a := range x.Attr {
				out[a.Value] = true
			}
		case xml.CharData:
			out[string(x)] = true
		}
	}
}
