package neo4j

import (
	"context"
	"time"
)

// EnsureSchemaEventually creates the constraints and indexes, as
// EnsureSchema does, until it succeeds or ctx ends, waiting between
// attempts (1s, doubling up to 30s). A server can start while Neo4j is
// down and still get its schema once Neo4j comes up. It does not plan the
// load statements: a server only reads, and a load plans them when it
// ensures the schema itself.
// onFail, if set, is told of each failed attempt and the wait before the next.
func (s *Store) EnsureSchemaEventually(ctx context.Context, onFail func(err error, wait time.Duration)) error {
	wait := time.Second
	for {
		attempt, cancel := context.WithTimeout(ctx, 5*time.Minute)
		err := s.ensureIndexes(attempt)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if onFail != nil {
			onFail(err, wait)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}
