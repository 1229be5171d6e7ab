package curation_test

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/loaders"
)

const text = "Kataib Hezbollah threatened the United States on Monday. Iran said it backs the group."

func ptr[T any](v T) *T { return &v }

// good is a valid input: two actors of its own and two claims.
func good() curation.CommitArticleInput {
	return curation.CommitArticleInput{
		Article: curation.ArticleInput{ID: "kh-threat", Title: "KH threat", Text: text, PublishedAt: "2026-02-02"},
		Actors: []curation.ActorInput{
			{ID: "kataib-hezbollah", Name: "Kataib Hezbollah", Kind: graph.KindMilitia, Aliases: []string{"the group"}},
			{ID: "united-states", Name: "United States", Kind: graph.KindState},
			{ID: "iran", Name: "Iran", Kind: graph.KindState},
		},
		Claims: []curation.ClaimInput{
			{Key: "kh-threatens-us", Subject: "Kataib Hezbollah", Type: "THREATENS", Object: "United States", Certainty: "ASSERTED",
				Quote: "Kataib Hezbollah threatened the United States"},
			{Key: "iran-supports-kh", Subject: "Iran", Type: "SUPPORTS", Object: "the group", Certainty: "REPORTED",
				Quote: "Iran said it backs the group", AttributedTo: ptr("iran")},
		},
	}
}

// asFile writes in as the claims file it stands for.
func asFile(in curation.CommitArticleInput) []byte {
	art := map[string]any{"id": in.Article.ID, "title": in.Article.Title, "file": "article.txt", "publishedAt": in.Article.PublishedAt}
	var actors []any
	for _, a := range in.Actors {
		actors = append(actors, map[string]any{"id": a.ID, "name": a.Name, "kind": string(a.Kind), "aliases": a.Aliases})
	}
	var claims []any
	for _, c := range in.Claims {
		m := map[string]any{"id": c.Key, "subject": c.Subject, "relation": string(c.Type), "object": c.Object,
			"certainty": string(c.Certainty), "quote": c.Quote}
		set := func(k string, v *string) {
			if v != nil {
				m[k] = *v
			}
		}
		set("subjectText", c.SubjectText)
		set("objectText", c.ObjectText)
		set("attributedTo", c.AttributedTo)
		set("condition", c.Condition)
		if c.Start != nil {
			m["start"] = *c.Start
		}
		if c.TimeFrom != nil {
			m["time"] = map[string]any{"from": *c.TimeFrom}
		}
		claims = append(claims, m)
	}
	b, _ := yaml.Marshal(map[string]any{"format": 2, "article": art, "actors": actors, "claims": claims})
	return b
}

// The API checks an article with the rules and the messages of
// `actorgraph check`: each defect, sent to commitArticle and written into
// the equivalent claims file, gives the same messages, located by path in
// one and by line in the other.
func TestCommitArticleSaysWhatCheckSays(t *testing.T) {
	cases := []struct {
		name string
		edit func(in *curation.CommitArticleInput)
		path string
	}{
		{"object words not in the text", func(in *curation.CommitArticleInput) { in.Claims[0].ObjectText = ptr("Washington") }, "claims[0].objectText"},
		{"unknown actor", func(in *curation.CommitArticleInput) { in.Claims[1].Subject = "Tehran" }, "claims[1].subject"},
		{"quote not in the text", func(in *curation.CommitArticleInput) { in.Claims[0].Quote = "Kataib Hezbollah threatened Washington" }, "claims[0].quote"},
		{"quote offset past the end", func(in *curation.CommitArticleInput) { in.Claims[0].Start = ptr(500) }, "claims[0].start"},
		{"subject is object", func(in *curation.CommitArticleInput) { in.Claims[0].Object = "the group" }, "claims[0].object"},
		{"bad date", func(in *curation.CommitArticleInput) { in.Claims[0].TimeFrom = ptr("2026-13") }, "claims[0].timeFrom"},
		{"unknown relation type", func(in *curation.CommitArticleInput) { in.Claims[0].Type = "LOVES" }, "claims[0].type"},
		{"unknown certainty", func(in *curation.CommitArticleInput) { in.Claims[1].Certainty = "MAYBE" }, "claims[1].certainty"},
		{"duplicate key", func(in *curation.CommitArticleInput) { in.Claims[1].Key = in.Claims[0].Key }, "claims[1].key"},
		{"alias of two actors", func(in *curation.CommitArticleInput) { in.Actors[2].Aliases = []string{"the group"} }, "actors[2].aliases[0]"},
		{"bad publication date", func(in *curation.CommitArticleInput) { in.Article.PublishedAt = "Monday" }, "article.publishedAt"},
	}
	ctx := auth.NewContext(context.Background(), auth.Principal{TokenID: "0123456789abcdef", Name: "t", Role: auth.Editor})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := inmem.New()
			s := &curation.Service{Store: g, Graph: g}
			in := good()
			c.edit(&in)
			_, err := s.CommitArticle(ctx, in)
			var ge *graph.Error
			if !errors.As(err, &ge) || ge.Code != graph.EINVALID || len(ge.Problems) == 0 {
				t.Fatalf("commitArticle: %v", err)
			}
			var api []string
			for _, p := range ge.Problems {
				api = append(api, p.Message)
			}
			if ge.Problems[0].Path != c.path {
				t.Errorf("first problem at %q, want %q (%v)", ge.Problems[0].Path, c.path, ge.Problems)
			}
			_, ferr := loaders.Parse("claims.yaml", asFile(in), func(string) ([]byte, error) { return []byte(text), nil })
			var ve *loaders.ValidationError
			if !errors.As(ferr, &ve) {
				t.Fatalf("the file passes check: %v", ferr)
			}
			var file []string
			for _, p := range ve.Problems {
				file = append(file, p.Msg)
				if p.Line == 0 {
					t.Errorf("file problem without a line: %v", p)
				}
			}
			if !slices.Equal(api, file) && !sameButWhere(api, file) {
				t.Errorf("the API says\n  %q\ncheck says\n  %q", api, file)
			}
			if st, _ := g.Articles(context.Background()); len(st) != 0 {
				t.Errorf("a refused commit wrote %d articles", len(st))
			}
		})
	}
	// And the good input commits.
	g := inmem.New()
	s := &curation.Service{Store: g, Graph: g}
	a, err := s.CommitArticle(ctx, good())
	if err != nil || a.ID != "kh-threat" {
		t.Fatalf("good input: %v %v", a, err)
	}

}

// sameButWhere reports whether the messages differ only where they point
// at another place: a path in the API's, a line in check's.
func sameButWhere(api, file []string) bool {
	where := regexp.MustCompile(`line \d+|(?:actors|claims)\[\d+\][.\w\[\]]*`)
	if len(api) != len(file) {
		return false
	}
	for i := range api {
		if where.ReplaceAllString(api[i], "…") != where.ReplaceAllString(file[i], "…") {
			return false
		}
	}
	return true
}
