package eval

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// Triple is what a claim asserts, without its evidence or modality: the
// unit the precision and recall count.
type Triple struct {
	Subject  string
	Relation graph.RelationType
	Object   string
}

// Ratio is a count out of a total.
type Ratio struct {
	N, Of int
}

// Value is N/Of, or 0 when Of is 0.
func (r Ratio) Value() float64 {
	if r.Of == 0 {
		return 0
	}
	return float64(r.N) / float64(r.Of)
}

// Defined reports whether the ratio has a total.
func (r Ratio) Defined() bool { return r.Of > 0 }

// TripleClaims is a triple with the claims behind it in one file.
type TripleClaims struct {
	Triple
	Claims []Claim
}

// Disagreement is a matched triple whose paired claims differ on a measure.
type Disagreement struct {
	Measure     Measure
	Triple      Triple
	Draft, Gold Claim
	// DraftValue and GoldValue are the values that differ, as text.
	DraftValue, GoldValue string
}

// Measure names a modality measure; Measures is the table.
type Measure string

const (
	MeasureCertainty    Measure = "certainty"
	MeasureOwnStatement Measure = "ownStatement"
	MeasureConditional  Measure = "conditional"
	MeasureAttribution  Measure = "attribution"
)

// MeasureInfo is one row of Measures: a measure of agreement on matched
// triples and how it reads a claim's value.
type MeasureInfo struct {
	Measure Measure
	// value returns the claim's value, with actor ids already mapped to
	// the gold's (see Compare).
	value func(c Claim) string
}

// Measures are the agreement measures on matched triples, in report order.
var Measures = []MeasureInfo{
	{MeasureCertainty, func(c Claim) string { return string(c.Certainty) }},
	{MeasureOwnStatement, func(c Claim) string { return fmt.Sprint(c.OwnStatement) }},
	{MeasureConditional, func(c Claim) string { return fmt.Sprint(c.Conditional) }},
	{MeasureAttribution, func(c Claim) string {
		if c.AttributedTo == "" {
			return "article"
		}
		return c.AttributedTo
	}},
}

// Report is the comparison of a draft with the gold claims of the same
// article.
type Report struct {
	Gold, Draft *File
	// Actors is the matching of draft actors to gold actors.
	Actors Matching
	// ActorRecall: gold actors matched by a draft actor, of the gold's
	// declared actors. MissedActors are the others, in gold order.
	ActorRecall  Ratio
	MissedActors []Actor
	// DraftTriples and GoldTriples are each file's distinct triples, in
	// gold actor ids (a draft actor without a match keeps its own id,
	// prefixed "draft:"), in first-claim order.
	DraftTriples, GoldTriples []TripleClaims
	// Matched, Missed (gold only) and Spurious (draft only) split them.
	Matched, Missed, Spurious []Triple
	// Precision is matched of drafted triples; Recall matched of gold
	// triples; F1 their harmonic mean (0 when both are 0).
	Precision, Recall Ratio
	F1                float64
	// Agreement is, per measure, the claim pairs behind matched triples
	// that agree (see Compare); Disagreements lists the others.
	Agreement     map[Measure]Ratio
	Disagreements []Disagreement
	// Quotes: draft claims whose quote occurs verbatim at its `start`, of
	// all draft claims; QuoteFaults lists the others.
	Quotes      Ratio
	QuoteFaults []Claim
	// Drafts counts the draft's claims marked `draft: true`.
	Drafts int
}

// Compare compares a draft with the gold claims of the same article. The
// two must describe the same article text, byte for byte (the offsets of
// both refer to it); otherwise it returns an error naming both files.
//
// Modality agreement is measured on pairs of claims behind matched
// triples: behind each matched triple, draft and gold claims are paired
// one to one by overlapping quotes, the largest overlap first (so two
// sentences stating one triple are compared sentence by sentence); a
// triple whose claims' quotes do not overlap at all contributes the pair
// of its first claims. Attribution compares actors through the matching,
// the article's own voice being a value of its own.
func Compare(gold, draft *File) (*Report, error) {
	if len(gold.LoaderProblems) > 0 {
		lines := make([]string, len(gold.LoaderProblems))
		for i, p := range gold.LoaderProblems {
			lines[i] = "  " + p.String()
		}
		return nil, fmt.Errorf("the gold file %s is not a valid claims file (`actorgraph check` says the same); fix it first:\n%s", gold.Path, strings.Join(lines, "\n"))
	}
	if err := sameText(gold, draft); err != nil {
		return nil, err
	}
	r := &Report{Gold: gold, Draft: draft, Agreement: map[Measure]Ratio{}}
	r.Actors = MatchActors(draft.Actors, declared(gold.Actors))

	matchedGold := map[string]bool{}
	for _, g := range r.Actors.ToGold {
		matchedGold[g] = true
	}
	for _, a := range declared(gold.Actors) {
		r.ActorRecall.Of++
		if matchedGold[a.ID] {
			r.ActorRecall.N++
		} else {
			r.MissedActors = append(r.MissedActors, a)
		}
	}

	toGold := func(id string) string {
		if id == "" {
			return ""
		}
		if g, ok := r.Actors.ToGold[id]; ok {
			return g
		}
		return "draft:" + id
	}
	mapped := make([]Claim, len(draft.Claims))
	for i, c := range draft.Claims {
		c.Subject, c.Object, c.AttributedTo = toGold(c.Subject), toGold(c.Object), toGold(c.AttributedTo)
		mapped[i] = c
		if c.Exact {
			r.Quotes.N++
		} else {
			r.QuoteFaults = append(r.QuoteFaults, draft.Claims[i])
		}
		if c.Draft {
			r.Drafts++
		}
	}
	r.Quotes.Of = len(draft.Claims)

	r.GoldTriples, r.DraftTriples = triples(gold.Claims), triples(mapped)
	goldBy := map[Triple]TripleClaims{}
	for _, t := range r.GoldTriples {
		goldBy[t.Triple] = t
	}
	draftBy := map[Triple]bool{}
	for _, d := range r.DraftTriples {
		draftBy[d.Triple] = true
		g, ok := goldBy[d.Triple]
		if !ok {
			r.Spurious = append(r.Spurious, d.Triple)
			continue
		}
		r.Matched = append(r.Matched, d.Triple)
		for _, p := range pairClaims(d.Claims, g.Claims) {
			for _, m := range Measures {
				a := r.Agreement[m.Measure]
				a.Of++
				if dv, gv := m.value(p[0]), m.value(p[1]); dv == gv {
					a.N++
				} else {
					r.Disagreements = append(r.Disagreements, Disagreement{Measure: m.Measure, Triple: d.Triple, Draft: p[0], Gold: p[1], DraftValue: dv, GoldValue: gv})
				}
				r.Agreement[m.Measure] = a
			}
		}
	}
	for _, g := range r.GoldTriples {
		if !draftBy[g.Triple] {
			r.Missed = append(r.Missed, g.Triple)
		}
	}
	r.Precision = Ratio{len(r.Matched), len(r.DraftTriples)}
	r.Recall = Ratio{len(r.Matched), len(r.GoldTriples)}
	if p, rc := r.Precision.Value(), r.Recall.Value(); p+rc > 0 {
		r.F1 = 2 * p * rc / (p + rc)
	}
	return r, nil
}

// declared drops the pseudo-actors of undeclared names: the gold's
// actors are the ones it declares.
func declared(as []Actor) []Actor {
	var out []Actor
	for _, a := range as {
		if !a.Undeclared {
			out = append(out, a)
		}
	}
	return out
}

// triples groups claims by triple, deduplicated, in first-claim order.
func triples(cs []Claim) []TripleClaims {
	var out []TripleClaims
	at := map[Triple]int{}
	for _, c := range cs {
		t := Triple{c.Subject, c.Relation, c.Object}
		if i, ok := at[t]; ok {
			out[i].Claims = append(out[i].Claims, c)
			continue
		}
		at[t] = len(out)
		out = append(out, TripleClaims{Triple: t, Claims: []Claim{c}})
	}
	return out
}

// pairClaims pairs the draft and gold claims behind one matched triple,
// each claim at most once: the pairs whose quotes overlap, the largest
// overlap first (ties in file order); when no quotes overlap, the first
// claim of each.
func pairClaims(draft, gold []Claim) [][2]Claim {
	type cand struct{ i, j, o int }
	var cs []cand
	for i, d := range draft {
		for j, g := range gold {
			if o := overlap(d, g); o > 0 {
				cs = append(cs, cand{i, j, o})
			}
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].o > cs[b].o })
	var out [][2]Claim
	usedD, usedG := map[int]bool{}, map[int]bool{}
	for _, c := range cs {
		if !usedD[c.i] && !usedG[c.j] {
			usedD[c.i], usedG[c.j] = true, true
			out = append(out, [2]Claim{draft[c.i], gold[c.j]})
		}
	}
	if len(out) == 0 {
		out = append(out, [2]Claim{draft[0], gold[0]})
	}
	return out
}

func overlap(a, b Claim) int {
	if !a.Found || !b.Found {
		return 0
	}
	return max(0, min(a.Span.End, b.Span.End)-max(a.Span.Start, b.Span.Start))
}

// sameText checks that both files describe the same article text.
func sameText(gold, draft *File) error {
	g, d := gold.Text.String(), draft.Text.String()
	if g == d {
		return nil
	}
	// The first code point where they differ, for the message.
	i, n := 0, 0
	for i < len(g) && i < len(d) && g[i] == d[i] {
		i++
	}
	for i > 0 && i < len(g) && !utf8.RuneStart(g[i]) {
		i--
	}
	n = utf8.RuneCountInString(g[:i])
	return fmt.Errorf("%s and %s are not about the same article: the draft's text %s differs from the gold's %s from code point %d (%q against %q)",
		draft.Path, gold.Path, draft.ArticlePath, gold.ArticlePath, n, excerpt(d[i:]), excerpt(g[i:]))
}

func excerpt(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}
