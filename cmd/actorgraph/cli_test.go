package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/progress/progresstest"
)

// commandPaths lists every runnable command and sub-command of the table
// as its words ("token create"), with its row and its flag set.
func commandPaths(t *testing.T) []cmdPath {
	t.Helper()
	var out []cmdPath
	var walk func(prefix string, cmds []*command)
	walk = func(prefix string, cmds []*command) {
		for _, c := range cmds {
			path := strings.TrimSpace(prefix + " " + c.name)
			fs := flag.NewFlagSet(path, flag.ContinueOnError)
			if c.setup != nil {
				c.setup(fs)
			}
			out = append(out, cmdPath{path: path, cmd: c, fs: fs})
			walk(path, c.subs)
		}
	}
	walk("", NewMain(&bytes.Buffer{}, &bytes.Buffer{}).commands())
	return out
}

type cmdPath struct {
	path string
	cmd  *command
	fs   *flag.FlagSet
}

// reported is what main prints for err.
func reported(err error) string {
	var b bytes.Buffer
	report(&b, err)
	return b.String()
}

// The command table holds every command the README documents, so a row
// removed by mistake is noticed.
func TestCommandTableIsComplete(t *testing.T) {
	have := map[string]bool{}
	for _, p := range commandPaths(t) {
		have[p.path] = true
	}
	for _, want := range []string{"serve", "load", "check", "eval", "gen", "schema", "stats", "reset", "export", "cypher",
		"loadtest", "token", "token create", "token list", "token revoke", "version", "help"} {
		if !have[want] {
			t.Errorf("no command %q in the table", want)
		}
	}
}

// -h, -help, --help and `help COMMAND` print the full usage on standard
// output and exit 0: the synopsis, the summary, every flag with its
// default and its environment variable, never an environment value.
func TestHelpOfEveryCommand(t *testing.T) {
	t.Setenv("NEO4J_PASSWORD", "secret-from-the-environment")
	for _, p := range commandPaths(t) {
		words := strings.Fields(p.path)
		for _, args := range [][]string{
			append(append([]string{}, words...), "-h"),
			append(append([]string{}, words...), "--help"),
			append(append([]string{}, words...), "-help"),
			append([]string{"help"}, words...),
		} {
			out, errOut, err := run(t, args...)
			if err != nil {
				t.Errorf("%q: %v (exit %d)", args, err, exitCode(err))
				continue
			}
			if errOut != "" {
				t.Errorf("%q wrote to standard error: %q", args, errOut)
			}
			if !strings.HasPrefix(out, "Usage:\n  actorgraph "+p.path) {
				t.Errorf("%q: no synopsis:\n%s", args, out)
			}
			if !strings.Contains(strings.ToLower(out), strings.ToLower(p.cmd.summary[:20])) {
				t.Errorf("%q: no summary %q:\n%s", args, p.cmd.summary, out)
			}
			for _, s := range p.cmd.subs {
				if !strings.Contains(out, "actorgraph "+p.path+" "+s.name) {
					t.Errorf("%q: sub-command %s missing:\n%s", args, s.name, out)
				}
			}
			p.fs.VisitAll(func(f *flag.Flag) {
				if !regexp.MustCompile(`(?m)^  -` + regexp.QuoteMeta(f.Name) + `( |$)`).MatchString(out) {
					t.Errorf("%q: flag -%s missing:\n%s", args, f.Name, out)
				}
				if f.DefValue != "" && !strings.Contains(out, "default "+quoteDefault(f)) {
					t.Errorf("%q: default of -%s (%s) missing", args, f.Name, f.DefValue)
				}
				if env := flagEnv[f.Name]; env != "" && !strings.Contains(out, "env "+env) {
					t.Errorf("%q: environment variable of -%s (%s) missing", args, f.Name, env)
				}
			})
			for _, bad := range []string{"secret-from-the-environment", "help requested", "Usage of"} {
				if strings.Contains(out, bad) {
					t.Errorf("%q printed %q:\n%s", args, bad, out)
				}
			}
		}
	}
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}} {
		out, errOut, err := run(t, args...)
		if err != nil || errOut != "" {
			t.Fatalf("%q: %v, %q", args, err, errOut)
		}
		for _, c := range NewMain(nil, nil).commands() {
			if !regexp.MustCompile(`(?m)^  ` + c.name + ` +` + regexp.QuoteMeta(c.summary) + `$`).MatchString(out) {
				t.Errorf("%q does not list %s:\n%s", args, c.name, out)
			}
		}
	}
}

// Usage errors exit 2 with one message naming the command and a pointer
// to its -h, and print nothing else (the flag package's own messages and
// usage dumps are silenced).
func TestUsageErrorsOfEveryCommand(t *testing.T) {
	type tc struct {
		args []string
		want string // in the message
		help string // the pointer's command line
	}
	var cases []tc
	for _, p := range commandPaths(t) {
		words := strings.Fields(p.path)
		if p.cmd.setup == nil { // a group: its words alone need a sub-command
			cases = append(cases, tc{words, "needs a command: ", "actorgraph " + p.path + " -h"},
				tc{append(append([]string{}, words...), "frobnicate"), `unknown command "frobnicate"`, "actorgraph " + p.path + " -h"})
		}
		cases = append(cases, tc{append(append([]string{}, words...), "-no-such-flag"), "unknown flag -no-such-flag", "actorgraph " + p.path + " -h"})
		if p.cmd.maxArgs == 0 && p.cmd.setup != nil {
			cases = append(cases, tc{append(append([]string{}, words...), "extra"), `takes no arguments, got ["extra"]`, "actorgraph " + p.path + " -h"})
		}
		if p.cmd.minArgs > 0 {
			cases = append(cases, tc{words, "needs ", "actorgraph " + p.path + " -h"})
		}
	}
	cases = append(cases,
		tc{nil, "no command given", "actorgraph help"},
		tc{[]string{"frobnicate"}, `unknown command "frobnicate"`, "actorgraph help"},
		tc{[]string{"-q", "load"}, "flag -q before the command", "actorgraph help"},
		tc{[]string{"load", "-concurrency", "many", "x"}, `invalid value "many" for flag -concurrency`, "actorgraph load -h"},
		tc{[]string{"load", "-concurrency", "0", "x"}, "must be at least 1", "actorgraph load -h"},
		tc{[]string{"load", "-progress=sometimes", "x"}, "want true, false or auto", "actorgraph load -h"},
		tc{[]string{"cypher", "a", "b"}, "quote an argument that holds spaces", "actorgraph cypher -h"},
		tc{[]string{"cypher", "-param", "novalue", "RETURN 1"}, "want name=value", "actorgraph cypher -h"},
		tc{[]string{"export"}, "needs -format", "actorgraph export -h"},
		tc{[]string{"export", "-format", "pdf"}, `"pdf"`, "actorgraph export -h"},
		tc{[]string{"token", "create"}, "needs -name", "actorgraph token create -h"},
		tc{[]string{"token", "create", "-name", "x", "-role", "king"}, "king", "actorgraph token create -h"},
		tc{[]string{"help", "frobnicate"}, `no command "frobnicate"`, "actorgraph help -h"},
	)
	for _, c := range cases {
		out, errOut, err := run(t, c.args...)
		if exitCode(err) != 2 {
			t.Errorf("%q: %v, exit %d; want exit 2", c.args, err, exitCode(err))
			continue
		}
		if out != "" || errOut != "" && len(c.args) > 0 {
			t.Errorf("%q printed %q and %q besides its error", c.args, out, errOut)
		}
		msg := reported(err)
		lines := strings.Split(strings.TrimSuffix(msg, "\n"), "\n")
		if len(lines) != 2 || !strings.Contains(lines[0], c.want) || lines[1] != "Run '"+c.help+"' for usage." {
			t.Errorf("%q reported:\n%s\nwant one line with %q, then the pointer to %q", c.args, msg, c.want, c.help)
		}
		if strings.Count(msg, c.want) != 1 {
			t.Errorf("%q says its error more than once:\n%s", c.args, msg)
		}
	}
}

// The built program: -h on standard output and exit 0; an unknown flag
// one message on standard error and exit 2.
func TestBinaryHelpAndUsageError(t *testing.T) {
	bin := binary(t)
	for _, c := range []struct {
		args       []string
		exit       int
		stdout     string
		stderrLine string
	}{
		{[]string{"check", "-h"}, 0, "Usage:\n  actorgraph check PATH...", ""},
		{[]string{"load", "--help"}, 0, "  -tx-claims int\n", ""},
		{[]string{"load", "-x"}, 2, "", "actorgraph load: unknown flag -x\nRun 'actorgraph load -h' for usage.\n"},
		{[]string{}, 2, "", "Run 'actorgraph help' for usage.\n"},
	} {
		cmd := exec.Command(bin, c.args...)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != c.exit || !strings.Contains(out.String(), c.stdout) || (c.stdout == "" && c.exit != 0 && out.Len() != 0) ||
			(c.exit == 0 && errOut.Len() != 0) || !strings.HasSuffix(errOut.String(), c.stderrLine) {
			t.Errorf("actorgraph %q: exit %d\nstdout: %q\nstderr: %q", c.args, code, out.String(), errOut.String())
		}
		if c.exit == 2 && len(c.args) > 0 && errOut.String() != c.stderrLine {
			t.Errorf("actorgraph %q: stderr %q, want exactly %q", c.args, errOut.String(), c.stderrLine)
		}
	}
}

// A flag's environment variable sets it when the command line does not,
// and a bad value there is a usage error that names the variable.
func TestFlagsFromTheEnvironment(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	page := fs.Int("max-page", 100, "")
	listen := fs.String("listen", "a", "")
	t.Setenv("ACTORGRAPH_MAX_PAGE", "7")
	t.Setenv("ACTORGRAPH_LISTEN", "from-env")
	must(t, fs.Parse([]string{"-listen", "from-flag"}))
	must(t, applyEnv(fs))
	if *page != 7 || *listen != "from-flag" {
		t.Fatalf("max-page %d, listen %q: want 7 from the environment, the flag over it", *page, *listen)
	}
	t.Setenv("ACTORGRAPH_MAX_PAGE", "seven")
	_, _, err := run(t, "serve", "-listen", "127.0.0.1:0")
	if exitCode(err) != 2 || !strings.Contains(err.Error(), `ACTORGRAPH_MAX_PAGE="seven" is not a valid -max-page`) {
		t.Fatalf("bad environment value: %v", err)
	}
}

// README lists every flag's environment variable, with the flag.
func TestFlagEnvInReadme(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(), "README.md"))
	must(t, err)
	for name, env := range flagEnv {
		if !regexp.MustCompile("(?m)^.*`-" + regexp.QuoteMeta(name) + "[ `=].*`" + env + "[`=]").Match(b) {
			t.Errorf("README has no line naming `-%s` and `%s`", name, env)
		}
	}
}

// README's list under "The command" names every command of the table,
// with its synopsis, and no other.
func TestReadmeListsEveryCommand(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(), "README.md"))
	must(t, err)
	section := string(b)[strings.Index(string(b), "## The command\n"):]
	section = section[:strings.Index(section, "\n```\n")]
	listed := map[string]bool{}
	for _, line := range regexp.MustCompile(`(?m)^actorgraph (.+?)   +\S`).FindAllStringSubmatch(section, -1) {
		listed[strings.TrimSpace(line[1])] = true
	}
	for _, p := range commandPaths(t) {
		if p.cmd.setup == nil {
			continue // a group: its sub-commands are listed
		}
		synopsis := strings.TrimSpace(p.path + flagsWord(p.fs) + prefixSpace(p.cmd.args))
		if !listed[synopsis] {
			t.Errorf("README's command list has no line %q", "actorgraph "+synopsis)
		}
		delete(listed, synopsis)
	}
	for l := range listed {
		t.Errorf("README lists %q, which is no command", "actorgraph "+l)
	}
}

func TestVersion(t *testing.T) {
	neo4jtest.MustOpen(t)
	out, errOut, err := run(t, "version")
	if err != nil || errOut != "" {
		t.Fatalf("version: %v %q", err, errOut)
	}
	// Test binaries carry no version control information.
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^actorgraph +devel$`),
		regexp.MustCompile(`(?m)^commit +devel$`),
		regexp.MustCompile(`(?m)^go +` + regexp.QuoteMeta(runtime.Version()) + ` ` + runtime.GOOS + `/` + runtime.GOARCH + `$`),
		regexp.MustCompile(`(?m)^neo4j +5\.\d+\.\d+ at ` + regexp.QuoteMeta(os.Getenv("NEO4J_URI")) + `$`),
	} {
		if !want.MatchString(out) {
			t.Errorf("version printed no line matching %s:\n%s", want, out)
		}
	}
	same, _, err := run(t, "--version")
	if err != nil || same != out {
		t.Errorf("--version printed %q, %v; want what version does", same, err)
	}

	// A Neo4j that does not answer: said, without failing.
	closed := closedPort(t)
	start := time.Now()
	out, _, err = run(t, "version", "-neo4j-uri", closed)
	if err != nil || !strings.Contains(out, "neo4j       not reachable at "+closed) || !strings.Contains(out, "make neo4j-up") {
		t.Fatalf("version with Neo4j down: %v\n%s", err, out)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("version took %v with Neo4j down", d)
	}

	// The built program prints the same four lines.
	b, err := exec.Command(binary(t), "version").Output()
	if err != nil || !regexp.MustCompile(`^actorgraph +\S+\ncommit +\S.*\ngo +go1\S+ \S+\nneo4j +5\.\d+\.\d+ at \S+\n$`).Match(b) {
		t.Fatalf("actorgraph version: %v\n%s", err, b)
	}
}

// What the Go toolchain recorded of the build (go build in a checkout
// with version control stamping on; go run, go test or -buildvcs=false).
func TestBuildVersion(t *testing.T) {
	rev := "4047e8102f69e19f3923b71cd778620a03dfd6fa"
	for _, c := range []struct {
		bi              *debug.BuildInfo
		ok              bool
		version, commit string
	}{
		{nil, false, "devel", "devel"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "devel", "devel"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: "2026-11-27T18:00:00Z"}, {Key: "vcs.modified", Value: "false"}}},
			true, "v1.4.0", rev + " (2026-11-27T18:00:00Z)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261127180000-4047e8102f69+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}},
			true, "v0.0.0-20261127180000-4047e8102f69+dirty", rev + " with uncommitted changes"},
	} {
		if v, c2 := buildVersion(c.bi, c.ok); v != c.version || c2 != c.commit {
			t.Errorf("buildVersion(%+v) = %q, %q; want %q, %q", c.bi, v, c2, c.version, c.commit)
		}
	}
}

// closedPort returns a Bolt URI on a loopback port nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	addr := ln.Addr().String()
	ln.Close()
	return "bolt://" + addr
}

// Every command that needs Neo4j says at once, when it does not answer,
// how to start it or where to point NEO4J_URI, and nothing about codes or
// drivers.
func TestNeo4jDownSaysHowToStartIt(t *testing.T) {
	closed := closedPort(t)
	seed := neo4jtest.SeedDir()
	for _, c := range []struct{ cmd, rest []string }{
		{[]string{"load"}, []string{seed}}, {[]string{"stats"}, nil}, {[]string{"schema"}, nil}, {[]string{"reset"}, []string{"-yes"}},
		{[]string{"export"}, []string{"-format", "gexf"}}, {[]string{"cypher"}, []string{"RETURN 1"}},
		{[]string{"token", "list"}, nil}, {[]string{"token", "create"}, []string{"-name", "x"}}, {[]string{"token", "revoke"}, []string{"0123456789abcdef"}},
		{[]string{"serve"}, []string{"-listen", "127.0.0.1:0", "-load", seed}}, {[]string{"loadtest"}, []string{"-duration", "1s"}},
	} {
		args := append(append(append([]string{}, c.cmd...), "-neo4j-uri", closed), c.rest...)
		start := time.Now()
		_, _, err := run(t, args...)
		took := time.Since(start)
		var down *neo4jDownError
		if !errors.As(err, &down) || exitCode(err) != 1 {
			t.Errorf("%q: %v (exit %d); want Neo4j out of reach", args, err, exitCode(err))
			continue
		}
		msg := reported(err)
		for _, want := range []string{"actorgraph " + strings.Join(c.cmd, " ") + ": ", "cannot reach Neo4j at " + closed, "connection refused", "make neo4j-up", "NEO4J_URI"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%q reported %q; want %q in it", args, msg, want)
			}
		}
		if strings.Contains(msg, "unavailable:") || strings.Contains(msg, "Error:") || strings.Count(msg, "\n") != 2 {
			t.Errorf("%q reported %q: codes, driver text or more than two lines", args, msg)
		}
		if took > 10*time.Second {
			t.Errorf("%q took %v to say Neo4j is down", args, took)
		}
	}
}

// Errors read in plain words: the message of a domain error without its
// code, what Neo4j said without its status code, and the context around
// them kept.
func TestMessagesWithoutCodes(t *testing.T) {
	driverText := errors.New("TransactionExecutionLimit: timeout (exceeded max retry time)")
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("f.yaml: writing article %q: %w", "a", fmt.Errorf("%s: %w: %w", "load articles", graph.Errorf(graph.ETIMEOUT, "the query ran past its time limit"), driverText)),
			`f.yaml: writing article "a": load articles: the query ran past its time limit`},
		{fmt.Errorf("export: %w", graph.Errorf(graph.ENOTFOUND, "no actor with id %q", "x")), `export: no actor with id "x"`},
		{graph.Errorf(graph.EINVALID, "a token id is 16 lower-case hex digits"), "a token id is 16 lower-case hex digits"},
		{errors.New("plain"), "plain"},
	} {
		if got := message(c.err); got != c.want {
			t.Errorf("message(%q) = %q, want %q", c.err, got, c.want)
		}
	}

	neo4jtest.MustOpenSeeded(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "-format", "gexf", "-neighbourhood", "nobody"}, `actorgraph export: no actor with id "nobody"`},
		{[]string{"export", "-format", "gexf", "-neighbourhood", "iran", "-depth", "99"}, "actorgraph export: depth must be between 1 and 6"},
		{[]string{"token", "revoke", "00000000000000ee"}, `actorgraph token revoke: revoke token 00000000000000ee: no API token with id "00000000000000ee"`},
		{[]string{"token", "revoke", "nope"}, "actorgraph token revoke: a token id is 16 lower-case hex digits"},
		{[]string{"cypher", "CREATE (:Actor {id: 'intruder'})"}, "actorgraph cypher: the query writes to the graph, and only read-only queries run here"},
		{[]string{"cypher", "RETURN +"}, "actorgraph cypher: Cypher syntax error: Invalid input"},
	} {
		_, _, err := run(t, c.args...)
		if exitCode(err) != 1 {
			t.Errorf("%q: %v, exit %d; want 1", c.args, err, exitCode(err))
			continue
		}
		msg := reported(err)
		if !strings.HasPrefix(msg, c.want) {
			t.Errorf("%q reported %q, want it to start %q", c.args, msg, c.want)
		}
		for _, code := range []string{graph.EINVALID, graph.ENOTFOUND, graph.EUNAVAILABLE, graph.ETIMEOUT, graph.EINTERNAL, graph.ELIMIT} {
			if strings.Contains(msg, code+":") {
				t.Errorf("%q reported the code %q: %q", c.args, code, msg)
			}
		}
		if strings.Contains(msg, "Neo.ClientError") || strings.Contains(msg, "Neo4jError") {
			t.Errorf("%q reported Neo4j's status code: %q", c.args, msg)
		}
	}
}

// reset says what it will delete, then deletes nothing unless told to:
// with standard input not a terminal it needs -yes; on a terminal it asks.
func TestResetAsksFirst(t *testing.T) {
	s := neo4jtest.MustOpenSeeded(t)
	before := neo4jtest.MustStats(t, s)
	counts := fmt.Sprintf("%d actors, 1 article, %d claims, %d relationships", before.Actors, before.Claims, before.Relationships)

	// Not a terminal (go test's standard input, a pipe, a file): refused.
	out, errOut, err := run(t, "reset")
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "-yes") || !strings.Contains(errOut, counts) || out != "" {
		t.Fatalf("reset without -yes, not on a terminal: %v (exit %d)\nstdout %q\nstderr %q", err, exitCode(err), out, errOut)
	}
	if after := neo4jtest.MustStats(t, s); after != before {
		t.Fatalf("a refused reset deleted: %+v -> %+v", before, after)
	}

	// On a terminal: a wrong answer deletes nothing; "yes" deletes.
	for _, c := range []struct {
		answer string
		kept   bool
	}{{"no\n", true}, {"neo4j-typo\n", true}, {"yes\n", false}} {
		tty := openPTY(t)
		if _, err := tty.master.WriteString(c.answer); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		m := NewMain(&stdout, &stderr)
		m.Stdin = tty.slave
		err := m.Run(context.Background(), []string{"reset"})
		after := neo4jtest.MustStats(t, s)
		if !strings.Contains(stderr.String(), counts) || !strings.Contains(stderr.String(), "Type 'yes' to delete them: ") {
			t.Errorf("answer %q: the prompt was %q", c.answer, stderr.String())
		}
		if c.kept && (err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "nothing was deleted") || after != before) {
			t.Fatalf("answer %q: %v, graph %+v; want nothing deleted, exit 1", c.answer, err, after)
		}
		if !c.kept && (err != nil || after != (graph.Stats{}) || stdout.String() != "deleted "+counts+"\n") {
			t.Fatalf("answer %q: %v, graph %+v, stdout %q; want all deleted", c.answer, err, after, stdout.String())
		}
	}
	out, _, err = run(t, "reset")
	if err != nil || !strings.Contains(out, "nothing to delete") {
		t.Fatalf("reset of an empty graph: %q, %v", out, err)
	}
}

// pty is a pseudo-terminal: the slave is a terminal to the program, and
// the test types into the master.
type pty struct{ master, slave *os.File }

func openPTY(t *testing.T) pty {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("open a pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	if err := unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlock the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("name the pseudo-terminal: %v", err)
	}
	slave, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("open the pseudo-terminal's slave: %v", err)
	}
	t.Cleanup(func() { slave.Close() })
	return pty{master: master, slave: slave}
}

// load, gen and export draw their progress on a terminal (here a fake one,
// forced with -progress) and leave only their summary behind: no stale
// bar, no per-article lines unless -v.
func TestProgressOnATerminal(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	dir := filepath.Join(t.TempDir(), "corpus")

	term := progresstest.NewTerminal()
	var out bytes.Buffer
	m := NewMain(&out, term)
	must(t, m.Run(context.Background(), []string{"gen", "-progress", "-articles", "30", "-out", dir}))
	if !strings.Contains(term.Raw(), "30/30 articles [") || term.Screen() != "" || strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("gen: screen %q, stdout %q, raw %q", term.Screen(), out.String(), term.Raw())
	}

	term, out = progresstest.NewTerminal(), bytes.Buffer{}
	m = NewMain(&out, term)
	must(t, m.Run(context.Background(), []string{"load", "-progress", "-tx-claims", "100", dir}))
	st := neo4jtest.MustStats(t, s)
	if !strings.Contains(term.Raw(), fmt.Sprintf("%d/%d claims [", st.Claims, st.Claims)) {
		t.Errorf("load drew no bar reaching its total: %q", term.Raw())
	}
	if term.Screen() != "" || !regexp.MustCompile(`^loaded 30 articles, 600 claims in .*\n$`).MatchString(out.String()) {
		t.Fatalf("load left the screen %q and printed %q; want one summary line", term.Screen(), out.String())
	}

	// -v: a line per article, then the summary.
	neo4jtest.MustOpenEmpty(t)
	verbose, _, err := run(t, "load", "-v", dir)
	must(t, err)
	if lines := strings.Split(strings.TrimSuffix(verbose, "\n"), "\n"); len(lines) != 31 || strings.Count(verbose, "loaded article ") != 30 ||
		!strings.HasPrefix(lines[30], "loaded 30 articles") {
		t.Fatalf("load -v printed:\n%s", verbose)
	}

	term, out = progresstest.NewTerminal(), bytes.Buffer{}
	m = NewMain(&out, term)
	file := filepath.Join(t.TempDir(), "g.graphml")
	must(t, m.Run(context.Background(), []string{"export", "-progress", "-format", "graphml", "-out", file}))
	summary := regexp.MustCompile(`^wrote \d+ actors, \d+ relationships, (\d+) claims, 30 articles as graphml to ` + regexp.QuoteMeta(file) + ` \(.*MB\)$`).FindStringSubmatch(term.Screen())
	if summary == nil || !strings.Contains(term.Raw(), summary[1]+"/"+summary[1]+" claims [") {
		t.Fatalf("export: screen %q, raw %q", term.Screen(), term.Raw())
	}
}
