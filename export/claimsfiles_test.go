package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/internal/seedtest"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/synth"
)

// memGraph is an in-memory graph of the seed and a generated corpus of
// the given number of articles.
func memGraph(t *testing.T, articles int, seed uint64) *inmem.Store {
	t.Helper()
	s := inmem.New()
	paths := []string{seedtest.Dir()}
	if articles > 0 {
		dir := t.TempDir()
		if err := synth.Write(context.Background(), dir, synth.Spec{Articles: articles, Seed: seed}, nil); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, dir)
	}
	if _, err := loaders.Load(context.Background(), s, paths...); err != nil {
		t.Fatal(err)
	}
	return s
}

// everything is what a graph says through the reads: every actor and
// relationship, every article with its claims and its declarations.
func everything(t *testing.T, s *inmem.Store) string {
	t.Helper()
	ctx := context.Background()
	sg, err := s.WholeGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	articles, err := s.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := s.ArticleIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := s.ClaimsOfArticles(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	decls, err := s.Declarations(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(map[string]any{"graph": sg, "articles": articles, "claims": claims, "declarations": decls}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The claims files of a graph load into the same graph: the seed, and the
// seed with a generated corpus, in memory (graph/neo4j's
// TestClaimsFilesRoundTrip does it in Neo4j and compares every property).
func TestClaimsFilesLoadIntoTheSameGraph(t *testing.T) {
	ctx := context.Background()
	for _, articles := range []int{0, 150} {
		s := memGraph(t, articles, 4)
		dir := filepath.Join(t.TempDir(), "out")
		res, err := export.WriteClaimsDir(ctx, dir, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Articles != articles+1 {
			t.Errorf("wrote %d articles, want %d", res.Articles, articles+1)
		}
		if _, err := os.Stat(filepath.Join(dir, "iran-aligned-militias-threaten-us", "claims.yaml")); err != nil {
			t.Fatal(err)
		}
		again := inmem.New()
		if _, err := loaders.Load(ctx, again, dir); err != nil {
			t.Fatalf("load the exported files: %v", err)
		}
		if want, got := everything(t, s), everything(t, again); want != got {
			t.Errorf("%d articles: the reloaded graph differs (%d and %d bytes of JSON)", articles, len(want), len(got))
			os.WriteFile(filepath.Join(t.TempDir(), "x"), nil, 0o644)
			wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
			for i := range min(len(wl), len(gl)) {
				if wl[i] != gl[i] {
					t.Fatalf("first difference, line %d:\nloaded   %s\nreloaded %s", i+1, wl[i], gl[i])
				}
			}
		}

		// The zip holds the same files.
		var zb bytes.Buffer
		if _, err := export.WriteClaimsZip(ctx, &zb, s, nil); err != nil {
			t.Fatal(err)
		}
		z, err := zip.NewReader(bytes.NewReader(zb.Bytes()), int64(zb.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if len(z.File) != 2*res.Articles {
			t.Errorf("the zip holds %d files for %d articles", len(z.File), res.Articles)
		}
		for _, f := range z.File {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(r)
			want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Name)))
			if err != nil || !bytes.Equal(b, want) {
				t.Errorf("%s in the zip differs from the folder's: %v", f.Name, err)
			}
		}
	}
}

// A claim the claims format cannot express stops the export with an error
// naming it, and the folder export leaves nothing behind.
func TestClaimsFilesRefuseWhatTheFormatCannotHold(t *testing.T) {
	ctx := context.Background()
	text := "Tehran warned Washington. If attacked, Tehran will strike back at Washington."
	actors := []graph.Actor{{ID: "iran", Name: "Iran", Kind: graph.KindState, Aliases: []string{"Tehran"}}, {ID: "us", Name: "United States", Kind: graph.KindState, Aliases: []string{"Washington"}}}
	claim := graph.Claim{ID: "a/c1", Relation: "THREATENS", SubjectID: "iran", ObjectID: "us", SubjectText: "Tehran", ObjectText: "Washington",
		SubjectSpan: graph.Span{Start: 0, End: 6}, ObjectSpan: graph.Span{Start: 14, End: 24},
		Certainty: graph.CertaintyTable[0].Certainty, Quote: "Tehran warned Washington", Start: 0, End: 24}
	for _, tc := range []struct {
		name   string
		change func(*graph.Claim)
		want   string
	}{
		{"conditional without words", func(c *graph.Claim) { c.Conditional = true }, "condition's words were never recorded"},
		{"condition away from where the format finds it", func(c *graph.Claim) {
			c.Conditional, c.Condition, c.ConditionSpan = true, "Tehran", graph.Span{Start: 39, End: 45}
		}, `condition "Tehran" is recorded at 39..45`},
		{"an undeclared actor", func(c *graph.Claim) { c.AttributedToID = "nobody" }, `source "nobody" is not among the actors`},
	} {
		s := inmem.New()
		c := claim
		tc.change(&c)
		_, err := s.LoadArticles(ctx, []graph.ArticleLoad{{Article: graph.Article{ID: "a", Title: "A", Text: text}, Actors: actors, Claims: []graph.Claim{c}}})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		dir := filepath.Join(t.TempDir(), "out")
		_, err = export.WriteClaimsDir(ctx, dir, s, nil)
		if err == nil || !strings.Contains(err.Error(), `claim "a/c1"`) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want an error naming the claim and %q", tc.name, err, tc.want)
		}
		if _, serr := os.Stat(dir); !os.IsNotExist(serr) {
			t.Errorf("%s: a failed export left %s behind", tc.name, dir)
		}
	}
	// The same claim without the change is written and loads back.
	s := inmem.New()
	if _, err := s.LoadArticles(ctx, []graph.ArticleLoad{{Article: graph.Article{ID: "a", Title: "A", Text: text}, Actors: actors, Claims: []graph.Claim{claim}}}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := export.WriteClaimsDir(ctx, dir, s, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := loaders.ParseAll([]string{filepath.Join(dir, "a", "claims.yaml")}); err != nil {
		t.Fatalf("the exported file does not check: %v", err)
	}
}

// slowSource is a graph whose reads of claims report to the test and can
// fail from a given batch on.
type slowSource struct {
	*inmem.Store
	batches int   // ClaimsOfArticles calls so far
	failAt  int   // the call that fails (0: none)
	wrote   []int // batches read when each file was created
}

var errRead = errors.New("the graph database went away")

func (s *slowSource) ClaimsOfArticles(ctx context.Context, ids []string) (map[string][]graph.Claim, error) {
	s.batches++
	if s.batches == s.failAt {
		return nil, errRead
	}
	return s.Store.ClaimsOfArticles(ctx, ids)
}

// The claims files stream: the first files are written after one batch of
// articles is read, long before the last is; an error in a later batch is
// returned (nothing says the export is whole) after the earlier files.
func TestClaimsFilesStream(t *testing.T) {
	ctx := context.Background()
	src := &slowSource{Store: memGraph(t, 3*export.FilesBatch, 6)}
	create := func(string) (io.Writer, error) {
		src.wrote = append(src.wrote, src.batches)
		return io.Discard, nil
	}
	res, err := export.WriteClaimsFiles(ctx, src, nil, create)
	if err != nil {
		t.Fatal(err)
	}
	if src.batches != 4 || src.wrote[0] != 1 || src.wrote[len(src.wrote)-1] != 4 || res.Articles != 3*export.FilesBatch+1 {
		t.Errorf("%d batches read; the first file written after %d, the last after %d; %+v", src.batches, src.wrote[0], src.wrote[len(src.wrote)-1], res)
	}

	src.batches, src.failAt, src.wrote = 0, 3, nil
	res, err = export.WriteClaimsFiles(ctx, src, nil, create)
	if !errors.Is(err, errRead) || res.Articles != 2*export.FilesBatch || len(src.wrote) != 2*res.Articles {
		t.Errorf("a read failing in the third batch: %v, %+v, %d files", err, res, len(src.wrote))
	}

	// Into a folder, the same failure leaves nothing: the files already
	// written were in a temporary folder, removed.
	src.batches, src.wrote = 0, nil
	parent := t.TempDir()
	if _, err := export.WriteClaimsDir(ctx, filepath.Join(parent, "out"), src, nil); !errors.Is(err, errRead) {
		t.Fatalf("a read failing in the third batch: %v", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("a failed export left %v", entries)
	}
}
