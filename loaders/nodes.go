package loaders

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

// fields checks that n is a mapping with only allowed keys and every
// required key, and returns its values by key; nil after reporting otherwise.
func fields(ps *problems, n *yaml.Node, what string, allowed, required []string) map[string]*yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		line := 0
		if n != nil {
			line = n.Line
		}
		ps.add(line, "%s must be a mapping of keys to values", what)
		return nil
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(allowed, k.Value) {
			ps.add(k.Line, "unknown key %q in %s (allowed: %s)", k.Value, what, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			ps.add(k.Line, "key %q appears twice in %s", k.Value, what)
		}
		out[k.Value] = v
	}
	for _, r := range required {
		if _, ok := out[r]; !ok {
			ps.add(n.Line, "%s is missing %q", what, r)
		}
	}
	return out
}

// str returns a scalar string value, reporting other node kinds and, when
// required, empty values. A missing optional node yields "".
func (p *parser) str(n *yaml.Node, what string, required bool) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		if n.Kind != yaml.ScalarNode || required {
			p.ps.add(n.Line, "%s must be a string", what)
		}
		return ""
	}
	v := strings.TrimSpace(n.Value)
	if v == "" && required {
		p.ps.add(n.Line, "%s is empty", what)
	}
	return v
}

// slug returns a required identifier that must be a lowercase slug.
func (p *parser) slug(n *yaml.Node, what string) string {
	v := p.str(n, what, true)
	if v != "" && !slugRE.MatchString(v) {
		p.ps.add(n.Line, "%s %q is not a lowercase slug (letters, digits and single hyphens)", what, v)
		return ""
	}
	return v
}

// seq reports whether n is a sequence, reporting it if not.
func (p *parser) seq(n *yaml.Node, what string) bool {
	if n == nil {
		return false
	}
	if n.Kind != yaml.SequenceNode {
		p.ps.add(n.Line, "%s must be a list", what)
		return false
	}
	return true
}

func kindList() string {
	s := make([]string, len(graph.ActorKinds))
	for i, k := range graph.ActorKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func certaintyList() string {
	s := make([]string, len(graph.Certainties))
	for i, c := range graph.Certainties {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}
