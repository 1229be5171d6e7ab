package extract

import (
	"fmt"
	"strings"
)

// PatternsMarkdown renders Patterns and the structural rules as the
// Markdown table docs/extraction.md holds (a test keeps the two equal).
func PatternsMarkdown() string {
	var b strings.Builder
	b.WriteString("| # | relation | predicate | lemmas | subject paths | object paths | requires | confidence |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	pos := map[string]string{"V": "verb", "N": "noun", "J": "adjective/participle", "": "any"}
	for i, p := range Patterns {
		req := strings.Join(p.Requires, " or ")
		if p.Certainty != "" {
			req = strings.TrimSpace(req + " (certainty " + string(p.Certainty) + ")")
		}
		if len(p.ObjectKinds) > 0 {
			var ks []string
			for _, k := range p.ObjectKinds {
				ks = append(ks, string(k))
			}
			req = strings.TrimSpace(req + " object kind " + strings.Join(ks, "/"))
		}
		if len(p.ObjectVia) > 0 {
			req = strings.TrimSpace(req + " object through " + strings.Join(p.ObjectVia, "/"))
		}
		if len(p.ObjectNotVia) > 0 {
			req = strings.TrimSpace(req + " object not through " + strings.Join(p.ObjectNotVia, "/"))
		}
		if len(p.ComplementCue) > 0 {
			req = strings.TrimSpace(req + " complement holds " + strings.Join(p.ComplementCue, "/"))
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s | %.2f |\n", i+1, p.Relation, pos[p.POS],
			code(p.Lemmas, ", "), code(p.Subject, " "), code(p.Object, " "), escapePipes(req), p.Confidence)
	}
	return b.String()
}

func code(xs []string, sep string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = "`" + escapePipes(x) + "`"
	}
	return strings.Join(out, sep)
}

func escapePipes(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
