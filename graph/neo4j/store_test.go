package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/synth"
)

func TestSeedAnswers(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	ctx := context.Background()

	t.Run("aligned with Iran", func(t *testing.T) {
		page, err := s.Relationships(ctx, graph.RelationshipFilter{Type: graph.RelAlignedWith, ToID: "iran"}, graph.PageRequest{First: 100})
		if err != nil {
			t.Fatal(err)
		}
		var from []string
		for _, r := range page.Relationships {
			from = append(from, r.FromID)
		}
		for _, want := range []string{"kataib-hezbollah", "harakat-al-nujaba", "liwa-sayyid-al-shuhada", "badr-organisation"} {
			if !slices.Contains(from, want) {
				t.Errorf("%s is not ALIGNED_WITH iran; aligned: %v", want, from)
			}
		}
	})

	t.Run("who leads Kataib Hezbollah", func(t *testing.T) {
		rels, err := s.RelationshipsOf(ctx, []string{"kataib-hezbollah"}, graph.Incoming, []graph.RelationType{graph.RelLeads})
		if err != nil {
			t.Fatal(err)
		}
		got := rels["kataib-hezbollah"]
		if len(got) != 1 || got[0].FromID != "abu-hussein-al-humaidawi" {
			t.Fatalf("leaders of kataib-hezbollah = %+v, want abu-hussein-al-humaidawi", got)
		}
	})

	t.Run("shortest path from Trump to Kataib Hezbollah", func(t *testing.T) {
		paths, err := s.ShortestPaths(ctx, "donald-trump", "kataib-hezbollah", graph.Traversal{Depth: 6, Limit: 1}, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) != 1 {
			t.Fatalf("want one path, got %d", len(paths))
		}
		p := paths[0]
		if p.Length() != 2 || p.Nodes[0].ID != "donald-trump" || p.Nodes[2].ID != "kataib-hezbollah" {
			t.Fatalf("path = %v", pathString(p))
		}
		// Every edge joins consecutive nodes.
		for i, e := range p.Edges {
			a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
			if !(e.FromID == a && e.ToID == b || e.FromID == b && e.ToID == a) {
				t.Errorf("edge %d (%s) does not join %s and %s", i, e.ID, a, b)
			}
		}
	})

	t.Run("every edge's quotes occur in the article", func(t *testing.T) {
		text := []rune(neo4jtest.SeedArticle(t))
		page, err := s.Relationships(ctx, graph.RelationshipFilter{}, graph.PageRequest{First: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Relationships) == 0 {
			t.Fatal("no relationships")
		}
		var ids []string
		for _, r := range page.Relationships {
			if r.ClaimCount() == 0 {
				t.Errorf("edge %s has no claims", r.ID)
			}
			ids = append(ids, r.ClaimIDs...)
		}
		claims, err := s.ClaimsByID(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(claims) != len(ids) {
			t.Fatalf("found %d of %d claims", len(claims), len(ids))
		}
		for _, c := range claims {
			if got := string(text[c.Start:c.End]); got != c.Quote {
				t.Errorf("claim %s: article[%d:%d] = %q, quote %q", c.ID, c.Start, c.End, got, c.Quote)
			}
		}
	})

	t.Run("metonymy resolves and keeps the surface form", func(t *testing.T) {
		page, err := s.Relationships(ctx, graph.RelationshipFilter{Type: graph.RelWarns, FromID: "donald-trump", ToID: "iran"}, graph.PageRequest{First: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Relationships) != 1 {
			t.Fatalf("want donald-trump WARNS iran, got %+v", page.Relationships)
		}
		claims, err := s.ClaimsByID(ctx, page.Relationships[0].ClaimIDs)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, c := range claims {
			texts = append(texts, c.ObjectText)
		}
		if !slices.Contains(texts, "Tehran") {
			t.Errorf("object surface forms = %v, want Tehran among them", texts)
		}
	})
}

func TestTraversals(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	ctx := context.Background()

	sg, err := s.Neighbourhood(ctx, "abu-hussein-al-humaidawi", graph.Traversal{Depth: 1, Direction: graph.Outgoing, Types: []graph.RelationType{graph.RelLeads}, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(sg.Nodes) != 2 || sg.Nodes[0].ID != "abu-hussein-al-humaidawi" || sg.Nodes[1].ID != "kataib-hezbollah" {
		t.Fatalf("LEADS neighbourhood = %+v", sg.Nodes)
	}
	deeper, err := s.Neighbourhood(ctx, "abu-hussein-al-humaidawi", graph.Traversal{Depth: 2, Direction: graph.Both, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(deeper.Nodes) <= len(sg.Nodes) {
		t.Fatalf("depth 2 found %d nodes, depth 1 LEADS found %d", len(deeper.Nodes), len(sg.Nodes))
	}
	in := map[string]bool{}
	for _, n := range deeper.Nodes {
		in[n.ID] = true
	}
	for _, e := range deeper.Edges {
		if !in[e.FromID] || !in[e.ToID] {
			t.Errorf("edge %s leaves the subgraph", e.ID)
		}
	}
	limited, err := s.Neighbourhood(ctx, "iran", graph.Traversal{Depth: 2, Direction: graph.Both, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(limited.Nodes) != 4 {
		t.Fatalf("limit 3 gave %d nodes, want the anchor and 3", len(limited.Nodes))
	}

	_, err = s.Neighbourhood(ctx, "nobody", graph.Traversal{Depth: 1, Limit: 10})
	if graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Fatalf("missing anchor: err = %v, want ENOTFOUND", err)
	}
	_, err = s.Neighbourhood(ctx, "iran", graph.Traversal{Depth: 99, Limit: 10})
	if graph.ErrorCode(err) != graph.EINVALID {
		t.Fatalf("depth 99: err = %v, want EINVALID", err)
	}

	all, err := s.ShortestPaths(ctx, "donald-trump", "kataib-hezbollah", graph.Traversal{Depth: 6, Limit: 25}, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 1 {
		t.Fatal("no shortest paths")
	}
	for _, p := range all {
		if p.Length() != 2 {
			t.Errorf("allShortestPaths returned a path of length %d: %s", p.Length(), pathString(p))
		}
	}
	none, err := s.ShortestPaths(ctx, "donald-trump", "kataib-hezbollah", graph.Traversal{Depth: 6, Limit: 1, Types: []graph.RelationType{graph.RelDeployedTo}}, false)
	if err != nil || len(none) != 0 {
		t.Fatalf("path over DEPLOYED_TO only: %v, %v; want none", none, err)
	}
}

func TestSearchToleratesTypos(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	tests := []struct{ text, want string }{
		{"Kataib Hezbollah", "kataib-hezbollah"},
		{"Hezbolah", "kataib-hezbollah"},
		{"Humaidawy", "abu-hussein-al-humaidawi"},
		{"Tehran", "iran"},
		{"Washingtn", "united-states"},
		{"Nujab", "harakat-al-nujaba"},
		{"trump", "donald-trump"},
	}
	for _, tt := range tests {
		hits, err := s.Search(context.Background(), tt.text, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Actor.ID != tt.want {
			t.Errorf("search %q: top hit %v, want %s", tt.text, hits, tt.want)
		}
	}
}

func TestSearchInputIsInert(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	for _, text := range []string{`"`, `Iran~`, `*`, `name:Iran`, `(Iran`, `"unbalanced`, `\`, `AND OR NOT`, `' RETURN 1 //`, strings.Repeat("x", 1000)} {
		_, err := s.Search(context.Background(), text, 5)
		if err != nil && graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("search %.20q: %v", text, err)
		}
	}
	_, err := s.Search(context.Background(), "*** ~~", 5)
	var de *graph.Error
	if !errors.As(err, &de) || de.Code != graph.EINVALID {
		t.Fatalf("search without words: %v, want EINVALID", err)
	}
}

func TestActorsPaging(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	ctx := context.Background()
	var seen []string
	after := ""
	for range 20 {
		page, err := s.Actors(ctx, graph.ActorFilter{}, graph.PageRequest{First: 7, After: after})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page.Actors {
			seen = append(seen, a.ID)
		}
		if !page.HasNextPage {
			if len(seen) != page.TotalCount {
				t.Fatalf("paged through %d actors, total %d", len(seen), page.TotalCount)
			}
			break
		}
		after = page.Actors[len(page.Actors)-1].ID
	}
	if !slices.IsSorted(seen) || len(slices.Compact(slices.Clone(seen))) != len(seen) {
		t.Fatalf("pages are not in strict id order: %v", seen)
	}
	militias, err := s.Actors(ctx, graph.ActorFilter{Kind: graph.KindMilitia, NameContains: "HEZB"}, graph.PageRequest{First: 10})
	if err != nil {
		t.Fatal(err)
	}
	// "Harakat Hezbollah al-Nujaba" is an alias of Harakat al-Nujaba.
	if militias.TotalCount != 2 || militias.Actors[0].ID != "harakat-al-nujaba" || militias.Actors[1].ID != "kataib-hezbollah" {
		t.Fatalf("militias containing HEZB = %+v", militias)
	}
}

func pathString(p graph.Path) string {
	var b strings.Builder
	for i, n := range p.Nodes {
		b.WriteString(n.ID)
		if i < len(p.Edges) {
			b.WriteString(" -" + string(p.Edges[i].Type) + "- ")
		}
	}
	return b.String()
}

// ShortestPaths tells "no such actor" from "no path", and pays for the
// existence check only when the path query finds nothing.
func TestShortestPathOutcomes(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name, from, to string
		types          []graph.RelationType
		paths          int
		code           string
		roundTrips     int64
	}{
		{"a path", "donald-trump", "kataib-hezbollah", nil, 1, "", 1},
		{"no path over these types", "donald-trump", "kataib-hezbollah", []graph.RelationType{graph.RelDeployedTo}, 0, "", 2},
		{"no such source", "nobody", "iran", nil, 0, graph.ENOTFOUND, 2},
		{"no such target", "iran", "nobody", nil, 0, graph.ENOTFOUND, 2},
		{"an actor to itself", "iran", "iran", nil, 1, "", 1},
		{"nobody to itself", "nobody", "nobody", nil, 0, graph.ENOTFOUND, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := s.Queries()
			paths, err := s.ShortestPaths(ctx, tc.from, tc.to, graph.Traversal{Depth: 6, Direction: graph.Both, Types: tc.types, Limit: 1}, false)
			if code := graph.ErrorCode(err); err != nil && code != tc.code || err == nil && tc.code != "" {
				t.Fatalf("error %v, want code %q", err, tc.code)
			}
			if len(paths) != tc.paths {
				t.Fatalf("%d paths, want %d", len(paths), tc.paths)
			}
			if n := s.Queries() - before; n != tc.roundTrips {
				t.Errorf("%d round trips to Neo4j, want %d", n, tc.roundTrips)
			}
		})
	}
}

// The breadth-first neighbourhood must pick the same actors as the plain
// definition: every actor reachable within the depth, by distance, then id.
func TestNeighbourhoodMatchesDefinition(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	ctx := context.Background()
	const definition = `
		MATCH p = (a:Actor {id: $id})-[*1..%d]%s(b:Actor)
		WHERE b <> a AND all(r IN relationships(p) WHERE type(r) IN $types)
		WITH b, min(length(p)) AS dist
		ORDER BY dist, b.id LIMIT $limit
		RETURN b.id AS id`
	arrows := map[graph.Direction][2]string{graph.Both: {"-", "-"}, graph.Outgoing: {"-", "->"}, graph.Incoming: {"<-", "-"}}
	var allTypes []string
	for _, r := range graph.RelationTypes {
		allTypes = append(allTypes, string(r.Type))
	}
	checked := 0
	for _, id := range []string{"iran", "kataib-hezbollah", "donald-trump", "iranian-protesters"} {
		for _, dir := range []graph.Direction{graph.Both, graph.Outgoing, graph.Incoming} {
			for _, depth := range []int{1, 2, 3} {
				for _, limit := range []int{1, 3, 7, 100} {
					for _, types := range [][]graph.RelationType{nil, {graph.RelAlignedWith, graph.RelLeads, graph.RelSupports}} {
						names := allTypes
						if types != nil {
							names = nil
							for _, r := range types {
								names = append(names, string(r))
							}
						}
						a := arrows[dir]
						q := strings.Replace(fmt.Sprintf(definition, depth, a[1]), "(a:Actor {id: $id})-", "(a:Actor {id: $id})"+a[0], 1)
						want, err := s.RunReadOnly(ctx, q, map[string]any{"id": id, "types": names, "limit": limit})
						if err != nil {
							t.Fatal(err)
						}
						sg, err := s.Neighbourhood(ctx, id, graph.Traversal{Depth: depth, Direction: dir, Types: types, Limit: limit})
						if err != nil {
							t.Fatal(err)
						}
						var got, exp []string
						for _, n := range sg.Nodes[1:] {
							got = append(got, n.ID)
						}
						for _, r := range want.Rows {
							exp = append(exp, r[0].(string))
						}
						if !slices.Equal(got, exp) {
							t.Errorf("%s %s depth %d limit %d types %v:\n got %v\nwant %v", id, dir, depth, limit, types, got, exp)
						}
						checked++
					}
				}
			}
		}
	}
	t.Logf("%d neighbourhoods checked", checked)
}

// Time windows on claims dated every way the model knows (synthetic
// articles with publication dates: undated events on the day, undated
// states from it on, past claims dated last year, expected ones next
// year): the claims and relationships a window selects are those whose
// intervals, as the loader derived them, meet it.
func TestTimeWindowsOnDatedClaims(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	dir := t.TempDir()
	if err := synth.Write(ctx, dir, synth.Spec{Articles: 6, ClaimsPerArticle: 20, Seed: 3}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := loaders.Load(ctx, s, dir); err != nil {
		t.Fatal(err)
	}
	files, err := loaders.ClaimsFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	loads, err := loaders.ParseAll(files)
	if err != nil {
		t.Fatal(err)
	}
	var claims []graph.Claim
	for _, l := range loads {
		claims = append(claims, l.Claims...)
	}
	windows := []graph.TimeWindow{
		{From: "2000-01-01", To: "2000-01-01"}, // the first article's day
		{From: "2001-02-02", To: "2001-02-02"},
		{From: "1999-01-01", To: "1999-12-31"}, // last year of the first article
		{From: "2006-06-01", To: "2006-06-30"}, // next year of the fifth
		{From: "2003-01-01"},
		{To: "2001-12-31"},
		{From: "2000-06-01", To: "2000-12-31"}, // standing relations since the first articles
	}
	for _, w := range windows {
		wantClaims, wantRels := map[string]bool{}, map[string]bool{}
		for _, c := range claims {
			if w.Matches(c.Valid) {
				wantClaims[c.ID], wantRels[c.RelationshipID()] = true, true
			}
		}
		page, err := s.Claims(ctx, graph.ClaimFilter{Window: w}, graph.PageRequest{First: 1000})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, c := range page.Claims {
			got[c.ID] = true
		}
		rels, err := s.Relationships(ctx, graph.RelationshipFilter{Evidence: graph.EvidenceFilter{Window: w}}, graph.PageRequest{First: 1000})
		if err != nil {
			t.Fatal(err)
		}
		gotRels := map[string]bool{}
		for _, r := range rels.Relationships {
			gotRels[r.ID] = true
		}
		if !maps.Equal(got, wantClaims) || !maps.Equal(gotRels, wantRels) || page.TotalCount != len(wantClaims) {
			t.Errorf("window %+v: %d claims and %d relationships, want %d and %d", w, len(got), len(gotRels), len(wantClaims), len(wantRels))
		}
		if len(wantClaims) == 0 || len(wantClaims) == len(claims) {
			t.Errorf("window %+v selects %d of %d claims: it tells nothing apart", w, len(wantClaims), len(claims))
		}
	}
}

// Processes that start together (a server and a load) each ensure the
// schema; none may fail because another created an index first.
func TestEnsureSchemaConcurrently(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	if err := s.DropSchema(ctx); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range cap(errs) {
		go func() { errs <- s.EnsureSchema(ctx) }()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Errorf("ensure schema beside others: %v", err)
		}
	}
	if missing, err := s.MissingSchema(ctx); err != nil || len(missing) > 0 {
		t.Fatalf("missing after ensuring: %v, %v", missing, err)
	}
	// Planning the load statements on a sample load leaves nothing behind.
	if st := neo4jtest.MustStats(t, s); st != (graph.Stats{}) {
		t.Fatalf("ensuring the schema wrote %+v", st)
	}
}
