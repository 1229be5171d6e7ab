package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Table is the result of an analyst's query: column names and rows of
// driver values.
type Table struct {
	Columns []string
	Rows    [][]any
}

// MaxRows bounds the rows RunReadOnly returns.
const MaxRows = 10000

// RunReadOnly runs an analyst's Cypher in a read transaction: the server
// refuses any write in it. It is for Cypher written by people (the cookbook,
// a console), not for the API's own queries, which are fixed above.
func (s *Store) RunReadOnly(ctx context.Context, cypher string, params map[string]any) (Table, error) {
	s.queries.Add(1)
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	out, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		var t Table
		for res.Next(ctx) {
			rec := res.Record()
			if t.Columns == nil {
				t.Columns = rec.Keys
			}
			if len(t.Rows) == MaxRows {
				return nil, fmt.Errorf("more than %d rows; add a LIMIT", MaxRows)
			}
			t.Rows = append(t.Rows, rec.Values)
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		if t.Columns == nil {
			keys, err := res.Keys()
			if err != nil {
				return nil, err
			}
			t.Columns = keys
		}
		return t, nil
	}, neo4j.WithTxTimeout(s.timeout))
	if err != nil {
		return Table{}, wrap(ctx, "cypher", err)
	}
	return out.(Table), nil
}

// Markdown renders the table as docs/cypher.md shows results: a header,
// a separator and one row per record, cells rendered by Cell with pipes
// escaped and line breaks folded.
func (t Table) Markdown() string {
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

// Cell renders one value the way docs/cypher.md shows it: strings and
// numbers as they are, null as an empty cell, lists and maps as JSON with a
// space after each comma, nodes as (:Labels {id: …}), relationships as
// [:TYPE] and paths as their node ids.
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
	case dbtype.Node:
		ls := append([]string(nil), x.Labels...)
		sort.Strings(ls)
		return fmt.Sprintf("(:%s {id: %s})", strings.Join(ls, ":"), literal(x.Props["id"]))
	case dbtype.Relationship:
		return "[:" + x.Type + "]"
	case dbtype.Path:
		parts := make([]string, len(x.Nodes))
		for i, n := range x.Nodes {
			parts[i] = literal(n.Props["id"])
		}
		return "<" + strings.Join(parts, ", ") + ">"
	}
	return fmt.Sprint(v)
}
