// Package nlp is actorgraph's model of parsed text: an article's tokens with
// their lemmas, part-of-speech and named-entity tags, its sentences and
// their dependency graphs, the entity mentions, the coreference chains that
// tie "the group" and "he" to a name, and the quotations with the speakers
// they are attributed to.
//
// Extraction reads articles through these types only. The Parser interface
// is owned here; package nlp/corenlp implements it over a Stanford CoreNLP
// server (scripts/corenlp runs one), and any other toolkit could implement
// it the same way.
//
// # Offsets
//
// Every text position the package exposes is a Unicode code point offset
// into the original text, End exclusive, the same unit the claims files use
// for quotes (graph.Claim's Start and End). Parsers that count otherwise
// (CoreNLP counts UTF-16 code units, so "😀" is two of them) convert before
// they return, and check that every token's span holds exactly the token's
// text. Tokens are numbered across the whole document (Document.Tokens);
// sentences, mentions, chains and quotes refer to tokens by those numbers.
//
// # Labels
//
// Part-of-speech tags are Penn Treebank tags, dependency relations are
// Universal Dependencies relations in their enhanced++ form (obl:on,
// nsubj:xsubj, conj:and), and entity types are the fine-grained types in
// EntityTypes. Coreference mention types and the speaker-mention kinds of
// quotes are closed sets with one table each (MentionTypes,
// SpeakerMentionKinds); a parser returns an error rather than a value
// outside them.
package nlp
