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
	edgeAttrs = []attr{
		{"label", "string"}, {"type", "string"}, {"modality", "string"}, {"modalities", "string"},
		{"claimCount", "int"}, {"articleCount", "int"}, {"relationshipId", "string"},
	}
)

// listSep joins list values (aliases, modalities) in the XML formats.
const listSep = "; "

func nodeValues(a graph.Actor) []string {
	return []string{a.Name, string(a.Kind), strings.Join(a.Aliases, listSep), a.Description}
}

func edgeValues(r graph.Relationship) []string {
	mods := make([]string, len(r.Modalities))
	for i, m := range r.Modalities {
		mods[i] = string(m)
	}
	return []string{
		string(r.Type), string(r.Type), string(r.Modality), strings.Join(mods, listSep),
		strconv.Itoa(r.ClaimCount()), strconv.Itoa(r.ArticleCount()), r.ID,
	}
}
