package loaders

import (
	"context"
	"fmt"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
)

// Totals counts what a validation or a load went through.
type Totals struct {
	Files  int
	Claims int
}

// crossFile holds what the checks between files need, and nothing more: an
// article id per file and a name and kind per actor id. Its size grows with
// the number of files and distinct actors, never with the claims or texts.
type crossFile struct {
	articles map[string]string     // article id → file
	actors   map[string]actorFirst // actor id → first declaration
	problems []Problem
}

type actorFirst struct {
	name string
	kind graph.ActorKind
	file string
}

func (x *crossFile) add(file string, l graph.ArticleLoad) {
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
	}
}

func (x *crossFile) problem(p Problem) {
	if len(x.problems) < maxProblems {
		x.problems = append(x.problems, p)
	}
}

// Validate checks every file, holding one parsed file in memory at a time,
// and checks the files against each other: an article id may appear once,
// and an actor id must mean the same name and kind in every file. each, if
// not nil, is called with every valid file's contents in file order. The
// error lists every problem found (up to a cap), in file order.
func Validate(files []string, each func(file string, l graph.ArticleLoad)) (Totals, error) {
	x := &crossFile{articles: map[string]string{}, actors: map[string]actorFirst{}}
	var t Totals
	for _, f := range files {
		l, err := ParseFile(f)
		if err != nil {
			ve, ok := err.(*ValidationError)
			if !ok {
				return t, err
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
		return t, &ValidationError{Problems: x.problems}
	}
	return t, nil
}

// Options tune a load.
type Options struct {
	// Concurrency is how many articles are parsed and written at once, each
	// in its own transaction; 0 means 2.
	Concurrency int
	// Validated, if not nil, is called once every file has passed
	// validation, before anything is written; an error stops the load.
	Validated func(Totals) error
	// Written, if not nil, is called after each article is written, one
	// call at a time, in the order the writes finish.
	Written func(file string, r graph.LoadResult)
}

// LoadFiles validates every file first (see Validate), so a problem in any
// file writes nothing; then parses the files again, one at a time per
// worker, and writes each article in its own transaction, Concurrency at
// once. Memory stays flat however many files there are: only the files in
// flight are held. It returns how many files and claims were written.
func LoadFiles(ctx context.Context, w graph.Writer, files []string, opt Options) (Totals, error) {
	total, err := Validate(files, nil)
	if err != nil {
		return Totals{}, err
	}
	if opt.Validated != nil {
		if err := opt.Validated(total); err != nil {
			return Totals{}, err
		}
	}
	n := opt.Concurrency
	if n <= 0 {
		n = 2
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		file string
		r    graph.LoadResult
		err  error
	}
	jobs := make(chan string)
	results := make(chan result)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				l, err := ParseFile(f)
				if err != nil { // the file changed since it was validated
					results <- result{file: f, err: err}
					continue
				}
				r, err := w.LoadArticle(ctx, l)
				if err != nil {
					err = fmt.Errorf("%s: writing article %q: %w", f, l.Article.ID, err)
				}
				results <- result{file: f, r: r, err: err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range files {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
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
		done.Files++
		done.Claims += res.r.Claims
		if opt.Written != nil && first == nil {
			opt.Written(res.file, res.r)
		}
	}
	if first == nil && ctx.Err() != nil && done.Files < len(files) {
		first = ctx.Err()
	}
	return done, first
}
