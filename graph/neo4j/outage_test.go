package neo4j_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

// Once a read finds Neo4j unreachable (and the connection check agrees),
// the store answers every read with EUNAVAILABLE without touching the
// network: the count of queries sent stops growing. Counted, not timed,
// so it holds on a busy machine. Recovery when Neo4j returns is proved by
// TestStoreRecoversWhenNeo4jReturns and, with a real restart, by
// cmd/actorgraph's TestNeo4jDownAtStartAndRestart.
func TestReadsFailFastWhileNeo4jIsDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connections are refused
	s, err := neo4jstore.Open(neo4jstore.Config{URI: "bolt://" + addr, Username: "neo4j", Password: "unused"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	ctx := context.Background()
	if _, err := s.Articles(ctx); graph.ErrorCode(err) != graph.EUNAVAILABLE {
		t.Fatalf("first read: %v (code %s)", err, graph.ErrorCode(err))
	}
	if s.Available() {
		t.Fatal("the store still believes Neo4j answers")
	}
	sent := s.Queries()
	for range 50 {
		if _, err := s.ActorsByID(ctx, []string{"iran"}); graph.ErrorCode(err) != graph.EUNAVAILABLE || graph.ErrorMessage(err) != "graph database unavailable" {
			t.Fatalf("read while down: %v", err)
		}
	}
	if n := s.Queries() - sent; n != 0 {
		t.Fatalf("%d queries sent to a Neo4j known to be down", n)
	}
	if err := s.Ping(ctx); graph.ErrorCode(err) != graph.EUNAVAILABLE {
		t.Fatalf("ping while down: %v", err)
	}
}

// A connection that is slow to be made fails its own request and nothing
// more: the store does not conclude that Neo4j is down, and the next read
// goes to Neo4j. The proxy in front of the test Neo4j holds new
// connections, as a machine too busy to answer in time does (or Neo4j in a
// long pause, or still starting): before the Bolt handshake, or after it,
// with the authentication unanswered. No sleep stands in for that: the
// proxy lets the connections through only once the read has failed.
func TestSlowConnectionDoesNotMarkNeo4jDown(t *testing.T) {
	neo4jtest.MustOpenSeeded(t)
	for _, tc := range []struct {
		name string
		hold holdAt
	}{
		{"handshake unanswered", beforeHandshake},
		{"authentication unanswered", afterHandshake},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := startProxy(t)
			s := openThrough(t, p)
			ctx := context.Background()
			p.hold(tc.hold)
			_, err := s.ActorsByID(ctx, []string{"iran"})
			if code := graph.ErrorCode(err); code != graph.EUNAVAILABLE && code != graph.EOVERLOADED {
				t.Fatalf("read while connections are held: %v (code %s)", err, code)
			}
			if !s.Available() {
				t.Fatalf("one slow connection (%v) made the store mark Neo4j down", err)
			}
			p.release()
			if got, err := s.ActorsByID(ctx, []string{"iran"}); err != nil || got["iran"].Name != "Iran" {
				t.Fatalf("the read after the slow one: %v %v", got, err)
			}
		})
	}
}

// When the connections a store holds are closed by the other end (Neo4j
// restarting, or stopped), the store checks a fresh connection: Neo4j
// still serving, the read runs again and succeeds; nothing listening, the
// store marks Neo4j down, and its probe notices when a fresh connection is
// served again, after which reads succeed.
func TestStoreRecoversWhenNeo4jReturns(t *testing.T) {
	neo4jtest.MustOpenSeeded(t)
	p := startProxy(t)
	s := openThrough(t, p)
	ctx := context.Background()
	read := func() error {
		got, err := s.ActorsByID(ctx, []string{"iran"})
		if err == nil && got["iran"].Name != "Iran" {
			err = errors.New("no Iran in the answer")
		}
		return err
	}
	if err := read(); err != nil {
		t.Fatal(err)
	}

	// Connections closed, Neo4j still there: the read is run again.
	p.cut()
	if err := read(); err != nil {
		t.Fatalf("read after its pooled connection was closed: %v", err)
	}
	if !s.Available() {
		t.Fatal("a closed connection made the store mark Neo4j down though Neo4j serves")
	}

	// Connections closed and new ones refused: Neo4j is down.
	p.refuse()
	p.cut()
	if err := read(); graph.ErrorCode(err) != graph.EUNAVAILABLE {
		t.Fatalf("read with Neo4j gone: %v", err)
	}
	if s.Available() {
		t.Fatal("the store did not mark Neo4j down")
	}

	p.accept()
	back := time.Now()
	deadline := back.Add(time.Minute)
	for !s.Available() {
		if time.Now().After(deadline) {
			t.Fatal("the store did not notice within a minute that Neo4j serves again")
		}
		time.Sleep(10 * time.Millisecond)
	}
	noticed := time.Since(back)
	if err := read(); err != nil {
		t.Fatalf("read once Neo4j serves again: %v", err)
	}
	// Logged, not asserted (times depend on the machine): the probe's
	// period bounds the first, one round trip on a warmed pool the second.
	t.Logf("the store noticed Neo4j back %v after it accepted connections again; the first read answered %v after that",
		noticed.Round(time.Millisecond), (time.Since(back) - noticed).Round(time.Millisecond))
}

// openThrough opens a store over the test database that reaches it
// through p.
func openThrough(t *testing.T, p *proxy) *neo4jstore.Store {
	t.Helper()
	cfg := neo4jtest.Config(t)
	cfg.URI = "bolt://" + p.addr
	s, err := neo4jstore.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// proxy forwards TCP connections to the test Neo4j. It can hold new
// connections (accepted, not served until released), close every
// connection it carries, and refuse new connections (nothing listening on
// its address) until told to accept again.
type proxy struct {
	t      *testing.T
	addr   string // host:port it listens on
	target string

	mu     sync.Mutex
	ln     net.Listener
	held   chan struct{} // closed to release held connections; nil when not holding
	holdAt holdAt
	conns  map[net.Conn]bool
	wg     sync.WaitGroup
}

// holdAt is where a held connection waits.
type holdAt int

const (
	beforeHandshake holdAt = iota // nothing forwarded: the Bolt handshake goes unanswered
	afterHandshake                // the handshake answered, then nothing: HELLO (authentication) goes unanswered
)

// Bolt's handshake: 20 bytes from the client (magic and four versions), 4
// from the server (the version chosen).
const handshakeOut, handshakeBack = 20, 4

func startProxy(t *testing.T) *proxy {
	t.Helper()
	p := &proxy{t: t, target: strings.TrimPrefix(neo4jtest.Config(t).URI, "bolt://"), conns: map[net.Conn]bool{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = ln.Addr().String()
	p.serve(ln)
	t.Cleanup(func() {
		p.refuse()
		p.release()
		p.cut()
		p.wg.Wait()
	})
	return p
}

func (p *proxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			p.conns[c] = true
			held, at := p.held, p.holdAt
			p.mu.Unlock()
			p.wg.Add(1)
			go func() {
				defer p.wg.Done()
				p.forward(c, held, at)
			}()
		}
	}()
}

// forward joins c to a new connection to the target until either side
// closes. While held is open, it waits at the point at says.
func (p *proxy) forward(c net.Conn, held chan struct{}, at holdAt) {
	defer p.drop(c)
	if held != nil && at == beforeHandshake {
		<-held
	}
	up, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	p.mu.Lock()
	p.conns[up] = true
	p.mu.Unlock()
	defer p.drop(up)
	if held != nil && at == afterHandshake {
		if _, err := io.CopyN(up, c, handshakeOut); err != nil {
			return
		}
		if _, err := io.CopyN(c, up, handshakeBack); err != nil {
			return
		}
		<-held
	}
	done := make(chan struct{}, 2)
	go func() { io.Copy(up, c); done <- struct{}{} }()
	go func() { io.Copy(c, up); done <- struct{}{} }()
	<-done
}

func (p *proxy) drop(c net.Conn) {
	c.Close()
	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
}

// hold makes new connections wait at the point at says until release.
func (p *proxy) hold(at holdAt) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.held == nil {
		p.held = make(chan struct{})
	}
	p.holdAt = at
}

func (p *proxy) release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.held != nil {
		close(p.held)
		p.held = nil
	}
}

// cut closes every connection the proxy carries.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
	}
}

// refuse stops listening: new connections are refused.
func (p *proxy) refuse() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
}

// accept listens again on the same address.
func (p *proxy) accept() {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatalf("listen again on %s: %v", p.addr, err)
	}
	p.serve(ln)
}
