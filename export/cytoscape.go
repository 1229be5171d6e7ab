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
	ID            string         `json:"id"`
	Source        string         `json:"source"`
	Target        string         `json:"target"`
	Type          string         `json:"type"`
	Label         string         `json:"label"`
	Certainty     string         `json:"certainty"`
	Certainties   []string       `json:"certainties"`
	Counts        map[string]int `json:"certaintyCounts"`
	OwnStatements int            `json:"ownStatements"`
	Conditionals  int            `json:"conditionals"`
	ClaimCount    int            `json:"claimCount"`
	ArticleCount  int            `json:"articleCount"`
	SourceCount   int            `json:"sourceCount"`
	SentenceCount int            `json:"sentenceCount"`
	Corroboration int            `json:"corroboration"`
	ClaimIDs      []string       `json:"claimIds"`
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
		counts := map[string]int{}
		for _, c := range e.CertaintyCounts {
			counts[string(c.Certainty)] = c.Count
		}
		doc.Elements.Edges = append(doc.Elements.Edges, cyElement{cyEdge{
			ID: e.ID, Source: e.FromID, Target: e.ToID, Type: string(e.Type), Label: string(e.Type),
			Certainty: string(e.Certainty), Certainties: nonNil(certainties(e)), Counts: counts,
			OwnStatements: e.OwnStatements, Conditionals: e.Conditionals,
			ClaimCount: e.ClaimCount(), ArticleCount: e.ArticleCount(), SourceCount: e.SourceCount(),
			SentenceCount: e.SentenceCount, Corroboration: e.Corroboration(), ClaimIDs: e.ClaimIDs,
		}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(doc)
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
