package auth

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Options configure an Authenticator. Zero fields take the defaults.
type Options struct {
	// Hash are the argon2id parameters for new tokens; default
	// DefaultHashParams. Tests use cheap ones.
	Hash HashParams
	// TouchInterval is how often a token's LastUsedAt is written at most,
	// so that a busy client does not cost a write per request; default
	// one minute.
	TouchInterval time.Duration
	// MaxConcurrentHashes bounds the slow hashes computed at once (each
	// takes Hash.MemoryKiB); default GOMAXPROCS.
	MaxConcurrentHashes int
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Logger receives failures to record LastUsedAt; default slog.Default().
	Logger *slog.Logger
}

// DefaultTouchInterval is the default Options.TouchInterval.
const DefaultTouchInterval = time.Minute

// Authenticator issues, lists and revokes API tokens over a TokenStore and
// turns presented bearer tokens into principals. It is safe for
// concurrent use; make one per process.
type Authenticator struct {
	store TokenStore
	opt   Options
	// hashing bounds concurrent slow hashes: verification is the one thing
	// an unauthenticated caller can make the server spend memory and CPU on.
	hashing chan struct{}
	hashes  atomic.Int64 // slow hashes computed, for SlowHashes

	mu sync.Mutex
	// verified remembers, per token id, the stored hash a secret was last
	// verified against and the SHA-256 of that secret, so that a token is
	// hashed slowly once per process (and again only if its stored hash
	// changes), not once per request. The digest of a 256-bit random
	// secret is as hard to invert as the slow hash; it never leaves memory.
	verified map[string]verifiedSecret
	// touched is when each token's LastUsedAt was last written.
	touched map[string]time.Time
}

type verifiedSecret struct {
	hash   string
	digest [sha256.Size]byte
}

// NewAuthenticator returns an Authenticator over store.
func NewAuthenticator(store TokenStore, opt Options) *Authenticator {
	if opt.Hash == (HashParams{}) {
		opt.Hash = DefaultHashParams
	}
	if opt.TouchInterval <= 0 {
		opt.TouchInterval = DefaultTouchInterval
	}
	if opt.MaxConcurrentHashes <= 0 {
		opt.MaxConcurrentHashes = runtime.GOMAXPROCS(0)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	return &Authenticator{
		store:    store,
		opt:      opt,
		hashing:  make(chan struct{}, opt.MaxConcurrentHashes),
		verified: map[string]verifiedSecret{},
		touched:  map[string]time.Time{},
	}
}

// now returns the clock's time in UTC, to the microsecond, which every
// store keeps exactly.
func (a *Authenticator) now() time.Time { return a.opt.Now().UTC().Truncate(time.Microsecond) }

// Create makes a new token with a fresh id and secret, stores only the
// secret's hash, and returns the token and the bearer string to hand to
// its holder: it cannot be shown again. The caller, whom ctx carries,
// needs the admin role (the command line's principal is CommandLine); the
// store records the token's creation as theirs. EINVALID for a bad name
// or role.
func (a *Authenticator) Create(ctx context.Context, name string, role Role) (Token, string, error) {
	by, err := admin(ctx)
	if err != nil {
		return Token{}, "", err
	}
	t := Token{ID: newID(), Name: name, Role: role, CreatedAt: a.now()}
	if err := t.Validate(); err != nil {
		return Token{}, "", err
	}
	secret := newSecret()
	if err := a.acquire(ctx); err != nil {
		return Token{}, "", err
	}
	hash := hashSecret(secret, a.opt.Hash)
	a.release()
	a.hashes.Add(1)
	if err := a.store.CreateToken(ctx, StoredToken{Token: t, SecretHash: hash}, by); err != nil {
		return Token{}, "", fmt.Errorf("create token: %w", err)
	}
	return t, FormatToken(t.ID, secret), nil
}

// List returns every token, revoked ones too, oldest first; never secrets
// or hashes.
func (a *Authenticator) List(ctx context.Context) ([]Token, error) {
	ts, err := a.store.FindTokens(ctx)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	return ts, nil
}

// Revoke revokes the token with this id at once: it is refused from the
// next request on, in every process. Revoking it again changes nothing.
// The caller, whom ctx carries, needs the admin role; the store records
// the revocation as theirs. EINVALID for a malformed id, ENOTFOUND for an
// unknown one.
func (a *Authenticator) Revoke(ctx context.Context, id string) (Token, error) {
	by, err := admin(ctx)
	if err != nil {
		return Token{}, err
	}
	if !validID(id) {
		// Never echo it: it may be a whole token pasted by mistake.
		return Token{}, graph.Errorf(graph.EINVALID, "a token id is %d lower-case hex digits (the part after %s in the token)", idBytes*2, TokenPrefix)
	}
	t, err := a.store.RevokeToken(ctx, id, a.now(), by)
	if err != nil {
		return Token{}, fmt.Errorf("revoke token %s: %w", id, err)
	}
	a.forget(id)
	return t, nil
}

// admin returns the caller ctx carries if it may manage tokens.
func admin(ctx context.Context) (Principal, error) {
	if err := Require(ctx, Admin); err != nil {
		return Principal{}, err
	}
	p, _ := FromContext(ctx)
	return p, nil
}

// forget drops what this process remembers of a revoked token.
func (a *Authenticator) forget(id string) {
	a.mu.Lock()
	delete(a.verified, id)
	delete(a.touched, id)
	a.mu.Unlock()
}

// errBadToken is what a client is told about any token that is not
// accepted, whatever the reason: malformed, unknown, revoked or wrong.
// The reason goes into the wrapped error for the server's log.
var errBadToken = graph.Errorf(graph.EUNAUTHENTICATED, "invalid or revoked API token")

// Authenticate checks a bearer token and returns the principal it stands
// for. Any problem with the token is EUNAUTHENTICATED with one message for
// all reasons (the wrapped error says which, for logs, and names the token
// by its id only); a failing store returns the store's error, so that a
// database outage is not mistaken for a bad token.
//
// It looks the token up by its id on every call, so a revocation counts
// from the next request; a revoked or unknown token costs no hashing.
func (a *Authenticator) Authenticate(ctx context.Context, bearer string) (Principal, error) {
	id, secret, err := ParseToken(bearer)
	if err != nil {
		return Principal{}, fmt.Errorf("malformed token: %w", errBadToken)
	}
	st, err := a.store.FindTokenByID(ctx, id)
	switch {
	case graph.ErrorCode(err) == graph.ENOTFOUND:
		return Principal{}, fmt.Errorf("token %s: no such token: %w", id, errBadToken)
	case err != nil:
		return Principal{}, fmt.Errorf("look up token %s: %w", id, err)
	case st.Revoked():
		a.forget(id)
		return Principal{}, fmt.Errorf("token %s (%q): revoked at %s: %w", id, st.Name, st.RevokedAt.Format(time.RFC3339), errBadToken)
	}
	ok, err := a.verify(ctx, id, secret, st.SecretHash)
	switch {
	case err != nil:
		return Principal{}, fmt.Errorf("token %s: %w", id, err)
	case !ok:
		return Principal{}, fmt.Errorf("token %s (%q): wrong secret: %w", id, st.Name, errBadToken)
	}
	a.touch(ctx, id)
	return Principal{TokenID: st.ID, Name: st.Name, Role: st.Role}, nil
}

// verify checks the secret against the stored hash: against the remembered
// digest if this process verified it against the same hash before, slowly
// otherwise. Both comparisons take constant time.
func (a *Authenticator) verify(ctx context.Context, id, secret, hash string) (bool, error) {
	digest := sha256.Sum256([]byte(secret))
	a.mu.Lock()
	v, seen := a.verified[id]
	a.mu.Unlock()
	if seen && subtle.ConstantTimeCompare([]byte(v.hash), []byte(hash)) == 1 {
		return subtle.ConstantTimeCompare(v.digest[:], digest[:]) == 1, nil
	}
	if err := a.acquire(ctx); err != nil {
		return false, err
	}
	ok, err := verifySecret(secret, hash)
	a.release()
	a.hashes.Add(1)
	if err != nil {
		return false, fmt.Errorf("verify: %w", err)
	}
	if ok {
		a.mu.Lock()
		a.verified[id] = verifiedSecret{hash: hash, digest: digest}
		a.mu.Unlock()
	}
	return ok, nil
}

// SlowHashes returns how many argon2id hashes this Authenticator has
// computed. Tests use it to prove that refused, revoked and repeated
// tokens cost no hashing.
func (a *Authenticator) SlowHashes() int64 { return a.hashes.Load() }

// acquire waits for a slot to hash in, or for ctx to end.
func (a *Authenticator) acquire(ctx context.Context) error {
	select {
	case a.hashing <- struct{}{}:
		return nil
	case <-ctx.Done():
		return graph.Errorf(graph.ETIMEOUT, "the request ended while waiting to check its API token")
	}
}

func (a *Authenticator) release() { <-a.hashing }

// touch records the token's use if TouchInterval has passed since this
// process last did. A failure is logged and retried on a later request;
// it does not refuse the token.
func (a *Authenticator) touch(ctx context.Context, id string) {
	now := a.now()
	a.mu.Lock()
	last, seen := a.touched[id]
	due := !seen || now.Sub(last) >= a.opt.TouchInterval
	if due {
		a.touched[id] = now // claim the write, so that concurrent requests do not repeat it
	}
	a.mu.Unlock()
	if !due {
		return
	}
	if err := a.store.TouchToken(ctx, id, now); err != nil {
		a.mu.Lock()
		if seen {
			a.touched[id] = last
		} else {
			delete(a.touched, id)
		}
		a.mu.Unlock()
		a.opt.Logger.WarnContext(ctx, "could not record a token's last use", "token_id", id, "err", err)
	}
}
