// Command gendocs writes every list of a closed set outside Go from the Go
// table that defines the set, so that adding a relation type, an actor
// kind, a certainty, a time status or an export format is a change to one
// table:
//
//	graph.RelationTypes      → enum RelationType in schema.graphqls (CAMEO codes in its descriptions), the table in docs/graph-model.md
//	graph.ActorKindTable     → enum ActorKind in schema.graphqls, the table in docs/graph-model.md
//	graph.CertaintyTable     → enum Certainty in schema.graphqls, the table in docs/graph-model.md
//	graph.TimeStatusTable    → enum TimeStatus in schema.graphqls, the table in docs/graph-model.md
//	graph.PrecisionTable     → enum DatePrecision in schema.graphqls
//	graph.RelationClassTable → enum RelationClass in schema.graphqls
//	export.FormatTable       → the table in README.md, the export menu of web/src/index.html and web/dist/index.html
//
// and the four sets' choices in the review page's editors (web/src/review.html
// and web/dist/review.html).
//
// Each generated part sits between two marker lines, written once by hand,
//
//	<!-- BEGIN GENERATED: relation-types … -->
//	<!-- END GENERATED: relation-types -->
//
// (`# BEGIN GENERATED: …` in the GraphQL schema); gendocs replaces what
// lies between them. Lists it cannot write, because they carry more than
// the table knows (the network view's colours and shapes per kind and per
// certainty in web/src/explore.js), it checks against the tables instead.
// It is the one check that the schema and the docs follow the tables: no
// test elsewhere compares them.
//
// `make generate` runs it before gqlgen. With -check it changes nothing and
// exits 1 naming every region that is out of date and every list that
// disagrees with its table; `make check-generated` runs that, and so does
// this package's test.
package main

import (
	"errors"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
)

func main() {
	check := flag.Bool("check", false, "change nothing; report every out-of-date region and every list that disagrees with its table")
	root := flag.String("root", ".", "the repository's root folder")
	flag.Parse()
	problems, err := run(*root, !*check)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "gendocs:", p)
	}
	if len(problems) > 0 {
		if *check {
			fmt.Fprintln(os.Stderr, "gendocs: run `make generate` to rewrite the generated regions")
		}
		os.Exit(1)
	}
}

// region is one generated part of a file.
type region struct {
	path   string // relative to the repository's root
	name   string // the name on its marker lines
	source string // the Go table it comes from, for messages
	render func() []string
}

// regions lists every generated part of the repository.
func regions() []region {
	rs := []region{
		{"schema.graphqls", "actor-kinds", "graph.ActorKindTable", schemaActorKinds},
		{"schema.graphqls", "relation-types", "graph.RelationTypes", schemaRelationTypes},
		{"schema.graphqls", "certainties", "graph.CertaintyTable", schemaCertainties},
		{"schema.graphqls", "time-statuses", "graph.TimeStatusTable", schemaTimeStatuses},
		{"schema.graphqls", "date-precisions", "graph.PrecisionTable", schemaPrecisions},
		{"schema.graphqls", "relation-classes", "graph.RelationClassTable", schemaRelationClasses},
		{"docs/graph-model.md", "actor-kinds", "graph.ActorKindTable", docActorKinds},
		{"docs/graph-model.md", "relation-types", "graph.RelationTypes", docRelationTypes},
		{"docs/graph-model.md", "certainties", "graph.CertaintyTable", docCertainties},
		{"docs/graph-model.md", "time-statuses", "graph.TimeStatusTable", docTimeStatuses},
		{"README.md", "export-formats", "export.FormatTable", docExportFormats},
		{"web/src/index.html", "export-formats", "export.FormatTable", htmlExportFormats},
		{"web/dist/index.html", "export-formats", "export.FormatTable", htmlExportFormats},
	}
	for _, page := range []string{"web/src/review.html", "web/dist/review.html"} {
		rs = append(rs,
			region{page, "review-actor-kinds", "graph.ActorKindTable", htmlActorKinds},
			region{page, "review-relation-types", "graph.RelationTypes", htmlRelationTypes},
			region{page, "review-certainties", "graph.CertaintyTable", htmlCertainties},
			region{page, "review-time-statuses", "graph.TimeStatusTable", htmlTimeStatuses},
		)
	}
	return rs
}

// run rewrites every region (or, with write false, reports the ones out of
// date) and checks the lists it does not write. It returns the problems
// found; an error means a file could not be read or written or lacks its
// markers.
func run(root string, write bool) ([]string, error) {
	var problems []string
	files := map[string][]string{}
	var order []string
	for _, r := range regions() {
		lines, ok := files[r.path]
		if !ok {
			b, err := os.ReadFile(filepath.Join(root, r.path))
			if err != nil {
				return nil, err
			}
			lines = strings.Split(string(b), "\n")
			order = append(order, r.path)
		}
		updated, changed, err := replaceRegion(lines, r.name, r.render())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.path, err)
		}
		if changed && !write {
			problems = append(problems, fmt.Sprintf("%s: region %s is out of date with %s", r.path, r.name, r.source))
		}
		files[r.path] = updated
	}
	if write {
		for _, path := range order {
			full := filepath.Join(root, path)
			b, err := os.ReadFile(full)
			if err != nil {
				return nil, err
			}
			if s := strings.Join(files[path], "\n"); s != string(b) {
				if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
					return nil, err
				}
			}
		}
	}
	drift, err := checkExplore(root)
	if err != nil {
		return nil, err
	}
	return append(problems, drift...), nil
}

// replaceRegion puts body between the marker lines of region name and
// reports whether that changed anything.
func replaceRegion(lines []string, name string, body []string) ([]string, bool, error) {
	begin, end := -1, -1
	for i, l := range lines {
		switch {
		case strings.Contains(l, "BEGIN GENERATED: "+name+" ") || strings.HasSuffix(l, "BEGIN GENERATED: "+name):
			if begin >= 0 {
				return nil, false, fmt.Errorf("two BEGIN GENERATED: %s markers (lines %d and %d)", name, begin+1, i+1)
			}
			begin = i
		case strings.Contains(l, "END GENERATED: "+name+" ") || strings.HasSuffix(l, "END GENERATED: "+name):
			end = i
		}
	}
	if begin < 0 || end < begin {
		return nil, false, fmt.Errorf("no BEGIN GENERATED: %s … END GENERATED: %s marker lines", name, name)
	}
	if slices.Equal(lines[begin+1:end], body) {
		return lines, false, nil
	}
	out := slices.Concat(lines[:begin+1], body, lines[end:])
	return out, true, nil
}

// The GraphQL enums.

func schemaRelationTypes() []string {
	var rows [][2]string
	for _, r := range graph.RelationTypes {
		rows = append(rows, [2]string{string(r.Type), r.Description()})
	}
	return gqlEnum(`Relationship types (docs/graph-model.md has the table). Direction is always
subject → object. STATE types are standing relations and roles; EVENT types
are things that happen, coded with CAMEO: together they cover all twenty
CAMEO root categories.`, "RelationType", rows)
}

func schemaActorKinds() []string {
	var rows [][2]string
	for _, k := range graph.ActorKindTable {
		rows = append(rows, [2]string{string(k.Kind), sentence(k.Meaning)})
	}
	return gqlEnum("What kind of actor; each kind is also a Neo4j label (`:Militia`).", "ActorKind", rows)
}

func schemaCertainties() []string {
	var rows [][2]string
	for _, c := range graph.CertaintyTable {
		rows = append(rows, [2]string{string(c.Certainty), sentence(c.Meaning)})
	}
	return gqlEnum(`How the article presents the truth of a claim, firmest first. One of a
claim's three modality dimensions, beside `+"`ownStatement` and `conditional`.", "Certainty", rows)
}

func schemaTimeStatuses() []string {
	var rows [][2]string
	for _, st := range graph.TimeStatusTable {
		rows = append(rows, [2]string{string(st.Status), sentence(st.Meaning)})
	}
	return gqlEnum("When what a claim reports holds, relative to the article's publication.", "TimeStatus", rows)
}

func schemaPrecisions() []string {
	var rows [][2]string
	for _, p := range graph.PrecisionTable {
		rows = append(rows, [2]string{string(p.Precision), sentence(p.Meaning)})
	}
	return gqlEnum("How exactly a date the article gives is known.", "DatePrecision", rows)
}

func schemaRelationClasses() []string {
	var rows [][2]string
	for _, c := range graph.RelationClassTable {
		rows = append(rows, [2]string{string(c.Class), sentence(c.Meaning)})
	}
	return gqlEnum("Whether a relation type is a standing relation or an event; it decides how an undated claim is placed in time.", "RelationClass", rows)
}

// gqlEnum writes an enum with a description on it and on every value. A
// description of several lines is a block string.
func gqlEnum(description, name string, values [][2]string) []string {
	var out []string
	if strings.Contains(description, "\n") {
		out = append(out, `"""`)
		out = append(out, strings.Split(description, "\n")...)
		out = append(out, `"""`)
	} else {
		out = append(out, gqlString(description))
	}
	out = append(out, "enum "+name+" {")
	for _, v := range values {
		out = append(out, "  "+gqlString(v[1]), "  "+v[0])
	}
	return append(out, "}")
}

// gqlString quotes s as a GraphQL string.
func gqlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// sentence capitalises a lower-case meaning and ends it with a full stop.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:] + "."
}

// The Markdown tables.

func docActorKinds() []string {
	rows := [][]string{{"kind", "label", "meaning"}}
	for _, k := range graph.ActorKindTable {
		rows = append(rows, []string{code(string(k.Kind)), code(":" + k.Label), k.Meaning})
	}
	return mdTable(rows)
}

func docRelationTypes() []string {
	rows := [][]string{{"type", "class", "CAMEO", "root", "meaning", "label"}}
	for _, r := range graph.RelationTypes {
		cameo, root := "—", "—"
		if r.Cameo != "" {
			cameo, root = r.Cameo, r.CameoRoot()+" "+graph.CameoRoots[r.CameoRoot()]
		}
		rows = append(rows, []string{code(string(r.Type)), string(r.Class), cameo, root, r.Meaning, r.Label})
	}
	return mdTable(rows)
}

func docCertainties() []string {
	rows := [][]string{{"certainty", "count property", "meaning"}}
	for _, c := range graph.CertaintyTable {
		rows = append(rows, []string{code(string(c.Certainty)), code(c.Count), sentence(c.Meaning)})
	}
	return mdTable(rows)
}

func docTimeStatuses() []string {
	rows := [][]string{{"status", "meaning"}}
	for _, st := range graph.TimeStatusTable {
		rows = append(rows, []string{code(string(st.Status)), st.Meaning})
	}
	return mdTable(rows)
}

func docExportFormats() []string {
	rows := [][]string{{"format", "open it in", "tested with", "what it keeps"}}
	for _, f := range export.FormatTable {
		rows = append(rows, []string{code(string(f.Format)), f.For, f.TestedWith, f.Holds})
	}
	return mdTable(rows)
}

func code(s string) string { return "`" + s + "`" }

// mdTable writes a header row, the separator and the other rows.
func mdTable(rows [][]string) []string {
	esc := strings.NewReplacer("|", `\|`, "\n", " ")
	out := make([]string, 0, len(rows)+1)
	for i, r := range rows {
		cells := make([]string, len(r))
		for j, c := range r {
			cells[j] = esc.Replace(c)
		}
		out = append(out, "| "+strings.Join(cells, " | ")+" |")
		if i == 0 {
			out = append(out, "|"+strings.Repeat("---|", len(r)))
		}
	}
	return out
}

// The network view.

func htmlExportFormats() []string {
	var out []string
	for _, f := range export.FormatTable {
		out = append(out, fmt.Sprintf(`    <option value="%s">%s</option>`, html.EscapeString(string(f.Format)), html.EscapeString(f.Menu)))
	}
	return out
}

// The review page's editors: one <option> per value, its meaning as the
// title a pointer or a screen reader shows.

func htmlOption(value, label, meaning string) string {
	return fmt.Sprintf(`<option value="%s" title="%s">%s</option>`, html.EscapeString(value), html.EscapeString(meaning), html.EscapeString(label))
}

func htmlActorKinds() []string {
	var out []string
	for _, k := range graph.ActorKindTable {
		out = append(out, htmlOption(string(k.Kind), k.Label, k.Meaning))
	}
	return out
}

func htmlRelationTypes() []string {
	var out []string
	for _, r := range graph.RelationTypes {
		out = append(out, htmlOption(string(r.Type), string(r.Type)+" ("+r.Label+")", r.Meaning))
	}
	return out
}

func htmlCertainties() []string {
	var out []string
	for _, c := range graph.CertaintyTable {
		out = append(out, htmlOption(string(c.Certainty), string(c.Certainty), c.Meaning))
	}
	return out
}

func htmlTimeStatuses() []string {
	var out []string
	for _, st := range graph.TimeStatusTable {
		out = append(out, htmlOption(string(st.Status), string(st.Status), st.Meaning))
	}
	return out
}

// exploreKey matches a key of one of explore.js's style objects.
var exploreKey = regexp.MustCompile(`^\s+([A-Z][A-Z_]*): \{`)

// checkExplore compares the network view's style objects (KINDS, one
// entry per actor kind, and CERTAINTIES, one per certainty) with the
// tables.
func checkExplore(root string) ([]string, error) {
	const path = "web/src/explore.js"
	b, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		return nil, err
	}
	var problems []string
	for _, c := range []struct {
		object, source string
		want           []string
	}{
		{"KINDS", "graph.ActorKindTable", values(graph.ActorKinds)},
		{"CERTAINTIES", "graph.CertaintyTable", values(graph.Certainties)},
	} {
		keys, err := objectKeys(string(b), c.object)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, w := range c.want {
			if !slices.Contains(keys, w) {
				problems = append(problems, fmt.Sprintf("%s: %s has no entry for %s, which %s lists", path, c.object, w, c.source))
			}
		}
		for _, k := range keys {
			if !slices.Contains(c.want, k) {
				problems = append(problems, fmt.Sprintf("%s: %s has an entry for %s, which %s does not list", path, c.object, k, c.source))
			}
		}
		if len(problems) == 0 && !slices.Equal(keys, c.want) {
			problems = append(problems, fmt.Sprintf("%s: %s lists %v, not in the order of %s (%v)", path, c.object, keys, c.source, c.want))
		}
	}
	return problems, nil
}

// objectKeys returns the top-level keys of `const name = { … };` in js.
func objectKeys(js, name string) ([]string, error) {
	start := strings.Index(js, "const "+name+" = {\n")
	if start < 0 {
		return nil, errors.New("no `const " + name + " = {` object")
	}
	body := js[start:]
	end := strings.Index(body, "\n};")
	if end < 0 {
		return nil, errors.New("the object " + name + " does not end with `};`")
	}
	var keys []string
	for _, l := range strings.Split(body[:end], "\n")[1:] {
		if m := exploreKey.FindStringSubmatch(l); m != nil {
			keys = append(keys, m[1])
		}
	}
	return keys, nil
}

// values returns the values of a closed set as strings.
func values[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
