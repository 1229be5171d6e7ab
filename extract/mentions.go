package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/nlp"
)

// ref is what a head token refers to: an actor, and the words that name
// it there.
type ref struct {
	actor    string         // actor id (before Article.FinalID)
	phrase   nlp.TokenRange // the noun phrase at the token
	coref    bool           // found through coreference, not named here
	proposed bool           // a new actor proposed by this article
	kind     graph.ActorKind
}

// extraActor is a group the article names only by a common noun
// ("peaceful demonstrators", "activists", "Analysts") that no antecedent
// resolves: proposed as a GROUP of its own, as the Resolver proposes
// named groups.
type extraActor struct {
	actor graph.Actor
}

// leftModifiers are the relations whose dependents, before their head,
// are part of the head's noun phrase.
var leftModifiers = map[string]bool{
	"det": true, "amod": true, "compound": true, "nmod:poss": true, "nummod": true,
	"flat": true, "det:poss": true, "det:predet": true, "compound:prt": true, "punct": false,
}

// rightModifiers extend a name to the right ("Harakat al-Nujaba").
var rightModifiers = map[string]bool{"flat": true, "compound": true}

// embedded are the relations that make a token part of another noun
// phrase rather than the head of its own.
var embedded = map[string]bool{"compound": true, "flat": true}

// actorNouns extends the actors package's common nouns with nouns that
// head a phrase for a group of people without standing for a named one.
var actorNouns = setOf("people", "opposition", "community", "public", "population")

// mentionCtx holds the resolution of one document's mentions.
type mentionCtx struct {
	doc   *nlp.Document
	art   *actors.Article
	res   *actors.Resolver
	refs  map[int]ref // head token → what it refers to
	extra map[string]*extraActor
	order []string // extra actor ids in first-use order
	byID  map[string]*extraActor
	// roleOwner: a role head token → its owner's actor id.
	roleOwner map[int]string
	// pendingRes holds the resolutions of coreference mentions.
	pendingRes map[int]actors.Resolution
	// quotePronouns: first-person pronouns inside a quotation → the
	// quote's index; they are its speaker.
	quotePronouns map[int]int
	// home is the state of the article's dateline ("BAGHDAD –" → Iraq),
	// or "": "the government" there is that state's.
	home string
	// lists: a plural anaphor ("these groups") → the tokens of the list
	// it stands for.
	lists map[int][]int
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isNoun reports whether a POS tag is a noun or pronoun tag.
func isNoun(pos string) bool { return strings.HasPrefix(pos, "NN") }

// headCandidate decides whether token i heads a phrase worth resolving.
func (m *mentionCtx) headCandidate(s nlp.Sentence, i int) bool {
	t := m.doc.Tokens[i]
	for _, g := range s.Governors(i) {
		if embedded[g.Relation] && g.Governor >= 0 && isNoun(m.doc.Tokens[g.Governor].POS) {
			return false
		}
	}
	switch {
	case t.POS == "PRP":
		return actors.IsPronoun(t.Text)
	case t.POS == "PRP$":
		// "its strikes", "their leaders": resolved as pronouns are.
		w := strings.ToLower(t.Text)
		return (w == "its" || w == "their" || w == "his" || w == "her") && actors.IsPronoun(t.Text)
	case t.POS == "NNP" || t.POS == "NNPS":
		return true
	case isNoun(t.POS):
		if t.NER != "" && t.NER.Coarse() != "" {
			return true
		}
		lw := strings.ToLower(t.Text)
		if _, ok := actors.CommonNounOf(lw); ok {
			return true
		}
		if _, ok := actors.CommonNounOf(strings.ToLower(t.Lemma)); ok {
			return true
		}
		return actorNouns[lw] || actorNouns[strings.ToLower(t.Lemma)] || eventAgents[strings.ToLower(t.Lemma)] != ""
	}
	return false
}

// eventAgents are nouns for a collective act that stand for the people
// doing it: "the protests were suppressed" is the protesters.
var eventAgents = map[string]string{"protest": "protesters", "demonstration": "demonstrators", "uprising": "protesters"}

// subtree returns the lowest and highest token of i's subtree, following
// the basic (non-conj, non-ref) edges inside the sentence.
func subtree(s nlp.Sentence, i int) (lo, hi int) {
	lo, hi = i, i
	seen := map[int]bool{i: true}
	stack := []int{i}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, e := range s.Dependencies {
			if e.Governor != n || seen[e.Dependent] || strings.HasPrefix(e.Relation, "conj") || e.Relation == "ref" || strings.HasPrefix(e.Relation, "nsubj") && e.Dependent < 0 {
				continue
			}
			if e.Dependent < s.Tokens.Begin || e.Dependent >= s.Tokens.End {
				continue
			}
			// Enhanced edges back to an ancestor would swallow the clause.
			if isAncestor(s, e.Dependent, i) {
				continue
			}
			seen[e.Dependent] = true
			stack = append(stack, e.Dependent)
			lo, hi = min(lo, e.Dependent), max(hi, e.Dependent)
		}
	}
	return lo, hi
}

// isAncestor reports whether a governs b through basic edges (a bounded
// walk up from b).
func isAncestor(s nlp.Sentence, a, b int) bool {
	cur := b
	for steps := 0; steps < 50; steps++ {
		g := basicGovernor(s, cur)
		if g < 0 {
			return false
		}
		if g == a {
			return true
		}
		cur = g
	}
	return false
}

// basicGovernor is the governor of i by its first non-enhanced edge, or -1.
func basicGovernor(s nlp.Sentence, i int) int {
	for _, e := range s.Dependencies {
		if e.Dependent == i && !strings.HasPrefix(e.Relation, "conj") && e.Relation != "ref" && !strings.HasSuffix(e.Relation, ":xsubj") {
			return e.Governor
		}
	}
	return -1
}

// phrase is the noun phrase headed by h: its left modifiers with their
// subtrees, flat and compound names to its right, widened to the entity
// mentions it overlaps.
func (m *mentionCtx) phrase(s nlp.Sentence, h int) nlp.TokenRange {
	lo, hi := h, h
	for _, e := range s.Children(h) {
		d := e.Dependent
		switch {
		case d < h && e.Relation == "amod" && m.doc.Tokens[d].POS == "VBG":
			// "dispersing demonstrators": a verb, not a name.
		case d < h && leftModifiers[e.Relation]:
			l, _ := subtree(s, d)
			lo = min(lo, l)
		case d > h && rightModifiers[e.Relation]:
			_, r := subtree(s, d)
			hi = max(hi, r)
		}
	}
	for _, em := range m.doc.Mentions {
		if em.Tokens.Begin <= hi && em.Tokens.End-1 >= lo && em.Tokens.Contains(h) && m.nameLike(em.Tokens) {
			lo, hi = min(lo, em.Tokens.Begin), max(hi, em.Tokens.End-1)
		}
	}
	// Never start on punctuation.
	for lo < h && m.doc.Tokens[lo].POS == "," || lo < h && m.doc.Tokens[lo].POS == "``" {
		lo++
	}
	return nlp.TokenRange{Begin: lo, End: hi + 1}
}

// nameLike reports whether a mention's tokens look like a name: proper
// nouns, hyphens and name particles only (NER sometimes runs a name on
// into "whose representatives").
func (m *mentionCtx) nameLike(r nlp.TokenRange) bool {
	for i := r.Begin; i < r.End; i++ {
		t := m.doc.Tokens[i]
		switch {
		case t.POS == "NNP" || t.POS == "NNPS" || t.POS == "HYPH" || t.POS == "POS":
		case nameParticles[strings.ToLower(t.Text)]:
		case t.Text != "" && unicode.IsUpper([]rune(t.Text)[0]):
		default:
			return false
		}
	}
	return true
}

var nameParticles = setOf("al", "el", "bin", "ibn", "abu", "of", "in", "and", "the", "-", "’s", "'s", "ash", "as", "ad", "an", "ar", "at", "az")

// ownPhrase is phrase without the possessor ("Tehran’s regional agenda"
// → "regional agenda"), to decide whether the head's own words name an
// actor.
func (m *mentionCtx) hasOwnName(s nlp.Sentence, h int, r nlp.TokenRange) bool {
	poss := map[int]bool{}
	for _, e := range s.Children(h) {
		if e.Relation == "nmod:poss" {
			lo, hi := subtree(s, e.Dependent)
			for i := lo; i <= hi; i++ {
				poss[i] = true
			}
		}
	}
	for i := r.Begin; i < r.End; i++ {
		if poss[i] {
			continue
		}
		t := m.doc.Tokens[i]
		if t.POS == "NNP" || t.POS == "NNPS" || t.NER.Coarse() != "" {
			return true
		}
	}
	return false
}

// resolveMentions resolves every candidate head of the document in text
// order and fills m.refs.
func (m *mentionCtx) resolveMentions() {
	type cand struct {
		s    nlp.Sentence
		h    int
		r    nlp.TokenRange
		text string
	}
	var cands []cand
	for _, s := range m.doc.Sentences {
		for i := s.Tokens.Begin; i < s.Tokens.End; i++ {
			if !m.headCandidate(s, i) {
				continue
			}
			r := m.phrase(s, i)
			cands = append(cands, cand{s, i, r, m.doc.RangeText(r)})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].r.Begin != cands[b].r.Begin {
			return cands[a].r.Begin < cands[b].r.Begin
		}
		return cands[a].h < cands[b].h
	})
	var pending []cand
	for _, c := range cands {
		t := m.doc.Tokens[c.h]
		ner := actors.NER(t.NER)
		if t.NER == nlp.Person {
			// A person's phrase is the name alone: titles before it
			// ("Treasury Secretary", "Foreign Ministry spokesman") are
			// roles, read by the role patterns.
			for _, em := range m.doc.Mentions {
				if em.Type == nlp.Person && em.Tokens.Contains(c.h) {
					c.r, c.text = em.Tokens, em.Text
				}
			}
		}
		text := c.text
		if t.POS == "PRP" || t.POS == "PRP$" {
			text = t.Text
		}
		if agent := eventAgents[strings.ToLower(t.Lemma)]; agent != "" && isNoun(t.POS) && t.POS != "NNP" {
			name := agent
			for _, e := range c.s.Children(c.h) {
				if e.Relation == "amod" && e.Dependent < c.h && m.doc.Tokens[e.Dependent].NER == nlp.Nationality {
					name = m.doc.Tokens[e.Dependent].Text + " " + agent
				}
			}
			m.refs[c.h] = ref{actor: m.extraGroup(name), phrase: c.r, proposed: true, kind: graph.KindGroup}
			continue
		}
		if id, ok := m.apposedName(c.s, c.h); ok {
			// "The Coordination Framework, the Shiite alliance that …":
			// a description in apposition to a name is that actor.
			m.refs[c.h] = ref{actor: id, phrase: c.r, coref: true, kind: m.kindOf(id)}
			continue
		}
		if designationLabel(text) || hasRel(c.s, c.h, "nummod") {
			// Never offered to the Resolver, which would remember a
			// proposal: a legal category ("a Foreign Terrorist
			// Organisation") or a count of people is no actor.
			continue
		}
		if ext, ok := m.placeQualified(c.s, c.h, c.r); ok {
			// "the Islamic Resistance in Iraq": a name with its place
			// qualifier, when the whole names a known actor.
			if r2 := m.res.NewArticle().Resolve(actors.Mention{Text: m.doc.RangeText(ext)}); r2.Outcome == actors.Resolved {
				c.r, text = ext, m.doc.RangeText(ext)
				ner = actors.NERNone
			}
		}
		res := m.resolveText(text, ner)
		if (res.Outcome == actors.NotActor || res.Outcome == actors.Ambiguous) && c.r.Len() > 1 {
			// The widest phrase may carry a descriptor the Resolver
			// rejects; the entity mention alone may still name an actor.
			for _, em := range m.doc.Mentions {
				if em.Tokens.Contains(c.h) && em.Tokens.Len() < c.r.Len() {
					if r2 := m.resolveText(em.Text, actors.NER(em.Type)); r2.Outcome == actors.Resolved || r2.Outcome == actors.Proposed {
						res, c.r = r2, em.Tokens
					}
				}
			}
		}
		switch res.Outcome {
		case actors.Resolved, actors.Proposed:
			if !m.acceptable(c.s, c.h, c.r, res) {
				continue
			}
			m.refs[c.h] = ref{actor: res.Actor.ID, phrase: c.r, proposed: res.Outcome == actors.Proposed, kind: res.Actor.Kind}
		case actors.Coreference:
			if res.Owner != nil {
				m.roleOwner[c.h] = res.Owner.Actor.ID
			}
			pending = append(pending, c)
			m.refs[c.h] = ref{phrase: c.r, coref: true} // placeholder, filled below
			m.pendingRes[c.h] = res
		}
	}
	for _, c := range pending {
		m.corefer(c.s, c.h, c.r)
	}
	for h, r := range m.refs {
		if r.actor == "" {
			delete(m.refs, h)
		}
	}
}

// acceptable guards against proposals the phrase's head does not support:
// a lower-case head that is not a noun for people or bodies ("Iraq’s
// security") never makes a new actor.
func (m *mentionCtx) acceptable(s nlp.Sentence, h int, r nlp.TokenRange, res actors.Resolution) bool {
	if res.Outcome != actors.Proposed {
		return true
	}
	t := m.doc.Tokens[h]
	for _, e := range s.Children(h) {
		if e.Relation == "nummod" {
			return false // "three Iraqi businessmen": a count of unnamed people
		}
	}
	if designationLabel(res.Actor.Name) {
		return false
	}
	if t.POS == "NNP" || t.POS == "NNPS" || t.NER.Coarse() != "" {
		return true
	}
	return m.hasOwnName(s, h, r) || m.peopleNoun(t)
}

// designationLabel reports whether a name is a legal category a state
// designates actors as ("Foreign Terrorist Organisation", "Specially
// Designated Global Terrorist"), not an actor.
func designationLabel(name string) bool {
	k := " " + actors.Key(name) + " "
	return strings.Contains(k, " terrorist ") || strings.Contains(k, " designated ")
}

func (m *mentionCtx) peopleNoun(t nlp.Token) bool {
	for _, w := range []string{strings.ToLower(t.Text), strings.ToLower(t.Lemma)} {
		if _, ok := actors.CommonNounOf(w); ok || actorNouns[w] {
			return true
		}
	}
	return false
}

// corefer resolves a pronoun or common noun at h: through CoreNLP's chain
// (the nearest mention of it that names an actor, earlier first), then,
// for a singular group noun, the nearest earlier actor of a fitting kind
// the Resolver suggests; a plural noun for people with no antecedent
// becomes a group of its own. Pronouns resolve only through a chain.
func (m *mentionCtx) corefer(s nlp.Sentence, h int, r nlp.TokenRange) {
	res := m.pendingRes[h]
	for _, e := range s.Children(h) {
		w := strings.ToLower(m.doc.Tokens[e.Dependent].Text)
		if e.Relation == "det" && (w == "any" || w == "every" || w == "no" || w == "each" || w == "another") || e.Relation == "nummod" {
			return // "any party", "three businessmen": no one in particular
		}
	}
	if res.Pronoun != nil && m.doc.Tokens[h].POS == "PRP$" {
		// "Nujaba … was represented by its spokesman": a possessive
		// refers to its clause's subject when that fits, whatever the
		// chain says.
		if id := m.clauseSubjectActor(s, h, res.Pronoun); id != "" {
			m.refs[h] = ref{actor: id, phrase: r, coref: true, kind: m.kindOf(id)}
			return
		}
	}
	if res.Pronoun != nil {
		// "X said it had ...": a pronoun subject of a reported clause is
		// the reporter, when it fits; CoreNLP's chains often join "it"
		// to another body named earlier.
		if id := m.reporter(s, h, res.Pronoun); id != "" {
			m.refs[h] = ref{actor: id, phrase: r, coref: true, kind: m.kindOf(id)}
			return
		}
	}
	if res.Noun != nil && res.Noun.Class == actors.GroupNoun && kindIn(graph.KindState, res.Noun.Kinds) {
		// "the regime in Tehran", "the government of Iraq": the state.
		for _, e := range s.Children(h) {
			if e.Relation == "nmod:in" || e.Relation == "nmod:of" {
				if r2, ok := m.refs[e.Dependent]; ok && r2.kind == graph.KindState && !r2.coref {
					m.refs[h] = ref{actor: r2.actor, phrase: r, kind: graph.KindState}
					return
				}
			}
		}
	}
	if res.Noun != nil && res.Noun.Class == actors.GroupNoun && m.home != "" && homeNouns[strings.ToLower(m.doc.Tokens[h].Text)] && !m.modified(s, h) && m.chainActor(h) == "" {
		// "the government" in an article datelined BAGHDAD is Iraq's,
		// unless a chain says otherwise.
		m.refs[h] = ref{actor: m.home, phrase: r, coref: true, kind: graph.KindState}
		return
	}
	if res.Noun != nil && res.Noun.Class == actors.GroupNoun && !res.Noun.Plural {
		// "the American occupation", "the Iranian regime": the
		// demonym's state.
		for _, e := range s.Children(h) {
			if e.Relation == "amod" && m.doc.Tokens[e.Dependent].NER == nlp.Nationality && kindIn(graph.KindState, res.Noun.Kinds) {
				if d := m.art.Resolve(actors.Mention{Text: m.doc.Tokens[e.Dependent].Text, NER: actors.NERNationality}); d.Outcome == actors.Resolved && d.Actor.Kind == graph.KindState {
					m.refs[h] = ref{actor: d.Actor.ID, phrase: r, kind: graph.KindState}
					return
				}
			}
		}
	}
	if id := m.chainActor(h); id != "" && (res.Pronoun == nil || kindIn(m.kindOf(id), res.Pronoun.Kinds) && m.numberFits(res.Pronoun, id)) {
		// A group noun's chain must reach an actor of the noun's most
		// likely kind when the article offers one ("the faction": a
		// militia, not the command that spoke before).
		if res.Noun != nil && res.Noun.Class == actors.GroupNoun && len(res.Noun.Kinds) > 0 && m.kindOf(id) != res.Noun.Kinds[0] {
			for _, c := range res.Candidates {
				if c.Score >= 0.3 && c.Actor.Kind == res.Noun.Kinds[0] {
					id = c.Actor.ID
					break
				}
			}
		}
		m.refs[h] = ref{actor: id, phrase: r, coref: true, kind: m.kindOf(id)}
		return
	}
	if res.Pronoun != nil {
		// "we" and "I" inside a quotation are its speaker.
		if w := strings.ToLower(m.doc.Tokens[h].Text); w == "we" || w == "i" || w == "us" || w == "our" {
			for _, q := range m.doc.Quotes {
				if q.Tokens.Contains(h) {
					m.quotePronouns[h] = q.Index
				}
			}
		}
		return
	}
	// A role noun with a name in apposition is that person.
	if res.Noun != nil && res.Noun.Class == actors.RoleNoun {
		if p := m.apposedPerson(s, h, r); p >= 0 {
			pr := m.refs[p]
			m.refs[h] = ref{actor: pr.actor, phrase: pr.phrase, kind: pr.kind}
			return
		}
		// An unnamed spokesman speaks for the body that owns the role
		// ("a State Department spokesperson", "Nujaba’s spokesman").
		if w := strings.ToLower(m.doc.Tokens[h].Lemma); (w == "spokesman" || w == "spokeswoman" || w == "spokesperson") && res.Owner != nil && res.Owner.Actor.Kind != graph.KindPerson {
			m.refs[h] = ref{actor: res.Owner.Actor.ID, phrase: r, coref: true, kind: res.Owner.Actor.Kind}
			return
		}
	}
	if res.Noun == nil {
		return
	}
	switch {
	case res.Noun.Class == actors.GroupNoun && !res.Noun.Plural:
		// "a group calling itself X": X.
		for _, e := range s.Children(h) {
			if strings.HasPrefix(e.Relation, "acl") && (m.lemma(e.Dependent) == "call" || m.lemma(e.Dependent) == "name") {
				for _, e2 := range s.Children(e.Dependent) {
					if r2, ok := m.refs[e2.Dependent]; ok && (e2.Relation == "xcomp" || e2.Relation == "obj" || e2.Relation == "obl:as") && r2.actor != "" && !r2.coref {
						m.refs[h] = ref{actor: r2.actor, phrase: r, coref: true, kind: r2.kind}
						return
					}
				}
			}
		}
		// The nearest suggested antecedent of the noun's most likely
		// kind ("the faction": a militia before an organisation), then
		// of any kind it may stand for.
		for _, kinds := range [][]graph.ActorKind{res.Noun.Kinds[:1], res.Noun.Kinds} {
			for _, c := range res.Candidates {
				if c.Score >= 0.3 && kindIn(c.Actor.Kind, kinds) {
					m.refs[h] = ref{actor: c.Actor.ID, phrase: r, coref: true, kind: c.Actor.Kind}
					return
				}
			}
		}
	case res.Noun.Class == actors.GroupNoun && res.Noun.Plural && m.demonstrative(s, h) && m.listBefore(s, h):
		// "these groups" after "A, B and C": the list.
	case res.Noun.Class == actors.GroupNoun && res.Noun.Plural && !m.modified(s, h):
		// "militias", "these groups": the nearest group of a fitting
		// kind whose name has the same head noun, if the Resolver
		// suggests one strongly.
		for _, c := range res.Candidates {
			if c.Score >= 0.5 && (c.Actor.Kind == graph.KindGroup || c.Actor.Kind == graph.KindMilitia) {
				m.refs[h] = ref{actor: c.Actor.ID, phrase: r, coref: true, kind: c.Actor.Kind}
				return
			}
		}
	case res.Noun.Class == actors.CollectiveNoun && !m.modified(s, h) && memberNouns[strings.ToLower(m.doc.Tokens[h].Lemma)]:
		// "fighters", "hundreds": members or a number of some actor,
		// never a group of their own.
	case res.Noun.Class == actors.GroupNoun && len(res.Noun.Kinds) > 0 && res.Noun.Kinds[0] == graph.KindState:
		// "occupation forces", "the authorities": a state's, never a
		// group of their own.
	case res.Noun.Class == actors.CollectiveNoun || res.Noun.Class == actors.GroupNoun && res.Noun.Plural && r.Len() > 1 && m.modified(s, h):
		name := m.groupName(r)
		if name == "" {
			return
		}
		id := m.extraGroup(name)
		m.refs[h] = ref{actor: id, phrase: r, proposed: true, kind: graph.KindGroup}
	}
}

// apposedPerson is the person named in apposition to the role noun at h
// ("X’s spokesman, Y"; "Y, the X founder"), by the parse's appos edge or,
// where the parser missed it, by the commas around the role's phrase;
// -1 when none.
func (m *mentionCtx) apposedPerson(s nlp.Sentence, h int, r nlp.TokenRange) int {
	person := func(t int) bool {
		pr, ok := m.refs[t]
		return ok && pr.actor != "" && !pr.coref && pr.kind == graph.KindPerson
	}
	for _, e := range s.Children(h) {
		if e.Relation == "appos" && person(e.Dependent) {
			return e.Dependent
		}
	}
	for _, g := range s.Governors(h) {
		if g.Relation == "appos" && g.Governor >= 0 && person(g.Governor) {
			return g.Governor
		}
	}
	// "Y, the X founder": a comma, and a person's name just before it.
	if b := r.Begin - 1; b > s.Tokens.Begin && m.doc.Tokens[b].Text == "," && person(b-1) {
		return b - 1
	}
	// "X’s spokesman, Y", "a spokesman for the faction, Y": the name
	// right after the comma that ends the role's phrase.
	end := r.End
	for _, e := range s.Children(h) {
		if strings.HasPrefix(e.Relation, "nmod") && e.Dependent > h && e.Dependent < h+6 {
			end = max(end, e.Dependent+1)
		}
	}
	if a := end; a+1 < s.Tokens.End && m.doc.Tokens[a].Text == "," {
		for t := a + 1; t < s.Tokens.End && t <= a+6; t++ {
			if person(t) {
				if pr := m.refs[t]; pr.phrase.Begin == a+1 {
					return t
				}
			}
		}
	}
	return -1
}

// placeQualified widens a proper name by an "in"/"of" phrase right after
// it ("Islamic Resistance in Iraq", "Islamic Republic of Iran").
func (m *mentionCtx) placeQualified(s nlp.Sentence, h int, r nlp.TokenRange) (nlp.TokenRange, bool) {
	t := m.doc.Tokens[h]
	if t.POS != "NNP" && t.POS != "NNPS" || r.End != h+1 || h+2 >= s.Tokens.End {
		return r, false
	}
	prep := strings.ToLower(m.doc.Tokens[h+1].Text)
	if prep != "in" && prep != "of" {
		return r, false
	}
	for _, e := range s.Children(h) {
		if (e.Relation == "nmod:in" || e.Relation == "nmod:of") && (m.doc.Tokens[e.Dependent].POS == "NNP") {
			_, hi := subtree(s, e.Dependent)
			if hi-h <= 4 {
				return nlp.TokenRange{Begin: r.Begin, End: hi + 1}, true
			}
		}
	}
	return r, false
}

// apposedName: a common-noun phrase for a body ("the Shiite alliance")
// in apposition to a name the article resolved is that actor.
func (m *mentionCtx) apposedName(s nlp.Sentence, h int) (string, bool) {
	t := m.doc.Tokens[h]
	if t.POS != "NN" && t.POS != "NNS" {
		return "", false
	}
	n, ok := actors.CommonNounOf(strings.ToLower(t.Text))
	if !ok || n.Class != actors.GroupNoun {
		return "", false
	}
	for _, g := range s.Governors(h) {
		if g.Relation != "appos" || g.Governor < 0 || g.Governor > h {
			continue
		}
		if r, ok := m.refs[g.Governor]; ok && r.actor != "" && !r.coref && kindIn(r.kind, n.Kinds) {
			return r.actor, true
		}
	}
	return "", false
}

// reporter is the subject of the reporting verb whose complement the
// pronoun at h is the subject of ("the group ..., saying it had
// targeted"), when its kind fits the pronoun.
func (m *mentionCtx) reporter(s nlp.Sentence, h int, p *actors.Pronoun) string {
	w := strings.ToLower(m.doc.Tokens[h].Text)
	v := -1
	for _, g := range s.Governors(h) {
		if g.Relation == "nsubj" || g.Relation == "nsubj:pass" {
			v = g.Governor
		}
	}
	if v < 0 {
		return ""
	}
	// The reporting verb whose complement the pronoun's clause is.
	r := -1
	for _, g := range s.Governors(v) {
		if strings.HasPrefix(g.Relation, "ccomp") && g.Governor >= 0 && reportingVerbs[m.lemma(g.Governor)] {
			r = g.Governor
		}
	}
	if r < 0 {
		return ""
	}
	// Its subject, or, for a participle without one ("…, saying it
	// had"), the subject of the clause it hangs on.
	for steps := 0; steps < 3 && r >= 0; steps++ {
		for _, e := range s.Children(r) {
			if e.Relation != "nsubj" || e.Dependent == h {
				continue
			}
			ref, ok := m.refs[e.Dependent]
			if !ok || ref.actor == "" {
				return ""
			}
			k := m.kindOf(ref.actor)
			switch {
			case (w == "he" || w == "she") && k == graph.KindPerson,
				w == "it" && k != graph.KindPerson && k != graph.KindGroup,
				w == "they" && (k == graph.KindGroup || k == graph.KindMilitia || k == graph.KindOrganisation || k == graph.KindState):
				return ref.actor
			}
			return ""
		}
		next := -1
		for _, g := range s.Governors(r) {
			if g.Governor >= 0 && (strings.HasPrefix(g.Relation, "advcl") || g.Relation == "xcomp" || g.Relation == "dep" || strings.HasPrefix(g.Relation, "conj")) {
				next = g.Governor
			}
		}
		r = next
	}
	return ""
}

// clauseSubjectActor is the actor of the subject of the clause the
// possessive at h is in, when its kind and number fit the pronoun.
func (m *mentionCtx) clauseSubjectActor(s nlp.Sentence, h int, p *actors.Pronoun) string {
	cur := h
	for steps := 0; steps < 6; steps++ {
		g := basicGovernor(s, cur)
		if g < 0 {
			return ""
		}
		if strings.HasPrefix(m.doc.Tokens[g].POS, "VB") {
			for _, e := range s.Children(g) {
				if e.Relation != "nsubj" && e.Relation != "nsubj:pass" || e.Dependent == h {
					continue
				}
				if r, ok := m.refs[e.Dependent]; ok && r.actor != "" && kindIn(m.kindOf(r.actor), p.Kinds) && m.numberFits(p, r.actor) {
					return r.actor
				}
				return ""
			}
			// A verb the parser left without its subject ("Nujaba, …,
			// was represented … by its spokesman", parsed with Nujaba as
			// the root): the sentence's first actor, if it fits.
			for t := s.Tokens.Begin; t < h; t++ {
				if r, ok := m.refs[t]; ok && r.actor != "" && !r.coref {
					if kindIn(m.kindOf(r.actor), p.Kinds) && m.numberFits(p, r.actor) && hasGovernor(s, t, nlp.RootRelation) {
						return r.actor
					}
					break
				}
			}
			return ""
		}
		cur = g
	}
	return ""
}

// homeNouns stand for the state an article is datelined in.
var homeNouns = setOf("government", "authorities", "state", "country")

// numberFits rejects a singular pronoun ("its", "he") for a group of
// people (GROUP) and a plural one for a person.
func (m *mentionCtx) numberFits(p *actors.Pronoun, id string) bool {
	k := m.kindOf(id)
	if p.Plural {
		return k != graph.KindPerson
	}
	return k != graph.KindGroup
}

// demonstrative reports whether h has "these", "those", "both" or "the
// two" as its determiner.
func (m *mentionCtx) demonstrative(s nlp.Sentence, h int) bool {
	for _, e := range s.Children(h) {
		w := strings.ToLower(m.doc.Tokens[e.Dependent].Text)
		if (e.Relation == "det" || e.Relation == "nummod" || e.Relation == "det:predet") && (w == "these" || w == "those" || w == "both" || w == "two" || w == "three" || w == "four" || w == "such") {
			return true
		}
	}
	return false
}

// listBefore finds the latest coordination of two or more actors of
// body kinds (militias, organisations, groups) in h's sentence before h
// or the two sentences before, and records it as what h stands for.
func (m *mentionCtx) listBefore(s nlp.Sentence, h int) bool {
	for si := s.Index; si >= 0 && si >= s.Index-2; si-- {
		ss := m.doc.Sentences[si]
		best := -1
		var members []int
		for _, e := range ss.Dependencies {
			if !strings.HasPrefix(e.Relation, "conj") || e.Governor < 0 || si == s.Index && e.Governor >= h {
				continue
			}
			if e.Governor <= best {
				continue
			}
			var ms []int
			for _, t := range append([]int{e.Governor}, childrenRel(ss, e.Governor, "conj")...) {
				r, ok := m.refs[t]
				if !ok || r.actor == "" || !(r.kind == graph.KindMilitia || r.kind == graph.KindOrganisation || r.kind == graph.KindGroup) {
					ms = nil
					break
				}
				ms = append(ms, t)
			}
			if len(ms) >= 2 {
				best, members = e.Governor, ms
			}
		}
		if best >= 0 {
			m.lists[h] = members
			first := m.refs[members[0]]
			m.refs[h] = ref{actor: first.actor, phrase: m.refs[h].phrase, coref: true, kind: first.kind}
			return true
		}
	}
	return false
}

func childrenRel(s nlp.Sentence, t int, prefix string) []int {
	var out []int
	for _, e := range s.Children(t) {
		if strings.HasPrefix(e.Relation, prefix) {
			out = append(out, e.Dependent)
		}
	}
	return out
}

func (m *mentionCtx) lemma(t int) string { return strings.ToLower(m.doc.Tokens[t].Lemma) }

// resolveText resolves a span's text with its NER type; NER mislabels
// transliterated names ("Kata’ib Hizballah" as a PERSON), so a proposal
// is retried on the words alone, and a known actor matched by name,
// alias or spelling wins over the label.
func (m *mentionCtx) resolveText(text string, ner actors.NER) actors.Resolution {
	if ner != actors.NERNone && !actors.IsPronoun(text) {
		if r2 := m.res.NewArticle().Resolve(actors.Mention{Text: text, NER: ner}); r2.Outcome == actors.Proposed {
			if r3 := m.res.NewArticle().Resolve(actors.Mention{Text: text}); r3.Outcome == actors.Resolved && (r3.Method == actors.MethodExact || r3.Method == actors.MethodNormalised || r3.Method == actors.MethodVariant || r3.Method == actors.MethodAcronym) {
				return m.art.Resolve(actors.Mention{Text: text})
			}
		}
	}
	return m.art.Resolve(actors.Mention{Text: text, NER: ner})
}

// modified reports whether h has a descriptive modifier (an adjective or
// compound), not just a determiner.
func (m *mentionCtx) modified(s nlp.Sentence, h int) bool {
	for _, e := range s.Children(h) {
		if (e.Relation == "amod" || e.Relation == "compound") && e.Dependent < h {
			return true
		}
	}
	return false
}

// memberNouns are plural nouns for members or numbers of people that do
// not, unqualified, make a group of their own.
var memberNouns = setOf("fighter", "gunman", "gunmen", "militant", "troop", "soldier", "member", "hundred", "thousand", "dozen", "million", "figure", "element", "people", "person", "leader", "commander", "official", "aide", "adviser", "voice", "party", "participant", "civilian", "resident", "supporter", "follower", "ally", "loyalist")

var groupDeterminers = setOf("the", "a", "an", "these", "those", "this", "that", "some", "many", "several", "other", "such", "any", "all", "both", "most", "its", "their", "his", "her", "our", "your")

// groupName is the phrase without leading determiners and quantifiers.
func (m *mentionCtx) groupName(r nlp.TokenRange) string {
	b := r.Begin
	for b < r.End-1 && groupDeterminers[strings.ToLower(m.doc.Tokens[b].Text)] {
		b++
	}
	return strings.TrimSpace(m.doc.RangeText(nlp.TokenRange{Begin: b, End: r.End}))
}

func kindIn(k graph.ActorKind, ks []graph.ActorKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// extraGroup returns the id of the article's group named name, proposing
// it the first time.
func (m *mentionCtx) extraGroup(name string) string {
	k := actors.Key(name)
	if e, ok := m.extra[k]; ok {
		return e.actor.ID
	}
	base := actors.Slug(name)
	if base == "" {
		base = "group"
	}
	id := base
	for n := 2; ; n++ {
		_, _, taken := m.res.Actor(id)
		if !taken && m.byID[id] == nil && !m.articleHas(id) {
			break
		}
		id = base + "-" + itoa(n)
	}
	e := &extraActor{actor: graph.Actor{ID: id, Name: upperFirst(name), Kind: graph.KindGroup}}
	m.extra[k] = e
	m.byID[id] = e
	m.order = append(m.order, id)
	return id
}

func (m *mentionCtx) articleHas(id string) bool {
	for _, a := range m.art.Actors() {
		if a.Actor.ID == id {
			return true
		}
	}
	return false
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// chainActor follows the coreference chain of token h to the nearest
// mention that names an actor: earlier mentions first (nearest first),
// then later ones. A chain that names two actors is split by taking the
// nearest only, so it never joins them.
func (m *mentionCtx) chainActor(h int) string {
	chain, self, ok := m.doc.CorefAt(h)
	if !ok {
		return ""
	}
	best, bestDist := "", 1<<30
	for _, cm := range chain.Mentions {
		if cm.ID == self.ID {
			continue
		}
		r, ok := m.refs[cm.Head]
		if !ok || r.actor == "" || r.coref {
			continue
		}
		d := h - cm.Head
		if d < 0 {
			d = -d + 10000 // later mentions only when no earlier one names it
		}
		if d < bestDist {
			best, bestDist = r.actor, d
		}
	}
	return best
}

func (m *mentionCtx) kindOf(id string) graph.ActorKind {
	if a, _, ok := m.res.Actor(id); ok {
		return a.Kind
	}
	for _, a := range m.art.Actors() {
		if a.Actor.ID == id {
			return a.Actor.Kind
		}
	}
	if e := m.byID[id]; e != nil {
		return e.actor.Kind
	}
	return ""
}

func hasGovernor(s nlp.Sentence, t int, rel string) bool {
	for _, g := range s.Governors(t) {
		if g.Relation == rel {
			return true
		}
	}
	return false
}
