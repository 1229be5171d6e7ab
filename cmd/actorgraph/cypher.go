package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/mdtable"
)

const cypherUsage = `usage: actorgraph cypher [-param name=JSON]... [QUERY | -]

Runs one read-only Cypher query (from the argument, or standard input when
it is "-" or missing) and prints the result as a Markdown table, the way
docs/cypher.md shows results. Writes are refused by the server.
Parameter values are JSON ("-param id='\"iran\"'", "-param n=2"); a value
that is not JSON is taken as a string ("-param id=iran").`

// paramFlag collects -param name=value pairs.
type paramFlag map[string]any

func (p paramFlag) String() string { return fmt.Sprint(map[string]any(p)) }

func (p paramFlag) Set(v string) error {
	name, val, ok := strings.Cut(v, "=")
	if !ok || name == "" {
		return fmt.Errorf("want name=value, got %q", v)
	}
	var x any
	if err := json.Unmarshal([]byte(val), &x); err != nil {
		x = val
	}
	if f, ok := x.(float64); ok && f == float64(int64(f)) {
		x = int64(f) // whole numbers are Cypher integers
	}
	p[name] = x
	return nil
}

// cypher runs an analyst's read-only query.
func (m *Main) cypher(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("cypher", flag.ContinueOnError)
	cfg := dbFlags(fs)
	params := paramFlag{}
	fs.Var(params, "param", "query parameter name=value (repeatable)")
	fs.Usage = func() { fmt.Fprintln(m.Stderr, cypherUsage); fs.PrintDefaults() }
	if err := m.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError{"cypher takes one query; quote it"}
	}
	query := fs.Arg(0)
	if query == "" || query == "-" {
		b, err := io.ReadAll(os.Stdin)
		if err != nil {
			return fmt.Errorf("read the query: %w", err)
		}
		query = string(b)
	}
	if strings.TrimSpace(query) == "" {
		return usageError{"cypher needs a query"}
	}
	store, err := neo4jstore.Open(*cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	t, err := store.RunReadOnly(ctx, query, params)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, mdtable.Render(t))
	fmt.Fprintf(m.Stderr, "%d row(s)\n", len(t.Rows))
	return nil
}
