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

	"github.com/actorgraph/actorgraph/evidence"
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
	return parse(ps, doc, readText, nil)
}

// parse validates a claims document's root mapping: a file's or a
// Document's. known resolves references the document does not declare.
func parse(ps *problems, doc *yaml.Node, readText func(string) ([]byte, error), known Known) (graph.ArticleLoad, error) {
	name := ps.file
	if doc.Kind == yaml.MappingNode && formatOf(doc) == "" && usesModality(doc) {
		ps.add(doc.Line, "this claims file is in format 1 (one `modality` per claim); convert it with `actorgraph migrate claims %s`, then review the conditions it asks for", name)
		return graph.ArticleLoad{}, ps.err()
	}
	top := fields(ps, doc, "the file", fileKeys, fileKeys)
	if top == nil {
		return graph.ArticleLoad{}, ps.err()
	}
	if n := top["format"]; n != nil && n.Value != Format {
		ps.add(n.Line, "unknown claims file format %q (this version reads format %s)", n.Value, Format)
		return graph.ArticleLoad{}, ps.err()
	}
	p := &parser{ps: ps, byRef: map[string]string{}, refLine: map[string]int{}, known: known}
	p.article(top["article"], readText)
	p.actors(top["actors"])
	p.claims(top["claims"])
	if err := ps.err(); err != nil {
		return graph.ArticleLoad{}, err
	}
	return p.load, nil
}

// Format is the claims file format this version reads and writes.
const Format = "2"

// formatOf returns the file's `format` value, or "".
func formatOf(doc *yaml.Node) string {
	if n := value(doc, "format"); n != nil {
		return n.Value
	}
	return ""
}

// usesModality reports whether any claim has a format-1 `modality` key.
func usesModality(doc *yaml.Node) bool {
	claims := value(doc, "claims")
	if claims == nil || claims.Kind != yaml.SequenceNode {
		return false
	}
	for _, c := range claims.Content {
		if c.Kind == yaml.MappingNode && value(c, "modality") != nil {
			return true
		}
	}
	return false
}

// parser holds the state of one file's validation.
type parser struct {
	ps      *problems
	load    graph.ArticleLoad
	text    *evidence.Text    // the article text; nil if it could not be read
	byRef   map[string]string // normalised id, name or alias → actor id
	refLine map[string]int    // where each reference was declared
	known   Known             // resolves references the document does not declare; nil for a file
}

var (
	slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	// yaml.v3 errors read "yaml: line N: message".
	yamlLineRE   = regexp.MustCompile(`line (\d+)`)
	yamlPrefixRE = regexp.MustCompile(`^line \d+: `)
)

// Unknown is the value of publishedAt for an article whose date is not
// known.
const Unknown = "unknown"

func (p *parser) article(n *yaml.Node, readText func(string) ([]byte, error)) {
	f := fields(p.ps, n, "article", articleKeys, []string{"id", "title", "file", "publishedAt"})
	if f == nil {
		return
	}
	a := &p.load.Article
	a.ID = p.slug(f["id"], "article id")
	a.Title = p.str(f["title"], "article title", true)
	a.Dateline = p.str(f["dateline"], "dateline", false)
	a.Source = p.str(f["source"], "source", false)
	a.URL = p.str(f["url"], "url", false)
	a.Note = p.str(f["note"], "note", false)
	switch d := p.str(f["publishedAt"], "publishedAt", true); {
	case d == Unknown:
	case d == "":
	case !dateRE.MatchString(d):
		p.ps.add(f["publishedAt"].Line, "publishedAt %q is not a date (YYYY-MM-DD) or %q", d, Unknown)
	default:
		if _, _, _, err := graph.ParsePartialDate(d); err != nil {
			p.ps.add(f["publishedAt"].Line, "publishedAt: %v", err)
		} else {
			a.PublishedAt = d
		}
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
		p.text, a.Text = evidence.NewText(string(data)), string(data)
	}
}

func (p *parser) actors(n *yaml.Node) {
	if !p.seq(n, "actors") {
		return
	}
	ids := map[string]int{}
	for _, item := range n.Content {
		f := fields(p.ps, item, "actor", actorKeys, []string{"id", "name", "kind"})
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
				p.ps.add(f["id"].Line, "duplicate actor id %q (first declared on %s)", a.ID, p.ps.at(prev))
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
	k := graph.NameKey(name)
	if k == "" || id == "" {
		return
	}
	if other, ok := p.byRef[k]; ok && other != id {
		p.ps.add(n.Line, "name or alias %q of actor %q is also a name or alias of actor %q (%s): an alias may name one actor only", name, id, other, p.ps.at(p.refLine[k]))
		return
	}
	if _, ok := p.byRef[k]; !ok {
		p.byRef[k], p.refLine[k] = id, n.Line
	}
}

// resolve returns the actor id a reference names, or reports it.
func (p *parser) resolve(n *yaml.Node, what string) (id, text string) {
	text = p.str(n, what, true)
	if text == "" {
		return "", ""
	}
	id, ok := p.byRef[graph.NameKey(text)]
	if !ok && p.known != nil {
		id, ok = p.known(graph.NameKey(text))
	}
	if !ok {
		p.ps.add(n.Line, "unknown actor or alias %q in %s", text, what)
	}
	return id, text
}

// The keys each part of a claims file may have: the parser's closed sets,
// which the writers' File types (file.go) must match; TestFileKeys checks.
var (
	fileKeys    = []string{"format", "article", "actors", "claims"}
	articleKeys = []string{"id", "title", "file", "dateline", "source", "url", "publishedAt", "note"}
	actorKeys   = []string{"id", "name", "kind", "aliases", "description"}
	timeKeys    = []string{"status", "cue", "from", "to"}
)

// claimKeys are the keys a claim may have.
var claimKeys = []string{
	"id", "subject", "subjectText", "subjectStart", "relation", "object", "objectText", "objectStart",
	"certainty", "ownStatement", "condition", "time", "attributedTo", "quote", "start", "note", "draft", "confidence",
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
		f := fields(p.ps, item, "claim", claimKeys, []string{"id", "subject", "relation", "object", "certainty", "quote"})
		if f == nil {
			continue
		}
		key := p.slug(f["id"], "claim id")
		if key != "" {
			if prev, dup := ids[key]; dup {
				p.ps.add(f["id"].Line, "duplicate claim id %q (first used on %s)", key, p.ps.at(prev))
			}
			ids[key] = f["id"].Line
		}
		c := graph.Claim{ArticleID: p.load.Article.ID, ID: p.load.Article.ID + "/" + key, Note: p.str(f["note"], "note", false)}
		var subject, object string
		c.SubjectID, subject = p.resolve(f["subject"], "subject")
		c.ObjectID, object = p.resolve(f["object"], "object")
		if c.SubjectID != "" && c.SubjectID == c.ObjectID {
			p.ps.add(f["object"].Line, "subject and object are the same actor %q", c.SubjectID)
		}
		if r := p.str(f["relation"], "relation", true); r != "" {
			if c.Relation = graph.RelationType(r); !c.Relation.Valid() {
				p.ps.add(f["relation"].Line, "unknown relation type %q (docs/graph-model.md lists them)", r)
			}
		}
		if v := p.str(f["certainty"], "certainty", true); v != "" {
			if c.Certainty = graph.Certainty(v); !c.Certainty.Valid() {
				p.ps.add(f["certainty"].Line, "unknown certainty %q (want one of %s)", v, certaintyList())
			}
		}
		c.OwnStatement = p.boolean(f["ownStatement"], "ownStatement")
		c.Draft = p.boolean(f["draft"], "draft")
		c.Confidence = p.fraction(f["confidence"], "confidence")
		if w := f["attributedTo"]; w != nil && graph.NameKey(w.Value) != "article" {
			c.AttributedToID, _ = p.resolve(w, "attributedTo")
		}
		c.Source = graph.SourceOf(c.AttributedToID, p.load.Article.ID, p.load.Article.Source)
		c.Quote = p.str(f["quote"], "quote", true)
		if !p.locateQuote(&c, f["quote"], f["start"]) {
			p.load.Claims = append(p.load.Claims, c)
			continue
		}
		quote := evidence.Span{Start: c.Start, End: c.End}
		c.SubjectText = p.mention(f["subjectText"], f["subject"], subject, "subject")
		c.SubjectSpan = p.span(c.SubjectText, quote, f["subjectStart"], orNode(f["subjectText"], f["subject"]), "subjectText")
		c.ObjectText = p.mention(f["objectText"], f["object"], object, "object")
		c.ObjectSpan = p.span(c.ObjectText, quote, f["objectStart"], orNode(f["objectText"], f["object"]), "objectText")
		if cn := f["condition"]; cn != nil {
			c.Conditional = true
			if c.Condition = p.str(cn, "condition", true); c.Condition != "" {
				c.ConditionSpan = p.span(c.Condition, quote, nil, cn, "condition")
			}
		}
		p.time(&c, f["time"], quote)
		if sent, ok := p.text.SentenceAt(c.Start); ok {
			c.Sentence = graph.Span(sent)
		}
		p.load.Claims = append(p.load.Claims, c)
	}
}

// mention returns the words a claim uses for its subject or object: the
// explicit text, or the reference itself.
func (p *parser) mention(text, ref *yaml.Node, refText, what string) string {
	if text != nil {
		return p.str(text, what+"Text", true)
	}
	return refText
}

func orNode(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}

// span finds phrase in the article near the quote (evidence.Text.Locate),
// or at the given offset, and reports it where absent.
func (p *parser) span(phrase string, quote evidence.Span, at, n *yaml.Node, what string) graph.Span {
	if phrase == "" || n == nil {
		return graph.Span{}
	}
	if at != nil {
		i, ok := p.offset(at, what+" offset")
		if !ok {
			return graph.Span{}
		}
		sp, ok := p.text.At(phrase, i)
		if !ok {
			p.ps.add(at.Line, "%s %q is not at offset %d (the text there is %q)", what, phrase, i, abbreviate(p.text.Slice(evidence.Span{Start: i, End: i + sp.Len()}), 80))
			return graph.Span{}
		}
		return graph.Span(sp)
	}
	sp, _, ok := p.text.Locate(phrase, quote)
	if !ok {
		p.ps.add(n.Line, "%s %q does not occur in the article text%s", what, abbreviate(phrase, 80), p.nearMiss(phrase))
		return graph.Span{}
	}
	return graph.Span(sp)
}

func (p *parser) nearMiss(phrase string) string {
	if p.text.NearMiss(phrase) {
		return " (it differs only in quotation marks, apostrophes, dashes or white space)"
	}
	return ""
}

// locateQuote sets the quote's offsets, in code points: at the given start
// if any, otherwise its first occurrence. It reports a quote that is not
// in the text and returns whether the quote was found.
func (p *parser) locateQuote(c *graph.Claim, n, at *yaml.Node) bool {
	if c.Quote == "" || p.text == nil {
		return false
	}
	if at != nil {
		i, ok := p.offset(at, "start")
		if !ok {
			return false
		}
		sp, ok := p.text.At(c.Quote, i)
		if !ok {
			p.ps.add(at.Line, "the quote is not at offset %d: %q", i, abbreviate(c.Quote, 80))
			return false
		}
		c.Start, c.End = sp.Start, sp.End
		return true
	}
	i := strings.Index(p.text.String(), c.Quote)
	if i < 0 {
		msg := "quote not found verbatim in the article text"
		if strings.Contains(evidence.Fold(p.text.String()), evidence.Fold(c.Quote)) {
			msg += " (it differs only in quotation marks, apostrophes, dashes or white space)"
		}
		p.ps.add(n.Line, "%s: %q", msg, abbreviate(c.Quote, 80))
		return false
	}
	c.Start = utf8.RuneCountInString(p.text.String()[:i])
	c.End = c.Start + utf8.RuneCountInString(c.Quote)
	return true
}

// time reads a claim's `time` mapping and derives its interval.
func (p *parser) time(c *graph.Claim, n *yaml.Node, quote evidence.Span) {
	c.Time.Status = graph.Ongoing
	if n != nil {
		f := fields(p.ps, n, "time", timeKeys, nil)
		if f == nil {
			return
		}
		if v := p.str(f["status"], "time status", false); v != "" {
			if c.Time.Status = graph.TimeStatus(v); !c.Time.Status.Valid() {
				p.ps.add(f["status"].Line, "unknown time status %q (want PAST, ONGOING or EXPECTED)", v)
			}
		}
		if cue := f["cue"]; cue != nil {
			if c.Time.Cue = p.str(cue, "time cue", true); c.Time.Cue != "" {
				sp := p.span(c.Time.Cue, quote, nil, cue, "time cue")
				c.Time.CueStart, c.Time.CueEnd = sp.Start, sp.End
			}
		}
		var first, last [2]string
		for i, k := range []string{"from", "to"} {
			v := p.str(f[k], "time "+k, false)
			if v == "" {
				continue
			}
			a, b, _, err := graph.ParsePartialDate(v)
			if err != nil {
				p.ps.add(f[k].Line, "time %s: %v", k, err)
				continue
			}
			first[i], last[i] = a, b
			if k == "from" {
				c.Time.From = v
			} else {
				c.Time.To = v
			}
		}
		if first[0] != "" && first[1] != "" && first[0] > last[1] {
			p.ps.add(f["to"].Line, "time to %q is before time from %q", c.Time.To, c.Time.From)
		}
	}
	c.Valid = c.Time.Interval(c.Relation.Info().Class, p.load.Article.PublishedAt)
}

// boolean reads an optional true/false value.
func (p *parser) boolean(n *yaml.Node, what string) bool {
	if n == nil {
		return false
	}
	switch n.Value {
	case "true":
		return true
	case "false":
		return false
	}
	p.ps.add(n.Line, "%s must be true or false, not %q", what, n.Value)
	return false
}

// fraction reads an optional number between 0 and 1.
func (p *parser) fraction(n *yaml.Node, what string) float64 {
	if n == nil {
		return 0
	}
	v, err := strconv.ParseFloat(n.Value, 64)
	if err != nil || v < 0 || v > 1 {
		p.ps.add(n.Line, "%s must be a number between 0 and 1, not %q", what, n.Value)
		return 0
	}
	return v
}

// offset reads a code-point offset into the article text.
func (p *parser) offset(n *yaml.Node, what string) (int, bool) {
	v, err := strconv.Atoi(n.Value)
	if err != nil || v < 0 || v > p.text.Len() {
		p.ps.add(n.Line, "%s must be a code-point offset between 0 and %d, not %q", what, p.text.Len(), n.Value)
		return 0, false
	}
	return v, true
}

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
