package neo4j

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/actorgraph/actorgraph/graph"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string // bolt://, neo4j://, neo4j+s:// …
	Username string
	Password string
	Database string // "" for the server's default database
	// QueryTimeout bounds every transaction on the server side; 0 means
	// DefaultQueryTimeout. A transaction that runs past it is stopped by
	// Neo4j and reported with code graph.ETIMEOUT.
	QueryTimeout time.Duration
	// BatchSize is the most rows one UNWIND statement of a load carries;
	// 0 means DefaultBatchSize.
	BatchSize int
	// RetryTime bounds how long a transaction that failed for a transient
	// reason (Neo4j unreachable, a leader switch) is retried; 0 means
	// DefaultRetryTime. Past it the call fails with graph.EUNAVAILABLE.
	RetryTime time.Duration
	// Observer, if set, is told the duration and outcome of every query.
	Observer QueryObserver
}

// Defaults for Config.
const (
	DefaultQueryTimeout = 30 * time.Second
	DefaultRetryTime    = 3 * time.Second
)

// QueryObserver is told about every query the store sends to Neo4j; the
// server feeds these into its metrics.
type QueryObserver interface {
	// ObserveQuery reports one query: op names it ("search", "neighbourhood",
	// "load articles" …, a fixed set), d is how long it took and code is ""
	// on success or the graph error code it failed with.
	ObserveQuery(op string, d time.Duration, code string)
}

// Store implements graph.Reader and graph.Writer over one Neo4j driver.
type Store struct {
	driver    neo4j.DriverWithContext
	db        string
	timeout   time.Duration
	batchSize int
	observe   QueryObserver
	queries   atomic.Int64
}

var (
	_ graph.Reader = (*Store)(nil)
	_ graph.Writer = (*Store)(nil)
)

// Open creates the driver. It does not contact the server, so an API can
// start while Neo4j is still down; call EnsureSchema or Ping to check.
func Open(cfg Config) (*Store, error) {
	retry := cfg.RetryTime
	if retry <= 0 {
		retry = DefaultRetryTime
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""),
		func(c *neo4jconfig.Config) {
			c.MaxTransactionRetryTime = retry
			c.SocketConnectTimeout = 5 * time.Second
			c.ConnectionAcquisitionTimeout = 10 * time.Second
		})
	if err != nil {
		return nil, graph.Errorf(graph.EINVALID, "neo4j: %v", err)
	}
	t := cfg.QueryTimeout
	if t <= 0 {
		t = DefaultQueryTimeout
	}
	b := cfg.BatchSize
	if b <= 0 {
		b = DefaultBatchSize
	}
	return &Store{driver: d, db: cfg.Database, timeout: t, batchSize: b, observe: cfg.Observer}, nil
}

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that the server answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return wrap(ctx, "ping", err)
	}
	return nil
}

// Queries returns how many queries this store has sent to Neo4j. Tests use
// it to prove that nested GraphQL fields are batched.
func (s *Store) Queries() int64 { return s.queries.Load() }

// read runs one read query in a read-routed, auto-retried transaction.
func (s *Store) read(ctx context.Context, op, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, wrap(ctx, op, err)
	}
	s.queries.Add(1)
	start := time.Now()
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db),
		neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.timeout)))
	if err != nil {
		err = wrap(ctx, op, err)
	}
	s.observed(op, start, err)
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// write runs work in one managed write transaction; each tx.Run counts as a query.
func (s *Store) write(ctx context.Context, op string, work func(tx *countingTx) error) error {
	if err := ctx.Err(); err != nil {
		return wrap(ctx, op, err)
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	start := time.Now()
	var err error
	for wait := 50 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		_, err = sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return nil, work(&countingTx{tx: tx, s: s, op: op})
		}, neo4j.WithTxTimeout(s.timeout))
		if err == nil || !serverTransient(err) || time.Since(start)+wait > WriteRetryTime {
			break
		}
		// Concurrent loads of articles that share actors can deadlock; Neo4j
		// aborts one of them, which is safe to run again from the start.
		select {
		case <-ctx.Done():
		case <-time.After(wait + time.Duration(rand.Int64N(int64(wait)))):
		}
	}
	if err != nil {
		err = wrap(ctx, op, err)
	}
	s.observed(op, start, err)
	return err
}

// WriteRetryTime bounds how long a write transaction that the server
// aborted for a transient reason (a deadlock, a lock wait timeout) is run
// again. It is longer than Config.RetryTime, which bounds how long reads
// wait for an unreachable server.
const WriteRetryTime = time.Minute

// serverTransient reports whether the server (not the network) aborted the
// transaction with a transient error, possibly after the driver's own retries.
func serverTransient(err error) bool {
	var lim *neo4j.TransactionExecutionLimit
	if errors.As(err, &lim) && len(lim.Errors) > 0 {
		err = lim.Errors[len(lim.Errors)-1]
	}
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && strings.HasPrefix(ne.Code, "Neo.TransientError.")
}

// observed reports one query to the observer, if any.
func (s *Store) observed(op string, start time.Time, err error) {
	if s.observe == nil {
		return
	}
	code := ""
	if err != nil {
		code = graph.ErrorCode(err)
	}
	s.observe.ObserveQuery(op, time.Since(start), code)
}

// countingTx runs the statements of one write transaction, counting each
// as a query and reporting it to the observer as "<op>: <step>".
type countingTx struct {
	tx interface {
		Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error)
	}
	s  *Store
	op string
}

// run runs one statement and collects its records; step names it for the
// observer (a fixed string, as op is).
//
// Statements run with replan=skip: while a load grows the graph, Neo4j
// would otherwise plan each statement again whenever its statistics have
// moved enough (every few seconds early in a load), and planning the
// summary statements costs more than running them. Every load statement
// finds its rows through unique or relationship-id index seeks, so a plan
// made on an empty graph stays right (TestLoadStatementsStartWithIndexSeeks
// checks that plan).
func (t *countingTx) run(ctx context.Context, step, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	t.s.queries.Add(1)
	start := time.Now()
	res, err := t.tx.Run(ctx, loadPrefix+cypher, params)
	var recs []*neo4j.Record
	if err == nil {
		recs, err = res.Collect(ctx)
	}
	t.s.observed(t.op+": "+step, start, err)
	if err != nil {
		return nil, err
	}
	return recs, nil
}

// loadPrefix starts every statement of a write transaction (see
// countingTx.run).
const loadPrefix = "CYPHER replan=skip "

// wrap turns a driver error into a domain error, keeping the cause for logs:
// the caller's deadline or a server-side transaction timeout becomes
// ETIMEOUT, an unreachable server (after the driver's retries) EUNAVAILABLE.
func wrap(ctx context.Context, op string, err error) error {
	var de *graph.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w: %w", op, errTimeout, err)
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Errorf("%s: %w", op, err)
	}
	cause := err
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		cause = limit.Errors[len(limit.Errors)-1]
	}
	var ne *neo4j.Neo4jError
	switch {
	case errors.As(cause, &ne) && strings.HasPrefix(ne.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
		return fmt.Errorf("%s: %w: %w", op, errTimeout, err)
	case errors.As(cause, &ne) && (strings.HasPrefix(ne.Code, "Neo.TransientError.") ||
		ne.Code == "Neo.ClientError.Security.AuthenticationRateLimit" ||
		ne.Code == "Neo.ClientError.Database.DatabaseNotFound"):
		return fmt.Errorf("%s: %w: %w", op, errUnavailable, err)
	case errors.As(cause, &ne):
		return fmt.Errorf("%s: %w", op, err)
	case neo4j.IsConnectivityError(cause), neo4j.IsTransactionExecutionLimit(err),
		errors.Is(cause, context.DeadlineExceeded), isNetError(cause):
		return fmt.Errorf("%s: %w: %w", op, errUnavailable, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

var (
	errTimeout     = graph.Errorf(graph.ETIMEOUT, "the query ran past its time limit and was stopped")
	errUnavailable = graph.Errorf(graph.EUNAVAILABLE, "graph database unavailable")
)

// isNetError reports a network failure below the driver's own error types.
func isNetError(err error) bool {
	var ne net.Error
	var oe *net.OpError
	return errors.As(err, &ne) || errors.As(err, &oe) || errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNREFUSED)
}
