package actors

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Mention is a span of article text that may name an actor.
type Mention struct {
	// Text is the span as written ("Kata’ib Hizballah", "the group",
	// "Popular Mobilisation Forces (PMF)").
	Text string
	// NER is the entity type CoreNLP gave the span; NERNone for a common
	// noun phrase or a pronoun.
	NER NER
}

// Outcome is what a mention resolved to.
type Outcome string

const (
	// Resolved: an actor that exists already, in the graph or the
	// gazetteer. Resolution.Actor is it.
	Resolved Outcome = "resolved"
	// Proposed: a new actor, proposed by this article (on this mention or
	// an earlier one). Resolution.Actor is the proposal so far; the draft
	// declares it from Article.Actors. Candidates lists existing actors it
	// might be, which were too weak to merge.
	Proposed Outcome = "proposed"
	// Ambiguous: the mention names several existing actors equally well;
	// Candidates lists them. Nothing is merged or proposed.
	Ambiguous Outcome = "ambiguous"
	// Coreference: a pronoun or a common noun ("he", "the group",
	// "officials", "the secretary-general"): never an actor. Pronoun or
	// Noun says which; Candidates are antecedents this article offers,
	// most likely first, as suggestions for the extractor's coreference.
	Coreference Outcome = "coreference"
	// NotActor: a place, date, descriptor or list that is not an actor.
	NotActor Outcome = "not-actor"
)

// Origin says where a resolved actor comes from.
type Origin string

const (
	OriginGraph     Origin = "graph"     // the known actors given to NewResolver
	OriginGazetteer Origin = "gazetteer" // the gazetteer only: new to the graph, but well known
	OriginArticle   Origin = "article"   // proposed by this article
)

// Method says how a mention matched an actor.
type Method string

// The methods, with the score a match by each carries. A match merges
// (Resolved) only at MergeScore or above; below it the actor is a
// Candidate and the mention is proposed as a new actor.
const (
	MethodExact      Method = "exact"      // the name or an alias, as written
	MethodNormalised Method = "normalised" // the same Key: case, diacritics, apostrophes, hyphens, al-, the
	MethodAcronym    Method = "acronym"    // a declared acronym (KH), or one the article defined in parentheses
	MethodMetonym    Method = "metonym"    // a capital or seat of government (Tehran, the White House)
	MethodDemonym    Method = "demonym"    // a state's adjective (Iranian)
	MethodOrgan      Method = "organ"      // a state's organ coded as the state (Iranian authorities)
	MethodEpithet    Method = "epithet"    // a partisan name (the Great Satan)
	MethodVariant    Method = "variant"    // a transliteration variant (al-Hamidawi for al-Humaidawi); scored
	MethodSurname    Method = "surname"    // a person's last name or kunya, named in full earlier in the article
	MethodShortForm  Method = "short-form" // a name without its place qualifier, named in full earlier (Islamic Resistance)
	MethodInitials   Method = "initials"   // capitals that are the initials of an actor named earlier in the article
	MethodPeople     Method = "people"     // a plural demonym (Iranians): the people or the state; candidate only
	MethodPartial    Method = "partial"    // shares distinctive words with a name; candidate only
	MethodNew        Method = "new"        // a new actor, proposed
	MethodAntecedent Method = "antecedent" // a coreference suggestion: an actor named earlier that fits
	MethodOwner      Method = "owner"      // the actor a role or organ belongs to (the faction of "the faction's spokesman")
)

// MergeScore is the lowest score at which a match resolves to an existing
// actor. Weaker matches are returned as Candidates of a proposal.
const MergeScore = 0.8

// methodScores is the fixed score of each method; MethodVariant and the
// candidate-only methods compute theirs.
var methodScores = map[Method]float64{
	MethodExact: 1, MethodNormalised: 0.97, MethodAcronym: 1, MethodMetonym: 0.95,
	MethodDemonym: 0.9, MethodOrgan: 0.9, MethodEpithet: 0.85, MethodSurname: 0.9,
	MethodShortForm: 0.85, MethodInitials: 0.8, MethodPeople: 0.6, MethodNew: 1,
}

// Candidate is an actor a mention matched, and how well.
type Candidate struct {
	Actor  graph.Actor // the actor: for OriginArticle, the proposal so far
	Origin Origin      // where the actor comes from
	Method Method      // how the mention matched it
	Score  float64     // 0 to 1; merged only at MergeScore or above
	Reason string      // one line for a reviewer: what matched what
}

// Resolution is what Article.Resolve made of a mention.
type Resolution struct {
	Mention Mention // the mention resolved
	Outcome Outcome // what it resolved to
	// Candidate is the actor for Resolved and Proposed (Method MethodNew
	// on the mention that proposed it); zero otherwise. Reason says why
	// for every outcome.
	Candidate
	// Candidates: for Proposed, existing actors the mention might be
	// (weaker than MergeScore, never merged); for Ambiguous, the tied
	// actors; for Coreference, suggested antecedents.
	Candidates []Candidate
	// Pronoun is set when the mention is a pronoun.
	Pronoun *Pronoun
	// Noun is set when the mention is a common noun (the group, officials,
	// the spokesman).
	Noun *CommonNoun
	// Owner is the actor a role or organ mention belongs to, when the
	// mention names it: Kataib Hezbollah for "Kataib Hezbollah’s
	// secretary-general", Iran for "Iran’s Foreign Ministry spokesman".
	Owner *Candidate

	matched string // the words that matched, recorded as an alias of the actor
}

// actorRec is an existing actor and where it comes from.
type actorRec struct {
	actor  graph.Actor
	origin Origin
}

// Resolver resolves mentions against a fixed set of existing actors: the
// known actors (from the graph or claims files) and a gazetteer. It is
// safe for concurrent use; each article gets its own Article.
type Resolver struct {
	actors map[string]actorRec
	global *index
}

// NewResolver returns a Resolver over the known actors and the gazetteer
// (nil for none). Known actors win over gazetteer entries with the same
// id: their name, kind and description are used, and the gazetteer's forms
// still point at them. Known actors that share an id are merged (the union
// of their aliases; the first name, kind and description), as when the
// actors of several claims files are passed together. A known actor
// without an id or name, with an id that is not a slug, or with an invalid
// kind is an EINVALID error naming it.
func NewResolver(known []graph.Actor, gaz *Gazetteer) (*Resolver, error) {
	r := &Resolver{actors: map[string]actorRec{}, global: newIndex()}
	if gaz != nil {
		for _, e := range gaz.Entries {
			r.actors[e.Actor.ID] = actorRec{actor: e.Actor, origin: OriginGazetteer}
			r.global.add(e.Actor.ID, e.Actor.Name, formName)
			for _, list := range []struct {
				forms []string
				kind  formKind
			}{{e.Actor.Aliases, formAlias}, {e.Demonyms, formDemonym}, {e.People, formPeople}, {e.Metonyms, formMetonym}, {e.Epithets, formEpithet}} {
				for _, f := range list.forms {
					r.global.add(e.Actor.ID, f, list.kind)
				}
			}
		}
	}
	for i, a := range known {
		switch {
		case a.ID == "" || !slugRE.MatchString(a.ID):
			return nil, graph.Errorf(graph.EINVALID, "known actor %d (%q): id %q is not a lowercase slug", i+1, a.Name, a.ID)
		case strings.TrimSpace(a.Name) == "":
			return nil, graph.Errorf(graph.EINVALID, "known actor %d (%s): missing name", i+1, a.ID)
		case !a.Kind.Valid():
			return nil, graph.Errorf(graph.EINVALID, "known actor %d (%s): unknown kind %q", i+1, a.ID, a.Kind)
		}
		if prev, ok := r.actors[a.ID]; ok && prev.origin == OriginGraph {
			prev.actor.Aliases = appendNew(prev.actor.Aliases, a.Aliases...)
			r.actors[a.ID] = prev
		} else {
			a.Aliases = append([]string(nil), a.Aliases...)
			r.actors[a.ID] = actorRec{actor: a, origin: OriginGraph}
		}
		r.global.add(a.ID, a.Name, formName)
		for _, al := range a.Aliases {
			r.global.add(a.ID, al, formAlias)
		}
	}
	return r, nil
}

// Actor returns an existing actor by id, and where it comes from.
func (r *Resolver) Actor(id string) (graph.Actor, Origin, bool) {
	rec, ok := r.actors[id]
	return rec.actor, rec.origin, ok
}

// appendNew appends the strings of add that dst does not hold (by Key).
func appendNew(dst []string, add ...string) []string {
	have := map[string]bool{}
	for _, s := range dst {
		have[formKey(s)] = true
	}
	for _, s := range add {
		if k := formKey(s); !have[k] {
			have[k] = true
			dst = append(dst, s)
		}
	}
	return dst
}

// String writes a resolution on one line, for logs and test failures.
func (r Resolution) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q → %s", r.Mention.Text, r.Outcome)
	if r.Actor.ID != "" {
		fmt.Fprintf(&b, " %s (%s, %s %.2f)", r.Actor.ID, r.Origin, r.Method, r.Score)
	}
	if r.Reason != "" {
		fmt.Fprintf(&b, ": %s", r.Reason)
	}
	if r.Owner != nil {
		fmt.Fprintf(&b, "; owner %s", r.Owner.Actor.ID)
	}
	for _, c := range r.Candidates {
		fmt.Fprintf(&b, "; candidate %s (%s %.2f)", c.Actor.ID, c.Method, c.Score)
	}
	return b.String()
}
