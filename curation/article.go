package curation

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

// CommitArticle writes an article with its claims and new actors, all or
// nothing. The input is turned into the document a claims file parses to
// (loaders.Document) and checked by the loaders' own rules, so the API
// and `actorgraph check` accept and refuse the same articles with the
// same messages; problems are located by path (`claims[3].objectText`).
// Claims may name the graph's actors by id, name or alias besides the
// input's new actors. A new actor whose id, name or alias is already the
// graph's is refused, unless replace is set and it is the same actor
// (id, name, kind) declared again. With replace, claims that come back
// unchanged keep their version (and a retraction); changed ones count one
// more.
func (s *Service) CommitArticle(ctx context.Context, in CommitArticleInput) (graph.Article, error) {
	rev, err := s.begin(ctx, CommitArticle, deref(in.Reason), false)
	if err != nil {
		return graph.Article{}, err
	}
	var l lengths
	l.article("article.", in.Article)
	l.count("actors", len(in.Actors), MaxActorsPerArticle, "actors")
	l.count("claims", len(in.Claims), MaxClaimsPerArticle, "claims")
	for i, a := range in.Actors {
		l.actor(fmt.Sprintf("actors[%d].", i), a)
	}
	for i, c := range in.Claims {
		l.claim(fmt.Sprintf("claims[%d].", i), c)
	}
	if err := l.err(); err != nil {
		return graph.Article{}, err
	}
	replace := in.Replace != nil && *in.Replace
	id := in.Article.ID

	// References the input does not declare name graph actors.
	declared := map[string]bool{}
	for _, a := range in.Actors {
		for _, n := range append([]string{a.ID, a.Name}, a.Aliases...) {
			declared[graph.NameKey(n)] = true
		}
	}
	var refs []string
	for _, c := range in.Claims {
		for _, r := range []string{c.Subject, c.Object, deref(c.AttributedTo)} {
			if k := graph.NameKey(r); k != "" && k != "article" && !declared[k] {
				refs = append(refs, r)
			}
		}
	}
	known, err := s.known(ctx, refs)
	if err != nil {
		return graph.Article{}, err
	}

	d := &loaders.Document{}
	root := commitDocument(d, in)
	load, err := loaders.ParseDocument(d, root, func(string) ([]byte, error) { return []byte(in.Article.Text), nil }, known)
	if err != nil {
		return graph.Article{}, documentError(err)
	}

	// The graph's side: the article, the new actors' ids and names.
	var ps []graph.Problem
	arts, err := s.Graph.ArticlesByID(ctx, []string{id})
	if err != nil {
		return graph.Article{}, fmt.Errorf("reading article %q: %w", id, err)
	}
	_, exists := arts[id]
	if exists && !replace {
		ps = append(ps, problem("article.id", "article %q is already in the graph: send replace: true to replace it and its claims", id))
	}
	newIDs := make([]string, len(in.Actors))
	for i, a := range in.Actors {
		newIDs[i] = a.ID
	}
	have, err := s.Graph.ActorsByID(ctx, newIDs)
	if err != nil {
		return graph.Article{}, fmt.Errorf("reading actors: %w", err)
	}
	for i, a := range in.Actors {
		// Replacing, the article may declare again an actor it created
		// (the same id, name and kind): the same input commits again.
		if h, ok := have[a.ID]; ok && !(replace && h.Name == strings.TrimSpace(a.Name) && h.Kind == a.Kind) {
			ps = append(ps, problem(fmt.Sprintf("actors[%d].id", i), "actor %q is already in the graph: name it in the claims by id, name or alias instead of declaring it", a.ID))
		}
	}
	var replacing []string
	if replace {
		replacing = []string{id}
	}
	conflicts, err := s.nameConflicts(ctx, in.Actors, "actors", replacing)
	if err != nil {
		return graph.Article{}, err
	}
	ps = append(ps, conflicts...)
	if len(ps) > 0 {
		return graph.Article{}, invalid(ps...)
	}

	var oldIDs []string
	if exists {
		old, err := s.Graph.ClaimsOfArticles(ctx, []string{id})
		if err != nil {
			return graph.Article{}, fmt.Errorf("reading the claims of %q: %w", id, err)
		}
		byID := map[string]graph.Claim{}
		for _, c := range old[id] {
			byID[c.ID] = c
			oldIDs = append(oldIDs, c.ID)
		}
		for i, c := range load.Claims {
			if o, ok := byID[c.ID]; ok {
				load.Claims[i] = carryOver(load.Article, o, c)
			}
		}
	}
	claimIDs := make([]string, len(load.Claims))
	for i, c := range load.Claims {
		claimIDs[i] = c.ID
	}
	sort.Strings(newIDs)
	rev.Targets = append(append([]string{id}, claimIDs...), newIDs...)
	if exists {
		rev.Before = asJSON(map[string]any{"claims": nonNil(oldIDs)})
	}
	rev.After = asJSON(map[string]any{"claims": claimIDs, "actors": nonNil(newIDs)})
	if err := s.Store.CommitArticle(ctx, load, replace, rev); err != nil {
		return graph.Article{}, err
	}
	arts, err = s.Graph.ArticlesByID(ctx, []string{id})
	if err != nil {
		return graph.Article{}, fmt.Errorf("reading article %q back: %w", id, err)
	}
	return arts[id], nil
}

// carryOver gives a replaced claim c its old version's history: its
// version (one more if it changed) and its retraction.
func carryOver(a graph.Article, old, c graph.Claim) graph.Claim {
	c.Version = old.Version
	if claimJSON(c.Stored(a)) != claimJSON(old) {
		c.Version++
	}
	c.Retracted, c.RetractedAt, c.RetractedBy, c.RetractReason = old.Retracted, old.RetractedAt, old.RetractedBy, old.RetractReason
	return c
}

// known resolves references (as written) to graph actors: by id, then by
// exact name or alias.
func (s *Service) known(ctx context.Context, refs []string) (loaders.Known, error) {
	m := map[string]string{}
	if len(refs) == 0 {
		return func(string) (string, bool) { return "", false }, nil
	}
	actors, err := s.Graph.ActorsByID(ctx, refs)
	if err != nil {
		return nil, fmt.Errorf("resolving actors: %w", err)
	}
	for id := range actors {
		m[graph.NameKey(id)] = id
	}
	var names []graph.ActorName
	for _, r := range refs {
		if _, ok := m[graph.NameKey(r)]; !ok {
			names = append(names, graph.ActorName{Name: r})
		}
	}
	if len(names) > 0 {
		found, err := s.Graph.AliasConflicts(ctx, names, nil)
		if err != nil {
			return nil, fmt.Errorf("resolving actors: %w", err)
		}
		for _, c := range found {
			m[graph.NameKey(c.Name)] = c.OtherID
		}
	}
	return func(key string) (string, bool) { id, ok := m[key]; return id, ok }, nil
}

// nameConflicts reports each name or alias of actors that another actor
// of the graph already has, at its path under prefix.
func (s *Service) nameConflicts(ctx context.Context, actors []ActorInput, prefix string, replacing []string) ([]graph.Problem, error) {
	var names []graph.ActorName
	where := map[string]string{}
	for i, a := range actors {
		p := fmt.Sprintf("%s[%d].", prefix, i)
		if prefix == "" {
			p = "input."
		}
		names = append(names, graph.ActorName{Name: a.Name, ActorID: a.ID})
		where[a.ID+"\x00"+graph.NameKey(a.Name)] = p + "name"
		for j, al := range a.Aliases {
			names = append(names, graph.ActorName{Name: al, ActorID: a.ID})
			if _, ok := where[a.ID+"\x00"+graph.NameKey(al)]; !ok {
				where[a.ID+"\x00"+graph.NameKey(al)] = fmt.Sprintf("%saliases[%d]", p, j)
			}
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	conflicts, err := s.Graph.AliasConflicts(ctx, names, replacing)
	if err != nil {
		return nil, fmt.Errorf("checking names and aliases against the graph: %w", err)
	}
	var ps []graph.Problem
	for _, c := range conflicts {
		ps = append(ps, problem(where[c.ActorID+"\x00"+graph.NameKey(c.Name)],
			"name or alias %q of actor %q is already a name or alias of actor %q (%s) in the graph: an alias may name one actor only",
			c.Name, c.ActorID, c.OtherID, c.OtherName))
	}
	return ps, nil
}

// documentError turns a document's validation error into an EINVALID
// error with its problems.
func documentError(err error) error {
	var ve *loaders.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	ps := make([]graph.Problem, len(ve.Problems))
	for i, p := range ve.Problems {
		ps[i] = graph.Problem{Path: p.Path, Message: p.Msg}
	}
	return invalid(ps...)
}

// commitDocument builds the claims document of a commitArticle input:
// the keys a claims file has, each at the path of the input field it
// comes from.
func commitDocument(d *loaders.Document, in CommitArticleInput) *yaml.Node {
	actors := make([]*yaml.Node, len(in.Actors))
	for i, a := range in.Actors {
		actors[i] = actorNode(d, fmt.Sprintf("actors[%d]", i), a)
	}
	claims := make([]*yaml.Node, len(in.Claims))
	for i, c := range in.Claims {
		claims[i] = claimNode(d, fmt.Sprintf("claims[%d]", i), c)
	}
	return d.Map("",
		loaders.Field{Key: "format", Value: d.Str("", loaders.Format)},
		loaders.Field{Key: "article", Value: articleNode(d, "article", in.Article)},
		loaders.Field{Key: "actors", Value: d.Seq("actors", actors)},
		loaders.Field{Key: "claims", Value: d.Seq("claims", claims)},
	)
}

func articleNode(d *loaders.Document, path string, a ArticleInput) *yaml.Node {
	return d.Map(path,
		loaders.Field{Key: "id", Value: d.Str(path+".id", a.ID)},
		loaders.Field{Key: "title", Value: d.Str(path+".title", a.Title)},
		loaders.Field{Key: "file", Value: d.Str(path+".text", "text")},
		loaders.Field{Key: "publishedAt", Value: d.Str(path+".publishedAt", a.PublishedAt)},
		loaders.Field{Key: "dateline", Value: d.OptStr(path+".dateline", a.Dateline)},
		loaders.Field{Key: "source", Value: d.OptStr(path+".source", a.Source)},
		loaders.Field{Key: "url", Value: d.OptStr(path+".url", a.URL)},
		loaders.Field{Key: "note", Value: d.OptStr(path+".note", a.Note)},
	)
}

func actorNode(d *loaders.Document, path string, a ActorInput) *yaml.Node {
	aliases := make([]*yaml.Node, len(a.Aliases))
	for i, al := range a.Aliases {
		aliases[i] = d.Str(fmt.Sprintf("%s.aliases[%d]", path, i), al)
	}
	return d.Map(path,
		loaders.Field{Key: "id", Value: d.Str(path+".id", a.ID)},
		loaders.Field{Key: "name", Value: d.Str(path+".name", a.Name)},
		loaders.Field{Key: "kind", Value: d.Str(path+".kind", string(a.Kind))},
		loaders.Field{Key: "aliases", Value: d.Seq(path+".aliases", aliases)},
		loaders.Field{Key: "description", Value: d.OptStr(path+".description", a.Description)},
	)
}

func claimNode(d *loaders.Document, path string, c ClaimInput) *yaml.Node {
	var timeNode *yaml.Node
	if c.TimeStatus != nil || c.TimeCue != nil || c.TimeFrom != nil || c.TimeTo != nil {
		var status *string
		if c.TimeStatus != nil {
			v := string(*c.TimeStatus)
			status = &v
		}
		timeNode = d.Map(path,
			loaders.Field{Key: "status", Value: d.OptStr(path+".timeStatus", status)},
			loaders.Field{Key: "cue", Value: d.OptStr(path+".timeCue", c.TimeCue)},
			loaders.Field{Key: "from", Value: d.OptStr(path+".timeFrom", c.TimeFrom)},
			loaders.Field{Key: "to", Value: d.OptStr(path+".timeTo", c.TimeTo)},
		)
	}
	var own *yaml.Node
	if c.OwnStatement != nil {
		own = d.Bool(path+".ownStatement", *c.OwnStatement)
	}
	return d.Map(path,
		loaders.Field{Key: "id", Value: d.Str(path+".key", c.Key)},
		loaders.Field{Key: "subject", Value: d.Str(path+".subject", c.Subject)},
		loaders.Field{Key: "subjectText", Value: d.OptStr(path+".subjectText", c.SubjectText)},
		loaders.Field{Key: "subjectStart", Value: d.OptInt(path+".subjectStart", c.SubjectStart)},
		loaders.Field{Key: "relation", Value: d.Str(path+".type", string(c.Type))},
		loaders.Field{Key: "object", Value: d.Str(path+".object", c.Object)},
		loaders.Field{Key: "objectText", Value: d.OptStr(path+".objectText", c.ObjectText)},
		loaders.Field{Key: "objectStart", Value: d.OptInt(path+".objectStart", c.ObjectStart)},
		loaders.Field{Key: "certainty", Value: d.Str(path+".certainty", string(c.Certainty))},
		loaders.Field{Key: "ownStatement", Value: own},
		loaders.Field{Key: "condition", Value: d.OptStr(path+".condition", c.Condition)},
		loaders.Field{Key: "time", Value: timeNode},
		loaders.Field{Key: "attributedTo", Value: d.OptStr(path+".attributedTo", c.AttributedTo)},
		loaders.Field{Key: "quote", Value: d.Str(path+".quote", c.Quote)},
		loaders.Field{Key: "start", Value: d.OptInt(path+".start", c.Start)},
		loaders.Field{Key: "note", Value: d.OptStr(path+".note", c.Note)},
	)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
