package loaders

import (
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

// A Document is a claims file built in memory instead of read from disk:
// the API's commitArticle builds one from its input, so that an article
// sent over GraphQL is checked by exactly the rules, and with the messages,
// that `actorgraph check` applies to a file. Its nodes are the same tree a
// claims file parses to; where a file's node has a line, a Document's has
// a path (`claims[3].objectText`), and its problems carry that path.
//
// The builder methods return nodes to assemble with Map and Seq; each takes
// the path the node is reported under.
type Document struct {
	paths []string
}

func (d *Document) at(path string, n *yaml.Node) *yaml.Node {
	d.paths = append(d.paths, path)
	n.Line = len(d.paths)
	return n
}

// Str is a string value.
func (d *Document) Str(path, v string) *yaml.Node {
	return d.at(path, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v})
}

// OptStr is a string value, or nil (the key is left out) for nil.
func (d *Document) OptStr(path string, v *string) *yaml.Node {
	if v == nil {
		return nil
	}
	return d.Str(path, *v)
}

// OptInt is an integer value, or nil for nil.
func (d *Document) OptInt(path string, v *int) *yaml.Node {
	if v == nil {
		return nil
	}
	return d.at(path, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(*v)})
}

// Bool is a boolean value.
func (d *Document) Bool(path string, v bool) *yaml.Node {
	return d.at(path, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)})
}

// Field is one key of a mapping and the path of its value.
type Field struct {
	Key   string
	Value *yaml.Node // nil leaves the key out
}

// Map is a mapping of the fields whose Value is not nil.
func (d *Document) Map(path string, fields ...Field) *yaml.Node {
	n := d.at(path, &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"})
	for _, f := range fields {
		if f.Value == nil {
			continue
		}
		k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.Key, Line: f.Value.Line}
		n.Content = append(n.Content, k, f.Value)
	}
	return n
}

// Seq is a list.
func (d *Document) Seq(path string, items []*yaml.Node) *yaml.Node {
	n := d.at(path, &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"})
	n.Content = items
	return n
}

// Known resolves a reference a document does not declare to an actor of
// the graph: it returns the actor id a name, alias or id (under
// graph.NameKey) names, and whether there is one.
type Known func(key string) (id string, ok bool)

// ParseDocument checks a Document's root mapping (format, article,
// actors, claims, as in a claims file; the article's `file` is read
// through text) and returns what a file with the same content would
// load. References a document does not declare are resolved by known
// (nil: none). Its problems carry paths, not lines.
func ParseDocument(d *Document, root *yaml.Node, text func(name string) ([]byte, error), known Known) (graph.ArticleLoad, error) {
	return parse(&problems{paths: d.paths}, root, text, known)
}

// ParseActors checks a Document's list of actors by the rules of a claims
// file's `actors` (ids, names, kinds, aliases, one actor per name) and
// returns them.
func ParseActors(d *Document, n *yaml.Node) ([]graph.Actor, error) {
	p := &parser{ps: &problems{paths: d.paths}, byRef: map[string]string{}, refLine: map[string]int{}}
	p.actors(n)
	return p.load.Actors, p.ps.err()
}
