package auth

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// Token describes an API token: everything about it but its secret.
type Token struct {
	// ID names the token in lists, logs and revocations; it is the first
	// part of the bearer token and is not secret: 16 lower-case hex digits.
	ID string
	// Name says whose or what the token is ("ci", "alice's laptop").
	Name string
	// Role is what the token's holder may do.
	Role Role
	// CreatedAt is when the token was created.
	CreatedAt time.Time
	// LastUsedAt is when the token was last accepted, to within
	// TouchInterval (it is recorded at most that often); zero if never.
	LastUsedAt time.Time
	// RevokedAt is when the token was revoked; zero while it is valid.
	RevokedAt time.Time
}

// Revoked reports whether the token has been revoked.
func (t Token) Revoked() bool { return !t.RevokedAt.IsZero() }

// Validate checks the token's id, name and role.
func (t Token) Validate() error {
	if !validID(t.ID) {
		return graph.Errorf(graph.EINVALID, "a token id is %d lower-case hex digits", idBytes*2)
	}
	if err := ValidateName(t.Name); err != nil {
		return err
	}
	if !t.Role.Valid() {
		return graph.Errorf(graph.EINVALID, "unknown role %q: want one of %s", t.Role, strings.Join(RoleNames(), ", "))
	}
	if t.CreatedAt.IsZero() {
		return graph.Errorf(graph.EINVALID, "token %s has no creation time", t.ID)
	}
	return nil
}

// MaxNameLength bounds a token's name, in characters.
const MaxNameLength = 100

// ValidateName checks a token name: 1 to MaxNameLength characters, not
// all spaces, no control characters (names are printed in lists and logs).
func ValidateName(name string) error {
	switch n := utf8.RuneCountInString(name); {
	case !utf8.ValidString(name):
		return graph.Errorf(graph.EINVALID, "token name is not valid UTF-8")
	case strings.TrimSpace(name) == "":
		return graph.Errorf(graph.EINVALID, "token name is empty: say whose or what the token is")
	case n > MaxNameLength:
		return graph.Errorf(graph.EINVALID, "token name is %d characters long, more than %d", n, MaxNameLength)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return graph.Errorf(graph.EINVALID, "token name contains a control character")
	}
	return nil
}

// StoredToken is a token as a TokenStore keeps it: with the encoded slow
// hash of its secret (see HashParams), never the secret itself.
type StoredToken struct {
	Token
	// SecretHash is the PHC-encoded argon2id hash of the secret, with its
	// parameters and salt ("$argon2id$v=19$m=…,t=…,p=…$salt$key").
	SecretHash string
}

// TokenStore keeps API tokens. The domain owns this port; graph/neo4j
// implements it over Neo4j, graph/inmem in memory. Failures of the store
// itself carry its own codes (EUNAVAILABLE when the database cannot be
// reached).
type TokenStore interface {
	// CreateToken stores a new token, and records it in the audit trail
	// as made by `by` (curation.TokenRevision, action CREATE_TOKEN) in the
	// same transaction: both are written or neither. EINVALID if a token
	// with its id exists (ids are 64 random bits, so that means a bug).
	CreateToken(ctx context.Context, t StoredToken, by Principal) error
	// FindTokenByID returns the token with its secret's hash, revoked or
	// not. ENOTFOUND if no token has this id.
	FindTokenByID(ctx context.Context, id string) (StoredToken, error)
	// FindTokens returns every token, revoked ones too, oldest first (ties
	// by id). It never returns hashes.
	FindTokens(ctx context.Context) ([]Token, error)
	// RevokeToken marks the token revoked at `at` by `by` and returns it,
	// recording the revocation in the audit trail (REVOKE_TOKEN) in the
	// same transaction. A token revoked already keeps its first revocation
	// time, and nothing is recorded: nothing changed. ENOTFOUND if no
	// token has this id.
	RevokeToken(ctx context.Context, id string, at time.Time, by Principal) (Token, error)
	// TouchToken records that the token was used at `at`; LastUsedAt
	// never moves back. ENOTFOUND if no token has this id.
	TouchToken(ctx context.Context, id string, at time.Time) error
}

// The bearer token's shape: ag_<id>_<secret>. The prefix lets secret
// scanners and people recognise an actorgraph token; the id finds the
// stored hash with one lookup; the secret is 256 random bits in lower-case
// base32, which a double click selects whole.
const (
	// TokenPrefix starts every bearer token.
	TokenPrefix = "ag_"
	idBytes     = 8  // 64 bits: unique, not secret
	secretBytes = 32 // 256 bits from crypto/rand
)

var secretEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// secretLen is the length of an encoded secret (52 characters).
var secretLen = secretEncoding.EncodedLen(secretBytes)

// TokenLength is the length of a bearer token.
var TokenLength = len(TokenPrefix) + 2*idBytes + 1 + secretLen

// newID returns a fresh random token id.
func newID() string {
	b := make([]byte, idBytes)
	rand.Read(b) // never fails: crypto/rand crashes the program instead
	return hex.EncodeToString(b)
}

// newSecret returns a fresh random secret.
func newSecret() string {
	b := make([]byte, secretBytes)
	rand.Read(b)
	return secretEncoding.EncodeToString(b)
}

// FormatToken joins an id and a secret into a bearer token.
func FormatToken(id, secret string) string { return TokenPrefix + id + "_" + secret }

// ParseToken splits a bearer token into its id and secret. It checks the
// shape only; the error never repeats the text it was given.
func ParseToken(s string) (id, secret string, err error) {
	bad := graph.Errorf(graph.EUNAUTHENTICATED, "malformed API token: want %s<id>_<secret>, %d characters", TokenPrefix, TokenLength)
	if len(s) != TokenLength || !strings.HasPrefix(s, TokenPrefix) {
		return "", "", bad
	}
	rest := s[len(TokenPrefix):]
	id, secret = rest[:2*idBytes], rest[2*idBytes+1:]
	if rest[2*idBytes] != '_' || !validID(id) || !validSecret(secret) {
		return "", "", bad
	}
	return id, secret, nil
}

// LooksLikeToken reports whether s has a bearer token's shape, so that
// commands can refuse to echo it.
func LooksLikeToken(s string) bool {
	_, _, err := ParseToken(s)
	return err == nil
}

func validID(id string) bool {
	if len(id) != 2*idBytes {
		return false
	}
	for _, c := range []byte(id) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func validSecret(s string) bool {
	if len(s) != secretLen {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || '2' <= c && c <= '7') {
			return false
		}
	}
	return true
}
