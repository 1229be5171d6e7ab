package export

import (
	"encoding/json"
	"io"
)

// cyDoc is a Cytoscape.js JSON document, as cy.json() writes it: pass it
// to cytoscape() (or cy.json()) as is. Cytoscape desktop opens it as .cyjs.
type cyDoc struct {
	FormatVersion string     `json:"format_version"`
	GeneratedBy   string     `json:"generated_by"`
	Target        string     `json:"target_cytoscapejs_version"`
	Data          cyGraph    `json:"data"`
	Elements      cyElements `json:"elements"`
}

type cyGraph struct {
	Name string `json:"name"`
}

type cyElements struct {
	Nodes []cyElement `json:"nodes"`
	Edges []cyElement `json:"edges"`
}

type cyElement struct {
	Data any `json:"data"`
}

type cyNode struct {
	ID          string   `json:"id"`
	Label       string   `json:"label"`
	Kind        string   `json:"kind"`
	Aliases     []string `json:"aliases"`
	Description string   `json:"description,omitempty"`
}

type cyEdge struct {
	ID           string   `json:"id"`
	Source       string   `json:"source"`
	Target       string   `json:"target"`
	Type         string   `json:"type"`
	Label        string   `json:"label"`
	Modality     string   `json:"modality"`
	Modalities   []string `json:"modalities"`
	ClaimCount   int      `json:"claimCount"`
	ArticleCount int      `json:"articleCount"`
	ClaimIDs     []string `json:"claimIds"`
}

func writeCytoscape(w io.Writer, d Data) error {
	doc := cyDoc{
		FormatVersion: "1.0", GeneratedBy: "actorgraph", Target: "~3",
		Data:     cyGraph{Name: "actorgraph"},
		Elements: cyElements{Nodes: []cyElement{}, Edges: []cyElement{}},
	}
	for _, n := range d.Graph.Nodes {
		aliases := n.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		doc.Elements.Nodes = append(doc.Elements.Nodes, cyElement{cyNode{
			ID: n.ID, Label: n.Name, Kind: string(n.Kind), Aliases: aliases, Description: n.Description,
		}})
	}
	for _, e := range d.Graph.Edges {
		mods := make([]string, len(e.Modalities))
		for i, m := range e.Modalities {
			mods[i] = string(m)
		}
		doc.Elements.Edges = append(doc.Elements.Edges, cyElement{cyEdge{
			ID: e.ID, Source: e.FromID, Target: e.ToID, Type: string(e.Type), Label: string(e.Type),
			Modality: string(e.Modality), Modalities: mods,
			ClaimCount: e.ClaimCount(), ArticleCount: e.ArticleCount(), ClaimIDs: e.ClaimIDs,
		}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(doc)
}
