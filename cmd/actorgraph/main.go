// Command actorgraph validates claims files, loads them into Neo4j, serves
// the graph over GraphQL, exports it, and measures the server under load.
// `actorgraph help` lists the commands and `actorgraph help COMMAND` (or
// `actorgraph COMMAND -h`) prints one's usage.
//
// This package is wiring: it parses flags, opens the Neo4j store
// (graph/neo4j) and hands it to the packages that do the work as the ports
// they take (loaders, server, export). The command's own concerns live
// here too: Markdown rendering of `cypher` results is in cypher.go (over
// internal/mdtable), the load test and its bare-driver baselines in
// loadtest.go and baseline.go.
//
// # Adding a command
//
// Every command is one row of the command table (Main.commands in
// commands.go): its name, the synopsis of its arguments, a one-line
// summary, a description, how many arguments it takes, and a setup
// function that registers its flags on a flag.FlagSet and returns the
// function that runs it. Sub-commands (`token create`) are rows of their
// parent's subs. The dispatcher gives every row the same behaviour:
//
//   - `-h`, `-help` and `--help` print the full usage (synopsis,
//     description, sub-commands, every flag with its default and its
//     environment variable) on standard output and exit 0, as does
//     `actorgraph help COMMAND`;
//   - a usage error (unknown flag, bad value, wrong number of arguments,
//     or a usagef error returned by the command) prints one message and a
//     pointer to -h on standard error and exits 2; any other error exits 1,
//     in plain words (report), never with the API's error codes;
//   - a flag named in flagEnv takes its value from that environment
//     variable when the command line leaves it alone.
//
// A command that uses Neo4j registers the connection flags with dbFlags
// and opens the store with Main.openStore, which checks within 2 seconds
// that Neo4j answers and otherwise says how to start it or set NEO4J_URI.
// Long work reports to a progress.Display (see progress/), which draws only
// on a terminal.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain(os.Stdout, os.Stderr)
	m.Stdin = os.Stdin
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		report(os.Stderr, err)
		os.Exit(exitCode(err))
	}
}

// Main is the program; tests run it in-process.
type Main struct {
	Stdin          io.Reader // the cypher query, reset's answer; empty unless set
	Stdout, Stderr io.Writer
	// Ready, if set, receives the server's address once it listens.
	Ready chan<- string
}

// NewMain returns a Main writing to the given streams, with an empty
// standard input.
func NewMain(stdout, stderr io.Writer) *Main {
	return &Main{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: stderr}
}

// commandError is an error a command returned, with the command's name
// for the message.
type commandError struct {
	cmd string
	err error
}

func (e commandError) Error() string { return e.err.Error() }
func (e commandError) Unwrap() error { return e.err }

// report prints err for a person, on w: a usage error with a pointer to
// the usage; a validation error with one problem per line; Neo4j out of
// reach with how to start it; anything else in plain words, without the
// error codes the API and the logs carry (see message).
func report(w io.Writer, err error) {
	var ue usageError
	if errors.As(err, &ue) {
		prog, help := "actorgraph", "actorgraph help"
		if ue.cmd != "" {
			prog, help = "actorgraph "+ue.cmd, "actorgraph "+ue.cmd+" -h"
		}
		fmt.Fprintf(w, "%s: %s\nRun '%s' for usage.\n", prog, ue.msg, help)
		return
	}
	prog := "actorgraph"
	var ce commandError
	if errors.As(err, &ce) {
		prog += " " + ce.cmd
	}
	var ve *loaders.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Fprintln(w, p)
		}
		fmt.Fprintf(w, "%s: %d problem(s); nothing was written\n", prog, len(ve.Problems))
		return
	}
	var down *neo4jDownError
	if errors.As(err, &down) {
		fmt.Fprintf(w, "%s: %s\n%s\n", prog, message(err), startNeo4jHint)
		return
	}
	msg := message(err)
	if ce.cmd != "" {
		// "export: no actor …" under "actorgraph export" says export once.
		msg = strings.TrimPrefix(msg, ce.cmd+": ")
	}
	fmt.Fprintf(w, "%s: %s\n", prog, msg)
	if graph.ErrorCode(err) == graph.EUNAVAILABLE {
		fmt.Fprintln(w, "Neo4j stopped answering. "+startNeo4jHint)
	}
}

// message is err's text in plain words: each domain error (graph.Error)
// reads as its message alone, without its code ("not_found: no actor …"
// becomes "no actor …") and without the driver's text behind it, and a
// Neo4j error as what Neo4j said, without its status code. The context
// the layers wrapped around it (a file, an article) stays.
func message(err error) string {
	msg := err.Error()
	var walk func(error)
	walk = func(e error) {
		switch x := e.(type) {
		case *graph.Error:
			msg = strings.Replace(msg, x.Error(), x.Message, 1)
			return
		case *neo4j.Neo4jError:
			msg = strings.Replace(msg, x.Error(), neo4jMessage(x), 1)
			return
		case interface{ Unwrap() []error }:
			errs := x.Unwrap()
			domain := false
			for _, c := range errs {
				_, isDomain := c.(*graph.Error)
				domain = domain || isDomain
			}
			for _, c := range errs {
				if _, isDomain := c.(*graph.Error); domain && !isDomain {
					msg = strings.Replace(msg, ": "+c.Error(), "", 1) // the cause behind a domain error
					continue
				}
				walk(c)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	return msg
}

// neo4jMessage is what Neo4j said, led by what it means for the few errors
// a person running a command meets.
func neo4jMessage(e *neo4j.Neo4jError) string {
	switch e.Code {
	case "Neo.ClientError.Statement.SyntaxError":
		return "Cypher syntax error: " + e.Msg
	case "Neo.ClientError.Statement.AccessMode":
		return "the query writes to the graph, and only read-only queries run here (" + e.Msg + ")"
	case "Neo.ClientError.Security.Unauthorized":
		return "Neo4j refused the user name or password; set NEO4J_USERNAME and NEO4J_PASSWORD (or -neo4j-username and -neo4j-password)"
	}
	return e.Msg
}
