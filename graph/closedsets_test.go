package graph_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

var (
	upperSnake = regexp.MustCompile(`^[A-Z]+(_[A-Z]+)*$`)
	cameoCode  = regexp.MustCompile(`^[0-9]{2,4}$`)
	labelWord  = regexp.MustCompile(`^[A-Z][a-z]+$`)
)

// meaningOK reports a one-line definition in the tables' style: lower case
// first, no full stop (the schema and docs add their own).
func meaningOK(s string) bool {
	return s != "" && strings.ToLower(s[:1]) == s[:1] && !strings.HasSuffix(s, ".") && !strings.Contains(s, "\n")
}

// Every row of every closed set's table is complete, and every value is
// there once: what the schema, the docs and the synthetic corpus take from
// a row must be in it.
func TestClosedSetTablesAreComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range graph.RelationTypes {
		switch {
		case !upperSnake.MatchString(string(r.Type)):
			t.Errorf("relation type %q is not UPPER_SNAKE_CASE (it is a Neo4j relationship type)", r.Type)
		case seen[string(r.Type)]:
			t.Errorf("relation type %s is listed twice", r.Type)
		case !meaningOK(r.Meaning):
			t.Errorf("relation type %s: meaning %q must be one lower-case line without a full stop", r.Type, r.Meaning)
		case r.Cameo != "" && !cameoCode.MatchString(r.Cameo):
			t.Errorf("relation type %s: CAMEO code %q is not 2 to 4 digits", r.Type, r.Cameo)
		case !r.Class.Valid():
			t.Errorf("relation type %s: class %q is not a relation class", r.Type, r.Class)
		case r.Label == "":
			t.Errorf("relation type %s has no label (the network view draws its edges with it)", r.Type)
		case r.Phrase == "":
			t.Errorf("relation type %s has no phrase (the synthetic corpus writes its quotes with it)", r.Type)
		case !r.Type.Valid() || r.Type.Info() != r:
			t.Errorf("relation type %s is not found by Valid and Info", r.Type)
		}
		seen[string(r.Type)] = true
	}
	for _, k := range graph.ActorKindTable {
		switch {
		case !upperSnake.MatchString(string(k.Kind)):
			t.Errorf("actor kind %q is not UPPER_SNAKE_CASE", k.Kind)
		case seen[string(k.Kind)]:
			t.Errorf("actor kind %s is listed twice", k.Kind)
		case !labelWord.MatchString(k.Label):
			t.Errorf("actor kind %s: Neo4j label %q is not one capitalised word", k.Kind, k.Label)
		case !meaningOK(k.Meaning):
			t.Errorf("actor kind %s: meaning %q must be one lower-case line without a full stop", k.Kind, k.Meaning)
		case !k.Kind.Valid() || k.Kind.Label() != k.Label:
			t.Errorf("actor kind %s is not found by Valid and Label", k.Kind)
		}
		seen[string(k.Kind)] = true
	}
	for i, c := range graph.CertaintyTable {
		switch {
		case !upperSnake.MatchString(string(c.Certainty)):
			t.Errorf("certainty %q is not UPPER_SNAKE_CASE", c.Certainty)
		case seen[string(c.Certainty)]:
			t.Errorf("certainty %s is listed twice", c.Certainty)
		case !meaningOK(c.Meaning):
			t.Errorf("certainty %s: meaning %q must be one lower-case line without a full stop", c.Certainty, c.Meaning)
		case c.Count != strings.ToLower(string(c.Certainty)):
			t.Errorf("certainty %s: its relationship count is %q, not the value in lower case", c.Certainty, c.Count)
		case c.Certainty.Rank() != len(graph.CertaintyTable)-i:
			t.Errorf("certainty %s ranks %d; the table lists certainties firmest first", c.Certainty, c.Certainty.Rank())
		case !c.Certainty.Valid() || c.Certainty.Info() != c:
			t.Errorf("certainty %s is not found by Valid and Info", c.Certainty)
		}
		seen[string(c.Certainty)] = true
	}
	// The smaller sets: value and meaning.
	small := []struct {
		set   string
		rows  [][2]string
		valid func(string) bool
	}{
		{"time status", rows(graph.TimeStatusTable, func(r graph.TimeStatusInfo) (graph.TimeStatus, string) { return r.Status, r.Meaning }),
			func(s string) bool { return graph.TimeStatus(s).Valid() }},
		{"date precision", rows(graph.PrecisionTable, func(r graph.PrecisionInfo) (graph.Precision, string) { return r.Precision, r.Meaning }),
			func(s string) bool { return graph.Precision(s).Valid() }},
		{"relation class", rows(graph.RelationClassTable, func(r graph.RelationClassInfo) (graph.RelationClass, string) { return r.Class, r.Meaning }),
			func(s string) bool { return graph.RelationClass(s).Valid() }},
	}
	for _, set := range small {
		mine := map[string]bool{}
		for _, r := range set.rows {
			switch {
			case !upperSnake.MatchString(r[0]):
				t.Errorf("%s %q is not UPPER_SNAKE_CASE", set.set, r[0])
			case mine[r[0]]:
				t.Errorf("%s %s is listed twice", set.set, r[0])
			case !meaningOK(r[1]):
				t.Errorf("%s %s: meaning %q must be one lower-case line without a full stop", set.set, r[0], r[1])
			case !set.valid(r[0]):
				t.Errorf("%s %s is not found by Valid", set.set, r[0])
			}
			mine[r[0]] = true
		}
		for _, bad := range []string{"", "SOMETIMES", "past"} {
			if set.valid(bad) {
				t.Errorf("%q is a valid %s", bad, set.set)
			}
		}
	}
	if len(graph.ActorKinds) != len(graph.ActorKindTable) || len(graph.Certainties) != len(graph.CertaintyTable) ||
		len(graph.TimeStatuses) != len(graph.TimeStatusTable) || len(graph.Precisions) != len(graph.PrecisionTable) ||
		len(graph.RelationClasses) != len(graph.RelationClassTable) {
		t.Error("the value lists are not the tables' first columns")
	}
	for _, bad := range []string{"", "BEFRIENDS", "state", "Alleged"} {
		if graph.RelationType(bad).Valid() || graph.ActorKind(bad).Valid() || graph.Certainty(bad).Valid() {
			t.Errorf("%q is valid", bad)
		}
	}
}

// rows turns a small table into (value, meaning) pairs.
func rows[R any, V ~string](table []R, f func(R) (V, string)) [][2]string {
	out := make([][2]string, len(table))
	for i, r := range table {
		v, m := f(r)
		out[i] = [2]string{string(v), m}
	}
	return out
}
