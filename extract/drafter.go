package extract

import (
	"context"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
	"github.com/actorgraph/actorgraph/nlp"
)

// DefaultDraftsAtOnce is how many articles a Drafter parses at once by
// default. The NLP server spends several CPU-seconds on an article: more
// parses at once only make each slower, and a queue bounded by the
// request's deadline keeps the rest of the server responsive.
const DefaultDraftsAtOnce = 2

// DrafterConfig configures NewDrafter.
type DrafterConfig struct {
	// Parser parses article text (the CoreNLP server).
	Parser nlp.Parser
	// Server names the parser in errors ("the CoreNLP server at …").
	Server string
	// Graph is where the known actors come from: read, never written,
	// for each draft, so that actors created since are known.
	Graph graph.Reader
	// Threshold is the lowest confidence kept; DefaultThreshold when 0.
	Threshold float64
	// MaxBytes is the largest article text drafted, in bytes, as
	// actorgraph extract's -max-bytes; DefaultMaxBytes when 0.
	MaxBytes int64
	// AtOnce is how many drafts parse at once; DefaultDraftsAtOnce when 0.
	AtOnce int
}

// Drafter is the extractor behind the curation API's draftArticle: it
// drafts claims as actorgraph extract does, resolving mentions against
// the actors of the graph being served (read only) and the gazetteer,
// and returns them as the curation service's Draft. It writes nothing.
type Drafter struct {
	cfg DrafterConfig
	gaz *actors.Gazetteer
	sem chan struct{}
}

var _ curation.Drafter = (*Drafter)(nil)

// NewDrafter returns a Drafter; it does not contact the parser.
func NewDrafter(cfg DrafterConfig) (*Drafter, error) {
	if cfg.Parser == nil || cfg.Graph == nil {
		return nil, graph.Errorf(graph.EINTERNAL, "drafter: a parser and a graph are required")
	}
	if cfg.Threshold < 0 || cfg.Threshold > 1 || cfg.MaxBytes < 0 || cfg.AtOnce < 0 {
		return nil, graph.Errorf(graph.EINVALID, "drafter: threshold %v must be between 0 and 1, size limit %d and drafts at once %d not negative", cfg.Threshold, cfg.MaxBytes, cfg.AtOnce)
	}
	if cfg.MaxBytes == 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.AtOnce == 0 {
		cfg.AtOnce = DefaultDraftsAtOnce
	}
	if cfg.Server == "" {
		cfg.Server = "the NLP server"
	}
	gaz, err := actors.DefaultGazetteer()
	if err != nil {
		return nil, err
	}
	return &Drafter{cfg: cfg, gaz: gaz, sem: make(chan struct{}, cfg.AtOnce)}, nil
}

// Name implements curation.Drafter.
func (d *Drafter) Name() string { return "extract" }

// Draft implements curation.Drafter. The known actors are the graph's
// whole list, as actorgraph extract -known graph reads it, rather than
// the lookup's search hits: the resolver matches aliases, acronyms and
// coreferent mentions against every known actor, which a search per
// mention would not reproduce. Errors keep their codes: unavailable
// (naming the NLP server and how to start it) when the parser cannot be
// reached, timeout when it does not finish before the request's deadline,
// limit for an article over MaxBytes or the parser's own limit.
func (d *Drafter) Draft(ctx context.Context, a graph.Article, _ curation.ActorLookup) (curation.Draft, error) {
	if n := int64(len(a.Text)); n > d.cfg.MaxBytes {
		return curation.Draft{}, graph.Errorf(graph.ELIMIT, "the article is %s, more than the %s drafting takes (serve -draft-max-bytes)", humanBytes(n), humanBytes(d.cfg.MaxBytes))
	}
	select {
	case d.sem <- struct{}{}:
		defer func() { <-d.sem }()
	case <-ctx.Done():
		return curation.Draft{}, graph.Errorf(graph.ETIMEOUT, "the request's deadline passed while %d other drafts were being parsed by %s: retry later", cap(d.sem), d.cfg.Server)
	}
	known, err := GraphActors(ctx, d.cfg.Graph)
	if err != nil {
		return curation.Draft{}, err
	}
	res, err := actors.NewResolver(known, d.gaz)
	if err != nil {
		return curation.Draft{}, err
	}
	art := Article{Text: a.Text, Body: a.Text, Title: a.Title, Source: a.Source, URL: a.URL, Dateline: a.Dateline, PublishedAt: "unknown"}
	if a.PublishedAt != "" {
		t, err := time.Parse("2006-01-02", a.PublishedAt)
		if err != nil {
			return curation.Draft{}, graph.Errorf(graph.EINVALID, "publishedAt %q: want YYYY-MM-DD or unknown", a.PublishedAt)
		}
		art.PublishedAt, art.Published = a.PublishedAt, t
	}
	x := &Extractor{Parser: d.cfg.Parser, Resolver: res, Threshold: d.cfg.Threshold}
	r, err := x.Extract(ctx, art, "article.draft.yaml")
	if graph.ErrorCode(err) == graph.ETIMEOUT {
		return curation.Draft{}, graph.Errorf(graph.ETIMEOUT, "%s did not parse the article before the request's deadline (serve -nlp-timeout): %s", d.cfg.Server, graph.ErrorMessage(err))
	}
	if err != nil {
		return curation.Draft{}, err
	}
	out := curation.Draft{Drafter: d.Name(), Actors: []graph.Actor{}, Claims: []graph.Claim{}}
	if len(r.Draft.Claims) == 0 {
		return out, nil
	}
	// The draft goes through the claims-file parser, as a draft file
	// goes through actorgraph check: the claims come back with the ids,
	// spans, sentences and modality a loaded claim has, and a draft the
	// parser refuses is the extractor's bug, not the reviewer's problem.
	r.Draft.Article.ID, r.Draft.Article.File = a.ID, "article.txt"
	if r.Draft.Article.Title == "" {
		r.Draft.Article.Title = a.ID
	}
	data, err := r.Draft.Marshal()
	if err != nil {
		return curation.Draft{}, err
	}
	load, err := loaders.Parse("draft of "+a.ID, data, func(string) ([]byte, error) { return []byte(a.Text), nil })
	if err != nil {
		return curation.Draft{}, graph.Errorf(graph.EINTERNAL, "the extractor drafted claims its own checks refuse: %v", err)
	}
	out.Actors, out.Claims = knownNames(known, load.Actors, load.Claims)
	return out, nil
}

// knownNames keeps the graph's rule that a name or alias names one actor
// in a draft: the extractor may propose a new actor for a mention it would
// not resolve on its own ("Protesters", "International community") when
// the graph already has an actor of that name or alias. Such a proposal is
// that actor: its claims name the graph's actor instead, so that the
// draft commits as drafted; a proposal's alias that is another actor's
// name is left out. A claim whose subject and object become one actor is
// left out. Actors of the graph are not returned.
func knownNames(known, drafted []graph.Actor, claims []graph.Claim) ([]graph.Actor, []graph.Claim) {
	inGraph := make(map[string]bool, len(known))
	byName := map[string]string{}
	for _, k := range known {
		inGraph[k.ID] = true
		for _, n := range append([]string{k.Name}, k.Aliases...) {
			byName[graph.NameKey(n)] = k.ID
		}
	}
	same := map[string]string{}
	actorsOut := []graph.Actor{}
	for _, a := range drafted {
		if inGraph[a.ID] {
			continue
		}
		if id, ok := byName[graph.NameKey(a.Name)]; ok {
			same[a.ID] = id
			continue
		}
		aliases := []string{}
		for _, al := range a.Aliases {
			if _, ok := byName[graph.NameKey(al)]; !ok {
				aliases = append(aliases, al)
			}
		}
		a.Aliases = aliases
		actorsOut = append(actorsOut, a)
	}
	final := func(id string) string {
		if g, ok := same[id]; ok {
			return g
		}
		return id
	}
	claimsOut := []graph.Claim{}
	for _, c := range claims {
		c.SubjectID, c.ObjectID = final(c.SubjectID), final(c.ObjectID)
		if c.SubjectID == c.ObjectID {
			continue
		}
		if c.AttributedToID != "" {
			c.AttributedToID = final(c.AttributedToID)
			c.Source = graph.SourceOf(c.AttributedToID, c.ArticleID, "")
		}
		claimsOut = append(claimsOut, c)
	}
	return actorsOut, claimsOut
}

// GraphActors reads every actor of the graph, a page at a time.
func GraphActors(ctx context.Context, r graph.Reader) ([]graph.Actor, error) {
	var out []graph.Actor
	after := ""
	for {
		page, err := r.Actors(ctx, graph.ActorFilter{}, graph.PageRequest{First: 500, After: after})
		if err != nil {
			return nil, fmt.Errorf("read the graph's actors: %w", err)
		}
		out = append(out, page.Actors...)
		if !page.HasNextPage || len(page.Actors) == 0 {
			return out, nil
		}
		after = page.Actors[len(page.Actors)-1].ID
	}
}
