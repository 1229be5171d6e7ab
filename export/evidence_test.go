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

// TestClaimFieldsAreOnePlace adds claim fields of every type to the table,
// as the coming modality dimensions (certainty, own statement, conditional)
// and claim time will be added, and checks that every format carries them
// with no other change: as lists on edges, values on claim nodes and
// columns of the claims table.
func TestClaimFieldsAreOnePlace(t *testing.T) {
	saved := claimFields
	t.Cleanup(func() { claimFields = saved })
	claimFields = append(append([]claimField{}, saved...),
		claimField{"certainty", "claimCertainties", tFloat, func(c graph.Claim, _ *evidence) any { return float64(c.Start%7) / 8 }},
		claimField{"conditional", "claimConditionals", tBool, func(c graph.Claim, _ *evidence) any { return c.Modality == graph.ConditionalThreat }},
		claimField{"claimedAt", "claimTimes", tString, func(c graph.Claim, _ *evidence) any { return "2026-01-0" + string(rune('1'+c.Start%9)) }},
	)
	claims := []graph.Claim{
		{ID: "a/1", ArticleID: "a", Relation: graph.RelationType("WARNS"), SubjectID: "x", ObjectID: "y", Modality: graph.ConditionalThreat, Quote: "x warns y", Start: 3, End: 12},
		{ID: "a/2", ArticleID: "a", Relation: graph.RelationType("WARNS"), SubjectID: "x", ObjectID: "y", Modality: graph.Asserted, Quote: `x "warns" y`, Start: 20, End: 31, AttributedToID: "x"},
	}
	d := Data{
		Graph: graph.Subgraph{
			Nodes: []graph.Actor{{ID: "x", Name: "X", Kind: graph.KindState}, {ID: "y", Name: "Y", Kind: graph.KindGroup}},
			Edges: []graph.Relationship{{ID: "x|WARNS|y", Type: "WARNS", FromID: "x", ToID: "y", Modality: graph.Asserted,
				Modalities: []graph.Modality{graph.Asserted, graph.ConditionalThreat}, ClaimIDs: []string{"a/1", "a/2"}, ArticleIDs: []string{"a"}}},
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
			for _, want := range []string{`claimCertainties`, `[0.375, 0.75]`, `claimConditionals`, `[true, false]`, `["2026-01-04", "2026-01-03"]`} {
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
			if c, _ := e["claimCertainties"].([]any); len(c) != 2 || c[0] != 0.375 {
				t.Errorf("claimCertainties = %v", e["claimCertainties"])
			}
			found := false
			for _, n := range doc.Elements.Nodes {
				found = found || (n.Data["id"] == "claim:a/1" && n.Data["conditional"] == true && n.Data["claimedAt"] == "2026-01-04")
			}
			if !found {
				t.Errorf("no claim node carries the new fields: %v", doc.Elements.Nodes)
			}
		case ClaimsTable:
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			h := strings.Join(rows[0], ",")
			if !strings.HasSuffix(h, ",certainty,conditional,claimedAt") || strings.Join(rows[1][len(rows[1])-3:], ",") != "0.375,true,2026-01-04" {
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
