package extract

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

// Draft is a claims file in format 2 (docs/claims-format.md) as the
// extractor writes it: every claim is a draft.
type Draft struct {
	Format  int          `yaml:"format"`
	Article DraftArticle `yaml:"article"`
	Actors  []DraftActor `yaml:"actors"`
	Claims  []DraftClaim `yaml:"claims"`
}

// DraftArticle is the draft's article block.
type DraftArticle struct {
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	File        string `yaml:"file"`
	PublishedAt string `yaml:"publishedAt"`
	Dateline    string `yaml:"dateline,omitempty"`
	Source      string `yaml:"source,omitempty"`
	URL         string `yaml:"url,omitempty"`
	Note        string `yaml:"note,omitempty"`
}

// DraftActor is one actor the draft's claims name.
type DraftActor struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Kind        string   `yaml:"kind"`
	Aliases     []string `yaml:"aliases,flow"`
	Description string   `yaml:"description,omitempty"`
	// Origin is not a claims-file key; the writer puts it in a comment.
	Origin string `yaml:"-"`
}

// DraftTime is a claim's time block.
type DraftTime struct {
	Status string `yaml:"status"`
	Cue    string `yaml:"cue,omitempty"`
	From   string `yaml:"from,omitempty"`
	To     string `yaml:"to,omitempty"`
}

// DraftClaim is one drafted claim.
type DraftClaim struct {
	ID           string     `yaml:"id"`
	Subject      string     `yaml:"subject"`
	SubjectText  string     `yaml:"subjectText"`
	SubjectStart int        `yaml:"subjectStart"`
	Relation     string     `yaml:"relation"`
	Object       string     `yaml:"object"`
	ObjectText   string     `yaml:"objectText"`
	ObjectStart  int        `yaml:"objectStart"`
	Certainty    string     `yaml:"certainty"`
	OwnStatement bool       `yaml:"ownStatement,omitempty"`
	Condition    string     `yaml:"condition,omitempty"`
	Time         *DraftTime `yaml:"time,omitempty"`
	AttributedTo string     `yaml:"attributedTo,omitempty"`
	Quote        string     `yaml:"quote"`
	Start        int        `yaml:"start"`
	Note         string     `yaml:"note,omitempty"`
	Draft        bool       `yaml:"draft"`
	Confidence   float64    `yaml:"confidence"`
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
	if err := node.Encode(d); err != nil {
		return nil, graph.Errorf(graph.EINTERNAL, "encode draft: %v", err)
	}
	// Comment each actor with where it comes from.
	if len(node.Content) == 2*4 || node.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(node.Content); i += 2 {
			if node.Content[i].Value != "actors" {
				continue
			}
			for j, an := range node.Content[i+1].Content {
				if j < len(d.Actors) && d.Actors[j].Origin != "" {
					an.HeadComment = d.Actors[j].Origin
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
