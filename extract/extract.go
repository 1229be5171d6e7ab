package extract

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/nlp"
)

// DefaultThreshold is the lowest confidence a drafted claim may have:
// below it the rules are unsure and the claim is left out rather than
// guessed.
const DefaultThreshold = 0.4

// Extractor drafts claims from articles. It is safe for concurrent use.
type Extractor struct {
	// Parser parses the article text (the CoreNLP server).
	Parser nlp.Parser
	// Resolver holds the known actors (graph, claims files) and the
	// gazetteer.
	Resolver *actors.Resolver
	// Threshold is the lowest confidence kept; DefaultThreshold when 0.
	Threshold float64
}

// Result is one article's draft and what extracting it found.
type Result struct {
	Draft *Draft
	// Parse is the time the parser took; Rules the time of the rest.
	Parse, Rules time.Duration
	// Dropped counts claims below the threshold.
	Dropped int
}

// Extract parses an article and drafts its claims. draftPath is where the
// draft will be written, so that its article `file` is relative to it.
// An article with no actors, or no relation between them, gives a draft
// with no claims: the caller decides (the command reports it and writes
// nothing, as a claims file needs a claim).
func (e *Extractor) Extract(ctx context.Context, a Article, draftPath string) (Result, error) {
	t0 := time.Now()
	doc, err := e.Parser.Parse(ctx, a.Body)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", displayName(a), err)
	}
	t1 := time.Now()
	d, dropped := e.Draft(&doc, a, draftPath)
	return Result{Draft: d, Parse: t1.Sub(t0), Rules: time.Since(t1), Dropped: dropped}, nil
}

func displayName(a Article) string {
	if a.Path != "" {
		return a.Path
	}
	return "article"
}

// extraction is one document being drafted.
type extraction struct {
	doc       *nlp.Document
	m         *mentionCtx
	published time.Time
}

func (x *extraction) final(id string) string { return x.m.art.FinalID(id) }

// Draft drafts the claims of a parsed article. It never fails: what it
// cannot read it leaves out.
func (e *Extractor) Draft(doc *nlp.Document, a Article, draftPath string) (*Draft, int) {
	threshold := e.Threshold
	if threshold == 0 {
		threshold = DefaultThreshold
	}
	m := &mentionCtx{doc: doc, art: e.Resolver.NewArticle(), res: e.Resolver, refs: map[int]ref{},
		extra: map[string]*extraActor{}, byID: map[string]*extraActor{}, roleOwner: map[int]string{}, pendingRes: map[int]actors.Resolution{}, quotePronouns: map[int]int{}, lists: map[int][]int{}}
	if a.Dateline != "" {
		if res := e.Resolver.NewArticle().Resolve(actors.Mention{Text: a.Dateline}); res.Outcome == actors.Resolved && res.Actor.Kind == graph.KindState {
			m.home = res.Actor.ID
		}
	}
	m.resolveMentions()
	x := &extraction{doc: doc, m: m, published: a.Published}
	for h, qi := range m.quotePronouns {
		if id, _ := x.quoteSpeaker(doc.Quotes[qi]); id != "" {
			r := m.refs[h]
			r.actor, r.coref, r.kind = id, true, m.kindOf(id)
			r.phrase = nlp.TokenRange{Begin: h, End: h + 1}
			m.refs[h] = r
		}
	}

	var claims []drafted
	seen := map[string]int{}
	dropped := 0
	for _, s := range doc.Sentences {
		for _, h := range x.hits(s) {
			md := x.modalityOf(s, h)
			conf := h.confidence * md.confidence
			if h.sref.coref || h.oref.coref {
				conf *= 0.85
			}
			if h.sref.proposed || h.oref.proposed {
				conf *= 0.95
			}
			if conf < threshold {
				dropped++
				continue
			}
			subj, obj := x.final(h.sref.actor), x.final(h.oref.actor)
			sPhrase, oPhrase := x.mentionRange(h.subj, h.sref), x.mentionRange(h.obj, h.oref)
			c := loaders.FileClaim{
				Subject: subj, SubjectText: doc.RangeText(sPhrase), SubjectStart: new(doc.RangeSpan(sPhrase).Start),
				Relation: string(h.rel),
				Object:   obj, ObjectText: doc.RangeText(oPhrase), ObjectStart: new(doc.RangeSpan(oPhrase).Start),
				Certainty: string(md.certainty), OwnStatement: md.own,
				Quote: s.Text, Start: s.Span.Start, Draft: true, Confidence: new(round2(conf)),
				Note: "pattern: " + h.pattern + " (" + doc.Tokens[h.pred].Text + ")",
			}
			if md.attributedTo != "" {
				c.AttributedTo = x.final(md.attributedTo)
			}
			if md.condition.Len() > 0 {
				if cond := doc.RangeText(md.condition); cond != "" {
					c.Condition = &cond
				}
			}
			if md.timeStatus != graph.Ongoing && md.timeStatus != "" {
				c.Time = &loaders.FileTime{Status: string(md.timeStatus), Cue: md.timeCue, From: md.from}
			}
			key := fmt.Sprintf("%s|%s|%s|%d", subj, h.rel, obj, s.Index)
			if i, ok := seen[key]; ok {
				if *claims[i].c.Confidence < *c.Confidence {
					claims[i].c = c
				}
				continue
			}
			seen[key] = len(claims)
			claims = append(claims, drafted{c, key})
		}
	}

	d := &Draft{File: loaders.File{Format: loaders.FormatNumber}, Origins: map[string]string{}}
	d.Article = loaders.FileArticle{ID: articleID(a), Title: a.Title, File: relFile(a.Path, draftPath), PublishedAt: a.PublishedAt,
		Dateline: a.Dateline, Source: a.Source, URL: a.URL}
	if a.PublishedAt == "unknown" {
		d.Article.Note = "publication date unknown: give it in the article's front matter (publishedAt) or here"
	}
	claims = dropOwnSide(claims)
	listed, same := x.draftActors()
	for _, a := range listed {
		d.Actors = append(d.Actors, a.FileActor)
		d.Origins[a.ID] = a.origin
	}
	canon := func(id string) string {
		if c, ok := same[id]; ok {
			return c
		}
		return id
	}
	used := map[string]bool{}
	ids := map[string]int{}
	seenCanon := map[string]bool{}
	for i := range claims {
		c := &claims[i].c
		c.Subject, c.Object = canon(c.Subject), canon(c.Object)
		if c.AttributedTo != "" {
			c.AttributedTo = canon(c.AttributedTo)
		}
		if c.Subject == c.Object {
			continue
		}
		if k := fmt.Sprintf("%s|%s|%s|%d", c.Subject, c.Relation, c.Object, c.Start); seenCanon[k] {
			continue
		} else {
			seenCanon[k] = true
		}
		used[c.Subject], used[c.Object] = true, true
		if c.AttributedTo != "" {
			used[c.AttributedTo] = true
		}
		base := actors.Slug(c.Subject + " " + strings.ToLower(strings.ReplaceAll(c.Relation, "_", " ")) + " " + c.Object)
		ids[base]++
		c.ID = base
		if ids[base] > 1 {
			c.ID = fmt.Sprintf("%s-%d", base, ids[base])
		}
		d.Claims = append(d.Claims, *c)
	}
	if d.Claims == nil {
		d.Claims = []loaders.FileClaim{}
	}
	// Every actor a claim names is declared: an owner the Resolver found
	// for a role ("a State Department spokesperson") may name an actor no
	// mention of its own named.
	declared := map[string]bool{}
	for _, a := range d.Actors {
		declared[a.ID] = true
	}
	var claims2 []loaders.FileClaim
	for _, c := range d.Claims {
		ok := true
		for _, id := range []string{c.Subject, c.Object, c.AttributedTo} {
			if id == "" || declared[id] {
				continue
			}
			if a, origin, found := x.m.res.Actor(id); found {
				o := "from the gazetteer"
				if origin == actors.OriginGraph {
					o = "in the graph"
				}
				d.Actors = append(d.Actors, loaders.FileActor{ID: a.ID, Name: a.Name, Kind: string(a.Kind), Aliases: []string{}, Description: a.Description})
				d.Origins[a.ID] = o
				declared[id] = true
				continue
			}
			ok = false
		}
		if ok {
			claims2 = append(claims2, c)
		}
	}
	d.Claims = claims2
	if d.Claims == nil {
		d.Claims = []loaders.FileClaim{}
	}
	return d, dropped
}

type drafted struct {
	c   loaders.FileClaim
	key string
}

// hostile are relations no one has with the body they lead, speak for or
// serve.
var hostile = map[graph.RelationType]bool{
	graph.RelWarns: true, graph.RelThreatens: true, graph.RelAttacks: true, graph.RelAssaults: true,
	graph.RelAccuses: true, graph.RelCriticises: true, graph.RelSanctions: true, graph.RelOpposes: true,
	graph.RelDemands: true, graph.RelRejects: true, graph.RelUndermines: true, graph.RelFights: true,
}

// dropOwnSide drops hostile claims between a person and the body the
// article says they lead, speak for or serve ("Iraqi
// government spokesman X … warned that Iraq would …" is not a warning to
// Iraq).
func dropOwnSide(claims []drafted) []drafted {
	side := map[[2]string]bool{}
	for _, c := range claims {
		switch graph.RelationType(c.c.Relation) {
		case graph.RelLeads, graph.RelSpokespersonFor, graph.RelOfficialOf:
			side[[2]string{c.c.Subject, c.c.Object}] = true
			side[[2]string{c.c.Object, c.c.Subject}] = true
		}
	}
	out := claims[:0]
	for _, c := range claims {
		if hostile[graph.RelationType(c.c.Relation)] && side[[2]string{c.c.Subject, c.c.Object}] {
			continue
		}
		out = append(out, c)
	}
	return out
}

// mentionRange is the words naming the actor at token t: its noun phrase
// (never longer than the sentence), or the token itself.
func (x *extraction) mentionRange(t int, r ref) nlp.TokenRange {
	if r.phrase.Len() > 0 && r.phrase.Contains(t) {
		return r.phrase
	}
	if r2, ok := x.m.refs[t]; ok && r2.phrase.Len() > 0 {
		return r2.phrase
	}
	return nlp.TokenRange{Begin: t, End: t + 1}
}

// draftActor is an actor of the draft with where it comes from, which
// mergeBlocs weighs and Draft.Origins keeps.
type draftActor struct {
	loaders.FileActor
	origin string
}

// draftActors lists every actor the article used: those the Resolver
// resolved or proposed, then the groups proposed from common nouns.
//
// Two actors with the same name (a proposal the Resolver renamed, a group
// proposed twice) are one: same maps the later id to the first.
func (x *extraction) draftActors() (out []draftActor, same map[string]string) {
	same = map[string]string{}
	byName := map[string]string{}
	have := map[string]bool{}
	forms := map[string]string{} // alias key → actor id, so no alias names two actors
	for _, aa := range x.m.art.Actors() {
		forms[actors.Key(aa.Actor.Name)] = aa.Actor.ID
	}
	for _, id := range x.m.order {
		forms[actors.Key(x.m.byID[id].actor.Name)] = id
	}
	referred := map[string]bool{}
	for _, r := range x.m.refs {
		referred[r.actor] = true
		referred[x.final(r.actor)] = true
	}
	for _, aa := range x.m.art.Actors() {
		a := aa.Actor
		if have[a.ID] || !referred[a.ID] {
			// Only actors some mention was found to name: the Resolver
			// also remembers proposals the extractor turned down.
			continue
		}
		have[a.ID] = true
		if first, ok := byName[actors.Key(a.Name)]; ok {
			same[a.ID] = first
			continue
		}
		byName[actors.Key(a.Name)] = a.ID
		var aliases []string
		for _, al := range a.Aliases {
			k := actors.Key(al)
			if o, ok := forms[k]; ok && o != a.ID || k == "" || strings.EqualFold(al, a.Name) {
				continue
			}
			forms[k] = a.ID
			aliases = append(aliases, al)
		}
		origin := "proposed: a new actor; check it is not an existing one under another name"
		switch aa.Origin {
		case actors.OriginGraph:
			origin = "in the graph"
		case actors.OriginGazetteer:
			origin = "from the gazetteer"
		}
		out = append(out, draftActor{loaders.FileActor{ID: a.ID, Name: a.Name, Kind: string(a.Kind), Aliases: nonNil(aliases), Description: a.Description}, origin})
	}
	for _, id := range x.m.order {
		e := x.m.byID[id]
		if have[id] {
			continue
		}
		have[id] = true
		if first, ok := byName[actors.Key(e.actor.Name)]; ok {
			same[id] = first
			continue
		}
		byName[actors.Key(e.actor.Name)] = id
		out = append(out, draftActor{loaders.FileActor{ID: id, Name: e.actor.Name, Kind: string(e.actor.Kind), Aliases: []string{}}, "proposed: a group the article names by a common noun"})
	}
	out = x.mergeBlocs(out, same)
	return out, same
}

// blocNouns are the plural heads of an article's unnamed collectives: in
// one article, "Iran-aligned militias", "Iraqi armed factions" and
// "transnational armed groups" are the article's one bloc of armed
// groups, and "analysts" and "observers" its one body of commentators.
var blocNouns = map[string]string{
	"militias": "armed", "factions": "armed", "groups": "armed", "proxies": "armed", "paramilitaries": "armed",
	"protesters": "protesters", "demonstrators": "protesters", "protestors": "protesters",
	"analysts": "commentators", "observers": "commentators", "experts": "commentators", "commentators": "commentators",
}

// mergeBlocs folds the article's proposed collectives of one bloc (see
// blocNouns) into the first proposed, unless the actors their names name
// disagree ("Sunni militias" and "Iran-backed militias" stay apart when
// their names resolve to different actors). Existing actors are never
// merged.
func (x *extraction) mergeBlocs(list []draftActor, same map[string]string) []draftActor {
	type bloc struct {
		idx    int // in out; negative until the existing actor is placed
		id     string
		actors map[string]bool
	}
	blocs := map[string][]*bloc{}
	classOf := func(a draftActor) string {
		if a.Kind != string(graph.KindGroup) && a.Kind != string(graph.KindMilitia) {
			return ""
		}
		w := strings.Fields(strings.ToLower(a.Name))
		if len(w) == 0 {
			return ""
		}
		return blocNouns[w[len(w)-1]]
	}
	pendingAliases := map[string][]string{}
	var out []draftActor
	// An existing collective the article names ("Iran-aligned Iraqi armed
	// factions", known to the graph) heads its bloc: the article's other
	// descriptions of it corefer to it.
	for _, a := range list {
		if cls := classOf(a); cls != "" && !strings.HasPrefix(a.origin, "proposed") && a.Kind == string(graph.KindGroup) {
			blocs[cls] = append(blocs[cls], &bloc{idx: -1 - len(blocs[cls]), actors: x.namedIn(a.Name)})
			blocs[cls][len(blocs[cls])-1].id = a.ID
		}
	}
	for _, a := range list {
		cls := ""
		if strings.HasPrefix(a.origin, "proposed") {
			cls = classOf(a)
		}
		if cls == "" {
			if c := classOf(a); c != "" {
				for _, b := range blocs[c] {
					if b.id == a.ID {
						b.idx = len(out)
					}
				}
			}
			out = append(out, a)
			continue
		}
		named := x.namedIn(a.Name)
		merged := false
		for _, b := range blocs[cls] {
			if b.idx < 0 && b.id != "" {
				// The existing actor comes later in the list: merge by id.
				if subsetEither(named, b.actors) {
					same[a.ID] = b.id
					pendingAliases[b.id] = append(pendingAliases[b.id], a.Name)
					merged = true
					break
				}
				continue
			}
			if subsetEither(named, b.actors) {
				into := &out[b.idx]
				same[a.ID] = into.ID
				into.Aliases = append(into.Aliases, a.Name)
				into.Aliases = append(into.Aliases, a.Aliases...)
				for k := range named {
					b.actors[k] = true
				}
				merged = true
				break
			}
		}
		if !merged {
			blocs[cls] = append(blocs[cls], &bloc{idx: len(out), actors: named})
			out = append(out, a)
		}
	}
	for i := range out {
		out[i].Aliases = append(out[i].Aliases, pendingAliases[out[i].ID]...)
	}
	// Claims may name a merged id through a chain of merges.
	for id, to := range same {
		for steps := 0; steps < 10; steps++ {
			next, ok := same[to]
			if !ok {
				break
			}
			to = next
		}
		same[id] = to
	}
	return out
}

// namedIn is the set of actors the words of a name resolve to on their
// own ("Iran" and "Iraq" in "Iran-aligned Iraqi armed factions").
func (x *extraction) namedIn(name string) map[string]bool {
	out := map[string]bool{}
	art := x.m.res.NewArticle()
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		if w == "" || strings.ToLower(w) == w {
			continue
		}
		if res := art.Resolve(actors.Mention{Text: w}); res.Outcome == actors.Resolved {
			out[res.Actor.ID] = true
		}
	}
	return out
}

func subsetEither(a, b map[string]bool) bool {
	sub := func(x, y map[string]bool) bool {
		for k := range x {
			if !y[k] {
				return false
			}
		}
		return true
	}
	return sub(a, b) || sub(b, a)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// articleID is a slug for the article: from its file's folder or name,
// else its title.
func articleID(a Article) string {
	if a.Path != "" {
		base := strings.TrimSuffix(filepath.Base(a.Path), filepath.Ext(a.Path))
		if base == "article" || base == "text" || base == "index" {
			base = filepath.Base(filepath.Dir(a.Path))
		}
		if s := actors.Slug(base); s != "" && s != "." {
			return s
		}
	}
	words := strings.Fields(a.Title)
	if len(words) > 8 {
		words = words[:8]
	}
	if s := actors.Slug(strings.Join(words, " ")); s != "" {
		return s
	}
	return "article"
}

// relFile is the article's path relative to the draft's folder.
func relFile(articlePath, draftPath string) string {
	if articlePath == "" {
		return "article.txt"
	}
	absA, err1 := filepath.Abs(articlePath)
	absD, err2 := filepath.Abs(filepath.Dir(draftPath))
	if err1 != nil || err2 != nil {
		return articlePath
	}
	rel, err := filepath.Rel(absD, absA)
	if err != nil {
		return absA
	}
	return filepath.ToSlash(rel)
}
