package synth_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/synth"
)

func TestCorpusIsValidAndVaried(t *testing.T) {
	dir := t.TempDir()
	spec := synth.Spec{Articles: 60, Seed: 7}
	if err := synth.Write(context.Background(), dir, spec, nil); err != nil {
		t.Fatal(err)
	}
	files, err := loaders.ClaimsFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	loads, err := loaders.ParseAll(files)
	if err != nil {
		t.Fatalf("generated corpus does not validate:\n%v", err)
	}
	if len(loads) != 60 {
		t.Fatalf("got %d articles, want 60", len(loads))
	}
	claims, modalities, relations := 0, map[graph.Modality]bool{}, map[graph.RelationType]bool{}
	articlesOf := map[string]int{}
	viaAlias := 0
	for _, l := range loads {
		claims += len(l.Claims)
		if len(l.Actors) != 20 {
			t.Errorf("%s names %d actors, want 20", l.Article.ID, len(l.Actors))
		}
		names := map[string]string{}
		for _, a := range l.Actors {
			articlesOf[a.ID]++
			names[a.ID] = a.Name
		}
		text := []rune(l.Article.Text)
		for _, c := range l.Claims {
			modalities[c.Modality], relations[c.Relation] = true, true
			if string(text[c.Start:c.End]) != c.Quote {
				t.Errorf("%s: quote %q is not at %d..%d", c.ID, c.Quote, c.Start, c.End)
			}
			if c.SubjectText != names[c.SubjectID] && c.SubjectText != c.SubjectID {
				viaAlias++
			}
		}
	}
	if claims != spec.Claims() || claims != 1200 {
		t.Errorf("got %d claims, spec says %d, want 1200", claims, spec.Claims())
	}
	if len(modalities) != len(graph.Modalities) || len(relations) != len(graph.RelationTypes) {
		t.Errorf("corpus has %d modalities and %d relation types, want all %d and %d",
			len(modalities), len(relations), len(graph.Modalities), len(graph.RelationTypes))
	}
	if viaAlias == 0 {
		t.Error("no claim refers to an actor by an alias")
	}
	// Power law: the most frequent actor is in far more articles than the median one.
	counts := make([]int, 0, len(articlesOf))
	for _, n := range articlesOf {
		counts = append(counts, n)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	if top, median := counts[0], counts[len(counts)/2]; top < 5*median {
		t.Errorf("actor frequencies look flat: top %d, median %d", top, median)
	}
}

func TestCorpusIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := synth.Write(context.Background(), dir, synth.Spec{Articles: 5, Seed: 42}, nil); err != nil {
			t.Fatal(err)
		}
	}
	other := synth.Spec{Articles: 5, Seed: 43, ClaimsPerArticle: 20}
	for i := 0; i < 5; i++ {
		for _, ext := range []string{".yaml", ".txt"} {
			p := synth.RelPath(i)
			p = p[:len(p)-len(".yaml")] + ext
			x, err := os.ReadFile(filepath.Join(a, p))
			if err != nil {
				t.Fatal(err)
			}
			y, _ := os.ReadFile(filepath.Join(b, p))
			if !bytes.Equal(x, y) {
				t.Fatalf("%s differs between two runs with the same seed", p)
			}
		}
		same, _, _ := synth.Spec{Articles: 5, Seed: 42}.Article(i)
		diff, _, _ := other.Article(i)
		if bytes.Equal(same, diff) {
			t.Errorf("article %d is the same for seeds 42 and 43", i)
		}
	}
}

func TestSpecRejectsNonsense(t *testing.T) {
	for _, s := range []synth.Spec{{Articles: 0}, {Articles: 1, Actors: 1}, {Articles: 1, Zipf: 0.5}, {Articles: 1, ClaimsPerArticle: -1}} {
		if err := synth.Write(context.Background(), t.TempDir(), s, nil); err == nil {
			t.Errorf("spec %+v was accepted", s)
		}
	}
}
