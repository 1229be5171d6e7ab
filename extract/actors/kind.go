package actors

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// InferKind decides the kind of a proposed actor from its name and the NER
// type CoreNLP gave it. In order:
//  1. a common-noun head in lower case (or first) decides: a collective or
//     a plural ("Iraqi officials", "Iran-aligned armed factions", "sources
//     familiar with the matter") is GROUP; a singular takes the noun's
//     usual kind ("oil smuggling network" GROUP, "oil ministry"
//     ORGANISATION);
//  2. cue words in the name: a bloc (Axis, camp) is GROUP; an armed
//     formation (Brigades, Kataib, Asaib, Saraya, Liwa, militia, faction,
//     Resistance) is MILITIA; a body (Ministry, Department, Council,
//     Company, Trading, Corps, Forces) is ORGANISATION;
//  3. the NER type: PERSON, COUNTRY (STATE), ORGANIZATION (ORGANISATION);
//  4. two to five capitalised words are a PERSON; anything else an
//     ORGANISATION.
func InferKind(name string, ner NER) graph.ActorKind {
	toks, _ := stripDeterminers(dropThe(tokenize(name)))
	if k := headKind(toks); k != "" {
		return k
	}
	if pluralHead(toks) {
		return graph.KindGroup
	}
	if k := inferKindFromCues(toks); k != "" {
		return k
	}
	switch ner.role() {
	case nerPerson:
		return graph.KindPerson
	case nerCountry:
		return graph.KindState
	case nerBody:
		return graph.KindOrganisation
	}
	if looksLikePersonName(toks) {
		return graph.KindPerson
	}
	if w := nonArticle(toks); len(w) == 1 && len(toks) == 2 && w[0].cap {
		return graph.KindPerson // al-Muhandis: a family name with the article
	}
	return graph.KindOrganisation
}

// headKind is step 1 of InferKind: the kind a common-noun head gives.
func headKind(toks []token) graph.ActorKind {
	core, _ := splitPost(toks)
	core = nonArticle(core)
	n, hl := headNoun(core)
	if hl == 0 {
		return ""
	}
	head := core[len(core)-hl]
	if head.cap && len(core) > hl {
		return "" // a proper name ending in a noun: Popular Mobilisation Forces
	}
	if n.Class == CollectiveNoun || n.Plural {
		return graph.KindGroup
	}
	if anyCap(core[1:len(core)-hl]) || (len(core) > hl && core[0].cap) {
		return "" // a proper name with a common head (the Sadrist movement): the cues decide
	}
	switch {
	case n.Class == RoleNoun:
		return graph.KindPerson
	case n.Kinds[0] == graph.KindState:
		return "" // a new actor is not a state for saying "regime"
	}
	return n.Kinds[0]
}

// pluralHead reports whether a phrase ends in a lower-case plural noun
// ("informal power centres"): a collective, so a GROUP.
func pluralHead(toks []token) bool {
	core, _ := splitPost(toks)
	core = nonArticle(core)
	if len(core) < 2 {
		return false
	}
	h := core[len(core)-1]
	return !h.cap && len(h.key) > 3 && strings.HasSuffix(h.key, "s") && !strings.HasSuffix(h.key, "ss")
}

// inferKindFromCues is step 2 of InferKind.
func inferKindFromCues(toks []token) graph.ActorKind {
	keys := keysOf(toks)
	for _, cues := range []struct {
		words map[string]bool
		kind  graph.ActorKind
	}{{groupCues, graph.KindGroup}, {militiaCues, graph.KindMilitia}, {organisationCues, graph.KindOrganisation}} {
		for _, k := range keys {
			if cues.words[k] {
				return cues.kind
			}
		}
	}
	return ""
}

// looksLikePersonName: two to five words, each capitalised (the Arabic
// article and particles aside).
func looksLikePersonName(toks []token) bool {
	words := nonArticle(toks)
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	for _, t := range words {
		if !t.cap && !nameParticles[t.key] && len(t.key) > 1 {
			return false
		}
	}
	return true
}

// placeCues are words that make a name a place, not an actor.
var placeCues = setOf(
	"region", "province", "governorate", "city", "district", "airport", "base", "airbase",
	"strait", "border", "crossing", "square", "street", "port", "bridge", "valley", "river",
	"desert", "island", "peninsula", "sea", "mountains", "village", "town", "neighbourhood",
	"neighborhood", "field", "oilfield", "refinery", "compound",
)

// hasPlaceCue reports whether a name contains a place word.
func hasPlaceCue(toks []token) bool {
	for _, t := range toks {
		if placeCues[t.key] {
			return true
		}
	}
	return false
}

// describedGroup reports whether a phrase without a proper name still
// describes a group worth proposing: a collective or group noun with a
// defining post-modifier and no determiner ("sources familiar with the
// matter", "diplomats briefed on the talks").
func describedGroup(toks []token) bool {
	rest, d := stripDeterminers(toks)
	if d.any {
		return false
	}
	core, post := splitPost(rest)
	if len(post) == 0 {
		return false
	}
	n, hl := headNoun(nonArticle(core))
	return hl > 0 && (n.Class == CollectiveNoun || n.Class == GroupNoun)
}
