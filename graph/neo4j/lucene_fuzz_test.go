package neo4j

import (
	"strings"
	"testing"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// FuzzLuceneQuery checks that no request text puts Lucene syntax of its
// own into the full-text query: the output holds only letter-and-digit
// words and the operators luceneQuery itself writes, balanced, and at most
// graph.MaxSearchWords clauses.
func FuzzLuceneQuery(f *testing.F) {
	for _, s := range []string{"Kataib Hezbollah", `"unbalanced`, `name:iran~ AND (x OR`, `*:*`, `\"); DROP`, "Ünïcödé 123", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		q := luceneQuery(text)
		depth, clauses := 0, 0
		for i, r := range q {
			switch {
			case unicode.IsLetter(r), unicode.IsDigit(r), r == ' ', r == '^', r == '*', r == '~':
			case r == '(':
				depth++
			case r == ')':
				if depth--; depth < 0 {
					t.Fatalf("unbalanced parentheses in %q", q)
				}
			default:
				t.Fatalf("character %q at %d of %q comes from the request", r, i, q)
			}
		}
		if depth != 0 {
			t.Fatalf("unbalanced parentheses in %q", q)
		}
		for _, c := range strings.Fields(strings.NewReplacer(" OR ", "|").Replace(q)) {
			if c != "" {
				clauses++
			}
		}
		if clauses > graph.MaxSearchWords {
			t.Fatalf("%d clauses from %q", clauses, text)
		}
		if strings.TrimSpace(text) != "" && q == "" && strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			t.Fatalf("text %q with letters gave an empty query", text)
		}
	})
}
