// Package curation is the domain of changing the graph by hand: committing
// reviewed articles, correcting, retracting and restoring claims, creating
// and correcting actors and their aliases, merging actors and undoing a
// merge, and the audit trail (Revision) every such change leaves.
//
// The package owns the port its stores implement (Store: graph/neo4j over
// Neo4j, graph/inmem in memory, held to the same answers by a contract
// test) and the Drafter port an extractor implements to propose claims for
// review. Service is what the GraphQL resolvers call: it checks the
// caller's role, validates input (articles by the loaders' rules, the same
// as `actorgraph check`), and hands the store one change to apply with its
// revision in one transaction.
package curation
