package actors_test

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/graph"
)

func mustGazetteer(t testing.TB) *actors.Gazetteer {
	t.Helper()
	g, err := actors.DefaultGazetteer()
	if err != nil {
		t.Fatalf("DefaultGazetteer: %v", err)
	}
	return g
}

// TestGazetteerCoverage: the states and organisations the gazetteer
// promises are in it, under the ids the project's claims files use.
func TestGazetteerCoverage(t *testing.T) {
	g := mustGazetteer(t)
	want := map[graph.ActorKind][]string{
		graph.KindState: {
			// Middle East and North Africa
			"iran", "iraq", "syria", "lebanon", "israel", "palestine", "jordan", "saudi-arabia",
			"united-arab-emirates", "qatar", "kuwait", "bahrain", "oman", "yemen", "egypt", "libya",
			"tunisia", "algeria", "morocco", "sudan", "turkey",
			// great powers
			"united-states", "russia", "china", "united-kingdom", "france",
			// neighbours
			"afghanistan", "pakistan", "azerbaijan", "armenia", "turkmenistan", "cyprus",
		},
		graph.KindOrganisation: {
			"united-nations", "un-security-council", "european-union", "nato", "iaea", "opec",
			"arab-league", "us-state-department", "us-treasury", "us-department-of-defense",
			"islamic-revolutionary-guard-corps", "quds-force", "popular-mobilisation-forces",
			"global-coalition", "us-embassy-baghdad", "coordination-framework",
		},
		graph.KindMilitia: {
			"kataib-hezbollah", "harakat-al-nujaba", "asaib-ahl-al-haq", "kataib-sayyid-al-shuhada",
			"badr-organisation", "islamic-resistance-in-iraq", "hezbollah", "houthis", "hamas",
			"islamic-state",
		},
		graph.KindGroup: {"axis-of-resistance"},
	}
	for kind, ids := range want {
		for _, id := range ids {
			e, ok := g.Entry(id)
			if !ok {
				t.Errorf("gazetteer has no %s", id)
				continue
			}
			if e.Actor.Kind != kind {
				t.Errorf("%s is %s, want %s", id, e.Actor.Kind, kind)
			}
		}
	}
	for _, e := range g.Entries {
		if e.Actor.Kind == graph.KindPerson {
			t.Errorf("%s: the gazetteer holds no people; they come from the article's entities", e.Actor.ID)
		}
		if e.Actor.Description == "" {
			t.Errorf("%s: no description", e.Actor.ID)
		}
		if e.Actor.Kind == graph.KindState && len(e.Demonyms) == 0 && e.Actor.ID != "turkmenistan" {
			t.Errorf("%s: a state without a demonym", e.Actor.ID)
		}
	}
}

func TestParseGazetteerErrors(t *testing.T) {
	const ok = "actors:\n  - id: iran\n    name: Iran\n    kind: STATE\n    demonyms: [Iranian]\n"
	if _, err := actors.ParseGazetteer([]byte(ok)); err != nil {
		t.Fatalf("valid gazetteer refused: %v", err)
	}
	tests := []struct {
		name, yaml, want string
	}{
		{"not yaml", "actors: [", "gazetteer:"},
		{"empty", "", "gazetteer:"},
		{"no actors", "actors: []\n", "no actors"},
		{"unknown field", ok + "    capital: Tehran\n", "field capital not found"},
		{"missing id", "actors:\n  - name: Iran\n    kind: STATE\n", "missing id"},
		{"bad id", "actors:\n  - id: Iran\n    name: Iran\n    kind: STATE\n", "not a lowercase slug"},
		{"duplicate id", ok + "  - id: iran\n    name: Persia\n    kind: STATE\n", "duplicate id"},
		{"missing name", "actors:\n  - id: iran\n    kind: STATE\n", "missing name"},
		{"unknown kind", "actors:\n  - id: iran\n    name: Iran\n    kind: COUNTRY\n", `unknown kind "COUNTRY"`},
		{"demonym of a militia", "actors:\n  - id: kh\n    name: KH group\n    kind: MILITIA\n    demonyms: [Khian]\n", "for states only"},
		{"shared form", ok + "  - id: iraq\n    name: Iraq\n    kind: STATE\n    aliases: [the Iranian]\n", `"the Iranian" is already a form of "iran"`},
		{"shared acronym", "actors:\n  - id: a\n    name: A one\n    kind: GROUP\n    aliases: [KH]\n  - id: b\n    name: B two\n    kind: GROUP\n    aliases: [K.H.]\n", "already a form"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := actors.ParseGazetteer([]byte(tt.yaml))
			if err == nil {
				t.Fatalf("accepted, want an error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if graph.ErrorCode(err) != graph.EINVALID {
				t.Errorf("error code %q, want %q", graph.ErrorCode(err), graph.EINVALID)
			}
		})
	}
}
