package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

func TestGenWritesACorpusThatChecks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	out, _, err := run(t, "gen", "-articles", "12", "-seed", "3", "-out", dir)
	if err != nil || !strings.Contains(out, "wrote 12 articles with 240 claims") {
		t.Fatalf("gen: %q, %v", out, err)
	}
	out, _, err = run(t, "check", dir)
	if err != nil || strings.Count(out, ": ok: article") != 12 {
		t.Fatalf("check of the generated corpus: %q, %v", out, err)
	}
	for _, args := range [][]string{{"gen"}, {"gen", "-out", dir, "extra"}, {"gen", "-articles", "0", "-out", dir}} {
		if _, _, err := run(t, args...); err == nil {
			t.Errorf("%v was accepted", args)
		}
	}
}

// TestGroupedLoadsMatchSerial loads a generated corpus whose articles share
// hub actors and relationships three ways: one article per transaction,
// one writer (the reference); groups of five articles per transaction,
// four writers at once, one row per statement; and the defaults. The
// graphs must be the same, down to every relationship's claims.
func TestGroupedLoadsMatchSerial(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	if _, _, err := run(t, "gen", "-articles", "40", "-actors", "30", "-out", dir); err != nil {
		t.Fatal(err)
	}
	s := neo4jtest.MustOpenEmpty(t)
	if _, _, err := run(t, "load", "-q", "-concurrency", "1", "-tx-claims", "1", dir); err != nil {
		t.Fatal(err)
	}
	serial := neo4jtest.MustStats(t, s)
	serialSummary := edgeSummary(t, s)
	if strings.Count(serialSummary, "\n") < 50 {
		t.Fatalf("too few relationships to mean anything:\n%s", serialSummary)
	}

	for _, args := range [][]string{
		{"-concurrency", "4", "-tx-claims", "100", "-batch-size", "1"},
		{"-profile"},
	} {
		neo4jtest.MustOpenEmpty(t)
		out, _, err := run(t, append(append([]string{"load", "-q"}, args...), dir)...)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "loaded 40 articles, 800 claims") || strings.Contains(out, "loaded article") {
			t.Fatalf("load %v printed %q", args, out)
		}
		if got := neo4jtest.MustStats(t, s); got != serial || serial.Claims != 800 {
			t.Fatalf("load %v: %+v, serial load: %+v", args, got, serial)
		}
		if got := edgeSummary(t, s); got != serialSummary {
			t.Fatalf("load %v: relationship summaries differ:\ngot    %s\nserial %s", args, got, serialSummary)
		}
		if len(args) == 1 { // -profile: 800 claims at the default 1000 a transaction
			for _, want := range []string{"\ntransactions: 1, ", "\ncreate claims ", "\nextend relationship summaries ", "\nbegin, commit, between statements "} {
				if !strings.Contains(out, want) {
					t.Errorf("-profile printed no %q:\n%s", strings.TrimSpace(want), out)
				}
			}
		}
	}
	// Loading again, in other groups, changes nothing.
	if _, _, err := run(t, "load", "-q", "-concurrency", "3", "-tx-claims", "60", dir); err != nil {
		t.Fatal(err)
	}
	if got := edgeSummary(t, s); got != serialSummary {
		t.Fatal("a second load changed the relationship summaries")
	}
}

// edgeSummary fingerprints every relationship: id, claims, articles,
// certainties, sources, sentences and time.
func edgeSummary(t *testing.T, s *neo4jstore.Store) string {
	t.Helper()
	page, err := s.Relationships(context.Background(), graph.RelationshipFilter{}, graph.PageRequest{First: 100000})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range page.Relationships {
		fmt.Fprintf(&b, "%s %v %v %s %v %d %d %v %d %s %s %v\n", r.ID, r.ClaimIDs, r.ArticleIDs, r.Certainty, r.CertaintyCounts,
			r.OwnStatements, r.Conditionals, r.SourceIDs, r.SentenceCount, r.FirstReported, r.LastReported, r.Intervals)
	}
	return b.String()
}
