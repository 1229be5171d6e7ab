// Package inmem is a whole graph store in memory: it implements
// graph.Reader and graph.Writer, and the whole-graph read export.Source
// needs, over maps, with the answers the Neo4j store (graph/neo4j) gives:
// the same ordering and paging, the same error codes and messages, the same
// breadth-first neighbourhoods and the same choice among equally short
// paths. It is filled with the graph.ArticleLoad values the loaders
// produce, so a test seeds it from claims files (loaders.Load) without a
// database, and tests of everything above the store (resolvers, server)
// run in milliseconds.
//
// Search is the one approximation: Neo4j ranks hits with its full-text
// index (Lucene), this store with a small scorer of its own over the same
// words (an exact word, a prefix, a word within one or two edits), so the
// hits are the same actors and an exact name or alias still comes first,
// but scores differ and near ties may be ordered differently.
//
// The contract test in graph/neo4j (contract_test.go) runs one table of
// questions against both stores and fails on any difference, so the two
// cannot drift apart.
package inmem
