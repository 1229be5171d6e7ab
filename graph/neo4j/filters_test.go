package neo4j_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/internal/seedtest"
)

// TestSeedFilters computes, for each filter of seedtest.Filters, the
// claims and relationships it must find from the parsed seed file, and
// checks that both stores (Neo4j and the in-memory one) return exactly
// those through the store API (claims, relationships, a relationship's
// claims under the filter, Iran's neighbourhood), and that the Cypher
// docs/graph-model.md gives for each filter does too. The resolvers'
// TestEveryFilterFindsEveryClaim asks the same over GraphQL.
func TestSeedFilters(t *testing.T) {
	db := neo4jtest.MustOpenSeeded(t)
	mem := seedtest.MustGraph(t)
	seed := seedtest.Claims(t)
	ctx := context.Background()
	for name, conds := range seedtest.Filters() {
		t.Run(name, func(t *testing.T) {
			wantClaims, wantRels := seedtest.Expect(seed, conds)
			f := seedtest.ClaimFilter(conds)
			for _, s := range []struct {
				name string
				r    graph.Reader
			}{{"Neo4j", db}, {"in memory", mem}} {
				page, err := s.r.Claims(ctx, f, graph.PageRequest{First: 1000})
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]bool{}
				for _, c := range page.Claims {
					got[c.ID] = true
				}
				if !slices.Equal(seedtest.SortedIDs(got), seedtest.SortedIDs(wantClaims)) || page.TotalCount != len(wantClaims) {
					t.Errorf("%s: claims %d %v\nwant %d %v", s.name, page.TotalCount, seedtest.SortedIDs(got), len(wantClaims), seedtest.SortedIDs(wantClaims))
				}
				if !seedtest.Relational(conds) {
					continue
				}
				ev := seedtest.EvidenceFilter(conds)
				rels, err := s.r.Relationships(ctx, graph.RelationshipFilter{Evidence: ev}, graph.PageRequest{First: 1000})
				if err != nil {
					t.Fatal(err)
				}
				gotRels, nested := map[string]bool{}, map[string]bool{}
				for _, r := range rels.Relationships {
					gotRels[r.ID] = true
					// A relationship's claims under the filter, as the
					// resolvers ask for them.
					rf := f
					rf.IDs = r.ClaimIDs
					cs, err := s.r.Claims(ctx, rf, graph.PageRequest{First: 1000})
					if err != nil {
						t.Fatal(err)
					}
					for _, c := range cs.Claims {
						nested[c.ID] = true
					}
				}
				if !slices.Equal(seedtest.SortedIDs(gotRels), seedtest.SortedIDs(wantRels)) || rels.TotalCount != len(wantRels) {
					t.Errorf("%s: relationships %v\nwant %v", s.name, seedtest.SortedIDs(gotRels), seedtest.SortedIDs(wantRels))
				}
				if !slices.Equal(seedtest.SortedIDs(nested), seedtest.SortedIDs(wantClaims)) {
					t.Errorf("%s: the relationships' claims under the filter %v\nwant %v", s.name, seedtest.SortedIDs(nested), seedtest.SortedIDs(wantClaims))
				}
				sg, err := s.r.Neighbourhood(ctx, "iran", graph.Traversal{Depth: 1, Limit: 1000, Evidence: ev})
				if err != nil {
					t.Fatal(err)
				}
				wantNodes, wantEdges := seedtest.Neighbours("iran", wantRels)
				gotNodes, gotEdges := map[string]bool{}, map[string]bool{}
				for _, n := range sg.Nodes {
					gotNodes[n.ID] = true
				}
				for _, e := range sg.Edges {
					gotEdges[e.ID] = true
				}
				if !slices.Equal(seedtest.SortedIDs(gotNodes), seedtest.SortedIDs(wantNodes)) || !slices.Equal(seedtest.SortedIDs(gotEdges), seedtest.SortedIDs(wantEdges)) {
					t.Errorf("%s: neighbourhood of iran: nodes %v edges %v\nwant nodes %v edges %v", s.name,
						seedtest.SortedIDs(gotNodes), seedtest.SortedIDs(gotEdges), seedtest.SortedIDs(wantNodes), seedtest.SortedIDs(wantEdges))
				}
			}

			// The documented Cypher, over claims and over relationship
			// summaries.
			ids := func(cypher string) []string {
				res, err := db.RunReadOnly(ctx, cypher, nil)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, r := range res.Rows {
					out = append(out, r[0].(string))
				}
				return out
			}
			if got := ids("MATCH (c:Claim) WHERE " + claimCypher(f) + " RETURN c.id AS id ORDER BY id"); !slices.Equal(got, seedtest.SortedIDs(wantClaims)) {
				t.Errorf("Cypher claims: %v\nwant %v", got, seedtest.SortedIDs(wantClaims))
			}
			if !seedtest.Relational(conds) {
				return
			}
			if got := ids("MATCH (:Actor)-[r]->(:Actor) WHERE " + relCypher(seedtest.EvidenceFilter(conds)) + " RETURN r.id AS id ORDER BY id"); !slices.Equal(got, seedtest.SortedIDs(wantRels)) {
				t.Errorf("Cypher relationships: %v\nwant %v", got, seedtest.SortedIDs(wantRels))
			}
		})
	}
}

// claimCypher is the predicate on a claim c that docs/graph-model.md gives
// for each field of f the seed filters use.
func claimCypher(f graph.ClaimFilter) string {
	var conds []string
	if len(f.Certainties) > 0 {
		conds = append(conds, "c.certainty IN "+quoted(f.Certainties))
	}
	if f.OwnStatement != nil {
		conds = append(conds, fmt.Sprintf("c.ownStatement = %v", *f.OwnStatement))
	}
	if f.Conditional != nil {
		conds = append(conds, fmt.Sprintf("c.conditional = %v", *f.Conditional))
	}
	if len(f.TimeStatuses) > 0 {
		conds = append(conds, "c.timeStatus IN "+quoted(f.TimeStatuses))
	}
	if !f.Window.IsZero() {
		from, to := f.Window.Bounds()
		conds = append(conds, fmt.Sprintf("c.validFrom <= '%s' AND '%s' <= c.validTo", to, from))
	}
	return strings.Join(conds, " AND ")
}

// relCypher is the predicate on a relationship r, read from its summary,
// that docs/graph-model.md gives for each field of f.
func relCypher(f graph.EvidenceFilter) string {
	var conds []string
	if len(f.Certainties) > 0 {
		conds = append(conds, "any(x IN r.certainties WHERE x IN "+quoted(f.Certainties)+")")
	}
	count := func(prop string, want *bool) {
		switch {
		case want == nil:
		case *want:
			conds = append(conds, "r."+prop+" > 0")
		default:
			conds = append(conds, "r."+prop+" < r.claimCount")
		}
	}
	count("ownStatements", f.OwnStatement)
	count("conditionals", f.Conditional)
	if !f.Window.IsZero() {
		from, to := f.Window.Bounds()
		conds = append(conds, fmt.Sprintf("any(iv IN r.intervals WHERE substring(iv, 0, 10) <= '%s' AND '%s' <= substring(iv, 11))", to, from))
	}
	return strings.Join(conds, " AND ")
}

func quoted[T ~string](vs []T) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = "'" + string(v) + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}
