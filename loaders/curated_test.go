package loaders_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
)

// curatedWriter is a graph a load writes and a curator changes.
type curatedWriter interface {
	graph.Writer
	graph.Reader
	curation.Store
}

// Reloading an article whose claims a curator changed through the API is
// refused, for each such article, before anything is written, even the
// load's other, new articles; with ReplaceCurated it goes ahead and the
// claims are the file's again. Over Neo4j and in memory alike.
func TestReloadOfCuratedArticle(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) curatedWriter{
		"neo4j":  func(t *testing.T) curatedWriter { return neo4jtest.MustOpenEmpty(t) },
		"memory": func(*testing.T) curatedWriter { return inmem.New() },
	} {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			ctx := context.Background()
			a := writeCase(t, valid)
			if _, err := loaders.Load(ctx, s, a); err != nil {
				t.Fatal(err)
			}
			// Loading it again, uncurated, is allowed.
			if _, err := loaders.Load(ctx, s, a); err != nil {
				t.Fatalf("reload of an uncurated article: %v", err)
			}
			svc := &curation.Service{Store: s, Graph: s}
			admin := auth.NewContext(ctx, auth.Principal{TokenID: "0123456789abcdef", Name: "curator", Role: auth.Admin})
			if _, err := svc.UpdateClaim(admin, "test-article/c1", curation.ClaimUpdate{Certainty: ptrTo(graph.Certainty("REPORTED"))}, 1, "second source"); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.RetractClaim(admin, "test-article/c2", "misread", nil); err != nil {
				t.Fatal(err)
			}
			other := strings.NewReplacer("id: test-article", "id: other-article").Replace(valid)
			b := writeCase(t, other)
			before, err := s.ClaimsByID(ctx, []string{"test-article/c1", "test-article/c2", "other-article/c1"})
			if err != nil {
				t.Fatal(err)
			}

			_, err = loaders.Load(ctx, s, a, b)
			var ve *loaders.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].File != a {
				t.Fatalf("load of a curated article: %v, want one problem of %s", err, a)
			}
			for _, want := range []string{`article "test-article": 2 of its 2 claims were changed through the API`,
				"actorgraph export --format claims", "-replace-curated"} {
				if !strings.Contains(ve.Problems[0].Msg, want) {
					t.Errorf("the problem lacks %q: %s", want, ve.Problems[0].Msg)
				}
			}
			after, err := s.ClaimsByID(ctx, []string{"test-article/c1", "test-article/c2", "other-article/c1"})
			if err != nil {
				t.Fatal(err)
			}
			if len(after) != 2 || after["test-article/c1"].Version != 2 || after["test-article/c1"].Certainty != "REPORTED" ||
				!after["test-article/c2"].Retracted || len(before) != len(after) {
				t.Fatalf("the refused load wrote: before %+v\nafter %+v", before, after)
			}

			files, err := loaders.ClaimsFiles([]string{a, b})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := loaders.LoadFiles(ctx, s, files, loaders.Options{ReplaceCurated: true}); err != nil {
				t.Fatalf("load with ReplaceCurated: %v", err)
			}
			after, err = s.ClaimsByID(ctx, []string{"test-article/c1", "test-article/c2", "other-article/c1"})
			if err != nil {
				t.Fatal(err)
			}
			if c := after["test-article/c1"]; len(after) != 3 || c.Version != 1 || c.Certainty != "ASSERTED" || after["test-article/c2"].Retracted {
				t.Fatalf("after the replacing load: %+v", after)
			}
			if cur, err := s.CuratedArticles(ctx, []string{"test-article", "other-article"}); err != nil || len(cur) != 0 {
				t.Fatalf("curated after the replacing load: %+v, %v", cur, err)
			}
		})
	}
}

func ptrTo[T any](v T) *T { return &v }
