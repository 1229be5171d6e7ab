package inmem_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/auth/authtest"
	"github.com/actorgraph/actorgraph/auth/inmem"
)

func TestTokenStore(t *testing.T) {
	authtest.TestTokenStore(t, func(*testing.T) auth.TokenStore { return &inmem.TokenStore{} })
}
