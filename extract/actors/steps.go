package actors

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// dets records what stripDeterminers removed.
type dets struct {
	any        bool // some determiner or quantifier
	indefinite bool // a, an, one
	former     bool // former, late, then
}

// sentenceDeterminers may be capitalised at the start of a mention (the
// start of a sentence); the other determiners count only in lower case,
// so "New" of "New Delhi" stays.
var sentenceDeterminers = setOf(
	"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
	"some", "any", "other", "another", "each", "every", "all", "both", "several", "many",
	"few", "most", "such", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "dozens", "hundreds", "thousands", "former", "senior", "top", "one",
)

// stripDeterminers removes leading determiners, quantifiers and the
// adjectives that leave a noun generic ("the main", "a senior", "former"),
// keeping at least one word.
func stripDeterminers(toks []token) ([]token, dets) {
	var d dets
	i := 0
	for i < len(toks)-1 {
		t := toks[i]
		if !determiners[t.key] || (t.cap && (i > 0 || !sentenceDeterminers[t.key])) {
			break
		}
		d.any = true
		switch t.key {
		case "a", "an", "one":
			d.indefinite = true
		case "former", "late", "then":
			d.former = true
		}
		i++
	}
	return toks[i:], d
}

// postWords start a post-modifier: "sources familiar with the matter",
// "figures close to Kataib Hezbollah", "the group that claimed it".
var postWords = setOf(
	"in", "of", "for", "to", "with", "on", "at", "from", "outside", "inside", "that", "who",
	"which", "whose", "close", "familiar", "briefed", "named", "responsible", "based",
	"linked", "loyal", "behind", "within", "across", "among", "against", "under", "near",
	"over", "involved",
)

// splitPost splits a noun phrase into its core and a post-modifier that
// starts at the first postWord after the first word.
func splitPost(toks []token) (core, post []token) {
	for i := 1; i < len(toks); i++ {
		if postWords[toks[i].key] && !toks[i].cap && !toks[i].hyphen {
			return toks[:i], toks[i:]
		}
	}
	return toks, nil
}

// nonArticle returns toks without the Arabic article.
func nonArticle(toks []token) []token {
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		if !t.article {
			out = append(out, t)
		}
	}
	return out
}

// headNoun finds the common noun that ends a phrase, longest first
// ("security officials" before "officials"), and how many words it takes.
func headNoun(toks []token) (CommonNoun, int) {
	for n := min(3, len(toks)); n >= 1; n-- {
		if c, ok := commonIndex[strings.Join(keysOf(toks[len(toks)-n:]), " ")]; ok {
			return c, n
		}
	}
	return CommonNoun{}, 0
}

// isForm reports whether a word is on its own a form of an actor (Iraqi,
// Tehran, US): then it names, and a phrase with it is not generic.
func (a *Article) isForm(t token) bool {
	if isAcronym(t.raw) {
		acr := acronymForm(t.raw)
		return len(a.r.global.acr[acr]) > 0 || len(a.local.acr[acr]) > 0
	}
	return len(a.formsFor([]string{t.key})) > 0
}

// isDemonym reports whether a word is a state's demonym (Iraqi).
func (a *Article) isDemonym(t token) bool {
	for _, f := range a.formsFor([]string{t.key}) {
		if f.kind == formDemonym {
			return true
		}
	}
	return false
}

// modified recognises an existing actor's name after lower-case
// modifiers ("federal Iraq", "northern Iraq"): it may be the actor or a
// part or place of it, so it is Ambiguous with the actor as the only
// candidate, neither merged nor proposed.
func (a *Article) modified(at *attempt) (Resolution, bool) {
	for i := 1; i < len(at.toks); i++ {
		if at.toks[i-1].cap {
			return Resolution{}, false
		}
		sub := &attempt{text: rebuild(at.toks[i:]), all: at.toks[i:], toks: at.toks[i:], ner: at.ner}
		res, ok := a.lookup(sub, sub.toks)
		if !ok || res.Outcome != Resolved {
			continue
		}
		c := res.Candidate
		c.Score = 0.6
		c.Reason = fmt.Sprintf("“%s” is %s with a modifier: the actor, or a part or place of it", at.text, c.Actor.Name)
		return Resolution{Outcome: Ambiguous, Candidate: Candidate{Reason: c.Reason}, Candidates: []Candidate{c}}, true
	}
	return Resolution{}, false
}

// qualifier finds the longest prefix of toks (up to four words, leaving
// one) that is a form of exactly one actor: a state's name, acronym,
// demonym or metonym, or an organisation's name. It must start with a
// capital.
func (a *Article) qualifier(toks []token) (id string, n int) {
	for n = min(4, len(toks)-1); n >= 1; n-- {
		pre := toks[:n]
		if !pre[0].cap || pre[n-1].article {
			continue
		}
		ids := map[string]bool{}
		if n == 1 && isAcronym(pre[0].raw) {
			for _, x := range []*index{a.r.global, a.local} {
				for _, f := range x.acr[acronymForm(pre[0].raw)] {
					ids[a.final(f.id)] = true
				}
			}
		}
		if keys := keysOf(pre); len(keys) > 0 {
			for _, f := range a.formsFor(keys) {
				if f.kind != formPeople {
					ids[a.final(f.id)] = true
				}
			}
		}
		if len(ids) == 1 {
			for id := range ids {
				return id, n
			}
		}
	}
	return "", 0
}

// stateOrganModifiers may stand between a state and an organ that is the
// state ("the Iraqi federal government", "the new Iraqi government").
var stateOrganModifiers = setOf("federal", "central", "national", "interim", "transitional", "caretaker", "new", "current", "incoming", "outgoing", "regular", "armed")

// matchOrgan finds the OrganRule whose noun ends keys, longest first, and
// the words before it.
func matchOrgan(keys []string) (OrganRule, []string) {
	for n := min(4, len(keys)); n >= 1; n-- {
		if r, ok := organIndex[strings.Join(keys[len(keys)-n:], " ")]; ok {
			return r, keys[:len(keys)-n]
		}
	}
	return OrganRule{}, nil
}

// organ codes a state's (or an organisation's) organ: "the Iraqi
// government" is Iraq; "the Iranian embassy in Baghdad" and "Iraqi
// officials" are actors of their own with the state as a candidate; "a
// US official" is the GROUP "US officials"; "a former US Treasury
// official" is a PERSON.
func (a *Article) organ(at *attempt, depth int) (Resolution, bool) {
	rest, d := stripDeterminers(at.all)
	if res, ok := a.organOf(at, rest); ok {
		return res, true
	}
	id, n := a.qualifier(rest)
	if id == "" {
		return Resolution{}, false
	}
	qa, _, _ := a.actorFor(id)
	rem := rest[n:]
	core := rem
	for i, t := range rem {
		if i > 0 && (t.key == "in" || t.key == "at") {
			core = rem[:i]
			break
		}
	}
	ck := keysOf(core)
	rule, mods := matchOrgan(ck)
	owner, _ := a.candidate(id, MethodOwner, 0.5, fmt.Sprintf("“%s” is an organ or part of %s", at.text, qa.Name))
	if qa.Kind == graph.KindState && rule.Organ == OrganIsState && len(core) == len(rem) && allIn(mods, stateOrganModifiers) {
		c, _ := a.candidate(id, MethodOrgan, 0, fmt.Sprintf("a state's %s is coded as the state", rule.Noun))
		return a.decide(at, []Candidate{c})
	}
	if d.indefinite || d.former {
		if res, ok := a.anonymous(at, rest[:n], core, d.former, owner); ok {
			return res, true
		}
	}
	if rule.Organ == OrganOwnActor {
		kind := rule.Kind
		if kind == "" {
			kind = InferKind(rebuild(rest), at.ner)
		}
		res := a.proposeNamed(at, rebuild(rest), kind, fmt.Sprintf("an organ of %s is an actor of its own, never merged into it", qa.Name), depth)
		if res.Outcome == Proposed && res.Method == MethodNew {
			res.Candidates = append([]Candidate{owner}, res.Candidates...)
		}
		res.Owner = &owner
		return res, true
	}
	return Resolution{}, false
}

// organOf codes "<organ> of <state>": "the government of Iraq".
func (a *Article) organOf(at *attempt, rest []token) (Resolution, bool) {
	for i, t := range rest {
		if t.key != "of" || i == 0 || i == len(rest)-1 {
			continue
		}
		r, ok := organIndex[strings.Join(keysOf(rest[:i]), " ")]
		if !ok || r.Organ != OrganIsState {
			return Resolution{}, false
		}
		id, n := a.qualifier(append(append([]token(nil), rest[i+1:]...), token{key: "x"}))
		if id == "" || n != len(rest)-i-1 {
			return Resolution{}, false
		}
		if act, _, _ := a.actorFor(id); act.Kind != graph.KindState {
			return Resolution{}, false
		}
		c, _ := a.candidate(id, MethodOrgan, 0, fmt.Sprintf("a state's %s is coded as the state", r.Noun))
		return a.decide(at, []Candidate{c})
	}
	return Resolution{}, false
}

// anonymous codes an unnamed source: "a US official" is the GROUP "US
// officials" (unnamed sources are grouped by role); "a former US Treasury
// official" is a PERSON quoted by description.
func (a *Article) anonymous(at *attempt, qual, core []token, former bool, owner Candidate) (Resolution, bool) {
	ck := keysOf(core)
	for n := min(2, len(ck)); n >= 1; n-- {
		plural, ok := anonymousRoles[strings.Join(ck[len(ck)-n:], " ")]
		if !ok {
			continue
		}
		if former {
			name := "Former " + rebuild(append(append([]token(nil), qual...), core...))
			return a.proposeNamed(at, name, graph.KindPerson, "a former office-holder quoted by description is a PERSON", 0), true
		}
		mods := core[:len(core)-n]
		words := []string{rebuild(qual)}
		for _, t := range mods {
			words = append(words, t.raw)
		}
		words = append(words, plural)
		name := strings.Join(words, " ")
		res := a.proposeNamed(at, name, graph.KindGroup, "unnamed sources are a GROUP named by their role", 0)
		if res.Outcome == Proposed && res.Method == MethodNew {
			res.Candidates = append([]Candidate{owner}, res.Candidates...)
		}
		res.Owner = &owner
		return res, true
	}
	return Resolution{}, false
}

// proposeNamed resolves a name the Resolver built (an organ, an unnamed
// source): an existing actor or proposal with that name, or a new one.
func (a *Article) proposeNamed(at *attempt, name string, kind graph.ActorKind, why string, depth int) Resolution {
	all := tokenize(name)
	sub := &attempt{text: name, all: all, toks: dropThe(all), ner: at.ner}
	if res, ok := a.lookup(sub, sub.toks); ok && res.Outcome != Ambiguous {
		res.matched = name
		return res
	}
	at.weak = append(at.weak, sub.weak...)
	return a.propose(at, kind, name, why)
}

// commonNoun recognises a common noun standing for an actor: "the group",
// "officials", "the main armed factions", "the group’s secretary-general",
// "a spokesman for the faction". Those are Coreference. A collective with
// a defining post-modifier and no determiner ("sources familiar with the
// matter") is left to become a GROUP proposal.
func (a *Article) commonNoun(at *attempt, depth int) (Resolution, bool) {
	if n, ok := commonIndex[Key(at.text)]; ok {
		return a.coreference(&n, nil, fmt.Sprintf("“%s” stands for an actor named elsewhere: resolve by coreference", at.text)), true
	}
	rest, d := stripDeterminers(at.all)
	core, post := splitPost(rest)
	core = nonArticle(core)
	n, hl := headNoun(core)
	if hl == 0 {
		return Resolution{}, false
	}
	mods := core[:len(core)-hl]
	// A capitalised head after other words is a proper name (the Islamic
	// Resistance); a capital on the first word may be the sentence's. A
	// demonym leaves the phrase generic after a determiner ("any Iraqi
	// group"), not without one ("Iraqi factions").
	generic := !(core[len(core)-hl].cap && len(mods) > 0)
	// "the Iranian people" is a group of its own; "the Iraqi group", "any
	// Iraqi group" refer back.
	demonymOK := d.any && (n.Class == GroupNoun || !hasWord(at.all[:1], "the"))
	for i, t := range mods {
		demonym := demonymOK && a.isDemonym(t)
		if (a.isForm(t) && !demonym) || (t.cap && !demonym && !(i == 0 && len(rest) == len(at.all))) {
			generic = false
			break
		}
	}
	if !generic {
		if n.Class != RoleNoun || depth >= maxDepth {
			return Resolution{}, false
		}
		// "Iran’s Foreign Ministry spokesman", "Kataib Hezbollah’s
		// secretary-general": a role, and the actor it belongs to.
		owner := a.owner(rebuild(mods), depth)
		return a.coreference(&n, owner, fmt.Sprintf("“%s” is a role: resolve the person by coreference", n.Noun)), true
	}
	if len(post) > 0 && !d.any {
		return Resolution{}, false
	}
	return a.coreference(&n, nil, fmt.Sprintf("“%s” stands for an actor named elsewhere: resolve by coreference", at.text)), true
}

// owner resolves the owner of a role or organ, if it names an actor.
func (a *Article) owner(text string, depth int) *Candidate {
	res := a.resolve(text, NERNone, depth+1)
	if res.Outcome == Resolved || (res.Outcome == Proposed && res.Method != MethodNew) {
		c := res.Candidate
		c.Method, c.Score, c.Reason = MethodOwner, 0.9, fmt.Sprintf("“%s” names the owner", text)
		return &c
	}
	return nil
}

// possessive resolves what follows a possessive: "Iran’s Revolutionary
// Guards" is the IRGC, "Lebanon’s Hezbollah" is Hezbollah.
func (a *Article) possessive(at *attempt, depth int) (Resolution, bool) {
	for i, t := range at.toks[:len(at.toks)-1] {
		if !t.poss {
			continue
		}
		head, rest := at.toks[:i+1], at.toks[i+1:]
		res := a.resolve(rebuild(rest), at.ner, depth+1)
		switch res.Outcome {
		case NotActor:
			return Resolution{}, false
		case Coreference:
			// "Kataib Hezbollah’s secretary-general", "the faction’s
			// leadership": the noun stands for someone or something of
			// the owner.
			if res.Noun != nil && res.Owner == nil {
				res.Owner = a.owner(rebuild(head), depth)
			}
		default:
			res.Reason = fmt.Sprintf("after the possessive “%s”: %s", rebuild(head), res.Reason)
			if res.Outcome == Proposed && res.Method == MethodNew {
				if o := a.owner(rebuild(head), depth); o != nil {
					res.Owner = o
					res.Candidates = append(res.Candidates, Candidate{Actor: o.Actor, Origin: o.Origin, Method: MethodOwner, Score: 0.4, Reason: "named before the possessive"})
				}
			}
		}
		return res, true
	}
	return Resolution{}, false
}

// honorifics are titles before a name that are not offices.
var honorifics = setOf("mr", "mrs", "ms", "dr", "sheikh", "shaikh", "gen", "lt", "col", "maj", "brig", "sen", "rep", "sayyed", "hajji", "haji", "hojatoleslam", "grand", "former", "late", "then", "acting", "interim")

var roleIndex = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range RoleNouns {
		m[n.Noun] = true
	}
	return m
}()

// titleAt returns how many words at the start of toks are a title: an
// office ("Secretary of State", "Prime Minister") or an honorific.
func titleAt(toks []token) int {
	for n := min(4, len(toks)); n >= 1; n-- {
		k := strings.Join(keysOf(toks[:n]), " ")
		if roleIndex[k] || (n == 1 && honorifics[k]) {
			return n
		}
	}
	return 0
}

// title resolves a name after a title and the state or body it belongs
// to: "US President Donald Trump", "Iraq’s Foreign Minister Fuad
// Hussein", "Kataib Hezbollah commander Abu Fadak".
func (a *Article) title(at *attempt, depth int) (Resolution, bool) {
	i, stripped := 0, false
	for i < len(at.toks)-1 {
		if id, n := a.qualifier(at.toks[i:]); id != "" && !stripped {
			i += n
			continue
		}
		if n := titleAt(at.toks[i:]); n > 0 && i+n < len(at.toks) {
			i += n
			stripped = true
			continue
		}
		break
	}
	if !stripped || !at.toks[i].cap {
		return Resolution{}, false
	}
	ner := at.ner
	if ner == NERNone {
		ner = NERPerson
	}
	res := a.resolve(rebuild(at.toks[i:]), ner, depth+1)
	if res.Outcome == NotActor {
		return Resolution{}, false
	}
	if res.Outcome == Proposed && res.Method == MethodNew {
		res.Actor.Kind = graph.KindPerson
	}
	res.Reason = fmt.Sprintf("after the title “%s”: %s", rebuild(at.toks[:i]), res.Reason)
	return res, true
}

// person links a person's surname or kunya to a person the article named
// in full ("Humaidawi", "al-Muhandis", "Abu Mahdi"), and a full name to a
// person proposed earlier from a surname (the proposal takes the full
// name).
func (a *Article) person(at *attempt) (Resolution, bool) {
	switch at.ner.role() {
	case nerPerson, nerUnknown, nerMisc:
	default:
		return Resolution{}, false
	}
	toks := nonArticle(at.toks)
	if len(toks) == 0 || !toks[0].cap {
		return Resolution{}, false
	}
	keys := keysOf(toks)
	kunya := len(keys) == 2 && (keys[0] == "abu" || keys[0] == "umm")
	if len(keys) == 1 || kunya {
		var matches []Candidate
		for _, u := range a.order {
			if u.actor.Kind != graph.KindPerson {
				continue
			}
			names := keyTokens(u.actor.Name)
			if len(names) <= len(keys) {
				continue
			}
			var d int
			ok := false
			if kunya {
				ok = names[0] == keys[0] && names[1] == keys[1]
			} else {
				d, ok = wordVariant(keys[0], names[len(names)-1])
			}
			if !ok {
				continue
			}
			score, how := methodScores[MethodSurname], "the surname"
			if kunya {
				how = "the kunya"
			}
			if d > 0 {
				score, how = 0.85, how+" (spelled differently)"
			}
			if c, ok := a.candidate(u.actor.ID, MethodSurname, score, fmt.Sprintf("%s of %s, named earlier in the article", how, u.actor.Name)); ok {
				matches = append(matches, c)
			}
		}
		switch len(matches) {
		case 0:
		case 1:
			return a.decide(at, matches)
		default:
			return Resolution{Outcome: Ambiguous, Candidate: Candidate{Reason: "the surname of several people named earlier"}, Candidates: matches}, true
		}
		return Resolution{}, false
	}
	for _, u := range a.surnameProposals(keys[len(keys)-1]) {
		short := u.actor.Name
		a.renameProposal(u, rebuild(at.toks))
		c := Candidate{Actor: u.actor, Origin: OriginArticle, Method: MethodSurname, Score: methodScores[MethodSurname],
			Reason: fmt.Sprintf("the full name of %s, proposed earlier from the surname; the proposal now has this name", short)}
		return Resolution{Outcome: Proposed, Candidate: c, matched: rebuild(at.toks)}, true
	}
	return Resolution{}, false
}

// shortForm links a name without its place qualifier to the actor the
// article named in full: "the Islamic Resistance" after "the Islamic
// Resistance in Iraq", "the US embassy" after "the US Embassy in Baghdad".
func (a *Article) shortForm(at *attempt) (Resolution, bool) {
	keys := keysOf(at.toks)
	if len(keys) == 0 || !at.toks[0].cap {
		return Resolution{}, false
	}
	var matches []Candidate
	for _, u := range a.order {
		if u.actor.Kind == graph.KindPerson {
			continue
		}
		for _, f := range append([]string{u.actor.Name}, u.forms...) {
			fk := keyTokens(f)
			if len(fk) > len(keys)+1 && equalWords(fk[:len(keys)], keys) && (fk[len(keys)] == "in" || fk[len(keys)] == "of") {
				if c, ok := a.candidate(u.actor.ID, MethodShortForm, 0, fmt.Sprintf("“%s” without its qualifier, named earlier in the article", f)); ok {
					matches = append(matches, c)
				}
				break
			}
		}
	}
	if len(matches) == 1 {
		return a.decide(at, matches)
	}
	if len(matches) > 1 {
		return Resolution{Outcome: Ambiguous, Candidate: Candidate{Reason: "the short form of several actors named earlier"}, Candidates: matches}, true
	}
	return Resolution{}, false
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// variant matches transliteration variants through the consonant
// skeleton. It merges only names of two words or more with one
// distinctive word in common and a score of MergeScore or more; other
// variants are candidates.
func (a *Article) variant(at *attempt) (Resolution, bool) {
	keys := keysOf(at.toks)
	sk := make([]string, len(keys))
	for i, k := range keys {
		sk[i] = wordSkeleton(k)
	}
	skel := strings.Join(sk, " ")
	var cands []Candidate
	for _, x := range []*index{a.r.global, a.local} {
		for _, f := range x.skel[skel] {
			score, anchored, ok := variantTokens(keys, f.keys)
			if !ok {
				continue
			}
			reason := fmt.Sprintf("“%s” is a spelling variant of “%s” (%.2f)", at.text, f.text, score)
			if !anchored || len(keys) < 2 {
				score = min(score, MergeScore-0.05)
				reason += "; no distinctive word in common, so not merged"
			}
			if c, ok := a.candidate(f.id, MethodVariant, score, reason); ok {
				cands = append(cands, c)
			}
		}
	}
	return a.decide(at, cands)
}

// propose makes a new actor of the mention, or links it to an acronym the
// article proposed earlier that this name spells out.
func (a *Article) propose(at *attempt, kind graph.ActorKind, name, why string) Resolution {
	if name == "" {
		rest, _ := stripDeterminers(at.all)
		name = rebuild(rest)
	}
	if kind == "" {
		kind = InferKind(name, at.ner)
		for _, c := range at.weak {
			if c.Method == MethodPeople {
				kind = graph.KindGroup // Iranians: a people
			}
		}
	}
	for _, u := range a.order {
		if u.origin == OriginArticle && isAcronym(u.actor.Name) && Initials(name) == acronymForm(u.actor.Name) {
			acr := u.actor.Name
			a.renameProposal(u, name)
			u.actor.Kind = kind
			c := Candidate{Actor: u.actor, Origin: OriginArticle, Method: MethodInitials, Score: methodScores[MethodInitials],
				Reason: fmt.Sprintf("spells out %s, proposed earlier; the proposal now has this name", acr)}
			return Resolution{Outcome: Proposed, Candidate: c, matched: name}
		}
	}
	if why == "" {
		why = "no existing actor matches"
	}
	act := graph.Actor{ID: a.uniqueID(Slug(name), ""), Name: name, Kind: kind}
	cands := mergeCandidates(append(at.weak, topCandidates(a.partial(at), 3)...))
	return Resolution{
		Outcome:    Proposed,
		Candidate:  Candidate{Actor: act, Origin: OriginArticle, Method: MethodNew, Score: methodScores[MethodNew], Reason: fmt.Sprintf("new %s: %s", kind, why)},
		Candidates: cands,
		matched:    name,
	}
}

// mergeCandidates keeps each actor's best candidate, best first, at most
// five.
func mergeCandidates(cs []Candidate) []Candidate {
	best := map[string]Candidate{}
	for _, c := range cs {
		if b, ok := best[c.Actor.ID]; !ok || c.Score > b.Score {
			best[c.Actor.ID] = c
		}
	}
	out := sortedCandidates(best)
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// topCandidates returns the n best candidates, one per actor.
func topCandidates(cs []Candidate, n int) []Candidate {
	out := mergeCandidates(cs)
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// partial returns actors whose names share distinctive words with the
// mention, as weak candidates for review ("Hezbollah" and Kataib
// Hezbollah; "Liwa Sayyid al-Shuhada" and Kataib Sayyid al-Shuhada).
func (a *Article) partial(at *attempt) []Candidate {
	keys := keysOf(at.toks)
	mine := setOf(keys...)
	seen := map[string]bool{}
	var out []Candidate
	for _, w := range keys {
		if len(w) < 4 {
			continue
		}
		for _, x := range []*index{a.r.global, a.local} {
			for _, f := range x.words[w] {
				id := a.final(f.id)
				if seen[id+"\x00"+f.text] {
					continue
				}
				seen[id+"\x00"+f.text] = true
				shared := 0
				union := len(mine)
				for _, k := range f.keys {
					if mine[k] {
						shared++
					} else {
						union++
					}
				}
				score := 0.3 + 0.4*float64(shared)/float64(union)
				act, _, _ := a.actorFor(id)
				if !compatible(at.ner, act.Kind) {
					continue
				}
				if act.Kind == graph.KindPerson && f.keys[len(f.keys)-1] != w {
					continue // people share given names; only a surname suggests one
				}
				if c, ok := a.candidate(id, MethodPartial, score, fmt.Sprintf("shares “%s” with “%s”", w, f.text)); ok {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// uniqueID returns slug, or slug-2, slug-3…, whichever no actor uses;
// self is an id the caller may keep.
func (a *Article) uniqueID(slug, self string) string {
	if slug == "" {
		slug = "actor"
	}
	taken := func(id string) bool {
		if id == self {
			return false
		}
		_, existing := a.r.actors[id]
		_, used := a.uses[id]
		_, renamed := a.rename[id]
		return existing || used || renamed
	}
	id := slug
	for n := 2; taken(id); n++ {
		id = fmt.Sprintf("%s-%d", slug, n)
	}
	return id
}

// renameProposal gives a proposal a fuller name, and the id that goes with
// it; the old name becomes an alias.
func (a *Article) renameProposal(u *use, name string) {
	old := u.actor.ID
	u.forms = appendNew(u.forms, u.actor.Name)
	u.actor.Name = name
	id := a.uniqueID(Slug(name), old)
	if id != old {
		a.rename[old] = id
		delete(a.uses, old)
		a.uses[id] = u
		u.actor.ID = id
	}
	a.local.add(id, name, formName)
}

// note records a resolved or proposed mention: the actor is used by the
// article, and the form the mention used becomes one of its aliases.
func (a *Article) note(res Resolution, text string) {
	id := a.final(res.Actor.ID)
	u, ok := a.uses[id]
	if !ok {
		u = &use{actor: res.Actor, origin: res.Origin, first: a.seq}
		u.actor.ID = id
		u.actor.Aliases = nil
		a.uses[id] = u
		a.order = append(a.order, u)
		if res.Origin == OriginArticle {
			a.local.add(id, u.actor.Name, formName)
		}
	}
	u.last = a.seq
	if res.Outcome == Resolved && u.actor.Kind == graph.KindPerson {
		a.absorbSurnames(u)
	}
	if res.Method == MethodEpithet {
		return // the speaker's word, not a name of the actor
	}
	forms := []string{res.matched}
	if _, acr, ok := parenAcronym(text); ok {
		forms = append(forms, acr)
	}
	for _, f := range forms {
		if f == "" || formKey(f) == formKey(u.actor.Name) {
			continue
		}
		u.forms = appendNew(u.forms, f)
		if u.origin == OriginArticle {
			a.local.add(id, f, formAlias)
		}
	}
}

// absorbSurnames folds into an existing person the proposals this article
// made earlier from that person's surname alone ("al-Muhandis" in a
// headline, "Abu Mahdi al-Muhandis" in the text): the proposal's id now
// leads to the person (FinalID) and its forms become the person's.
func (a *Article) absorbSurnames(u *use) {
	names := keyTokens(u.actor.Name)
	if len(names) < 2 {
		return
	}
	for _, p := range a.surnameProposals(names[len(names)-1]) {
		a.rename[p.actor.ID] = u.actor.ID
		delete(a.uses, p.actor.ID)
		for i, o := range a.order {
			if o == p {
				a.order = append(a.order[:i], a.order[i+1:]...)
				break
			}
		}
		u.forms = appendNew(u.forms, append([]string{p.actor.Name}, p.forms...)...)
		u.first = min(u.first, p.first)
	}
}

// surnameProposals returns the people this article proposed from a single
// word that is (a spelling of) the given surname.
func (a *Article) surnameProposals(surname string) []*use {
	var out []*use
	for _, u := range a.order {
		if u.origin != OriginArticle || u.actor.Kind != graph.KindPerson {
			continue
		}
		if nk := keyTokens(u.actor.Name); len(nk) == 1 {
			if _, ok := wordVariant(nk[0], surname); ok {
				out = append(out, u)
			}
		}
	}
	return out
}

// ArticleActor is an actor an article used.
type ArticleActor struct {
	// Actor is the actor as the draft should declare it: for existing
	// actors their id, name, kind and description; for proposals the
	// fullest name seen and the kind inferred. Aliases are the other forms
	// this article used for it (epithets excluded), none of them used for
	// another actor.
	Actor graph.Actor
	// Origin says whether the actor exists (graph, gazetteer) or is
	// proposed by this article.
	Origin Origin
}

// Actors returns the actors the article used so far, in order of first
// mention.
func (a *Article) Actors() []ArticleActor {
	owner := map[string]string{}
	for _, u := range a.order {
		owner[formKey(u.actor.Name)] = u.actor.ID
	}
	out := make([]ArticleActor, 0, len(a.order))
	for _, u := range a.order {
		act := u.actor
		act.Aliases = nil
		for _, f := range u.forms {
			k := formKey(f)
			if o, ok := owner[k]; ok && o != act.ID {
				continue
			}
			owner[k] = act.ID
			act.Aliases = append(act.Aliases, f)
		}
		out = append(out, ArticleActor{Actor: act, Origin: u.origin})
	}
	return out
}

func allIn(words []string, set map[string]bool) bool {
	for _, w := range words {
		if !set[w] {
			return false
		}
	}
	return true
}
