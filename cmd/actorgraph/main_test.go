package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
)

// run runs the program in-process against the test Neo4j.
func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := NewMain(&out, &errb).Run(context.Background(), args)
	return out.String(), errb.String(), err
}

func TestLoadCommand(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	seed := neo4jtest.SeedDir()

	// A bad file next to a good one: refused whole, problems named, nothing written.
	dir := t.TempDir()
	text, _ := os.ReadFile(filepath.Join(seed, "article.txt"))
	claims, _ := os.ReadFile(filepath.Join(seed, "claims.yaml"))
	must(t, os.WriteFile(filepath.Join(dir, "article.txt"), text, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "good.yaml"), claims, 0o644))
	bad := strings.Replace(strings.Replace(string(claims), "id: iran-aligned-militias-threaten-us", "id: another", 1),
		"relation: WARNS", "relation: BEFRIENDS", 1)
	must(t, os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(bad), 0o644))
	_, _, err := run(t, "load", dir)
	var ve *loaders.ValidationError
	if !errors.As(err, &ve) || exitCode(err) != 1 {
		t.Fatalf("load of a bad folder: %v (exit %d), want a validation error, exit 1", err, exitCode(err))
	}
	var msg bytes.Buffer
	report(&msg, err)
	if !strings.Contains(msg.String(), filepath.Join(dir, "bad.yaml")+":") || !strings.Contains(msg.String(), `unknown relation type "BEFRIENDS"`) ||
		!strings.Contains(msg.String(), "nothing was written") {
		t.Fatalf("report = %s", msg.String())
	}
	if st := neo4jtest.MustStats(t, s); st != (graph.Stats{}) {
		t.Fatalf("refused load wrote %+v", st)
	}

	out, _, err := run(t, "load", "-v", seed)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `loaded article "iran-aligned-militias-threaten-us"`) {
		t.Fatalf("load output = %q", out)
	}
	out, _, err = run(t, "stats")
	if err != nil || !strings.Contains(out, "articles 1\n") {
		t.Fatalf("stats = %q, %v", out, err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"load"}, {"check"}, {"serve", "-no-such-flag"}} {
		_, _, err := run(t, args...)
		if exitCode(err) != 2 {
			t.Errorf("%v: err %v, exit %d; want exit 2", args, err, exitCode(err))
		}
	}
	out, _, err := run(t, "check", neo4jtest.SeedDir())
	if err != nil || !strings.Contains(out, "ok: article") {
		t.Fatalf("check seed: %q, %v", out, err)
	}
}

func TestServeAndShutdown(t *testing.T) {
	neo4jtest.MustOpenEmpty(t)
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := NewMain(&bytes.Buffer{}, &bytes.Buffer{})
	m.Ready = ready
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "-listen", "127.0.0.1:0", "-load", neo4jtest.SeedDir()}) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve exited: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not start")
	}
	res, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(`{"query":"{ actor(id: \"iraq\") { name } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(res.Body)
	res.Body.Close()
	if !strings.Contains(body.String(), `"name":"Iraq"`) {
		t.Fatalf("graphql answered %s", body.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v after shutdown", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
