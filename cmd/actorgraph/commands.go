package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
)

// command is one row of the command table (Main.commands): everything
// `actorgraph help`, `-h` and the usage errors say about a command, and the
// function that runs it. Adding a command is adding a row; its help, its
// flags' defaults and environment variables, and its usage errors come
// with it.
type command struct {
	name    string // as typed: "load"; a sub-command's own word: "create"
	args    string // its arguments as the synopsis shows them: "PATH..."
	summary string // one line for the command list, lower case, no full stop
	doc     string // what -h says after the synopsis: paragraphs of plain text

	// minArgs and maxArgs bound how many arguments it takes (maxArgs -1:
	// any number); the dispatcher refuses other counts with a usage error.
	minArgs, maxArgs int

	// setup registers the command's flags on fs and returns the function
	// that runs it with the arguments left after the flags. Flag values
	// are read inside that function, once fs is parsed and the
	// environment applied (see flagEnv). Nil for a command that only
	// groups sub-commands.
	setup func(fs *flag.FlagSet) runFunc

	// subs are its sub-commands, chosen by its first argument; a command
	// with both setup and subs runs itself when that argument names none.
	subs []*command
}

// runFunc runs a command with its arguments.
type runFunc func(ctx context.Context, args []string) error

// commands is the command table, in the order `actorgraph help` lists it.
func (m *Main) commands() []*command {
	return []*command{
		m.serveCommand(),
		m.loadCommand(),
		m.checkCommand(),
		m.extractCommand(),
		m.evalCommand(),
		m.genCommand(),
		m.schemaCommand(),
		m.statsCommand(),
		m.resetCommand(),
		m.exportCommand(),
		m.cypherCommand(),
		m.migrateCommand(),
		m.loadtestCommand(),
		m.tokenCommand(),
		m.historyCommand(),
		m.versionCommand(),
		{name: "help", args: "[COMMAND [SUBCOMMAND]]", summary: "show the commands, or one command's usage", maxArgs: 2,
			doc:   "Without a command, lists the commands; with one, prints its usage as\n'actorgraph COMMAND -h' does.",
			setup: func(*flag.FlagSet) runFunc { return m.help }},
	}
}

// usageError is an error in how the program was called: an unknown command
// or flag, a bad flag value, a missing or extra argument. It exits 2 and
// points at the command's -h.
type usageError struct {
	cmd string // "load", "token create"; "" for the program itself
	msg string
}

func (e usageError) Error() string { return e.msg }

// usagef returns a usageError for the command being run; the dispatcher
// fills in its name.
func usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// Run runs the command args names.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		m.printCommands(m.Stderr)
		return usageError{msg: "no command given"}
	}
	switch args[0] {
	case "-h", "-help", "--help":
		m.printCommands(m.Stdout)
		return nil
	case "-version", "--version":
		args = append([]string{"version"}, args[1:]...)
	}
	cmd := find(m.commands(), args[0])
	if cmd == nil {
		if strings.HasPrefix(args[0], "-") {
			return usageError{msg: fmt.Sprintf("flag %s before the command: flags go after it, as in 'actorgraph load -q PATH'", args[0])}
		}
		return usageError{msg: fmt.Sprintf("unknown command %q", args[0])}
	}
	return m.run(ctx, cmd, cmd.name, args[1:])
}

// run parses a command's flags, applies the environment and runs it, or
// hands the arguments on to the sub-command they name.
func (m *Main) run(ctx context.Context, cmd *command, path string, args []string) error {
	if len(cmd.subs) > 0 && len(args) > 0 {
		if sub := find(cmd.subs, args[0]); sub != nil {
			return m.run(ctx, sub, path+" "+sub.name, args[1:])
		}
		if cmd.setup == nil && !strings.HasPrefix(args[0], "-") {
			return usageError{cmd: path, msg: fmt.Sprintf("unknown command %q: want %s", args[0], subNames(cmd))}
		}
	}
	fs := flag.NewFlagSet(path, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the flag package's own messages: we print one of ours
	fs.Usage = func() {}
	var runner runFunc
	if cmd.setup != nil {
		runner = cmd.setup(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			m.printUsage(m.Stdout, cmd, path, fs)
			return nil
		}
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
			msg = "unknown flag " + name
		}
		return usageError{cmd: path, msg: msg}
	}
	if err := applyEnv(fs); err != nil {
		return usageError{cmd: path, msg: err.Error()}
	}
	if runner == nil { // a group of sub-commands, called without one
		return usageError{cmd: path, msg: "needs a command: " + subNames(cmd)}
	}
	if n := fs.NArg(); n < cmd.minArgs || (cmd.maxArgs >= 0 && n > cmd.maxArgs) {
		return usageError{cmd: path, msg: argCountMessage(cmd, fs.Args())}
	}
	err := runner(ctx, fs.Args())
	var ue usageError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ue):
		if ue.cmd == "" {
			ue.cmd = path
		}
		return ue
	}
	return commandError{cmd: path, err: err}
}

func find(cmds []*command, name string) *command {
	for _, c := range cmds {
		if c.name == name {
			return c
		}
	}
	return nil
}

func subNames(cmd *command) string {
	names := make([]string, len(cmd.subs))
	for i, s := range cmd.subs {
		names[i] = s.name
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// argCountMessage says what is wrong with the number of arguments.
func argCountMessage(cmd *command, got []string) string {
	switch {
	case cmd.maxArgs == 0:
		return fmt.Sprintf("takes no arguments, got %q", got)
	case len(got) < cmd.minArgs:
		if what, many := strings.CutSuffix(cmd.args, "..."); many {
			return "needs at least one " + what
		}
		return "needs " + cmd.args
	case cmd.maxArgs == 1:
		return fmt.Sprintf("takes one argument (%s), got %d: %q; quote an argument that holds spaces", cmd.args, len(got), got)
	default:
		return fmt.Sprintf("takes at most %d arguments (%s), got %d: %q", cmd.maxArgs, cmd.args, len(got), got)
	}
}

// help is `actorgraph help [COMMAND [SUBCOMMAND]]`.
func (m *Main) help(_ context.Context, args []string) error {
	if len(args) == 0 {
		m.printCommands(m.Stdout)
		return nil
	}
	cmds, path := m.commands(), ""
	var cmd *command
	for _, a := range args {
		if cmd = find(cmds, a); cmd == nil {
			return usagef("no command %q", strings.TrimSpace(path+" "+a))
		}
		path = strings.TrimSpace(path + " " + a)
		cmds = cmd.subs
	}
	fs := flag.NewFlagSet(path, flag.ContinueOnError)
	if cmd.setup != nil {
		cmd.setup(fs)
	}
	m.printUsage(m.Stdout, cmd, path, fs)
	return nil
}

// printCommands prints the program's usage: the command list.
func (m *Main) printCommands(w io.Writer) {
	fmt.Fprint(w, `actorgraph turns claims in news reporting into a Neo4j graph of actors and
relationships, each traceable to the sentence behind it, and serves it over
GraphQL.

Usage:
  actorgraph COMMAND [flags] [arguments]

Commands:
`)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range m.commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprint(w, `
Run 'actorgraph help COMMAND' or 'actorgraph COMMAND -h' for a command's
usage, its flags and their environment variables. Commands that use Neo4j
reach it through NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
NEO4J_DATABASE; by default the local server 'make neo4j-up' starts.
`)
}

// printUsage prints a command's full usage: synopsis, description,
// sub-commands and every flag with its default and environment variable.
func (m *Main) printUsage(w io.Writer, cmd *command, path string, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage:\n")
	if cmd.setup != nil {
		fmt.Fprintf(w, "  actorgraph %s%s%s\n", path, flagsWord(fs), prefixSpace(cmd.args))
	}
	for _, s := range cmd.subs {
		sfs := flag.NewFlagSet(path+" "+s.name, flag.ContinueOnError)
		if s.setup != nil {
			s.setup(sfs)
		}
		fmt.Fprintf(w, "  actorgraph %s %s%s%s\n", path, s.name, flagsWord(sfs), prefixSpace(s.args))
	}
	if cmd.summary != "" {
		fmt.Fprintf(w, "\n%s.\n", strings.ToUpper(cmd.summary[:1])+cmd.summary[1:])
	}
	if cmd.doc != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(cmd.doc))
	}
	if len(cmd.subs) > 0 {
		fmt.Fprintf(w, "\nCommands:\n")
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, s := range cmd.subs {
			fmt.Fprintf(tw, "  %s\t%s\n", s.name, s.summary)
		}
		tw.Flush()
		fmt.Fprintf(w, "\nRun 'actorgraph %s COMMAND -h' for a command's flags.\n", path)
	}
	if hasFlags(fs) {
		fmt.Fprintf(w, "\nFlags:\n")
		printFlags(w, fs)
	}
}

func prefixSpace(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func flagsWord(fs *flag.FlagSet) string {
	if hasFlags(fs) {
		return " [flags]"
	}
	return ""
}

// printFlags prints each flag of fs, sorted, with its value's placeholder,
// its usage, its built-in default and the environment variable that can
// set it instead. The environment's values are never printed: a password
// may be among them.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  -%s", f.Name)
		if name != "" {
			fmt.Fprintf(w, " %s", name)
		}
		var notes []string
		if f.DefValue != "" {
			notes = append(notes, "default "+quoteDefault(f))
		}
		if env := flagEnv[f.Name]; env != "" {
			notes = append(notes, "env "+env)
		}
		if len(notes) > 0 {
			usage += " (" + strings.Join(notes, "; ") + ")"
		}
		fmt.Fprintf(w, "\n      %s\n", strings.ReplaceAll(usage, "\n", "\n      "))
	})
}

// quoteDefault quotes string defaults, as flag.PrintDefaults does.
func quoteDefault(f *flag.Flag) string {
	if g, ok := f.Value.(flag.Getter); ok {
		if _, isString := g.Get().(string); isString {
			return fmt.Sprintf("%q", f.DefValue)
		}
	}
	return f.DefValue
}

// flagEnv names the environment variable each flag may take its value
// from, for every command that has the flag: a flag means the same thing
// wherever it appears. A flag given on the command line wins over its
// variable, which wins over the built-in default; an empty variable counts
// as unset. README's tables list the same pairs (TestFlagEnvInReadme).
var flagEnv = map[string]string{
	// Neo4j, for every command that uses it.
	"neo4j-uri":      "NEO4J_URI",
	"neo4j-username": "NEO4J_USERNAME",
	"neo4j-password": "NEO4J_PASSWORD",
	"neo4j-database": "NEO4J_DATABASE",
	"query-timeout":  "ACTORGRAPH_QUERY_TIMEOUT",
	"neo4j-retry":    "ACTORGRAPH_NEO4J_RETRY",

	// extract.
	"known":       "ACTORGRAPH_EXTRACT_KNOWN",
	"nlp-timeout": "ACTORGRAPH_NLP_TIMEOUT", // and serve's drafting

	// serve's drafting (draftArticle).
	"draft":           "ACTORGRAPH_DRAFT",
	"draft-max-bytes": "ACTORGRAPH_DRAFT_MAX_BYTES",
	"draft-threshold": "ACTORGRAPH_DRAFT_THRESHOLD",

	// serve.
	"listen":                  "ACTORGRAPH_LISTEN",
	"playground":              "ACTORGRAPH_PLAYGROUND",
	"introspection":           "ACTORGRAPH_INTROSPECTION",
	"cors-origins":            "ACTORGRAPH_CORS_ORIGINS",
	"metrics-operations":      "ACTORGRAPH_METRICS_OPERATIONS",
	"anonymous-reads":         "ACTORGRAPH_ANONYMOUS_READS",
	"auth-max-failures":       "ACTORGRAPH_AUTH_MAX_FAILURES",
	"auth-failure-interval":   "ACTORGRAPH_AUTH_FAILURE_INTERVAL",
	"trusted-proxies":         "ACTORGRAPH_TRUSTED_PROXIES",
	"max-complexity":          "ACTORGRAPH_MAX_COMPLEXITY",
	"max-depth":               "ACTORGRAPH_MAX_DEPTH",
	"max-selections":          "ACTORGRAPH_MAX_SELECTIONS",
	"max-repeated-fields":     "ACTORGRAPH_MAX_REPEATED_FIELDS",
	"max-directives":          "ACTORGRAPH_MAX_DIRECTIVES",
	"max-errors":              "ACTORGRAPH_MAX_ERRORS",
	"max-response-bytes":      "ACTORGRAPH_MAX_RESPONSE_BYTES",
	"max-string-length":       "ACTORGRAPH_MAX_STRING_LENGTH",
	"expensive-cost":          "ACTORGRAPH_EXPENSIVE_COST",
	"max-expensive":           "ACTORGRAPH_MAX_EXPENSIVE",
	"expensive-queue":         "ACTORGRAPH_EXPENSIVE_QUEUE",
	"expensive-wait":          "ACTORGRAPH_EXPENSIVE_WAIT",
	"max-export-elements":     "ACTORGRAPH_MAX_EXPORT_ELEMENTS",
	"max-aliases":             "ACTORGRAPH_MAX_ALIASES",
	"max-body-bytes":          "ACTORGRAPH_MAX_BODY_BYTES",
	"max-edit-body-bytes":     "ACTORGRAPH_MAX_EDIT_BODY_BYTES",
	"max-tokens":              "ACTORGRAPH_MAX_TOKENS",
	"request-timeout":         "ACTORGRAPH_REQUEST_TIMEOUT",
	"apq-cache":               "ACTORGRAPH_APQ_CACHE",
	"max-page":                "ACTORGRAPH_MAX_PAGE",
	"max-neighbours":          "ACTORGRAPH_MAX_NEIGHBOURS",
	"max-network":             "ACTORGRAPH_MAX_NETWORK",
	"max-neighbourhood-edges": "ACTORGRAPH_MAX_NEIGHBOURHOOD_EDGES",
	"max-paths":               "ACTORGRAPH_MAX_PATHS",
	"max-traversal-depth":     "ACTORGRAPH_MAX_TRAVERSAL_DEPTH",
	"max-search-length":       "ACTORGRAPH_MAX_SEARCH_LENGTH",
}

// applyEnv sets every flag the command line left alone from its
// environment variable, if that is set.
func applyEnv(fs *flag.FlagSet) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if env := flagEnv[f.Name]; env != "" && !given[f.Name] && os.Getenv(env) != "" {
			names = append(names, f.Name)
		}
	})
	sort.Strings(names)
	for _, name := range names {
		env := flagEnv[name]
		if err := fs.Set(name, os.Getenv(env)); err != nil {
			return fmt.Errorf("%s=%q is not a valid -%s: %v", env, os.Getenv(env), name, err)
		}
	}
	return nil
}
