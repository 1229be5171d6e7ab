package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/nlp"
)

// figures is a small stand-in for the eval package while it is built
// elsewhere: triple precision and recall with proposed actors matched to
// gold actors by name and alias, and actor recall.
type figures struct {
	p, r, f, actorRecall float64
	tp, drafted, gold    int
	missing, wrong       []string
	missingActors        []string
}

type goldFile struct {
	Actors []struct {
		ID      string   `yaml:"id"`
		Name    string   `yaml:"name"`
		Aliases []string `yaml:"aliases"`
	} `yaml:"actors"`
	Claims []struct {
		Subject, Relation, Object string
	} `yaml:"claims"`
}

func readGold(t testing.TB, path string) goldFile {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := yaml.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func measure(g goldFile, d *Draft) figures {
	keyOf := map[string]string{} // key → gold id
	for _, a := range g.Actors {
		keyOf[actors.Key(a.ID)] = a.ID
		keyOf[actors.Key(a.Name)] = a.ID
		for _, al := range a.Aliases {
			keyOf[actors.Key(al)] = a.ID
		}
	}
	goldRef := func(s string) string {
		if id, ok := keyOf[actors.Key(s)]; ok {
			return id
		}
		return s
	}
	mapDraft := map[string]string{}
	found := map[string]bool{}
	for _, a := range d.Actors {
		mapDraft[a.ID] = "?" + a.ID
		for _, f := range append([]string{a.ID, a.Name}, a.Aliases...) {
			if id, ok := keyOf[actors.Key(f)]; ok {
				mapDraft[a.ID] = id
				found[id] = true
				break
			}
		}
	}
	gold := map[string]bool{}
	for _, c := range g.Claims {
		gold[goldRef(c.Subject)+" "+c.Relation+" "+goldRef(c.Object)] = true
	}
	dr := map[string]bool{}
	for _, c := range d.Claims {
		dr[mapDraft[c.Subject]+" "+c.Relation+" "+mapDraft[c.Object]] = true
	}
	var fg figures
	for k := range dr {
		if gold[k] {
			fg.tp++
		} else {
			fg.wrong = append(fg.wrong, k)
		}
	}
	for k := range gold {
		if !dr[k] {
			fg.missing = append(fg.missing, k)
		}
	}
	sort.Strings(fg.wrong)
	sort.Strings(fg.missing)
	fg.drafted, fg.gold = len(dr), len(gold)
	if fg.drafted > 0 {
		fg.p = float64(fg.tp) / float64(fg.drafted)
	}
	fg.r = float64(fg.tp) / float64(fg.gold)
	if fg.p+fg.r > 0 {
		fg.f = 2 * fg.p * fg.r / (fg.p + fg.r)
	}
	for _, a := range g.Actors {
		if !found[a.ID] {
			fg.missingActors = append(fg.missingActors, a.ID)
		}
	}
	fg.actorRecall = float64(len(g.Actors)-len(fg.missingActors)) / float64(len(g.Actors))
	return fg
}

func (f figures) String() string {
	return fmt.Sprintf("triples precision %.2f recall %.2f f1 %.2f (%d/%d drafted, %d gold); actor recall %.2f missing %v",
		f.p, f.r, f.f, f.tp, f.drafted, f.gold, f.actorRecall, f.missingActors)
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
func draftChecked(t testing.TB, x *Extractor, doc nlp.Document, articlePath string) *Draft {
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
		os.WriteFile("/tmp/extract-draft.yaml", b, 0o644)
	}
	if len(d.Claims) > 0 {
		if _, err := loaders.ParseFile(filepath.Join(dir, "draft.yaml")); err != nil {
			t.Fatalf("the loader refuses the draft: %v", err)
		}
	}
	return d
}
