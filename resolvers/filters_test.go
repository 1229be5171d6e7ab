package resolvers_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/seedtest"
)

// TestEveryFilterFindsEveryClaim computes, for each filter of
// seedtest.Filters, the claims and relationships it must find from the
// parsed seed file, and checks that GraphQL (claims, relationships, a
// relationship's claims, neighbourhood) returns exactly those. The Neo4j
// store's TestSeedFilters asks both stores the same questions through the
// store API, and the documented Cypher too.
func TestEveryFilterFindsEveryClaim(t *testing.T) {
	a := newAPI(t)
	seed := seedtest.Claims(t)
	nonEmpty := 0
	for name, conds := range seedtest.Filters() {
		t.Run(name, func(t *testing.T) {
			a := &api{t: t, store: a.store, c: a.c} // failures end the subtest
			var gql, args []string
			for _, c := range conds {
				gql, args = append(gql, c.GQL), append(args, c.Args)
			}
			wantClaims, wantRels := seedtest.Expect(seed, conds)
			if len(wantClaims) > 0 {
				nonEmpty++
			}

			var got struct {
				Claims struct {
					TotalCount int
					Nodes      []struct{ ID string }
				}
			}
			a.do(`{ claims(filter: {`+strings.Join(gql, ", ")+`}, first: 100) { totalCount nodes { id } } }`, &got)
			ids := map[string]bool{}
			for _, n := range got.Claims.Nodes {
				ids[n.ID] = true
			}
			if !slices.Equal(seedtest.SortedIDs(ids), seedtest.SortedIDs(wantClaims)) || got.Claims.TotalCount != len(wantClaims) {
				t.Errorf("GraphQL claims: %d %v\nwant %d %v", got.Claims.TotalCount, seedtest.SortedIDs(ids), len(wantClaims), seedtest.SortedIDs(wantClaims))
			}
			if !seedtest.Relational(conds) {
				return
			}

			// Relationships, and each one's claims under the same filter.
			var rels struct {
				Relationships struct {
					TotalCount int
					Nodes      []struct {
						ID     string
						Claims []struct{ ID string }
					}
				}
			}
			a.do(`{ relationships(`+strings.Join(args, ", ")+`, first: 100) { totalCount nodes { id claims(filter: {`+strings.Join(gql, ", ")+`}) { id } } } }`, &rels)
			gotRels, nested := map[string]bool{}, map[string]bool{}
			for _, r := range rels.Relationships.Nodes {
				gotRels[r.ID] = true
				for _, c := range r.Claims {
					nested[c.ID] = true
				}
			}
			if !slices.Equal(seedtest.SortedIDs(gotRels), seedtest.SortedIDs(wantRels)) || rels.Relationships.TotalCount != len(wantRels) {
				t.Errorf("GraphQL relationships: %v\nwant %v", seedtest.SortedIDs(gotRels), seedtest.SortedIDs(wantRels))
			}
			// A relationship's filtered claims are the matching claims on
			// it; every matching claim lies on a matching relationship.
			if !slices.Equal(seedtest.SortedIDs(nested), seedtest.SortedIDs(wantClaims)) {
				t.Errorf("claims(filter) of the relationships: %v\nwant %v", seedtest.SortedIDs(nested), seedtest.SortedIDs(wantClaims))
			}

			// Iran's neighbourhood follows exactly the matching relationships.
			var nb struct {
				Neighbourhood struct {
					Nodes []struct{ ID string }
					Edges []struct{ ID string }
				}
			}
			a.do(`{ neighbourhood(id: "iran", depth: 1, limit: 1000, `+strings.Join(args, ", ")+`) { nodes { id } edges { id } } }`, &nb)
			wantNodes, wantEdges := seedtest.Neighbours("iran", wantRels)
			gotNodes, gotEdges := map[string]bool{}, map[string]bool{}
			for _, n := range nb.Neighbourhood.Nodes {
				gotNodes[n.ID] = true
			}
			for _, e := range nb.Neighbourhood.Edges {
				gotEdges[e.ID] = true
			}
			if !slices.Equal(seedtest.SortedIDs(gotNodes), seedtest.SortedIDs(wantNodes)) || !slices.Equal(seedtest.SortedIDs(gotEdges), seedtest.SortedIDs(wantEdges)) {
				t.Errorf("neighbourhood of iran: nodes %v edges %v\nwant nodes %v edges %v",
					seedtest.SortedIDs(gotNodes), seedtest.SortedIDs(gotEdges), seedtest.SortedIDs(wantNodes), seedtest.SortedIDs(wantEdges))
			}
		})
	}
	if nonEmpty < 15 {
		t.Errorf("only %d filters find anything on the seed", nonEmpty)
	}
}

// The figures the issue names: eleven alleged claims on few sentences from
// two sources read as such, not as eleven.
func TestCorroborationCountsSources(t *testing.T) {
	a := newAPI(t)
	var got struct {
		Relationships struct {
			Nodes []struct {
				ID                                                    string
				ClaimCount, SentenceCount, SourceCount, Corroboration int
				ArticleCount, OwnStatementCount, ConditionalCount     int
				Certainty                                             string
				Certainties                                           []string
				CertaintyCounts                                       []struct {
					Certainty string
					Count     int
				}
				FirstReported, LastReported *string
			}
		}
	}
	a.do(`{ relationships(first: 100) { nodes { id claimCount sentenceCount sourceCount corroboration articleCount
		ownStatementCount conditionalCount certainty certainties certaintyCounts { certainty count } firstReported lastReported } } }`, &got)
	type agg struct {
		claims, own, cond               int
		sources, sentences, certainties map[string]bool
		counts                          map[graph.Certainty]int
	}
	want := map[string]*agg{}
	for _, c := range seedtest.Claims(t) {
		w := want[c.RelationshipID()]
		if w == nil {
			w = &agg{sources: map[string]bool{}, sentences: map[string]bool{}, certainties: map[string]bool{}, counts: map[graph.Certainty]int{}}
			want[c.RelationshipID()] = w
		}
		w.claims++
		w.sources[c.Source] = true
		w.sentences[fmt.Sprint(c.Sentence.Start)] = true
		w.counts[c.Certainty]++
		if c.OwnStatement {
			w.own++
		}
		if c.Conditional {
			w.cond++
		}
	}
	if len(got.Relationships.Nodes) != len(want) {
		t.Fatalf("%d relationships, want %d", len(got.Relationships.Nodes), len(want))
	}
	for _, r := range got.Relationships.Nodes {
		w := want[r.ID]
		if w == nil {
			t.Fatalf("unexpected relationship %s", r.ID)
		}
		firmest := ""
		var present []string
		for i, c := range graph.Certainties {
			if r.CertaintyCounts[i].Certainty != string(c) || r.CertaintyCounts[i].Count != w.counts[c] {
				t.Errorf("%s: certaintyCounts %v, want %v", r.ID, r.CertaintyCounts, w.counts)
			}
			if w.counts[c] > 0 {
				present = append(present, string(c))
				if firmest == "" {
					firmest = string(c)
				}
			}
		}
		if r.ClaimCount != w.claims || r.SourceCount != len(w.sources) || r.Corroboration != len(w.sources) ||
			r.SentenceCount != len(w.sentences) || r.ArticleCount != 1 || r.OwnStatementCount != w.own || r.ConditionalCount != w.cond ||
			r.Certainty != firmest || !slices.Equal(r.Certainties, present) || r.FirstReported != nil || r.LastReported != nil {
			t.Errorf("%s: %+v\nwant claims %d, sources %d, sentences %d, own %d, conditional %d, certainty %s %v, no report dates (publication unknown)",
				r.ID, r, w.claims, len(w.sources), len(w.sentences), w.own, w.cond, firmest, present)
		}
	}
	// The eleven alleged claims of the review rest on a handful of
	// sentences from two sources.
	var alleged struct {
		Claims struct {
			TotalCount int
			Nodes      []struct {
				Source        string
				SentenceStart int
			}
		}
	}
	a.do(`{ claims(filter: {certainty: [ALLEGED], relationTypes: [HELPS_SUPPRESS]}) { totalCount nodes { source sentenceStart } } }`, &alleged)
	sources, sentences := map[string]bool{}, map[int]bool{}
	for _, c := range alleged.Claims.Nodes {
		sources[c.Source], sentences[c.SentenceStart] = true, true
	}
	if alleged.Claims.TotalCount != 11 || len(sources) != 2 || len(sentences) > 4 {
		t.Errorf("alleged HELPS_SUPPRESS claims: %d from %d sources on %d sentences; want 11 from 2 on at most 4",
			alleged.Claims.TotalCount, len(sources), len(sentences))
	}
}
