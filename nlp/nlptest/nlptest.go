// Package nlptest gives tests parsed text without a parser: the parser's
// recorded output for the seed article, and a Parser whose behaviour a test
// sets. Rule logic built on package nlp is unit-tested with these in
// milliseconds; the parser itself is tested against the real CoreNLP server
// in package nlp/corenlp, which also checks that the recording still matches
// what the server says (re-record with `make corenlp-record`).
package nlptest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/nlp"
)

// Root is the repository's root folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// SeedArticlePath is the seed article, seed/article.txt.
func SeedArticlePath() string { return filepath.Join(Root(), "seed", "article.txt") }

// SeedDocumentPath is the recorded parse of the seed article.
func SeedDocumentPath() string { return filepath.Join(Root(), "nlp", "testdata", "seed-article.json") }

// SeedDocument returns the recorded parse of the seed article. It fails the
// test when the recording is unreadable, breaks Document's invariants, or
// was made from a text other than seed/article.txt.
func SeedDocument(tb testing.TB) nlp.Document {
	tb.Helper()
	doc, err := ReadDocument(SeedDocumentPath())
	if err != nil {
		tb.Fatal(err)
	}
	text, err := os.ReadFile(SeedArticlePath())
	if err != nil {
		tb.Fatal(err)
	}
	if doc.Text != string(text) {
		tb.Fatalf("%s was recorded from another text than %s: re-record it with make corenlp-record", SeedDocumentPath(), SeedArticlePath())
	}
	return doc
}

// ReadDocument reads a Document written by WriteDocument and validates it.
func ReadDocument(path string) (nlp.Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nlp.Document{}, fmt.Errorf("read parsed document: %w", err)
	}
	var doc nlp.Document
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nlp.Document{}, fmt.Errorf("read parsed document %s: %w", path, err)
	}
	if err := doc.Validate(); err != nil {
		return nlp.Document{}, fmt.Errorf("parsed document %s: %w", path, err)
	}
	return doc, nil
}

// EncodeDocument is the JSON WriteDocument writes: indented, so that a
// re-recording shows as a readable diff.
func EncodeDocument(doc nlp.Document) ([]byte, error) {
	b, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode parsed document: %w", err)
	}
	return append(b, '\n'), nil
}

// WriteDocument writes doc to path as JSON, through a temporary file so that
// a failed write leaves the old file whole.
func WriteDocument(path string, doc nlp.Document) error {
	b, err := EncodeDocument(doc)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("write parsed document: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write parsed document: %w", err)
	}
	return nil
}

// Parser is an nlp.Parser whose Parse calls ParseFn.
type Parser struct {
	ParseFn func(ctx context.Context, text string) (nlp.Document, error)
}

var _ nlp.Parser = (*Parser)(nil)

// Parse implements nlp.Parser.
func (p *Parser) Parse(ctx context.Context, text string) (nlp.Document, error) {
	return p.ParseFn(ctx, text)
}

// Recorded returns a Parser that answers with the recorded documents, by
// their text, and with a graph.EUNAVAILABLE error for any other text, as a
// parser that cannot be reached would. Each answer is a fresh copy, so a
// test may change it freely.
func Recorded(docs ...nlp.Document) *Parser {
	byText := make(map[string][]byte, len(docs))
	for _, d := range docs {
		b, err := json.Marshal(d)
		if err != nil {
			panic(fmt.Sprintf("nlptest.Recorded: %v", err)) // a Document always encodes
		}
		byText[d.Text] = b
	}
	return &Parser{ParseFn: func(ctx context.Context, text string) (nlp.Document, error) {
		if err := ctx.Err(); err != nil {
			return nlp.Document{}, graph.Errorf(graph.ETIMEOUT, "recorded parser: %v", err)
		}
		b, ok := byText[text]
		if !ok {
			return nlp.Document{}, graph.Errorf(graph.EUNAVAILABLE, "recorded parser: no recording of this %d-byte text", len(text))
		}
		var d nlp.Document
		if err := json.Unmarshal(b, &d); err != nil {
			return nlp.Document{}, graph.Errorf(graph.EINTERNAL, "recorded parser: %v", err)
		}
		return d, nil
	}}
}
