package neo4j

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"sync"
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
	// RetryTime bounds how long a write transaction that failed because
	// Neo4j could not be reached is run again; 0 means DefaultRetryTime.
	// Past it the call fails with graph.EUNAVAILABLE. Reads never wait for
	// an unreachable server: see Store.
	RetryTime time.Duration
	// Observer, if set, is told the duration and outcome of every query.
	Observer QueryObserver
}

// Defaults for Config.
const (
	DefaultQueryTimeout = 30 * time.Second
	DefaultRetryTime    = 3 * time.Second
)

// Connection settings. They are short because the API answers
// "unavailable" within a second when Neo4j is down: a connection that
// cannot be made or borrowed within them fails the request (see Store for
// when the store concludes that Neo4j is down).
const (
	// connectTimeout bounds opening one TCP connection.
	connectTimeout = time.Second
	// acquireTimeout bounds borrowing a connection from the pool,
	// opening one included.
	acquireTimeout = time.Second
	// checkTimeout bounds the connection check made after a read lost its
	// connection (a request waits for it).
	checkTimeout = 750 * time.Millisecond
	// probeTimeout bounds each probe while Neo4j is down. No request waits
	// for it. Neo4j completes the Bolt handshake, and even authenticates,
	// seconds before it runs queries (on a busy machine, 5-20 s): it holds
	// them until it has started, then answers them all at once. A probe
	// made in that window is answered the moment Neo4j serves, as long as
	// it is still waiting; one cut short would have to start again.
	probeTimeout = 30 * time.Second
	// livenessAfter is how long a pooled connection may sit idle before
	// it is tested (one round trip) on its next use.
	livenessAfter = 2 * time.Second
	// probeEvery is how often a store that found Neo4j down checks for it
	// to return after a probe was refused.
	probeEvery = 250 * time.Millisecond
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
//
// Reads fail fast while Neo4j is down. When a read loses its connection
// (refused, reset or closed by the server), the store checks the server
// on a fresh connection: if Neo4j answers, the read is run once more (the
// lost connection was one Neo4j had closed, say on a restart); if the
// fresh connection is refused or closed too, nothing serves at the
// address, so the store marks Neo4j down and answers every read with
// graph.EUNAVAILABLE at once, without touching the network, while a probe
// waits for Neo4j to serve a fresh connection again.
//
// Only that evidence marks Neo4j down. A connection that is merely slow to
// open or to answer (a busy machine, a pause in Neo4j, a server still
// starting) fails its own request, as unavailable or overloaded, and the
// next request tries again: a slow moment never turns into an outage that
// fails every request until a probe gets through. The driver itself
// retries nothing, so neither an unreachable server nor an overloaded one
// is asked again and again.
type Store struct {
	driver    neo4j.DriverWithContext
	cfg       Config
	db        string
	timeout   time.Duration
	retry     time.Duration
	batchSize int
	observe   QueryObserver
	queries   atomic.Int64

	down    atomic.Bool   // Neo4j was found unreachable; reads fail at once
	probing atomic.Bool   // a probe goroutine is waiting for Neo4j to return
	closed  chan struct{} // closed by Close; stops the probe
	once    sync.Once
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
			// No retries in the driver: its back-off starts at a second,
			// and it would retry a query Neo4j refused for want of memory.
			// Reads fail fast (see Store); writes retry in write.
			c.MaxTransactionRetryTime = 0
			c.SocketConnectTimeout = connectTimeout
			c.ConnectionAcquisitionTimeout = acquireTimeout
			// A connection idle this long is tested before use, so one
			// Neo4j closed on a restart is dropped instead of failing a read.
			c.ConnectionLivenessCheckTimeout = livenessAfter
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
	return &Store{driver: d, cfg: cfg, db: cfg.Database, timeout: t, retry: retry, batchSize: b, observe: cfg.Observer, closed: make(chan struct{})}, nil
}

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error {
	s.once.Do(func() { close(s.closed) })
	return s.driver.Close(ctx)
}

// Ping checks that the server answers. While the store knows Neo4j is
// down it answers at once, as reads do.
func (s *Store) Ping(ctx context.Context) error {
	if s.down.Load() {
		return fmt.Errorf("ping: %w", errUnavailable)
	}
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return wrap(ctx, "ping", err)
	}
	return nil
}

// Available reports whether the store believes Neo4j answers: false from
// a failed connection check until a probe succeeds.
func (s *Store) Available() bool { return !s.down.Load() }

// check is the connection-level check: one trivial query on a driver of
// its own, made for this one query as a newly started process would, so
// that no pooled connection (one Neo4j may have closed) takes part. It is
// bounded by timeout.
func (s *Store) check(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	d, err := neo4j.NewDriverWithContext(s.cfg.URI, neo4j.BasicAuth(s.cfg.Username, s.cfg.Password, ""),
		func(c *neo4jconfig.Config) {
			c.MaxTransactionRetryTime = 0
			c.SocketConnectTimeout = min(connectTimeout, timeout)
			c.ConnectionAcquisitionTimeout = timeout
		})
	if err != nil {
		return err
	}
	defer d.Close(context.Background())
	_, err = neo4j.ExecuteQuery(ctx, d, "RETURN 1", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	return err
}

// markDown records that nothing serves at Neo4j's address and starts the
// probe that notices its return.
func (s *Store) markDown() {
	s.down.Store(true)
	if !s.probing.CompareAndSwap(false, true) {
		return
	}
	go s.probe()
}

// probe checks on fresh connections, until one is served, whether Neo4j
// serves again; then reads go to Neo4j again.
func (s *Store) probe() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-s.closed:
			cancel()
		case <-ctx.Done():
		}
	}()
	for {
		if s.check(ctx, probeTimeout) == nil {
			s.warm(ctx)
			s.down.Store(false)
			s.probing.Store(false)
			// A read may have marked Neo4j down again between the two
			// stores, and left the probing to this goroutine.
			if !s.down.Load() || !s.probing.CompareAndSwap(false, true) {
				return
			}
			continue
		}
		select {
		case <-s.closed:
			s.probing.Store(false)
			return
		case <-time.After(probeEvery):
		}
	}
}

// warm readies the store's own pool once a probe found Neo4j serving
// again, before reads go to it: its connections from before an outage
// were closed by Neo4j, and each one a read met would fail that read's
// first attempt and cost it a connection check, and a new connection
// costs an authentication. One trivial query drops the closed connections
// (the driver drops every pooled connection to a server on the first that
// fails) and leaves an authenticated one in the pool. A few attempts at
// most, each bounded: a warm-up that fails changes nothing, as reads
// handle a closed connection themselves.
func (s *Store) warm(ctx context.Context) {
	for range 3 {
		wctx, cancel := context.WithTimeout(ctx, checkTimeout)
		_, err := neo4j.ExecuteQuery(wctx, s.driver, "RETURN 1", nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
		cancel()
		if err == nil || !connectionLost(err) {
			return
		}
	}
}

// Queries returns how many queries this store has sent to Neo4j. Tests use
// it to prove that nested GraphQL fields are batched.
func (s *Store) Queries() int64 { return s.queries.Load() }

// read runs one read query in a read-routed transaction; see Store for
// what happens when Neo4j cannot be reached.
func (s *Store) read(ctx context.Context, op, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	return s.query(ctx, op, cypher, params, neo4j.ExecuteQueryWithReadersRouting())
}

// query runs one query in an auto-retried transaction with the given
// routing.
func (s *Store) query(ctx context.Context, op, cypher string, params map[string]any, routing neo4j.ExecuteQueryConfigurationOption) ([]*neo4j.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, wrap(ctx, op, err)
	}
	start := time.Now()
	if s.down.Load() {
		err := fmt.Errorf("%s: %w", op, errUnavailable)
		s.observed(op, start, err)
		return nil, err
	}
	run := func() (*neo4j.EagerResult, error) {
		s.queries.Add(1)
		return neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db),
			routing,
			neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.timeout)))
	}
	res, err := run()
	// A lost connection is either one Neo4j closed (a restart: a new one
	// works, and the driver has dropped the pool's other connections to
	// the server) or Neo4j gone; the check tells which.
	for attempt := 0; err != nil && ctx.Err() == nil && connectionLost(err); attempt++ {
		if attempt == 3 {
			break
		}
		if cerr := s.check(ctx, checkTimeout); cerr != nil {
			if connectionLost(cerr) {
				s.markDown()
			}
			break
		}
		res, err = run()
	}
	if err != nil {
		err = wrap(ctx, op, err)
	}
	s.observed(op, start, err)
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// write runs work in one managed write transaction; each tx.Run counts as
// a query. A failed transaction is run again as retrying says.
func (s *Store) write(ctx context.Context, op string, work func(tx *countingTx) error) error {
	if err := ctx.Err(); err != nil {
		return wrap(ctx, op, err)
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	start := time.Now()
	err := s.retrying(ctx, op, func() error {
		_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return nil, work(&countingTx{tx: tx, s: s, op: op})
		}, neo4j.WithTxTimeout(s.timeout))
		return err
	})
	if err != nil {
		err = wrap(ctx, op, err)
	}
	s.observed(op, start, err)
	return err
}

// retrying runs attempt, and runs it again while it fails for a reason
// that may pass: a transaction the server aborted for a transient reason
// (a deadlock) for up to WriteRetryTime, one that failed because Neo4j
// could not be reached for up to the configured RetryTime, waiting a
// little longer each time. The driver itself retries nothing (see Open),
// so writes and schema changes retry here. It returns the last error as
// the driver gave it.
func (s *Store) retrying(ctx context.Context, op string, attempt func() error) error {
	start := time.Now()
	var err error
	for wait := 50 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		if err = attempt(); err == nil || ctx.Err() != nil {
			return err
		}
		budget := time.Duration(0)
		switch {
		case serverTransient(err) && graph.ErrorCode(wrap(ctx, op, err)) != graph.EOVERLOADED:
			budget = WriteRetryTime
		case graph.ErrorCode(wrap(ctx, op, err)) == graph.EUNAVAILABLE:
			budget = s.retry
		}
		if time.Since(start)+wait > budget {
			return err
		}
		// Concurrent loads of articles that share actors can deadlock, as
		// can schema changes made at once by several processes; Neo4j
		// aborts one of them, which is safe to run again from the start.
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait + time.Duration(rand.Int64N(int64(wait)))):
		}
	}
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
// ETIMEOUT; Neo4j out of memory, out of transactions or threads, or a pool
// with no free connection EOVERLOADED; an unreachable server or database
// EUNAVAILABLE.
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
	var ce *neo4j.ConnectivityError
	switch {
	case errors.As(cause, &ne) && strings.HasPrefix(ne.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
		return fmt.Errorf("%s: %w: %w", op, errTimeout, err)
	case errors.As(cause, &ne) && overloadCodes[ne.Code]:
		return fmt.Errorf("%s: %w: %w", op, errOverloaded, err)
	case errors.As(cause, &ne) && (strings.HasPrefix(ne.Code, "Neo.TransientError.") ||
		ne.Code == "Neo.ClientError.Security.AuthenticationRateLimit" ||
		ne.Code == "Neo.ClientError.Database.DatabaseNotFound"):
		return fmt.Errorf("%s: %w: %w", op, errUnavailable, err)
	case errors.As(cause, &ne):
		return fmt.Errorf("%s: %w", op, err)
	case errors.As(cause, &ce) && ce.Inner != nil && poolExhausted(ce.Inner):
		return fmt.Errorf("%s: %w: %w", op, errOverloaded, err)
	case neo4j.IsConnectivityError(cause), neo4j.IsTransactionExecutionLimit(err),
		errors.Is(cause, context.DeadlineExceeded), isNetError(cause):
		return fmt.Errorf("%s: %w: %w", op, errUnavailable, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// overloadCodes are the Neo4j errors that mean it has no capacity for the
// query now (memory, transactions, threads), not that it is unreachable.
var overloadCodes = map[string]bool{
	"Neo.TransientError.General.MemoryPoolOutOfMemoryError":         true,
	"Neo.TransientError.General.TransactionMemoryLimit":             true,
	"Neo.TransientError.General.OutOfMemoryError":                   true,
	"Neo.TransientError.Transaction.MaximumTransactionLimitReached": true,
	"Neo.TransientError.Request.NoThreadsAvailable":                 true,
}

// poolExhausted reports the driver's "no free connection in time" errors,
// whose types it does not export: the pool is full of busy connections.
// The driver reports a connection that could not be opened in time (a
// dial timeout) with the same message, naming the dial: that is Neo4j not
// answering, not a full pool.
func poolExhausted(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "No idle connections") ||
		strings.HasPrefix(msg, "Timeout while waiting for connection") && !strings.Contains(msg, ": dial ")
}

var (
	errTimeout     = graph.Errorf(graph.ETIMEOUT, "the query ran past its time limit and was stopped")
	errUnavailable = graph.Errorf(graph.EUNAVAILABLE, "graph database unavailable")
	errOverloaded  = graph.Errorf(graph.EOVERLOADED, "the graph database is overloaded; try again shortly")
)

// connectionLost reports whether err says the connection to Neo4j was
// refused, reset or closed by the other end: the failures that say
// something about the server, as opposed to timeouts, which a slow machine
// causes as well as a dead one.
func connectionLost(err error) bool {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		err = limit.Errors[len(limit.Errors)-1]
	}
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) && ce.Inner != nil {
		err = ce.Inner
	}
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed)
}

// isNetError reports a network failure below the driver's own error types.
func isNetError(err error) bool {
	var ne net.Error
	var oe *net.OpError
	return errors.As(err, &ne) || errors.As(err, &oe) || errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNREFUSED)
}
