package extract

import (
	"regexp"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/nlp"
)

// reportingVerbs frame reported speech: a claim in their complement is
// the subject's statement.
var reportingVerbs = setOf("say", "tell", "warn", "argue", "claim", "allege", "accuse", "deny", "add", "insist",
	"caution", "state", "declare", "announce", "assert", "stress", "note", "suggest", "believe", "contend",
	"maintain", "report", "write", "explain", "describe", "portray", "frame", "charge", "confirm", "acknowledge", "reiterate")

// allegingVerbs mark the complement as unverified.
var allegingVerbs = setOf("claim", "allege", "suggest", "rumour", "rumor")

// denyingVerbs deny the complement.
var denyingVerbs = setOf("deny", "dismiss", "refute")

// unverifiedSources: a speaker or subject of the frame with one of these
// heads makes the claim ALLEGED ("sources say", "reports suggest").
var unverifiedSources = setOf("source", "sources", "report", "reports", "account", "accounts", "rumour", "rumours", "rumor", "rumors", "insider", "insiders")

// doubtAdverbs mark a claim ALLEGED wherever they modify it.
var doubtAdverbs = setOf("allegedly", "reportedly", "purportedly", "supposedly", "ostensibly")

// hedgeWords make a claim HYPOTHETICAL when they govern or modify it.
var hedgeWords = setOf("could", "may", "might", "would", "risk", "risks", "potential", "possible", "possibly", "likely")

// pastCues and expectedCues place a claim in time.
var pastCues = setOf("former", "ex", "earlier", "previously", "initially", "formerly", "once", "then")
var expectedCues = setOf("will", "plan", "prepare", "intend", "expect", "upcoming", "next", "soon", "aim")

// conditionMarks open a condition clause.
var conditionMarks = setOf("if", "unless", "should", "once", "whether")

type modality struct {
	certainty    graph.Certainty
	attributedTo string // actor id, "" for the article's voice
	speakerTok   int
	own          bool
	condition    nlp.TokenRange
	timeStatus   graph.TimeStatus
	timeCue      string
	from         string
	confidence   float64 // multiplier
}

// ancestors are the tokens that govern p, nearest first, along the
// clause spine (basic edges).
func ancestors(s nlp.Sentence, p int) []int {
	var out []int
	cur := p
	for steps := 0; steps < 30; steps++ {
		g := basicGovernor(s, cur)
		if g < 0 {
			break
		}
		out = append(out, g)
		cur = g
	}
	return out
}

func (x *extraction) lemma(t int) string { return strings.ToLower(x.doc.Tokens[t].Lemma) }
func (x *extraction) word(t int) string  { return strings.ToLower(x.doc.Tokens[t].Text) }

// subjectOf is the nsubj of verb v, or -1.
func subjectOf(s nlp.Sentence, v int) int {
	for _, e := range s.Children(v) {
		if e.Relation == "nsubj" || e.Relation == "nsubj:xsubj" {
			return e.Dependent
		}
	}
	return -1
}

// modalityOf reads a hit's certainty, attribution, own statement,
// condition and time from its sentence.
func (x *extraction) modalityOf(s nlp.Sentence, h hit) modality {
	md := modality{certainty: graph.Asserted, speakerTok: -1, timeStatus: graph.Ongoing, confidence: 1}
	p := h.pred
	if h.pattern == "role" {
		// "X’s secretary-general, Y": an apposition is the article's
		// own identification, whatever frame the sentence is in.
		x.timeOf(s, nil, h, &md)
		return md
	}
	anc := ancestors(s, p)
	chain := append([]int{p}, anc...)

	// Quotation: the speaker of a quote the predicate is in.
	for _, q := range x.doc.Quotes {
		if !q.Tokens.Contains(p) {
			continue
		}
		if id, tok := x.quoteSpeaker(q); id != "" {
			md.attributedTo, md.speakerTok = id, tok
			md.certainty = graph.Reported
		}
	}
	// A reporting frame above the predicate.
	if md.attributedTo == "" {
		for i, a := range anc {
			l := x.lemma(a)
			if !reportingVerbs[l] || !posMatches("V", x.doc.Tokens[a].POS) {
				continue
			}
			// The predicate must be in the verb's complement, not its subject.
			below := p
			if i > 0 {
				below = anc[i-1]
			}
			if rel := relationBetween(s, a, below); !strings.HasPrefix(rel, "ccomp") && rel != "parataxis" && rel != "xcomp" && rel != "dep" && !strings.HasPrefix(rel, "advcl") && !(rel == "obj" && l == "say") {
				continue
			}
			subj := subjectOf(s, a)
			if subj < 0 {
				// "reports claiming that ...", circulated by someone: the
				// one who circulated them.
				for _, g := range s.Governors(a) {
					if strings.HasPrefix(g.Relation, "acl") && g.Governor >= 0 {
						if _, ok := x.m.refs[g.Governor]; ok {
							subj = g.Governor
						} else if v := basicGovernor(s, g.Governor); v >= 0 && relationBetween(s, v, g.Governor) == "obj" {
							subj = subjectOf(s, v)
						}
					}
				}
			}
			md.certainty = graph.Reported
			if subj >= 0 {
				if r, ok := x.m.refs[subj]; ok {
					md.attributedTo, md.speakerTok = r.actor, subj
				}
				if unverifiedSources[x.word(subj)] || unverifiedSources[x.lemma(subj)] {
					md.certainty = graph.Alleged
				}
			}
			if allegingVerbs[l] {
				md.certainty = graph.Alleged
			}
			if denyingVerbs[l] {
				md.certainty = graph.Denied
			}
			break
		}
	}
	// "according to X".
	for _, c := range chain {
		for _, e := range s.Children(c) {
			if e.Relation == "obl:according_to" || e.Relation == "nmod:according_to" {
				if md.certainty == graph.Asserted {
					md.certainty = graph.Reported
				}
				if r, ok := x.m.refs[e.Dependent]; ok && md.attributedTo == "" {
					md.attributedTo, md.speakerTok = r.actor, e.Dependent
				}
				if unverifiedSources[x.word(e.Dependent)] || unverifiedSources[x.lemma(e.Dependent)] {
					md.certainty = graph.Alleged
				}
			}
		}
	}
	// Unverified sources as the sentence's frame: "Sources ... say",
	// "reports claiming", "reports suggest".
	for i := s.Tokens.Begin; i < s.Tokens.End; i++ {
		w := x.word(i)
		if doubtAdverbs[w] {
			md.certainty = graph.Alleged
		}
		if (w == "reports" || w == "accounts") && i+1 < s.Tokens.End && (x.lemma(i+1) == "claim" || x.lemma(i+1) == "suggest" || x.lemma(i+1) == "say" || x.lemma(i+1) == "allege") {
			md.certainty = graph.Alleged
		}
		if (w == "described" || w == "describes" || w == "calls" || w == "called" || w == "termed") && i-2 >= s.Tokens.Begin && x.word(i-2) == "what" && (x.spans(s, i, p) || x.spans(s, i, h.obj)) {
			md.certainty = graph.Alleged
		}
	}
	if md.attributedTo != "" && md.certainty == graph.Reported {
		if r, ok := x.m.refs[md.speakerTok]; ok && (unverifiedSources[x.word(md.speakerTok)] || strings.Contains(strings.ToLower(x.doc.RangeText(r.phrase)), "source")) {
			md.certainty = graph.Alleged
		}
	}
	// Hedges on the predicate, its governors' modals, or the object.
	for _, c := range chain[:min(len(chain), 3)] {
		for _, e := range s.Children(c) {
			if (e.Relation == "aux" || e.Relation == "advmod" || e.Relation == "amod") && hedgeWords[x.word(e.Dependent)] {
				md.certainty = hedged(md.certainty)
			}
		}
		// "risks dragging", "threatens to strike": the act is a
		// possibility, when it is the verb's complement.
		if c != p && (x.lemma(c) == "risk" || x.lemma(c) == "threaten" && h.rel != graph.RelThreatens) && complementOnChain(s, c, chain) {
			md.certainty = hedged(md.certainty)
		}
	}
	if h.certainty != "" {
		md.certainty = h.certainty
		if s := subjectOf(s, p); s >= 0 {
			if r, ok := x.m.refs[s]; ok {
				md.attributedTo, md.speakerTok = r.actor, s
			}
		}
	}
	if md.attributedTo != "" && x.final(md.attributedTo) == x.final(h.sref.actor) {
		md.own = true
	}
	md.condition = x.condition(s, chain, h)
	x.timeOf(s, chain, h, &md)
	return md
}

func hedged(c graph.Certainty) graph.Certainty {
	if c == graph.Denied {
		return c
	}
	return graph.Hypothetical
}

// spans reports whether token i's clause covers token p.
func (x *extraction) spans(s nlp.Sentence, i, p int) bool {
	lo, hi := subtree(s, i)
	return lo <= p && p <= hi
}

func relationBetween(s nlp.Sentence, gov, dep int) string {
	for _, e := range s.Dependencies {
		if e.Governor == gov && e.Dependent == dep {
			return e.Relation
		}
	}
	return ""
}

// quoteSpeaker is the actor who speaks quote q: its speaker mention when
// that names an actor (directly or through coreference), else the
// subject of a verb of saying next to the quote, outside it. CoreNLP's
// own guess of a name is not trusted: it may be anyone in the article.
func (x *extraction) quoteSpeaker(q nlp.Quote) (string, int) {
	if q.Mention != nil {
		for i := q.Mention.Begin; i < q.Mention.End; i++ {
			if r, ok := x.m.refs[i]; ok {
				return r.actor, i
			}
		}
	}
	for si := q.FirstSentence; si <= q.LastSentence+1 && si < len(x.doc.Sentences); si++ {
		s := x.doc.Sentences[si]
		for i := s.Tokens.Begin; i < s.Tokens.End; i++ {
			if q.Tokens.Contains(i) || !reportingVerbs[x.lemma(i)] || !posMatches("V", x.doc.Tokens[i].POS) {
				continue
			}
			if sj := subjectOf(s, i); sj >= 0 && !q.Tokens.Contains(sj) {
				if r, ok := x.m.refs[sj]; ok {
					return r.actor, sj
				}
			}
		}
		if si > q.LastSentence {
			break
		}
	}
	return "", -1
}

// condition finds the condition a claim depends on: an adverbial clause
// opened by if, unless, should (also inverted: "should it continue"),
// once, in the event of; or an object such as "any potential US attack on
// Iran" (a hypothetical act the claim answers).
func (x *extraction) condition(s nlp.Sentence, chain []int, h hit) nlp.TokenRange {
	for _, c := range chain[:min(len(chain), 3)] {
		for _, e := range s.Children(c) {
			if !strings.HasPrefix(e.Relation, "advcl") {
				continue
			}
			cl := e.Dependent
			opened := strings.HasPrefix(e.Relation, "advcl:if") || strings.HasPrefix(e.Relation, "advcl:unless")
			for _, e2 := range s.Children(cl) {
				if (e2.Relation == "mark" || e2.Relation == "aux") && conditionMarks[x.word(e2.Dependent)] && (e2.Relation == "mark" || e2.Dependent < cl && x.word(e2.Dependent) == "should" && e2.Dependent < subjectOf(s, cl)) {
					opened = true
				}
			}
			if opened {
				lo, hi := subtree(s, cl)
				for lo < hi && x.doc.Tokens[hi].POS == "," || lo < hi && x.doc.Tokens[hi].POS == "." {
					hi--
				}
				return nlp.TokenRange{Begin: lo, End: hi + 1}
			}
		}
	}
	// "any (potential) X attack on Y" as the threatened object.
	if h.rel == graph.RelThreatens || h.rel == graph.RelWarns {
		o := h.obj
		if !ownerNouns[x.lemma(o)] {
			for _, g := range s.Governors(o) {
				if ownerNouns[x.lemma(g.Governor)] {
					o = g.Governor
				}
			}
		}
		if g := basicGovernor(s, h.obj); g >= 0 && ownerNouns[x.lemma(g)] {
			o = g
		}
		if ownerNouns[x.lemma(o)] {
			for _, e := range s.Children(o) {
				if (e.Relation == "det" && x.word(e.Dependent) == "any") || (e.Relation == "amod" && hedgeWords[x.word(e.Dependent)]) {
					lo, hi := subtree(s, o)
					return nlp.TokenRange{Begin: lo, End: hi + 1}
				}
			}
		}
	}
	return nlp.TokenRange{}
}

var yearRE = regexp.MustCompile(`^(19|20)\d\d$`)

// timeOf places the claim in time from cue words on the predicate, its
// clause, and the subject's phrase ("former president").
func (x *extraction) timeOf(s nlp.Sentence, chain []int, h hit, md *modality) {
	var look []int
	if len(chain) > 0 {
		look = chain[:min(len(chain), 3)]
	}
	for _, c := range look {
		for _, e := range s.Children(c) {
			w := x.word(e.Dependent)
			switch {
			case (e.Relation == "advmod" || e.Relation == "amod") && pastCues[w] && w != "then" && w != "once":
				md.timeStatus, md.timeCue = graph.Past, x.doc.Tokens[e.Dependent].Text
				return
			case e.Relation == "aux" && w == "will" || e.Relation == "aux" && w == "'ll":
				md.timeStatus, md.timeCue = graph.Expected, x.doc.Tokens[e.Dependent].Text
				return
			case strings.HasPrefix(e.Relation, "obl") && x.doc.Tokens[e.Dependent].NER == nlp.Date && yearRE.MatchString(w):
				if x.published.IsZero() || w < itoa(x.published.Year()) {
					md.timeStatus, md.timeCue, md.from = graph.Past, x.doc.Tokens[e.Dependent].Text, w
					return
				}
			}
		}
		if c != h.pred && expectedCues[x.lemma(c)] {
			md.timeStatus, md.timeCue = graph.Expected, x.doc.Tokens[c].Text
			return
		}
	}
	// "former president Y": the subject's role is past.
	for _, t := range []int{h.subj, h.obj} {
		r := h.sref
		if t == h.obj {
			r = h.oref
		}
		for i := r.phrase.Begin; i < r.phrase.End; i++ {
			w := x.word(i)
			if w == "former" || w == "ex" || w == "late" {
				if h.rel == graph.RelLeads || h.rel == graph.RelOfficialOf || h.rel == graph.RelSpokespersonFor || h.rel == graph.RelMemberOf {
					md.timeStatus, md.timeCue = graph.Past, x.doc.Tokens[i].Text
					return
				}
			}
		}
	}
}

// complementOnChain reports whether verb c governs the next token down the
// chain as its complement (xcomp, ccomp), not as its subject or object.
func complementOnChain(s nlp.Sentence, c int, chain []int) bool {
	for i, t := range chain {
		if t == c && i > 0 {
			rel := relationBetween(s, c, chain[i-1])
			return rel == "xcomp" || strings.HasPrefix(rel, "ccomp")
		}
	}
	return false
}
