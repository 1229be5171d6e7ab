package loaders

import (
	"bytes"
	"fmt"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

// MigrateV1 rewrites a format-1 claims file as format 2, keeping its
// comments and order: it adds `format: 2` and `publishedAt: unknown` where
// the article has no date, and replaces each claim's `modality` with
// `certainty` (and `ownStatement: true` for a party's own statement). A
// conditional threat gets a comment asking for its condition, which format
// 1 never recorded; the file then fails `actorgraph check` until someone
// writes it in, so no claim silently loses its condition. A file that
// already declares a format is returned unchanged with changed == false.
func MigrateV1(name string, data []byte) (out []byte, changed bool, err error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, false, fmt.Errorf("%s: malformed YAML: %v", name, err)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return nil, false, fmt.Errorf("%s: not a claims file (the top level must be a mapping)", name)
	}
	top := root.Content[0]
	if value(top, "format") != nil {
		return data, false, nil
	}
	top.Content = append([]*yaml.Node{scalar("format"), {Kind: yaml.ScalarNode, Tag: "!!int", Value: Format}}, top.Content...)
	if art := value(top, "article"); art != nil && art.Kind == yaml.MappingNode {
		if p := value(art, "publishedAt"); p == nil || p.Value == "" {
			setKey(art, "publishedAt", "unknown", "format 1 had no date: write the publication date, or keep `unknown`")
		}
	}
	claims := value(top, "claims")
	if claims == nil || claims.Kind != yaml.SequenceNode {
		return nil, false, fmt.Errorf("%s: no claims list", name)
	}
	for _, c := range claims.Content {
		if c.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(c.Content); i += 2 {
			k, v := c.Content[i], c.Content[i+1]
			if k.Value != "modality" {
				continue
			}
			w := value(c, "attributedTo")
			attributed := w != nil && graph.NameKey(w.Value) != "article"
			cert, own, cond, err := graph.FromModality(v.Value, attributed)
			if err != nil {
				return nil, false, fmt.Errorf("%s:%d: %v", name, v.Line, err)
			}
			k.Value, v.Value, v.Tag, v.Style = "certainty", string(cert), "!!str", 0
			extra := []*yaml.Node{}
			if own {
				extra = append(extra, scalar("ownStatement"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
			}
			if cond {
				n := scalar("condition")
				n.HeadComment = "format 1 marked this a conditional threat: write the condition's words from the article here"
				extra = append(extra, n, scalar(""))
			}
			c.Content = append(c.Content[:i+2], append(extra, c.Content[i+2:]...)...)
			break
		}
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return nil, false, fmt.Errorf("%s: %v", name, err)
	}
	return b.Bytes(), true, nil
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// value returns the value node of key in a mapping, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// setKey sets key to v in a mapping, adding it with a comment if absent.
func setKey(m *yaml.Node, key, v, comment string) {
	if n := value(m, key); n != nil {
		n.Value, n.Tag = v, "!!str"
		n.LineComment = comment
		return
	}
	k := scalar(key)
	val := scalar(v)
	val.LineComment = comment
	m.Content = append(m.Content, k, val)
}

// RelocateArticleFile rewrites the article file path of a claims file
// that was read from name, so that it still names the same text when the
// file is written into the folder dir.
func RelocateArticleFile(name string, data []byte, dir string) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: malformed YAML: %v", name, err)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not a claims file (the top level must be a mapping)", name)
	}
	art := value(root.Content[0], "article")
	if art == nil || art.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: no article", name)
	}
	f := value(art, "file")
	if f == nil || f.Value == "" || filepath.IsAbs(f.Value) {
		return data, nil
	}
	text, err := filepath.Abs(filepath.Join(filepath.Dir(name), f.Value))
	if err != nil {
		return nil, err
	}
	to, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(to, text)
	if err != nil {
		rel = text
	}
	f.Value = filepath.ToSlash(rel)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return b.Bytes(), nil
}
