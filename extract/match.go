package extract

import (
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/nlp"
)

// hit is one relation a pattern found, before modality.
type hit struct {
	rel        graph.RelationType
	pred       int // the predicate token
	subj, obj  int // the argument tokens
	sref, oref ref
	confidence float64
	certainty  graph.Certainty // set by the pattern (DENIED), or ""
	objNP      int             // the token of the object's noun phrase (an event noun), or -1
	pattern    string
}

// posClass is the word class of a POS tag for Pattern.POS.
func posClass(pos string) string {
	switch {
	case strings.HasPrefix(pos, "VBN"):
		return "VJ"
	case strings.HasPrefix(pos, "VB"):
		return "V"
	case strings.HasPrefix(pos, "NN"):
		return "N"
	case strings.HasPrefix(pos, "JJ"):
		return "J"
	}
	return ""
}

func posMatches(want, pos string) bool {
	if want == "" {
		return true
	}
	if want == "J" {
		return strings.HasPrefix(pos, "JJ") || pos == "VBN"
	}
	return strings.Contains(posClass(pos), want)
}

// step is one parsed step of a path.
type step struct {
	up     bool
	rel    string
	lemmas map[string]bool
}

func parsePath(p string) []step {
	var out []step
	for _, part := range strings.Split(p, "/") {
		var s step
		if strings.HasPrefix(part, "^") {
			s.up, part = true, part[1:]
		}
		if i := strings.IndexByte(part, '='); i >= 0 {
			s.lemmas = setOf(strings.Split(part[i+1:], "|")...)
			part = part[:i]
		}
		s.rel = part
		out = append(out, s)
	}
	return out
}

func relMatches(want, got string) bool {
	if strings.HasSuffix(want, "*") {
		return strings.HasPrefix(got, strings.TrimSuffix(want, "*"))
	}
	if want == "obl" || want == "nmod" {
		return got == want || strings.HasPrefix(got, want+":") && !strings.HasPrefix(got, want+":poss") && !strings.HasPrefix(got, want+":agent") && !strings.HasPrefix(got, want+":tmod") && !strings.HasPrefix(got, want+":npmod")
	}
	return got == want
}

// follow returns the tokens path reaches from token i.
func follow(doc *nlp.Document, s nlp.Sentence, i int, path []step) []int {
	cur := []int{i}
	for _, st := range path {
		var next []int
		for _, c := range cur {
			var edges []nlp.Dependency
			if st.up {
				edges = s.Governors(c)
			} else {
				edges = s.Children(c)
			}
			for _, e := range edges {
				if !relMatches(st.rel, e.Relation) {
					continue
				}
				t := e.Dependent
				if st.up {
					t = e.Governor
				}
				if t < 0 {
					continue
				}
				if st.lemmas != nil && !st.lemmas[strings.ToLower(doc.Tokens[t].Lemma)] && !st.lemmas[strings.ToLower(doc.Tokens[t].Text)] {
					continue
				}
				next = appendUnique(next, t)
			}
		}
		cur = next
		if len(cur) == 0 {
			return nil
		}
	}
	return cur
}

func appendUnique(xs []int, x int) []int {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// actorAt is the actor token t refers to: its own ref, or, for a noun
// for what an actor has or does ("Iraqi sovereignty", "a US attack"),
// its owner's. ok is false when none.
func (x *extraction) actorAt(s nlp.Sentence, t int) (ref, int, bool) {
	if r, ok := x.m.refs[t]; ok {
		return r, t, true
	}
	tok := x.doc.Tokens[t]
	if !ownerNouns[strings.ToLower(tok.Lemma)] && !ownerNouns[strings.ToLower(tok.Text)] {
		return ref{}, -1, false
	}
	for _, rel := range []string{"nmod:poss", "compound", "amod", "nmod:of", "nmod:by"} {
		for _, e := range s.Children(t) {
			if e.Relation != rel {
				continue
			}
			if r, ok := x.m.refs[e.Dependent]; ok {
				return r, e.Dependent, true
			}
			if rel == "amod" || rel == "compound" {
				if r, ok := x.adjectiveActor(e.Dependent); ok {
					return r, e.Dependent, true
				}
			}
		}
	}
	return ref{}, -1, false
}

// adjectiveActors are adjectives that stand for a collective actor the
// way demonyms stand for states: "international criticism" is the
// international community's.
var adjectiveActors = map[string]string{"international": "International community", "western": "Western countries", "arab": "Arab states"}

// adjectiveActor resolves an adjective ("Iranian", "international") to an
// actor: a demonym through the Resolver, else adjectiveActors.
func (x *extraction) adjectiveActor(t int) (ref, bool) {
	tok := x.doc.Tokens[t]
	if r, ok := x.m.refs[t]; ok {
		return r, true
	}
	if tok.NER.Coarse() != "" && tok.NER != nlp.Nationality {
		// A name inside a larger phrase ("US" in "a US attack").
		for _, em := range x.doc.Mentions {
			if em.Tokens.Contains(t) {
				res := x.m.resolveText(em.Text, actors.NER(em.Type))
				if res.Outcome == actors.Resolved || res.Outcome == actors.Proposed && em.Type != nlp.Misc {
					r := ref{actor: res.Actor.ID, phrase: em.Tokens, kind: res.Actor.Kind, proposed: res.Outcome == actors.Proposed}
					x.m.refs[t] = r
					return r, true
				}
			}
		}
	}
	if tok.NER == nlp.Nationality {
		res := x.m.art.Resolve(actors.Mention{Text: tok.Text, NER: actors.NERNationality})
		if res.Outcome == actors.Resolved {
			r := ref{actor: res.Actor.ID, phrase: nlp.TokenRange{Begin: t, End: t + 1}, kind: res.Actor.Kind}
			x.m.refs[t] = r
			return r, true
		}
	}
	if tok.POS == "NNP" && tok.NER.Coarse() == "" {
		// A body's one-word name tagged as a title ("Treasury").
		if res := x.m.res.NewArticle().Resolve(actors.Mention{Text: tok.Text}); res.Outcome == actors.Resolved && res.Actor.Kind != graph.KindPerson && (res.Method == actors.MethodExact || res.Method == actors.MethodNormalised) {
			res = x.m.art.Resolve(actors.Mention{Text: tok.Text})
			r := ref{actor: res.Actor.ID, phrase: nlp.TokenRange{Begin: t, End: t + 1}, kind: res.Actor.Kind}
			x.m.refs[t] = r
			return r, true
		}
	}
	if isNoun(tok.POS) && tok.POS != "NNP" && tok.POS != "NNPS" {
		// A body named by a common noun inside a larger phrase ("Iraqi
		// government" in "Iraqi government spokesman").
		if _, ok := actors.CommonNounOf(strings.ToLower(tok.Text)); ok {
			if sent, ok := x.doc.SentenceOf(t); ok {
				ph := x.m.phrase(sent, t)
				if res := x.m.res.NewArticle().Resolve(actors.Mention{Text: x.doc.RangeText(ph)}); res.Outcome == actors.Resolved {
					res = x.m.art.Resolve(actors.Mention{Text: x.doc.RangeText(ph)})
					r := ref{actor: res.Actor.ID, phrase: ph, kind: res.Actor.Kind}
					x.m.refs[t] = r
					return r, true
				}
			}
		}
	}
	if name, ok := adjectiveActors[strings.ToLower(tok.Text)]; ok {
		id := x.m.extraGroup(name)
		r := ref{actor: id, phrase: nlp.TokenRange{Begin: t, End: t + 1}, proposed: true, kind: graph.KindGroup}
		x.m.refs[t] = r
		return r, true
	}
	return ref{}, false
}

// argTokens returns the tokens the first fruitful path of paths reaches
// from p, with the conjuncts of each.
func (x *extraction) argTokens(s nlp.Sentence, p int, paths []string, adjective bool) []int {
	for _, path := range paths {
		toks := follow(x.doc, s, p, parsePath(path))
		var out []int
		for _, t := range toks {
			for _, c := range x.withConjuncts(s, t) {
				if _, _, ok := x.actorAt(s, c); ok {
					out = appendUnique(out, c)
				} else if adjective && strings.HasSuffix(path, "amod") {
					if _, ok := x.adjectiveActor(c); ok {
						out = appendUnique(out, c)
					}
				}
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// withConjuncts is t and the tokens coordinated with it ("A, B and C").
func (x *extraction) withConjuncts(s nlp.Sentence, t int) []int {
	if members, ok := x.m.lists[t]; ok {
		return members
	}
	out := []int{t}
	for _, e := range s.Children(t) {
		if strings.HasPrefix(e.Relation, "conj:and") || e.Relation == "conj:or" || e.Relation == "conj" {
			out = appendUnique(out, e.Dependent)
		}
	}
	return out
}

// hits applies every pattern to sentence s.
func (x *extraction) hits(s nlp.Sentence) []hit {
	// Roles first: they settle who a role phrase names before the
	// patterns read it as an argument.
	out := x.roleHits(s)
	for p := s.Tokens.Begin; p < s.Tokens.End; p++ {
		tok := x.doc.Tokens[p]
		lemma := strings.ToLower(tok.Lemma)
		word := strings.ToLower(tok.Text)
		for i, pat := range Patterns {
			if !posMatches(pat.POS, tok.POS) || !(contains(pat.Lemmas, lemma) || contains(pat.Lemmas, word)) {
				continue
			}
			if len(pat.Requires) > 0 && !x.requires(s, p, pat.Requires) {
				continue
			}
			if len(pat.ComplementCue) > 0 && !x.complementHas(s, p, pat.ComplementCue) {
				continue
			}
			subjPaths, objPaths := pat.Subject, pat.Object
			if tok.POS == "VBN" && pat.POS == "V" && hasGovernor(s, p, "acl") {
				// "protests led by merchants": the noun a passive
				// participle modifies is its object, not its subject.
				subjPaths = without(subjPaths, "^acl", "^acl:relcl")
				objPaths = append([]string{"^acl"}, objPaths...)
			}
			if x.misparsedPassive(s, p) && pat.POS == "V" {
				// "protests initially led by merchants", parsed with
				// protests as the subject: the by-phrase is the agent.
				subjPaths = []string{"obl:agent", "obl:by"}
				objPaths = append([]string{"nsubj", "nsubj:pass"}, objPaths...)
			}
			subs := x.argTokens(s, p, subjPaths, true)
			objs := x.argTokens(s, p, objPaths, false)
			if len(objs) == 0 && pat.DeepObject {
				objs = x.deepObject(s, p, objPaths)
			}
			conf := pat.Confidence
			if len(subs) == 0 && len(objs) > 0 && (tok.POS == "VBG" || tok.POS == "VBN") && pat.POS == "V" {
				// "X did Y, openly sidelining Z": the participle's
				// subject is the subject of the clause it hangs on.
				subs, conf = x.clauseSubject(s, p), conf*0.9
			}
			if len(subs) == 0 && len(objs) > 0 && pat.POS == "N" {
				// "portraying the confrontation with Y", "echoing
				// earlier deployments in Y": a noun that is the object
				// of a participle is the act of that clause's subject.
				for _, g := range s.Governors(p) {
					if g.Relation == "obj" && g.Governor >= 0 && (x.doc.Tokens[g.Governor].POS == "VBG" || x.doc.Tokens[g.Governor].POS == "VBN") {
						subs, conf = x.clauseSubject(s, g.Governor), conf*0.9
					}
				}
			}
			if len(objs) == 0 && symmetricRelations[pat.Relation] && symmetricVerbs[lemma] {
				// "Iranian and US negotiators held talks", "A and B
				// clashed": the parties named together hold the
				// relation with each other, coded once from the first.
				parties := x.coordinatedParties(s, p, subjPaths)
				for _, b := range parties[min(1, len(parties)):] {
					ar, aTok, _ := x.actorAt(s, parties[0])
					br, bTok, _ := x.actorAt(s, b)
					if x.final(ar.actor) != x.final(br.actor) {
						out = append(out, hit{rel: pat.Relation, pred: p, subj: aTok, obj: bTok, sref: ar, oref: br, confidence: conf * 0.9, certainty: pat.Certainty, objNP: b, pattern: patternName(i) + " between its subjects"})
					}
				}
			}
			for _, st := range subs {
				for _, ot := range objs {
					sr, sTok, _ := x.actorAt(s, st)
					or, oTok, _ := x.actorAt(s, ot)
					if sr.actor == "" || or.actor == "" || x.final(sr.actor) == x.final(or.actor) {
						continue
					}
					if len(pat.ObjectKinds) > 0 && !kindIn(or.kind, pat.ObjectKinds) {
						continue
					}
					if contains(pat.ObjectNotVia, x.lemma(ot)) || contains(pat.ObjectNotVia, x.word(ot)) {
						continue
					}
					if len(pat.ObjectVia) > 0 && !contains(pat.ObjectVia, x.lemma(ot)) && !contains(pat.ObjectVia, x.word(ot)) {
						continue
					}
					out = append(out, hit{rel: pat.Relation, pred: p, subj: sTok, obj: oTok, sref: sr, oref: or, confidence: conf, certainty: pat.Certainty, objNP: ot, pattern: patternName(i)})
				}
			}
		}
		// Symmetric nouns: "tensions between A and B".
		if rel, ok := symmetricNouns[word]; ok && isNoun(tok.POS) {
			var parties []int
			for _, e := range s.Children(p) {
				if e.Relation == "nmod:between" || e.Relation == "nmod:among" {
					if _, _, ok := x.actorAt(s, e.Dependent); ok {
						parties = appendUnique(parties, e.Dependent)
					}
				}
			}
			for _, a := range parties {
				for _, b := range parties {
					ar, _, _ := x.actorAt(s, a)
					br, _, _ := x.actorAt(s, b)
					if rel == graph.RelNegotiatesWith && b < a {
						// Talks are coded once, from the first party named.
						continue
					}
					if a != b && x.final(ar.actor) != x.final(br.actor) {
						out = append(out, hit{rel: rel, pred: p, subj: a, obj: b, sref: ar, oref: br, confidence: 0.6, objNP: b, pattern: "between"})
					}
				}
			}
		}
	}
	out = append(out, x.helpHits(s)...)
	out = append(out, x.characterisationHits(s)...)
	out = append(out, x.protestHits(s)...)
	out = append(out, x.supporterHits(s)...)
	members := x.memberHits(s)
	out = append(out, members...)
	// "militias loyal to Iran, including A and B": what the sentence
	// says of the whole holds for each member it names.
	var inherited []hit
	for _, mh := range members {
		for _, h := range out {
			if x.final(h.sref.actor) != x.final(mh.oref.actor) || h.pattern == "including" {
				continue
			}
			if x.final(h.oref.actor) == x.final(mh.sref.actor) {
				continue
			}
			c := h
			c.subj, c.sref, c.confidence, c.pattern = mh.subj, mh.sref, h.confidence*0.9, h.pattern+" via including"
			inherited = append(inherited, c)
		}
	}
	return append(out, inherited...)
}

// symmetricRelations are relations two parties hold with each other,
// and symmetricVerbs the predicates that say so of parties named
// together ("A and B met"; "A received B" is not one).
var (
	symmetricRelations = map[graph.RelationType]bool{graph.RelNegotiatesWith: true, graph.RelFights: true, graph.RelConsultsWith: true}
	symmetricVerbs     = setOf("negotiate", "bargain", "hold", "conduct", "resume", "open", "begin", "start", "continue", "meet", "consult", "confer", "fight", "clash", "battle")
)

// coordinatedParties are two or more actors named together as the
// subject of predicate p: coordinated subjects ("Iran and the United
// States held talks"), or coordinated names or demonyms modifying the
// subject ("Iranian and US negotiators"). Fewer than two: none.
func (x *extraction) coordinatedParties(s nlp.Sentence, p int, subjPaths []string) []int {
	distinct := func(toks []int) []int {
		var out []int
		seen := map[string]bool{}
		for _, t := range toks {
			r, _, ok := x.actorAt(s, t)
			if !ok || seen[x.final(r.actor)] {
				continue
			}
			seen[x.final(r.actor)] = true
			out = append(out, t)
		}
		if len(out) < 2 {
			return nil
		}
		return out
	}
	if parties := distinct(x.argTokens(s, p, subjPaths, false)); parties != nil {
		return parties
	}
	for _, e := range s.Children(p) {
		if e.Relation != "nsubj" {
			continue
		}
		var mods []int
		for _, c := range s.Children(e.Dependent) {
			if c.Relation != "amod" && c.Relation != "compound" {
				continue
			}
			for _, t := range x.withConjuncts(s, c.Dependent) {
				if _, _, ok := x.actorAt(s, t); ok {
					mods = appendUnique(mods, t)
				} else if _, ok := x.adjectiveActor(t); ok {
					mods = appendUnique(mods, t)
				}
			}
		}
		sort.Ints(mods)
		if parties := distinct(mods); parties != nil {
			return parties
		}
	}
	return nil
}

func patternName(i int) string { return "pattern " + itoa(i+1) }

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func (x *extraction) requires(s nlp.Sentence, p int, paths []string) bool {
	for _, path := range paths {
		if len(follow(x.doc, s, p, parsePath(path))) > 0 {
			return true
		}
	}
	return false
}

// roleKey is the role words of a role head token: the phrase without its
// possessor and determiners, in actors.Key form ("secretary general").
func (x *extraction) roleKey(s nlp.Sentence, h int) string {
	lo := h
	for _, e := range s.Children(h) {
		if e.Dependent < h && (e.Relation == "compound" || e.Relation == "amod") && x.doc.Tokens[e.Dependent].NER.Coarse() == "" && x.doc.Tokens[e.Dependent].POS != "NNP" {
			l, _ := subtree(s, e.Dependent)
			lo = min(lo, l)
		}
	}
	hi := h
	for _, e := range s.Children(h) {
		if e.Dependent > h && (e.Relation == "amod" || e.Relation == "compound" || e.Relation == "punct") && e.Dependent <= h+2 {
			hi = max(hi, e.Dependent)
		}
	}
	words := []string{}
	for i := lo; i <= hi; i++ {
		w := strings.ToLower(x.doc.Tokens[i].Text)
		if w == "-" || w == "former" || w == "then" || w == "late" || w == "top" || w == "senior" && i < hi {
			continue
		}
		words = append(words, w)
	}
	return actors.Key(strings.Join(words, " "))
}

// roleHits finds holders of roles: "X’s secretary-general, Y", "Y, a
// spokesman for X", "US President Y", "Iraq’s Foreign Minister Y".
func (x *extraction) roleHits(s nlp.Sentence) []hit {
	var out []hit
	add := func(person, role, owner int, pred int) {
		pr, _, ok1 := x.actorAt(s, person)
		or, _, ok2 := x.actorAt(s, owner)
		if !ok2 {
			or, ok2 = x.adjectiveActor(owner)
		}
		if or.kind == graph.KindPerson {
			return // "President Trump’s envoy": an office of the state, not of the person
		}
		if or.kind == graph.KindState && bodyRoles[x.roleKey(s, role)] {
			return // a state has no founder or secretary-general
		}
		if !ok1 || !ok2 || pr.kind != graph.KindPerson && pr.kind != "" {
			return
		}
		rel, ok := roleLookup(x.titleKey(s, person))
		if !ok {
			rel, ok = roleLookup(x.roleKey(s, role))
		}
		if !ok {
			return
		}
		if x.final(pr.actor) == x.final(or.actor) {
			return
		}
		out = append(out, hit{rel: rel, pred: pred, subj: person, obj: owner, sref: pr, oref: or, confidence: 0.85, objNP: owner, pattern: "role"})
	}
	ownersOf := func(role int) []int {
		var owners []int
		for _, e := range s.Children(role) {
			switch e.Relation {
			case "nmod:poss", "nmod:of", "nmod:for", "nmod:at", "nmod:in":
				owners = append(owners, e.Dependent)
			case "compound", "amod":
				t := x.doc.Tokens[e.Dependent]
				if t.NER == nlp.Title && !x.namesBody(e.Dependent) {
					continue // "Prime" of "Prime Minister"
				}
				if _, isBody := actors.CommonNounOf(strings.ToLower(t.Text)); isBody && isNoun(t.POS) {
					owners = append(owners, e.Dependent) // "government spokesman"
					continue
				}
				if t.NER.Coarse() != "" || t.POS == "NNP" {
					if t.NER == nlp.Nationality {
						x.adjectiveActor(e.Dependent)
					}
					owners = append(owners, e.Dependent)
				}
			}
		}
		return owners
	}
	for i := s.Tokens.Begin; i < s.Tokens.End; i++ {
		t := x.doc.Tokens[i]
		if !isNoun(t.POS) {
			continue
		}
		// a role noun the parser left without its apposition: "Y, the
		// X founder killed in ..."
		if _, isRole := roleRelations[x.roleKey(s, i)]; isRole && !hasRel(s, i, "appos") && !hasGovernor(s, i, "appos") {
			if r, ok := x.m.refs[i]; ok && !r.coref && r.kind == graph.KindPerson {
				if pt := x.personTokenOf(s, r); pt >= 0 && pt != i {
					for _, o := range x.bestOwners(s, ownersOf(i)) {
						add(pt, i, o, i)
					}
				}
			}
		}
		// "The group’s secretary-general, Y", parsed with "general" as an
		// adjective of "group": the owner is the noun, the role its
		// title words after it, the person the name after the comma.
		if title := x.trailingTitle(s, i); title > i {
			var words []string
			for t := i + 1; t <= title; t++ {
				if w := strings.ToLower(x.doc.Tokens[t].Text); w != "’s" && w != "'s" {
					words = append(words, w)
				}
			}
			key := actors.Key(strings.Join(words, " "))
			if rel, ok := roleLookup(key); ok {
				if pt := x.personAfterComma(s, title); pt >= 0 {
					pr := x.m.refs[pt]
					if or, _, ok := x.actorAt(s, i); ok && x.final(or.actor) != x.final(pr.actor) && or.kind != graph.KindPerson && !(or.kind == graph.KindState && bodyRoles[key]) {
						out = append(out, hit{rel: rel, pred: title, subj: pt, obj: i, sref: pr, oref: or, confidence: 0.8, objNP: i, pattern: "role"})
						// The person, not the group, is the phrase's
						// referent in the rest of the sentence.
						x.m.refs[i] = ref{actor: pr.actor, phrase: pr.phrase, kind: pr.kind}
					}
				}
			}
		}
		// role head with a person in apposition, or a person with a role in apposition.
		for _, e := range s.Children(i) {
			if e.Relation != "appos" && !(e.Relation == "dep" && x.adjacentPerson(s, i, e.Dependent)) {
				continue
			}
			a, b := i, e.Dependent
			if _, ok := roleRelations[x.roleKey(s, a)]; ok {
				for _, o := range x.bestOwners(s, ownersOf(a)) {
					add(b, a, o, a)
				}
			}
			if _, ok := roleRelations[x.roleKey(s, b)]; ok {
				for _, o := range x.bestOwners(s, ownersOf(b)) {
					add(a, b, o, b)
				}
			}
		}
		// a title before a name: "US President Donald Trump".
		if r, ok := x.m.refs[i]; ok && (r.kind == graph.KindPerson) {
			for _, e := range s.Children(i) {
				if e.Relation != "compound" || e.Dependent > i {
					continue
				}
				rt := x.doc.Tokens[e.Dependent]
				if rt.NER != nlp.Title && !strings.EqualFold(rt.Text, "minister") {
					continue
				}
				owners := ownersOf(e.Dependent)
				for _, e2 := range s.Children(i) {
					if e2.Relation == "compound" && e2.Dependent < e.Dependent || e2.Relation == "nmod:poss" {
						owners = append(owners, e2.Dependent)
					}
				}
				if len(owners) == 0 && (headOfState[x.roleKey(s, e.Dependent)] || stateRole(x.titleKey(s, i))) {
					// "in Syria in support of former president Bashar
					// al-Assad": the one state the sentence names before
					// the title.
					if st := x.onlyState(s); st >= 0 && st < e.Dependent && e.Dependent-st <= 8 {
						owners = append(owners, st)
					}
				}
				for _, o := range x.bestOwners(s, owners) {
					add(i, e.Dependent, o, e.Dependent)
				}
			}
		}
	}
	return out
}

// memberHits: "groups ..., including A, B and C" — each is a member of
// the group.
func (x *extraction) memberHits(s nlp.Sentence) []hit {
	var out []hit
	// "Badr, the oldest of the Iran-aligned groups"; "KH, one of the
	// factions": X belongs to the group.
	for _, e := range s.Dependencies {
		if e.Relation != "appos" || e.Governor < 0 {
			continue
		}
		n := e.Dependent
		if w := x.word(n); w != "one" && x.doc.Tokens[n].POS != "JJS" {
			continue
		}
		xr, xTok, ok := x.actorAt(s, e.Governor)
		if !ok {
			continue
		}
		for _, g := range s.Children(n) {
			if g.Relation != "nmod:of" {
				continue
			}
			gr, gTok, ok := x.actorAt(s, g.Dependent)
			if !ok || x.final(gr.actor) == x.final(xr.actor) || gr.kind == graph.KindPerson || gr.kind == graph.KindState {
				continue
			}
			out = append(out, hit{rel: graph.RelMemberOf, pred: n, subj: xTok, obj: gTok, sref: xr, oref: gr, confidence: 0.6, objNP: gTok, pattern: "including"})
		}
	}
	for _, e := range s.Dependencies {
		if e.Relation != "nmod:including" && e.Relation != "obl:including" && e.Relation != "nmod:such_as" && e.Relation != "nmod:among" {
			continue
		}
		whole := e.Governor
		if whole < 0 {
			continue
		}
		wr, _, ok := x.actorAt(s, whole)
		// The parser often hangs "including" on a noun inside the
		// group's phrase ("militias with loyalty to Iran, including"):
		// climb to the nearest noun that names an actor.
		for steps := 0; !ok && steps < 3; steps++ {
			g := basicGovernor(s, whole)
			if g < 0 || !isNoun(x.doc.Tokens[g].POS) {
				break
			}
			whole = g
			wr, _, ok = x.actorAt(s, whole)
		}
		if !ok {
			continue
		}
		// "a banner for several factions, among them A and B": the
		// members belong to the umbrella the factions gather under.
		if ur, uTok, ok := x.umbrellaOf(s, whole); ok {
			wr, whole = ur, uTok
		}
		for _, m := range x.listedMembers(s, e.Dependent) {
			mr, _, ok := x.actorAt(s, m)
			if !ok || x.final(mr.actor) == x.final(wr.actor) {
				continue
			}
			out = append(out, hit{rel: graph.RelMemberOf, pred: whole, subj: m, obj: whole, sref: mr, oref: wr, confidence: 0.7, objNP: whole, pattern: "including"})
		}
	}
	return out
}

// listedMembers are the members an "including"/"among" phrase names:
// the phrase's head, or, for "among them A, B and C", the names the
// pronoun gathers (the parser hangs them on it), never the pronoun,
// which stands for the whole.
func (x *extraction) listedMembers(s nlp.Sentence, t int) []int {
	if x.doc.Tokens[t].POS != "PRP" {
		return []int{t}
	}
	var out []int
	for _, c := range s.Children(t) {
		if c.Relation == "dep" || c.Relation == "appos" {
			out = append(out, c.Dependent)
		}
	}
	return out
}

// umbrellaNouns are nouns for a name or body that groups others: "X
// serves as a banner for factions", "an umbrella for militias". Not
// "front" or "cover": "a front for X" belongs to X rather than gathering
// it.
var umbrellaNouns = setOf("umbrella", "banner", "coalition", "alliance", "platform", "grouping")

// umbrellaOf: when the group at token g is what an umbrella noun gathers
// ("a banner for several factions", "an umbrella of militias"), the actor
// the umbrella stands for: the noun itself when it names one, else the
// subject it is predicated of ("X has served as a banner for …", "X is an
// umbrella of …") or the name it is in apposition with.
func (x *extraction) umbrellaOf(s nlp.Sentence, g int) (ref, int, bool) {
	for _, e := range s.Governors(g) {
		if (e.Relation != "nmod:for" && e.Relation != "nmod:of") || e.Governor < 0 || !umbrellaNouns[x.doc.Tokens[e.Governor].Lemma] {
			continue
		}
		u := e.Governor
		if r, t, ok := x.actorAt(s, u); ok {
			return r, t, true
		}
		for _, ue := range s.Governors(u) {
			switch {
			case ue.Relation == "obl:as" && ue.Governor >= 0:
				if subj := subjectOf(s, ue.Governor); subj >= 0 {
					if r, t, ok := x.actorAt(s, subj); ok {
						return r, t, true
					}
				}
			case ue.Relation == "appos" && ue.Governor >= 0:
				if r, t, ok := x.actorAt(s, ue.Governor); ok {
					return r, t, true
				}
			}
		}
		if subj := subjectOf(s, u); subj >= 0 {
			if r, t, ok := x.actorAt(s, subj); ok {
				return r, t, true
			}
		}
	}
	return ref{}, -1, false
}

// clauseSubject walks up from a participle to the nearest governing verb
// whose subject names an actor (at most three clauses up).
func (x *extraction) clauseSubject(s nlp.Sentence, p int) []int {
	for _, a := range ancestors(s, p)[:min(3, len(ancestors(s, p)))] {
		if helpVerbs[x.lemma(a)] {
			return nil // the helper's act: helpHits drafts it
		}
		if sj := subjectOf(s, a); sj >= 0 {
			if _, _, ok := x.actorAt(s, sj); ok {
				return []int{sj}
			}
		}
	}
	return nil
}

// helpVerbs and suppressVerbs make HELPS_SUPPRESS: "help suppress the
// protests", "assist in operations aimed at dispersing demonstrators".
var (
	helpVerbs     = setOf("help", "assist", "aid")
	suppressVerbs = setOf("suppress", "crush", "quell", "repress", "disperse", "pursue", "hunt", "arrest", "detain", "persecute", "crack")
)

// helpHits finds HELPS_SUPPRESS: a help verb whose clause holds a verb of
// repression. The helper is the one assistance was sought from ("sought
// assistance from X to help suppress"), else the help verb's subject, else
// the subject of the clause it depends on; the object is what the
// repression verb acts on.
func (x *extraction) helpHits(s nlp.Sentence) []hit {
	var out []hit
	for p := s.Tokens.Begin; p < s.Tokens.End; p++ {
		if !helpVerbs[x.lemma(p)] || !strings.HasPrefix(x.doc.Tokens[p].POS, "VB") {
			continue
		}
		subs := x.argTokens(s, p, []string{"^xcomp/obj=assistance|help|support|aid|backing/nmod:from", "^xcomp/obl:from", "nsubj", "nsubj:xsubj"}, false)
		if len(subs) == 0 {
			for _, a := range ancestors(s, p)[:min(3, len(ancestors(s, p)))] {
				if sj := subjectOf(s, a); sj >= 0 {
					if _, _, ok := x.actorAt(s, sj); ok {
						subs = x.withConjuncts(s, sj)
						break
					}
				}
			}
		}
		lo, hi := subtree(s, p)
		var objs []int
		for v := max(lo, p); v <= hi; v++ {
			if !suppressVerbs[x.lemma(v)] {
				continue
			}
			for _, path := range []string{"obj", "^amod", "obl:on", "nsubj:pass"} {
				for _, o := range follow(x.doc, s, v, parsePath(path)) {
					for _, c := range x.withConjuncts(s, o) {
						if _, _, ok := x.actorAt(s, c); ok {
							objs = appendUnique(objs, c)
						}
					}
				}
			}
		}
		for _, st := range subs {
			for _, ot := range objs {
				sr, _, _ := x.actorAt(s, st)
				or, _, _ := x.actorAt(s, ot)
				if x.final(sr.actor) == x.final(or.actor) {
					continue
				}
				out = append(out, hit{rel: graph.RelHelpsSuppress, pred: p, subj: st, obj: ot, sref: sr, oref: or, confidence: 0.7, objNP: ot, pattern: "help-suppress"})
			}
		}
	}
	return out
}

func without(paths []string, drop ...string) []string {
	var out []string
	for _, p := range paths {
		if !contains(drop, p) {
			out = append(out, p)
		}
	}
	return out
}

// headOfState are titles that name a state's leader without naming the
// state.
var headOfState = setOf("president", "king", "emir", "prime minister", "supreme leader", "sultan", "crown prince")

// onlyState is the token of the one state actor sentence s names, or -1
// when it names none or several.
func (x *extraction) onlyState(s nlp.Sentence) int {
	found, id := -1, ""
	for i := s.Tokens.Begin; i < s.Tokens.End; i++ {
		r, ok := x.m.refs[i]
		if !ok || r.kind != graph.KindState || r.coref {
			continue
		}
		switch {
		case id == "":
			found, id = i, x.final(r.actor)
		case x.final(r.actor) != id:
			return -1
		}
	}
	return found
}

// bestOwners keeps, of a role's possible owners, those that name an
// existing actor when any does: "Iran’s Foreign Ministry spokesman" is
// Iran's, not a proposed "Foreign Ministry"'s.
func (x *extraction) bestOwners(s nlp.Sentence, owners []int) []int {
	// "In Tehran, Foreign Ministry spokesman X": a proposed organ
	// ("Foreign Ministry") of the one state named before it is that
	// state when the Resolver codes "<state> Foreign Ministry" so.
	for i, o := range owners {
		r, _, ok := x.actorAt(s, o)
		if !ok || !r.proposed {
			continue
		}
		if st := x.onlyState(s); st >= 0 && st < o {
			sr := x.m.refs[st]
			text := x.actorName(sr.actor) + " " + x.doc.RangeText(r.phrase)
			if res := x.m.res.NewArticle().Resolve(actors.Mention{Text: text}); res.Outcome == actors.Resolved && res.Actor.ID == x.final(sr.actor) {
				owners[i] = st
			}
		}
	}
	var existing []int
	for _, o := range owners {
		r, _, ok := x.actorAt(s, o)
		if !ok {
			r, ok = x.adjectiveActor(o)
		}
		if ok && !r.proposed {
			existing = append(existing, o)
		}
	}
	if len(existing) > 0 {
		return existing
	}
	return owners
}

func hasRel(s nlp.Sentence, t int, rel string) bool {
	for _, e := range s.Children(t) {
		if e.Relation == rel {
			return true
		}
	}
	return false
}

// personTokenOf is the head token of the person phrase r names in s.
func (x *extraction) personTokenOf(s nlp.Sentence, r ref) int {
	for t := r.phrase.End - 1; t >= r.phrase.Begin; t-- {
		if t >= s.Tokens.Begin && t < s.Tokens.End {
			if pr, ok := x.m.refs[t]; ok && pr.actor == r.actor {
				return t
			}
		}
	}
	return -1
}

// namesBody reports whether token t names an existing body on its own
// ("Treasury" in "Treasury Secretary").
func (x *extraction) namesBody(t int) bool {
	res := x.m.res.NewArticle().Resolve(actors.Mention{Text: x.doc.Tokens[t].Text})
	return res.Outcome == actors.Resolved && res.Actor.Kind != graph.KindPerson && (res.Method == actors.MethodExact || res.Method == actors.MethodNormalised)
}

// titleKey is the title written before a person's name, in actors.Key
// form: the title words and their "of" ("prime minister", "treasury
// secretary", "secretary of state").
func (x *extraction) titleKey(s nlp.Sentence, person int) string {
	var words []string
	end := person
	if r, ok := x.m.refs[person]; ok && r.phrase.Contains(person) {
		end = r.phrase.Begin
	}
	for t := s.Tokens.Begin; t < end; t++ {
		tok := x.doc.Tokens[t]
		if tok.NER != nlp.Title {
			words = nil
			if strings.EqualFold(tok.Text, "of") && t > s.Tokens.Begin && x.doc.Tokens[t-1].NER == nlp.Title {
				words = append(words, "of")
			}
			continue
		}
		words = append(words, strings.ToLower(tok.Text))
	}
	if len(words) == 0 || end == 0 || x.doc.Tokens[end-1].NER != nlp.Title {
		return ""
	}
	return actors.Key(strings.Join(words, " "))
}

// roleLookup finds a role's relation by its words, then by its last
// words ("national security adviser" → "adviser").
func roleLookup(key string) (graph.RelationType, bool) {
	w := strings.Fields(key)
	for i := 0; i < len(w); i++ {
		if rel, ok := roleRelations[strings.Join(w[i:], " ")]; ok {
			return rel, true
		}
	}
	return "", false
}

// stateRole reports whether a title is an office of a state, so that a
// sentence's one state may own it when the title names none.
func stateRole(key string) bool {
	if headOfState[key] {
		return true
	}
	w := strings.Fields(key)
	return len(w) > 0 && (w[len(w)-1] == "minister" || key == "secretary of state")
}

// characterisingVerbs and pejoratives make DISAPPROVES_OF: "described
// the protests as part of a foreign conspiracy".
var (
	characterisingVerbs = setOf("describe", "brand", "label", "call", "dismiss", "denounce", "portray", "characterise", "characterize", "term", "depict")
	pejoratives         = setOf("conspiracy", "plot", "riot", "riots", "rioter", "rioters", "terrorism", "terrorist", "terrorists", "sedition", "fabrication", "fabrications", "lie", "lies", "propaganda", "aggression", "crime", "crimes", "provocation", "interference", "traitor", "traitors", "agent", "agents", "mercenary", "mercenaries", "criminal", "criminals", "thug", "thugs", "enemy", "sabotage", "unrest", "chaos")
)

// characterisationHits: a subject that characterises an actor with a
// pejorative ("described the protests as part of a foreign conspiracy")
// disapproves of it.
func (x *extraction) characterisationHits(s nlp.Sentence) []hit {
	var out []hit
	for p := s.Tokens.Begin; p < s.Tokens.End; p++ {
		if !characterisingVerbs[x.lemma(p)] || !strings.HasPrefix(x.doc.Tokens[p].POS, "VB") {
			continue
		}
		var as []int
		for _, e := range s.Children(p) {
			if e.Relation == "obl:as" || e.Relation == "xcomp" {
				as = append(as, e.Dependent)
			}
		}
		pejorative := false
		for _, a := range as {
			lo, hi := subtree(s, a)
			for t := lo; t <= hi; t++ {
				if pejoratives[x.lemma(t)] || pejoratives[x.word(t)] {
					pejorative = true
				}
			}
		}
		if !pejorative {
			continue
		}
		subs := x.argTokens(s, p, []string{"nsubj", "nsubj:xsubj"}, false)
		if len(subs) == 0 && x.doc.Tokens[p].POS == "VBG" {
			subs = x.clauseSubject(s, p)
		}
		objs := x.argTokens(s, p, []string{"obj"}, false)
		for _, st := range subs {
			for _, ot := range objs {
				sr, sTok, _ := x.actorAt(s, st)
				or, oTok, _ := x.actorAt(s, ot)
				if x.final(sr.actor) != x.final(or.actor) {
					out = append(out, hit{rel: graph.RelDisapprovesOf, pred: p, subj: sTok, obj: oTok, sref: sr, oref: or, confidence: 0.6, objNP: ot, pattern: "characterisation"})
				}
			}
		}
	}
	return out
}

// protestHits: protests in a state are against it ("unrest inside Iran,
// where protests ... have spread").
func (x *extraction) protestHits(s nlp.Sentence) []hit {
	var out []hit
	for p := s.Tokens.Begin; p < s.Tokens.End; p++ {
		r, ok := x.m.refs[p]
		if !ok || eventAgents[x.lemma(p)] == "" {
			continue
		}
		var places []int
		for _, e := range s.Children(p) {
			if e.Relation == "nmod:in" || e.Relation == "nmod:inside" || e.Relation == "nmod:across" || e.Relation == "nmod:throughout" {
				places = append(places, e.Dependent)
			}
		}
		if len(places) == 0 {
			// "X inside Iran, where protests have spread"
			for _, g := range s.Governors(p) {
				if !strings.HasPrefix(g.Relation, "nsubj") || g.Governor < 0 {
					continue
				}
				for _, g2 := range s.Governors(g.Governor) {
					if g2.Relation == "acl:relcl" && g2.Governor >= 0 {
						for _, e := range s.Children(g2.Governor) {
							if e.Relation == "nmod:in" || e.Relation == "nmod:inside" || e.Relation == "nmod:across" {
								places = append(places, e.Dependent)
							}
						}
					}
				}
			}
		}
		for _, pl := range places {
			pr, pTok, ok := x.actorAt(s, pl)
			if !ok || pr.kind != graph.KindState {
				continue
			}
			out = append(out, hit{rel: graph.RelProtestsAgainst, pred: p, subj: p, obj: pTok, sref: r, oref: pr, confidence: 0.5, objNP: pl, pattern: "protests in a state"})
		}
	}
	return out
}

// adjacentPerson reports whether token p names a person whose name starts
// right after the role noun at role ("whose leader Hadi al-Ameri", which
// the parser may attach as dep rather than appos).
func (x *extraction) adjacentPerson(s nlp.Sentence, role, p int) bool {
	r, ok := x.m.refs[p]
	return ok && r.kind == graph.KindPerson && !r.coref && r.phrase.Begin == role+1
}

// bodyRoles are offices of groups and organisations, never of states.
var bodyRoles = setOf("founder", "co founder", "secretary general", "general secretary", "deputy leader")

// complementHas reports whether the clausal complement of p (ccomp) holds
// a token with one of the lemmas.
func (x *extraction) complementHas(s nlp.Sentence, p int, lemmas []string) bool {
	for _, e := range s.Children(p) {
		if !strings.HasPrefix(e.Relation, "ccomp") {
			continue
		}
		lo, hi := subtree(s, e.Dependent)
		for t := lo; t <= hi; t++ {
			if contains(lemmas, x.lemma(t)) {
				return true
			}
		}
	}
	return false
}

// supporterNouns name the followers of an actor: "supporters of Iraq’s
// Popular Mobilisation Forces" are a group that supports it.
var supporterNouns = setOf("supporter", "loyalist", "follower", "backer", "partisan")

// supporterHits proposes "<X> supporters" for "supporters of X" (or "X’s
// supporters"), and drafts that it SUPPORTS X.
func (x *extraction) supporterHits(s nlp.Sentence) []hit {
	var out []hit
	for p := s.Tokens.Begin; p < s.Tokens.End; p++ {
		if !supporterNouns[x.lemma(p)] || !isNoun(x.doc.Tokens[p].POS) {
			continue
		}
		for _, e := range s.Children(p) {
			if e.Relation != "nmod:of" && e.Relation != "nmod:poss" {
				continue
			}
			xr, xTok, ok := x.actorAt(s, e.Dependent)
			if !ok || xr.coref {
				continue
			}
			name := x.actorName(xr.actor) + " " + strings.ToLower(x.doc.Tokens[p].Text)
			id := x.m.extraGroup(name)
			r := ref{actor: id, phrase: nlp.TokenRange{Begin: p, End: p + 1}, proposed: true, kind: graph.KindGroup}
			x.m.refs[p] = r
			out = append(out, hit{rel: graph.RelSupports, pred: p, subj: p, obj: xTok, sref: r, oref: xr, confidence: 0.6, objNP: xTok, pattern: "supporters of"})
		}
	}
	return out
}

// actorName is an actor's name, for naming a group after it.
func (x *extraction) actorName(id string) string {
	if a, _, ok := x.m.res.Actor(id); ok {
		return a.Name
	}
	for _, a := range x.m.art.Actors() {
		if a.Actor.ID == id {
			return a.Actor.Name
		}
	}
	if e := x.m.byID[id]; e != nil {
		return e.actor.Name
	}
	return id
}

// trailingTitle is the last title token a noun carries after it as an
// adjective ("group" in "The group’s secretary-general"), or -1.
func (x *extraction) trailingTitle(s nlp.Sentence, h int) int {
	last := -1
	for _, e := range s.Children(h) {
		if e.Relation == "amod" && e.Dependent > h && e.Dependent <= h+4 && x.doc.Tokens[e.Dependent].NER == nlp.Title {
			last = max(last, e.Dependent)
		}
	}
	return last
}

// personAfterComma is the token of a person named right after the comma
// that follows token t, or -1.
func (x *extraction) personAfterComma(s nlp.Sentence, t int) int {
	if t+2 >= s.Tokens.End || x.doc.Tokens[t+1].Text != "," {
		return -1
	}
	for p := t + 2; p < s.Tokens.End && p <= t+7; p++ {
		if r, ok := x.m.refs[p]; ok && r.kind == graph.KindPerson && !r.coref && r.phrase.Begin == t+2 {
			return p
		}
	}
	return -1
}

// deepObject follows paths and, where they reach a phrase naming no
// actor, takes the first actor named inside it (a name, or a demonym:
// "a vital target in the Israeli port city" → Israel).
func (x *extraction) deepObject(s nlp.Sentence, p int, paths []string) []int {
	for _, path := range paths {
		for _, t := range follow(x.doc, s, p, parsePath(path)) {
			lo, hi := subtree(s, t)
			for u := max(lo, t); u <= hi && u <= t+12; u++ {
				if r, _, ok := x.actorAt(s, u); ok && u != p && !r.coref {
					return []int{u}
				}
				if x.doc.Tokens[u].NER == nlp.Nationality {
					if _, ok := x.adjectiveActor(u); ok {
						return []int{u}
					}
				}
			}
		}
	}
	return nil
}

// misparsedPassive reports whether a past participle with a by-phrase
// and no auxiliary has been given its patient as an active subject.
func (x *extraction) misparsedPassive(s nlp.Sentence, p int) bool {
	if x.doc.Tokens[p].POS != "VBN" || !hasRel(s, p, "nsubj") {
		return false
	}
	by := false
	for _, e := range s.Children(p) {
		switch {
		case strings.HasPrefix(e.Relation, "aux"):
			return false
		case e.Relation == "obl:by" || e.Relation == "obl:agent":
			by = true
		}
	}
	return by
}
