package loaders

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// ClaimsFiles expands paths into claims files: a file is taken as is, a
// folder contributes every *.yaml and *.yml file below it, in name order.
func ClaimsFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, &ValidationError{Problems: []Problem{{File: p, Msg: fmt.Sprintf("cannot read: %v", unwrapPathErr(err))}}}
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := strings.ToLower(filepath.Ext(path)); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, &ValidationError{Problems: []Problem{{File: p, Msg: fmt.Sprintf("cannot list: %v", err)}}}
		}
		if len(found) == 0 {
			return nil, &ValidationError{Problems: []Problem{{File: p, Msg: "folder holds no claims files (*.yaml, *.yml)"}}}
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// ParseAll validates every file and checks them against each other: an
// article id may appear once, and an actor id must mean the same name and
// kind in every file. It returns every problem found, in file order.
func ParseAll(files []string) ([]graph.ArticleLoad, error) {
	var (
		loads    []graph.ArticleLoad
		all      []Problem
		articles = map[string]string{}      // article id → file
		actors   = map[string]graph.Actor{} // actor id → first declaration
		actorIn  = map[string]string{}      // actor id → file of first declaration
	)
	for _, f := range files {
		l, err := ParseFile(f)
		if err != nil {
			if ve, ok := err.(*ValidationError); ok {
				all = append(all, ve.Problems...)
				continue
			}
			return nil, err
		}
		if prev, dup := articles[l.Article.ID]; dup {
			all = append(all, Problem{File: f, Msg: fmt.Sprintf("article id %q is also used by %s", l.Article.ID, prev)})
		}
		articles[l.Article.ID] = f
		for _, a := range l.Actors {
			prev, seen := actors[a.ID]
			switch {
			case !seen:
				actors[a.ID], actorIn[a.ID] = a, f
			case prev.Kind != a.Kind || prev.Name != a.Name:
				all = append(all, Problem{File: f, Msg: fmt.Sprintf(
					"actor %q is %s %q here but %s %q in %s", a.ID, a.Kind, a.Name, prev.Kind, prev.Name, actorIn[a.ID])})
			}
		}
		loads = append(loads, l)
	}
	if len(all) > 0 {
		return nil, &ValidationError{Problems: all}
	}
	return loads, nil
}

// Load validates every claims file under paths and, only if all are valid,
// writes each article to w in its own transaction.
func Load(ctx context.Context, w graph.Writer, paths ...string) ([]graph.LoadResult, error) {
	files, err := ClaimsFiles(paths)
	if err != nil {
		return nil, err
	}
	loads, err := ParseAll(files)
	if err != nil {
		return nil, err
	}
	results := make([]graph.LoadResult, 0, len(loads))
	for i, l := range loads {
		r, err := w.LoadArticle(ctx, l)
		if err != nil {
			return results, fmt.Errorf("%s: writing article %q: %w", files[i], l.Article.ID, err)
		}
		results = append(results, r)
	}
	return results, nil
}
