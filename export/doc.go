// Package export writes the graph, or one actor's neighbourhood, in the
// formats network tools already read: GEXF 1.3 (Gephi), GraphML (yEd,
// Gephi, NetworkX, igraph), Cytoscape.js JSON (elements ready for
// cytoscape(), NetworkX's cytoscape_graph), CSV files in the header format
// of `neo4j-admin database import`, for bulk loading the graph into another
// Neo4j, a CSV table of the claims, and the claims files themselves
// (format 2, a folder per article; claimsfiles.go), which `actorgraph
// load` reads back into the same graph.
//
// The network formats are written from one network (network.go), so they
// hold the same things: each actor's kind, aliases and description, each
// relationship's type, firmest certainty and the certainties present, its
// counts (claims per certainty, own statements, conditionals, claims,
// articles, sources, sentences), its corroboration (the number of distinct
// sources, which is also the edge's weight) and the evidence behind it:
// every supporting claim's quote, certainty, own-statement and condition,
// time, attribution and article, as list attributes of the edge (one entry
// per claim; the fields are the claimFields table in evidence.go), and as
// readable text. On request, claims and articles also become nodes of
// their own. Drawing hints (colours, sizes, shapes, positions) follow the
// network view (viz.go).
//
// Exports read through the store. The claims files are read and written a
// batch of articles at a time; the other formats are written from the
// Data a request collects, a node, edge or row at a time (network.go's
// eachNode and eachEdge, csv.go's tables), with no copy of the file or of
// the network in memory. Callers make a failed export visible: the
// command writes to a temporary file or folder renamed into place only
// when whole, and the server breaks a response off rather than end it.
package export
