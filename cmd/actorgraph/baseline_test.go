package main

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

// Every query of the load mix has a baseline, and every baseline runs.
func TestBaselineQueriesRun(t *testing.T) {
	neo4jtest.MustOpenSeeded(t)
	bare, err := openBaselineDriver(neo4jtest.Config(t))
	if err != nil {
		t.Fatal(err)
	}
	defer bare.Close()
	for _, q := range loadMix {
		if err := bare.run(context.Background(), q.Name); err != nil {
			t.Errorf("%s: %v", q.Name, err)
		}
	}
	if len(baselineQueries) != len(loadMix) {
		t.Errorf("%d baselines for %d queries in the load mix", len(baselineQueries), len(loadMix))
	}
	if err := bare.run(context.Background(), "nope"); err == nil {
		t.Error("an unknown baseline ran")
	}
}
