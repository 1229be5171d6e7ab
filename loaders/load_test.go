package loaders_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
)

func TestLoadSeedIsIdempotent(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	res, err := loaders.Load(ctx, s, neo4jtest.SeedDir())
	if err != nil {
		t.Fatal(err)
	}
	first := neo4jtest.MustStats(t, s)
	if first.Articles != 1 || first.Claims != res[0].Claims || first.Actors != res[0].Actors || first.Relationships != res[0].Relationships {
		t.Fatalf("after one load: %+v, loader reported %+v", first, res[0])
	}
	if _, err := loaders.Load(ctx, s, neo4jtest.SeedDir()); err != nil {
		t.Fatal(err)
	}
	if second := neo4jtest.MustStats(t, s); second != first {
		t.Fatalf("second load changed counts: %+v, then %+v", first, second)
	}
}

func TestBadFileWritesNothing(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	dir := t.TempDir()
	// A good file and a bad one in the same load: neither is written.
	good := writeCaseIn(t, dir, "a.yaml", valid)
	bad := writeCaseIn(t, dir, "b.yaml", strings.Replace(strings.Replace(valid, "test-article", "other-article", 1),
		"relation: WARNS", "relation: BEFRIENDS", 1))
	_, err := loaders.Load(context.Background(), s, dir)
	if err == nil || !strings.Contains(err.Error(), bad+":29: unknown relation type") {
		t.Fatalf("want the bad file's problem, got %v", err)
	}
	if st := neo4jtest.MustStats(t, s); st != (graph.Stats{}) {
		t.Fatalf("a failed load wrote %+v", st)
	}
	if _, err := loaders.Load(context.Background(), s, good); err != nil {
		t.Fatal(err)
	}
}

func TestClaimsFromTwoArticlesAccumulate(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	dir := t.TempDir()
	writeCaseIn(t, dir, "one.yaml", valid)
	second := `format: 2
article:
  id: second-article
  title: Another test
  file: second.txt
  publishedAt: 2026-02-01
  source: The Other Paper
actors:
  - {id: iran, name: Iran, kind: STATE}
  - {id: united-states, name: United States, kind: STATE, aliases: [US]}
  - {id: the-militia, name: The Militia, kind: MILITIA}
claims:
  - id: c1
    subject: Iran
    relation: SUPPORTS
    object: the-militia
    objectText: the Militia
    certainty: ASSERTED
    quote: Iran funds the Militia.
  - id: c2
    subject: US
    relation: WARNS
    object: Iran
    certainty: REPORTED
    ownStatement: true
    attributedTo: US
    quote: The US warned Iran.
`
	if err := os.WriteFile(filepath.Join(dir, "second.txt"), []byte("Iran funds the Militia. The US warned Iran."), 0o644); err != nil {
		t.Fatal(err)
	}
	writeCaseIn(t, dir, "two.yaml", second)
	if _, err := loaders.Load(ctx, s, dir); err != nil {
		t.Fatal(err)
	}
	st := neo4jtest.MustStats(t, s)
	if st.Articles != 2 || st.Claims != 4 || st.Relationships != 2 || st.Actors != 3 {
		t.Fatalf("stats = %+v, want 2 articles, 4 claims, 2 relationships, 3 actors", st)
	}
	page, err := s.Relationships(ctx, graph.RelationshipFilter{Type: graph.RelWarns}, graph.PageRequest{First: 10})
	if err != nil {
		t.Fatal(err)
	}
	r := page.Relationships[0]
	if r.ClaimCount() != 2 || r.ArticleCount() != 2 || r.FromID != "united-states" || r.ToID != "iran" ||
		r.Certainty != graph.Reported || r.Count(graph.Reported) != 2 || r.OwnStatements != 2 || r.Conditionals != 1 {
		t.Fatalf("accumulated edge = %+v", r)
	}
	// Reloading one article keeps the other's claims on the shared edge.
	if _, err := loaders.Load(ctx, s, filepath.Join(dir, "one.yaml")); err != nil {
		t.Fatal(err)
	}
	if again := neo4jtest.MustStats(t, s); again != st {
		t.Fatalf("reloading one article changed counts: %+v, then %+v", st, again)
	}
}

func TestReloadDropsRemovedClaims(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	dir := t.TempDir()
	// A third claim on c2's WARNS edge, in the article's own voice.
	three := valid + `  - id: c3
    subject: Washington
    relation: WARNS
    object: Tehran
    certainty: ASSERTED
    quote: Washington warns Tehran
`
	path := writeCaseIn(t, dir, "a.yaml", three)
	if _, err := loaders.Load(ctx, s, path); err != nil {
		t.Fatal(err)
	}
	warns := func() []graph.Relationship {
		t.Helper()
		page, err := s.Relationships(ctx, graph.RelationshipFilter{Type: graph.RelWarns}, graph.PageRequest{First: 10})
		if err != nil {
			t.Fatal(err)
		}
		return page.Relationships
	}
	if w := warns(); len(w) != 1 || w[0].ClaimCount() != 2 || w[0].Certainty != graph.Asserted || w[0].SourceCount() != 2 || w[0].Conditionals != 1 {
		t.Fatalf("WARNS with two claims: %+v", w)
	}
	// Drop c3: the edge's summary is recomputed from the claim left.
	writeCaseIn(t, dir, "a.yaml", valid)
	if _, err := loaders.Load(ctx, s, path); err != nil {
		t.Fatal(err)
	}
	if w := warns(); len(w) != 1 || w[0].ClaimCount() != 1 || w[0].Certainty != graph.Reported || w[0].Count(graph.Asserted) != 0 ||
		w[0].SourceCount() != 1 || w[0].Conditionals != 1 || w[0].OwnStatements != 1 {
		t.Fatalf("WARNS after dropping c3: %+v", w)
	}
	// Drop c2 as well: its WARNS edge must disappear, not linger with no support.
	one := valid[:strings.Index(valid, "  - id: c2")]
	writeCaseIn(t, dir, "a.yaml", one)
	if _, err := loaders.Load(ctx, s, path); err != nil {
		t.Fatal(err)
	}
	st := neo4jtest.MustStats(t, s)
	if st.Claims != 1 || st.Relationships != 1 {
		t.Fatalf("after removing a claim: %+v, want 1 claim and 1 relationship", st)
	}
	if w := warns(); len(w) != 0 {
		t.Fatalf("WARNS left without claims: %+v", w)
	}
}

// Aliases are each article's declaration: reloading an article that no
// longer declares an alias removes it, unless another article still
// declares it.
func TestReloadRemovesAliases(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	dir := t.TempDir()
	withIranAliases := func(f, aliases string) string {
		return strings.Replace(f, "    aliases: [Tehran]\n", "    aliases: ["+aliases+"]\n", 1)
	}
	a := writeCaseIn(t, dir, "a.yaml", withIranAliases(valid, "Tehran, Islamic Republic, Persia"))
	if err := os.WriteFile(filepath.Join(dir, "second.txt"), []byte("Tehran backs the Militia."), 0o644); err != nil {
		t.Fatal(err)
	}
	second := strings.NewReplacer("id: test-article", "id: second-article", "file: article.txt", "file: second.txt").
		Replace(withIranAliases(valid[:strings.Index(valid, "  - id: c2")], "Tehran, Persia"))
	writeCaseIn(t, dir, "b.yaml", second)
	if _, err := loaders.Load(ctx, s, dir); err != nil {
		t.Fatal(err)
	}
	aliases := func() []string {
		t.Helper()
		got, err := s.ActorsByID(ctx, []string{"iran"})
		if err != nil {
			t.Fatal(err)
		}
		l := slices.Clone(got["iran"].Aliases)
		slices.Sort(l)
		return l
	}
	if got := aliases(); !slices.Equal(got, []string{"Islamic Republic", "Persia", "Tehran"}) {
		t.Fatalf("aliases of iran from two articles: %v", got)
	}
	writeCaseIn(t, dir, "a.yaml", withIranAliases(valid, "Tehran"))
	if _, err := loaders.Load(ctx, s, a); err != nil {
		t.Fatal(err)
	}
	// Islamic Republic was declared by a.yaml only; Persia by b.yaml too.
	if got := aliases(); !slices.Equal(got, []string{"Persia", "Tehran"}) {
		t.Fatalf("aliases of iran after a.yaml dropped two: %v, want [Persia Tehran]", got)
	}
	hits, err := s.Search(ctx, "Islamic Republic", 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.Actor.ID == "iran" && h.Score > 1 {
			t.Errorf("the full-text index still finds iran by its removed alias: %+v", h)
		}
	}
	// An article may move an alias it declared from one actor to another.
	moved := strings.Replace(strings.Replace(withIranAliases(valid, "Tehran"), "aliases: [Washington, US]", "aliases: [Washington, US, Persia]", 1),
		"    kind: MILITIA\n", "    kind: MILITIA\n", 1)
	writeCaseIn(t, dir, "a.yaml", moved)
	if _, err := loaders.Load(ctx, s, a); err == nil || !strings.Contains(err.Error(), `"Persia" of actor "united-states" is already a name or alias of actor "iran"`) {
		t.Fatalf("b.yaml still declares Persia for iran: %v", err)
	}
}

// A name or alias another actor already has in the graph is refused,
// naming both actors, and nothing is written; the load's own earlier
// declarations do not count, so an article can move an alias.
func TestAliasCollisionWithTheGraph(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	dir := t.TempDir()
	a := writeCaseIn(t, dir, "a.yaml", valid)
	if _, err := loaders.Load(ctx, s, a); err != nil {
		t.Fatal(err)
	}
	before := neo4jtest.MustStats(t, s)
	other := t.TempDir()
	clash := `format: 2
article:
  id: other-article
  title: Another test
  file: article.txt
  publishedAt: unknown
actors:
  - {id: iran, name: Iran, kind: STATE, aliases: [Tehran]}
  - id: the-militia
    name: The Militia
    kind: MILITIA
    aliases: [washington]
claims:
  - id: c1
    subject: Tehran
    relation: SUPPORTS
    object: the-militia
    objectText: the Militia
    certainty: ASSERTED
    quote: Tehran backs the Militia.
`
	b := writeCaseIn(t, other, "b.yaml", clash)
	_, err := loaders.Load(ctx, s, b)
	var ve *loaders.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].File != b ||
		!strings.Contains(ve.Problems[0].Msg, `"washington" of actor "the-militia" is already a name or alias of actor "united-states" (United States) in the graph`) {
		t.Fatalf("want one problem naming both actors, got %v", err)
	}
	if after := neo4jtest.MustStats(t, s); after != before {
		t.Fatalf("a refused load changed the graph: %+v, then %+v", before, after)
	}
	// A name counts as much as an alias.
	byName := strings.Replace(clash, "aliases: [washington]", "aliases: [the militia, united states]", 1)
	writeCaseIn(t, other, "b.yaml", byName)
	if _, err := loaders.Load(ctx, s, b); err == nil || !strings.Contains(err.Error(), `"united states" of actor "the-militia" is already a name or alias of actor "united-states"`) {
		t.Fatalf("alias that is another actor's name: %v", err)
	}
	// a.yaml itself moves US from the United States to the militia.
	move := strings.Replace(strings.Replace(valid, "aliases: [Washington, US]", "aliases: [Washington]", 1),
		"    attributedTo: US\n", "    attributedTo: Washington\n", 1)
	move = strings.Replace(move, "  - id: the-militia\n    name: The Militia\n", "  - id: the-militia\n    name: The Militia\n    aliases: [US]\n", 1)
	writeCaseIn(t, dir, "a.yaml", move)
	if _, err := loaders.Load(ctx, s, a); err != nil {
		t.Fatalf("an article moving its own alias: %v", err)
	}
	got, _ := s.ActorsByID(ctx, []string{"united-states", "the-militia"})
	if slices.Contains(got["united-states"].Aliases, "US") || !slices.Contains(got["the-militia"].Aliases, "US") {
		t.Fatalf("US did not move: %+v", got)
	}
}

func writeCaseIn(t *testing.T, dir, name, claims string) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "article.txt")); err != nil {
		must(t, os.WriteFile(filepath.Join(dir, "article.txt"), []byte(text), 0o644))
	}
	path := filepath.Join(dir, name)
	must(t, os.WriteFile(path, []byte(claims), 0o644))
	return path
}

// Files holding draft claims check, but load only with AllowDrafts.
func TestDraftsLoadOnlyWhenAllowed(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	path := writeCaseIn(t, t.TempDir(), "a.yaml", strings.Replace(valid, "    certainty: ASSERTED\n", "    certainty: ASSERTED\n    draft: true\n    confidence: 0.6\n", 1))
	if _, err := loaders.Validate([]string{path}, nil); err != nil {
		t.Fatalf("check refused a draft: %v", err)
	}
	_, err := loaders.LoadFiles(ctx, s, []string{path}, loaders.Options{})
	if err == nil || !strings.Contains(err.Error(), path+": 1 of its 2 claims are drafts") {
		t.Fatalf("loading a draft without AllowDrafts: %v", err)
	}
	if st := neo4jtest.MustStats(t, s); st != (graph.Stats{}) {
		t.Fatalf("a refused load wrote %+v", st)
	}
	if _, err := loaders.LoadFiles(ctx, s, []string{path}, loaders.Options{AllowDrafts: true}); err != nil {
		t.Fatal(err)
	}
	claims, err := s.ClaimsByID(ctx, []string{"test-article/c1"})
	if c := claims["test-article/c1"]; err != nil || !c.Draft || c.Confidence != 0.6 {
		t.Fatalf("the draft as stored: %+v, %v", c, err)
	}
}
