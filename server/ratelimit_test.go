package server

import (
	"context"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph"
)

func TestFailureLimiter(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	l := newFailureLimiter(3, 10*time.Second, func() time.Time { return now })
	a, b := netip.MustParsePrefix("203.0.113.1/32"), netip.MustParsePrefix("203.0.113.2/32")
	for i, s := range []struct {
		advance  time.Duration
		client   netip.Prefix
		giveBack bool
		ok       bool
		wait     time.Duration
	}{
		{0, a, false, true, 0},
		{0, a, false, true, 0},
		{0, a, true, true, 0}, // a good token: given back
		{0, a, false, true, 0},
		{0, a, false, false, 10 * time.Second},
		{0, b, false, true, 0}, // another client
		{4 * time.Second, a, false, false, 6 * time.Second},
		{6 * time.Second, a, false, true, 0},
		{0, a, false, false, 10 * time.Second},
		{time.Hour, a, false, true, 0}, // refilled, never above the burst
		{0, a, false, true, 0},
		{0, a, false, true, 0},
		{0, a, false, false, 10 * time.Second},
	} {
		now = now.Add(s.advance)
		ok, wait := l.take(s.client)
		if ok != s.ok || wait != s.wait {
			t.Fatalf("step %d: take = %v, %v; want %v, %v", i, ok, wait, s.ok, s.wait)
		}
		if ok && s.giveBack {
			l.giveBack(s.client)
		}
	}
}

func TestFailureLimiterStaysBounded(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	l := newFailureLimiter(2, time.Minute, func() time.Time { return now })
	for i := range maxClients + 10 {
		var b [4]byte
		b[0], b[1], b[2], b[3] = 10, byte(i>>16), byte(i>>8), byte(i)
		p, _ := netip.AddrFrom4(b).Prefix(32)
		l.take(p)
	}
	if n := len(l.buckets); n > maxClients {
		t.Fatalf("%d buckets kept, more than %d", n, maxClients)
	}
}

func TestRetryAfter(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{{0, "1"}, {time.Millisecond, "1"}, {time.Second, "1"}, {1001 * time.Millisecond, "2"}, {time.Hour, "3600"}} {
		if got := retryAfterSeconds(c.d); got != c.want {
			t.Errorf("retryAfterSeconds(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestClientPrefix(t *testing.T) {
	trusted, err := ParseTrustedProxies([]string{"10.0.0.0/8", "::1", " ", "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseTrustedProxies([]string{"10.0.0.0/33"}); err == nil {
		t.Fatal("a bad CIDR block was accepted")
	}
	for _, c := range []struct {
		name, remote string
		forwarded    []string
		trust        []netip.Prefix
		want         string
	}{
		{"peer", "203.0.113.5:4000", nil, trusted, "203.0.113.5/32"},
		{"untrusted peer's header ignored", "203.0.113.5:4000", []string{"198.51.100.1"}, trusted, "203.0.113.5/32"},
		{"no proxies trusted", "127.0.0.1:4000", []string{"198.51.100.1"}, nil, "127.0.0.1/32"},
		{"one proxy", "127.0.0.1:4000", []string{"198.51.100.1"}, trusted, "198.51.100.1/32"},
		{"client cannot prepend", "127.0.0.1:4000", []string{"1.2.3.4, 198.51.100.1"}, trusted, "198.51.100.1/32"},
		{"chain of proxies", "127.0.0.1:4000", []string{"198.51.100.1, 10.1.2.3", "10.0.0.9"}, trusted, "198.51.100.1/32"},
		{"all trusted", "127.0.0.1:4000", []string{"10.1.2.3"}, trusted, "10.1.2.3/32"},
		{"garbage after a proxy", "127.0.0.1:4000", []string{"not-an-ip, 10.1.2.3"}, trusted, "10.1.2.3/32"},
		{"no header", "127.0.0.1:4000", nil, trusted, "127.0.0.1/32"},
		{"IPv6 per /64", "[2001:db8:1:2:3:4:5:6]:443", nil, trusted, "2001:db8:1:2::/64"},
		{"IPv6 proxy", "[::1]:443", []string{"2001:db8::7"}, trusted, "2001:db8::/64"},
		{"IPv4-mapped", "[::ffff:203.0.113.5]:80", nil, trusted, "203.0.113.5/32"},
		{"unreadable peer", "pipe", nil, trusted, "invalid Prefix"},
	} {
		r := httptest.NewRequest("GET", "/graphql", nil)
		r.RemoteAddr = c.remote
		for _, f := range c.forwarded {
			r.Header.Add("X-Forwarded-For", f)
		}
		if got := clientPrefix(r, c.trust).String(); got != c.want {
			t.Errorf("%s: client %s, want %s", c.name, got, c.want)
		}
	}
}

// authorizeSchema has fields at each role, nested ones too, so that the
// operation-level check is tested beyond the fields the API has today.
const authorizeSchema = `
directive @auth(requires: Role!) on FIELD_DEFINITION
enum Role { READER EDITOR ADMIN }
type Query { open: Int  list: [Item!]!  secret: Int @auth(requires: ADMIN) }
type Item { id: ID!  notes: String @auth(requires: EDITOR) }
type Mutation { edit: Int @auth(requires: EDITOR)  merge: Int @auth(requires: ADMIN)  plain: Int }
`

func TestAuthorize(t *testing.T) {
	schema := gqlparser.MustLoadSchema(&ast.Source{Name: "test.graphqls", Input: authorizeSchema})
	token := func(r auth.Role) *auth.Principal {
		return &auth.Principal{TokenID: "00000000000000aa", Name: "t", Role: r}
	}
	for _, c := range []struct {
		op   string
		who  *auth.Principal
		code string
	}{
		{`{ open }`, &auth.Anonymous, ""},
		{`{ open }`, nil, graph.EUNAUTHENTICATED},
		{`{ list { id } }`, token(auth.Reader), ""},
		{`{ list { id notes } }`, token(auth.Reader), graph.EFORBIDDEN},
		{`{ list { id notes } }`, &auth.Anonymous, graph.EUNAUTHENTICATED},
		{`{ list { id notes } }`, token(auth.Editor), ""},
		{`{ list { ...N } } fragment N on Item { notes }`, token(auth.Reader), graph.EFORBIDDEN},
		{`{ list { ... on Item { notes } } }`, token(auth.Reader), graph.EFORBIDDEN},
		{`{ secret }`, token(auth.Editor), graph.EFORBIDDEN},
		{`{ secret }`, token(auth.Admin), ""},
		{`mutation { plain }`, token(auth.Reader), graph.EFORBIDDEN},
		{`mutation { plain }`, token(auth.Editor), ""},
		{`mutation { edit }`, token(auth.Editor), ""},
		{`mutation { edit }`, &auth.Anonymous, graph.EUNAUTHENTICATED},
		{`mutation { edit merge }`, token(auth.Editor), graph.EFORBIDDEN},
		{`mutation { a: edit b: edit ...M } fragment M on Mutation { merge }`, token(auth.Editor), graph.EFORBIDDEN},
		{`mutation { edit merge }`, token(auth.Admin), ""},
	} {
		doc, errs := gqlparser.LoadQueryWithRules(schema, c.op, rules.NewDefaultRules())
		if errs != nil {
			t.Fatalf("%s: %v", c.op, errs)
		}
		ctx := context.Background()
		if c.who != nil {
			ctx = auth.NewContext(ctx, *c.who)
		}
		err := authorize{}.MutateOperationContext(ctx, &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0]})
		got := ""
		if err != nil {
			got, _ = err.Extensions["code"].(string)
		}
		if got != c.code {
			t.Errorf("%s as %+v: code %q (%v), want %q", c.op, c.who, got, err, c.code)
		}
	}
}
