package resolvers_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/actorgraph/actorgraph/graph/generated"
	"github.com/actorgraph/actorgraph/resolvers"
)

// scalarSelection selects every field of a GraphQL object type whose type
// is a scalar or an enum, and every field of its Span-typed fields: what
// a client listing claims "with every scalar field" sends. It reads the
// type from the schema, so fields added later are selected too.
func scalarSelection(a *api, typeName string) string {
	a.t.Helper()
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &resolvers.Resolver{}}).Schema()
	def := schema.Types[typeName]
	if def == nil {
		a.t.Fatalf("the schema has no type %s", typeName)
	}
	var sel []string
	for _, f := range def.Fields {
		switch t := schema.Types[f.Type.Name()]; {
		case t == nil:
			a.t.Fatalf("%s.%s has the unknown type %s", typeName, f.Name, f.Type.Name())
		case t.Kind == ast.Scalar || t.Kind == ast.Enum:
			sel = append(sel, f.Name)
		case t.Kind == ast.Object && t.Name == "Span":
			sel = append(sel, f.Name+" { start end text }")
		}
	}
	return strings.Join(sel, " ")
}

// Listing every claim of one article in pages of 100 with every scalar
// field passes the default cost limit; so do the ends of each claim.
func TestClaimsOfAnArticleFitTheCostLimit(t *testing.T) {
	a := newAPI(t)
	fields := scalarSelection(a, "Claim")
	for _, want := range []string{"certainty", "ownStatement", "timeStatus", "validFrom", "sentenceStart", "subjectSpan { start end text }", "condition { start end text }"} {
		if !strings.Contains(fields, want) {
			t.Fatalf("the selection %q lacks %s", fields, want)
		}
	}
	q := `query($after: String) { claims(filter: {article: "iran-aligned-militias-threaten-us"}, first: 100, after: $after) {
		totalCount pageInfo { hasNextPage endCursor }
		edges { cursor node { ` + fields + ` subject { id name } object { id name } attributedTo { id name } } } } }`
	type page struct {
		Claims struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   *string
			}
			Edges []struct {
				Cursor string
				Node   map[string]any // every scalar field
			}
		}
	}
	var ids []string
	var after any
	for range 3 {
		var p page
		a.do(q, &p, vars(map[string]any{"after": after}))
		for _, e := range p.Claims.Edges {
			id, _ := e.Node["id"].(string)
			ids = append(ids, id)
		}
		if p.Claims.TotalCount != 72 {
			t.Fatalf("totalCount %d, want the seed's 72", p.Claims.TotalCount)
		}
		if !p.Claims.PageInfo.HasNextPage {
			break
		}
		after = *p.Claims.PageInfo.EndCursor
	}
	if len(ids) != 72 || !slices.IsSorted(ids) {
		t.Fatalf("listed %d claims (in id order: %v), want 72", len(ids), slices.IsSorted(ids))
	}
	// The limit is in force: the same listing with each claim's
	// relationship's claims nested is refused.
	errs := a.errors(`{ claims(first: 100) { nodes { ` + fields + ` relationship { claims { ` + fields + `
		relationship { claims { ` + fields + ` relationship { claims { id } } } } } } } } }`)
	if len(errs) == 0 || errs[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Fatalf("a far costlier query was not refused: %+v", errs)
	}
}

// Every span a claim gives selects its words in the article: the quote,
// the subject's and object's mentions, the condition, the time cue, and
// the sentence holds the quote's start.
func TestClaimSpansSelectTheirWords(t *testing.T) {
	a := newAPI(t)
	type span struct {
		Start, End int
		Text       string
	}
	var got struct {
		Claims struct {
			Nodes []struct {
				ID, Quote, SubjectText, ObjectText string
				Start, End                         int
				SentenceStart, SentenceEnd         int
				Conditional                        bool
				SubjectSpan, ObjectSpan            *span
				Condition, TimeCue                 *span
				Article                            struct{ Text string }
			}
		}
	}
	a.do(`{ claims(first: 100) { nodes { id quote start end subjectText objectText sentenceStart sentenceEnd conditional
		subjectSpan { start end text } objectSpan { start end text } condition { start end text } timeCue { start end text }
		article { text } } } }`, &got)
	if len(got.Claims.Nodes) != 72 {
		t.Fatalf("%d claims, want 72", len(got.Claims.Nodes))
	}
	conditions, cues := 0, 0
	for _, c := range got.Claims.Nodes {
		text := []rune(c.Article.Text)
		at := func(what string, sp *span, want string) {
			if sp == nil {
				t.Errorf("%s: no %s span", c.ID, what)
				return
			}
			if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End || string(text[sp.Start:sp.End]) != sp.Text || (want != "" && sp.Text != want) {
				t.Errorf("%s: %s span %+v does not select %q", c.ID, what, sp, want)
			}
		}
		at("quote", &span{c.Start, c.End, c.Quote}, c.Quote)
		at("subject", c.SubjectSpan, c.SubjectText)
		at("object", c.ObjectSpan, c.ObjectText)
		if c.Condition != nil {
			at("condition", c.Condition, "")
			conditions++
		}
		if c.TimeCue != nil {
			at("time cue", c.TimeCue, "")
			cues++
		}
		if c.Conditional != (c.Condition != nil) {
			t.Errorf("%s: conditional %v but condition %+v", c.ID, c.Conditional, c.Condition)
		}
		if !(c.SentenceStart <= c.Start && c.Start < c.SentenceEnd && c.SentenceEnd <= len(text)) {
			t.Errorf("%s: sentence %d..%d does not hold the quote's start %d", c.ID, c.SentenceStart, c.SentenceEnd, c.Start)
		}
	}
	if conditions == 0 || cues == 0 {
		t.Errorf("%d conditions and %d time cues checked; the seed has both", conditions, cues)
	}
}

// A text search ranks best first and pages by position; id order pages by
// id; cursors of one kind are refused by the other; bad windows are refused.
func TestClaimsPagingAndSearch(t *testing.T) {
	a := newAPI(t)
	type page struct {
		Claims struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage, HasPreviousPage bool
				EndCursor                    *string
			}
			Nodes []struct{ ID, Quote string }
		}
	}
	const q = `query($text: String, $after: String) { claims(filter: {text: $text}, first: 3, after: $after) {
		totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id quote } } }`
	var all page
	a.do(`{ claims(filter: {text: "retaliaton"}, first: 100) { totalCount nodes { id quote } } }`, &all)
	if all.Claims.TotalCount == 0 || !strings.Contains(strings.ToLower(all.Claims.Nodes[0].Quote), "retaliat") {
		t.Fatalf("a misspelt search finds %+v", all.Claims)
	}
	var seen []string
	var after any
	for i := 0; ; i++ {
		var p page
		a.do(q, &p, vars(map[string]any{"text": "retaliaton", "after": after}))
		if p.Claims.PageInfo.HasPreviousPage != (i > 0) {
			t.Fatalf("page %d: hasPreviousPage %v", i, p.Claims.PageInfo.HasPreviousPage)
		}
		for _, n := range p.Claims.Nodes {
			seen = append(seen, n.ID)
		}
		if !p.Claims.PageInfo.HasNextPage {
			break
		}
		after = *p.Claims.PageInfo.EndCursor
	}
	var whole []string
	for _, n := range all.Claims.Nodes {
		whole = append(whole, n.ID)
	}
	if !slices.Equal(seen, whole) {
		t.Fatalf("paging the search gave %v, one page gave %v", seen, whole)
	}
	var first page
	a.do(q, &first, vars(map[string]any{"text": nil, "after": nil}))
	for _, c := range []struct {
		query string
		vars  map[string]any
		msg   string
	}{
		{q, map[string]any{"text": "retaliation", "after": *first.Claims.PageInfo.EndCursor}, "not a cursor from this connection"},
		{q, map[string]any{"text": "!!!", "after": nil}, "at least one letter or digit"},
		{`{ claims(filter: {asOf: "2026-01-01", between: {from: "2025-01-01"}}) { totalCount } }`, nil, "asOf or between, not both"},
		{`{ claims(filter: {between: {from: "2026-01-01", to: "2025-01-01"}}) { totalCount } }`, nil, "ends (2025-01-01) before it starts"},
		{`{ claims(filter: {asOf: "2026-02-30"}) { totalCount } }`, nil, "is not a date"},
		{`{ relationships(asOf: "2026-01-01", between: {to: "2027-01-01"}) { totalCount } }`, nil, "asOf or between, not both"},
		{`{ claims(first: 101) { totalCount } }`, nil, "first must be between 1 and 100"},
	} {
		errs := a.errors(c.query, vars(c.vars))
		if len(errs) == 0 || !strings.Contains(errs[0].Message, c.msg) {
			t.Errorf("%s %v: %+v, want %q", c.query, c.vars, errs, c.msg)
		}
	}
}
