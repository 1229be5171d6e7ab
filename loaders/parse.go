package loaders

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

// ParseFile reads and validates one claims file and the article text it
// names (relative to the claims file's folder).
func ParseFile(path string) (graph.ArticleLoad, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return graph.ArticleLoad{}, &ValidationError{Problems: []Problem{{File: path, Msg: fmt.Sprintf("cannot read: %v", unwrapPathErr(err))}}}
	}
	dir := filepath.Dir(path)
	return Parse(path, data, func(name string) ([]byte, error) {
		if filepath.IsAbs(name) {
			return os.ReadFile(name)
		}
		return os.ReadFile(filepath.Join(dir, name))
	})
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse validates a claims file's contents. name is used in problems;
// readText returns the article text for the file name the claims file gives.
func Parse(name string, data []byte, readText func(string) ([]byte, error)) (graph.ArticleLoad, error) {
	ps := &problems{file: name}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		ps.add(yamlErrLine(err), "malformed YAML: %s", yamlErrMsg(err))
		return graph.ArticleLoad{}, ps.err()
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		ps.add(extra.Line, "malformed YAML: more than one document in the file")
		return graph.ArticleLoad{}, ps.err()
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	top := fields(ps, doc, "the file", []string{"article", "actors", "claims"}, []string{"article", "actors", "claims"})
	if top == nil {
		return graph.ArticleLoad{}, ps.err()
	}
	p := &parser{ps: ps, byRef: map[string]string{}, refLine: map[string]int{}}
	p.article(top["article"], readText)
	p.actors(top["actors"])
	p.claims(top["claims"])
	if err := ps.err(); err != nil {
		return graph.ArticleLoad{}, err
	}
	return p.load, nil
}

// parser holds the state of one file's validation.
type parser struct {
	ps      *problems
	load    graph.ArticleLoad
	text    string            // the article text; "" if it could not be read
	byRef   map[string]string // normalised id, name or alias → actor id
	refLine map[string]int    // where each reference was declared
}

var (
	slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	// yaml.v3 errors read "yaml: line N: message".
	yamlLineRE   = regexp.MustCompile(`line (\d+)`)
	yamlPrefixRE = regexp.MustCompile(`^line \d+: `)
)

func (p *parser) article(n *yaml.Node, readText func(string) ([]byte, error)) {
	f := fields(p.ps, n, "article", []string{"id", "title", "file", "dateline", "source", "url", "publishedAt"}, []string{"id", "title", "file"})
	if f == nil {
		return
	}
	a := &p.load.Article
	a.ID = p.slug(f["id"], "article id")
	a.Title = p.str(f["title"], "article title", true)
	a.Dateline = p.str(f["dateline"], "dateline", false)
	a.Source = p.str(f["source"], "source", false)
	a.URL = p.str(f["url"], "url", false)
	if a.PublishedAt = p.str(f["publishedAt"], "publishedAt", false); a.PublishedAt != "" && !dateRE.MatchString(a.PublishedAt) {
		p.ps.add(f["publishedAt"].Line, "publishedAt %q is not a date (YYYY-MM-DD)", a.PublishedAt)
	}
	file := p.str(f["file"], "article file", true)
	if file == "" {
		return
	}
	data, err := readText(file)
	switch {
	case err != nil:
		p.ps.add(f["file"].Line, "cannot read article text %q: %v", file, unwrapPathErr(err))
	case !utf8.Valid(data):
		p.ps.add(f["file"].Line, "article text %q is not valid UTF-8", file)
	case len(bytes.TrimSpace(data)) == 0:
		p.ps.add(f["file"].Line, "article text %q is empty", file)
	default:
		p.text, a.Text = string(data), string(data)
	}
}

func (p *parser) actors(n *yaml.Node) {
	if !p.seq(n, "actors") {
		return
	}
	ids := map[string]int{}
	for _, item := range n.Content {
		f := fields(p.ps, item, "actor", []string{"id", "name", "kind", "aliases", "description"}, []string{"id", "name", "kind"})
		if f == nil {
			continue
		}
		a := graph.Actor{
			ID:          p.slug(f["id"], "actor id"),
			Name:        p.str(f["name"], "actor name", true),
			Description: p.str(f["description"], "description", false),
		}
		if k := p.str(f["kind"], "kind", true); k != "" {
			if a.Kind = graph.ActorKind(k); !a.Kind.Valid() {
				p.ps.add(f["kind"].Line, "unknown actor kind %q (want one of %s)", k, kindList())
			}
		}
		if a.ID != "" {
			if prev, dup := ids[a.ID]; dup {
				p.ps.add(f["id"].Line, "duplicate actor id %q (first declared on line %d)", a.ID, prev)
			}
			ids[a.ID] = f["id"].Line
		}
		p.ref(a.ID, a.ID, f["id"])
		p.ref(a.Name, a.ID, f["name"])
		if an := f["aliases"]; p.seq(an, "aliases") {
			for _, item := range an.Content {
				if al := p.str(item, "alias", true); al != "" {
					a.Aliases = append(a.Aliases, al)
					p.ref(al, a.ID, item)
				}
			}
		}
		p.load.Actors = append(p.load.Actors, a)
	}
}

// ref registers a name under which an actor can be referred to; the same
// name may not point at two actors.
func (p *parser) ref(name, id string, n *yaml.Node) {
	k := normRef(name)
	if k == "" || id == "" {
		return
	}
	if other, ok := p.byRef[k]; ok && other != id {
		p.ps.add(n.Line, "name or alias %q is ambiguous: it already refers to actor %q (line %d)", name, other, p.refLine[k])
		return
	}
	if _, ok := p.byRef[k]; !ok {
		p.byRef[k], p.refLine[k] = id, n.Line
	}
}

// normRef folds case and white space so references match loosely.
func normRef(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// resolve returns the actor id a reference names, or reports it.
func (p *parser) resolve(n *yaml.Node, what string) (id, text string) {
	text = p.str(n, what, true)
	if text == "" {
		return "", ""
	}
	id, ok := p.byRef[normRef(text)]
	if !ok {
		p.ps.add(n.Line, "unknown actor or alias %q in %s", text, what)
	}
	return id, text
}

func (p *parser) claims(n *yaml.Node) {
	if !p.seq(n, "claims") {
		return
	}
	if len(n.Content) == 0 {
		p.ps.add(n.Line, "claims is empty: a claims file needs at least one claim")
	}
	ids := map[string]int{}
	for _, item := range n.Content {
		f := fields(p.ps, item, "claim",
			[]string{"id", "subject", "relation", "object", "modality", "attributedTo", "quote", "note"},
			[]string{"id", "subject", "relation", "object", "modality", "quote"})
		if f == nil {
			continue
		}
		key := p.slug(f["id"], "claim id")
		if key != "" {
			if prev, dup := ids[key]; dup {
				p.ps.add(f["id"].Line, "duplicate claim id %q (first used on line %d)", key, prev)
			}
			ids[key] = f["id"].Line
		}
		c := graph.Claim{ArticleID: p.load.Article.ID, ID: p.load.Article.ID + "/" + key, Note: p.str(f["note"], "note", false)}
		c.SubjectID, c.SubjectText = p.resolve(f["subject"], "subject")
		c.ObjectID, c.ObjectText = p.resolve(f["object"], "object")
		if c.SubjectID != "" && c.SubjectID == c.ObjectID {
			p.ps.add(f["object"].Line, "subject and object are the same actor %q", c.SubjectID)
		}
		if r := p.str(f["relation"], "relation", true); r != "" {
			if c.Relation = graph.RelationType(r); !c.Relation.Valid() {
				p.ps.add(f["relation"].Line, "unknown relation type %q", r)
			}
		}
		if m := p.str(f["modality"], "modality", true); m != "" {
			if c.Modality = graph.Modality(m); !c.Modality.Valid() {
				p.ps.add(f["modality"].Line, "unknown modality %q (want one of %s)", m, modalityList())
			}
		}
		if w := f["attributedTo"]; w != nil && normRef(w.Value) != "article" {
			c.AttributedToID, _ = p.resolve(w, "attributedTo")
		}
		c.Quote = p.str(f["quote"], "quote", true)
		p.locate(&c, f["quote"])
		p.load.Claims = append(p.load.Claims, c)
	}
}

// locate sets the quote's offsets, in code points, or reports that the
// quote is not in the text.
func (p *parser) locate(c *graph.Claim, n *yaml.Node) {
	if c.Quote == "" || p.text == "" {
		return
	}
	i := strings.Index(p.text, c.Quote)
	if i < 0 {
		msg := "quote not found verbatim in the article text"
		if strings.Contains(normText(p.text), normText(c.Quote)) {
			msg += " (it differs only in quotation marks, apostrophes, dashes or white space)"
		}
		p.ps.add(n.Line, "%s: %q", msg, abbreviate(c.Quote, 80))
		return
	}
	c.Start = utf8.RuneCountInString(p.text[:i])
	c.End = c.Start + utf8.RuneCountInString(c.Quote)
}

var typographic = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-")

func normText(s string) string { return strings.Join(strings.Fields(typographic.Replace(s)), " ") }

func abbreviate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// yamlErrLine pulls the line number out of a yaml.v3 error, or 0.
func yamlErrLine(err error) int {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func yamlErrMsg(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	return yamlPrefixRE.ReplaceAllString(s, "")
}
