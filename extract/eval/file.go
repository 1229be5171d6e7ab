package eval

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/evidence"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

// File is a claims file (format 2) read for evaluation.
//
// It is read leniently: a claim the loader would refuse (a quote not at its
// offset, an actor reference the file does not declare) is kept, so that a
// faulty draft is measured rather than refused, and the loader's verdict is
// kept beside it in LoaderProblems. What makes a file impossible to compare
// (unreadable, not YAML, not format 2, no readable article text) is an
// error instead.
type File struct {
	// Path is the claims file as given.
	Path string
	// ArticleID is the article's id; ArticlePath the article text's path
	// (relative paths resolved against the claims file's folder).
	ArticleID, ArticlePath string
	// Text is the article text.
	Text *evidence.Text
	// Actors are the declared actors, then one pseudo-actor (Undeclared)
	// per reference to an actor the file does not declare.
	Actors []Actor
	// Claims are the claims in file order.
	Claims []Claim
	// LoaderProblems is what loaders.Parse says is wrong with the file; nil
	// when the loader accepts it.
	LoaderProblems []loaders.Problem
}

// Actor is an actor a claims file declares or refers to.
type Actor struct {
	ID, Name string
	Kind     graph.ActorKind
	Aliases  []string
	// Undeclared marks a name a claim uses that no declared actor has:
	// its ID is "?" and the name's key, and it has no aliases.
	Undeclared bool
}

// forms are the names an actor goes by: its name and aliases.
func (a Actor) forms() []string { return append([]string{a.Name}, a.Aliases...) }

// Claim is one claim of a claims file, with its actor references resolved
// to the file's actor ids.
type Claim struct {
	// Key is the claim's id in the file; Line the line it starts on.
	Key  string
	Line int
	// Subject and Object are actor ids of the file (see File.Actors).
	Subject, Object string
	Relation        graph.RelationType
	Certainty       graph.Certainty
	OwnStatement    bool
	// Conditional is true when the claim has a `condition`.
	Conditional bool
	// AttributedTo is an actor id of the file, or "" for the article's own
	// voice.
	AttributedTo string
	// Quote is the quote as written; HasStart whether the claim gives a
	// `start`, Start its value.
	Quote    string
	HasStart bool
	Start    int
	// Exact reports whether the quote occurs verbatim at Start.
	Exact bool
	// Span is where the quote is: at Start when Exact, else its first
	// occurrence; Found is false when it occurs nowhere.
	Span  evidence.Span
	Found bool
	// Draft is the claim's `draft` flag.
	Draft bool
}

// rawFile is the part of a claims file evaluation reads; unknown keys are
// the loader's business (LoaderProblems).
type rawFile struct {
	Format  string `yaml:"format"`
	Article struct {
		ID   string `yaml:"id"`
		File string `yaml:"file"`
	} `yaml:"article"`
	Actors []struct {
		ID      string   `yaml:"id"`
		Name    string   `yaml:"name"`
		Kind    string   `yaml:"kind"`
		Aliases []string `yaml:"aliases"`
	} `yaml:"actors"`
	Claims []yaml.Node `yaml:"claims"`
}

type rawClaim struct {
	ID           string  `yaml:"id"`
	Subject      string  `yaml:"subject"`
	Relation     string  `yaml:"relation"`
	Object       string  `yaml:"object"`
	Certainty    string  `yaml:"certainty"`
	OwnStatement bool    `yaml:"ownStatement"`
	Condition    *string `yaml:"condition"`
	AttributedTo string  `yaml:"attributedTo"`
	Quote        string  `yaml:"quote"`
	Start        *int    `yaml:"start"`
	Draft        bool    `yaml:"draft"`
}

// ReadFile reads a claims file and the article text it names (relative
// to the claims file's folder).
func ReadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", path, unwrapPathErr(err))
	}
	dir := filepath.Dir(path)
	return Parse(path, data, func(name string) (string, []byte, error) {
		if !filepath.IsAbs(name) {
			name = filepath.Join(dir, name)
		}
		b, err := os.ReadFile(name)
		return name, b, err
	})
}

// Parse reads a claims file's contents, as loaders.Parse does: path names
// it in errors; readText returns the article text for the file name the
// claims file gives, and the path it read it from (for messages).
func Parse(path string, data []byte, readText func(name string) (string, []byte, error)) (*File, error) {
	var raw rawFile
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: not a claims file: %v", path, err)
	}
	switch {
	case raw.Format == "":
		return nil, fmt.Errorf("%s: not a claims file in format %s (no `format`; convert a format-1 file with `actorgraph migrate claims`)", path, loaders.Format)
	case raw.Format != loaders.Format:
		return nil, fmt.Errorf("%s: unknown claims file format %q (this version reads format %s)", path, raw.Format, loaders.Format)
	case raw.Article.File == "":
		return nil, fmt.Errorf("%s: the article has no `file`: there is no text to compare", path)
	}
	f := &File{Path: path, ArticleID: raw.Article.ID}
	var text []byte
	var err error
	f.ArticlePath, text, err = readText(raw.Article.File)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: cannot read the article text %s: %w", path, f.ArticlePath, unwrapPathErr(err))
	case !utf8.Valid(text):
		return nil, fmt.Errorf("%s: the article text %s is not valid UTF-8", path, f.ArticlePath)
	case len(bytes.TrimSpace(text)) == 0:
		return nil, fmt.Errorf("%s: the article text %s is empty", path, f.ArticlePath)
	}
	f.Text = evidence.NewText(string(text))

	// The loader's verdict, on the same bytes and the same article text.
	if _, err := loaders.Parse(path, data, func(string) ([]byte, error) { return text, nil }); err != nil {
		var ve *loaders.ValidationError
		if !errors.As(err, &ve) {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		f.LoaderProblems = ve.Problems
	}

	refs := map[string]string{} // graph.NameKey of id, name or alias → actor id; first wins, as in the loader
	for _, a := range raw.Actors {
		act := Actor{ID: a.ID, Name: a.Name, Kind: graph.ActorKind(a.Kind), Aliases: a.Aliases}
		f.Actors = append(f.Actors, act)
		for _, form := range append([]string{a.ID}, act.forms()...) {
			if k := graph.NameKey(form); k != "" && a.ID != "" {
				if _, taken := refs[k]; !taken {
					refs[k] = a.ID
				}
			}
		}
	}
	resolve := func(ref string) string {
		k := graph.NameKey(ref)
		if k == "" {
			return ""
		}
		if id, ok := refs[k]; ok {
			return id
		}
		id := "?" + k
		refs[k] = id
		f.Actors = append(f.Actors, Actor{ID: id, Name: ref, Undeclared: true})
		return id
	}
	for i := range raw.Claims {
		n := &raw.Claims[i]
		var rc rawClaim
		if err := n.Decode(&rc); err != nil {
			return nil, fmt.Errorf("%s:%d: claim: %v", path, n.Line, err)
		}
		c := Claim{
			Key: rc.ID, Line: n.Line,
			Subject: resolve(rc.Subject), Object: resolve(rc.Object),
			Relation: graph.RelationType(rc.Relation), Certainty: graph.Certainty(rc.Certainty),
			OwnStatement: rc.OwnStatement, Conditional: rc.Condition != nil,
			Quote: rc.Quote, Draft: rc.Draft,
		}
		if graph.NameKey(rc.AttributedTo) != "article" {
			c.AttributedTo = resolve(rc.AttributedTo)
		}
		if rc.Start != nil {
			c.HasStart, c.Start = true, *rc.Start
			if sp, ok := f.Text.At(c.Quote, c.Start); ok && c.Quote != "" {
				c.Span, c.Exact = sp, true
			}
		}
		if !c.Exact && c.Quote != "" {
			// As the loader places a quote without `start`: its first
			// occurrence.
			if i := strings.Index(f.Text.String(), c.Quote); i >= 0 {
				start := utf8.RuneCountInString(f.Text.String()[:i])
				c.Span = evidence.Span{Start: start, End: start + utf8.RuneCountInString(c.Quote)}
				c.Found = true
			}
		}
		c.Found = c.Found || c.Exact
		f.Claims = append(f.Claims, c)
	}
	return f, nil
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
