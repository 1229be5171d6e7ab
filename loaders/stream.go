package loaders

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
)

// Totals counts what a validation or a load went through.
type Totals struct {
	Files  int
	Claims int
}

// crossFile holds what the checks between files need, and nothing more: an
// article id per file, a name and kind per actor id and the actor each name
// or alias belongs to. Its size grows with the number of files, actors and
// aliases, never with the claims or texts.
type crossFile struct {
	articles map[string]string     // article id → file
	actors   map[string]actorFirst // actor id → first declaration
	names    map[string]nameFirst  // normalised name or alias → its actor
	drafts   []Problem             // one per file that holds draft claims
	problems []Problem
}

type nameFirst struct {
	name, actor, file string
}

type actorFirst struct {
	name string
	kind graph.ActorKind
	file string
}

func (x *crossFile) add(file string, l graph.ArticleLoad) {
	drafts := 0
	for _, c := range l.Claims {
		if c.Draft {
			drafts++
		}
	}
	if drafts > 0 && len(x.drafts) < maxProblems {
		x.drafts = append(x.drafts, Problem{File: file, Msg: fmt.Sprintf(
			"%d of its %d claims are drafts (`draft: true`), not yet reviewed: review them and remove `draft`, or load with -allow-drafts", drafts, len(l.Claims))})
	}
	if prev, dup := x.articles[l.Article.ID]; dup {
		x.problem(Problem{File: file, Msg: fmt.Sprintf("article id %q is also used by %s", l.Article.ID, prev)})
	} else {
		x.articles[l.Article.ID] = file
	}
	for _, a := range l.Actors {
		prev, seen := x.actors[a.ID]
		switch {
		case !seen:
			x.actors[a.ID] = actorFirst{name: a.Name, kind: a.Kind, file: file}
		case prev.kind != a.Kind || prev.name != a.Name:
			x.problem(Problem{File: file, Msg: fmt.Sprintf(
				"actor %q is %s %q here but %s %q in %s", a.ID, a.Kind, a.Name, prev.kind, prev.name, prev.file)})
		}
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			k := graph.NameKey(n)
			prev, seen := x.names[k]
			switch {
			case !seen:
				x.names[k] = nameFirst{name: n, actor: a.ID, file: file}
			case prev.actor != a.ID:
				x.problem(Problem{File: file, Msg: fmt.Sprintf(
					"name or alias %q of actor %q is also a name or alias of actor %q in %s: an alias may name one actor only", n, a.ID, prev.actor, prev.file)})
			}
		}
	}
}

func (x *crossFile) problem(p Problem) {
	if len(x.problems) < maxProblems {
		x.problems = append(x.problems, p)
	}
}

// Validate checks every file, holding one parsed file in memory at a time,
// and checks the files against each other: an article id may appear once,
// an actor id must mean the same name and kind in every file, and a name or
// alias may name one actor only. each, if
// not nil, is called with every valid file's contents in file order. The
// error lists every problem found (up to a cap), in file order.
func Validate(files []string, each func(file string, l graph.ArticleLoad)) (Totals, error) {
	t, _, err := validate(files, each)
	return t, err
}

// validate is Validate, also returning what the checks across files
// gathered.
func validate(files []string, each func(file string, l graph.ArticleLoad)) (Totals, *crossFile, error) {
	x := &crossFile{articles: map[string]string{}, actors: map[string]actorFirst{}, names: map[string]nameFirst{}}
	var t Totals
	for _, f := range files {
		l, err := ParseFile(f)
		if err != nil {
			ve, ok := err.(*ValidationError)
			if !ok {
				return t, x, err
			}
			for _, p := range ve.Problems {
				x.problem(p)
			}
			continue
		}
		x.add(f, l)
		t.Files++
		t.Claims += len(l.Claims)
		if each != nil {
			each(f, l)
		}
	}
	if len(x.problems) > 0 {
		return t, x, &ValidationError{Problems: x.problems}
	}
	return t, x, nil
}

// checkGraph asks w whether any name or alias the load declares already
// names another actor in the graph (articles the load replaces aside) and,
// unless replaceCurated, whether an article the load replaces has claims
// curated through the API since it was last loaded, and reports each as a
// problem of the file concerned.
func (x *crossFile) checkGraph(ctx context.Context, w graph.Writer, replaceCurated bool) error {
	names := make([]graph.ActorName, 0, len(x.names))
	for _, n := range x.names {
		names = append(names, graph.ActorName{Name: n.name, ActorID: n.actor})
	}
	articles := make([]string, 0, len(x.articles))
	for id := range x.articles {
		articles = append(articles, id)
	}
	sort.Strings(articles)
	conflicts, err := w.AliasConflicts(ctx, names, articles)
	if err != nil {
		return fmt.Errorf("checking names and aliases against the graph: %w", err)
	}
	var ps []Problem
	for _, c := range conflicts {
		if len(ps) == maxProblems {
			break
		}
		ps = append(ps, Problem{File: x.names[graph.NameKey(c.Name)].file, Msg: fmt.Sprintf(
			"name or alias %q of actor %q is already a name or alias of actor %q (%s) in the graph: an alias may name one actor only",
			c.Name, c.ActorID, c.OtherID, c.OtherName)})
	}
	if !replaceCurated {
		curated, err := w.CuratedArticles(ctx, articles)
		if err != nil {
			return fmt.Errorf("checking the graph for curated claims: %w", err)
		}
		for _, a := range curated {
			if len(ps) == maxProblems {
				break
			}
			ps = append(ps, Problem{File: x.articles[a.ArticleID], Msg: CuratedMessage(a)})
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].File < ps[j].File })
	if len(ps) > 0 {
		return &ValidationError{Problems: ps}
	}
	return nil
}

// CuratedMessage says why a load refuses to replace article a, and the
// two ways on.
func CuratedMessage(a graph.CuratedArticle) string {
	return fmt.Sprintf("article %q: %d of its %d claims were changed through the API since it was last loaded "+
		"(updated, retracted, restored or moved by a merge); loading this file would put them back as the file has them. "+
		"To keep the curation, export the graph's version of the article first (actorgraph export --format claims) "+
		"and edit and load that; to discard it, load again with -replace-curated",
		a.ArticleID, a.Curated, a.Claims)
}

// DefaultTxClaims is how many claims one transaction carries when Options
// does not say.
const DefaultTxClaims = 1000

// Options tune a load.
type Options struct {
	// Concurrency is how many transactions are written at once; 0 means 1.
	// One more goroutine parses the next groups meanwhile. Articles that
	// share actors lock them, so on a small server or a graph with hub
	// actors more than one writer mostly waits (see README, Loading at
	// scale).
	Concurrency int
	// TxClaims groups whole articles into one transaction until it holds
	// about this many claims (an article is never split; a larger one goes
	// alone). 1 writes every article in its own transaction; 0 means
	// DefaultTxClaims. A transaction commits all its articles or none.
	TxClaims int
	// AllowDrafts lets files with draft claims (`draft: true`, written by
	// the extractor and not yet reviewed) be loaded; without it such a
	// load is refused, naming the files.
	AllowDrafts bool
	// ReplaceCurated lets the load replace articles whose claims were
	// changed through the API since they were last loaded or committed
	// (graph.Writer.CuratedArticles): their claims go back to the files'
	// version, the curators' updates and retractions are lost. Without
	// it such a load is refused before anything is written, naming each
	// article.
	ReplaceCurated bool
	// Validated, if not nil, is called once every file has passed
	// validation, before anything is written; an error stops the load.
	Validated func(Totals) error
	// Written, if not nil, is called for each article after its
	// transaction commits, one call at a time, in the order the writes
	// finish.
	Written func(file string, r graph.LoadResult)
}

// LoadFiles validates every file first (see Validate), refuses draft
// claims unless opt.AllowDrafts, and checks the names and aliases the
// files declare against the graph (graph.Writer.AliasConflicts), so a
// problem in any file writes nothing; then parses the files again, a group of whole
// articles at a time (see Options.TxClaims), and writes each group in its
// own transaction, Concurrency at once. Memory stays flat however many
// files there are: only the groups in flight are held. It returns how many
// files and claims were written.
func LoadFiles(ctx context.Context, w graph.Writer, files []string, opt Options) (Totals, error) {
	claims := make([]int, 0, len(files)) // per valid file, in file order
	total, x, err := validate(files, func(_ string, l graph.ArticleLoad) { claims = append(claims, len(l.Claims)) })
	if err != nil {
		return Totals{}, err
	}
	if len(x.drafts) > 0 && !opt.AllowDrafts {
		return Totals{}, &ValidationError{Problems: x.drafts}
	}
	if err := x.checkGraph(ctx, w, opt.ReplaceCurated); err != nil {
		return Totals{}, err
	}
	if opt.Validated != nil {
		if err := opt.Validated(total); err != nil {
			return Totals{}, err
		}
	}
	n := max(opt.Concurrency, 1)
	per := opt.TxClaims
	if per <= 0 {
		per = DefaultTxClaims
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		files []string
		rs    []graph.LoadResult
		err   error
	}
	// One goroutine parses the next groups while n writers write, so Neo4j
	// never waits for YAML; the channel holds at most n parsed groups.
	parsed := make(chan parsedGroup, n)
	results := make(chan result)
	go func() {
		defer close(parsed)
		for _, g := range groupFiles(files, claims, per) {
			pg := parseGroup(g)
			select {
			case parsed <- pg:
			case <-ctx.Done():
				return
			}
			if pg.err != nil {
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range parsed {
				if g.err != nil {
					results <- result{files: g.files, err: g.err}
					continue
				}
				rs, err := writeGroup(ctx, w, g)
				results <- result{files: g.files, rs: rs, err: err}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var done Totals
	var first error
	for res := range results {
		if res.err != nil {
			if first == nil {
				first = res.err
				cancel()
			}
			continue
		}
		for i, r := range res.rs {
			done.Files++
			done.Claims += r.Claims
			if opt.Written != nil && first == nil {
				opt.Written(res.files[i], r)
			}
		}
	}
	if first == nil && ctx.Err() != nil && done.Files < len(files) {
		first = ctx.Err()
	}
	return done, first
}

// groupFiles cuts files into consecutive groups of whole articles holding
// about per claims each: a group closes before the article that would take
// it past per, and an article with more claims than that goes alone.
func groupFiles(files []string, claims []int, per int) [][]string {
	var groups [][]string
	var cur []string
	n := 0
	for i, f := range files {
		if len(cur) > 0 && n+claims[i] > per {
			groups = append(groups, cur)
			cur, n = nil, 0
		}
		cur = append(cur, f)
		n += claims[i]
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	return groups
}

// parsedGroup is a group of files parsed again for writing.
type parsedGroup struct {
	files []string
	loads []graph.ArticleLoad
	err   error
}

// parseGroup parses a group's files again; they were valid a moment ago,
// so an error here means a file changed since.
func parseGroup(files []string) parsedGroup {
	g := parsedGroup{files: files, loads: make([]graph.ArticleLoad, len(files))}
	for i, f := range files {
		l, err := ParseFile(f)
		if err != nil {
			g.err = err
			return g
		}
		g.loads[i] = l
	}
	return g
}

// writeGroup writes a parsed group in one transaction.
func writeGroup(ctx context.Context, w graph.Writer, g parsedGroup) ([]graph.LoadResult, error) {
	rs, err := w.LoadArticles(ctx, g.loads)
	if err != nil {
		if len(g.files) == 1 {
			return nil, fmt.Errorf("%s: writing article %q: %w", g.files[0], g.loads[0].Article.ID, err)
		}
		return nil, fmt.Errorf("%s … %s: writing %d articles: %w", g.files[0], g.files[len(g.files)-1], len(g.files), err)
	}
	return rs, nil
}
