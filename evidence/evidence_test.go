package evidence_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/evidence"
)

func TestFindRespectsWordBoundaries(t *testing.T) {
	tx := evidence.NewText("“We warn,” he said; the group’s threat reached them. He left.")
	tests := []struct {
		phrase string
		want   []string // the text before each match, to place it
	}{
		{"he", []string{"“We warn,” "}},
		{"He", []string{"“We warn,” he said; the group’s threat reached them. "}},
		{"the group", []string{"“We warn,” he said; "}},
		{"We warn", []string{"“"}},
		{"“We", []string{""}},
		{"roup", nil},
		{"", nil},
	}
	for _, tc := range tests {
		got := tx.Find(tc.phrase)
		if len(got) != len(tc.want) {
			t.Errorf("Find(%q) = %v, want %d matches", tc.phrase, got, len(tc.want))
			continue
		}
		for i, sp := range got {
			if prefix := tx.Slice(evidence.Span{Start: 0, End: sp.Start}); prefix != tc.want[i] {
				t.Errorf("Find(%q)[%d] starts after %q, want after %q", tc.phrase, i, prefix, tc.want[i])
			}
			if tx.Slice(sp) != tc.phrase {
				t.Errorf("Find(%q)[%d] selects %q", tc.phrase, i, tx.Slice(sp))
			}
		}
	}
}

func TestLocatePrefersInsideThenBeforeThenAfter(t *testing.T) {
	const s = "Iran warned. Later Iran and the US met. Iran left."
	tx := evidence.NewText(s)
	quote := func(q string) evidence.Span {
		i := strings.Index(s, q) // ASCII: bytes are code points
		return evidence.Span{Start: i, End: i + len(q)}
	}
	tests := []struct {
		phrase string
		around evidence.Span
		want   evidence.Placement
		prefix string
	}{
		{"Iran", quote("Later Iran and the US met"), evidence.Inside, "Iran warned. Later "},
		{"Iran", quote("the US met"), evidence.Before, "Iran warned. Later "},
		{"US", quote("Iran warned"), evidence.After, "Iran warned. Later Iran and the "},
		{"Iran", quote("Iran left"), evidence.Inside, "Iran warned. Later Iran and the US met. "},
	}
	for _, tc := range tests {
		sp, where, ok := tx.Locate(tc.phrase, tc.around)
		if !ok || where != tc.want || tx.Slice(evidence.Span{Start: 0, End: sp.Start}) != tc.prefix {
			t.Errorf("Locate(%q) = %v %v %v, want %v after %q", tc.phrase, sp, where, ok, tc.want, tc.prefix)
		}
	}
	if _, _, ok := tx.Locate("Syria", quote("Iran left")); ok {
		t.Error("Locate found a phrase that is not in the text")
	}
}

func TestOffsetsAreCodePoints(t *testing.T) {
	tx := evidence.NewText("Iraq’s “fire” — 𝔸 then Tehran.")
	sp := tx.Find("Tehran")
	if len(sp) != 1 || sp[0].Start != 23 || sp[0].End != 29 {
		t.Fatalf("Find(Tehran) = %v, want [{23 29}]", sp)
	}
	if got, ok := tx.At("fire", 8); !ok || got.End != 12 {
		t.Fatalf("At(fire, 8) = %v %v", got, ok)
	}
	if _, ok := tx.At("fire", 7); ok {
		t.Fatal("At accepted a wrong offset")
	}
	if tx.Slice(evidence.Span{Start: 30, End: 31}) != "" || tx.Valid(evidence.Span{Start: 5, End: 4}) {
		t.Fatal("invalid spans must select nothing")
	}
}

func TestNearMiss(t *testing.T) {
	tx := evidence.NewText("Kataib Hezbollah’s secretary-general said “no picnic”.")
	for phrase, want := range map[string]bool{
		"Kataib Hezbollah's secretary-general": true,
		`said "no picnic"`:                     true,
		"Kataib  Hezbollah’s":                  true,
		"Kataib Hezbollah’s":                   false, // verbatim: not a miss
		"Nujaba":                               false, // absent: not near
	} {
		if got := tx.NearMiss(phrase); got != want {
			t.Errorf("NearMiss(%q) = %v, want %v", phrase, got, want)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"One. Two? Three! Four", []string{"One.", "Two?", "Three!", "Four"}},
		{"The U.S. Army and Mr. Smith met Gen. Ali. J. Doe agreed.", []string{"The U.S. Army and Mr. Smith met Gen. Ali.", "J. Doe agreed."}},
		{"“We warn.” The group said so. “Next,” he said.", []string{"“We warn.”", "The group said so.", "“Next,” he said."}},
		{"Headline without stop\nBAGHDAD –\n\nFirst line. second part.", []string{"Headline without stop", "BAGHDAD –", "First line. second part."}},
		{"It rose 3.5 percent. 2026 began.", []string{"It rose 3.5 percent.", "2026 began."}},
	}
	for _, tc := range tests {
		tx := evidence.NewText(tc.text)
		var got []string
		for _, sp := range tx.Sentences() {
			got = append(got, tx.Slice(sp))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Sentences(%q) =\n %q\nwant\n %q", tc.text, got, tc.want)
		}
	}
}

func TestSeedArticleSentences(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "seed", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tx := evidence.NewText(string(b))
	ss := tx.Sentences()
	// The headline, the dateline and the 23 sentences of the body.
	if len(ss) != 25 {
		for _, sp := range ss {
			t.Log(tx.Slice(sp))
		}
		t.Fatalf("%d sentences, want 25", len(ss))
	}
	q := "The reports suggest these groups have received direct instructions"
	sp := tx.Find(q)
	if len(sp) != 1 {
		t.Fatal("quote not found")
	}
	sent, ok := tx.SentenceAt(sp[0].Start)
	if !ok || !strings.HasPrefix(tx.Slice(sent), q) || !strings.HasSuffix(tx.Slice(sent), "pursuing activists.") {
		t.Fatalf("sentence at the quote = %q", tx.Slice(sent))
	}
}
