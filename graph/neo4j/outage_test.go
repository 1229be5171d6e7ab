package neo4j_test

import (
	"context"
	"net"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
)

// Once a read finds Neo4j unreachable (and the connection check agrees),
// the store answers every read with EUNAVAILABLE without touching the
// network: the count of queries sent stops growing. Counted, not timed,
// so it holds on a busy machine. Recovery when Neo4j returns is proved by
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
