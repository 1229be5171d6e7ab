// Package mdtable renders the results of Cypher queries as Markdown
// tables, the way docs/cypher.md and docs/graph-model.md print them under
// each query and `actorgraph cypher` prints them on the terminal.
package mdtable

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
)

// Render returns t as a header, a separator and one row per record, cells
// rendered by Cell with pipes escaped and line breaks folded.
func Render(t neo4jstore.Table) string {
	esc := strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ")
	var b strings.Builder
	b.WriteString("| " + strings.Join(t.Columns, " | ") + " |\n|")
	for range t.Columns {
		b.WriteString("---|")
	}
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = esc.Replace(Cell(v))
		}
		b.WriteString("\n| " + strings.Join(cells, " | ") + " |")
	}
	return b.String()
}

// Cell renders one value: strings and numbers as they are, null as an
// empty cell, lists and maps as JSON with a space after each comma, nodes
// as (:Labels {id: …}), relationships as [:TYPE] and paths as their node
// ids.
func Cell(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if v == nil {
		return ""
	}
	return literal(v)
}

// literal renders v as in a JSON document; strings are quoted.
func literal(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		b, _ := json.Marshal(x)
		return string(b)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = literal(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = literal(k) + ": " + literal(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case neo4jstore.ResultNode:
		ls := append([]string(nil), x.Labels...)
		sort.Strings(ls)
		return fmt.Sprintf("(:%s {id: %s})", strings.Join(ls, ":"), literal(x.Props["id"]))
	case neo4jstore.ResultRelationship:
		return "[:" + x.Type + "]"
	case neo4jstore.ResultPath:
		parts := make([]string, len(x.Nodes))
		for i, n := range x.Nodes {
			parts[i] = literal(n.Props["id"])
		}
		return "<" + strings.Join(parts, ", ") + ">"
	}
	return fmt.Sprint(v)
}
