package seedtest

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

// Condition is one condition of a filter on claims, said three ways: as a
// field of the GraphQL ClaimFilter (GQL) and as arguments of the
// relationship and traversal fields (Args, "" when those have none), as a
// change to a domain filter (Apply), and as a test on a parsed claim
// (Match), which gives the expected answer. The Neo4j store's tests add a
// fourth, the Cypher of docs/graph-model.md.
type Condition struct {
	GQL, Args string
	Apply     func(*graph.ClaimFilter)
	Match     func(graph.Claim) bool
}

// Certainty is "one of these certainties".
func Certainty(cs ...graph.Certainty) Condition {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = string(c)
	}
	list := "[" + strings.Join(names, ", ") + "]"
	return Condition{
		GQL: "certainty: " + list, Args: "certainty: " + list,
		Apply: func(f *graph.ClaimFilter) { f.Certainties = append(f.Certainties, cs...) },
		Match: func(c graph.Claim) bool { return slices.Contains(cs, c.Certainty) },
	}
}

// OwnStatement is "is (or is not) the subject's own statement".
func OwnStatement(want bool) Condition {
	return Condition{
		GQL: fmt.Sprintf("ownStatement: %v", want), Args: fmt.Sprintf("ownStatement: %v", want),
		Apply: func(f *graph.ClaimFilter) { f.OwnStatement = &want },
		Match: func(c graph.Claim) bool { return c.OwnStatement == want },
	}
}

// Conditional is "is (or is not) conditional".
func Conditional(want bool) Condition {
	return Condition{
		GQL: fmt.Sprintf("conditional: %v", want), Args: fmt.Sprintf("conditional: %v", want),
		Apply: func(f *graph.ClaimFilter) { f.Conditional = &want },
		Match: func(c graph.Claim) bool { return c.Conditional == want },
	}
}

// TimeStatus is "has this time status" (claims only: relationships have
// no such filter).
func TimeStatus(s graph.TimeStatus) Condition {
	return Condition{
		GQL:   "timeStatus: [" + string(s) + "]",
		Apply: func(f *graph.ClaimFilter) { f.TimeStatuses = append(f.TimeStatuses, s) },
		Match: func(c graph.Claim) bool { return c.Time.StatusOrOngoing() == s },
	}
}

// Window is asOf (when w's ends are one date) or between.
func Window(w graph.TimeWindow) Condition {
	var arg string
	switch {
	case w.From != "" && w.From == w.To:
		arg = fmt.Sprintf("asOf: %q", w.From)
	case w.From == "":
		arg = fmt.Sprintf("between: {to: %q}", w.To)
	case w.To == "":
		arg = fmt.Sprintf("between: {from: %q}", w.From)
	default:
		arg = fmt.Sprintf("between: {from: %q, to: %q}", w.From, w.To)
	}
	return Condition{
		GQL: arg, Args: arg,
		Apply: func(f *graph.ClaimFilter) { f.Window = w },
		Match: func(c graph.Claim) bool { return w.Matches(c.Valid) },
	}
}

// Filters are the filters tried on the seed: every certainty, both values
// of each flag, every time status, date windows, and combinations, which
// a claim must meet together but a relationship may meet with different
// claims.
func Filters() map[string][]Condition {
	jan14 := graph.TimeWindow{From: "2026-01-14", To: "2026-01-14"}
	f := map[string][]Condition{
		"own statements":                         {OwnStatement(true)},
		"not own statements":                     {OwnStatement(false)},
		"conditional":                            {Conditional(true)},
		"unconditional":                          {Conditional(false)},
		"alleged or hypothetical":                {Certainty(graph.Alleged, graph.Hypothetical)},
		"as of 2026-01-14":                       {Window(jan14)},
		"between 2020 and 2025":                  {Window(graph.TimeWindow{From: "2020-01-01", To: "2025-12-31"})},
		"from 2030 on":                           {Window(graph.TimeWindow{From: "2030-01-01"})},
		"up to 1990":                             {Window(graph.TimeWindow{To: "1990-12-31"})},
		"reported own conditional":               {Certainty(graph.Reported), OwnStatement(true), Conditional(true)},
		"asserted and conditional":               {Certainty(graph.Asserted), Conditional(true)},
		"alleged and not own, as of 2026-01-14":  {Certainty(graph.Alleged), OwnStatement(false), Window(jan14)},
		"hypothetical, expected (claims only)":   {Certainty(graph.Hypothetical), TimeStatus(graph.Expected)},
		"ongoing and conditional (claims only)":  {TimeStatus(graph.Ongoing), Conditional(true)},
		"past or expected, as the claims say so": {TimeStatus(graph.Past)},
	}
	for _, c := range graph.Certainties {
		f["certainty "+string(c)] = []Condition{Certainty(c)}
	}
	for _, s := range graph.TimeStatuses {
		f["time status "+string(s)] = []Condition{TimeStatus(s)}
	}
	return f
}

// Relational reports whether relationships and traversals take every
// condition (as arguments), so the filter applies to them too.
func Relational(conds []Condition) bool {
	return !slices.ContainsFunc(conds, func(c Condition) bool { return c.Args == "" })
}

// ClaimFilter is the domain filter of the conditions.
func ClaimFilter(conds []Condition) graph.ClaimFilter {
	var f graph.ClaimFilter
	for _, c := range conds {
		c.Apply(&f)
	}
	return f
}

// EvidenceFilter is the relationships' filter of the conditions (those of
// a relational filter).
func EvidenceFilter(conds []Condition) graph.EvidenceFilter {
	f := ClaimFilter(conds)
	return graph.EvidenceFilter{Certainties: f.Certainties, OwnStatement: f.OwnStatement, Conditional: f.Conditional, Window: f.Window}
}

// Expect returns what the conditions must find among claims: the claims
// that meet all of them, and the relationships that meet each, each with
// some claim (not necessarily the same one).
func Expect(claims []graph.Claim, conds []Condition) (wantClaims, wantRels map[string]bool) {
	wantClaims, wantRels = map[string]bool{}, map[string]bool{}
	byRel := map[string][]graph.Claim{}
	for _, c := range claims {
		byRel[c.RelationshipID()] = append(byRel[c.RelationshipID()], c)
		if !slices.ContainsFunc(conds, func(x Condition) bool { return !x.Match(c) }) {
			wantClaims[c.ID] = true
		}
	}
	for id, cs := range byRel {
		each := true
		for _, x := range conds {
			each = each && slices.ContainsFunc(cs, x.Match)
		}
		if each {
			wantRels[id] = true
		}
	}
	return wantClaims, wantRels
}

// Claims returns the seed's claims as the loader parses them.
func Claims(tb testing.TB) []graph.Claim {
	tb.Helper()
	l, err := loaders.ParseFile(filepath.Join(Dir(), "claims.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	return l.Claims
}

// SortedIDs returns the keys of a set, sorted.
func SortedIDs(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Neighbours returns what the depth-1 neighbourhood of id holds when it
// may follow only the relationships rels: id and the actors those join it
// to, and every one of rels among them.
func Neighbours(id string, rels map[string]bool) (nodes, edges map[string]bool) {
	nodes, edges = map[string]bool{id: true}, map[string]bool{}
	for r := range rels {
		p := strings.Split(r, "|")
		if p[0] == id {
			nodes[p[2]] = true
		}
		if p[2] == id {
			nodes[p[0]] = true
		}
	}
	for r := range rels {
		if p := strings.Split(r, "|"); nodes[p[0]] && nodes[p[2]] {
			edges[r] = true
		}
	}
	return nodes, edges
}
