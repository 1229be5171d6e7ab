// Package loaders turns claims files into validated graph.ArticleLoads and
// writes them to a graph.Writer.
//
// A claims file is YAML (format 2): the article it describes (with the path
// of the article's text and its publication date), the actors its claims
// use with the aliases this article knows them by, and the claims
// themselves, each with a quote and the words for its subject, object,
// condition and time that must all occur in the text. The format is
// documented in docs/claims-format.md; MigrateV1 converts format-1 files.
//
// Every file is parsed and validated before anything is written, and the
// names and aliases the files declare are checked against the graph. A
// problem is reported as "file:line: problem", and a load with any problem
// writes nothing. The articles are then written in transactions of whole
// articles, each committing all of its articles or none. Loads stream:
// validation holds one file at a time plus what the checks across files
// need (article ids, actor names and kinds), and writing holds only the
// groups in flight, so memory stays flat whatever the corpus size.
package loaders
