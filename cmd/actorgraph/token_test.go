package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

func TestTokenCommands(t *testing.T) {
	neo4jtest.MustOpenEmpty(t)
	for _, args := range [][]string{
		{"token"},
		{"token", "frobnicate"},
		{"token", "create"},
		{"token", "create", "-name", "x", "-role", "owner"},
		{"token", "create", "-name", "x", "extra"},
		{"token", "list", "extra"},
		{"token", "revoke"},
		{"token", "revoke", "a", "b"},
	} {
		if _, _, err := run(t, args...); exitCode(err) != 2 {
			t.Errorf("%v: %v, exit %d; want exit 2", args, err, exitCode(err))
		}
	}

	out, _, err := run(t, "token", "list")
	if err != nil || out != "" {
		t.Fatalf("list with no tokens: %q, %v", out, err)
	}

	admin, adminID := createToken(t, "ops", "admin")
	editor, editorID := createToken(t, "ci pipeline", "Editor")
	_, adminSecret, _ := auth.ParseToken(admin)
	_, editorSecret, _ := auth.ParseToken(editor)

	out, _, err = run(t, "token", "list")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID ") ||
		!strings.HasPrefix(lines[1], adminID) || !strings.Contains(lines[1], "ops") || !strings.Contains(lines[1], "admin") ||
		!strings.HasPrefix(lines[2], editorID) || !strings.Contains(lines[2], "ci pipeline") || !strings.Contains(lines[2], "editor") {
		t.Fatalf("list =\n%s", out)
	}
	if strings.Contains(out, adminSecret) || strings.Contains(out, editorSecret) || strings.Contains(out, "argon2") {
		t.Fatalf("list shows a secret or a hash:\n%s", out)
	}

	// Revoke by id, and by a whole token pasted, which is not echoed.
	out, _, err = run(t, "token", "revoke", adminID)
	if err != nil || !strings.Contains(out, "revoked API token "+adminID+` "ops" (admin) at 20`) {
		t.Fatalf("revoke: %q, %v", out, err)
	}
	out, errOut, err := run(t, "token", "revoke", editor)
	if err != nil || !strings.Contains(out, editorID) || strings.Contains(out+errOut, editorSecret) {
		t.Fatalf("revoke by token: %q %q, %v", out, errOut, err)
	}
	_, _, err = run(t, "token", "revoke", "00000000000000ee")
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "no API token with id") {
		t.Fatalf("revoke unknown: %v", err)
	}
	out, _, _ = run(t, "token", "list")
	if strings.Count(out, " 20") < 4 { // created and revoked times of both
		t.Fatalf("revocations not listed:\n%s", out)
	}

	// The audit trail has each change, by the command line's user, with
	// the token's id, name and role and never its secret; a second
	// revocation changes nothing and records nothing.
	if _, _, err := run(t, "token", "revoke", adminID); err != nil {
		t.Fatal(err)
	}
	by := "cli:" + osUser()
	for id, want := range map[string][]string{
		adminID:  {"revoke_token", `"name":"ops"`, `"role":"admin"`, `"revoked":true`, "create_token"},
		editorID: {"revoke_token", `"name":"ci pipeline"`, `"role":"editor"`, "create_token"},
	} {
		out, errOut, err := run(t, "history", "-v", id)
		if err != nil {
			t.Fatalf("history %s: %v\n%s", id, err, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 7 || !strings.HasPrefix(lines[0], "AT ") ||
			!strings.Contains(lines[1], by+" (admin)") || !strings.Contains(lines[1], "revoke_token") ||
			!strings.Contains(lines[4], by+" (admin)") || !strings.Contains(lines[4], "create_token") {
			t.Fatalf("history %s: want a revocation then a creation by %s:\n%s", id, by, out)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("history %s lacks %s:\n%s", id, w, out)
			}
		}
		if strings.Contains(out, adminSecret) || strings.Contains(out, editorSecret) || strings.Contains(out, "argon2") {
			t.Fatalf("history shows a secret or a hash:\n%s", out)
		}
	}
}

// createToken runs `token create` and checks that it prints the token
// alone on standard output and the warning on standard error.
func createToken(t *testing.T, name, role string) (token, id string) {
	t.Helper()
	out, errOut, err := run(t, "token", "create", "-name", name, "-role", role)
	if err != nil {
		t.Fatalf("token create: %v\n%s", err, errOut)
	}
	token = strings.TrimSuffix(out, "\n")
	id, secret, perr := auth.ParseToken(token)
	if perr != nil || strings.Contains(token, "\n") {
		t.Fatalf("token create printed %q, not one token", out)
	}
	if !strings.Contains(errOut, "Store it now") || !strings.Contains(errOut, id) || strings.Contains(errOut, secret) {
		t.Fatalf("token create warned %q", errOut)
	}
	return token, id
}

// TestServeWithTokens runs the real server over the test Neo4j, with
// tokens made and revoked by the command, and anonymous reads off.
func TestServeWithTokens(t *testing.T) {
	neo4jtest.MustOpenEmpty(t)
	admin, _ := createToken(t, "ops", "admin")
	editor, editorID := createToken(t, "ci", "editor")

	var logs bytes.Buffer // read once serve has stopped
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := NewMain(io.Discard, &lockedWriter{w: &logs})
	m.Ready = ready
	done := make(chan error, 1)
	go func() {
		done <- m.Run(ctx, []string{"serve", "-listen", "127.0.0.1:0", "-anonymous-reads=false", "-auth-max-failures", "2"})
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve exited: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not start")
	}
	post := func(query, token string) (int, string) {
		t.Helper()
		b, _ := json.Marshal(map[string]string{"query": query})
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	for _, c := range []struct {
		what, query, token string
		status             int
		want               string
	}{
		{"anonymous read", `{ articles { id } }`, "", 401, `"code":"unauthenticated"`},
		{"editor read", `{ whoami { name role } }`, editor, 200, `{"name":"ci","role":"EDITOR"}`},
		{"editor mutation", `mutation { __typename }`, editor, 200, `"Mutation"`},
		{"editor manages tokens", `mutation { createApiToken(name: "x", role: READER) { token } }`, editor, 403, `"code":"forbidden"`},
		{"admin manages tokens", `mutation { createApiToken(name: "made over GraphQL", role: READER) { apiToken { role } } }`, admin, 200, `"role":"READER"`},
	} {
		if status, body := post(c.query, c.token); status != c.status || !strings.Contains(body, c.want) {
			t.Fatalf("%s: %d %s; want %d with %s", c.what, status, body, c.status, c.want)
		}
	}

	// A token revoked by the command, another process, is refused by the
	// server from the next request on.
	if _, _, err := run(t, "token", "revoke", editorID); err != nil {
		t.Fatal(err)
	}
	if status, body := post(`{ whoami { name } }`, editor); status != 401 || !strings.Contains(body, "invalid or revoked API token") {
		t.Fatalf("revoked token: %d %s", status, body)
	}
	// The editor's use was recorded; the token made over GraphQL is listed.
	out, _, err := run(t, "token", "list")
	if err != nil || !strings.Contains(out, "made over GraphQL") {
		t.Fatalf("list: %q, %v", out, err)
	}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); strings.HasPrefix(line, editorID) && (len(f) != 6 || f[4] == "-" || f[5] == "-") {
			t.Fatalf("editor's last use not recorded: %q", line)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	for _, tok := range []string{admin, editor} {
		_, secret, _ := auth.ParseToken(tok)
		if strings.Contains(logs.String(), secret) {
			t.Fatal("a token is in the server's log")
		}
	}
	if !strings.Contains(logs.String(), `"anonymous_reads":false`) || !strings.Contains(logs.String(), "authentication failed") {
		t.Fatalf("log:\n%s", logs.String())
	}
}
