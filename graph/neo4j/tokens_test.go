package neo4j_test

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/auth/authtest"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

func TestTokenStore(t *testing.T) {
	authtest.TestTokenStore(t, func(t *testing.T) authtest.Store { return neo4jtest.MustOpenEmpty(t) })
}

func TestTokensAreUniqueAndResetDeletesThem(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := context.Background()
	if err := s.CreateToken(ctx, authtest.Sample(1, auth.Admin), authtest.By); err != nil {
		t.Fatal(err)
	}
	// The constraint, not only the store's code, keeps ids unique.
	tbl, err := s.RunReadOnly(ctx, `SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type
		WHERE name = 'api_token_id' RETURN labelsOrTypes, properties, type`, nil)
	if err != nil || len(tbl.Rows) != 1 || tbl.Rows[0][2] != "UNIQUENESS" {
		t.Fatalf("constraint api_token_id: %+v, %v", tbl.Rows, err)
	}
	if err := s.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	list, err := s.FindTokens(ctx)
	if err != nil || len(list) != 0 {
		t.Fatalf("after reset: %+v, %v", list, err)
	}
}
