package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// HashParams are argon2id's cost parameters for hashing token secrets.
type HashParams struct {
	// Time is the number of passes over the memory.
	Time uint32
	// MemoryKiB is the memory used, in KiB.
	MemoryKiB uint32
	// Threads is the parallelism.
	Threads uint8
}

// DefaultHashParams cost about 40 ms and 46 MiB per hash on a 2-core
// Xeon (BenchmarkHashSecret: 37–41 ms; t=2 with 19 MiB took 24–28 ms,
// t=1 with 64 MiB 60–80 ms). They are the second of OWASP's equivalent
// argon2id settings, chosen over less memory and more passes because a
// secret is 256 random bits: what the hash has to slow is a guess at a
// leaked hash, and memory is what raises that cost on special hardware.
// Each hash records its parameters, so raising them later leaves existing
// tokens valid.
var DefaultHashParams = HashParams{Time: 1, MemoryKiB: 46 * 1024, Threads: 1}

// Bounds on the parameters a stored hash may ask for, so that a corrupt or
// planted hash cannot make verification take a second or a gigabyte.
const (
	maxHashTime      = 10
	maxHashMemoryKiB = 256 * 1024
	maxHashThreads   = 8
	saltBytes        = 16
	keyBytes         = 32
)

var b64 = base64.RawStdEncoding

// hashSecret hashes a secret with a fresh random salt and returns the PHC
// string: $argon2id$v=19$m=<KiB>,t=<passes>,p=<threads>$<salt>$<key>.
func hashSecret(secret string, p HashParams) string {
	salt := make([]byte, saltBytes)
	rand.Read(salt)
	key := argon2.IDKey([]byte(secret), salt, p.Time, p.MemoryKiB, p.Threads, keyBytes)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.MemoryKiB, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// verifySecret reports whether secret hashes to the encoded hash,
// comparing the keys in constant time. An error means the stored hash
// itself is unreadable.
func verifySecret(secret, encoded string) (bool, error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(secret), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// decodeHash parses a PHC argon2id string and bounds its parameters.
func decodeHash(encoded string) (HashParams, []byte, []byte, error) {
	var p HashParams
	f := strings.Split(encoded, "$")
	if len(f) != 6 || f[0] != "" || f[1] != "argon2id" {
		return p, nil, nil, fmt.Errorf("stored token hash is not an argon2id PHC string")
	}
	var v int
	if _, err := fmt.Sscanf(f[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, fmt.Errorf("stored token hash has argon2 version %q, want v=%d", f[2], argon2.Version)
	}
	var m, t, th uint64
	if n, err := fmt.Sscanf(f[3], "m=%d,t=%d,p=%d", &m, &t, &th); err != nil || n != 3 {
		return p, nil, nil, fmt.Errorf("stored token hash has unreadable parameters %q", f[3])
	}
	if t < 1 || t > maxHashTime || m < 8*th || m > maxHashMemoryKiB || th < 1 || th > maxHashThreads {
		return p, nil, nil, fmt.Errorf("stored token hash has parameters out of bounds: %q", f[3])
	}
	salt, err1 := b64.DecodeString(f[4])
	key, err2 := b64.DecodeString(f[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 {
		return p, nil, nil, fmt.Errorf("stored token hash has an unreadable salt or key")
	}
	return HashParams{Time: uint32(t), MemoryKiB: uint32(m), Threads: uint8(th)}, salt, key, nil
}
