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

// ParseAll validates every file and checks them against each other (see
// Validate), returning every file's contents. It holds the whole corpus in
// memory; LoadFiles streams instead.
func ParseAll(files []string) ([]graph.ArticleLoad, error) {
	var loads []graph.ArticleLoad
	if _, err := Validate(files, func(_ string, l graph.ArticleLoad) { loads = append(loads, l) }); err != nil {
		return nil, err
	}
	return loads, nil
}

// Load validates every claims file under paths and, only if all are valid,
// writes them to w one transaction at a time (whole articles, grouped as
// Options.TxClaims says by default). The results are in file order.
func Load(ctx context.Context, w graph.Writer, paths ...string) ([]graph.LoadResult, error) {
	files, err := ClaimsFiles(paths)
	if err != nil {
		return nil, err
	}
	var results []graph.LoadResult
	_, err = LoadFiles(ctx, w, files, Options{Concurrency: 1, Written: func(_ string, r graph.LoadResult) {
		results = append(results, r)
	}})
	return results, err
}
