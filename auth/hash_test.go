package auth

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// cheap are parameters that make tests fast; they are still argon2id.
var cheap = HashParams{Time: 1, MemoryKiB: 64, Threads: 1}

func TestHashSecret(t *testing.T) {
	secret := newSecret()
	h := hashSecret(secret, cheap)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not a PHC argon2id string with its parameters", h)
	}
	if strings.Contains(h, secret) {
		t.Fatal("hash contains the secret")
	}
	if h2 := hashSecret(secret, cheap); h2 == h {
		t.Fatal("two hashes of one secret are equal: the salt is not random")
	}
	for _, c := range []struct {
		secret string
		want   bool
	}{
		{secret, true},
		{newSecret(), false},
		{secret[:len(secret)-1] + "a", secret[len(secret)-1] == 'a'},
		{"", false},
	} {
		ok, err := verifySecret(c.secret, h)
		if err != nil || ok != c.want {
			t.Errorf("verifySecret(%q) = %v, %v; want %v", c.secret, ok, err, c.want)
		}
	}
}

func TestDefaultHashParamsAreRecorded(t *testing.T) {
	p, _, key, err := decodeHash(hashSecret("s", DefaultHashParams))
	if err != nil || p != DefaultHashParams || len(key) != keyBytes {
		t.Fatalf("decoded %+v, key %d bytes, %v; want %+v", p, len(key), err, DefaultHashParams)
	}
}

func TestDecodeHashRefusesBadHashes(t *testing.T) {
	salt, key := b64.EncodeToString(make([]byte, 16)), b64.EncodeToString(make([]byte, 32))
	for _, c := range []struct{ name, hash string }{
		{"empty", ""},
		{"bcrypt", "$2a$10$abcdefghijklmnopqrstuv"},
		{"argon2i", "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key},
		{"old version", "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key},
		{"huge memory", fmt.Sprintf("$argon2id$v=19$m=%d,t=1,p=1$%s$%s", 4<<20, salt, key)},
		{"many passes", "$argon2id$v=19$m=64,t=1000,p=1$" + salt + "$" + key},
		{"no threads", "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key},
		{"negative", "$argon2id$v=19$m=-64,t=1,p=1$" + salt + "$" + key},
		{"short salt", "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + key},
		{"bad base64", "$argon2id$v=19$m=64,t=1,p=1$!!!$" + key},
		{"extra field", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "$x"},
	} {
		if _, _, _, err := decodeHash(c.hash); err == nil {
			t.Errorf("%s: decodeHash accepted %q", c.name, c.hash)
		}
	}
}

// BenchmarkHashSecret measures what one verification costs with the
// default parameters (DefaultHashParams' comment quotes it).
func BenchmarkHashSecret(b *testing.B) {
	secret := newSecret()
	for b.Loop() {
		hashSecret(secret, DefaultHashParams)
	}
}

func TestHashingWaitsForASlot(t *testing.T) {
	a := NewAuthenticator(nil, Options{Hash: cheap, MaxConcurrentHashes: 1})
	a.hashing <- struct{}{} // the one slot is busy
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := a.Create(NewContext(ctx, CommandLine("test")), "ci", Reader); graph.ErrorCode(err) != graph.ETIMEOUT {
		t.Fatalf("Create with no free slot and an ended request = %v, want ETIMEOUT", err)
	}
	if a.SlowHashes() != 0 {
		t.Fatal("hashed without a slot")
	}
}
