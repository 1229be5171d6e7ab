package neo4jtest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

// Model1Seed is the path of the seed's claims file as model 1 held it
// (claims format 1: one modality per claim, no time, no spans), beside a
// copy of the article, for the migration tests.
func Model1Seed() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata", "model1", "claims.yaml")
}

// model1File is a format-1 claims file, as far as MustWriteModel1 needs it.
type model1File struct {
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

// model1Modalities is model 1's order of modalities, strongest first.
var model1Modalities = []string{"ASSERTED", "STATEMENT", "REPORTED", "CONDITIONAL_THREAT", "ALLEGED"}

// MustWriteModel1 writes a format-1 claims file into the test database as
// model 1 did: claims with a modality and the surface forms on SUBJECT and
// OBJECT, aliases on the actors only, an empty publication date, and
// relationship summaries with the strongest modality and the list of
// modalities. It is the smallest writer that reproduces a model-1 graph,
// for testing `actorgraph migrate`; it trusts its input.
func MustWriteModel1(tb testing.TB, path string) {
	tb.Helper()
	MustOpen(tb) // refuses any database but the tests' own
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var f model1File
	if err := yaml.Unmarshal(data, &f); err != nil {
		tb.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(filepath.Dir(path), f.Article.File))
	if err != nil {
		tb.Fatal(err)
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
			tb.Fatalf("model-1 claim %s: quote not in the article", c.ID)
		}
		start := utf8.RuneCountInString(string(text[:i]))
		w := ""
		if c.AttributedTo != "" && graph.NameKey(c.AttributedTo) != "article" {
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
		for _, m := range model1Modalities {
			if mods[e][m] {
				ms = append(ms, m)
			}
		}
		rels = append(rels, map[string]any{"from": e.from, "to": e.to, "type": e.typ, "props": map[string]any{
			"id": e.from + "|" + e.typ + "|" + e.to, "claimIds": ids, "claimCount": len(ids),
			"articleIds": []string{f.Article.ID}, "articleCount": 1, "modality": ms[0], "modalities": ms}})
	}
	cfg := Config(tb)
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		tb.Fatal(err)
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
			tb.Fatalf("write the model-1 graph: %v", err)
		}
	}
}
