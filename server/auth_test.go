package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
	graphmem "github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/server"
)

// The authentication tests run the real handler over an empty graph and
// the in-memory token store: what they check lies above the stores, and
// the stores have their own tests (auth/authtest runs against both).

// lookups counts the token lookups that reach the store.
type lookups struct {
	auth.TokenStore
	n atomic.Int64
}

func (l *lookups) FindTokenByID(ctx context.Context, id string) (auth.StoredToken, error) {
	l.n.Add(1)
	return l.TokenStore.FindTokenByID(ctx, id)
}

// authServer is the real handler with tokens for each role, a revoked
// one, and the log captured.
type authServer struct {
	*testServer
	tokens  *auth.Authenticator
	lookups *lookups
	bearer  map[string]string // "reader", "editor", "admin", "revoked"
	metrics *server.Metrics
}

func newAuthServer(t *testing.T, opt server.AuthOptions) *authServer {
	t.Helper()
	return newAuthServerOver(t, opt, emptyPorts())
}

// newAuthServerOver is newAuthServer over the given ports.
func newAuthServerOver(t *testing.T, opt server.AuthOptions, ports server.Ports) *authServer {
	t.Helper()
	return newAuthServerWith(t, opt, ports, server.Limits{})
}

// newAuthServerWith is newAuthServerOver with limits (zero fields: the defaults).
func newAuthServerWith(t *testing.T, opt server.AuthOptions, ports server.Ports, lim server.Limits) *authServer {
	t.Helper()
	buf := &syncBuffer{}
	log := slog.New(server.LogHandler(slog.NewJSONHandler(buf, nil)))
	store := &lookups{TokenStore: graphmem.New()}
	a := auth.NewAuthenticator(store, auth.Options{Hash: auth.HashParams{Time: 1, MemoryKiB: 64, Threads: 1}, Logger: log})
	s := &authServer{tokens: a, lookups: store, bearer: map[string]string{}, metrics: server.NewMetrics()}
	ctx := auth.NewContext(context.Background(), auth.CommandLine("test"))
	for _, r := range []auth.Role{auth.Reader, auth.Editor, auth.Admin} {
		_, b, err := a.Create(ctx, string(r)+" token", r)
		if err != nil {
			t.Fatal(err)
		}
		s.bearer[string(r)] = b
	}
	tok, b, err := a.Create(ctx, "revoked token", auth.Admin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Revoke(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	s.bearer["revoked"] = b
	opt.Tokens = a
	srv := httptest.NewServer(server.New(ports, server.Options{Logger: log, Metrics: s.metrics, Auth: opt, Limits: lim}))
	t.Cleanup(srv.Close)
	s.testServer = &testServer{t: t, srv: srv, log: buf}
	return s
}

// send posts a GraphQL operation with the given Authorization headers
// (none: anonymous) and other header pairs.
func (s *authServer) send(query string, authorization []string, header ...string) response {
	s.t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query})
	req := mustReq(http.MethodPost, s.srv.URL+"/graphql", b)
	for _, v := range authorization {
		req.Header.Add("Authorization", v)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return s.do(req)
}

func (s *authServer) as(role string) []string { return []string{"Bearer " + s.bearer[role]} }

const (
	whoami       = `{ whoami { name role anonymous tokenId } }`
	mutationRoot = `mutation { __typename }`
	createToken  = `mutation { createApiToken(name: "new", role: EDITOR) { token apiToken { id name role createdAt lastUsedAt revokedAt } } }`
	listTokens   = `{ apiTokens { id name role revokedAt } }`
)

// check fails the test unless r has the status and, if code is set, that
// error code first.
func check(t *testing.T, what string, r response, status int, code string) {
	t.Helper()
	if r.status != status || r.code() != code {
		t.Fatalf("%s: status %d, code %q (%s); want %d, %q", what, r.status, r.code(), r.raw, status, code)
	}
	if r.status >= 400 && !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Fatalf("%s: error answer is %q, not GraphQL-shaped JSON", what, r.header.Get("Content-Type"))
	}
}

func TestOperationsNeedTheirRole(t *testing.T) {
	s := newAuthServer(t, server.AuthOptions{})
	for _, c := range []struct {
		name      string
		who       string // "" anonymous
		query     string
		status    int
		code      string
		challenge string
	}{
		{"anonymous reads", "", `{ articles { id } }`, 200, "", ""},
		{"anonymous whoami", "", whoami, 200, "", ""},
		{"anonymous mutation", "", mutationRoot, 401, graph.EUNAUTHENTICATED, `Bearer realm="actorgraph"`},
		{"anonymous admin mutation", "", createToken, 401, graph.EUNAUTHENTICATED, `Bearer realm="actorgraph"`},
		{"anonymous admin query", "", listTokens, 401, graph.EUNAUTHENTICATED, `Bearer realm="actorgraph"`},
		{"reader reads", "reader", `{ articles { id } }`, 200, "", ""},
		{"reader mutation", "reader", mutationRoot, 403, graph.EFORBIDDEN, `Bearer realm="actorgraph", error="insufficient_scope"`},
		{"reader admin mutation", "reader", createToken, 403, graph.EFORBIDDEN, `Bearer realm="actorgraph", error="insufficient_scope"`},
		{"editor mutation", "editor", mutationRoot, 200, "", ""},
		{"editor admin mutation", "editor", createToken, 403, graph.EFORBIDDEN, `Bearer realm="actorgraph", error="insufficient_scope"`},
		{"editor admin field in a fragment", "editor", `mutation { ...F } fragment F on Mutation { revokeApiToken(id: "0000000000000000") { id } }`, 403, graph.EFORBIDDEN, `Bearer realm="actorgraph", error="insufficient_scope"`},
		{"editor admin query", "editor", listTokens, 403, graph.EFORBIDDEN, `Bearer realm="actorgraph", error="insufficient_scope"`},
		{"editor mixes an admin field into a query", "editor", `{ whoami { name } apiTokens { id } }`, 403, graph.EFORBIDDEN, `Bearer realm="actorgraph", error="insufficient_scope"`},
		{"admin mutation", "admin", mutationRoot, 200, "", ""},
		{"admin admin query", "admin", listTokens, 200, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var h []string
			if c.who != "" {
				h = s.as(c.who)
			}
			r := s.send(c.query, h)
			check(t, c.name, r, c.status, c.code)
			if got := r.header.Get("WWW-Authenticate"); got != c.challenge {
				t.Errorf("WWW-Authenticate %q, want %q", got, c.challenge)
			}
			if c.status != 200 && string(r.Data) != "" && string(r.Data) != "null" {
				t.Errorf("a refused operation answered data %s", r.Data)
			}
		})
	}

	// whoami says who the caller is.
	for _, c := range []struct{ who, want string }{
		{"", `{"whoami":{"name":"anonymous","role":"READER","anonymous":true,"tokenId":null}}`},
		{"editor", `"name":"editor token","role":"EDITOR","anonymous":false,"tokenId":"`},
	} {
		var h []string
		if c.who != "" {
			h = s.as(c.who)
		}
		if r := s.send(whoami, h); !strings.Contains(string(r.Data), c.want) {
			t.Errorf("whoami as %q = %s, want %s", c.who, r.Data, c.want)
		}
	}

	// Over GET, a refused mutation is refused for its role before it is
	// refused for the method.
	req := mustReq(http.MethodGet, s.srv.URL+"/graphql?query="+strings.ReplaceAll(mutationRoot, " ", "+"), nil)
	req.Header.Set("Authorization", s.as("reader")[0])
	check(t, "GET mutation as reader", s.do(req), 403, graph.EFORBIDDEN)
}

func TestBadTokensAre401(t *testing.T) {
	s := newAuthServer(t, server.AuthOptions{MaxFailures: 1000})
	valid := s.bearer["editor"]
	id, secret, _ := auth.ParseToken(valid)
	for _, c := range []struct {
		name   string
		header []string
	}{
		{"Bearer with nothing", []string{"Bearer"}},
		{"Bearer and a space", []string{"Bearer "}},
		{"empty header", []string{""}},
		{"two tokens", []string{"Bearer " + valid + " " + valid}},
		{"two tokens, comma", []string{"Bearer " + valid + "," + valid}},
		{"two headers", []string{"Bearer " + valid, "Bearer " + valid}},
		{"wrong scheme", []string{"Basic " + valid}},
		{"token without scheme", []string{valid}},
		{"overlong header", []string{"Bearer " + valid + strings.Repeat("a", 10000)}},
		{"overlong token", []string{"Bearer " + strings.Repeat("x", 400)}},
		{"truncated token", []string{"Bearer " + valid[:len(valid)-1]}},
		{"wrong secret", []string{"Bearer " + auth.FormatToken(id, strings.Repeat("b", len(secret)))}},
		{"unknown id", []string{"Bearer " + auth.FormatToken("00000000000000ee", secret)}},
		{"revoked", s.as("revoked")},
		{"non-ASCII", []string{"Bearer ag_\x80\xfe\xff"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.send(whoami, c.header)
			check(t, c.name, r, 401, graph.EUNAUTHENTICATED)
			if got := r.header.Get("WWW-Authenticate"); got != `Bearer realm="actorgraph", error="invalid_token"` {
				t.Errorf("WWW-Authenticate %q", got)
			}
			if strings.Contains(r.raw, secret) || strings.Contains(r.raw, id) {
				t.Errorf("answer repeats the token: %s", r.raw)
			}
		})
	}
	// The scheme is case-insensitive (RFC 7235); a token anywhere but the
	// Authorization header is not read.
	check(t, "lower-case scheme", s.send(mutationRoot, []string{"bearer " + valid}), 200, "")
	r := s.do(mustReq(http.MethodGet, s.srv.URL+"/graphql?query=%7Bwhoami%7Bname%7D%7D&access_token="+valid, nil))
	if !strings.Contains(string(r.Data), "anonymous") {
		t.Fatalf("a token in the query string was read: %s", r.Data)
	}
}

func TestTokenManagementNeedsAdmin(t *testing.T) {
	s := newAuthServer(t, server.AuthOptions{})
	r := s.send(createToken, s.as("admin"))
	check(t, "create as admin", r, 200, "")
	var created struct {
		CreateAPIToken struct {
			Token    string
			APIToken struct{ ID, Name, Role, CreatedAt string }
		} `json:"createApiToken"`
	}
	if err := json.Unmarshal(r.Data, &created); err != nil {
		t.Fatal(err)
	}
	c := created.CreateAPIToken
	if !auth.LooksLikeToken(c.Token) || c.APIToken.Name != "new" || c.APIToken.Role != "EDITOR" || c.APIToken.CreatedAt == "" {
		t.Fatalf("created %+v", c)
	}
	if r := s.send(mutationRoot, []string{"Bearer " + c.Token}); r.status != 200 {
		t.Fatalf("the new token is refused: %s", r.raw)
	}

	// Listing shows every token, and no secret or hash.
	r = s.send(listTokens, s.as("admin"))
	check(t, "list as admin", r, 200, "")
	for name, b := range s.bearer {
		_, secret, _ := auth.ParseToken(b)
		if strings.Contains(r.raw, secret) {
			t.Errorf("list shows the %s token's secret", name)
		}
	}
	if _, secret, _ := auth.ParseToken(c.Token); strings.Contains(r.raw, secret) || strings.Contains(r.raw, "argon2") {
		t.Fatal("list shows a secret or a hash")
	}
	if n := strings.Count(r.raw, `"id"`); n != 5 {
		t.Fatalf("list has %d tokens, want 5: %s", n, r.raw)
	}

	// Revoking it refuses it from the next request on.
	revoke := `mutation { revokeApiToken(id: "` + c.APIToken.ID + `") { id revokedAt } }`
	check(t, "revoke as editor", s.send(revoke, s.as("editor")), 403, graph.EFORBIDDEN)
	check(t, "revoke as admin", s.send(revoke, s.as("admin")), 200, "")
	check(t, "revoked token", s.send(whoami, []string{"Bearer " + c.Token}), 401, graph.EUNAUTHENTICATED)

	// Both changes are in the audit trail, by the admin's token.
	adminID, _, _ := auth.ParseToken(s.bearer["admin"])
	revs, err := s.lookups.TokenStore.(*graphmem.Store).History(context.Background(), c.APIToken.ID, 10)
	if err != nil || len(revs) != 2 || revs[0].Action != curation.RevokeToken || revs[1].Action != curation.CreateToken {
		t.Fatalf("history of the token: %+v, %v", revs, err)
	}
	for _, rev := range revs {
		if rev.ByTokenID != adminID || rev.ByName != "admin token" || rev.ByRole != auth.Admin {
			t.Errorf("%s recorded as by %s %q (%s), want the admin token", rev.Action, rev.ByTokenID, rev.ByName, rev.ByRole)
		}
	}

	// Bad arguments are the caller's error, not an access error.
	check(t, "revoke unknown", s.send(`mutation { revokeApiToken(id: "00000000000000ee") { id } }`, s.as("admin")), 200, graph.ENOTFOUND)
	check(t, "create nameless", s.send(`mutation { createApiToken(name: " ", role: READER) { token } }`, s.as("admin")), 200, graph.EINVALID)
}

func TestAnonymousReadsOff(t *testing.T) {
	s := newAuthServer(t, server.AuthOptions{DenyAnonymousReads: true})
	for _, q := range []string{`{ articles { id } }`, whoami, `{ __schema { queryType { name } } }`, `{ notAField }`} {
		r := s.send(q, nil)
		check(t, "anonymous "+q, r, 401, graph.EUNAUTHENTICATED)
		if got := r.header.Get("WWW-Authenticate"); got != `Bearer realm="actorgraph"` {
			t.Errorf("WWW-Authenticate %q", got)
		}
	}
	r := s.do(mustReq(http.MethodGet, s.srv.URL+"/export/graphml", nil))
	check(t, "anonymous export", r, 401, graph.EUNAUTHENTICATED)

	check(t, "reader query", s.send(`{ articles { id } }`, s.as("reader")), 200, "")
	req := mustReq(http.MethodGet, s.srv.URL+"/export/graphml", nil)
	req.Header.Set("Authorization", s.as("reader")[0])
	if r := s.do(req); r.status != 200 || !strings.Contains(r.raw, "<graphml") {
		t.Fatalf("export with a reader token: %d %.200s", r.status, r.raw)
	}
	// Health checks and metrics need no token.
	for _, p := range []string{"/healthz", "/readyz", "/metrics"} {
		if r := s.do(mustReq(http.MethodGet, s.srv.URL+p, nil)); r.status != 200 {
			t.Errorf("%s: %d", p, r.status)
		}
	}
}

// clock is a settable test clock for the rate limiter.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestFailedAttemptsAreRateLimited(t *testing.T) {
	clk := &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	trusted, err := server.ParseTrustedProxies([]string{"127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	s := newAuthServer(t, server.AuthOptions{MaxFailures: 3, FailureInterval: time.Minute, Now: clk.Now, TrustedProxies: trusted})
	bad := []string{"Bearer " + auth.FormatToken("00000000000000ee", strings.Repeat("c", 52))}
	from := func(ip string) []string { return []string{"X-Forwarded-For", "198.51.100.9, " + ip} }

	// Good tokens do not use up attempts.
	for range 5 {
		check(t, "good token", s.send(whoami, s.as("reader"), from("203.0.113.1")...), 200, "")
	}
	for i := range 3 {
		check(t, "failure "+string(rune('1'+i)), s.send(whoami, bad, from("203.0.113.1")...), 401, graph.EUNAUTHENTICATED)
	}
	lookups, hashes := s.lookups.n.Load(), s.tokens.SlowHashes()
	for _, h := range [][]string{bad, s.as("admin"), {"Bearer"}} {
		r := s.send(whoami, h, from("203.0.113.1")...)
		check(t, "after 3 failures", r, 429, graph.ERATELIMITED)
		if r.header.Get("Retry-After") != "60" {
			t.Fatalf("Retry-After %q, want 60", r.header.Get("Retry-After"))
		}
	}
	if s.lookups.n.Load() != lookups || s.tokens.SlowHashes() != hashes {
		t.Fatal("a rate-limited request reached the token store or the hash")
	}
	// Other clients, and requests without a token, are not limited.
	check(t, "another client", s.send(whoami, s.as("reader"), from("203.0.113.2")...), 200, "")
	check(t, "same client, no token", s.send(whoami, nil, from("203.0.113.1")...), 200, "")
	// An IPv6 client is counted by its /64.
	for i := range 3 {
		s.send(whoami, bad, from("2001:db8:1:2::"+string(rune('a'+i)))...)
	}
	check(t, "same /64", s.send(whoami, s.as("reader"), from("2001:db8:1:2::ff")...), 429, graph.ERATELIMITED)
	check(t, "other /64", s.send(whoami, s.as("reader"), from("2001:db8:1:3::1")...), 200, "")

	// One attempt comes back per interval.
	clk.Advance(time.Minute)
	check(t, "a minute later", s.send(whoami, s.as("reader"), from("203.0.113.1")...), 200, "")
	check(t, "and a failure", s.send(whoami, bad, from("203.0.113.1")...), 401, graph.EUNAUTHENTICATED)
	check(t, "then limited again", s.send(whoami, s.as("reader"), from("203.0.113.1")...), 429, graph.ERATELIMITED)
}

func TestUntrustedForwardedForIsIgnored(t *testing.T) {
	s := newAuthServer(t, server.AuthOptions{MaxFailures: 2, FailureInterval: time.Hour})
	bad := []string{"Bearer nope"}
	for i := range 2 {
		s.send(whoami, bad, "X-Forwarded-For", "203.0.113."+string(rune('1'+i)))
	}
	check(t, "spoofed new address", s.send(whoami, s.as("reader"), "X-Forwarded-For", "203.0.113.99"), 429, graph.ERATELIMITED)
}

// TestTokensNeverLogged runs every kind of request that carries a token
// and then searches the log, the answers' headers and the metrics for any
// token or any part of one.
func TestTokensNeverLogged(t *testing.T) {
	s := newAuthServer(t, server.AuthOptions{MaxFailures: 4, FailureInterval: time.Hour})
	var answers strings.Builder
	record := func(r response) {
		answers.WriteString(r.raw)
		for k, v := range r.header {
			answers.WriteString(k + ": " + strings.Join(v, ",") + "\n")
		}
	}
	created := s.send(createToken, s.as("admin"))
	var out struct {
		CreateAPIToken struct{ Token string } `json:"createApiToken"`
	}
	json.Unmarshal(created.Data, &out)
	secrets := []string{out.CreateAPIToken.Token}
	for _, b := range s.bearer {
		secrets = append(secrets, b)
	}
	for _, role := range []string{"reader", "editor", "admin", "revoked"} {
		record(s.send(whoami, s.as(role)))
		record(s.send(mutationRoot, s.as(role)))
		record(s.send(createToken+" # again", s.as(role)))
		record(s.send(`{ notAField }`, s.as(role)))
	}
	editor := s.bearer["editor"]
	id, secret, _ := auth.ParseToken(editor)
	for _, h := range [][]string{
		{"Bearer " + auth.FormatToken(id, strings.Repeat("d", len(secret)))},
		{"Basic " + editor},
		{"Bearer " + editor + " " + editor},
		{"Bearer " + editor, "Bearer " + editor},
		{"Bearer " + editor + strings.Repeat("e", 1000)},
		{editor},
		s.as("editor"), // rate limited by now
	} {
		record(s.send(whoami, h))
	}
	res, err := http.Get(s.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(res.Body)
	res.Body.Close()

	logged := s.log.String()
	if !strings.Contains(logged, "authentication failed") || !strings.Contains(answers.String(), graph.ERATELIMITED) {
		t.Fatalf("the run did not exercise failures and the limit:\n%s", logged)
	}
	for _, tok := range secrets {
		_, sec, _ := auth.ParseToken(tok)
		for where, text := range map[string]string{"log": logged, "metrics": string(metrics)} {
			if strings.Contains(text, sec) || strings.Contains(text, sec[:16]) {
				t.Errorf("a token's secret is in the %s", where)
			}
		}
		if strings.Contains(answers.String(), sec) {
			t.Errorf("a token's secret is in an answer")
		}
	}
	for _, word := range []string{"Bearer ag_", "Authorization", "Basic "} {
		if strings.Contains(logged, word) {
			t.Errorf("the log mentions %q", word)
		}
	}
	if strings.Contains(string(metrics), id) {
		t.Error("a token id is a metrics label")
	}
}

func TestCORSAllowsTheAuthorizationHeader(t *testing.T) {
	buf := &syncBuffer{}
	h := server.New(emptyPorts(), server.Options{
		CORSOrigins: []string{"https://viz.example.org"}, Logger: slog.New(slog.NewJSONHandler(buf, nil))})
	req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
	req.Header.Set("Origin", "https://viz.example.org")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 204 || !strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Fatalf("preflight: %d, allow-headers %q", rec.Code, rec.Header().Get("Access-Control-Allow-Headers"))
	}
}

// downStore is a token store that cannot be reached.
type downStore struct{ auth.TokenStore }

func (*downStore) FindTokenByID(context.Context, string) (auth.StoredToken, error) {
	return auth.StoredToken{}, graph.Errorf(graph.EUNAVAILABLE, "graph database unavailable")
}

// A token store that is down is not a bad token: 503 and unavailable, and
// the client's allowance of failures is untouched.
func TestTokenStoreDown(t *testing.T) {
	a := auth.NewAuthenticator(&downStore{graphmem.New()}, auth.Options{Hash: auth.HashParams{Time: 1, MemoryKiB: 64, Threads: 1}})
	buf := &syncBuffer{}
	srv := httptest.NewServer(server.New(emptyPorts(), server.Options{
		Logger: slog.New(slog.NewJSONHandler(buf, nil)), Auth: server.AuthOptions{Tokens: a, MaxFailures: 1}}))
	t.Cleanup(srv.Close)
	s := &authServer{testServer: &testServer{t: t, srv: srv, log: buf}}
	token := []string{"Bearer " + auth.FormatToken("00000000000000aa", strings.Repeat("f", 52))}
	for range 3 {
		check(t, "store down", s.send(whoami, token), 503, graph.EUNAVAILABLE)
	}
	check(t, "anonymous, store down", s.send(whoami, nil), 200, "")
}

// emptyPorts is an empty in-memory graph behind every port.
func emptyPorts() server.Ports {
	g := graphmem.New()
	return server.Ports{Graph: g, Export: g, Health: g}
}
