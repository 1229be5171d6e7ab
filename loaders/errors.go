package loaders

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a claims file.
type Problem struct {
	File string // path of the file, as given; "" for a Document
	Line int    // 1-based line, 0 when the problem concerns the whole file
	// Path locates the problem in a Document (`claims[3].objectText`);
	// "" in a file, or for the document as a whole.
	Path string
	Msg  string
}

func (p Problem) String() string {
	if p.File == "" {
		if p.Path == "" {
			return p.Msg
		}
		return p.Path + ": " + p.Msg
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// maxProblems caps how many problems one validation reports.
const maxProblems = 100

// ValidationError lists every problem found; it is returned instead of
// writing anything.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// problems collects problems for one file or Document.
type problems struct {
	file string
	// paths, for a Document, turns a node's Line into its path.
	paths []string
	list  []Problem
}

func (ps *problems) add(line int, format string, args ...any) {
	if len(ps.list) >= maxProblems {
		return
	}
	p := Problem{File: ps.file, Line: line, Msg: fmt.Sprintf(format, args...)}
	if ps.paths != nil {
		p.Line = 0
		if line > 0 && line <= len(ps.paths) {
			p.Path = ps.paths[line-1]
		}
	}
	ps.list = append(ps.list, p)
}

// at names where a node is, for a message that points at another place:
// "line 12" in a file, "claims[3].key" in a Document.
func (ps *problems) at(line int) string {
	if ps.paths != nil && line > 0 && line <= len(ps.paths) {
		return ps.paths[line-1]
	}
	return fmt.Sprintf("line %d", line)
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps.list}
}
