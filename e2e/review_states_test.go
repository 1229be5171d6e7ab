package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/server"
)

// TestReviewPageStates drives /review's sign-in, its checks of the article
// form, and what it says when the server refuses: a wrong token, a
// reader's token, a server that takes no changes. Each state is a clear
// message where the curator is looking, and the token is kept for the tab
// only (sessionStorage), never in the address or the page.
func TestReviewPageStates(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	bg := auth.NewContext(context.Background(), auth.CommandLine("review e2e")) // token changes are made, and recorded, as an admin
	tokens := auth.NewAuthenticator(s, auth.Options{Hash: auth.HashParams{Time: 1, MemoryKiB: 64, Threads: 1}})
	bearer := map[auth.Role]string{}
	for _, r := range []auth.Role{auth.Reader, auth.Editor} {
		_, b, err := tokens.Create(bg, "review "+string(r), r)
		if err != nil {
			t.Fatal(err)
		}
		bearer[r] = b
	}
	// No curation service: the server takes no changes.
	srv := httptest.NewServer(server.New(server.Ports{Graph: s, Export: s, Health: s},
		server.Options{Auth: server.AuthOptions{Tokens: tokens}}))
	defer srv.Close()

	// The page and its assets are served, with headers that keep a page
	// holding a token out of frames and referrers.
	for path, ctype := range map[string]string{"/review": "text/html", "/review/review.js": "text/javascript", "/review/review.css": "text/css"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), ctype) {
			t.Errorf("GET %s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if path == "/review" && (res.Header.Get("X-Frame-Options") != "DENY" || res.Header.Get("Referrer-Policy") != "same-origin") {
			t.Errorf("GET /review headers: %v", res.Header)
		}
	}
	if res, err := http.Get(srv.URL + "/review/secret.txt"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /review/secret.txt: %v %v", res, err)
	}

	// The browser logs the refusals the test provokes (401 for the wrong
	// token, 400 for a server that takes no changes); nothing else.
	ctx := browserCtxExpecting(t, func(msg string) bool {
		return strings.Contains(msg, "Failed to load resource: the server responded with a status of 401") ||
			strings.Contains(msg, "Failed to load resource: the server responded with a status of 400")
	})
	wait := func(what, expr string) {
		t.Helper()
		if !polled(ctx, expr, 30*time.Second) {
			st, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('[role=status],[role=alert]')].map(e => e.id + ': ' + e.textContent).join(' | ')`))
			t.Fatalf("waiting for %s (%s); messages: %s", what, expr, st)
		}
	}
	statusOf := func(id string) string {
		return eval[string](t, ctx, fmt.Sprintf(`document.getElementById(%q).textContent`, id))
	}
	signIn := func(token string) {
		t.Helper()
		eval[string](t, ctx, `document.getElementById('token').value = ''`)
		do(t, ctx, "sign in", chromedp.SendKeys(chromedp.CSS("#token"), token+"\r"))
	}

	do(t, ctx, "open /review", chromedp.Navigate(srv.URL+"/review"))
	eval[bool](t, ctx, `review.ready.then(() => true)`)

	// The form says what it lacks, field by field, and marks the fields.
	do(t, ctx, "draft an empty form", chromedp.Click(chromedp.CSS("#draft")))
	msg := statusOf("start-status")
	for _, w := range []string{"title", "Published", "article text"} {
		if !strings.Contains(msg, w) {
			t.Errorf("empty form: %q does not mention %s", msg, w)
		}
	}
	if got := eval[string](t, ctx, `document.activeElement.id + ' ' + document.getElementById('a-title').getAttribute('aria-invalid')`); got != "a-title true" {
		t.Errorf("after the empty form, focus and mark: %q, want the title marked invalid and focused", got)
	}
	do(t, ctx, "fill the form",
		chromedp.SendKeys(chromedp.CSS("#a-title"), "A short article"),
		chromedp.SendKeys(chromedp.CSS("#a-published"), "yesterday"),
		chromedp.SetValue(chromedp.CSS("#a-text"), "Iran backs Kataib Hezbollah."))
	do(t, ctx, "draft with a bad date", chromedp.Click(chromedp.CSS("#draft")))
	if msg := statusOf("start-status"); !strings.Contains(msg, "YYYY-MM-DD") || strings.Contains(msg, "title") {
		t.Errorf("bad date: %q", msg)
	}
	do(t, ctx, "fix the date", chromedp.SetValue(chromedp.CSS("#a-published"), "2026-02-02"))

	// The hidden file input takes the focus from the keyboard, and its
	// button shows it.
	do(t, ctx, "tab to the file input", chromedp.Focus(chromedp.CSS("#a-text")), chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"))
	if got := eval[string](t, ctx, `document.activeElement.id + ' ' + getComputedStyle(document.querySelector('.filebutton')).outlineStyle`); got != "open-file solid" {
		t.Errorf("Tab from the text past Draft: focus and the file button's outline %q, want open-file solid", got)
	}

	// Not signed in: drafting asks for a token.
	do(t, ctx, "draft before signing in", chromedp.Click(chromedp.CSS("#draft")))
	if msg := statusOf("start-status"); !strings.Contains(msg, "Sign in") {
		t.Errorf("draft before signing in: %q", msg)
	}

	// A wrong token is refused, and not kept.
	signIn("ag_0000000000000000_wrongwrongwrongwrongwrongwrongwrongwrongwrong")
	wait("the refusal", `document.getElementById('signin-status').classList.contains('error')`)
	if msg := statusOf("signin-status"); !strings.Contains(msg, "refused") {
		t.Errorf("wrong token: %q", msg)
	}
	if eval[bool](t, ctx, `sessionStorage.length > 0 || !!review.state.principal`) {
		t.Error("a refused token was kept")
	}

	// A reader's token signs in, with a warning that it cannot change anything.
	signIn(bearer[auth.Reader])
	wait("the reader", `!!review.state.principal`)
	if msg := statusOf("signin-status"); !strings.Contains(msg, "reader") || !strings.Contains(statusOf("who"), "(reader)") {
		t.Errorf("reader token: %q / %q", msg, statusOf("who"))
	}
	do(t, ctx, "sign out", chromedp.Click(chromedp.CSS("#signout")))
	wait("signed out", `!review.state.principal && sessionStorage.length === 0 && document.activeElement.id === 'token'`)

	// The editor's token survives a reload of the tab (sessionStorage), and
	// appears nowhere in the page or its address.
	signIn(bearer[auth.Editor])
	wait("the editor", `review.state.principal && review.state.principal.role === 'EDITOR'`)
	do(t, ctx, "reload", chromedp.Reload())
	eval[bool](t, ctx, `review.ready.then(() => true)`)
	wait("still signed in", `review.state.principal && review.state.principal.role === 'EDITOR'`)
	if eval[bool](t, ctx, fmt.Sprintf(`document.documentElement.outerHTML.includes(%q) || location.href.includes(%q)`, bearer[auth.Editor], bearer[auth.Editor])) {
		t.Error("the token shows in the page or its address")
	}

	// A server that takes no changes: drafting fails with the server's reason.
	eval[string](t, ctx, `document.getElementById('a-title').value = ''`)
	do(t, ctx, "fill again",
		chromedp.SendKeys(chromedp.CSS("#a-title"), "A short article"),
		chromedp.SetValue(chromedp.CSS("#a-published"), "2026-02-02"),
		chromedp.SetValue(chromedp.CSS("#a-text"), "Iran backs Kataib Hezbollah."))
	do(t, ctx, "draft", chromedp.Click(chromedp.CSS("#draft")))
	wait("the server's refusal", `document.getElementById('start-status').textContent.startsWith('Drafting failed')`)
	if msg := statusOf("start-status"); !strings.Contains(msg, "takes no changes") {
		t.Errorf("draft on a read-only server: %q", msg)
	}
	if !eval[bool](t, ctx, `document.getElementById('review').hidden`) {
		t.Error("the review opened although drafting failed")
	}

	// A claims file opened with its article text becomes drafts to review:
	// the seed's, every claim highlighted where its quote is, none with a
	// problem, every actor resolved to the graph's.
	claims, err := s.ClaimsOfArticles(bg, []string{"iran-aligned-militias-threaten-us"})
	if err != nil {
		t.Fatal(err)
	}
	seedClaims := claims["iran-aligned-militias-threaten-us"]
	do(t, ctx, "open the seed's claims file", chromedp.SetUploadFiles(chromedp.CSS("#open-file"),
		[]string{filepath.Join(neo4jtest.SeedDir(), "claims.yaml"), filepath.Join(neo4jtest.SeedDir(), "article.txt")}))
	wait("the file's drafts", fmt.Sprintf(`!document.getElementById('review').hidden && document.querySelectorAll('#claims .card').length === %d`, len(seedClaims)))
	type opened struct {
		ID, Subject, Object, Quote string
		Start, End, Errors         int
	}
	got := eval[[]opened](t, ctx, `review.state.claims.map(c => ({id: c.id, subject: c.subject && c.subject.id, object: c.object && c.object.id,
		quote: c.quote, start: c.start, end: c.end, errors: c.errors.length}))`)
	byID := map[string]opened{}
	for _, c := range got {
		byID["iran-aligned-militias-threaten-us/"+c.ID] = c
	}
	for _, c := range seedClaims {
		o, ok := byID[c.ID]
		if !ok || o.Subject != c.SubjectID || o.Object != c.ObjectID || o.Start != c.Start || o.End != c.End || o.Errors != 0 {
			t.Errorf("claim %s opened from the file as %+v; the graph has %s → %s at %d–%d", c.ID, o, c.SubjectID, c.ObjectID, c.Start, c.End)
		}
	}
	if n := eval[int](t, ctx, `new Set([...document.querySelectorAll('#article mark.quote')].flatMap(m => m.dataset.keys.split(' '))).size`); n != len(seedClaims) {
		t.Errorf("%d claims have their quote highlighted, want %d", n, len(seedClaims))
	}

	// The keyboard selects a passage too: a caret in the text, Shift+arrows,
	// n. The claim's offsets are the passage's code points.
	article := neo4jtest.SeedArticle(t)
	phrase := "adopted an escalatory tone"
	unit := utf16Index(article, strings.Index(article, phrase))
	eval[bool](t, ctx, fmt.Sprintf(`(() => {
		const a = document.getElementById('article'), walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
		let left = %d;
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			if (left <= n.data.length) { a.focus(); window.getSelection().collapse(n, left); return true; }
			left -= n.data.length;
		}
		return false;
	})()`, unit))
	for range utf8.RuneCountInString(phrase) {
		do(t, ctx, "shift+right", chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierShift)))
	}
	if got := eval[string](t, ctx, `window.getSelection().toString()`); got != phrase {
		t.Fatalf("Shift+arrows selected %q, want %q", got, phrase)
	}
	n := eval[int](t, ctx, `review.state.claims.length`)
	press(t, ctx, "new claim from the selection", 'n')
	wait("the claim from the keyboard selection", fmt.Sprintf(`review.state.claims.length === %d`, n+1))
	start := utf8.RuneCountInString(article[:strings.Index(article, phrase)])
	type made struct {
		Quote      string
		Start, End int
		Origin     string
	}
	if got := eval[made](t, ctx, `review.state.claims.at(-1)`); got != (made{phrase, start, start + utf8.RuneCountInString(phrase), "selection"}) {
		t.Errorf("claim from the keyboard selection: %+v, want %q at %d", got, phrase, start)
	}
	if text := eval[string](t, ctx, `document.getElementById('article').textContent`); text != article {
		t.Error("the keys changed the article text")
	}
	do(t, ctx, "focus the new claim", chromedp.Focus(chromedp.CSS("#claims .card:last-child")))
	press(t, ctx, "reject", 'x')
	wait("the claim from the selection removed", fmt.Sprintf(`review.state.claims.length === %d`, n))

	// The new actor form: an id made from the name, the graph's ids
	// refused, the actor then offered by the actor pickers, marked new.
	do(t, ctx, "open the new actor form", chromedp.Click(chromedp.CSS("#new-actor summary")))
	do(t, ctx, "name an actor the graph has",
		chromedp.SendKeys(chromedp.CSS("#na-name"), "Iran"),
		chromedp.SetValue(chromedp.CSS("#na-kind"), "STATE"),
		chromedp.Click(chromedp.CSS("#new-actor-form button[type=submit]")))
	wait("the refusal", `document.getElementById('na-status').textContent.includes('already has')`)
	eval[string](t, ctx, `document.getElementById('na-name').value = ''`)
	do(t, ctx, "a new actor",
		chromedp.SendKeys(chromedp.CSS("#na-name"), "Saraya Awliya al-Dam"),
		chromedp.SendKeys(chromedp.CSS("#na-aliases"), "Awliya al-Dam, the Saraya"),
		chromedp.SetValue(chromedp.CSS("#na-kind"), "MILITIA"))
	if id := eval[string](t, ctx, `document.getElementById('na-id').value`); id != "saraya-awliya-al-dam" {
		t.Errorf("new actor id made from its name: %q", id)
	}
	do(t, ctx, "add it", chromedp.Click(chromedp.CSS("#new-actor-form button[type=submit]")))
	wait("the new actor", `review.state.newActors.some(a => a.id === 'saraya-awliya-al-dam' && a.kind === 'MILITIA' && a.aliases.length === 2) && !!document.querySelector('#new-actor-list li[data-id="saraya-awliya-al-dam"]')`)
	do(t, ctx, "edit the first claim", chromedp.Click(chromedp.CSS("#claims .card .edit")))
	subject := eval[string](t, ctx, `'#' + document.querySelector('#claims .card').dataset.key + '-subject'`)
	eval[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).value = ''`, subject))
	do(t, ctx, "search it", chromedp.SendKeys(chromedp.CSS(subject), "Awliya"))
	wait("the new actor offered", `[...document.querySelectorAll('#claims .card .options li')].some(li => li.dataset.id === 'saraya-awliya-al-dam' && li.textContent.includes('new'))`)

	// The shortcuts list opens with ? and lists every shortcut.
	do(t, ctx, "focus a claim", chromedp.Focus(chromedp.CSS("#claims .card")))
	do(t, ctx, "?", chromedp.KeyEvent("?"))
	help := eval[string](t, ctx, `document.getElementById('help').hidden ? '' : document.getElementById('help').textContent`)
	for _, w := range []string{"next", "accept", "reject", "edit", "new claim from the selected text", "commit"} {
		if !strings.Contains(help, w) {
			t.Errorf("the shortcuts list lacks %q: %q", w, help)
		}
	}
}

// utf16Index is the UTF-16 index of byte offset b of s: where JavaScript
// sees it.
func utf16Index(s string, b int) int {
	return len(utf16.Encode([]rune(s[:b])))
}

// press presses a key the page handles on keydown (and cancels), as a
// keyboard does: without the separate char event chromedp's KeyEvent adds,
// which would type the letter into the field the shortcut just focused.
func press(t *testing.T, ctx context.Context, what string, r rune) {
	t.Helper()
	for _, p := range kb.Encode(r) {
		if p.Type == kb.KeyChar {
			continue
		}
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, *p); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
}
