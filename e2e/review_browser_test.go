package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/server"
)

// The article the review test curates. "𝕏" lies outside the Basic
// Multilingual Plane (two UTF-16 units, one code point), before every
// claim, so offsets a page took from JavaScript's string indexes would be
// off by one.
const (
	reviewArticleID = "militia-threat-posted-on-x"
	reviewArticle   = "BAGHDAD — In a statement posted on 𝕏 late on Sunday, Kataib Hezbollah threatened the United States with “a long war”. " +
		"Iran backs Kataib Hezbollah, officials said. President Trump criticised Tehran on Monday. Trump praised Iraq. " +
		"Abu Hussein al-Hamidawi warned Washington against any attack."
)

// cp is the code-point offset of the nth (from 1) occurrence of phrase in
// the review article.
func cp(t *testing.T, phrase string, nth int) graph.Span {
	t.Helper()
	from := 0
	for i := 0; i < nth; i++ {
		j := strings.Index(reviewArticle[from:], phrase)
		if j < 0 {
			t.Fatalf("%q occurs fewer than %d times in the review article", phrase, nth)
		}
		from += j
		if i+1 < nth {
			from += len(phrase)
		}
	}
	start := utf8.RuneCountInString(reviewArticle[:from])
	return graph.Span{Start: start, End: start + utf8.RuneCountInString(phrase)}
}

// reviewDrafter is the test's curation.Drafter: the drafts an extractor
// might propose for the review article, at offsets computed from its
// text. Any other article gets none.
type reviewDrafter struct{ claims []graph.Claim }

func (d reviewDrafter) Name() string { return "e2e" }

func (d reviewDrafter) Draft(_ context.Context, a graph.Article, _ curation.ActorLookup) (curation.Draft, error) {
	if a.Text != reviewArticle {
		return curation.Draft{Drafter: "e2e", Actors: []graph.Actor{}, Claims: []graph.Claim{}}, nil
	}
	return curation.Draft{Drafter: "e2e", Actors: []graph.Actor{}, Claims: d.claims}, nil
}

func newReviewDrafter(t *testing.T) reviewDrafter {
	draft := func(key, subject, subjectText string, subjectNth int, rel graph.RelationType, object, objectText string, objectNth int, quote string, cert graph.Certainty, confidence float64) graph.Claim {
		q := cp(t, quote, 1)
		return graph.Claim{
			ID: reviewArticleID + "/" + key, ArticleID: reviewArticleID, Relation: rel,
			SubjectID: subject, SubjectText: subjectText, SubjectSpan: cp(t, subjectText, subjectNth),
			ObjectID: object, ObjectText: objectText, ObjectSpan: cp(t, objectText, objectNth),
			Certainty: cert, Quote: quote, Start: q.Start, End: q.End, Draft: true, Confidence: confidence,
			Time: graph.ClaimTime{Status: graph.Ongoing},
		}
	}
	return reviewDrafter{claims: []graph.Claim{
		draft("kh-threatens-us", "kataib-hezbollah", "Kataib Hezbollah", 1, graph.RelThreatens, "united-states", "the United States", 1,
			"Kataib Hezbollah threatened the United States", graph.Asserted, 0.9),
		draft("iran-supports-kh", "iran", "Iran", 1, graph.RelSupports, "kataib-hezbollah", "Kataib Hezbollah", 2,
			"Iran backs Kataib Hezbollah", graph.Reported, 0.8),
		// The object is wrong (Tehran is Iran): the reviewer edits it.
		draft("trump-criticises-tehran", "donald-trump", "President Trump", 1, graph.RelCriticises, "united-states", "Tehran", 1,
			"President Trump criticised Tehran on Monday", graph.Asserted, 0.6),
		// The reviewer rejects this one.
		draft("trump-praises-iraq", "donald-trump", "Trump", 2, graph.RelPraises, "iraq", "Iraq", 1,
			"Trump praised Iraq", graph.Asserted, 0.3),
	}}
}

// TestReviewInBrowser drives /review in headless Chromium against the real
// server over the seeded Neo4j, as a curator would, with the keyboard
// where the page offers it: sign in, paste an article, accept two drafts,
// edit one, reject one, create one from a selected span, commit. Then the
// API and Cypher hold exactly those claims at the right code-point
// offsets, and the audit trail records the commit with each decision.
func TestReviewInBrowser(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	bg := auth.NewContext(context.Background(), auth.CommandLine("review e2e")) // token changes are made, and recorded, as an admin
	tokens := auth.NewAuthenticator(s, auth.Options{Hash: auth.HashParams{Time: 1, MemoryKiB: 64, Threads: 1}})
	tok, bearer, err := tokens.Create(bg, "review e2e", auth.Editor)
	if err != nil {
		t.Fatal(err)
	}
	drafter := newReviewDrafter(t)
	svc := &curation.Service{Store: s, Graph: s, Drafter: drafter}
	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s, Curation: svc},
		server.Options{Playground: true, Introspection: true, Auth: server.AuthOptions{Tokens: tokens}}))
	defer srv.Close()
	shots, err := os.MkdirTemp("", "actorgraph-review-")
	if err != nil {
		t.Fatal(err)
	}
	// The browser logs the 401 the revoked token gets; nothing else.
	ctx := browserCtxExpecting(t, func(msg string) bool {
		return strings.Contains(msg, "Failed to load resource: the server responded with a status of 401")
	})
	state := func(what string) string {
		v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({status: [...document.querySelectorAll('[role=status],[role=alert]')].map(e => e.textContent).filter(Boolean),
			claims: review.state.claims.map(c => ({id: c.id, status: c.status, errors: c.errors})), focus: document.activeElement && (document.activeElement.id || document.activeElement.className)})`))
		return what + ": " + v
	}
	wait := func(what, expr string) {
		t.Helper()
		if !polled(ctx, expr, 30*time.Second) {
			t.Fatalf("waiting for %s (%s)\npage %s", what, expr, state("state"))
		}
	}
	key := func(what, keys string, opts ...chromedp.KeyOption) {
		t.Helper()
		do(t, ctx, what, chromedp.KeyEvent(keys, opts...))
	}
	shortcut := func(what string, r rune) { t.Helper(); press(t, ctx, what, r) }
	focused := func() string {
		return eval[string](t, ctx, `document.activeElement.dataset.key ? review.state.claims.find(c => c.key === document.activeElement.dataset.key).id : document.activeElement.id`)
	}

	// 1. Sign in with the editor's token.
	do(t, ctx, "open /review", chromedp.Navigate(srv.URL+"/review"))
	eval[bool](t, ctx, `review.ready.then(() => true)`)
	do(t, ctx, "type the token", chromedp.SendKeys(chromedp.CSS("#token"), bearer), chromedp.Click(chromedp.CSS("#signin-button")))
	wait("sign-in", `review.state.principal && review.state.principal.role === 'EDITOR' && !document.getElementById('whoami').hidden`)
	if got := eval[string](t, ctx, `sessionStorage.getItem('actorgraph:review-token')`); got != bearer {
		t.Fatalf("the token is not kept in sessionStorage")
	}

	// 2. Paste the article with its details and draft.
	do(t, ctx, "fill the article",
		chromedp.SendKeys(chromedp.CSS("#a-title"), "Militia threat posted on X"),
		chromedp.SendKeys(chromedp.CSS("#a-published"), "2026-02-02"),
		chromedp.SendKeys(chromedp.CSS("#a-dateline"), "BAGHDAD"),
		chromedp.SetValue(chromedp.CSS("#a-text"), reviewArticle))
	if id := eval[string](t, ctx, `document.getElementById('a-id').value`); id != reviewArticleID {
		t.Fatalf("article id made from the title: %q, want %q", id, reviewArticleID)
	}
	do(t, ctx, "draft", chromedp.Click(chromedp.CSS("#draft")))
	wait("the drafts", `review.state.claims.length === 4 && document.querySelectorAll('#claims .card').length === 4`)
	screenshot(t, ctx, shots, "1-drafts")

	// Every draft is highlighted in place: its quote, and its subject's and
	// object's words, at the drafted code-point offsets.
	type mark struct {
		Keys, Class, Text string
		Start             int
	}
	marks := eval[[]mark](t, ctx, `(() => { const a = document.getElementById('article'); return [...a.querySelectorAll('mark')].map(m => {
		const r = document.createRange(); r.setStart(a, 0); r.setEnd(m.firstChild, 0);
		return {keys: m.dataset.keys, class: m.className, text: m.textContent, start: [...r.toString()].length}; }); })()`)
	covered := func(key, role string) string {
		var b strings.Builder
		for _, m := range marks {
			if slices.Contains(strings.Fields(m.Class), role) && slices.Contains(strings.Fields(m.Keys), key) {
				b.WriteString(m.Text)
			}
		}
		return b.String()
	}
	keys := eval[[]string](t, ctx, `review.state.claims.map(c => c.key)`)
	for i, d := range drafter.claims {
		for _, c := range []struct{ role, want string }{{"quote", d.Quote}, {"subject", d.SubjectText}, {"object", d.ObjectText}} {
			if got := covered(keys[i], c.role); got != c.want {
				t.Errorf("draft %s: %s highlighted %q, want %q", d.ID, c.role, got, c.want)
			}
		}
	}
	for _, m := range marks {
		if got := string([]rune(reviewArticle)[m.Start : m.Start+utf8.RuneCountInString(m.Text)]); got != m.Text {
			t.Errorf("mark %q drawn at code point %d, where the text is %q", m.Text, m.Start, got)
		}
	}

	// 3. Keyboard: the first draft has the focus; accept it (a), move on
	// (j) and accept the second.
	if f := focused(); f != "kh-threatens-us" {
		t.Fatalf("focus after drafting is on %q, want the first draft", f)
	}
	// The focus shows, and Tab walks from a card to its buttons.
	if ring := eval[string](t, ctx, `(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; })()`); strings.HasPrefix(ring, "none") || strings.HasSuffix(ring, " 0px") {
		t.Errorf("the focused card shows no focus ring (outline %s)", ring)
	}
	key("tab", "\t")
	if got := eval[string](t, ctx, `document.activeElement.textContent + ' in ' + document.activeElement.closest('.card').dataset.key`); got != "Accept in "+keys[0] {
		t.Errorf("Tab from the first card went to %q, want its Accept button", got)
	}
	key("shift-tab", "\t", chromedp.KeyModifiers(chromedp.ModifierShift))
	shortcut("accept the first draft", 'a')
	wait("the first acceptance", `review.state.claims[0].status === 'accepted'`)
	shortcut("next", 'j')
	if f := focused(); f != "iran-supports-kh" {
		t.Fatalf("j moved the focus to %q, want the second draft", f)
	}
	shortcut("accept the second draft", 'a')
	wait("the second acceptance", `review.state.claims[1].status === 'accepted'`)

	// 4. Edit the third: e opens its editor; the object becomes Iran through
	// the typo-tolerant actor search ("Tehrn" for the alias Tehran), the
	// time status PAST; then save and accept.
	shortcut("next", 'j')
	shortcut("edit", 'e')
	third := keys[2]
	wait("the editor", fmt.Sprintf(`!!document.querySelector('.card[data-key=%q] form.editor') && document.activeElement.name === 'id'`, third))
	object := fmt.Sprintf(`#%s-object`, third)
	// Clear the drafted object as a curator would (select all, type over it).
	do(t, ctx, "search the object", chromedp.Focus(chromedp.CSS(object)), chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.SendKeys(chromedp.CSS(object), "Tehrn"))
	wait("the search hits", fmt.Sprintf(`!!document.querySelector('.card[data-key=%q] .options li[data-id="iran"]')`, third))
	hits := eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll('.card[data-key=%q] .options li[role=option]').length`, third))
	for i := 0; i < hits && eval[string](t, ctx, fmt.Sprintf(`document.querySelector('.card[data-key=%q] .options li.active').dataset.id`, third)) != "iran"; i++ {
		key("next hit", kb.ArrowDown)
	}
	key("pick Iran", "\r")
	if got := eval[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).dataset.actor`, object)); got != "iran" {
		t.Fatalf("picked %q as the object, want iran", got)
	}
	do(t, ctx, "time status", chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`#%s-timeStatus`, third)), "PAST"))
	screenshot(t, ctx, shots, "2-editing")
	do(t, ctx, "save and accept", chromedp.Click(chromedp.CSS(fmt.Sprintf(`.card[data-key=%q] form.editor button[type=submit]`, third))))
	wait("the edited acceptance", `review.state.claims[2].status === 'accepted' && review.state.claims[2].edited && review.state.claims[2].object.id === 'iran'`)

	// 5. Reject the fourth (x).
	if f := focused(); f != "trump-criticises-tehran" {
		t.Fatalf("focus after saving is on %q, want the edited claim", f)
	}
	shortcut("next", 'j')
	shortcut("reject", 'x')
	wait("the rejection", `review.state.claims[3].status === 'rejected'`)
	if n := eval[int](t, ctx, fmt.Sprintf(`[...document.querySelectorAll('#article mark')].filter(m => m.dataset.keys.split(' ').includes(%q)).length`, keys[3])); n != 0 {
		t.Errorf("the rejected draft is still highlighted (%d marks)", n)
	}

	// 6. Select a span with the mouse and make a claim of it (n); pick its
	// subject by a misspelt name and its object by an alias.
	sel := "Abu Hussein al-Hamidawi warned Washington against any attack"
	box := eval[[]float64](t, ctx, fmt.Sprintf(`(() => {
		const a = document.getElementById('article'), want = %q;
		const walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			const i = n.data.indexOf(want);
			if (i < 0) continue;
			n.parentElement.scrollIntoView({block: 'center'});
			const r = document.createRange();
			r.setStart(n, i); r.setEnd(n, i + 1);
			const first = r.getBoundingClientRect();
			r.setStart(n, i + want.length - 1); r.setEnd(n, i + want.length);
			const last = r.getBoundingClientRect();
			return [first.left + 1, first.top + first.height / 2, last.right - 1, last.top + last.height / 2];
		}
		return [];
	})()`, sel))
	if len(box) != 4 {
		t.Fatalf("%q is not one text node of the article view", sel)
	}
	pressed := func(p *input.DispatchMouseEventParams) { p.Buttons = 1 } // the left button is held while the mouse moves
	do(t, ctx, "drag over the span",
		chromedp.MouseEvent(chromedp.MousePressed, box[0], box[1], chromedp.ButtonType(input.MouseButtonLeft), chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseMoved, (box[0]+box[2])/2, (box[1]+box[3])/2, chromedp.ButtonType(input.MouseButtonLeft), pressed),
		chromedp.MouseEvent(chromedp.MouseMoved, box[2], box[3], chromedp.ButtonType(input.MouseButtonLeft), pressed),
		chromedp.MouseEvent(chromedp.MouseReleased, box[2], box[3], chromedp.ButtonType(input.MouseButtonLeft), chromedp.ClickCount(1)))
	if got := eval[string](t, ctx, `window.getSelection().toString()`); strings.TrimSpace(got) != sel {
		t.Fatalf("the drag selected %q, want %q", got, sel)
	}
	shortcut("new claim from the selection", 'n')
	wait("the new claim", `review.state.claims.length === 5 && review.state.claims[4].origin === 'selection'`)
	fifth := eval[string](t, ctx, `review.state.claims[4].key`)
	selSpan := cp(t, sel, 1)
	if got := eval[[]int](t, ctx, `[review.state.claims[4].start, review.state.claims[4].end]`); got[0] != selSpan.Start || got[1] != selSpan.End {
		t.Fatalf("the selection became offsets %v, want code points %v", got, selSpan)
	}
	pick := func(field, typed, id string) {
		t.Helper()
		in := fmt.Sprintf(`#%s-%s`, fifth, field)
		do(t, ctx, "search "+field, chromedp.SendKeys(chromedp.CSS(in), typed))
		hit := fmt.Sprintf(`.card[data-key=%q] .options li[data-id=%q]`, fifth, id)
		wait(field+" hits", fmt.Sprintf(`!!document.querySelector(%q)`, hit))
		do(t, ctx, "pick "+id, chromedp.Click(chromedp.CSS(hit)))
		if got := eval[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).dataset.actor`, in)); got != id {
			t.Fatalf("%s: picked %q, want %s", field, got, id)
		}
	}
	pick("subject", "Hamidawy", "abu-hussein-al-humaidawi")
	do(t, ctx, "relation", chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`#%s-relation`, fifth)), string(graph.RelWarns)))
	pick("object", "Washington", "united-states")
	do(t, ctx, "id", chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`#%s-id`, fifth)), "humaidawi-warns-washington"))
	do(t, ctx, "save and accept", chromedp.Click(chromedp.CSS(fmt.Sprintf(`.card[data-key=%q] form.editor button[type=submit]`, fifth))))
	wait("the new claim accepted", `review.state.claims[4].status === 'accepted' && !document.querySelector('form.editor')`)
	screenshot(t, ctx, shots, "3-reviewed")

	// 7. A problem only the server finds (the object's words, mistyped, are
	// not in the text) is shown on the claim it concerns, and nothing is
	// written; fixed, the commit (Ctrl+Enter) goes through.
	objectWords := func(words string) {
		t.Helper()
		do(t, ctx, "focus the new claim", chromedp.Focus(chromedp.CSS(fmt.Sprintf(`.card[data-key=%q]`, fifth))))
		shortcut("edit", 'e')
		do(t, ctx, "object's words", chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`#%s-objectText`, fifth)), words),
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`.card[data-key=%q] form.editor button[type=submit]`, fifth))))
		wait("the claim saved", fmt.Sprintf(`review.state.claims[4].objectText === %q && review.state.claims[4].status === 'accepted' && !document.querySelector('form.editor')`, words))
	}
	// A token revoked while the curator works: the commit is refused, the
	// review kept; signed in again with a new token, the curator goes on.
	if _, err := tokens.Revoke(bg, tok.ID); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "commit with the revoked token", chromedp.Click(chromedp.CSS("#commit")))
	wait("the refusal", `document.getElementById('commit-status').textContent.includes('no longer accepts your token') && !document.getElementById('signin').hidden`)
	if n := eval[int](t, ctx, `review.state.claims.filter(c => c.status === 'accepted').length`); n != 4 {
		t.Fatalf("after the refusal %d claims are accepted, want the 4 still", n)
	}
	tok, bearer, err = tokens.Create(bg, "review e2e", auth.Editor)
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "sign in again", chromedp.SendKeys(chromedp.CSS("#token"), bearer+"\r"))
	wait("signed in again", `review.state.principal && review.state.principal.role === 'EDITOR'`)

	objectWords("Washingtn")
	do(t, ctx, "commit", chromedp.Click(chromedp.CSS("#commit")))
	wait("the problem on the claim", fmt.Sprintf(`review.state.claims[4].errors.length > 0 && !!document.querySelector('.card[data-key=%q] .errors')`, fifth))
	problem := text(t, ctx, fmt.Sprintf(`.card[data-key=%q] .errors`, fifth))
	if !strings.Contains(problem, "Washingtn") || !strings.Contains(problem, "objectText") {
		t.Errorf("the problem shown on the claim: %q", problem)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#claims .errors').length`); n != 1 {
		t.Errorf("%d claims show problems, want only the one concerned", n)
	}
	if st := text(t, ctx, "#commit-status"); !strings.Contains(st, "Nothing was written") {
		t.Errorf("commit status after the refusal: %q", st)
	}
	var none struct{ Article *struct{ ID string } }
	gql(t, srv.URL, "", `query($id: ID!) { article(id: $id) { id } }`, map[string]any{"id": reviewArticleID}, &none)
	if none.Article != nil {
		t.Fatal("the refused commit wrote the article")
	}
	screenshot(t, ctx, shots, "4-refused")
	objectWords("Washington")

	do(t, ctx, "focus the claims", chromedp.Focus(chromedp.CSS(fmt.Sprintf(`.card[data-key=%q]`, fifth))))
	do(t, ctx, "commit", chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	wait("the commit", `!document.getElementById('done').hidden`)
	screenshot(t, ctx, shots, "5-committed")
	link := eval[string](t, ctx, `document.getElementById('done-explore').href`)
	if !strings.Contains(link, "/explore?focus=") || !strings.Contains(link, "sel=e:") {
		t.Errorf("explore link %s", link)
	}

	// 8. The API has exactly the four claims, at the right offsets.
	type span struct{ Start, End int }
	type claim struct {
		ID          string
		Type        string
		Subject     struct{ ID string }
		Object      struct{ ID string }
		SubjectSpan span
		ObjectSpan  span
		Certainty   string
		TimeStatus  string
		Quote       string
		Start, End  int
		Version     int
	}
	var got struct{ Article struct{ Claims []claim } }
	gql(t, srv.URL, "", `query($id: ID!) { article(id: $id) { claims { id type subject { id } object { id } subjectSpan { start end } objectSpan { start end }
		certainty timeStatus quote start end version } } }`, map[string]any{"id": reviewArticleID}, &got)
	type want struct {
		key, typ, subject, object, certainty, status, quote, subjectText, objectText string
		subjectNth, objectNth                                                        int
	}
	wants := []want{
		{"humaidawi-warns-washington", "WARNS", "abu-hussein-al-humaidawi", "united-states", "ASSERTED", "ONGOING", sel, "Abu Hussein al-Hamidawi", "Washington", 1, 1},
		{"iran-supports-kh", "SUPPORTS", "iran", "kataib-hezbollah", "REPORTED", "ONGOING", "Iran backs Kataib Hezbollah", "Iran", "Kataib Hezbollah", 1, 2},
		{"kh-threatens-us", "THREATENS", "kataib-hezbollah", "united-states", "ASSERTED", "ONGOING", "Kataib Hezbollah threatened the United States", "Kataib Hezbollah", "the United States", 1, 1},
		{"trump-criticises-tehran", "CRITICISES", "donald-trump", "iran", "ASSERTED", "PAST", "President Trump criticised Tehran on Monday", "President Trump", "Tehran", 1, 1},
	}
	slices.SortFunc(got.Article.Claims, func(a, b claim) int { return strings.Compare(a.ID, b.ID) })
	if len(got.Article.Claims) != len(wants) {
		t.Fatalf("the article has %d claims, want %d: %+v", len(got.Article.Claims), len(wants), got.Article.Claims)
	}
	for i, w := range wants {
		c := got.Article.Claims[i]
		q, st, ot := cp(t, w.quote, 1), cp(t, w.subjectText, w.subjectNth), cp(t, w.objectText, w.objectNth)
		ok := c.ID == reviewArticleID+"/"+w.key && c.Type == w.typ && c.Subject.ID == w.subject && c.Object.ID == w.object &&
			c.Certainty == w.certainty && c.TimeStatus == w.status && c.Quote == w.quote && c.Start == q.Start && c.End == q.End &&
			c.SubjectSpan == span(st) && c.ObjectSpan == span(ot) && c.Version == 1
		if !ok {
			t.Errorf("claim %d: %+v\nwant %+v with quote at %v, subject at %v, object at %v, version 1", i, c, w, q, st, ot)
		}
	}

	// 9. Cypher sees the same claims and offsets, and no trace of the
	// rejected draft.
	res, err := s.RunReadOnly(bg, `MATCH (c:Claim)-[:STATED_IN]->(:Article {id: $id})
		MATCH (c)-[sr:SUBJECT]->(sa:Actor), (c)-[or:OBJECT]->(oa:Actor)
		RETURN c.id, c.start, c.end, sa.id, sr.start, sr.end, oa.id, or.start, or.end ORDER BY c.id`, map[string]any{"id": reviewArticleID})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != len(wants) {
		t.Fatalf("Cypher finds %d claims of the article, want %d: %v", len(res.Rows), len(wants), res.Rows)
	}
	for i, w := range wants {
		q, st, ot := cp(t, w.quote, 1), cp(t, w.subjectText, w.subjectNth), cp(t, w.objectText, w.objectNth)
		wantRow := []any{reviewArticleID + "/" + w.key, int64(q.Start), int64(q.End), w.subject, int64(st.Start), int64(st.End), w.object, int64(ot.Start), int64(ot.End)}
		if fmt.Sprint(res.Rows[i]) != fmt.Sprint(wantRow) {
			t.Errorf("Cypher row %d: %v\nwant %v", i, res.Rows[i], wantRow)
		}
	}
	if n, err := s.RunReadOnly(bg, `MATCH (c:Claim {id: $id}) RETURN count(c)`, map[string]any{"id": reviewArticleID + "/trump-praises-iraq"}); err != nil || n.Rows[0][0] != int64(0) {
		t.Errorf("the rejected draft is in the graph: %v %v", n, err)
	}

	// 10. The audit trail: the article's history holds the commit, by the
	// editor's token, naming each claim, with the review's decisions as its
	// reason; each claim's history holds the same revision.
	type revision struct {
		ID, Action, ByTokenID, ByName, ByRole, Reason string
		Targets                                       []string
	}
	// Revisions outlive the graph they changed (nothing deletes them), so
	// a database that ran this test before holds earlier runs' revisions
	// too: count this run's, made with this run's token.
	history := func(id string) []revision {
		t.Helper()
		var h struct{ History []revision }
		gql(t, srv.URL, "", `query($id: ID!) { history(id: $id) { id action byTokenId byName byRole reason targets } }`, map[string]any{"id": id}, &h)
		var mine []revision
		for _, r := range h.History {
			if r.ByTokenID == tok.ID {
				mine = append(mine, r)
			}
		}
		return mine
	}
	h := history(reviewArticleID)
	if len(h) != 1 {
		t.Fatalf("article history (this run's token): %+v, want one commit", h)
	}
	r := h[0]
	wantReason := "Reviewed on /review: accepted kh-threatens-us, iran-supports-kh; edited trump-criticises-tehran; rejected trump-praises-iraq; from selection humaidawi-warns-washington"
	if r.Action != "COMMIT_ARTICLE" || r.ByTokenID != tok.ID || r.ByName != "review e2e" || r.ByRole != "EDITOR" || r.Reason != wantReason {
		t.Errorf("commit revision %+v\nwant COMMIT_ARTICLE by %s (review e2e, EDITOR), reason %q", r, tok.ID, wantReason)
	}
	for _, w := range wants {
		id := reviewArticleID + "/" + w.key
		if !slices.Contains(r.Targets, id) {
			t.Errorf("the commit's targets %v lack %s", r.Targets, id)
		}
		if ch := history(id); len(ch) != 1 || ch[0].ID != r.ID {
			t.Errorf("history of %s: %+v, want the commit %s", id, ch, r.ID)
		}
	}
	if !polled(ctx, fmt.Sprintf(`document.getElementById('done-revision').textContent.includes(%q)`, r.ID), 30*time.Second) {
		t.Errorf("the done view does not name the commit's revision %s: %q", r.ID, text(t, ctx, "#done-revision"))
	}
	if slices.Contains(r.Targets, reviewArticleID+"/trump-praises-iraq") {
		t.Errorf("the commit names the rejected draft: %v", r.Targets)
	}

	// 11. The link opens the new claims in /explore: a committed claim's
	// relationship selected, the claim listed with its quote.
	do(t, ctx, "open the explore link", chromedp.Navigate(link))
	eval[bool](t, ctx, `explorer.ready.then(() => true)`)
	quotes := make([]string, len(wants))
	for i, w := range wants {
		quotes[i] = w.quote
	}
	poll(t, ctx, "a committed claim in explore", fmt.Sprintf(`[...document.querySelectorAll('#panel .claim .quote')].some(q => %s.includes(q.textContent))`, jsJSON(quotes)))
	t.Logf("screenshots are in %s", shots)
}

// gql POSTs a GraphQL query (with a bearer token when given) and decodes
// its data into out; any error fails the test.
func gql(t *testing.T, base, bearer, query string, vars map[string]any, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var r struct {
		Data   json.RawMessage
		Errors []gqlError
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("status %d, undecodable answer %s: %v", res.StatusCode, raw, err)
	}
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", query, r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		t.Fatalf("decode %s: %v", r.Data, err)
	}
}

// jsJSON writes v as a JavaScript literal.
func jsJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
