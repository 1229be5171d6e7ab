package extract

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

// Draft is a claims file in format 2 (docs/claims-format.md) as the
// extractor writes it: every claim is a draft (`draft: true`, with its
// confidence and both mentions' offsets), each actor is commented with
// where it comes from, and every actor lists its aliases, in flow style.
type Draft struct {
	loaders.File
	// Origins says, by actor id, where each actor comes from ("in the
	// graph", "from the gazetteer", "proposed: …"). It is no claims-file
	// key: Marshal writes it as a comment above the actor.
	Origins map[string]string
}

// Proposed reports whether the draft proposes the actor id as new.
func (d *Draft) Proposed(id string) bool {
	return strings.HasPrefix(d.Origins[id], "proposed")
}

// Marshal writes the draft as YAML with a header comment.
func (d *Draft) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Draft claims drafted by `actorgraph extract` from %s.\n", d.Article.File)
	fmt.Fprintf(&buf, "# Every claim is `draft: true`: review each (quote, actors, relation, modality),\n")
	fmt.Fprintf(&buf, "# fix or delete it, remove `draft`, then `actorgraph check` and `actorgraph load`.\n")
	fmt.Fprintf(&buf, "# Actors marked `proposed` are new: merge them into existing actors by hand if they are the same.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	var node yaml.Node
	if err := node.Encode(&d.File); err != nil {
		return nil, graph.Errorf(graph.EINTERNAL, "encode draft: %v", err)
	}
	if node.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(node.Content); i += 2 {
			if node.Content[i].Value != "actors" {
				continue
			}
			for j, an := range node.Content[i+1].Content {
				if j < len(d.Actors) {
					draftActorNode(an, d.Origins[d.Actors[j].ID])
				}
			}
		}
	}
	if err := enc.Encode(&node); err != nil {
		return nil, graph.Errorf(graph.EINTERNAL, "encode draft: %v", err)
	}
	if err := enc.Close(); err != nil {
		return nil, graph.Errorf(graph.EINTERNAL, "encode draft: %v", err)
	}
	return buf.Bytes(), nil
}

// draftActorNode dresses one encoded actor as a draft shows it: its
// origin as a comment above it, and its aliases on one line, `[]` when it
// has none, so the reviewer sees where to add them. loaders.FileActor
// leaves empty aliases out, as the export writes them.
func draftActorNode(an *yaml.Node, origin string) {
	if an.Kind != yaml.MappingNode {
		return
	}
	if origin != "" {
		an.HeadComment = origin
	}
	at := -1 // where an absent aliases key goes: after kind
	for k := 0; k+1 < len(an.Content); k += 2 {
		switch an.Content[k].Value {
		case "aliases":
			an.Content[k+1].Style = yaml.FlowStyle
			return
		case "kind":
			at = k + 2
		}
	}
	if at < 0 {
		at = len(an.Content)
	}
	aliases := []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "aliases"},
		{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle},
	}
	an.Content = append(an.Content[:at], append(aliases, an.Content[at:]...)...)
}

// WriteFile writes the draft to path whole or not at all: into a
// temporary file in the same folder, renamed over path once complete.
func WriteFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return graph.Errorf(graph.EINVALID, "%s: cannot write: %v", path, unwrapPath(err))
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp)
		if werr == nil {
			werr = cerr
		}
		return graph.Errorf(graph.EINVALID, "%s: cannot write: %v", path, werr)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return graph.Errorf(graph.EINVALID, "%s: cannot write: %v", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return graph.Errorf(graph.EINVALID, "%s: cannot write: %v", path, unwrapPath(err))
	}
	return nil
}
