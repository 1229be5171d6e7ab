package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
)

// `actorgraph load` of an article a curator changed through the API exits
// 1 naming the article and its count of curated claims, with both ways
// on, and writes nothing; -replace-curated loads it, the file's claims
// replacing the curated ones.
func TestLoadRefusesCuratedArticles(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	seed := neo4jtest.SeedDir()
	if _, _, err := run(t, "load", "-q", seed); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	claim := "iran-aligned-militias-threaten-us/kh-threatens-us"
	svc := &curation.Service{Store: s, Graph: s}
	editor := auth.NewContext(ctx, auth.Principal{TokenID: "0123456789abcdef", Name: "alice", Role: auth.Editor})
	if _, err := svc.RetractClaim(editor, claim, "misread", nil); err != nil {
		t.Fatal(err)
	}

	out, _, err := run(t, "load", "-q", seed)
	var ve *loaders.ValidationError
	if !errors.As(err, &ve) || exitCode(err) != 1 || strings.Contains(out, "loaded") {
		t.Fatalf("load of a curated article: %v (exit %d), output %q; want a refusal, exit 1", err, exitCode(err), out)
	}
	var msg bytes.Buffer
	report(&msg, err)
	for _, want := range []string{`claims.yaml: article "iran-aligned-militias-threaten-us": 1 of its`,
		"actorgraph export --format claims", "-replace-curated", "nothing was written"} {
		if !strings.Contains(msg.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, msg.String())
		}
	}
	cs, err := s.ClaimsByID(ctx, []string{claim})
	if err != nil || !cs[claim].Retracted || cs[claim].Version != 2 {
		t.Fatalf("after the refused load the claim is %+v, %v; want it retracted at version 2", cs[claim], err)
	}

	if _, errOut, err := run(t, "load", "-q", "-replace-curated", seed); err != nil {
		t.Fatalf("load -replace-curated: %v\n%s", err, errOut)
	}
	cs, err = s.ClaimsByID(ctx, []string{claim})
	if err != nil || cs[claim].Retracted || cs[claim].Version != 1 {
		t.Fatalf("after load -replace-curated the claim is %+v, %v; want the file's, at version 1", cs[claim], err)
	}
}
