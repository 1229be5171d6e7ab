package mdtable_test

import (
	"testing"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/mdtable"
)

func TestRender(t *testing.T) {
	iran := neo4jstore.ResultNode{Labels: []string{"State", "Actor"}, Props: map[string]any{"id": "iran", "name": "Iran"}}
	iraq := neo4jstore.ResultNode{Labels: []string{"Actor", "State"}, Props: map[string]any{"id": "iraq"}}
	aligned := neo4jstore.ResultRelationship{Type: "ALIGNED_WITH", Props: map[string]any{"claimCount": int64(2)}}
	for _, tc := range []struct {
		name string
		t    neo4jstore.Table
		want string
	}{
		{"scalars", neo4jstore.Table{Columns: []string{"name", "aliases", "nothing", "x", "n", "ok"},
			Rows: [][]any{{"Iran", []any{"Tehran", "Islamic Republic"}, nil, 1.5, int64(3), true}}},
			"| name | aliases | nothing | x | n | ok |\n|---|---|---|---|---|---|\n| Iran | [\"Tehran\", \"Islamic Republic\"] |  | 1.5 | 3 | true |"},
		{"graph values", neo4jstore.Table{Columns: []string{"a", "r", "p"},
			Rows: [][]any{{iran, aligned, neo4jstore.ResultPath{Nodes: []neo4jstore.ResultNode{iran, iraq}, Relationships: []neo4jstore.ResultRelationship{aligned}}}}},
			"| a | r | p |\n|---|---|---|\n| (:Actor:State {id: \"iran\"}) | [:ALIGNED_WITH] | <\"iran\", \"iraq\"> |"},
		{"maps sorted, pipes escaped, lines folded", neo4jstore.Table{Columns: []string{"m", "s"},
			Rows: [][]any{{map[string]any{"b": nil, "a": []any{int64(1)}}, "x|y\nz"}}},
			"| m | s |\n|---|---|\n| {\"a\": [1], \"b\": null} | x\\|y z |"},
		{"no rows", neo4jstore.Table{Columns: []string{"n"}}, "| n |\n|---|"},
	} {
		if got := mdtable.Render(tc.t); got != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
}
