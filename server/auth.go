package server

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph"
)

// AuthOptions configure who may call the API. The zero value serves
// anonymous reads and accepts no token.
type AuthOptions struct {
	// Tokens checks API tokens and manages them (the admin-only token
	// fields); nil means no token can be checked, so every request that
	// presents one is refused.
	Tokens *auth.Authenticator
	// DenyAnonymousReads makes reads need a token too (serve
	// -anonymous-reads=false); by default a caller without a token is a
	// reader.
	DenyAnonymousReads bool
	// MaxFailures is how many failed authentication attempts a client may
	// make at once; default 10.
	MaxFailures int
	// FailureInterval is how often a client earns one more attempt after
	// those; default 6s (ten a minute).
	FailureInterval time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// names the client; none by default, so the peer's address counts.
	TrustedProxies []netip.Prefix
	// Now is the rate limiter's clock; default time.Now.
	Now func() time.Time
}

// Defaults for AuthOptions.
const (
	DefaultMaxFailures     = 10
	DefaultFailureInterval = 6 * time.Second
)

// maxAuthorizationBytes bounds the Authorization header; a token is 72
// bytes.
const maxAuthorizationBytes = 512

// authn authenticates the API's requests.
type authn struct {
	opt     AuthOptions
	limiter *failureLimiter
	log     *slog.Logger
	m       *Metrics
	timeout time.Duration // bounds a token check (the request timeout)
}

func newAuthn(opt AuthOptions, timeout time.Duration, log *slog.Logger, m *Metrics) *authn {
	if opt.MaxFailures <= 0 {
		opt.MaxFailures = DefaultMaxFailures
	}
	if opt.FailureInterval <= 0 {
		opt.FailureInterval = DefaultFailureInterval
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &authn{opt: opt, limiter: newFailureLimiter(opt.MaxFailures, opt.FailureInterval, opt.Now), log: log, m: m, timeout: timeout}
}

// authenticate puts the caller's principal in the request's context: the
// token's holder for a request with a valid bearer token, an anonymous
// reader for one without (unless anonymous reads are off). A request with
// a bad, revoked or malformed token is refused with 401, and a client
// with too many failures with 429 before its token is looked at. What the
// caller may do is decided later, per operation (authorize).
//
// The Authorization header is the only place a token is read from, and
// neither it nor the token is ever logged or repeated in an answer.
func (a *authn) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if len(r.Header.Values("Authorization")) == 0 {
			if a.opt.DenyAnonymousReads {
				a.refuse(w, http.StatusUnauthorized, graph.EUNAUTHENTICATED,
					"this server needs an API token for reads too: send Authorization: Bearer <token>", false)
				return
			}
			next.ServeHTTP(w, r.WithContext(auth.NewContext(ctx, auth.Anonymous)))
			return
		}
		client := clientPrefix(r, a.opt.TrustedProxies)
		if ok, wait := a.limiter.take(client); !ok {
			w.Header().Set("Retry-After", retryAfterSeconds(wait))
			a.refuse(w, http.StatusTooManyRequests, graph.ERATELIMITED, fmt.Sprintf(
				"too many failed authentication attempts from this address; retry in %s seconds", retryAfterSeconds(wait)), false)
			return
		}
		checkCtx, cancel := context.WithTimeout(ctx, a.timeout)
		p, err := a.check(checkCtx, r.Header)
		cancel()
		switch code := graph.ErrorCode(err); code {
		case "":
			a.limiter.giveBack(client)
			next.ServeHTTP(w, r.WithContext(auth.NewContext(ctx, p)))
		case graph.EUNAUTHENTICATED:
			a.log.WarnContext(ctx, "authentication failed", "client", clientString(client), "reason", err.Error())
			a.refuse(w, http.StatusUnauthorized, code, graph.ErrorMessage(err), true)
		default:
			// Not the client's fault: the token store is down or slow,
			// the check waited past the request's time limit, or the
			// client went away.
			a.limiter.giveBack(client)
			if ctx.Err() != nil {
				return
			}
			status := http.StatusServiceUnavailable
			if code == graph.EINTERNAL {
				status = http.StatusInternalServerError
				a.log.ErrorContext(ctx, "internal error", "path", r.URL.Path, "err", err)
			} else {
				a.log.WarnContext(ctx, "could not check an API token", "code", code, "err", err)
			}
			a.refuse(w, status, code, graph.ErrorMessage(err), false)
		}
	})
}

// check reads the bearer token from the one Authorization header and
// authenticates it. Its errors describe the header's shape, never its
// content.
func (a *authn) check(ctx context.Context, h http.Header) (auth.Principal, error) {
	vals := h.Values("Authorization")
	bad := func(msg string) (auth.Principal, error) {
		return auth.Principal{}, graph.Errorf(graph.EUNAUTHENTICATED, "%s", msg)
	}
	if len(vals) != 1 {
		return bad("send one Authorization header, not several")
	}
	v := vals[0]
	if len(v) > maxAuthorizationBytes {
		return bad(fmt.Sprintf("the Authorization header is longer than %d bytes", maxAuthorizationBytes))
	}
	scheme, token, _ := strings.Cut(strings.TrimSpace(v), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return bad("the Authorization header must be Bearer <token>")
	}
	token = strings.TrimSpace(token)
	switch {
	case token == "":
		return bad("no token after Bearer in the Authorization header")
	case strings.ContainsAny(token, " \t,"):
		return bad("send one token after Bearer")
	case a.opt.Tokens == nil:
		return auth.Principal{}, fmt.Errorf("this server checks no API tokens: %w",
			graph.Errorf(graph.EUNAUTHENTICATED, "invalid or revoked API token"))
	}
	return a.opt.Tokens.Authenticate(ctx, token)
}

// refuse answers with a GraphQL-shaped error, counted in the metrics and
// marked as refused before GraphQL saw the request. A 401 for a token
// that was presented and refused says so in its challenge.
func (a *authn) refuse(w http.ResponseWriter, status int, code, msg string, badToken bool) {
	if sw, ok := w.(*statusWriter); ok {
		sw.refused = true
	}
	a.m.countError(code)
	setChallenge(w.Header(), status, badToken)
	b, _ := json.Marshal(errorResponse{Errors: gqlerror.List{newError(code, msg)}})
	w.Header().Set("Content-Type", mediaJSON+"; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

// setChallenge adds the WWW-Authenticate header that RFC 6750 asks of a
// 401 (and allows on a 403) answer to a bearer-token API: with no error
// code when the request had no token, invalid_token when its token was
// refused, insufficient_scope when the token's role is too low.
func setChallenge(h http.Header, status int, badToken bool) {
	switch {
	case status == http.StatusUnauthorized && badToken:
		h.Set("WWW-Authenticate", `Bearer realm="actorgraph", error="invalid_token"`)
	case status == http.StatusUnauthorized:
		h.Set("WWW-Authenticate", `Bearer realm="actorgraph"`)
	case status == http.StatusForbidden:
		h.Set("WWW-Authenticate", `Bearer realm="actorgraph", error="insufficient_scope"`)
	}
}

// authorize is a gqlgen extension that checks, once the operation is
// parsed and validated and before anything runs, that the caller may run
// all of it: a query needs a reader, a mutation an editor, and any field
// with @auth(requires: ROLE) anywhere in the operation that role. So a
// refused operation does nothing at all, and its one error sets the HTTP
// status of the answer. The @auth directive checks each field again
// as it resolves (resolvers.Directives).
type authorize struct{}

var (
	_ graphql.HandlerExtension        = authorize{}
	_ graphql.OperationContextMutator = authorize{}
)

func (authorize) ExtensionName() string                          { return "Authorize" }
func (authorize) Validate(schema graphql.ExecutableSchema) error { return nil }

func (authorize) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil {
		return nil
	}
	need := auth.Reader
	if op.Operation.Operation == ast.Mutation {
		need = auth.Editor
	}
	w := roleWalker{need: need, seen: map[string]bool{}}
	w.walk(op.Operation.SelectionSet)
	if err := auth.Require(ctx, w.need); err != nil {
		return &gqlerror.Error{Message: graph.ErrorMessage(err), Err: err, Extensions: map[string]any{"code": graph.ErrorCode(err)}}
	}
	return nil
}

// roleWalker finds the strongest role the fields of an operation need.
// Each fragment is walked once, so the walk is linear in the document.
type roleWalker struct {
	need auth.Role
	seen map[string]bool // fragments walked
}

func (w *roleWalker) walk(set ast.SelectionSet) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Definition != nil {
				w.require(fieldRole(s.Definition))
			}
			w.walk(s.SelectionSet)
		case *ast.InlineFragment:
			w.walk(s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Definition != nil && !w.seen[s.Name] {
				w.seen[s.Name] = true
				w.walk(s.Definition.SelectionSet)
			}
		}
	}
}

func (w *roleWalker) require(r auth.Role) {
	if r != "" && r.Rank() > w.need.Rank() {
		w.need = r
	}
}

// fieldRole reads a field's @auth(requires: ROLE); "" if it has none. A
// value that is not a role (the schema's enum forbids it) asks for the
// strongest role, so a mistake fails closed.
func fieldRole(def *ast.FieldDefinition) auth.Role {
	d := def.Directives.ForName("auth")
	if d == nil {
		return ""
	}
	var r auth.Role
	if arg := d.Arguments.ForName("requires"); arg == nil || arg.Value == nil || r.UnmarshalGQL(arg.Value.Raw) != nil {
		return auth.Admin
	}
	return r
}
