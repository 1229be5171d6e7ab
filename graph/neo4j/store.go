package neo4j

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string // bolt://, neo4j://, neo4j+s:// …
	Username string
	Password string
	Database string // "" for the server's default database
	// QueryTimeout bounds every transaction on the server side; 0 means 30s.
	QueryTimeout time.Duration
	// BatchSize is the most rows one UNWIND statement of a load carries;
	// 0 means DefaultBatchSize.
	BatchSize int
}

// Store implements graph.Reader and graph.Writer over one Neo4j driver.
type Store struct {
	driver    neo4j.DriverWithContext
	db        string
	timeout   time.Duration
	batchSize int
	queries   atomic.Int64
}

var (
	_ graph.Reader = (*Store)(nil)
	_ graph.Writer = (*Store)(nil)
)

// Open creates the driver. It does not contact the server, so an API can
// start while Neo4j is still down; call EnsureSchema or Ping to check.
func Open(cfg Config) (*Store, error) {
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		return nil, graph.Errorf(graph.EINVALID, "neo4j: %v", err)
	}
	t := cfg.QueryTimeout
	if t == 0 {
		t = 30 * time.Second
	}
	b := cfg.BatchSize
	if b <= 0 {
		b = DefaultBatchSize
	}
	return &Store{driver: d, db: cfg.Database, timeout: t, batchSize: b}, nil
}

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that the server answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return wrap("ping", err)
	}
	return nil
}

// Queries returns how many queries this store has sent to Neo4j. Tests use
// it to prove that nested GraphQL fields are batched.
func (s *Store) Queries() int64 { return s.queries.Load() }

// read runs one read query in a read-routed, auto-retried transaction.
func (s *Store) read(ctx context.Context, op, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	s.queries.Add(1)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db),
		neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.timeout)))
	if err != nil {
		return nil, wrap(op, err)
	}
	return res.Records, nil
}

// write runs work in one managed write transaction; each tx.Run counts as a query.
func (s *Store) write(ctx context.Context, op string, work func(tx *countingTx) error) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, work(&countingTx{tx: tx, n: &s.queries})
	}, neo4j.WithTxTimeout(s.timeout))
	if err != nil {
		return wrap(op, err)
	}
	return nil
}

// countingTx runs queries inside a write transaction and collects their records.
type countingTx struct {
	tx neo4j.ManagedTransaction
	n  *atomic.Int64
}

func (t *countingTx) run(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	t.n.Add(1)
	res, err := t.tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// wrap turns a driver error into a domain error, keeping the cause for logs.
func wrap(op string, err error) error {
	var de *graph.Error
	switch {
	case errors.As(err, &de):
		return err
	case neo4j.IsConnectivityError(err), errors.Is(err, context.DeadlineExceeded) && !neo4j.IsNeo4jError(err):
		return fmt.Errorf("%s: %w: %w", op, graph.Errorf(graph.EUNAVAILABLE, "graph database unavailable"), err)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: %w", op, err)
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && ne.Code == "Neo.ClientError.Transaction.TransactionTimedOut" ||
		errors.As(err, &ne) && ne.Code == "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration" {
		return fmt.Errorf("%s: %w: %w", op, graph.Errorf(graph.EUNAVAILABLE, "query took too long and was stopped"), err)
	}
	return fmt.Errorf("%s: %w", op, err)
}
