// Package docs embeds the documents the binary serves itself: the Cypher
// cookbook, which the server renders as a Neo4j Browser guide, so the guide
// is the document and cannot drift from it.
package docs

import _ "embed"

// CypherCookbook is cypher.md, the Cypher cookbook.
//
//go:embed cypher.md
var CypherCookbook []byte
