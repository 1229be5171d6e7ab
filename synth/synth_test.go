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
	claims, relations := 0, map[graph.RelationType]bool{}
	certainties, statuses := map[graph.Certainty]bool{}, map[graph.TimeStatus]bool{}
	own, conditional, cued := 0, 0, 0
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
			certainties[c.Certainty], relations[c.Relation], statuses[c.Time.Status] = true, true, true
			if string(text[c.Start:c.End]) != c.Quote {
				t.Errorf("%s: quote %q is not at %d..%d", c.ID, c.Quote, c.Start, c.End)
			}
			// Every phrase is where the loader says, inside the quote.
			quote := graph.Span{Start: c.Start, End: c.End}
			for _, p := range []struct {
				text string
				sp   graph.Span
			}{
				{c.SubjectText, c.SubjectSpan}, {c.ObjectText, c.ObjectSpan}, {c.Condition, c.ConditionSpan},
				{c.Time.Cue, graph.Span{Start: c.Time.CueStart, End: c.Time.CueEnd}},
			} {
				if p.text == "" {
					continue
				}
				if string(text[p.sp.Start:p.sp.End]) != p.text || p.sp.Start < quote.Start || p.sp.End > quote.End {
					t.Errorf("%s: %q at %v, outside the quote %v or not there", c.ID, p.text, p.sp, quote)
				}
			}
			if c.OwnStatement {
				own++
				if c.AttributedToID != c.SubjectID {
					t.Errorf("%s: the subject's own statement is attributed to %q", c.ID, c.AttributedToID)
				}
			}
			if c.Conditional {
				conditional++
			}
			if c.Time.Cue != "" {
				cued++
			}
			if c.SubjectText != names[c.SubjectID] && c.SubjectText != c.SubjectID {
				viaAlias++
			}
		}
	}
	if claims != spec.Claims() || claims != 1200 {
		t.Errorf("got %d claims, spec says %d, want 1200", claims, spec.Claims())
	}
	if len(certainties) != len(graph.Certainties) || len(relations) != len(graph.RelationTypes) || len(statuses) != len(graph.TimeStatuses) {
		t.Errorf("corpus has %d certainties, %d relation types and %d time statuses, want all %d, %d and %d",
			len(certainties), len(relations), len(statuses), len(graph.Certainties), len(graph.RelationTypes), len(graph.TimeStatuses))
	}
	if own == 0 || conditional == 0 || cued == 0 {
		t.Errorf("%d own statements, %d conditional claims, %d claims with a time cue; want some of each", own, conditional, cued)
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
