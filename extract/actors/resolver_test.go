package actors_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/graph"
)

func mustResolver(t testing.TB, known []graph.Actor) *actors.Resolver {
	t.Helper()
	r, err := actors.NewResolver(known, mustGazetteer(t))
	if err != nil {
		t.Fatalf("NewResolver: %v", err)
	}
	return r
}

// want is the expected resolution of one mention: the outcome, and for
// Resolved the actor id, for Proposed the kind (and id when given), for
// a weak match the candidate that must be offered.
type want struct {
	outcome   actors.Outcome
	id        string
	kind      graph.ActorKind
	method    actors.Method
	candidate string // an actor that must be among the Candidates
	owner     string // the Owner's id
}

func check(t *testing.T, res actors.Resolution, w want) {
	t.Helper()
	if res.Outcome != w.outcome {
		t.Errorf("%s: outcome %s, want %s", res, res.Outcome, w.outcome)
		return
	}
	if w.id != "" && res.Actor.ID != w.id {
		t.Errorf("%s: actor %q, want %q", res, res.Actor.ID, w.id)
	}
	if w.kind != "" && res.Actor.Kind != w.kind {
		t.Errorf("%s: kind %s, want %s", res, res.Actor.Kind, w.kind)
	}
	if w.method != "" && res.Method != w.method {
		t.Errorf("%s: method %s, want %s", res, res.Method, w.method)
	}
	if w.candidate != "" {
		found := false
		for _, c := range res.Candidates {
			found = found || c.Actor.ID == w.candidate
		}
		if !found {
			t.Errorf("%s: %s is not among the candidates", res, w.candidate)
		}
	}
	if w.owner != "" && (res.Owner == nil || res.Owner.Actor.ID != w.owner) {
		t.Errorf("%s: owner %v, want %s", res, res.Owner, w.owner)
	}
	if (res.Outcome == actors.Resolved || res.Outcome == actors.Proposed) && (res.Score < actors.MergeScore || res.Reason == "") {
		t.Errorf("%s: merged with score %.2f and reason %q", res, res.Score, res.Reason)
	}
	for _, c := range res.Candidates {
		if c.Reason == "" || c.Score <= 0 || (res.Outcome == actors.Proposed && c.Score >= actors.MergeScore) {
			t.Errorf("%s: candidate %s with score %.2f and reason %q", res, c.Actor.ID, c.Score, c.Reason)
		}
	}
}

// TestResolveWithGazetteer resolves single mentions in a fresh article
// against the gazetteer alone.
func TestResolveWithGazetteer(t *testing.T) {
	r := mustResolver(t, nil)
	R, P := actors.Resolved, actors.Proposed
	tests := []struct {
		text string
		ner  actors.NER
		want want
	}{
		// names, aliases, transliterations and translations
		{"Iran", actors.NERCountry, want{outcome: R, id: "iran", method: actors.MethodExact}},
		{"the Islamic Republic", "", want{outcome: R, id: "iran"}},
		{"Kataib Hezbollah", actors.NEROrganization, want{outcome: R, id: "kataib-hezbollah"}},
		{"Kata’ib Hizballah", "", want{outcome: R, id: "kataib-hezbollah", method: actors.MethodNormalised}},
		{"Kataeb Hizballah", "", want{outcome: R, id: "kataib-hezbollah", method: actors.MethodVariant}}, // of the alias Kata'ib Hizballah
		{"Katayeb Hizbullah", "", want{outcome: P, candidate: "kataib-hezbollah"}},                       // no word equal to a form's: not merged
		{"Kata'ib Hizbullah", "", want{outcome: R, id: "kataib-hezbollah", method: actors.MethodVariant}},
		{"Hezbollah Brigades", "", want{outcome: R, id: "kataib-hezbollah"}},
		{"KH", "", want{outcome: R, id: "kataib-hezbollah", method: actors.MethodAcronym}},
		{"Harakat Hezbollah al-Nujaba", "", want{outcome: R, id: "harakat-al-nujaba"}},
		{"al-Nujaba", "", want{outcome: R, id: "harakat-al-nujaba"}},
		{"Asa'ib Ahl al-Haq", "", want{outcome: R, id: "asaib-ahl-al-haq"}},
		{"AAH", "", want{outcome: R, id: "asaib-ahl-al-haq"}},
		{"Kata’ib Sayyid al-Shuhada", "", want{outcome: R, id: "kataib-sayyid-al-shuhada"}},
		{"the Badr Organization", "", want{outcome: R, id: "badr-organisation"}},
		{"Popular Mobilization Forces", "", want{outcome: R, id: "popular-mobilisation-forces"}},
		{"Hashd al-Sha’bi", "", want{outcome: R, id: "popular-mobilisation-forces"}},
		{"PMF", "", want{outcome: R, id: "popular-mobilisation-forces"}},
		{"the Islamic Resistance in Iraq", "", want{outcome: R, id: "islamic-resistance-in-iraq"}},
		{"Lebanese Hezbollah", "", want{outcome: R, id: "hezbollah"}},
		{"Hizballah", "", want{outcome: R, id: "hezbollah"}},
		{"Lebanon’s Hezbollah", "", want{outcome: R, id: "hezbollah"}},
		{"Ansar Allah", "", want{outcome: R, id: "houthis"}},
		{"the Houthis", "", want{outcome: R, id: "houthis"}},
		{"Daesh", "", want{outcome: R, id: "islamic-state"}},
		{"ISIL", "", want{outcome: R, id: "islamic-state"}},
		{"Hamas", "", want{outcome: R, id: "hamas"}},
		{"IRGC", "", want{outcome: R, id: "islamic-revolutionary-guard-corps"}},
		{"Iran’s Revolutionary Guards", "", want{outcome: R, id: "islamic-revolutionary-guard-corps"}},
		{"the Revolutionary Guards’ Quds Force", "", want{outcome: R, id: "quds-force"}},
		{"UN Security Council", "", want{outcome: R, id: "un-security-council"}},
		{"U.N.", "", want{outcome: R, id: "united-nations"}},
		{"the State Department", "", want{outcome: R, id: "us-state-department"}},
		{"Office of Foreign Assets Control", "", want{outcome: R, id: "us-treasury"}},
		{"the Pentagon", "", want{outcome: R, id: "us-department-of-defense", method: actors.MethodMetonym}},
		// metonyms, demonyms, organs, epithets
		{"Tehran", actors.NERCity, want{outcome: R, id: "iran", method: actors.MethodMetonym}},
		{"Washington", actors.NERStateProvince, want{outcome: R, id: "united-states"}},
		{"the White House", "", want{outcome: R, id: "united-states"}},
		{"the Kremlin", "", want{outcome: R, id: "russia"}},
		{"Baghdad", "", want{outcome: R, id: "iraq"}},
		{"Damascus", "", want{outcome: R, id: "syria"}},
		{"Iranian", actors.NERNationality, want{outcome: R, id: "iran", method: actors.MethodDemonym}},
		{"American", "", want{outcome: R, id: "united-states"}},
		{"US", actors.NERCountry, want{outcome: R, id: "united-states"}},
		{"U.S.", "", want{outcome: R, id: "united-states"}},
		{"Iranian authorities", "", want{outcome: R, id: "iran", method: actors.MethodOrgan}},
		{"the Iraqi government", "", want{outcome: R, id: "iraq", method: actors.MethodOrgan}},
		{"the Iraqi state", "", want{outcome: R, id: "iraq"}},
		{"Iraq’s Foreign Ministry", "", want{outcome: R, id: "iraq"}},
		{"the government of Iraq", "", want{outcome: R, id: "iraq"}},
		{"US forces", "", want{outcome: R, id: "united-states"}},
		{"the US delegation", "", want{outcome: R, id: "united-states"}},
		{"the Baghdad government", "", want{outcome: R, id: "iraq"}},
		{"the American enemy", "", want{outcome: R, id: "united-states"}},
		{"the Great Satan", "", want{outcome: R, id: "united-states", method: actors.MethodEpithet}},
		{"the Zionist entity", "", want{outcome: R, id: "israel"}},
		// never merged: weak matches are candidates of a proposal
		{"Hezbollah", "", want{outcome: R, id: "hezbollah"}}, // Lebanon's, never Kataib Hezbollah
		{"Liwa Sayyid al-Shuhada", "", want{outcome: P, kind: graph.KindMilitia, candidate: "kataib-sayyid-al-shuhada"}},
		{"Iranians", "", want{outcome: P, kind: graph.KindGroup, candidate: "iran"}},
		{"Americans", "", want{outcome: P, kind: graph.KindGroup, candidate: "united-states"}},
		{"Iranian officials", "", want{outcome: P, kind: graph.KindGroup, candidate: "iran", owner: "iran"}},
		{"Iraqi officials", "", want{outcome: P, id: "iraqi-officials", kind: graph.KindGroup, candidate: "iraq"}},
		{"The Iranian embassy in Baghdad", "", want{outcome: P, kind: graph.KindOrganisation, candidate: "iran"}},
		{"Iraq’s Oil Ministry", "", want{outcome: P, kind: graph.KindOrganisation, candidate: "iraq"}},
		{"US embassy", "", want{outcome: P, kind: graph.KindOrganisation, candidate: "united-states"}},
		{"Badr Albusaidi", actors.NERPerson, want{outcome: P, kind: graph.KindPerson}},
		{"Jordan", actors.NERPerson, want{outcome: P, kind: graph.KindPerson, candidate: "jordan"}},
		{"Washington", actors.NERPerson, want{outcome: P, kind: graph.KindPerson, candidate: "united-states"}},
		{"Israel Katz", actors.NERPerson, want{outcome: P, id: "israel-katz", kind: graph.KindPerson}},
		{"IS", "", want{outcome: P}},
		{"Saraya Thar al-Muhandis", "", want{outcome: P, id: "saraya-thar-al-muhandis", kind: graph.KindMilitia}},
		{"Figures close to Kataib Hezbollah", "", want{outcome: P, kind: graph.KindGroup, candidate: "kataib-hezbollah"}},
		{"Sources familiar with the matter", "", want{outcome: P, kind: graph.KindGroup}},
		{"A US official", "", want{outcome: P, id: "us-officials", kind: graph.KindGroup, owner: "united-states"}},
		{"Kataib Hezbollah officials", "", want{outcome: P, kind: graph.KindGroup, owner: "kataib-hezbollah", candidate: "kataib-hezbollah"}},
		{"a former US Treasury official", "", want{outcome: P, id: "former-us-treasury-official", kind: graph.KindPerson}},
		{"federal Iraq", "", want{outcome: actors.Ambiguous, candidate: "iraq"}},
		// not actors
		{"the Kurdistan Region", "", want{outcome: actors.NotActor}},
		{"Baghdad International Airport", actors.NERLocation, want{outcome: actors.NotActor}},
		{"Anbar", actors.NERStateProvince, want{outcome: actors.NotActor}},
		{"Monday", actors.NERDate, want{outcome: actors.NotActor}},
		{"Shiite", actors.NERReligion, want{outcome: actors.NotActor}},
		{"Iranian and US negotiators", "", want{outcome: actors.NotActor}},
		{"—", "", want{outcome: actors.NotActor}},
	}
	for _, tt := range tests {
		t.Run(tt.text+"/"+string(tt.ner), func(t *testing.T) {
			check(t, r.NewArticle().Resolve(actors.Mention{Text: tt.text, NER: tt.ner}), tt.want)
		})
	}
}

// TestPronounsAndCommonNounsAreNeverActors: the brief's lists, and the
// words CoreNLP tags, resolve by coreference only, even when a known
// actor lists them as aliases (the seed's "militias", "sources").
func TestPronounsAndCommonNounsAreNeverActors(t *testing.T) {
	known := []graph.Actor{
		{ID: "sources-familiar-with-the-matter", Name: "Sources familiar with the matter", Kind: graph.KindGroup, Aliases: []string{"sources"}},
		{ID: "iran-aligned-iraqi-factions", Name: "Iran-aligned Iraqi armed factions", Kind: graph.KindGroup, Aliases: []string{"militias", "armed factions"}},
	}
	r := mustResolver(t, known)
	for _, text := range []string{
		"he", "He", "she", "him", "his", "they", "They", "them", "their", "it", "its", "we", "us", "you", "who", "themselves",
		"the group", "the militia", "the faction", "the movement", "the organisation", "the organization",
		"the factions", "these militias", "militias", "armed factions", "the main armed factions", "some factions",
		"officials", "sources", "analysts", "observers", "diplomats", "the government", "the department",
		"the secretary-general", "the leader", "a spokesman", "the spokeswoman", "the spokesperson", "the minister",
		"the commander", "the president", "the prime minister", "the envoy", "an official", "the head", "the chief",
		"a spokesman for the faction", "the group’s secretary-general", "its leadership", "any Iraqi group",
		"Thousands of supporters", "the two slain commanders", "those responsible", "Secretary of State",
	} {
		res := r.NewArticle().Resolve(actors.Mention{Text: text})
		if res.Outcome != actors.Coreference {
			t.Errorf("%s: want coreference", res)
		}
		if res.Pronoun == nil && res.Noun == nil {
			t.Errorf("%s: neither Pronoun nor Noun is set", res)
		}
	}
	if res := r.NewArticle().Resolve(actors.Mention{Text: "director", NER: actors.NERTitle}); res.Outcome != actors.Coreference || res.Noun == nil || res.Noun.Class != actors.RoleNoun {
		t.Errorf("%s: a TITLE is a role noun", res)
	}
}

func TestWordLists(t *testing.T) {
	for _, w := range []string{"he", "she", "they", "it", "we", "you", "his", "their"} {
		if !actors.IsPronoun(w) || !actors.IsPronoun(strings.ToUpper(w[:1])+w[1:]) {
			t.Errorf("IsPronoun(%q) = false", w)
		}
	}
	for _, w := range []string{"Iran", "group", "US"} {
		if actors.IsPronoun(w) {
			t.Errorf("IsPronoun(%q) = true", w)
		}
	}
	for class, words := range map[actors.NounClass][]string{
		actors.GroupNoun:      {"the group", "the militia", "the faction", "the movement", "the organisation"},
		actors.CollectiveNoun: {"officials", "sources", "analysts"},
		actors.RoleNoun: {"secretary-general", "leader", "spokesman", "spokeswoman", "spokesperson", "minister",
			"commander", "president", "prime minister", "envoy", "official", "head", "chief"},
	} {
		for _, w := range words {
			n, ok := actors.CommonNounOf(w)
			if !ok || n.Class != class {
				t.Errorf("CommonNounOf(%q) = %+v, %v; want class %s", w, n, ok, class)
			}
		}
	}
}

// TestResolveWithKnownActors: the graph's actors, their aliases, spelling
// variants of their names, and the graph's precedence over the gazetteer.
func TestResolveWithKnownActors(t *testing.T) {
	known := []graph.Actor{
		{ID: "abu-hussein-al-humaidawi", Name: "Abu Hussein al-Humaidawi", Kind: graph.KindPerson},
		{ID: "qais-al-khazali", Name: "Qais al-Khazali", Kind: graph.KindPerson, Aliases: []string{"Khazali"}},
		{ID: "abu-mahdi-al-muhandis", Name: "Abu Mahdi al-Muhandis", Kind: graph.KindPerson},
		{ID: "lebanese-hezbollah", Name: "Hezbollah", Kind: graph.KindMilitia},
		{ID: "front-a", Name: "Front A", Kind: graph.KindGroup, Aliases: []string{"the Front"}},
		{ID: "front-b", Name: "Front B", Kind: graph.KindGroup, Aliases: []string{"The Front"}},
		{ID: "iran", Name: "Iran", Kind: graph.KindState, Aliases: []string{"Iranian authorities"}},
	}
	r := mustResolver(t, known)
	R, P := actors.Resolved, actors.Proposed
	tests := []struct {
		text string
		ner  actors.NER
		want want
	}{
		{"Abu Hussein al-Hamidawi", "", want{outcome: R, id: "abu-hussein-al-humaidawi", method: actors.MethodVariant}},
		{"Abou Hussein al-Humaidawi", actors.NERPerson, want{outcome: R, id: "abu-hussein-al-humaidawi"}},
		{"Qays al-Khazali", "", want{outcome: R, id: "qais-al-khazali", method: actors.MethodVariant}},
		{"Khazali", "", want{outcome: R, id: "qais-al-khazali", method: actors.MethodExact}},
		{"Abu Mahdi al-Mohandes", "", want{outcome: R, id: "abu-mahdi-al-muhandis"}},
		{"Humaidawi", "", want{outcome: P, candidate: "abu-hussein-al-humaidawi"}}, // a surname the article has not introduced
		{"Hezbollah", "", want{outcome: R, id: "lebanese-hezbollah"}},              // the graph's actor wins over the gazetteer's
		{"the Front", "", want{outcome: actors.Ambiguous, candidate: "front-b"}},
		{"Tehran", "", want{outcome: R, id: "iran"}},
		{"Iranian authorities", "", want{outcome: R, id: "iran", method: actors.MethodExact}},
		{"Abu Hussein al-Humaidawi", actors.NEROrganization, want{outcome: P, candidate: "abu-hussein-al-humaidawi"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			res := r.NewArticle().Resolve(actors.Mention{Text: tt.text, NER: tt.ner})
			check(t, res, tt.want)
			if res.Outcome == R {
				if act, origin, ok := r.Actor(res.Actor.ID); !ok || act.Name != res.Actor.Name || origin != res.Origin {
					t.Errorf("%s: Resolver.Actor gives %+v, %s, %v", res, act, origin, ok)
				}
			}
		})
	}
	if act, origin, _ := r.Actor("iran"); origin != actors.OriginGraph || act.Name != "Iran" {
		t.Errorf("iran is %s from %s, want the graph's", act.Name, origin)
	}
}

func TestNewResolverErrors(t *testing.T) {
	g := mustGazetteer(t)
	for _, bad := range []graph.Actor{
		{ID: "", Name: "Nobody", Kind: graph.KindGroup},
		{ID: "Not A Slug", Name: "X", Kind: graph.KindGroup},
		{ID: "x", Name: " ", Kind: graph.KindGroup},
		{ID: "x", Name: "X", Kind: "TRIBE"},
	} {
		_, err := actors.NewResolver([]graph.Actor{{ID: "ok", Name: "OK", Kind: graph.KindGroup}, bad}, g)
		if err == nil || graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(err.Error(), "known actor 2") {
			t.Errorf("NewResolver with %+v: error %v, want EINVALID naming known actor 2", bad, err)
		}
	}
	// The same actor from two claims files: one actor, all aliases.
	r, err := actors.NewResolver([]graph.Actor{
		{ID: "mark-savaya", Name: "Mark Savaya", Kind: graph.KindPerson, Aliases: []string{"Savaya"}},
		{ID: "mark-savaya", Name: "Mark Savaya", Kind: graph.KindPerson, Aliases: []string{"the US envoy Mark Savaya"}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if act, _, _ := r.Actor("mark-savaya"); len(act.Aliases) != 2 {
		t.Errorf("merged aliases %v, want both", act.Aliases)
	}
	if res := r.NewArticle().Resolve(actors.Mention{Text: "Tehran"}); res.Outcome == actors.Resolved {
		t.Errorf("%s: no gazetteer was given", res)
	}
}

// TestArticleContext: what an article says earlier decides later mentions.
func TestArticleContext(t *testing.T) {
	known := []graph.Actor{{ID: "abu-mahdi-al-muhandis", Name: "Abu Mahdi al-Muhandis", Kind: graph.KindPerson}}
	type step struct {
		text string
		ner  actors.NER
		want want
	}
	R, P, C := actors.Resolved, actors.Proposed, actors.Coreference
	tests := []struct {
		name  string
		steps []step
	}{
		{"acronym defined in parentheses", []step{
			{"Blue Crescent Marine Trading (BCMT)", actors.NEROrganization, want{outcome: P, id: "blue-crescent-marine-trading", kind: graph.KindOrganisation}},
			{"BCMT", actors.NEROrganization, want{outcome: P, id: "blue-crescent-marine-trading", method: actors.MethodAcronym}},
		}},
		{"initials of an actor named earlier", []step{
			{"Saraya Awliya al-Dam", "", want{outcome: P, kind: graph.KindMilitia}},
			{"SAD", "", want{outcome: P, id: "saraya-awliya-al-dam", method: actors.MethodInitials}},
		}},
		{"acronym first, name after", []step{
			{"BCMT", actors.NEROrganization, want{outcome: P, id: "bcmt"}},
			{"Blue Crescent Marine Trading", actors.NEROrganization, want{outcome: P, id: "blue-crescent-marine-trading", method: actors.MethodInitials}},
		}},
		{"surname after the full name", []step{
			{"Mohammed Mohie", actors.NERPerson, want{outcome: P, id: "mohammed-mohie", kind: graph.KindPerson}},
			{"Mohie", actors.NERPerson, want{outcome: P, id: "mohammed-mohie", method: actors.MethodSurname}},
		}},
		{"full name after the surname", []step{
			{"Mohie", actors.NERPerson, want{outcome: P, id: "mohie", kind: graph.KindPerson}},
			{"Mohammed Mohie", actors.NERPerson, want{outcome: P, id: "mohammed-mohie", method: actors.MethodSurname}},
		}},
		{"surname of a known person, then the full name", []step{
			{"al-Muhandis", "", want{outcome: P, kind: graph.KindPerson, candidate: "abu-mahdi-al-muhandis"}},
			{"Abu Mahdi al-Muhandis", "", want{outcome: R, id: "abu-mahdi-al-muhandis"}},
			{"Muhandis", "", want{outcome: R, id: "abu-mahdi-al-muhandis"}},
			{"Abu Mahdi", "", want{outcome: R, id: "abu-mahdi-al-muhandis", method: actors.MethodSurname}},
		}},
		{"variant surname", []step{
			{"Abu Hussein al-Hamidawi", actors.NERPerson, want{outcome: P, id: "abu-hussein-al-hamidawi"}},
			{"Humaidawi", actors.NERPerson, want{outcome: P, id: "abu-hussein-al-hamidawi", method: actors.MethodSurname}},
			{"Abu Hussein al-Humaidawi", actors.NERPerson, want{outcome: P, id: "abu-hussein-al-hamidawi", method: actors.MethodVariant}},
		}},
		{"two people share a surname", []step{
			{"Fuad Hussein", actors.NERPerson, want{outcome: P, id: "fuad-hussein"}},
			{"Saddam Hussein", actors.NERPerson, want{outcome: P, id: "saddam-hussein"}},
			{"Hussein", actors.NERPerson, want{outcome: actors.Ambiguous, candidate: "fuad-hussein"}},
		}},
		{"title, then surname", []step{
			{"Secretary of State Marco Rubio", "", want{outcome: P, id: "marco-rubio", kind: graph.KindPerson}},
			{"Rubio", "", want{outcome: P, id: "marco-rubio"}},
			{"Iraq’s Foreign Minister Fuad Hussein", "", want{outcome: P, id: "fuad-hussein", kind: graph.KindPerson}},
		}},
		{"short form", []step{
			{"the Islamic Resistance in Iraq", "", want{outcome: R, id: "islamic-resistance-in-iraq"}},
			{"the Islamic Resistance", "", want{outcome: R, id: "islamic-resistance-in-iraq", method: actors.MethodShortForm}},
		}},
		{"antecedents", []step{
			{"Kataib Hezbollah", "", want{outcome: R, id: "kataib-hezbollah"}},
			{"Abu Hussein al-Humaidawi", actors.NERPerson, want{outcome: P}},
			{"the group", "", want{outcome: C}},
			{"he", "", want{outcome: C}},
			{"Kataib Hezbollah’s secretary-general", "", want{outcome: C, owner: "kataib-hezbollah"}},
			{"Iran’s Foreign Ministry spokesman", "", want{outcome: C, owner: "iran"}},
			{"Kataib Hezbollah’s leadership", "", want{outcome: C, owner: "kataib-hezbollah"}},
		}},
		{"a proposal is not a known actor's variant", []step{
			{"Kataib Sayyid al-Shuhada", "", want{outcome: R, id: "kataib-sayyid-al-shuhada"}},
			{"Liwa Sayyid al-Shuhada", "", want{outcome: P, id: "liwa-sayyid-al-shuhada", candidate: "kataib-sayyid-al-shuhada"}},
			{"Liwa Sayyid al-Shuhada", "", want{outcome: P, id: "liwa-sayyid-al-shuhada", method: actors.MethodExact}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustResolver(t, known).NewArticle()
			for _, s := range tt.steps {
				check(t, a.Resolve(actors.Mention{Text: s.text, NER: s.ner}), s.want)
			}
		})
	}

	// Antecedent suggestions and the article's actors.
	a := mustResolver(t, known).NewArticle()
	for _, m := range []actors.Mention{
		{Text: "Kataib Hezbollah"}, {Text: "Abu Hussein al-Humaidawi", NER: actors.NERPerson},
		{Text: "Humaidawi", NER: actors.NERPerson}, {Text: "the Iraqi government"}, {Text: "Washington"},
		{Text: "US"}, {Text: "Kata’ib Hizballah"}, {Text: "the Great Satan"}, {Text: "Mohie", NER: actors.NERPerson},
		{Text: "Mohammed Mohie", NER: actors.NERPerson}, {Text: "Blue Crescent Marine Trading (BCMT)"},
	} {
		a.Resolve(m)
	}
	if c := a.Resolve(actors.Mention{Text: "the group"}).Candidates; len(c) == 0 || c[0].Actor.ID != "kataib-hezbollah" {
		t.Errorf("the group: antecedents %v, want kataib-hezbollah first", c)
	}
	if c := a.Resolve(actors.Mention{Text: "he"}).Candidates; len(c) == 0 || c[0].Actor.Kind != graph.KindPerson {
		t.Errorf("he: antecedents %v, want a person first", c)
	}
	if c := a.Resolve(actors.Mention{Text: "the government"}).Candidates; len(c) == 0 || c[0].Actor.ID != "iraq" {
		t.Errorf("the government: antecedents %v, want iraq first", c)
	}
	got := map[string]actors.ArticleActor{}
	owner := map[string]string{}
	for _, x := range a.Actors() {
		got[x.Actor.ID] = x
		for _, al := range append([]string{x.Actor.Name}, x.Actor.Aliases...) {
			k := actors.Key(al)
			if o, dup := owner[k]; dup && o != x.Actor.ID {
				t.Errorf("%q is listed for %s and %s", al, o, x.Actor.ID)
			}
			owner[k] = x.Actor.ID
		}
	}
	for id, aliases := range map[string][]string{
		"kataib-hezbollah":             {"Kata’ib Hizballah"},
		"abu-hussein-al-humaidawi":     {"Humaidawi"},
		"iraq":                         {"Iraqi government"},
		"united-states":                {"Washington", "US"},
		"mohammed-mohie":               {"Mohie"},
		"blue-crescent-marine-trading": {"BCMT"},
	} {
		x, ok := got[id]
		if !ok {
			t.Errorf("Actors() lacks %s: %v", id, a.Actors())
			continue
		}
		for _, al := range aliases {
			if !containsString(x.Actor.Aliases, al) {
				t.Errorf("%s: aliases %v lack %q", id, x.Actor.Aliases, al)
			}
		}
		if containsString(x.Actor.Aliases, "Great Satan") {
			t.Errorf("%s: an epithet became an alias", id)
		}
	}
	if x := got["united-states"]; x.Origin != actors.OriginGazetteer || x.Actor.Description == "" {
		t.Errorf("united-states: origin %s, description %q", x.Origin, x.Actor.Description)
	}
	if x := got["mohammed-mohie"]; x.Origin != actors.OriginArticle || a.FinalID("mohie") != "mohammed-mohie" {
		t.Errorf("mohammed-mohie: origin %s, FinalID(mohie) %q", x.Origin, a.FinalID("mohie"))
	}
	if _, ok := got["mohie"]; ok {
		t.Errorf("the surname proposal is listed after the full name took it over")
	}
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestInferKind(t *testing.T) {
	tests := []struct {
		name string
		ner  actors.NER
		want graph.ActorKind
	}{
		{"Saraya Thar al-Muhandis", "", graph.KindMilitia},
		{"Kataib Imam Ali", "", graph.KindMilitia},
		{"Hezbollah Brigades", actors.NERPerson, graph.KindMilitia},
		{"Islamic Resistance in Iraq", actors.NEROrganization, graph.KindMilitia},
		{"Iraqi Oil Ministry", "", graph.KindOrganisation},
		{"Blue Crescent Marine Trading", "", graph.KindOrganisation},
		{"Coordination Framework", "", graph.KindOrganisation},
		{"Axis of Resistance", "", graph.KindGroup},
		{"Iran-aligned Iraqi armed factions", "", graph.KindGroup},
		{"Sources familiar with the matter", "", graph.KindGroup},
		{"Figures close to Kataib Hezbollah", "", graph.KindGroup},
		{"US officials", "", graph.KindGroup},
		{"Iranian oil smuggling network", "", graph.KindGroup},
		{"Iraq’s informal power centres", "", graph.KindGroup},
		{"Mohammed Mohie", "", graph.KindPerson},
		{"Mohammad Kazem Al-e Sadegh", "", graph.KindPerson},
		{"al-Muhandis", "", graph.KindPerson},
		{"Esmaeil Baghaei", actors.NERPerson, graph.KindPerson},
		{"Telegram", actors.NEROrganization, graph.KindOrganisation},
		{"Freedonia", actors.NERCountry, graph.KindState},
		{"the Sadrist movement", "", graph.KindOrganisation},
		{"the Assad regime", "", graph.KindOrganisation},
		{"Kurdistan Regional Government", "", graph.KindOrganisation},
	}
	for _, tt := range tests {
		if got := actors.InferKind(tt.name, tt.ner); got != tt.want {
			t.Errorf("InferKind(%q, %q) = %s, want %s", tt.name, tt.ner, got, tt.want)
		}
	}
}

// TestREADMEVariants resolves every spelling in the development articles'
// table of variants (testdata/articles/README.md) to its actor, as the
// extractor meets them: the graph knows each actor by its name only, the
// article names it in full first, then uses the spelling.
func TestREADMEVariants(t *testing.T) {
	rows := readmeVariants(t)
	if len(rows) < 10 {
		t.Fatalf("read %d rows from the README's table of variants, want 10", len(rows))
	}
	byName := map[string]graph.Actor{}
	for _, art := range corpus(t) {
		for _, a := range art.actors {
			byName[a.Name] = graph.Actor{ID: a.ID, Name: a.Name, Kind: a.Kind} // no aliases
		}
	}
	var known []graph.Actor
	for _, a := range byName {
		known = append(known, a)
	}
	r := mustResolver(t, known)
	// A real name is not a spelling: it needs an alias in the graph.
	notSpellings := map[string]bool{"Jamal Jaafar al-Ibrahimi": true}
	n := 0
	for actor, spellings := range rows {
		want, ok := byName[actor]
		if !ok {
			t.Errorf("README actor %q is in no claims file", actor)
			continue
		}
		for _, s := range spellings {
			n++
			a := r.NewArticle()
			a.Resolve(actors.Mention{Text: want.Name})
			res := a.Resolve(actors.Mention{Text: s})
			if notSpellings[s] {
				if res.Outcome == actors.Resolved {
					t.Errorf("%s: resolved without an alias", res)
				}
				continue
			}
			if res.Outcome != actors.Resolved || res.Actor.ID != want.ID {
				t.Errorf("%q after %q: %s, want %s", s, want.Name, res, want.ID)
			}
		}
	}
	t.Logf("%d spellings of %d actors", n, len(rows))
}

// readmeVariants reads the "spellings in the set" table of the
// development articles' README.
func readmeVariants(t testing.TB) map[string][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "articles", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string][]string{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "| actor | spellings") {
			in = true
			continue
		}
		if !in || strings.HasPrefix(line, "|---") {
			continue
		}
		if !strings.HasPrefix(line, "|") {
			if len(rows) > 0 {
				break
			}
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 2 {
			t.Fatalf("README variants row %q: want two cells", line)
		}
		for _, s := range strings.Split(cells[1], ",") {
			if s = strings.TrimSpace(s); s != "" {
				rows[strings.TrimSpace(cells[0])] = append(rows[strings.TrimSpace(cells[0])], s)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestResolveOddInput: odd text never panics, and is never merged into an
// actor.
func TestResolveOddInput(t *testing.T) {
	r := mustResolver(t, nil)
	long := strings.Repeat("Kataib Hezbollah al-", 5000) + "Nujaba"
	for _, text := range []string{
		"", " ", "\t\n", "’s", "’", "(", ")", "()", "(KH)", "A (B)", "al-", "al", "the", "the the", "---", "- -",
		"\xff\xfe\xfd", "Iran\x00", "🙂", "’’’", "a", "of", "and", "Abu", "Abu Abu", "the al-", "al-the", "((KH))",
		"Kataib Hezbollah’s’s", "Iran’s Iran’s Iran’s", "the group’s the group’s", long,
	} {
		for _, ner := range []actors.NER{actors.NERNone, actors.NERPerson, actors.NERCity, "SOMETHING_NEW"} {
			a := r.NewArticle()
			res := a.Resolve(actors.Mention{Text: text, NER: ner})
			if res.Outcome == "" {
				t.Errorf("%q/%s: no outcome", text, ner)
			}
			a.Actors()
		}
	}
}

// TestResolverConcurrentArticles: one Resolver serves many articles at
// once (run with -race).
func TestResolverConcurrentArticles(t *testing.T) {
	r := mustResolver(t, []graph.Actor{{ID: "mark-savaya", Name: "Mark Savaya", Kind: graph.KindPerson}})
	done := make(chan []string)
	for i := 0; i < 4; i++ {
		go func() {
			a := r.NewArticle()
			var ids []string
			for _, m := range []string{"Mark Savaya", "Savaya", "Tehran", "Kata’ib Hizballah", "Blue Crescent Marine Trading (BCMT)", "BCMT"} {
				ids = append(ids, a.Resolve(actors.Mention{Text: m}).Actor.ID)
			}
			done <- ids
		}()
	}
	want := strings.Join([]string{"mark-savaya", "mark-savaya", "iran", "kataib-hezbollah", "blue-crescent-marine-trading", "blue-crescent-marine-trading"}, ",")
	for i := 0; i < 4; i++ {
		if got := strings.Join(<-done, ","); got != want {
			t.Errorf("article %d: %s, want %s", i, got, want)
		}
	}
}
