package loaders_test

import (
	"context"
	"os"
	"path/filepath"
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
	if err == nil || !strings.Contains(err.Error(), bad+":26: unknown relation type") {
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
	second := strings.NewReplacer(
		"id: test-article", "id: second-article",
		"file: article.txt", "file: second.txt",
		"quote: Tehran backs the Militia.", "quote: Iran funds the Militia.",
		"quote: Washington warns Tehran.", "quote: The US warned Iran.",
		"subject: Washington", "subject: US",
		"object: Tehran", "object: Iran",
	).Replace(valid)
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
	if r.ClaimCount() != 2 || r.ArticleCount() != 2 || r.FromID != "united-states" || r.ToID != "iran" || r.Modality != graph.Reported {
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
	path := writeCaseIn(t, dir, "a.yaml", valid)
	if _, err := loaders.Load(ctx, s, path); err != nil {
		t.Fatal(err)
	}
	// Drop claim c2: its WARNS edge must disappear, not linger with no support.
	one := valid[:strings.Index(valid, "  - id: c2")]
	writeCaseIn(t, dir, "a.yaml", one)
	if _, err := loaders.Load(ctx, s, path); err != nil {
		t.Fatal(err)
	}
	st := neo4jtest.MustStats(t, s)
	if st.Claims != 1 || st.Relationships != 1 {
		t.Fatalf("after removing a claim: %+v, want 1 claim and 1 relationship", st)
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
