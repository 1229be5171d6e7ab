// Package inmem keeps API tokens in memory: an auth.TokenStore for tests
// of everything above the store, which then need no database. It behaves
// as the Neo4j store does; auth/authtest's suite runs against both.
package inmem

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph"
)

// TokenStore is an in-memory auth.TokenStore, safe for concurrent use.
// The zero value is empty and ready.
type TokenStore struct {
	mu     sync.Mutex
	tokens map[string]auth.StoredToken
}

var _ auth.TokenStore = (*TokenStore)(nil)

// CreateToken implements auth.TokenStore.
func (s *TokenStore) CreateToken(ctx context.Context, t auth.StoredToken) error {
	if err := t.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.tokens[t.ID]; ok {
		return graph.Errorf(graph.EINVALID, "a token with id %s exists", t.ID)
	}
	if s.tokens == nil {
		s.tokens = map[string]auth.StoredToken{}
	}
	s.tokens[t.ID] = t
	return nil
}

// FindTokenByID implements auth.TokenStore.
func (s *TokenStore) FindTokenByID(ctx context.Context, id string) (auth.StoredToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok {
		return auth.StoredToken{}, notFound(id)
	}
	return t, nil
}

// FindTokens implements auth.TokenStore.
func (s *TokenStore) FindTokens(ctx context.Context) ([]auth.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]auth.Token, 0, len(s.tokens))
	for _, t := range s.tokens {
		out = append(out, t.Token)
	}
	slices.SortFunc(out, func(a, b auth.Token) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// RevokeToken implements auth.TokenStore.
func (s *TokenStore) RevokeToken(ctx context.Context, id string, at time.Time) (auth.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok {
		return auth.Token{}, notFound(id)
	}
	if !t.Revoked() {
		t.RevokedAt = at
		s.tokens[id] = t
	}
	return t.Token, nil
}

// TouchToken implements auth.TokenStore.
func (s *TokenStore) TouchToken(ctx context.Context, id string, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok {
		return notFound(id)
	}
	if at.After(t.LastUsedAt) {
		t.LastUsedAt = at
		s.tokens[id] = t
	}
	return nil
}

func notFound(id string) error {
	return graph.Errorf(graph.ENOTFOUND, "no API token with id %q", id)
}
