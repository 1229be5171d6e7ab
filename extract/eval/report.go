package eval

import (
	"fmt"
	"io"
	"strings"
)

// Write prints the report: with verbose, first the details behind the
// figures (the actor matching, missed and spurious triples, disagreements,
// quote faults, the loader's problems with the draft); then one line per
// figure, ending with exactly
//
//	triples precision P recall R f1 F
//
// P, R and F with two decimals.
func (r *Report) Write(w io.Writer, verbose bool) error {
	ew := &errWriter{w: w}
	if verbose {
		r.writeDetails(ew)
	}
	g, d := r.Gold, r.Draft
	ew.printf("gold:  %s (article %s): %d actors, %d claims, %d triples\n", g.Path, g.ArticleID, len(declared(g.Actors)), len(g.Claims), len(r.GoldTriples))
	loader := "the loader accepts it"
	if n := len(d.LoaderProblems); n > 0 {
		loader = fmt.Sprintf("the loader finds %d problem(s)%s", n, ifNot(verbose, " (-v lists them)"))
	}
	ew.printf("draft: %s (article %s): %d actors, %d claims (%d marked draft), %d triples; %s\n", d.Path, d.ArticleID, len(d.Actors), len(d.Claims), r.Drafts, len(r.DraftTriples), loader)
	ew.printf("actors matched: %d%s", len(r.Actors.Matches), methodCounts(r.Actors.Matches))
	if n := len(r.Actors.Conflicts); n > 0 {
		ew.printf("; %d draft actor(s) left unmatched because another draft actor holds their gold actor%s", n, ifNot(verbose, " (-v lists them)"))
	}
	ew.printf("\n")
	ew.printf("actor recall %s (%d of %d gold actors)\n", two(r.ActorRecall), r.ActorRecall.N, r.ActorRecall.Of)
	for _, m := range Measures {
		a := r.Agreement[m.Measure]
		if !a.Defined() {
			ew.printf("%s agreement n/a (no matched triples)\n", m.Measure)
			continue
		}
		ew.printf("%s agreement %s (%d of %d claim pairs on matched triples)\n", m.Measure, two(r.Agreement[m.Measure]), a.N, a.Of)
	}
	if r.Quotes.Defined() {
		ew.printf("quotes verbatim at their offsets %s (%d of %d draft claims)\n", two(r.Quotes), r.Quotes.N, r.Quotes.Of)
	} else {
		ew.printf("quotes verbatim at their offsets n/a (the draft has no claims)\n")
	}
	ew.printf("triples matched %d, drafted %d, gold %d\n", len(r.Matched), len(r.DraftTriples), len(r.GoldTriples))
	ew.printf("triples precision %.2f recall %.2f f1 %.2f\n", r.Precision.Value(), r.Recall.Value(), r.F1)
	return ew.err
}

func (r *Report) writeDetails(ew *errWriter) {
	names := r.actorNames()
	ew.printf("actor matching (draft → gold):\n")
	matched := map[string]Match{}
	for _, m := range r.Actors.Matches {
		matched[m.Draft] = m
	}
	lost := map[string]Conflict{}
	for _, c := range r.Actors.Conflicts {
		lost[c.Draft] = c
	}
	for _, a := range r.Draft.Actors {
		switch m, ok := matched[a.ID]; {
		case ok:
			ew.printf("  %s → %s (%s)\n", a.ID, m.Gold, describe(m))
		default:
			if c, ok := lost[a.ID]; ok {
				ew.printf("  %s → none: it matches %s (%s), which %s matches more strongly\n", a.ID, c.Gold, describe(c.Match), c.Winner)
			} else {
				ew.printf("  %s → none (%q matches no gold actor)\n", a.ID, a.Name)
			}
		}
	}
	section(ew, "gold actors missed", len(r.MissedActors))
	for _, a := range r.MissedActors {
		ew.printf("  %s (%s)\n", a.ID, a.Name)
	}
	goldClaims, draftClaims := index(r.GoldTriples), index(r.DraftTriples)
	section(ew, "missed triples (gold only)", len(r.Missed))
	for _, t := range r.Missed {
		ew.printf("  %s  %s\n", tripleText(t, names), claimRef("gold", goldClaims[t][0]))
	}
	section(ew, "spurious triples (draft only)", len(r.Spurious))
	for _, t := range r.Spurious {
		ew.printf("  %s  %s\n", tripleText(t, names), claimRef("draft", draftClaims[t][0]))
	}
	section(ew, "disagreements on matched triples", len(r.Disagreements))
	for _, d := range r.Disagreements {
		ew.printf("  %s: %s: draft %s, gold %s  %s; %s\n", d.Measure, tripleText(d.Triple, names), d.DraftValue, d.GoldValue, claimRef("draft", d.Draft), claimRef("gold", d.Gold))
	}
	section(ew, "quotes not verbatim at their offsets", len(r.QuoteFaults))
	for _, c := range r.QuoteFaults {
		ew.printf("  %s: %s\n", claimRef("draft", c), quoteFault(c))
	}
	section(ew, "the loader's problems with the draft", len(r.Draft.LoaderProblems))
	for _, p := range r.Draft.LoaderProblems {
		ew.printf("  %s\n", p)
	}
	ew.printf("\n")
}

func section(ew *errWriter, title string, n int) {
	if n == 0 {
		ew.printf("%s: none\n", title)
		return
	}
	ew.printf("%s: %d\n", title, n)
}

func describe(m Match) string {
	for _, r := range Methods {
		if r.Method != m.By {
			continue
		}
		switch m.By {
		case ByID:
			return r.Meaning
		case ByVariant:
			return fmt.Sprintf("%s: %q ~ %q, %.2f", r.Meaning, m.DraftForm, m.GoldForm, m.Score)
		}
		return fmt.Sprintf("%s: %q = %q", r.Meaning, m.DraftForm, m.GoldForm)
	}
	return string(m.By)
}

func quoteFault(c Claim) string {
	switch {
	case c.Quote == "":
		return "no quote"
	case !c.HasStart && c.Found:
		return fmt.Sprintf("no start (the quote first occurs at %d)", c.Span.Start)
	case !c.HasStart:
		return "no start, and the quote does not occur in the text"
	case c.Found:
		return fmt.Sprintf("the quote is not at %d (it first occurs at %d)", c.Start, c.Span.Start)
	}
	return fmt.Sprintf("the quote is not at %d and does not occur in the text", c.Start)
}

// actorNames maps the ids triples use (gold ids, "draft:" ids, undeclared
// "?" names) to names for the details.
func (r *Report) actorNames() map[string]string {
	names := map[string]string{}
	for _, a := range r.Gold.Actors {
		names[a.ID] = a.Name
	}
	for _, a := range r.Draft.Actors {
		names["draft:"+a.ID] = a.Name
	}
	return names
}

func tripleText(t Triple, names map[string]string) string {
	return fmt.Sprintf("%s -%s-> %s", actorText(t.Subject, names), t.Relation, actorText(t.Object, names))
}

func actorText(id string, names map[string]string) string {
	if strings.HasPrefix(id, "draft:?") {
		return fmt.Sprintf("(undeclared %q)", names[id])
	}
	return id
}

func claimRef(file string, c Claim) string {
	return fmt.Sprintf("[%s %s, line %d: %q]", file, c.Key, c.Line, excerpt(c.Quote))
}

func index(ts []TripleClaims) map[Triple][]Claim {
	out := make(map[Triple][]Claim, len(ts))
	for _, t := range ts {
		out[t.Triple] = t.Claims
	}
	return out
}

func methodCounts(ms []Match) string {
	if len(ms) == 0 {
		return ""
	}
	var parts []string
	for _, row := range Methods {
		n := 0
		for _, m := range ms {
			if m.By == row.Method {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, row.Meaning))
		}
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// two prints a ratio with two decimals.
func two(r Ratio) string { return fmt.Sprintf("%.2f", r.Value()) }

func ifNot(b bool, s string) string {
	if b {
		return ""
	}
	return s
}

// errWriter keeps the first write error, so Write returns it once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
