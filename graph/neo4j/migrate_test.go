package neo4j_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/evidence"
	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
)

// snapshot is what the model-2 graph says about each claim, relationship
// and actor, for comparing two graphs.
type snapshot struct {
	claims map[string]graph.Claim
	rels   map[string]graph.Relationship
	actors map[string]graph.Actor
}

func takeSnapshot(t *testing.T, s *neo4jstore.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	sn := snapshot{claims: map[string]graph.Claim{}, rels: map[string]graph.Relationship{}, actors: map[string]graph.Actor{}}
	page, err := s.Claims(ctx, graph.ClaimFilter{}, graph.PageRequest{First: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range page.Claims {
		sn.claims[c.ID] = c
	}
	rels, err := s.Relationships(ctx, graph.RelationshipFilter{}, graph.PageRequest{First: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rels.Relationships {
		sn.rels[r.ID] = r
	}
	actors, err := s.Actors(ctx, graph.ActorFilter{}, graph.PageRequest{First: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actors.Actors {
		sn.actors[a.ID] = a
	}
	return sn
}

// TestMigrate upgrades a model-1 graph of the seed in place and compares
// it with a model-2 load of the same claims (converted with `actorgraph
// migrate claims`) on every dimension model 1 recorded.
func TestMigrate(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	v1Seed := neo4jtest.Model1Seed()
	neo4jtest.MustWriteModel1(t, v1Seed)
	before := neo4jtest.MustStats(t, s)

	var steps []string
	res, err := s.Migrate(ctx, func(step string, _ int) { steps = append(steps, step) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Claims != before.Claims || res.Relationships != before.Relationships || res.Articles != 1 || res.Actors != before.Actors || res.Names == 0 {
		t.Fatalf("migration of %+v did %+v", before, res)
	}
	if after := neo4jtest.MustStats(t, s); after != before {
		t.Fatalf("migration changed the counts: %+v, then %+v", before, after)
	}
	if again, err := s.Migrate(ctx, nil); err != nil || again != (neo4jstore.MigrateResult{}) {
		t.Fatalf("a second migration did %+v, %v; want nothing", again, err)
	}
	left, err := s.RunReadOnly(ctx, `
		CALL { MATCH (c:Claim) WHERE c.modality IS NOT NULL OR c.certainty IS NULL RETURN count(c) AS claims }
		CALL { MATCH ()-[r]->() WHERE r.modality IS NOT NULL OR r.modalities IS NOT NULL RETURN count(r) AS rels }
		RETURN claims, rels`, nil)
	if err != nil || left.Rows[0][0].(int64) != 0 || left.Rows[0][1].(int64) != 0 {
		t.Fatalf("model-1 properties left: %v %v", left, err)
	}
	migrated := takeSnapshot(t, s)

	// The same claims through the format-2 loader: the file converted, each
	// conditional threat given a condition (its quote, which occurs in the
	// article), and the claims whose subject or object words do not occur
	// in the article left out, since format 2 refuses them; the migration
	// keeps those with no span instead.
	v1, err := os.ReadFile(v1Seed)
	if err != nil {
		t.Fatal(err)
	}
	v2, changed, err := loaders.MigrateV1(v1Seed, v1)
	if err != nil || !changed {
		t.Fatalf("migrate the claims file: %v %v", changed, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(v2, &doc); err != nil {
		t.Fatal(err)
	}
	text := evidence.NewText(neo4jtest.SeedArticle(t))
	dropped := map[string]bool{}
	top := doc.Content[0]
	claimsNode := mapValue(top, "claims")
	var kept []*yaml.Node
	for _, c := range claimsNode.Content {
		id := "iran-aligned-militias-threaten-us/" + mapValue(c, "id").Value
		if cond := mapValue(c, "condition"); cond != nil {
			cond.Value = mapValue(c, "quote").Value
		}
		q := mapValue(c, "quote").Value
		i := strings.Index(text.String(), q)
		if i < 0 {
			t.Fatalf("%s: quote not in the article", id)
		}
		start := utf8.RuneCountInString(text.String()[:i])
		quote := evidence.Span{Start: start, End: start + utf8.RuneCountInString(q)}
		unlocatable := false
		for _, k := range []string{"subject", "object"} {
			if _, _, ok := text.Locate(mapValue(c, k).Value, quote); !ok {
				unlocatable = true
			}
		}
		if unlocatable {
			dropped[id] = true
			m := migrated.claims[id]
			if m.SubjectSpan.Recorded() && m.ObjectSpan.Recorded() {
				t.Errorf("%s: a mention is not in the article, yet the migration recorded both spans: %+v", id, m)
			}
			continue
		}
		kept = append(kept, c)
	}
	claimsNode.Content = kept
	if len(dropped) == 0 || len(dropped) > 10 {
		t.Fatalf("%d claims with words not in the article; the v1 seed has a few", len(dropped))
	}
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "claims.yaml"), out, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "article.txt"), []byte(neo4jtest.SeedArticle(t)), 0o644))
	fresh := neo4jtest.MustOpenEmpty(t) // the same database, emptied
	if _, err := loaders.Load(ctx, fresh, dir); err != nil {
		t.Fatal(err)
	}
	loaded := takeSnapshot(t, fresh)

	compared := 0
	for id, want := range loaded.claims {
		got, ok := migrated.claims[id]
		if !ok {
			t.Errorf("claim %s is missing after migration", id)
			continue
		}
		// Model 1 never recorded the condition's words.
		want.Condition, want.ConditionSpan = "", graph.Span{}
		if got != want {
			t.Errorf("claim %s:\nmigrated %+v\nloaded   %+v", id, got, want)
		}
		compared++
	}
	if compared+len(dropped) != len(migrated.claims) {
		t.Errorf("compared %d claims and dropped %d of %d", compared, len(dropped), len(migrated.claims))
	}
	touched := map[string]bool{}
	for id := range dropped {
		touched[migrated.claims[id].RelationshipID()] = true
	}
	rels := 0
	for id, got := range migrated.rels {
		if touched[id] {
			continue
		}
		want := loaded.rels[id]
		if !relEqual(got, want) {
			t.Errorf("relationship %s:\nmigrated %+v\nloaded   %+v", id, got, want)
		}
		rels++
	}
	if rels < len(migrated.rels)/2 {
		t.Errorf("compared only %d of %d relationships", rels, len(migrated.rels))
	}
	for id, a := range migrated.actors {
		b := loaded.actors[id]
		x, y := slices.Clone(a.Aliases), slices.Clone(b.Aliases)
		slices.Sort(x)
		slices.Sort(y)
		if a.Name != b.Name || a.Kind != b.Kind || !slices.Equal(x, y) {
			t.Errorf("actor %s: migrated %+v, loaded %+v", id, a, b)
		}
	}
	t.Logf("compared %d claims (%d left out), %d relationships, %d actors; migration did %+v", compared, len(dropped), rels, len(migrated.actors), res)
	if !slices.Contains(steps, "claims") || !slices.Contains(steps, "relationships") {
		t.Errorf("progress reported steps %v", steps)
	}
}

func relEqual(a, b graph.Relationship) bool {
	return a.ID == b.ID && a.Certainty == b.Certainty && slices.Equal(a.CertaintyCounts, b.CertaintyCounts) &&
		a.OwnStatements == b.OwnStatements && a.Conditionals == b.Conditionals &&
		slices.Equal(a.ClaimIDs, b.ClaimIDs) && slices.Equal(a.ArticleIDs, b.ArticleIDs) &&
		slices.Equal(a.SourceIDs, b.SourceIDs) && a.SentenceCount == b.SentenceCount &&
		slices.Equal(a.Intervals, b.Intervals) && a.FirstReported == b.FirstReported && a.LastReported == b.LastReported
}

// mapValue returns the value of key in a YAML mapping node, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
