// Package loaders turns claims files into validated graph.ArticleLoads and
// writes them to a graph.Writer.
//
// A claims file is YAML: the article it describes (with the path of the
// article's text), the actors its claims use, and the claims themselves,
// each with a quote that must occur verbatim in the text. The format is
// documented in docs/claims-format.md.
//
// Every file is parsed and validated before anything is written. A problem
// is reported as "file:line: problem", and a load with any problem writes
// nothing. The articles are then written in transactions of whole
// articles, each committing all of its articles or none. Loads stream:
// validation holds one file at a time plus what the checks across files
// need (article ids, actor names and kinds), and writing holds only the
// groups in flight, so memory stays flat whatever the corpus size.
package loaders
