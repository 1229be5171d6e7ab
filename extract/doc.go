// Package extract drafts claims from an article's text: `actorgraph
// extract` reads an article (plain text, with an optional front matter
// block), parses it with an nlp.Parser (the CoreNLP server), resolves the
// actors it mentions with package extract/actors, finds relations with the
// cue patterns of Patterns over the dependency parses, reads each claim's
// modality (certainty, own statement, condition, time) and attribution
// from the sentence's structure and cue words, and writes a claims file in
// format 2 (docs/claims-format.md) whose every claim is `draft: true`, with
// its quote verbatim and its offsets exact.
//
// The pipeline is pure rule logic over nlp.Document: unit tests run it on
// the recorded parse of the seed article (nlp/nlptest), and the tests
// tagged corenlp run it against the real server on the seed and the
// development articles. docs/extraction.md documents the patterns, the
// modality cues and their limits, with the measured figures.
package extract
