package nlp

import "context"

// Parser turns an article's text into a Document.
//
// Errors are *graph.Error values with these codes:
//   - graph.EINVALID: text is not valid UTF-8.
//   - graph.ELIMIT: text is longer than the parser accepts.
//   - graph.EUNAVAILABLE: the parser cannot be reached; the message says
//     where it was looked for and how to start it.
//   - graph.ETIMEOUT: the parser did not finish in its time limit, or ctx
//     ended first.
//   - graph.EINTERNAL: the parser failed, or its answer could not be read
//     or broke an invariant of Document (see Validate).
type Parser interface {
	// Parse parses text. The Document it returns holds text unchanged and
	// passes Validate. Text with nothing but white space gives a Document
	// with no tokens.
	Parse(ctx context.Context, text string) (Document, error)
}
