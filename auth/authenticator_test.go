package auth_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/auth/authtest"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// countingStore counts the calls that reach the store and can make the
// lookup or the touch fail.
type countingStore struct {
	auth.TokenStore
	finds, touches         atomic.Int64
	failFinds, failTouches atomic.Bool
}

var errDown = graph.Errorf(graph.EUNAVAILABLE, "graph database unavailable")

func (s *countingStore) FindTokenByID(ctx context.Context, id string) (auth.StoredToken, error) {
	s.finds.Add(1)
	if s.failFinds.Load() {
		return auth.StoredToken{}, errDown
	}
	return s.TokenStore.FindTokenByID(ctx, id)
}

func (s *countingStore) TouchToken(ctx context.Context, id string, at time.Time) error {
	s.touches.Add(1)
	if s.failTouches.Load() {
		return errDown
	}
	return s.TokenStore.TouchToken(ctx, id, at)
}

// asAdmin is ctx carrying the command line's principal, who may manage
// tokens.
func asAdmin(ctx context.Context) context.Context {
	return auth.NewContext(ctx, auth.CommandLine("test"))
}

// cheap are argon2id parameters that make tests fast.
var cheap = auth.HashParams{Time: 1, MemoryKiB: 64, Threads: 1}

type fixture struct {
	a     *auth.Authenticator
	store *countingStore
	clock *clock
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{store: &countingStore{TokenStore: inmem.New()}, clock: &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}}
	f.a = auth.NewAuthenticator(f.store, auth.Options{Hash: cheap, Now: f.clock.Now, Logger: slog.New(slog.DiscardHandler)})
	return f
}

func (f *fixture) create(t *testing.T, name string, role auth.Role) (auth.Token, string) {
	t.Helper()
	tok, bearer, err := f.a.Create(asAdmin(context.Background()), name, role)
	if err != nil {
		t.Fatal(err)
	}
	return tok, bearer
}

func TestCreate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok, bearer := f.create(t, "ci", auth.Editor)
	id, secret, err := auth.ParseToken(bearer)
	if err != nil || id != tok.ID {
		t.Fatalf("bearer token %q does not parse to id %s: %v", bearer, tok.ID, err)
	}
	if tok.Name != "ci" || tok.Role != auth.Editor || !tok.CreatedAt.Equal(f.clock.Now()) || !tok.LastUsedAt.IsZero() || tok.Revoked() {
		t.Fatalf("created %+v", tok)
	}
	st, err := f.store.FindTokenByID(ctx, tok.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(st.SecretHash, "$argon2id$") || strings.Contains(st.SecretHash, secret) {
		t.Fatalf("stored hash %q", st.SecretHash)
	}
	_, other := f.create(t, "ci", auth.Editor)
	if other == bearer {
		t.Fatal("two tokens are equal")
	}

	for _, c := range []struct {
		name string
		role auth.Role
	}{{"", auth.Reader}, {"x", "owner"}, {"tab\there", auth.Admin}} {
		if _, b, err := f.a.Create(asAdmin(ctx), c.name, c.role); graph.ErrorCode(err) != graph.EINVALID || b != "" {
			t.Errorf("Create(%q, %q) = %q, %v; want EINVALID", c.name, c.role, b, err)
		}
	}
	if list, _ := f.a.List(ctx); len(list) != 2 {
		t.Fatalf("refused tokens were stored: %+v", list)
	}
}

func TestAuthenticate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	editor, bearer := f.create(t, "editor", auth.Editor)
	revoked, revokedBearer := f.create(t, "gone", auth.Admin)
	if _, err := f.a.Revoke(asAdmin(ctx), revoked.ID); err != nil {
		t.Fatal(err)
	}
	id, secret, _ := auth.ParseToken(bearer)
	wrong := auth.FormatToken(id, strings.Repeat("z", len(secret)))
	unknown := auth.FormatToken("00000000000000ff", secret)

	for _, c := range []struct {
		name   string
		bearer string
		want   *auth.Principal
		reason string // in the logged error, never shown to clients
	}{
		{"valid", bearer, &auth.Principal{TokenID: editor.ID, Name: "editor", Role: auth.Editor}, ""},
		{"wrong secret", wrong, nil, "wrong secret"},
		{"unknown id", unknown, nil, "no such token"},
		{"revoked", revokedBearer, nil, "revoked"},
		{"malformed", "ag_" + secret, nil, "malformed"},
		{"empty", "", nil, "malformed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := f.a.Authenticate(ctx, c.bearer)
			if c.want != nil {
				if err != nil || p != *c.want {
					t.Fatalf("Authenticate = %+v, %v; want %+v", p, err, *c.want)
				}
				return
			}
			authtest.WantCode(t, err, graph.EUNAUTHENTICATED)
			if msg := graph.ErrorMessage(err); msg != "invalid or revoked API token" {
				t.Errorf("client message %q differs by reason", msg)
			}
			if !strings.Contains(err.Error(), c.reason) {
				t.Errorf("logged error %q does not say %q", err, c.reason)
			}
			if c.bearer != "" && strings.Contains(err.Error(), c.bearer) || strings.Contains(err.Error(), secret) {
				t.Errorf("error repeats the token: %v", err)
			}
		})
	}
}

func TestAuthenticateHashesOncePerToken(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok, bearer := f.create(t, "ci", auth.Reader)
	id, secret, _ := auth.ParseToken(bearer)
	other, _ := f.create(t, "other", auth.Reader)
	revoked, revokedBearer := f.create(t, "revoked", auth.Reader)
	f.a.Revoke(asAdmin(ctx), revoked.ID)
	base := f.a.SlowHashes() // the creations' hashes

	steps := []struct {
		name   string
		bearer string
		ok     bool
		hashes int64 // slow hashes this step costs
	}{
		{"first use hashes", bearer, true, 1},
		{"second use does not", bearer, true, 0},
		{"wrong secret for a verified token does not", auth.FormatToken(id, strings.Repeat("q", len(secret))), false, 0},
		{"third use does not", bearer, true, 0},
		{"wrong secret for an unverified token hashes", auth.FormatToken(other.ID, secret), false, 1},
		{"unknown id does not", auth.FormatToken("00000000000000ff", secret), false, 0},
		{"revoked does not", revokedBearer, false, 0},
		{"malformed does not", "Bearer " + bearer, false, 0},
	}
	for _, s := range steps {
		before := f.a.SlowHashes()
		_, err := f.a.Authenticate(ctx, s.bearer)
		if (err == nil) != s.ok {
			t.Fatalf("%s: err %v", s.name, err)
		}
		if got := f.a.SlowHashes() - before; got != s.hashes {
			t.Errorf("%s: %d slow hashes, want %d", s.name, got, s.hashes)
		}
	}
	if f.a.SlowHashes()-base != 2 {
		t.Fatalf("%d slow hashes in all", f.a.SlowHashes()-base)
	}

	// A revocation made elsewhere (another process, here another
	// Authenticator over the same store) counts from the next request,
	// though this one has verified the token before.
	elsewhere := auth.NewAuthenticator(f.store, auth.Options{Hash: cheap})
	if _, err := elsewhere.Revoke(asAdmin(ctx), tok.ID); err != nil {
		t.Fatal(err)
	}
	_, err := f.a.Authenticate(ctx, bearer)
	authtest.WantCode(t, err, graph.EUNAUTHENTICATED)
}

func TestLastUsedIsWrittenAtMostOncePerInterval(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok, bearer := f.create(t, "ci", auth.Reader)
	start := f.clock.Now()
	for _, s := range []struct {
		advance  time.Duration
		touches  int64
		lastUsed time.Time
	}{
		{0, 1, start},
		{10 * time.Second, 1, start},
		{49 * time.Second, 1, start},
		{time.Second, 2, start.Add(time.Minute)},
		{time.Second, 2, start.Add(time.Minute)},
		{time.Hour, 3, start.Add(time.Hour + 61*time.Second)},
	} {
		f.clock.Advance(s.advance)
		if _, err := f.a.Authenticate(ctx, bearer); err != nil {
			t.Fatal(err)
		}
		st, _ := f.store.FindTokenByID(ctx, tok.ID)
		if f.store.touches.Load() != s.touches || !st.LastUsedAt.Equal(s.lastUsed) {
			t.Fatalf("at %v: %d touches, last used %v; want %d, %v",
				f.clock.Now().Sub(start), f.store.touches.Load(), st.LastUsedAt, s.touches, s.lastUsed)
		}
	}
}

func TestStoreFailures(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, bearer := f.create(t, "ci", auth.Reader)

	// A failed touch does not refuse the token, and is tried again.
	f.store.failTouches.Store(true)
	if _, err := f.a.Authenticate(ctx, bearer); err != nil {
		t.Fatalf("a failed touch refused the token: %v", err)
	}
	f.store.failTouches.Store(false)
	if _, err := f.a.Authenticate(ctx, bearer); err != nil || f.store.touches.Load() != 2 {
		t.Fatalf("touch not retried: %v, %d touches", err, f.store.touches.Load())
	}

	// A store that cannot be reached is not a bad token.
	f.store.failFinds.Store(true)
	_, err := f.a.Authenticate(ctx, bearer)
	authtest.WantCode(t, err, graph.EUNAVAILABLE)
	if !errors.Is(err, errDown) {
		t.Fatalf("store error not wrapped: %v", err)
	}
}

func TestRevoke(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok, bearer := f.create(t, "ci", auth.Admin)
	if _, err := f.a.Authenticate(ctx, bearer); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	got, err := f.a.Revoke(asAdmin(ctx), tok.ID)
	if err != nil || !got.RevokedAt.Equal(f.clock.Now()) {
		t.Fatalf("Revoke = %+v, %v", got, err)
	}
	_, err = f.a.Authenticate(ctx, bearer)
	authtest.WantCode(t, err, graph.EUNAUTHENTICATED)

	for _, c := range []struct{ id, code string }{
		{"00000000000000ff", graph.ENOTFOUND},
		{"not-an-id", graph.EINVALID},
		{bearer, graph.EINVALID},
	} {
		_, err := f.a.Revoke(asAdmin(ctx), c.id)
		authtest.WantCode(t, err, c.code)
		if strings.Contains(err.Error(), bearer) {
			t.Errorf("error repeats the token: %v", err)
		}
	}
}

func TestConcurrentAuthentications(t *testing.T) {
	f := newFixture(t)
	_, bearer := f.create(t, "ci", auth.Editor)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			_, err := f.a.Authenticate(context.Background(), bearer)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.store.touches.Load(); n != 1 {
		t.Fatalf("%d writes of the last use for one burst of requests, want 1", n)
	}
}
