package graph_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestClaimTimeInterval(t *testing.T) {
	const p = "2026-01-14"
	open := func(from, to string) graph.Interval { return graph.Interval{From: from, To: to} }
	tests := []struct {
		name      string
		time      graph.ClaimTime
		class     graph.RelationClass
		published string
		want      graph.Interval
	}{
		{"undated ongoing event: the report date", graph.ClaimTime{}, graph.ClassEvent, p, open(p, p)},
		{"undated ongoing state: from the report on", graph.ClaimTime{Status: graph.Ongoing}, graph.ClassState, p, open(p, graph.OpenEnd)},
		{"former: up to the report", graph.ClaimTime{Status: graph.Past, Cue: "former"}, graph.ClassState, p, open(graph.OpenStart, p)},
		{"earlier event: up to the report", graph.ClaimTime{Status: graph.Past}, graph.ClassEvent, p, open(graph.OpenStart, p)},
		{"expected, undated: not placed", graph.ClaimTime{Status: graph.Expected}, graph.ClassEvent, p, graph.Unplaced},
		{"month of an event", graph.ClaimTime{Status: graph.Past, From: "2025-12"}, graph.ClassEvent, p, open("2025-12-01", "2025-12-31")},
		{"year to a day", graph.ClaimTime{From: "2019", To: "2024-12-08"}, graph.ClassState, p, open("2019-01-01", "2024-12-08")},
		{"state since a date, still holding", graph.ClaimTime{From: "2020-03"}, graph.ClassState, p, open("2020-03-01", graph.OpenEnd)},
		{"past state since a date: ended by the report", graph.ClaimTime{Status: graph.Past, From: "2020-03"}, graph.ClassState, p, open("2020-03-01", p)},
		{"state until a date", graph.ClaimTime{To: "2024"}, graph.ClassState, p, open(graph.OpenStart, "2024-12-31")},
		{"event dated by its end only", graph.ClaimTime{To: "2025-02-29x"}, graph.ClassEvent, p, open(p, p)}, // invalid date: ignored
		{"leap day", graph.ClaimTime{From: "2024-02"}, graph.ClassEvent, p, open("2024-02-01", "2024-02-29")},
		{"unknown publication, ongoing state: open", graph.ClaimTime{}, graph.ClassState, "", open(graph.OpenStart, graph.OpenEnd)},
		{"unknown publication, former: not placed", graph.ClaimTime{Status: graph.Past, Cue: "former"}, graph.ClassState, "", graph.Unplaced},
		{"unknown publication, dated: the dates", graph.ClaimTime{Status: graph.Past, From: "2013"}, graph.ClassEvent, "", open("2013-01-01", "2013-12-31")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.time.Interval(tc.class, tc.published); got != tc.want {
				t.Errorf("Interval = %v, want %v", got, tc.want)
			}
		})
	}
	if graph.Unplaced.Placed() || graph.Unplaced.Contains(p) || graph.Unplaced.Overlaps(graph.OpenStart, graph.OpenEnd) {
		t.Error("Unplaced must match no date")
	}
}

func TestParsePartialDate(t *testing.T) {
	tests := []struct {
		in, first, last string
		p               graph.Precision
		bad             bool
	}{
		{"2025", "2025-01-01", "2025-12-31", graph.PrecisionYear, false},
		{"2025-02", "2025-02-01", "2025-02-28", graph.PrecisionMonth, false},
		{"2025-02-03", "2025-02-03", "2025-02-03", graph.PrecisionDay, false},
		{"2025-02-30", "", "", "", true},
		{"2025-00", "", "", "", true},
		{"25-02", "", "", "", true},
		{"", "", "", "", true},
	}
	for _, tc := range tests {
		first, last, p, err := graph.ParsePartialDate(tc.in)
		if (err != nil) != tc.bad || first != tc.first || last != tc.last || p != tc.p {
			t.Errorf("ParsePartialDate(%q) = %q %q %q %v", tc.in, first, last, p, err)
		}
	}
}

// The ontology covers every CAMEO root category and describes every type.
func TestRelationTypesCoverCameo(t *testing.T) {
	roots := map[string]bool{}
	seen := map[graph.RelationType]bool{}
	for _, r := range graph.RelationTypes {
		if seen[r.Type] || r.Meaning == "" || r.Label == "" || (r.Class != graph.ClassState && r.Class != graph.ClassEvent) {
			t.Errorf("bad or repeated row %+v", r)
		}
		seen[r.Type] = true
		if r.Class == graph.ClassState && r.Cameo != "" {
			t.Errorf("%s: a standing relation has CAMEO code %s", r.Type, r.Cameo)
		}
		if root := r.CameoRoot(); root != "" {
			if graph.CameoRoots[root] == "" {
				t.Errorf("%s: code %s has no root category", r.Type, r.Cameo)
			}
			roots[root] = true
		}
	}
	for root, name := range graph.CameoRoots {
		if !roots[root] {
			t.Errorf("no relation type covers CAMEO root %s (%s)", root, name)
		}
	}
}
