package neo4j

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Table is the result of an analyst's query: column names and rows of
// values. Values are what the driver returns (strings, int64, float64,
// bool, nil, lists, maps, temporal values), except that nodes,
// relationships and paths are given as ResultNode, ResultRelationship and
// ResultPath, so that callers need not import the driver.
type Table struct {
	Columns []string
	Rows    [][]any
}

// ResultNode is a node returned by RunReadOnly.
type ResultNode struct {
	Labels []string
	Props  map[string]any
}

// ResultRelationship is a relationship returned by RunReadOnly.
type ResultRelationship struct {
	Type  string
	Props map[string]any
}

// ResultPath is a path returned by RunReadOnly: Relationships[i] joins
// Nodes[i] and Nodes[i+1].
type ResultPath struct {
	Nodes         []ResultNode
	Relationships []ResultRelationship
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
			row := make([]any, len(rec.Values))
			for i, v := range rec.Values {
				row[i] = resultValue(v)
			}
			t.Rows = append(t.Rows, row)
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

// resultValue replaces the driver's nodes, relationships and paths in v,
// at any depth of lists and maps, by the Result types.
func resultValue(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = resultValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = resultValue(e)
		}
		return out
	case dbtype.Node:
		return resultNode(x)
	case dbtype.Relationship:
		return resultRelationship(x)
	case dbtype.Path:
		p := ResultPath{Nodes: make([]ResultNode, len(x.Nodes)), Relationships: make([]ResultRelationship, len(x.Relationships))}
		for i, n := range x.Nodes {
			p.Nodes[i] = resultNode(n)
		}
		for i, r := range x.Relationships {
			p.Relationships[i] = resultRelationship(r)
		}
		return p
	}
	return v
}

func resultNode(n dbtype.Node) ResultNode {
	return ResultNode{Labels: append([]string(nil), n.Labels...), Props: resultValue(n.Props).(map[string]any)}
}

func resultRelationship(r dbtype.Relationship) ResultRelationship {
	return ResultRelationship{Type: r.Type, Props: resultValue(r.Props).(map[string]any)}
}
