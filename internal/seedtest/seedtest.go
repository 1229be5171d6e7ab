// Package seedtest gives tests the seed (seed/): its folder, its article's
// text, and an in-memory graph (graph/inmem) holding exactly the seed, for
// tests of everything above the store that need no database.
package seedtest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/loaders"
)

// Dir is the repository's seed folder.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "seed")
}

// Article returns the seed article's text.
func Article(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(), "article.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// MustGraph returns a new in-memory graph holding exactly the seed, loaded
// the way `actorgraph load seed` loads it.
func MustGraph(tb testing.TB) *inmem.Store {
	tb.Helper()
	s := inmem.New()
	if _, err := loaders.Load(context.Background(), s, Dir()); err != nil {
		tb.Fatalf("load the seed into memory: %v", err)
	}
	return s
}
