package auth_test

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph"
)

const goodID = "0123456789abcdef"

var goodSecret = strings.Repeat("a2", 26)

func TestParseToken(t *testing.T) {
	good := auth.FormatToken(goodID, goodSecret)
	if len(good) != auth.TokenLength {
		t.Fatalf("token length %d, want %d", len(good), auth.TokenLength)
	}
	id, secret, err := auth.ParseToken(good)
	if err != nil || id != goodID || secret != goodSecret {
		t.Fatalf("ParseToken(good) = %q, %q, %v", id, secret, err)
	}
	for _, c := range []struct{ name, in string }{
		{"empty", ""},
		{"prefix only", "ag_"},
		{"other prefix", "gh_" + good[3:]},
		{"upper-case id", "ag_" + strings.ToUpper(goodID) + "_" + goodSecret},
		{"id not hex", "ag_0123456789abcdeg_" + goodSecret},
		{"missing separator", "ag_" + goodID + "x" + goodSecret},
		{"secret too short", "ag_" + goodID + "_" + goodSecret[1:]},
		{"secret too long", good + "a"},
		{"secret outside base32", "ag_" + goodID + "_" + goodSecret[:51] + "1"},
		{"upper-case secret", "ag_" + goodID + "_" + strings.ToUpper(goodSecret)},
		{"surrounding space", " " + good[1:]},
		{"trailing newline", good[:len(good)-1] + "\n"},
		{"multibyte", "ag_" + goodID + "_" + goodSecret[:50] + "é"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := auth.ParseToken(c.in)
			if graph.ErrorCode(err) != graph.EUNAUTHENTICATED {
				t.Fatalf("ParseToken accepted %q: %v", c.in, err)
			}
			if len(c.in) > 8 && strings.Contains(err.Error(), c.in) {
				t.Fatalf("error repeats the token: %v", err)
			}
		})
	}
}

func TestValidateName(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"ci", true},
		{"alice's laptop (2026)", true},
		{"Ünïcode", true},
		{strings.Repeat("é", auth.MaxNameLength), true},
		{"", false},
		{"   ", false},
		{strings.Repeat("x", auth.MaxNameLength+1), false},
		{"line\nbreak", false},
		{"escape\x1b[31m", false},
		{"bad\xffutf8", false},
	} {
		err := auth.ValidateName(c.name)
		if (err == nil) != c.ok || (err != nil && graph.ErrorCode(err) != graph.EINVALID) {
			t.Errorf("ValidateName(%q) = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}
