package neo4j_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/export"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/synth"
)

// dump is every node and relationship of the database with every property,
// keyed so that two databases compare: a node by its labels and id, a
// relationship by its type and the keys of its ends (several
// relationships of one type between two nodes are told apart by their
// properties, in a sorted list).
func dump(t *testing.T, s *neo4jstore.Store) (nodes, rels map[string]string) {
	t.Helper()
	ctx := context.Background()
	nodes, rels = map[string]string{}, map[string]string{}
	key := `reduce(k = '', l IN labels(%[1]s) | k + ':' + l) + ' ' + coalesce(%[1]s.id, '')`
	tn, err := s.RunReadOnly(ctx, `MATCH (n) RETURN `+fmt.Sprintf(key, "n")+` AS key, properties(n) AS props`, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tn.Rows {
		k := r[0].(string)
		if _, dup := nodes[k]; dup {
			t.Fatalf("two nodes with the key %s", k)
		}
		nodes[k] = whole(t, r[1])
	}
	tr, err := s.RunReadOnly(ctx, `MATCH (a)-[r]->(b)
		RETURN `+fmt.Sprintf(key, "a")+` + ' -' + type(r) + '-> ' + `+fmt.Sprintf(key, "b")+` AS key, properties(r) AS props`, nil)
	if err != nil {
		t.Fatal(err)
	}
	multi := map[string][]string{}
	for _, r := range tr.Rows {
		k := r[0].(string)
		multi[k] = append(multi[k], whole(t, r[1]))
	}
	for k, ps := range multi {
		sort.Strings(ps)
		rels[k] = strings.Join(ps, "\n")
	}
	return nodes, rels
}

// TestClaimsFilesRoundTrip loads the seed and a generated corpus (what
// `actorgraph gen` writes), exports the graph as claims files, loads those
// into the emptied database and compares every node and relationship with
// every property: the files hold everything the graph does.
func TestClaimsFilesRoundTrip(t *testing.T) {
	ctx := context.Background()
	corpus := t.TempDir()
	if err := synth.Write(ctx, corpus, synth.Spec{Articles: 60, Seed: 11}, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		paths []string
	}{
		{"seed", []string{neo4jtest.SeedDir()}},
		{"seed and a generated corpus", []string{neo4jtest.SeedDir(), corpus}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := neo4jtest.MustOpenEmpty(t)
			if _, err := loaders.Load(ctx, s, tc.paths...); err != nil {
				t.Fatal(err)
			}
			wantNodes, wantRels := dump(t, s)
			files := filepath.Join(t.TempDir(), "claims")
			res, err := export.WriteClaimsDir(ctx, files, s, nil)
			if err != nil {
				t.Fatal(err)
			}
			st := neo4jtest.MustStats(t, s)
			if res.Articles != st.Articles || res.Claims != st.Claims {
				t.Fatalf("exported %+v of %+v", res, st)
			}

			s = neo4jtest.MustOpenEmpty(t)
			if n := neo4jtest.MustStats(t, s); n.Claims != 0 || n.Actors != 0 {
				t.Fatalf("the graph was not emptied: %+v", n)
			}
			if _, err := loaders.Load(ctx, s, files); err != nil {
				t.Fatalf("load the exported files: %v", err)
			}
			gotNodes, gotRels := dump(t, s)
			compareDumps(t, "node", wantNodes, gotNodes)
			compareDumps(t, "relationship", wantRels, gotRels)
			t.Logf("%d nodes and %d relationships (by ends and type) compared", len(wantNodes), len(wantRels))
		})
	}
}

// whole is v as JSON, keys sorted, nothing left out.
func whole(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func compareDumps(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	bad := 0
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("%s %s is missing after the round trip", what, k)
		case g != w:
			t.Errorf("%s %s:\nloaded    %s\nreloaded  %s", what, k, w, g)
		default:
			continue
		}
		if bad++; bad == 10 {
			t.Fatalf("more differences left out")
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s %s appeared in the round trip", what, k)
		}
	}
	if len(want) != len(got) {
		t.Errorf("%d %ss loaded, %d reloaded", len(want), what, len(got))
	}
}
