package neo4j_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/synth"
)

// The contract between the two implementations of graph.Reader and
// graph.Writer: the Neo4j store and the in-memory store (graph/inmem),
// given the same articles, answer every question alike: the same values in
// the same order, the same pages, the same errors. Tests above the store
// run against the in-memory one; this test is what lets them.

// question is one call to a store; its answer is compared as a whole.
type question struct {
	name string
	ask  func(ctx context.Context, r store) (any, error)
}

// store is what the contract covers: the Reader, and the reads exports and
// the command make besides.
type store interface {
	graph.Reader
	WholeGraph(ctx context.Context) (graph.Subgraph, error)
	Stats(ctx context.Context) (graph.Stats, error)
}

// contractStores returns the Neo4j store and an in-memory store holding
// the same graph: the seed and a synthetic corpus with hub actors (power
// law), many paths and pages.
func contractStores(t *testing.T) (db *neo4jstore.Store, mem *inmem.Store, synthDir string) {
	t.Helper()
	synthDir = t.TempDir()
	if err := synth.Write(context.Background(), synthDir, synth.Spec{Articles: 40, Seed: 8}, nil); err != nil {
		t.Fatal(err)
	}
	db = neo4jtest.MustOpenEmpty(t)
	mem = inmem.New()
	for _, w := range []graph.Writer{db, mem} {
		if _, err := loaders.Load(context.Background(), w, neo4jtest.SeedDir(), synthDir); err != nil {
			t.Fatalf("load: %v", err)
		}
	}
	return db, mem, synthDir
}

// compare asks both stores every question and reports each difference.
func compare(t *testing.T, db, mem store, qs []question) {
	t.Helper()
	ctx := context.Background()
	for _, q := range qs {
		want, werr := q.ask(ctx, db)
		got, gerr := q.ask(ctx, mem)
		if graph.ErrorCode(werr) != graph.ErrorCode(gerr) || errText(werr) != errText(gerr) {
			t.Errorf("%s: error %v (%s) in memory, %v (%s) in Neo4j", q.name, gerr, graph.ErrorCode(gerr), werr, graph.ErrorCode(werr))
			continue
		}
		if werr == nil && !reflect.DeepEqual(want, got) {
			t.Errorf("%s:\nin memory %s\nin Neo4j  %s", q.name, show(got), show(want))
		}
	}
}

// errText is the client-facing message of err, "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return graph.ErrorMessage(err)
}

func show(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 1500 {
		b = append(b[:1500], "…"...)
	}
	return string(b)
}

func TestInMemoryStoreAnswersAsNeo4jDoes(t *testing.T) {
	db, mem, _ := contractStores(t)
	ctx := context.Background()

	hub, mid, rare := synth.ActorID(0), synth.ActorID(7), synth.ActorID(60)
	seedActors := []string{"iran", "kataib-hezbollah", "donald-trump", "iranian-protesters", "united-states"}
	actors := append(append([]string{}, seedActors...), hub, mid, rare)
	types := [][]graph.RelationType{nil, {graph.RelAlignedWith, graph.RelLeads, graph.RelSupports}}
	dirs := []graph.Direction{graph.Both, graph.Outgoing, graph.Incoming}

	var qs []question
	add := func(name string, ask func(context.Context, store) (any, error)) {
		qs = append(qs, question{name, ask})
	}

	// Single entities, whole lists and counts.
	add("stats", func(ctx context.Context, r store) (any, error) { return r.Stats(ctx) })
	add("whole graph", func(ctx context.Context, r store) (any, error) { return r.WholeGraph(ctx) })
	add("articles", func(ctx context.Context, r store) (any, error) { return r.Articles(ctx) })
	add("actors by id", func(ctx context.Context, r store) (any, error) {
		return r.ActorsByID(ctx, append(actors, "nobody"))
	})
	add("articles by id", func(ctx context.Context, r store) (any, error) {
		return r.ArticlesByID(ctx, []string{"iran-aligned-militias-threaten-us", synth.ArticleID(3), "nope"})
	})
	add("claims of articles", func(ctx context.Context, r store) (any, error) {
		return r.ClaimsOfArticles(ctx, []string{"iran-aligned-militias-threaten-us", synth.ArticleID(0), synth.ArticleID(39), "nope"})
	})
	add("article ids", func(ctx context.Context, r store) (any, error) { return r.ArticleIDs(ctx) })
	add("declarations", func(ctx context.Context, r store) (any, error) {
		return r.Declarations(ctx, []string{"iran-aligned-militias-threaten-us", synth.ArticleID(0), synth.ArticleID(39), "nope"})
	})
	add("claims by id", func(ctx context.Context, r store) (any, error) {
		return r.ClaimsByID(ctx, []string{synth.ArticleID(1) + "/c1", synth.ArticleID(1) + "/c20", "iran-aligned-militias-threaten-us/nope"})
	})

	// Pages, walked to the end.
	actorFilters := []graph.ActorFilter{{}, {Kind: graph.KindMilitia}, {NameContains: "IRAN"}, {NameContains: "tehran"}, {Kind: graph.KindPerson, NameContains: "a"}, {NameContains: "no such name"}}
	for _, f := range actorFilters {
		for _, first := range []int{1, 7, 100} {
			add(fmt.Sprintf("actors %+v first %d", f, first), func(ctx context.Context, r store) (any, error) {
				return walkPages(func(after string) (any, string, bool, error) {
					p, err := r.Actors(ctx, f, graph.PageRequest{First: first, After: after})
					if err != nil || len(p.Actors) == 0 {
						return p, "", false, err
					}
					return p, p.Actors[len(p.Actors)-1].ID, p.HasNextPage, nil
				})
			})
		}
	}
	yes, no := true, false
	asOf := func(d string) graph.TimeWindow { return graph.TimeWindow{From: d, To: d} }
	evidence := []graph.EvidenceFilter{
		{Certainties: []graph.Certainty{graph.Alleged}}, {Certainties: []graph.Certainty{graph.Hypothetical, graph.Denied}},
		{OwnStatement: &yes}, {OwnStatement: &no}, {Conditional: &yes}, {Conditional: &no},
		{Window: asOf("2003-04-04")}, {Window: graph.TimeWindow{From: "2010-01-01", To: "2012-12-31"}}, {Window: graph.TimeWindow{To: "2001-12-31"}},
		{Window: graph.TimeWindow{From: "2020-06-01"}},
		{Certainties: []graph.Certainty{graph.Reported}, OwnStatement: &yes, Conditional: &yes},
		{Certainties: []graph.Certainty{graph.Alleged}, OwnStatement: &no, Window: graph.TimeWindow{From: "2005-01-01", To: "2015-12-31"}},
	}
	relFilters := []graph.RelationshipFilter{{}, {Type: graph.RelAlignedWith}, {ToID: "iran"}, {FromID: "kataib-hezbollah"},
		{AttributedTo: "iranian-opposition-circles"}, {Type: graph.RelAlignedWith, ToID: "iran", Evidence: graph.EvidenceFilter{Certainties: []graph.Certainty{graph.Reported}}},
		{FromID: hub}, {ToID: hub, Type: graph.RelThreatens}, {AttributedTo: hub}, {FromID: hub, Evidence: evidence[6]}}
	for _, ev := range evidence {
		relFilters = append(relFilters, graph.RelationshipFilter{Evidence: ev})
	}
	for _, f := range relFilters {
		for _, first := range []int{3, 100} {
			add(fmt.Sprintf("relationships %+v first %d", f, first), func(ctx context.Context, r store) (any, error) {
				return walkPages(func(after string) (any, string, bool, error) {
					p, err := r.Relationships(ctx, f, graph.PageRequest{First: first, After: after})
					if err != nil || len(p.Relationships) == 0 {
						return p, "", false, err
					}
					return p, p.Relationships[len(p.Relationships)-1].ID, p.HasNextPage, nil
				})
			})
		}
	}
	add("actors after the last id", func(ctx context.Context, r store) (any, error) {
		return r.Actors(ctx, graph.ActorFilter{}, graph.PageRequest{First: 5, After: "zzz"})
	})
	add("actors, first 0", func(ctx context.Context, r store) (any, error) {
		return r.Actors(ctx, graph.ActorFilter{}, graph.PageRequest{First: 0})
	})
	add("relationships of an unknown type", func(ctx context.Context, r store) (any, error) {
		return r.Relationships(ctx, graph.RelationshipFilter{Type: "BEFRIENDS"}, graph.PageRequest{First: 5})
	})
	for _, ev := range []graph.EvidenceFilter{{Certainties: []graph.Certainty{"CERTAIN"}}, {Window: graph.TimeWindow{From: "2020-01-01", To: "2019-01-01"}}} {
		add(fmt.Sprintf("relationships, bad evidence %+v", ev), func(ctx context.Context, r store) (any, error) {
			return r.Relationships(ctx, graph.RelationshipFilter{Evidence: ev}, graph.PageRequest{First: 5})
		})
		add(fmt.Sprintf("neighbourhood, bad evidence %+v", ev), func(ctx context.Context, r store) (any, error) {
			return r.Neighbourhood(ctx, "iran", graph.Traversal{Depth: 1, Limit: 5, Evidence: ev})
		})
	}

	// The network view's light read of every relationship, under every
	// evidence filter and with types.
	for _, ev := range append([]graph.EvidenceFilter{{}}, evidence...) {
		add(fmt.Sprintf("network edges %+v", ev), func(ctx context.Context, r store) (any, error) { return r.NetworkEdges(ctx, nil, ev) })
	}
	add("network edges of two types", func(ctx context.Context, r store) (any, error) {
		return r.NetworkEdges(ctx, []graph.RelationType{graph.RelHelpsSuppress, graph.RelAlignedWith}, graph.EvidenceFilter{})
	})
	add("network edges of an unknown type", func(ctx context.Context, r store) (any, error) {
		return r.NetworkEdges(ctx, []graph.RelationType{"BEFRIENDS"}, graph.EvidenceFilter{})
	})

	// Claims: pages in id order under every filter, walked to the end.
	seedArticle := "iran-aligned-militias-threaten-us"
	claimFilters := []graph.ClaimFilter{{}, {ArticleID: seedArticle}, {ArticleID: synth.ArticleID(5)}, {SubjectID: "kataib-hezbollah"},
		{ObjectID: "iran"}, {ActorID: "iran"}, {ActorID: hub}, {AttributedTo: "iranian-opposition-circles"}, {AttributedTo: hub},
		{Publication: "actorgraph synthetic corpus", ActorID: mid}, {Publication: "no such publication"},
		{Types: []graph.RelationType{graph.RelHelpsSuppress, graph.RelAlignedWith}}, {TimeStatuses: []graph.TimeStatus{graph.Past}},
		{TimeStatuses: []graph.TimeStatus{graph.Expected, graph.Ongoing}, ArticleID: seedArticle},
		{IDs: []string{seedArticle + "/kh-aligned-with-iran", synth.ArticleID(2) + "/c3", "nope"}, Certainties: []graph.Certainty{graph.Reported, graph.Alleged}},
		{SubjectID: "kataib-hezbollah", ObjectID: "united-states", Conditional: &yes}}
	for _, ev := range evidence {
		claimFilters = append(claimFilters, graph.ClaimFilter{Certainties: ev.Certainties, OwnStatement: ev.OwnStatement, Conditional: ev.Conditional, Window: ev.Window})
	}
	for _, f := range claimFilters {
		for _, first := range []int{1, 7, 100} {
			add(fmt.Sprintf("claims %+v first %d", f, first), func(ctx context.Context, r store) (any, error) {
				return walkPages(func(after string) (any, string, bool, error) {
					p, err := r.Claims(ctx, f, graph.PageRequest{First: first, After: after})
					if err != nil || len(p.Claims) == 0 {
						return p, "", false, err
					}
					return p, p.Claims[len(p.Claims)-1].ID, p.HasNextPage, nil
				})
			})
		}
	}
	for name, f := range map[string]graph.ClaimFilter{
		"unknown certainty": {Certainties: []graph.Certainty{"CERTAIN"}}, "unknown type": {Types: []graph.RelationType{"BEFRIENDS"}},
		"unknown time status": {TimeStatuses: []graph.TimeStatus{"SOMETIMES"}}, "backward window": {Window: graph.TimeWindow{From: "2020-01-01", To: "2019-01-01"}},
		"text without words": {Text: `("~*:`},
	} {
		add("claims, "+name, func(ctx context.Context, r store) (any, error) { return r.Claims(ctx, f, graph.PageRequest{First: 5}) })
	}
	add("claims, first 0", func(ctx context.Context, r store) (any, error) {
		return r.Claims(ctx, graph.ClaimFilter{}, graph.PageRequest{First: 0})
	})
	add("claims, a search after a position that is not one", func(ctx context.Context, r store) (any, error) {
		return r.Claims(ctx, graph.ClaimFilter{Text: "warned"}, graph.PageRequest{First: 5, After: "c1"})
	})
	// Text search: the same claims found (and counted), in pages by
	// position; scores are the index's own, so the order is not compared.
	for _, f := range []graph.ClaimFilter{{Text: "retaliation"}, {Text: "retaliaton"}, {Text: "militias"}, {Text: "drone strikes"},
		{Text: "warned", ArticleID: seedArticle}, {Text: "protesters", Certainties: []graph.Certainty{graph.Alleged}},
		{Text: synthName(t, mem, mid)}} {
		add(fmt.Sprintf("claims search %+v", f), func(ctx context.Context, r store) (any, error) {
			var ids []string
			total := -1
			for skip := 0; ; skip += 4 {
				p, err := r.Claims(ctx, f, graph.PageRequest{First: 4, After: strconv.Itoa(skip)})
				if err != nil {
					return nil, err
				}
				total = p.TotalCount
				for _, c := range p.Claims {
					ids = append(ids, c.ID)
				}
				if !p.HasNextPage {
					break
				}
			}
			slices.Sort(ids)
			if len(ids) != total {
				return nil, fmt.Errorf("paged %d hits, total %d", len(ids), total)
			}
			return ids, nil
		})
	}

	// Relationships of actors, batched.
	for _, dir := range dirs {
		for _, ts := range types {
			add(fmt.Sprintf("relationships of actors %s %v", dir, ts), func(ctx context.Context, r store) (any, error) {
				return r.RelationshipsOf(ctx, append(actors, "nobody", "iran"), dir, ts)
			})
		}
	}
	add("relationships of actors, unknown type", func(ctx context.Context, r store) (any, error) {
		return r.RelationshipsOf(ctx, []string{"iran"}, graph.Both, []graph.RelationType{"BEFRIENDS"})
	})
	add("relationships of actors, unknown direction", func(ctx context.Context, r store) (any, error) {
		return r.RelationshipsOf(ctx, []string{"iran"}, "SIDEWAYS", nil)
	})

	// Neighbourhoods.
	for _, id := range actors {
		for _, dir := range dirs {
			for _, depth := range []int{1, 2, 3} {
				for _, limit := range []int{1, 7, 100} {
					for _, ts := range types {
						tr := graph.Traversal{Depth: depth, Direction: dir, Types: ts, Limit: limit}
						add(fmt.Sprintf("neighbourhood %s %+v", id, tr), func(ctx context.Context, r store) (any, error) {
							return r.Neighbourhood(ctx, id, tr)
						})
					}
				}
			}
		}
	}
	for _, id := range []string{"iran", "kataib-hezbollah", hub, mid} {
		for _, ev := range evidence {
			for _, depth := range []int{1, 2} {
				tr := graph.Traversal{Depth: depth, Limit: 100, Evidence: ev}
				add(fmt.Sprintf("neighbourhood %s %+v", id, tr), func(ctx context.Context, r store) (any, error) {
					return r.Neighbourhood(ctx, id, tr)
				})
			}
		}
	}
	// The edge budget: the strongest relationships kept, the total counted.
	for _, id := range []string{"iran", hub, mid} {
		for _, maxEdges := range []int{1, 5, 20, 100} {
			for _, depth := range []int{1, 2} {
				for _, ev := range []graph.EvidenceFilter{{}, evidence[1]} {
					tr := graph.Traversal{Depth: depth, Limit: 100, MaxEdges: maxEdges, Evidence: ev}
					add(fmt.Sprintf("neighbourhood %s %+v", id, tr), func(ctx context.Context, r store) (any, error) {
						return r.Neighbourhood(ctx, id, tr)
					})
				}
			}
		}
	}
	for _, tr := range []graph.Traversal{{Depth: 1, Limit: 5, MaxEdges: -1}, {Depth: 0, Limit: 5}, {Depth: graph.MaxDepth + 1, Limit: 5}, {Depth: 1, Limit: 5, Types: []graph.RelationType{"BEFRIENDS"}}, {Depth: 1, Limit: 5, Direction: "SIDEWAYS"}} {
		add(fmt.Sprintf("neighbourhood of iran %+v", tr), func(ctx context.Context, r store) (any, error) { return r.Neighbourhood(ctx, "iran", tr) })
	}
	add("neighbourhood of nobody", func(ctx context.Context, r store) (any, error) {
		return r.Neighbourhood(ctx, "nobody", graph.Traversal{Depth: 1, Limit: 5})
	})

	// Shortest paths: between seed actors, between synthetic ones (where
	// no more than 100 paths tie, so that Neo4j's pool holds them all),
	// from an actor to itself, across the two unconnected parts, and to
	// actors that do not exist.
	pairs := [][2]string{{"donald-trump", "kataib-hezbollah"}, {"kataib-hezbollah", "donald-trump"}, {"iran", "united-states"},
		{"iranian-protesters", "donald-trump"}, {"iran", "iran"}, {"iran", hub}, {"nobody", "iran"}, {"iran", "nobody"}}
	checkedSynth := 0
	for i := 0; i < 40 && checkedSynth < 12; i++ {
		a, b := synth.ActorID(i), synth.ActorID(i*7%90+5)
		ps, err := mem.ShortestPaths(ctx, a, b, graph.Traversal{Depth: graph.MaxDepth, Limit: 1000}, true)
		if err != nil || len(ps) == 0 || len(ps) > 100 || a == b {
			continue
		}
		pairs = append(pairs, [2]string{a, b})
		checkedSynth++
	}
	if checkedSynth < 8 {
		t.Fatalf("only %d synthetic pairs with a path and at most 100 shortest paths", checkedSynth)
	}
	for i, p := range pairs {
		tss, depths := append(types, []graph.RelationType{graph.RelDeployedTo}), []int{1, 2, graph.MaxDepth}
		if i >= len(pairs)-checkedSynth { // synthetic pairs: every direction, fewer variations
			tss, depths = types[:1], []int{graph.MaxDepth}
		}
		for _, dir := range dirs {
			for _, ts := range tss {
				for _, depth := range depths {
					for _, all := range []bool{false, true} {
						tr := graph.Traversal{Depth: depth, Direction: dir, Types: ts, Limit: 100}
						add(fmt.Sprintf("shortest paths %s→%s %+v all=%v", p[0], p[1], tr, all), func(ctx context.Context, r store) (any, error) {
							return r.ShortestPaths(ctx, p[0], p[1], tr, all)
						})
					}
				}
			}
		}
	}
	for _, p := range pairs[:4] {
		for _, ev := range evidence {
			tr := graph.Traversal{Depth: graph.MaxDepth, Direction: graph.Both, Limit: 100, Evidence: ev}
			add(fmt.Sprintf("shortest paths %s→%s %+v", p[0], p[1], tr), func(ctx context.Context, r store) (any, error) {
				return r.ShortestPaths(ctx, p[0], p[1], tr, true)
			})
		}
	}
	add("shortest paths, depth 7", func(ctx context.Context, r store) (any, error) {
		return r.ShortestPaths(ctx, "iran", "iraq", graph.Traversal{Depth: 7, Limit: 1}, false)
	})

	// Search: the same actors found first; scores are the index's own.
	for _, text := range []string{"Kataib Hezbollah", "Hezbolah", "Tehran", "Humaidawy", "Trump", "iran", "Hamidawi", "  kataib   HEZBOLLAH ",
		"Islamic Republic", synthName(t, mem, hub), synthName(t, mem, mid), synthName(t, mem, rare)} {
		add("search "+text, func(ctx context.Context, r store) (any, error) {
			hits, err := r.Search(ctx, text, 3)
			if err != nil || len(hits) == 0 {
				return nil, err
			}
			return hits[0].Actor, nil
		})
	}
	add("search for punctuation", func(ctx context.Context, r store) (any, error) { return r.Search(ctx, `("~*:`, 3) })

	// A call whose deadline has passed.
	add("past deadline", func(ctx context.Context, r store) (any, error) {
		ctx, cancel := context.WithDeadline(ctx, time.Now().Add(-time.Second))
		defer cancel()
		return r.Neighbourhood(ctx, "iran", graph.Traversal{Depth: 1, Limit: 5})
	})

	compare(t, db, mem, qs)
	t.Logf("%d questions asked of both stores", len(qs))
}

// Loading an article again replaces its claims and its declarations of
// its actors in both stores alike: relationships that lost every claim
// go, the others are recomputed; an alias no article declares any more
// goes, one another article still declares stays; the alias check then
// sees the graph as it is.
func TestInMemoryStoreReloadsAsNeo4jDoes(t *testing.T) {
	db, mem, synthDir := contractStores(t)
	ctx := context.Background()
	files, err := loaders.ClaimsFiles([]string{neo4jtest.SeedDir(), synthDir})
	if err != nil {
		t.Fatal(err)
	}
	loads, err := loaders.ParseAll(files)
	if err != nil {
		t.Fatal(err)
	}
	// Every other claim of three articles dropped, the rest made alleged;
	// in the seed, Iran loses the alias "Tehran" and gains "Persia", and
	// in another article an actor loses every alias it declared.
	const seedArticle = "iran-aligned-militias-threaten-us"
	var again []graph.ArticleLoad
	var stripped string
	for _, l := range loads[:3] {
		var kept []graph.Claim
		for i, c := range l.Claims {
			if i%2 == 0 {
				c.Certainty = graph.Alleged
				kept = append(kept, c)
			}
		}
		l.Claims = kept
		l.Actors = slices.Clone(l.Actors)
		for i, a := range l.Actors {
			switch {
			case l.Article.ID == seedArticle && a.ID == "iran":
				a.Aliases = append(slices.DeleteFunc(slices.Clone(a.Aliases), func(al string) bool { return al == "Tehran" }), "Persia")
			case l.Article.ID != seedArticle && stripped == "" && len(a.Aliases) > 0:
				a.Aliases, stripped = nil, a.ID
			}
			l.Actors[i] = a
		}
		again = append(again, l)
	}
	if stripped == "" {
		t.Fatal("no actor with aliases in the reloaded synthetic articles")
	}
	for _, w := range []graph.Writer{db, mem} {
		if _, err := w.LoadArticles(ctx, again); err != nil {
			t.Fatal(err)
		}
		if _, err := w.LoadArticles(ctx, []graph.ArticleLoad{loads[3], loads[3]}); graph.ErrorCode(err) != graph.EINVALID {
			t.Fatalf("an article twice in one load: %v", err)
		}
	}
	var ids []string
	for _, l := range loads {
		ids = append(ids, l.Article.ID)
	}
	conflicts := func(names []graph.ActorName, replacing []string) func(context.Context, store) (any, error) {
		return func(ctx context.Context, r store) (any, error) {
			return r.(graph.Writer).AliasConflicts(ctx, names, replacing)
		}
	}
	compare(t, db, mem, []question{
		{"stats", func(ctx context.Context, r store) (any, error) { return r.Stats(ctx) }},
		{"whole graph", func(ctx context.Context, r store) (any, error) { return r.WholeGraph(ctx) }},
		{"claims of articles", func(ctx context.Context, r store) (any, error) { return r.ClaimsOfArticles(ctx, ids) }},
		{"declarations", func(ctx context.Context, r store) (any, error) { return r.Declarations(ctx, ids) }},
		{"actors", func(ctx context.Context, r store) (any, error) {
			return r.Actors(ctx, graph.ActorFilter{}, graph.PageRequest{First: 1000})
		}},
		{"actors named Tehran", func(ctx context.Context, r store) (any, error) {
			return r.Actors(ctx, graph.ActorFilter{NameContains: "tehran"}, graph.PageRequest{First: 100})
		}},
		{"search Persia", func(ctx context.Context, r store) (any, error) {
			hits, err := r.Search(ctx, "Persia", 3)
			if err != nil || len(hits) == 0 {
				return nil, err
			}
			return hits[0].Actor, nil // scores are the index's own
		}},
		{"alias conflicts", conflicts([]graph.ActorName{{Name: "Persia", ActorID: "iraq"}, {Name: "tehran", ActorID: "iraq"},
			{Name: "IRAN", ActorID: "iraq"}, {Name: "Baghdad", ActorID: "iraq"}, {Name: "persia", ActorID: "syria"}}, nil)},
		{"alias conflicts, replacing the seed", conflicts([]graph.ActorName{{Name: "Persia", ActorID: "iraq"}, {Name: "Iran", ActorID: "iraq"}}, []string{seedArticle})},
		{"alias conflicts, none declared", conflicts(nil, nil)},
	})
	// What the reload did, as both stores agree it.
	got, err := mem.ActorsByID(ctx, []string{"iran", stripped})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(got["iran"].Aliases, "Tehran") || !slices.Contains(got["iran"].Aliases, "Persia") {
		t.Errorf("iran's aliases after the reload: %q", got["iran"].Aliases)
	}
	t.Logf("%s has the aliases %q after its article stopped declaring any", stripped, got[stripped].Aliases)
}

// walkPages collects every page next returns, following its cursor.
func walkPages(next func(after string) (page any, last string, more bool, err error)) (any, error) {
	var pages []any
	after := ""
	for {
		p, last, more, err := next(after)
		if err != nil {
			return nil, err
		}
		pages = append(pages, p)
		if !more {
			return pages, nil
		}
		after = last
	}
}

// synthName returns a synthetic actor's name. (Its words are short made-up
// ones: with a typo, many actors would tie, and the two stores may order
// near ties differently.)
func synthName(t *testing.T, r graph.Reader, id string) string {
	t.Helper()
	a, err := r.ActorsByID(context.Background(), []string{id})
	if err != nil || a[id].Name == "" {
		t.Fatalf("actor %s: %v", id, err)
	}
	return a[id].Name
}
