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
	for i, m := range graph.ModalityTable {
		switch {
		case !upperSnake.MatchString(string(m.Modality)):
			t.Errorf("modality %q is not UPPER_SNAKE_CASE", m.Modality)
		case seen[string(m.Modality)]:
			t.Errorf("modality %s is listed twice", m.Modality)
		case !meaningOK(m.Meaning):
			t.Errorf("modality %s: meaning %q must be one lower-case line without a full stop", m.Modality, m.Meaning)
		case m.Modality.Rank() != len(graph.ModalityTable)-i:
			t.Errorf("modality %s ranks %d; the table lists modalities strongest first", m.Modality, m.Modality.Rank())
		}
		seen[string(m.Modality)] = true
	}
	if len(graph.ActorKinds) != len(graph.ActorKindTable) || len(graph.Modalities) != len(graph.ModalityTable) {
		t.Error("the value lists are not the tables' first columns")
	}
	for _, bad := range []string{"", "BEFRIENDS", "state", "Alleged"} {
		if graph.RelationType(bad).Valid() || graph.ActorKind(bad).Valid() || graph.Modality(bad).Valid() {
			t.Errorf("%q is valid", bad)
		}
	}
}
