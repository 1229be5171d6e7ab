package bench_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

// rawLoad is the load baseline: what a hand-written bulk load through the
// driver does to create the same nodes, links and relationship summaries as
// `actorgraph load`: read each file with a plain YAML decode (no
// validation), resolve names, then UNWIND … CREATE in batches of batchSize
// rows, one transaction per batch. It holds the whole corpus in memory and
// is neither idempotent nor all-or-nothing per article.
func rawLoad(ctx context.Context, driver neo4j.DriverWithContext, files []string, batchSize int) (claims int, err error) {
	type actorRow struct {
		id, name, kind, description string
		aliases                     []string
	}
	type relAgg struct {
		from, typ, to string
		claims        []string
		articles      map[string]bool
		sources       map[string]bool
		certainties   map[string]int
		own, cond     int
	}
	actors := map[string]*actorRow{}
	var articleRows, claimRows, nameRows []map[string]any
	rels := map[string]*relAgg{}

	for _, f := range files {
		var doc struct {
			Article struct {
				ID, Title, File, Dateline, Source, URL string
				PublishedAt                            string `yaml:"publishedAt"`
			}
			Actors []struct {
				ID, Name, Kind, Description string
				Aliases                     []string
			}
			Claims []struct {
				ID, Subject, Relation, Object, Certainty, Quote, Note, Condition string
				AttributedTo                                                     string `yaml:"attributedTo"`
				OwnStatement                                                     bool   `yaml:"ownStatement"`
			}
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return 0, err
		}
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return 0, fmt.Errorf("%s: %w", f, err)
		}
		text, err := os.ReadFile(filepath.Join(filepath.Dir(f), doc.Article.File))
		if err != nil {
			return 0, err
		}
		a := doc.Article
		articleRows = append(articleRows, map[string]any{
			"id": a.ID, "title": a.Title, "dateline": a.Dateline, "source": a.Source,
			"url": a.URL, "publishedAt": a.PublishedAt, "text": string(text),
		})
		ref := map[string]string{}
		norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
		for _, x := range doc.Actors {
			nameRows = append(nameRows, map[string]any{"article": a.ID, "actor": x.ID, "aliases": append([]string{}, x.Aliases...), "description": x.Description})
			ref[norm(x.ID)], ref[norm(x.Name)] = x.ID, x.ID
			for _, al := range x.Aliases {
				ref[norm(al)] = x.ID
			}
			if prev, ok := actors[x.ID]; ok {
				for _, al := range x.Aliases {
					if !slices.Contains(prev.aliases, al) {
						prev.aliases = append(prev.aliases, al)
					}
				}
				continue
			}
			actors[x.ID] = &actorRow{id: x.ID, name: x.Name, kind: x.Kind, description: x.Description, aliases: x.Aliases}
		}
		for _, c := range doc.Claims {
			id := a.ID + "/" + c.ID
			s, o := ref[norm(c.Subject)], ref[norm(c.Object)]
			var w any
			source := graph.SourceOf("", a.ID, a.Source)
			if c.AttributedTo != "" && norm(c.AttributedTo) != "article" {
				w = ref[norm(c.AttributedTo)]
				source = graph.SourceOf(ref[norm(c.AttributedTo)], a.ID, a.Source)
			}
			i := strings.Index(string(text), c.Quote)
			start := utf8.RuneCount(text[:max(i, 0)])
			claimRows = append(claimRows, map[string]any{
				"articleId": a.ID, "s": s, "o": o, "w": w, "st": c.Subject, "ot": c.Object,
				"props": map[string]any{
					"id": id, "relation": c.Relation, "certainty": c.Certainty, "ownStatement": c.OwnStatement,
					"conditional": c.Condition != "", "condition": c.Condition, "source": source, "quote": c.Quote,
					"start": start, "end": start + utf8.RuneCountInString(c.Quote), "note": c.Note,
					"subjectText": c.Subject, "objectText": c.Object,
				},
			})
			key := graph.RelationshipID(s, graph.RelationType(c.Relation), o)
			r := rels[key]
			if r == nil {
				r = &relAgg{from: s, typ: c.Relation, to: o, articles: map[string]bool{}, sources: map[string]bool{}, certainties: map[string]int{}}
				rels[key] = r
			}
			r.claims = append(r.claims, id)
			r.articles[a.ID], r.sources[source] = true, true
			r.certainties[c.Certainty]++
			if c.OwnStatement {
				r.own++
			}
			if c.Condition != "" {
				r.cond++
			}
		}
		claims += len(doc.Claims)
	}

	run := func(cypher string, rows []map[string]any) error {
		for len(rows) > 0 {
			n := min(batchSize, len(rows))
			if _, err := neo4j.ExecuteQuery(ctx, driver, cypher, map[string]any{"rows": rows[:n]},
				neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithWritersRouting()); err != nil {
				return err
			}
			rows = rows[n:]
		}
		return nil
	}
	byKind := map[string][]map[string]any{}
	for _, a := range actors {
		byKind[a.kind] = append(byKind[a.kind], map[string]any{
			"id": a.id, "name": a.name, "kind": a.kind, "description": a.description,
			"aliases": a.aliases, "aliasText": strings.Join(a.aliases, "\n") + "\n",
		})
	}
	for _, k := range graph.ActorKinds {
		if err := run(`UNWIND $rows AS row CREATE (a:Actor:`+k.Label()+`) SET a = row`, byKind[string(k)]); err != nil {
			return 0, err
		}
	}
	if err := run(`UNWIND $rows AS row CREATE (a:Article) SET a = row`, articleRows); err != nil {
		return 0, err
	}
	if err := run(`
		UNWIND $rows AS row
		MATCH (art:Article {id: row.articleId}), (s:Actor {id: row.s}), (o:Actor {id: row.o})
		CREATE (c:Claim) SET c = row.props
		CREATE (c)-[:STATED_IN]->(art), (c)-[:SUBJECT {text: row.st}]->(s), (c)-[:OBJECT {text: row.ot}]->(o)
		WITH c, row WHERE row.w IS NOT NULL
		MATCH (w:Actor {id: row.w})
		CREATE (c)-[:ATTRIBUTED_TO]->(w)`, claimRows); err != nil {
		return 0, err
	}
	if err := run(`
		UNWIND $rows AS row
		MATCH (art:Article {id: row.article}), (a:Actor {id: row.actor})
		CREATE (art)-[:NAMES {aliases: row.aliases, description: row.description}]->(a)`, nameRows); err != nil {
		return 0, err
	}
	relRows := map[string][]map[string]any{}
	for id, r := range rels {
		sort.Strings(r.claims)
		arts := sortedKeys(r.articles)
		sources := sortedKeys(r.sources)
		props := map[string]any{
			"id": id, "claimIds": r.claims, "claimCount": len(r.claims), "articleIds": arts, "articleCount": len(arts),
			"sourceIds": sources, "sourceCount": len(sources), "ownStatements": r.own, "conditionals": r.cond,
		}
		var certs []string
		for _, c := range graph.CertaintyTable {
			props[c.Count] = r.certainties[string(c.Certainty)]
			if r.certainties[string(c.Certainty)] > 0 {
				certs = append(certs, string(c.Certainty))
			}
		}
		props["certainties"], props["certainty"] = certs, certs[0]
		relRows[r.typ] = append(relRows[r.typ], map[string]any{"from": r.from, "to": r.to, "props": props})
	}
	for _, t := range graph.RelationTypes {
		if err := run(`
			UNWIND $rows AS row
			MATCH (s:Actor {id: row.from}), (o:Actor {id: row.to})
			CREATE (s)-[r:`+string(t.Type)+`]->(o) SET r = row.props`, relRows[string(t.Type)]); err != nil {
			return 0, err
		}
	}
	return claims, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
