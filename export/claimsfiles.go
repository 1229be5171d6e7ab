package export

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	textspan "github.com/actorgraph/actorgraph/evidence"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

// FilesSource is what the claims-files export reads: the articles, their
// claims and their declarations of their actors, a batch of articles at a
// time. The Neo4j store and the in-memory one implement it.
type FilesSource interface {
	ArticleIDs(ctx context.Context) ([]string, error)
	ArticlesByID(ctx context.Context, ids []string) (map[string]graph.Article, error)
	ClaimsOfArticles(ctx context.Context, articleIDs []string) (map[string][]graph.Claim, error)
	Declarations(ctx context.Context, articleIDs []string) (map[string][]graph.Actor, error)
}

// Store is what every export reads: the Neo4j store and the in-memory one.
type Store interface {
	Source
	FilesSource
}

// FilesBatch is how many articles the claims-files export reads at a
// time: what it holds in memory besides the list of article ids.
const FilesBatch = 100

// Names of the two files of each article's folder.
const (
	ClaimsFileName  = "claims.yaml"
	ArticleFileName = "article.txt"
)

// FilesResult counts what a claims-files export wrote.
type FilesResult struct {
	Articles, Claims int
}

// WriteClaimsFiles writes the claims files of the given articles (every
// article when ids is nil) in format 2 (docs/claims-format.md): for each,
// in id order, "<article id>/article.txt" with the article's text and
// "<article id>/claims.yaml" with the article, its declarations of its
// actors (with that article's aliases and description) and its claims,
// each to the writer create returns for the name. `actorgraph load` turns
// the files into the graph they were written from.
//
// The articles are read FilesBatch at a time and each batch is written
// before the next is read, so memory holds one batch, whatever the size of
// the graph. A claim the format cannot express (a conditional claim whose
// condition's words were never recorded; a phrase stored at an offset
// other than the one the loader would find; an actor the article does not
// declare) stops the export with an error naming the claim: nothing is
// lost silently.
func WriteClaimsFiles(ctx context.Context, src FilesSource, ids []string, create func(name string) (io.Writer, error)) (FilesResult, error) {
	var res FilesResult
	if ids == nil {
		var err error
		if ids, err = src.ArticleIDs(ctx); err != nil {
			return res, fmt.Errorf("claims files: articles: %w", err)
		}
	}
	for start := 0; start < len(ids); start += FilesBatch {
		batch := ids[start:min(start+FilesBatch, len(ids))]
		articles, err := src.ArticlesByID(ctx, batch)
		if err != nil {
			return res, fmt.Errorf("claims files: articles: %w", err)
		}
		claims, err := src.ClaimsOfArticles(ctx, batch)
		if err != nil {
			return res, fmt.Errorf("claims files: claims: %w", err)
		}
		decls, err := src.Declarations(ctx, batch)
		if err != nil {
			return res, fmt.Errorf("claims files: actors: %w", err)
		}
		for _, id := range batch {
			a, ok := articles[id]
			if !ok {
				return res, graph.Errorf(graph.ENOTFOUND, "claims files: no article %q", id)
			}
			doc, err := claimsFile(a, decls[id], claims[id])
			if err != nil {
				return res, fmt.Errorf("claims files: article %q: %w", id, err)
			}
			for _, f := range []struct {
				name string
				data []byte
			}{{id + "/" + ArticleFileName, []byte(a.Text)}, {id + "/" + ClaimsFileName, doc}} {
				w, err := create(f.name)
				if err != nil {
					return res, fmt.Errorf("claims files: %s: %w", f.name, err)
				}
				if _, err := w.Write(f.data); err != nil {
					return res, fmt.Errorf("claims files: %s: %w", f.name, err)
				}
			}
			res.Articles++
			res.Claims += len(claims[id])
		}
	}
	return res, nil
}

// ArticlesOf returns the ids of the articles behind the relationships of
// sg, in order: the articles a claims-files export of a neighbourhood
// writes (each whole, with all its claims).
func ArticlesOf(sg graph.Subgraph) []string {
	seen := map[string]bool{}
	for _, e := range sg.Edges {
		for _, id := range e.ArticleIDs {
			seen[id] = true
		}
	}
	return sortedKeys(seen)
}

// filesHeader opens every claims file the export writes.
const filesHeader = "# Written by `actorgraph export --format claims`: the graph's copy of this\n" +
	"# article, its actors and its claims. `actorgraph load` reads it back.\n"

// claimsFile renders one article's claims file. Each claim names its
// subject, object and source by actor id (always a reference the file
// declares) and pins its quote and mentions by offset, so the loader finds
// exactly the spans the graph holds; the condition and the time cue, which
// the format places by searching near the quote, are checked to land where
// the graph has them.
func claimsFile(a graph.Article, decls []graph.Actor, claims []graph.Claim) ([]byte, error) {
	doc := loaders.File{Format: loaders.FormatNumber, Article: loaders.FileArticle{
		ID: a.ID, Title: a.Title, File: ArticleFileName, PublishedAt: a.PublishedAt,
		Dateline: a.Dateline, Source: a.Source, URL: a.URL, Note: a.Note,
	}}
	if doc.Article.PublishedAt == "" {
		doc.Article.PublishedAt = "unknown"
	}
	declared := map[string]bool{}
	doc.Actors = []loaders.FileActor{}
	for _, d := range decls {
		declared[d.ID] = true
		doc.Actors = append(doc.Actors, loaders.FileActor{ID: d.ID, Name: d.Name, Kind: string(d.Kind), Aliases: d.Aliases, Description: d.Description})
	}
	text := textspan.NewText(a.Text)
	doc.Claims = []loaders.FileClaim{}
	for _, c := range claims {
		fc, err := claimEntry(a, c, text, declared)
		if err != nil {
			return nil, fmt.Errorf("claim %q: %w", c.ID, err)
		}
		doc.Claims = append(doc.Claims, fc)
	}
	var b bytes.Buffer
	b.WriteString(filesHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func claimEntry(a graph.Article, c graph.Claim, text *textspan.Text, declared map[string]bool) (loaders.FileClaim, error) {
	key, ok := strings.CutPrefix(c.ID, a.ID+"/")
	if !ok {
		return loaders.FileClaim{}, graph.Errorf(graph.EINVALID, "its id does not start with its article's id")
	}
	for _, ref := range []struct{ what, id string }{{"subject", c.SubjectID}, {"object", c.ObjectID}, {"source", c.AttributedToID}} {
		if ref.id != "" && !declared[ref.id] {
			return loaders.FileClaim{}, graph.Errorf(graph.EINVALID, "its %s %q is not among the actors the article declares", ref.what, ref.id)
		}
	}
	if c.SubjectText == "" || c.ObjectText == "" {
		return loaders.FileClaim{}, graph.Errorf(graph.EINVALID, "the words naming its subject or object were not recorded; the claims format needs them")
	}
	fc := loaders.FileClaim{
		ID: key, Subject: c.SubjectID, SubjectText: c.SubjectText, Relation: string(c.Relation),
		Object: c.ObjectID, ObjectText: c.ObjectText, Certainty: string(c.Certainty), OwnStatement: c.OwnStatement,
		AttributedTo: c.AttributedToID, Quote: c.Quote, Start: c.Start, Note: c.Note, Draft: c.Draft,
	}
	if c.Draft && c.Confidence != 0 {
		// A draft's confidence; 0 is written as no confidence, which the
		// loader reads back as 0.
		fc.Confidence = &c.Confidence
	}
	if c.SubjectSpan.Recorded() {
		fc.SubjectStart = &c.SubjectSpan.Start
	}
	if c.ObjectSpan.Recorded() {
		fc.ObjectStart = &c.ObjectSpan.Start
	}
	quote := textspan.Span{Start: c.Start, End: c.End}
	// located checks that the loader, searching near the quote, finds
	// phrase where the graph has it.
	located := func(what, phrase string, at graph.Span) error {
		sp, _, ok := text.Locate(phrase, quote)
		if !ok || !at.Recorded() || graph.Span(sp) != at {
			return graph.Errorf(graph.EINVALID, "its %s %q is recorded at %d..%d, where the claims format, which finds it near the quote, would not place it", what, phrase, at.Start, at.End)
		}
		return nil
	}
	if c.Conditional {
		if c.Condition == "" {
			return loaders.FileClaim{}, graph.Errorf(graph.EINVALID, "it is conditional, but the condition's words were never recorded (a claim migrated from model 1); a claims file needs them")
		}
		if err := located("condition", c.Condition, c.ConditionSpan); err != nil {
			return loaders.FileClaim{}, err
		}
		fc.Condition = &c.Condition
	}
	t := c.Time
	if t.Cue != "" {
		if err := located("time cue", t.Cue, graph.Span{Start: t.CueStart, End: t.CueEnd}); err != nil {
			return loaders.FileClaim{}, err
		}
	}
	if t.Status != graph.Ongoing && t.Status != "" || t.Cue != "" || t.From != "" || t.To != "" {
		fc.Time = &loaders.FileTime{Status: string(t.StatusOrOngoing()), Cue: t.Cue, From: t.From, To: t.To}
	}
	return fc, nil
}

// WriteClaimsZip writes the claims files of the articles (every article
// when ids is nil) as one zip archive, a folder per article.
func WriteClaimsZip(ctx context.Context, w io.Writer, src FilesSource, ids []string) (FilesResult, error) {
	z := zip.NewWriter(w)
	res, err := WriteClaimsFiles(ctx, src, ids, z.Create)
	if err != nil {
		return res, err
	}
	return res, z.Close()
}

// WriteClaimsDir writes the claims files of the articles (every article
// when ids is nil) into dir, which must be new or empty: into a temporary
// folder beside it, renamed to dir once every file is written, so a failed
// export leaves nothing behind.
func WriteClaimsDir(ctx context.Context, dir string, src FilesSource, ids []string) (FilesResult, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return FilesResult{}, graph.Errorf(graph.EINVALID, "%s is not empty; the claims export needs a new or empty folder", dir)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(dir)), ".export-*")
	if err != nil {
		return FilesResult{}, fmt.Errorf("claims files: %w", err)
	}
	defer os.RemoveAll(tmp)
	var open *os.File
	closeOpen := func() error {
		if open == nil {
			return nil
		}
		err := open.Close()
		open = nil
		return err
	}
	res, err := WriteClaimsFiles(ctx, src, ids, func(name string) (io.Writer, error) {
		if err := closeOpen(); err != nil {
			return nil, err
		}
		path := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		open = f
		return f, nil
	})
	if cerr := closeOpen(); err == nil {
		err = cerr
	}
	if err != nil {
		return res, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return res, fmt.Errorf("claims files: %w", err)
	}
	os.Remove(dir) // an empty folder given as -out
	if err := os.Rename(tmp, dir); err != nil {
		return res, fmt.Errorf("claims files: %w", err)
	}
	return res, nil
}
