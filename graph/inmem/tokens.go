package inmem

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
)

// The API tokens, as the Neo4j store keeps them (:ApiToken nodes): by id,
// with the secret's hash, apart from the graph. A change to a token and
// its revision are made under one lock, as Neo4j makes them in one
// transaction.

var _ auth.TokenStore = (*Store)(nil)

// CreateToken implements auth.TokenStore.
func (s *Store) CreateToken(ctx context.Context, t auth.StoredToken, by auth.Principal) error {
	if err := t.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.tokens[t.ID]; ok {
		return graph.Errorf(graph.EINVALID, "a token with id %s exists", t.ID)
	}
	s.tokens[t.ID] = t
	s.revisions = append(s.revisions, curation.TokenRevision(curation.CreateToken, by, t.CreatedAt, nil, t.Token))
	return nil
}

// FindTokenByID implements auth.TokenStore.
func (s *Store) FindTokenByID(ctx context.Context, id string) (auth.StoredToken, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, ok := s.tokens[id]
	if !ok {
		return auth.StoredToken{}, tokenNotFound(id)
	}
	return t, nil
}

// FindTokens implements auth.TokenStore.
func (s *Store) FindTokens(ctx context.Context) ([]auth.Token, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
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
func (s *Store) RevokeToken(ctx context.Context, id string, at time.Time, by auth.Principal) (auth.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok {
		return auth.Token{}, tokenNotFound(id)
	}
	if !t.Revoked() {
		before := t.Token
		t.RevokedAt = at
		s.tokens[id] = t
		s.revisions = append(s.revisions, curation.TokenRevision(curation.RevokeToken, by, at, &before, t.Token))
	}
	return t.Token, nil
}

// TouchToken implements auth.TokenStore.
func (s *Store) TouchToken(ctx context.Context, id string, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok {
		return tokenNotFound(id)
	}
	if at.After(t.LastUsedAt) {
		t.LastUsedAt = at
		s.tokens[id] = t
	}
	return nil
}

func tokenNotFound(id string) error {
	return graph.Errorf(graph.ENOTFOUND, "no API token with id %q", id)
}
