package neo4j

import (
	"context"
	"errors"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
)

// API tokens are (:ApiToken) nodes, unique by id (constraint api_token_id),
// apart from the graph: no relationship touches them. Times are Neo4j
// DATETIMEs in UTC; lastUsedAt and revokedAt are absent until set. The
// secret is never stored, only its argon2id hash (secretHash), and only
// FindTokenByID reads that back.

var _ auth.TokenStore = (*Store)(nil)

// tokenProjection reads a token without its hash; it needs t bound.
const tokenProjection = `{.id, .name, .role, .createdAt, .lastUsedAt, .revokedAt}`

// CreateToken implements auth.TokenStore: the token and its revision in
// one transaction.
func (s *Store) CreateToken(ctx context.Context, t auth.StoredToken, by auth.Principal) error {
	if err := t.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, "create token", func(tx *countingTx) error {
		_, err := tx.run(ctx, "create", `
			CREATE (:ApiToken {id: $id, name: $name, role: $role, createdAt: $createdAt, secretHash: $hash})`,
			map[string]any{"id": t.ID, "name": t.Name, "role": string(t.Role), "createdAt": t.CreatedAt.UTC(), "hash": t.SecretHash})
		if err != nil {
			return err
		}
		return writeRevision(ctx, tx, curation.TokenRevision(curation.CreateToken, by, t.CreatedAt, nil, t.Token))
	})
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed" {
		return graph.Errorf(graph.EINVALID, "a token with id %s exists", t.ID)
	}
	return err
}

// FindTokenByID implements auth.TokenStore. It reads from the cluster's
// leader, where revocations are written, so that a token revoked by any
// process is refused from the next request on.
func (s *Store) FindTokenByID(ctx context.Context, id string) (auth.StoredToken, error) {
	recs, err := s.readLeader(ctx, "find token", `
		MATCH (t:ApiToken {id: $id})
		RETURN t `+tokenProjection+` AS token, t.secretHash AS hash`, map[string]any{"id": id})
	if err != nil {
		return auth.StoredToken{}, err
	}
	if len(recs) == 0 {
		return auth.StoredToken{}, tokenNotFound(id)
	}
	v, _ := recs[0].Get("token")
	return auth.StoredToken{Token: toToken(v), SecretHash: str(recs[0], "hash")}, nil
}

// FindTokens implements auth.TokenStore.
func (s *Store) FindTokens(ctx context.Context) ([]auth.Token, error) {
	recs, err := s.readLeader(ctx, "list tokens", `
		MATCH (t:ApiToken)
		RETURN t `+tokenProjection+` AS token
		ORDER BY t.createdAt, t.id`, nil)
	if err != nil {
		return nil, err
	}
	out := make([]auth.Token, len(recs))
	for i, r := range recs {
		v, _ := r.Get("token")
		out[i] = toToken(v)
	}
	return out, nil
}

// RevokeToken implements auth.TokenStore: the revocation and its revision
// in one transaction. It takes the token's write lock first (lock), so
// that of two revocations at once the second finds it revoked and
// records nothing.
func (s *Store) RevokeToken(ctx context.Context, id string, at time.Time, by auth.Principal) (auth.Token, error) {
	var t auth.Token
	found := false
	err := s.write(ctx, "revoke token", func(tx *countingTx) error {
		if err := lock(ctx, tx, "ApiToken", "API token", []string{id}); err != nil {
			if graph.ErrorCode(err) == graph.ENOTFOUND {
				return nil
			}
			return err
		}
		found = true
		recs, err := tx.run(ctx, "revoke", `
			MATCH (t:ApiToken {id: $id})
			WITH t, t.revokedAt IS NULL AS first
			SET t.revokedAt = coalesce(t.revokedAt, $at)
			RETURN t `+tokenProjection+` AS token, first`, map[string]any{"id": id, "at": at.UTC()})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return graph.Errorf(graph.EINTERNAL, "API token %q vanished while locked", id)
		}
		v, _ := recs[0].Get("token")
		t = toToken(v)
		if first, _ := recs[0].Get("first"); first != true {
			return nil
		}
		before := t
		before.RevokedAt = time.Time{}
		return writeRevision(ctx, tx, curation.TokenRevision(curation.RevokeToken, by, t.RevokedAt, &before, t))
	})
	switch {
	case err != nil:
		return auth.Token{}, err
	case !found:
		return auth.Token{}, tokenNotFound(id)
	}
	return t, nil
}

// TouchToken implements auth.TokenStore.
func (s *Store) TouchToken(ctx context.Context, id string, at time.Time) error {
	found := false
	err := s.write(ctx, "touch token", func(tx *countingTx) error {
		recs, err := tx.run(ctx, "touch", `
			MATCH (t:ApiToken {id: $id})
			SET t.lastUsedAt = CASE WHEN t.lastUsedAt IS NULL OR t.lastUsedAt < $at THEN $at ELSE t.lastUsedAt END
			RETURN t.id AS id`, map[string]any{"id": id, "at": at.UTC()})
		found = len(recs) > 0
		return err
	})
	if err == nil && !found {
		return tokenNotFound(id)
	}
	return err
}

func tokenNotFound(id string) error {
	return graph.Errorf(graph.ENOTFOUND, "no API token with id %q", id)
}

// readLeader runs one read query routed to the writers (the leader of a
// cluster; the one server otherwise), for reads that must see every
// committed write.
func (s *Store) readLeader(ctx context.Context, op, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	return s.query(ctx, op, cypher, params, neo4j.ExecuteQueryWithWritersRouting())
}

func toToken(v any) auth.Token {
	m := asMap(v)
	return auth.Token{
		ID: mstr(m, "id"), Name: mstr(m, "name"), Role: auth.Role(mstr(m, "role")),
		CreatedAt: mtime(m, "createdAt"), LastUsedAt: mtime(m, "lastUsedAt"), RevokedAt: mtime(m, "revokedAt"),
	}
}

// mtime reads a DATETIME as a UTC time; zero if absent.
func mtime(m map[string]any, k string) time.Time {
	t, _ := m[k].(time.Time)
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}
