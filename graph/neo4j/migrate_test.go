package neo4j_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/evidence"
	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
)

// v1Seed is the seed as model 1 held it: testdata/v1 holds its claims
// file (format 1, one modality per claim) and the article.
var v1Seed = filepath.Join("testdata", "v1", "claims.yaml")

// v1File is a format-1 claims file, as far as writeV1 needs it.
type v1File struct {
	Article struct {
		ID, Title, File, Dateline string
	}
	Actors []struct {
		ID, Name, Kind, Description string
		Aliases                     []string
	}
	Claims []struct {
		ID, Subject, Relation, Object, Modality, Quote, Note string
		AttributedTo                                         string `yaml:"attributedTo"`
	}
}

// v1Modalities is model 1's order of modalities, strongest first.
var v1Modalities = []string{"ASSERTED", "STATEMENT", "REPORTED", "CONDITIONAL_THREAT", "ALLEGED"}

// writeV1 writes a format-1 claims file into the test database as model 1
// did: claims with a modality, the surface forms on SUBJECT and OBJECT,
// aliases on the actors only, and relationship summaries with the
// strongest modality and the list of modalities. It is the smallest writer
// that reproduces a model-1 graph; it trusts its input.
func writeV1(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f v1File
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(filepath.Dir(path), f.Article.File))
	if err != nil {
		t.Fatal(err)
	}
	byRef := map[string]string{}
	var actors []map[string]any
	for _, a := range f.Actors {
		for _, n := range append([]string{a.ID, a.Name}, a.Aliases...) {
			byRef[graph.NameKey(n)] = a.ID
		}
		actors = append(actors, map[string]any{"id": a.ID, "name": a.Name, "kind": a.Kind, "label": graph.ActorKind(a.Kind).Label(),
			"aliases": append([]string{}, a.Aliases...), "description": a.Description})
	}
	type edge struct{ from, typ, to string }
	edges := map[edge][]string{} // claim ids
	mods := map[edge]map[string]bool{}
	var claims []map[string]any
	for _, c := range f.Claims {
		i := strings.Index(string(text), c.Quote)
		if i < 0 {
			t.Fatalf("v1 claim %s: quote not in the article", c.ID)
		}
		start := utf8.RuneCountInString(string(text[:i]))
		w := ""
		if graph.NameKey(c.AttributedTo) != "article" && c.AttributedTo != "" {
			w = byRef[graph.NameKey(c.AttributedTo)]
		}
		id := f.Article.ID + "/" + c.ID
		s, o := byRef[graph.NameKey(c.Subject)], byRef[graph.NameKey(c.Object)]
		claims = append(claims, map[string]any{"id": id, "subject": s, "object": o, "attributedTo": w,
			"subjectText": c.Subject, "objectText": c.Object,
			"props": map[string]any{"id": id, "relation": c.Relation, "modality": c.Modality, "quote": c.Quote,
				"start": start, "end": start + utf8.RuneCountInString(c.Quote), "note": c.Note,
				"subjectText": c.Subject, "objectText": c.Object}})
		e := edge{s, c.Relation, o}
		edges[e] = append(edges[e], id)
		if mods[e] == nil {
			mods[e] = map[string]bool{}
		}
		mods[e][c.Modality] = true
	}
	var rels []map[string]any
	for e, ids := range edges {
		sort.Strings(ids)
		var ms []string
		for _, m := range v1Modalities {
			if mods[e][m] {
				ms = append(ms, m)
			}
		}
		rels = append(rels, map[string]any{"from": e.from, "to": e.to, "type": e.typ, "props": map[string]any{
			"id": e.from + "|" + e.typ + "|" + e.to, "claimIds": ids, "claimCount": len(ids),
			"articleIds": []string{f.Article.ID}, "articleCount": 1, "modality": ms[0], "modalities": ms}})
	}
	cfg := neo4jtest.Config(t)
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(context.Background())
	for _, st := range []struct {
		cypher string
		params map[string]any
	}{
		{`UNWIND $actors AS row
		  MERGE (a:Actor {id: row.id})
		  SET a.name = row.name, a.kind = row.kind, a.aliases = row.aliases, a.description = row.description,
		      a.aliasText = reduce(t = '', x IN row.aliases | t + x + '\n')
		  SET a:$(row.label)`, map[string]any{"actors": actors}},
		{`CREATE (:Article {id: $id, title: $title, dateline: $dateline, source: '', url: '', publishedAt: '', text: $text})`,
			map[string]any{"id": f.Article.ID, "title": f.Article.Title, "dateline": f.Article.Dateline, "text": string(text)}},
		{`UNWIND $claims AS row
		  MATCH (art:Article {id: $article}), (s:Actor {id: row.subject}), (o:Actor {id: row.object})
		  OPTIONAL MATCH (w:Actor {id: row.attributedTo})
		  CREATE (c:Claim) SET c = row.props
		  CREATE (c)-[:STATED_IN]->(art), (c)-[:SUBJECT {text: row.subjectText}]->(s), (c)-[:OBJECT {text: row.objectText}]->(o)
		  FOREACH (x IN CASE WHEN w IS NULL THEN [] ELSE [w] END | CREATE (c)-[:ATTRIBUTED_TO]->(x))`,
			map[string]any{"claims": claims, "article": f.Article.ID}},
		{`UNWIND $rels AS row
		  MATCH (s:Actor {id: row.from}), (o:Actor {id: row.to})
		  CREATE (s)-[r:$(row.type)]->(o) SET r = row.props`, map[string]any{"rels": rels}},
	} {
		if _, err := neo4j.ExecuteQuery(context.Background(), driver, st.cypher, st.params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(cfg.Database)); err != nil {
			t.Fatalf("write the v1 graph: %v", err)
		}
	}
}

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
	writeV1(t, v1Seed)
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
