package neo4j

import (
	"context"
	"testing"
	"time"
)

// slowMarker tags the test's slow query so it can be found in SHOW TRANSACTIONS.
const slowMarker = "actorgraph-slow-query-test"

// Slow runs a read that takes about d on Neo4j, for timeout tests.
func (s *Store) Slow(ctx context.Context, d time.Duration) error {
	_, err := s.read(ctx, "slow", `
		// `+slowMarker+`
		UNWIND range(1, $n) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n`,
		map[string]any{"n": int64(d.Seconds() * 2e7)})
	return err
}

// MustRunningSlow counts the slow test queries Neo4j is still running.
func (s *Store) MustRunningSlow(tb testing.TB) int {
	tb.Helper()
	recs, err := s.read(context.Background(), "show transactions", `
		SHOW TRANSACTIONS YIELD currentQuery, status
		WHERE currentQuery CONTAINS $marker AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS'
		RETURN count(*) AS n`, map[string]any{"marker": slowMarker})
	if err != nil {
		tb.Fatalf("show transactions: %v", err)
	}
	n, _ := recs[0].Get("n")
	return int(n.(int64))
}
