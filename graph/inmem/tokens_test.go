package inmem_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/auth/authtest"
	"github.com/actorgraph/actorgraph/graph/inmem"
)

func TestTokenStore(t *testing.T) {
	authtest.TestTokenStore(t, func(*testing.T) authtest.Store { return inmem.New() })
}
