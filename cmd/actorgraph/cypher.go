package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/mdtable"
)

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

func (m *Main) cypherCommand() *command {
	return &command{
		name: "cypher", args: "[QUERY | -]", maxArgs: 1,
		summary: "run one read-only Cypher query and print the result as a Markdown table",
		doc: `Runs one read-only Cypher query (the argument, or standard input when it is
"-" or missing) and prints the result as a Markdown table, the way
docs/cypher.md shows results; the row count goes to standard error. Neo4j
refuses writes. Parameter values are JSON (-param id='"iran"', -param n=2);
a value that is not JSON is taken as a string (-param id=iran).`,
		setup: func(fs *flag.FlagSet) runFunc {
			cfg := dbFlags(fs)
			params := paramFlag{}
			fs.Var(params, "param", "query parameter `name=value` (repeatable)")
			return func(ctx context.Context, args []string) error {
				return m.cypher(ctx, cfg, params, args)
			}
		},
	}
}

// cypher runs an analyst's read-only query.
func (m *Main) cypher(ctx context.Context, cfg *neo4jstore.Config, params paramFlag, args []string) error {
	query := ""
	if len(args) == 1 {
		query = args[0]
	}
	if query == "" || query == "-" {
		b, err := io.ReadAll(m.Stdin)
		if err != nil {
			return fmt.Errorf("read the query: %w", err)
		}
		query = string(b)
	}
	if strings.TrimSpace(query) == "" {
		return usagef("needs a query, as its argument or on standard input")
	}
	store, err := m.openStore(ctx, cfg)
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
