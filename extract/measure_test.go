package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/extract/eval"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/nlp"
)

// figures are the eval package's measures of a draft against its gold.
type figures struct {
	p, r, f, actorRecall, quotes float64
	report                       *eval.Report
}

func (f figures) String() string {
	var b strings.Builder
	f.report.Write(&b, os.Getenv("DUMP") != "")
	return b.String()
}

// measure compares the draft written at draftPath with the gold claims
// file, as actorgraph eval does.
func measure(t testing.TB, goldPath, draftPath string) figures {
	t.Helper()
	gold, err := eval.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := eval.ReadFile(draftPath)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eval.Compare(gold, draft)
	if err != nil {
		t.Fatal(err)
	}
	return figures{p: rep.Precision.Value(), r: rep.Recall.Value(), f: rep.F1, actorRecall: rep.ActorRecall.Value(), quotes: rep.Quotes.Value(), report: rep}
}

func newTestExtractor(t testing.TB) *Extractor {
	gaz, err := actors.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r, err := actors.NewResolver(nil, gaz)
	if err != nil {
		t.Fatal(err)
	}
	return &Extractor{Resolver: r}
}

// draftChecked drafts doc, writes it next to a copy of the article and
// checks that the loader accepts it.
func draftChecked(t testing.TB, x *Extractor, doc nlp.Document, articlePath string) (*Draft, string) {
	a, err := ReadArticle(articlePath, 0)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "article.txt"), []byte(a.Text), 0o644); err != nil {
		t.Fatal(err)
	}
	a.Path = filepath.Join(dir, "article.txt")
	d, _ := x.Draft(&doc, a, filepath.Join(dir, "draft.yaml"))
	b, err := d.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "draft.yaml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("DUMP") != "" {
		os.WriteFile(filepath.Join(os.TempDir(), "extract-draft-"+articleID(Article{Path: articlePath})+".yaml"), b, 0o644)
	}
	if len(d.Claims) > 0 {
		if _, err := loaders.ParseFile(filepath.Join(dir, "draft.yaml")); err != nil {
			t.Fatalf("the loader refuses the draft: %v", err)
		}
	}
	return d, filepath.Join(dir, "draft.yaml")
}
