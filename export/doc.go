// Package export writes the graph, or one actor's neighbourhood, in the
// formats network tools already read: GraphML (yEd, Gephi, NetworkX), GEXF
// 1.2 (Gephi), Cytoscape.js JSON (elements ready for cytoscape()), and CSV
// files in the header format of `neo4j-admin database import`, for bulk
// loading the graph into another Neo4j.
//
// Every format carries each actor's kind and each relationship's type,
// firmest certainty, counts per certainty, claim, article, source and
// sentence counts and corroboration. Exports read through the store and are rendered
// whole in memory before anything is written, so a failed export leaves no
// half-written file.
package export
