package actors

import (
	"fmt"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Article resolves the mentions of one article, in the order they occur.
// It remembers the actors the article has named so far, so that later
// mentions can refer back to them: a surname after the full name, an
// acronym defined in parentheses, a short form, and the antecedents it
// suggests for pronouns and common nouns. An Article is not safe for
// concurrent use.
type Article struct {
	r      *Resolver
	local  *index            // forms of this article's proposals and defined acronyms
	uses   map[string]*use   // current id → actor used by the article
	order  []*use            // first-use order
	rename map[string]string // an earlier id of a proposal → its later id
	acr    map[string]string // acronym defined in parentheses → actor id
	seq    int               // mentions resolved so far
}

// use is an actor the article has named, with the forms it used.
type use struct {
	actor  graph.Actor // for proposals, the proposal so far
	origin Origin
	forms  []string // surface forms, first-seen order, one a Key
	first  int      // seq of the first mention
	last   int      // seq of the latest mention
}

// NewArticle starts the resolution of one article.
func (r *Resolver) NewArticle() *Article {
	return &Article{r: r, local: newIndex(), uses: map[string]*use{}, rename: map[string]string{}, acr: map[string]string{}}
}

// attempt carries one mention through the resolution steps.
type attempt struct {
	text string
	all  []token // tokenize(text)
	toks []token // dropThe(all)
	ner  NER
	weak []Candidate // matches too weak to merge, kept for the proposal
}

// Resolve resolves one mention, in article order. The steps, first match
// wins: acronym defined in parentheses; acronym; pronoun; name, alias,
// metonym, demonym or epithet (exact, then normalised); a state's organ;
// a list joined by "and"; a common noun (the group, officials, the
// spokesman); a name after a possessive or a title; a surname, kunya,
// short form or initials of an actor named earlier in the article; a
// transliteration variant; the NER type's verdict (places, dates,
// descriptors); otherwise a new actor is proposed. See the package
// documentation for the rules and the guards against wrong merges.
func (a *Article) Resolve(m Mention) Resolution {
	a.seq++
	res := a.resolve(m.Text, m.NER, 0)
	res.Mention = m
	if res.Outcome == Resolved || res.Outcome == Proposed {
		a.note(res, m.Text)
	}
	return res
}

// maxWords is the longest mention the Resolver considers; a longer span is
// a clause, not a name ("groups outside the framework of the state" has
// seven words).
const maxWords = 24

// maxDepth bounds the recursion of possessive, title and parenthesis
// stripping.
const maxDepth = 3

func (a *Article) resolve(text string, ner NER, depth int) Resolution {
	text = strings.TrimSpace(text)
	all := tokenize(text)
	at := &attempt{text: text, all: all, toks: dropThe(all), ner: ner}
	res := a.steps(at, depth)
	if res.matched == "" && (res.Outcome == Resolved || res.Outcome == Proposed) {
		res.matched = rebuild(at.toks)
	}
	return res
}

// steps runs the resolution steps on one attempt.
func (a *Article) steps(at *attempt, depth int) Resolution {
	text, ner := at.text, at.ner
	if len(keysOf(at.toks)) == 0 {
		return notActor("no letters or digits")
	}
	if len(at.toks) > maxWords {
		return notActor(fmt.Sprintf("%d words: too long to be an actor's name or description", len(at.toks)))
	}
	role := ner.role()
	if role == nerNotEntity {
		return notActor(fmt.Sprintf("NER type %s never names an actor", ner))
	}
	if depth < maxDepth {
		if name, acr, ok := parenAcronym(text); ok {
			res := a.resolve(name, ner, depth+1)
			if res.Outcome == Resolved || res.Outcome == Proposed {
				a.acr[acronymForm(acr)] = res.Actor.ID
				res.Reason += fmt.Sprintf("; defines the acronym %s", acr)
			}
			return res
		}
	}
	if isAcronym(text) {
		if res, ok := a.acronym(at); ok {
			return res
		}
	}
	if p, ok := pronounIndex[Fold(text)]; ok && !isAcronym(text) {
		return a.pronoun(p)
	}
	// A common noun alone is never an actor, even where a graph actor has
	// it as an alias ("militias", "sources"): it would capture every
	// article's militias.
	if !a.naming(at) {
		if res, ok := a.commonNoun(at, depth); ok {
			return res
		}
	}
	if res, ok := a.lookup(at, at.toks); ok {
		return res
	}
	if res, ok := a.organ(at, depth); ok {
		return res
	}
	if hasWord(at.toks, "and") {
		return notActor("a list joined by “and”: resolve each part on its own")
	}
	if res, ok := a.commonNoun(at, depth); ok {
		return res
	}
	if depth < maxDepth {
		if res, ok := a.possessive(at, depth); ok {
			return res
		}
		if res, ok := a.title(at, depth); ok {
			return res
		}
	}
	if res, ok := a.person(at); ok {
		return res
	}
	if res, ok := a.shortForm(at); ok {
		return res
	}
	if res, ok := a.variant(at); ok {
		return res
	}
	switch role {
	case nerPlace:
		return notActor(fmt.Sprintf("a place (%s) that is not a known capital or seat of government", ner))
	case nerDescriptor:
		return notActor(fmt.Sprintf("a descriptor (%s) that is not a known state's demonym", ner))
	}
	if res, ok := a.modified(at); ok {
		return res
	}
	switch {
	case role == nerTitle:
		n := CommonNoun{Noun: Key(text), Class: RoleNoun, Kinds: people}
		return a.coreference(&n, nil, "a title (TITLE): resolve by coreference, usually the name in apposition")
	case hasPlaceCue(at.toks) && role != nerBody && role != nerPerson:
		return notActor("a place name (region, province, airport…), not an actor")
	case !anyCap(at.toks) && !describedGroup(at.all):
		return notActor("no proper name and no described group")
	case role == nerMisc && inferKindFromCues(at.toks) == "":
		return notActor("a MISC entity with no word that makes it an actor")
	}
	return a.propose(at, "", "", "")
}

// notActor returns a NotActor resolution.
func notActor(reason string) Resolution {
	return Resolution{Outcome: NotActor, Candidate: Candidate{Reason: reason}}
}

// final follows the renames of a proposal to its current id.
func (a *Article) final(id string) string {
	for i := 0; i < 16; i++ {
		next, ok := a.rename[id]
		if !ok {
			return id
		}
		id = next
	}
	return id
}

// FinalID returns the id a proposal has at the end of the article. An id
// returned for an early mention changes when a later mention gives a
// fuller name (a surname first, the full name after); the extractor maps
// the ids it kept through FinalID before writing the draft.
func (a *Article) FinalID(id string) string { return a.final(id) }

// actorFor returns the actor with the given id: this article's proposal,
// or an existing actor.
func (a *Article) actorFor(id string) (graph.Actor, Origin, bool) {
	if u, ok := a.uses[a.final(id)]; ok && u.origin == OriginArticle {
		return u.actor, OriginArticle, true
	}
	rec, ok := a.r.actors[id]
	return rec.actor, rec.origin, ok
}

// candidate builds a Candidate for actor id.
func (a *Article) candidate(id string, m Method, score float64, reason string) (Candidate, bool) {
	act, origin, ok := a.actorFor(id)
	if !ok {
		return Candidate{}, false
	}
	if score == 0 {
		score = methodScores[m]
	}
	return Candidate{Actor: act, Origin: origin, Method: m, Score: score, Reason: reason}, true
}

// formsFor returns the forms with Key words keys, from the graph and
// gazetteer and from this article.
func (a *Article) formsFor(keys []string) []form {
	k := strings.Join(keys, " ")
	return append(append([]form(nil), a.r.global.key[k]...), a.local.key[k]...)
}

// lookup matches a mention's words against every form by Key.
func (a *Article) lookup(at *attempt, toks []token) (Resolution, bool) {
	keys := keysOf(toks)
	written := rebuild(toks)
	var cands []Candidate
	for _, f := range a.formsFor(keys) {
		var m Method
		var reason string
		switch f.kind {
		case formName, formAlias:
			m = MethodNormalised
			if f.text == written || f.text == at.text {
				m = MethodExact
			}
			reason = fmt.Sprintf("“%s” is a name of %s", f.text, f.id)
		case formDemonym:
			m, reason = MethodDemonym, fmt.Sprintf("“%s” is the demonym of %s", f.text, f.id)
		case formPeople:
			m, reason = MethodPeople, fmt.Sprintf("“%s” may be the people of %s or the state: not merged", f.text, f.id)
		case formMetonym:
			m, reason = MethodMetonym, fmt.Sprintf("“%s” stands for %s (capital or seat of government)", f.text, f.id)
		case formEpithet:
			m, reason = MethodEpithet, fmt.Sprintf("“%s” is a partisan epithet for %s; not an alias", f.text, f.id)
		default:
			continue
		}
		if c, ok := a.candidate(f.id, m, 0, reason); ok {
			cands = append(cands, c)
		}
	}
	return a.decide(at, cands)
}

// decide picks the resolution among matches: the strong, compatible ones
// merge when they name one actor; weaker ones are kept for the proposal.
func (a *Article) decide(at *attempt, cands []Candidate) (Resolution, bool) {
	best := map[string]Candidate{}
	for _, c := range cands {
		id := a.final(c.Actor.ID)
		c.Actor.ID = id
		if !compatible(at.ner, c.Actor.Kind) {
			c.Score = min(c.Score, 0.5)
			c.Reason += fmt.Sprintf("; but CoreNLP typed the mention %s", at.ner)
		}
		if c.Score < MergeScore || c.Method == MethodPeople || c.Method == MethodPartial {
			at.weak = append(at.weak, c)
			continue
		}
		if b, ok := best[id]; !ok || c.Score > b.Score {
			best[id] = c
		}
	}
	if len(best) == 0 {
		return Resolution{}, false
	}
	if len(best) > 1 {
		// The user's graph wins over the gazetteer: a graph actor that
		// takes a gazetteer form shadows the gazetteer entry.
		var graphOnly []Candidate
		for _, c := range best {
			if c.Origin != OriginGazetteer {
				graphOnly = append(graphOnly, c)
			}
		}
		if len(graphOnly) == 1 {
			return a.resolved(graphOnly[0]), true
		}
		all := sortedCandidates(best)
		return Resolution{Outcome: Ambiguous, Candidate: Candidate{Reason: "names several existing actors equally well"}, Candidates: all}, true
	}
	for _, c := range best {
		return a.resolved(c), true
	}
	return Resolution{}, false
}

// resolved wraps a merged candidate: Resolved for an existing actor,
// Proposed for this article's proposal.
func (a *Article) resolved(c Candidate) Resolution {
	if c.Origin == OriginArticle {
		return Resolution{Outcome: Proposed, Candidate: c}
	}
	return Resolution{Outcome: Resolved, Candidate: c}
}

func sortedCandidates(m map[string]Candidate) []Candidate {
	out := make([]Candidate, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	sortCandidates(out)
	return out
}

func sortCandidates(cs []Candidate) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Score != cs[j].Score {
			return cs[i].Score > cs[j].Score
		}
		return cs[i].Actor.ID < cs[j].Actor.ID
	})
}

// compatible reports whether an NER type allows an actor kind: a PERSON
// span is a person, and a country, place or demonym is not.
func compatible(ner NER, kind graph.ActorKind) bool {
	switch ner.role() {
	case nerPerson:
		return kind == graph.KindPerson
	case nerCountry, nerPlace, nerDescriptor, nerBody:
		return kind != graph.KindPerson
	}
	return true
}

// parenAcronym splits "Popular Mobilisation Forces (PMF)" into the name
// and the acronym.
func parenAcronym(text string) (name, acr string, ok bool) {
	if !strings.HasSuffix(text, ")") {
		return "", "", false
	}
	i := strings.LastIndex(text, "(")
	if i <= 0 {
		return "", "", false
	}
	name, acr = strings.TrimSpace(text[:i]), strings.TrimSpace(text[i+1:len(text)-1])
	if name == "" || !isAcronym(acr) {
		return "", "", false
	}
	return name, acr, true
}

// acronym resolves a mention written in capitals: an acronym the article
// defined, a declared acronym, or the initials of an actor the article
// named.
func (a *Article) acronym(at *attempt) (Resolution, bool) {
	acr := acronymForm(at.text)
	if id, ok := a.acr[acr]; ok {
		if c, ok := a.candidate(id, MethodAcronym, 0.95, fmt.Sprintf("%s was defined in parentheses earlier in the article", acr)); ok {
			return a.resolved(c), true
		}
	}
	var cands []Candidate
	for _, x := range []*index{a.r.global, a.local} {
		for _, f := range x.acr[acr] {
			if c, ok := a.candidate(f.id, MethodAcronym, 0, fmt.Sprintf("%s is a declared acronym of %s", acr, f.id)); ok {
				cands = append(cands, c)
			}
		}
	}
	if res, ok := a.decide(at, cands); ok {
		return res, true
	}
	var matches []Candidate
	for _, u := range a.order {
		if u.actor.Kind == graph.KindPerson {
			continue
		}
		for _, f := range append([]string{u.actor.Name}, u.forms...) {
			if in := Initials(f); len(in) >= 2 && in == acr {
				if c, ok := a.candidate(u.actor.ID, MethodInitials, 0, fmt.Sprintf("%s are the initials of “%s”, named earlier", acr, f)); ok {
					matches = append(matches, c)
				}
				break
			}
		}
	}
	if len(matches) == 1 {
		return a.resolved(matches[0]), true
	}
	if len(matches) > 1 {
		return Resolution{Outcome: Ambiguous, Candidate: Candidate{Reason: "the initials of several actors named earlier"}, Candidates: matches}, true
	}
	return Resolution{}, false
}

// pronoun returns the Coreference resolution of a pronoun.
func (a *Article) pronoun(p Pronoun) Resolution {
	res := Resolution{Outcome: Coreference, Pronoun: &p, Candidate: Candidate{Reason: "a pronoun is never an actor: resolve by coreference"}}
	if p.Person == ThirdPerson {
		res.Candidates = a.Antecedents(p.Kinds, "")
	}
	return res
}

// coreference returns the Coreference resolution of a common noun.
func (a *Article) coreference(n *CommonNoun, owner *Candidate, reason string) Resolution {
	res := Resolution{Outcome: Coreference, Noun: n, Owner: owner, Candidate: Candidate{Reason: reason}}
	res.Candidates = a.Antecedents(n.Kinds, n.Noun)
	return res
}

// Antecedents suggests actors this article named that a pronoun or common
// noun could refer to: actors of the given kinds, most recent first, with
// those whose name contains the noun ("the coalition" → "US-led
// coalition") ahead. noun may be "". At most three, scored below
// MergeScore: they are suggestions for the extractor's coreference, not
// matches.
func (a *Article) Antecedents(kinds []graph.ActorKind, noun string) []Candidate {
	rank := map[graph.ActorKind]int{}
	for i, k := range kinds {
		rank[k] = i + 1
	}
	stem := strings.TrimSuffix(Key(noun), "s")
	us := append([]*use(nil), a.order...)
	sort.SliceStable(us, func(i, j int) bool { return us[i].last > us[j].last })
	var out []Candidate
	for i, u := range us {
		r, ok := rank[u.actor.Kind]
		if !ok {
			continue
		}
		score := 0.5 - 0.02*float64(i) - 0.15*float64(r-1)
		reason := fmt.Sprintf("the latest %s named before", strings.ToLower(string(u.actor.Kind)))
		if stem != "" && headMatch(stem, append([]string{u.actor.Name}, u.forms...)) {
			score += 0.2
			reason = fmt.Sprintf("“%s” is in its name", stem)
		}
		out = append(out, Candidate{Actor: u.actor, Origin: u.origin, Method: MethodAntecedent, Score: max(score, 0.05), Reason: reason})
	}
	sortCandidates(out)
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

// headMatch reports whether a noun's stem is a word of one of the names.
func headMatch(stem string, names []string) bool {
	last := stem
	if i := strings.LastIndexByte(stem, ' '); i >= 0 {
		last = stem[i+1:]
	}
	for _, n := range names {
		for _, k := range keyTokens(n) {
			if strings.TrimSuffix(k, "s") == last {
				return true
			}
		}
	}
	return false
}

// hasWord reports whether a token's key is w.
func hasWord(toks []token, w string) bool {
	for _, t := range toks {
		if t.key == w {
			return true
		}
	}
	return false
}

// naming reports whether a mention has a word that names: a capital after
// the first word, or a capitalised first word that is an actor's form
// (Iraqi, US).
func (a *Article) naming(at *attempt) bool {
	for i, t := range at.toks {
		if t.cap && (i > 0 || a.isForm(t)) {
			return true
		}
	}
	return false
}

// anyCap reports whether any word is written with a capital.
func anyCap(toks []token) bool {
	for _, t := range toks {
		if t.cap {
			return true
		}
	}
	return false
}
