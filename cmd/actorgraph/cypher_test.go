package main

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

func TestCypherCommand(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	out, errOut, err := run(t, "cypher", "-param", "kind=PERSON",
		"MATCH (p:Actor {kind: $kind})-[:LEADS]->(g:Actor) RETURN p.name AS leader, g.name AS leads ORDER BY leader")
	if err != nil {
		t.Fatal(err)
	}
	want := "| leader | leads |\n|---|---|\n| Abu Hussein al-Humaidawi | Kataib Hezbollah |\n| Bashar al-Assad | Syria |\n| Donald Trump | United States |\n"
	if out != want || !strings.Contains(errOut, "3 row(s)") {
		t.Fatalf("out:\n%s\nstderr: %s", out, errOut)
	}
	out, _, err = run(t, "cypher", "-param", "n=2", "RETURN $n + 1 AS x, $n = 2 AS whole")
	if err != nil || out != "| x | whole |\n|---|---|\n| 3 | true |\n" {
		t.Fatalf("integer parameter: %q, %v", out, err)
	}

	before := neo4jtest.MustStats(t, s)
	if _, _, err := run(t, "cypher", "CREATE (:Actor {id: 'intruder'})"); err == nil || exitCode(err) != 1 {
		t.Fatalf("a write: %v", err)
	}
	if after := neo4jtest.MustStats(t, s); after != before {
		t.Fatalf("a refused write changed the graph: %+v -> %+v", before, after)
	}
	for _, args := range [][]string{{"cypher", "a", "b"}, {"cypher", "-param", "novalue", "RETURN 1"}} {
		if _, _, err := run(t, args...); exitCode(err) != 2 {
			t.Errorf("%v: %v, want exit 2", args, err)
		}
	}
}
