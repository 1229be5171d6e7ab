package export

import (
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// attr is one node or edge attribute as the XML formats declare it.
type attr struct {
	name string // attribute name, as tools show it
	typ  string // "string" or "int"
}

// Node and edge attributes shared by GraphML and GEXF, in output order.
var (
	nodeAttrs = []attr{{"label", "string"}, {"kind", "string"}, {"aliases", "string"}, {"description", "string"}}
	edgeAttrs = func() []attr {
		a := []attr{
			{"label", "string"}, {"type", "string"}, {"certainty", "string"}, {"certainties", "string"},
			{"claimCount", "int"}, {"articleCount", "int"}, {"sourceCount", "int"}, {"sentenceCount", "int"},
			{"corroboration", "int"}, {"ownStatements", "int"}, {"conditionals", "int"},
		}
		for _, c := range graph.Certainties {
			a = append(a, attr{c.Count, "int"})
		}
		return append(a, attr{"relationshipId", "string"})
	}()
)

// listSep joins list values (aliases, certainties) in the XML formats.
const listSep = "; "

func nodeValues(a graph.Actor) []string {
	return []string{a.Name, string(a.Kind), strings.Join(a.Aliases, listSep), a.Description}
}

func edgeValues(r graph.Relationship) []string {
	v := []string{
		string(r.Type), string(r.Type), string(r.Certainty), strings.Join(certainties(r), listSep),
		strconv.Itoa(r.ClaimCount()), strconv.Itoa(r.ArticleCount()), strconv.Itoa(r.SourceCount()), strconv.Itoa(r.SentenceCount),
		strconv.Itoa(r.Corroboration()), strconv.Itoa(r.OwnStatements), strconv.Itoa(r.Conditionals),
	}
	for _, c := range graph.Certainties {
		v = append(v, strconv.Itoa(r.Count(c.Value)))
	}
	return append(v, r.ID)
}

// certainties lists the certainties of r's claims, firmest first.
func certainties(r graph.Relationship) []string {
	var out []string
	for _, c := range r.Certainties() {
		out = append(out, string(c))
	}
	return out
}
