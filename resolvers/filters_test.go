package resolvers_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
)

// condition is one filter condition, said four ways: as a field of the
// GraphQL ClaimFilter, as arguments of relationships/neighbourhood (""
// when those have none), as a Cypher predicate on a claim c and on a
// relationship r (the ones docs/graph-model.md shows), and as a Go test
// on a parsed claim, which gives the expected answer.
type condition struct {
	gql, args     string
	claim, rel    string
	match         func(graph.Claim) bool
	describeMatch string
}

func certaintyIs(cs ...graph.Certainty) condition {
	var names, quoted []string
	for _, c := range cs {
		names = append(names, string(c))
		quoted = append(quoted, "'"+string(c)+"'")
	}
	list := "[" + strings.Join(names, ", ") + "]"
	return condition{
		gql: "certainty: " + list, args: "certainty: " + list,
		claim: "c.certainty IN [" + strings.Join(quoted, ", ") + "]",
		rel:   "any(x IN r.certainties WHERE x IN [" + strings.Join(quoted, ", ") + "])",
		match: func(c graph.Claim) bool { return slices.Contains(cs, c.Certainty) },
	}
}

func flag(field, count string, want bool, get func(graph.Claim) bool) condition {
	rel := "r." + count + " > 0"
	if !want {
		rel = "r." + count + " < r.claimCount"
	}
	return condition{
		gql: fmt.Sprintf("%s: %v", field, want), args: fmt.Sprintf("%s: %v", field, want),
		claim: fmt.Sprintf("c.%s = %v", field, want), rel: rel,
		match: func(c graph.Claim) bool { return get(c) == want },
	}
}

func timeStatusIs(s graph.TimeStatus) condition {
	return condition{
		gql: "timeStatus: [" + string(s) + "]", claim: "c.timeStatus = '" + string(s) + "'",
		match: func(c graph.Claim) bool { return c.Time.Status == s },
	}
}

// window is asOf (from == to, given as asOf) or between.
func window(arg string, w graph.TimeWindow) condition {
	from, to := w.Bounds()
	gql := arg
	return condition{
		gql: gql, args: gql,
		claim: fmt.Sprintf("c.validFrom <= '%s' AND '%s' <= c.validTo", to, from),
		rel:   fmt.Sprintf("any(iv IN r.intervals WHERE substring(iv, 0, 10) <= '%s' AND '%s' <= substring(iv, 11))", to, from),
		match: func(c graph.Claim) bool { return w.Matches(c.Valid) },
	}
}

// seedFilters are the filters tried on the seed: every certainty, both
// values of each flag, every time status, date windows, and
// combinations, which a claim must meet together but a relationship may
// meet with different claims.
func seedFilters() map[string][]condition {
	own := func(c graph.Claim) bool { return c.OwnStatement }
	cond := func(c graph.Claim) bool { return c.Conditional }
	f := map[string][]condition{
		"own statements":                         {flag("ownStatement", "ownStatements", true, own)},
		"not own statements":                     {flag("ownStatement", "ownStatements", false, own)},
		"conditional":                            {flag("conditional", "conditionals", true, cond)},
		"unconditional":                          {flag("conditional", "conditionals", false, cond)},
		"alleged or hypothetical":                {certaintyIs(graph.Alleged, graph.Hypothetical)},
		"as of 2026-01-14":                       {window(`asOf: "2026-01-14"`, graph.TimeWindow{From: "2026-01-14", To: "2026-01-14"})},
		"between 2020 and 2025":                  {window(`between: {from: "2020-01-01", to: "2025-12-31"}`, graph.TimeWindow{From: "2020-01-01", To: "2025-12-31"})},
		"from 2030 on":                           {window(`between: {from: "2030-01-01"}`, graph.TimeWindow{From: "2030-01-01"})},
		"up to 1990":                             {window(`between: {to: "1990-12-31"}`, graph.TimeWindow{To: "1990-12-31"})},
		"reported own conditional":               {certaintyIs(graph.Reported), flag("ownStatement", "ownStatements", true, own), flag("conditional", "conditionals", true, cond)},
		"asserted and conditional":               {certaintyIs(graph.Asserted), flag("conditional", "conditionals", true, cond)},
		"alleged and not own, as of 2026-01-14":  {certaintyIs(graph.Alleged), flag("ownStatement", "ownStatements", false, own), window(`asOf: "2026-01-14"`, graph.TimeWindow{From: "2026-01-14", To: "2026-01-14"})},
		"hypothetical, expected (claims only)":   {certaintyIs(graph.Hypothetical), timeStatusIs(graph.Expected)},
		"ongoing and conditional (claims only)":  {timeStatusIs(graph.Ongoing), flag("conditional", "conditionals", true, cond)},
		"past or expected, as the claims say so": {timeStatusIs(graph.Past)},
	}
	for _, c := range graph.Certainties {
		f["certainty "+string(c.Value)] = []condition{certaintyIs(c.Value)}
	}
	for _, s := range graph.TimeStatuses {
		f["time status "+string(s.Value)] = []condition{timeStatusIs(s.Value)}
	}
	return f
}

func sortedIDs(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestEveryFilterFindsEveryClaim computes, for each filter, the claims
// and relationships it must find from the parsed seed file, and checks
// that GraphQL (claims, relationships, a relationship's claims,
// neighbourhood) and the documented Cypher return exactly those.
func TestEveryFilterFindsEveryClaim(t *testing.T) {
	a := newAPI(t)
	seed, err := loaders.ParseFile(filepath.Join(neo4jtest.SeedDir(), "claims.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	byRel := map[string][]graph.Claim{}
	for _, c := range seed.Claims {
		byRel[c.RelationshipID()] = append(byRel[c.RelationshipID()], c)
	}
	nonEmpty := 0
	for name, conds := range seedFilters() {
		t.Run(name, func(t *testing.T) {
			a := &api{t: t, store: a.store, srv: a.srv} // failures end the subtest
			var gql, args, claimPred, relPred []string
			relational := true
			for _, c := range conds {
				gql = append(gql, c.gql)
				claimPred = append(claimPred, c.claim)
				if c.rel == "" {
					relational = false
				}
				args = append(args, c.args)
				relPred = append(relPred, c.rel)
			}
			// What the seed says the filter must find.
			wantClaims, wantRels := map[string]bool{}, map[string]bool{}
			for _, c := range seed.Claims {
				all := true
				for _, x := range conds {
					all = all && x.match(c)
				}
				if all {
					wantClaims[c.ID] = true
				}
			}
			for id, cs := range byRel {
				each := true
				for _, x := range conds {
					some := false
					for _, c := range cs {
						some = some || x.match(c)
					}
					each = each && some
				}
				if each {
					wantRels[id] = true
				}
			}
			if len(wantClaims) > 0 {
				nonEmpty++
			}

			// GraphQL claims.
			var got struct {
				Claims struct {
					TotalCount int
					Nodes      []struct{ ID string }
				}
			}
			a.do(`{ claims(filter: {`+strings.Join(gql, ", ")+`}, first: 100) { totalCount nodes { id } } }`, nil, &got)
			ids := map[string]bool{}
			for _, n := range got.Claims.Nodes {
				ids[n.ID] = true
			}
			if !slices.Equal(sortedIDs(ids), sortedIDs(wantClaims)) || got.Claims.TotalCount != len(wantClaims) {
				t.Errorf("GraphQL claims: %d %v\nwant %d %v", got.Claims.TotalCount, sortedIDs(ids), len(wantClaims), sortedIDs(wantClaims))
			}
			// Cypher over claims.
			res, err := a.store.RunReadOnly(t.Context(), "MATCH (c:Claim) WHERE "+strings.Join(claimPred, " AND ")+" RETURN c.id AS id ORDER BY id", nil)
			if err != nil {
				t.Fatal(err)
			}
			cyIDs := map[string]bool{}
			for _, r := range res.Rows {
				cyIDs[r[0].(string)] = true
			}
			if !slices.Equal(sortedIDs(cyIDs), sortedIDs(wantClaims)) {
				t.Errorf("Cypher claims: %v\nwant %v", sortedIDs(cyIDs), sortedIDs(wantClaims))
			}
			if !relational {
				return
			}

			// GraphQL relationships, and each one's claims under the same filter.
			var rels struct {
				Relationships struct {
					TotalCount int
					Nodes      []struct {
						ID     string
						Claims []struct{ ID string }
					}
				}
			}
			a.do(`{ relationships(`+strings.Join(args, ", ")+`, first: 100) { totalCount nodes { id claims(filter: {`+strings.Join(gql, ", ")+`}) { id } } } }`, nil, &rels)
			gotRels, nested := map[string]bool{}, map[string]bool{}
			for _, r := range rels.Relationships.Nodes {
				gotRels[r.ID] = true
				for _, c := range r.Claims {
					nested[c.ID] = true
				}
			}
			if !slices.Equal(sortedIDs(gotRels), sortedIDs(wantRels)) || rels.Relationships.TotalCount != len(wantRels) {
				t.Errorf("GraphQL relationships: %v\nwant %v", sortedIDs(gotRels), sortedIDs(wantRels))
			}
			// A relationship's filtered claims are the matching claims on
			// it; every matching claim lies on a matching relationship.
			if !slices.Equal(sortedIDs(nested), sortedIDs(wantClaims)) {
				t.Errorf("claims(filter) of the relationships: %v\nwant %v", sortedIDs(nested), sortedIDs(wantClaims))
			}
			// Cypher over relationship summaries.
			res, err = a.store.RunReadOnly(t.Context(), "MATCH (:Actor)-[r]->(:Actor) WHERE "+strings.Join(relPred, " AND ")+" RETURN r.id AS id ORDER BY id", nil)
			if err != nil {
				t.Fatal(err)
			}
			cyRels := map[string]bool{}
			for _, r := range res.Rows {
				cyRels[r[0].(string)] = true
			}
			if !slices.Equal(sortedIDs(cyRels), sortedIDs(wantRels)) {
				t.Errorf("Cypher relationships: %v\nwant %v", sortedIDs(cyRels), sortedIDs(wantRels))
			}

			// Iran's neighbourhood follows exactly the matching relationships.
			var nb struct {
				Neighbourhood struct {
					Nodes []struct{ ID string }
					Edges []struct{ ID string }
				}
			}
			a.do(`{ neighbourhood(id: "iran", depth: 1, limit: 1000, `+strings.Join(args, ", ")+`) { nodes { id } edges { id } } }`, nil, &nb)
			wantNodes, wantEdges := map[string]bool{"iran": true}, map[string]bool{}
			for id := range wantRels {
				from, to := strings.Split(id, "|")[0], strings.Split(id, "|")[2]
				if from == "iran" {
					wantNodes[to] = true
				}
				if to == "iran" {
					wantNodes[from] = true
				}
			}
			for id := range wantRels {
				if p := strings.Split(id, "|"); wantNodes[p[0]] && wantNodes[p[2]] {
					wantEdges[id] = true
				}
			}
			gotNodes, gotEdges := map[string]bool{}, map[string]bool{}
			for _, n := range nb.Neighbourhood.Nodes {
				gotNodes[n.ID] = true
			}
			for _, e := range nb.Neighbourhood.Edges {
				gotEdges[e.ID] = true
			}
			if !slices.Equal(sortedIDs(gotNodes), sortedIDs(wantNodes)) || !slices.Equal(sortedIDs(gotEdges), sortedIDs(wantEdges)) {
				t.Errorf("neighbourhood of iran: nodes %v edges %v\nwant nodes %v edges %v",
					sortedIDs(gotNodes), sortedIDs(gotEdges), sortedIDs(wantNodes), sortedIDs(wantEdges))
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
		ownStatementCount conditionalCount certainty certainties certaintyCounts { certainty count } firstReported lastReported } } }`, nil, &got)
	seed, err := loaders.ParseFile(filepath.Join(neo4jtest.SeedDir(), "claims.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	type agg struct {
		claims, own, cond               int
		sources, sentences, certainties map[string]bool
		counts                          map[graph.Certainty]int
	}
	want := map[string]*agg{}
	for _, c := range seed.Claims {
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
			if r.CertaintyCounts[i].Certainty != string(c.Value) || r.CertaintyCounts[i].Count != w.counts[c.Value] {
				t.Errorf("%s: certaintyCounts %v, want %v", r.ID, r.CertaintyCounts, w.counts)
			}
			if w.counts[c.Value] > 0 {
				present = append(present, string(c.Value))
				if firmest == "" {
					firmest = string(c.Value)
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
	a.do(`{ claims(filter: {certainty: [ALLEGED], relationTypes: [HELPS_SUPPRESS]}) { totalCount nodes { source sentenceStart } } }`, nil, &alleged)
	sources, sentences := map[string]bool{}, map[int]bool{}
	for _, c := range alleged.Claims.Nodes {
		sources[c.Source], sentences[c.SentenceStart] = true, true
	}
	if alleged.Claims.TotalCount != 11 || len(sources) != 2 || len(sentences) > 4 {
		t.Errorf("alleged HELPS_SUPPRESS claims: %d from %d sources on %d sentences; want 11 from 2 on at most 4",
			alleged.Claims.TotalCount, len(sources), len(sentences))
	}
}
