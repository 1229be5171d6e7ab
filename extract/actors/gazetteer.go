package actors

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

//go:embed gazetteer.yaml
var gazetteerYAML []byte

// Entry is one gazetteer actor with the forms reporting uses for it.
type Entry struct {
	// Actor is the actor as a draft would declare it. Its Aliases are the
	// entry's aliases only; the other forms are below.
	Actor graph.Actor
	// Demonyms are a state's adjectives ("Iranian"). They resolve alone and
	// in organ phrases ("Iranian authorities").
	Demonyms []string
	// People are plural nouns for a state's people ("Iranians"): a weak
	// candidate for the state, never merged into it.
	People []string
	// Metonyms are capitals and seats of government that stand for the
	// actor ("Tehran", "the White House", "the Pentagon").
	Metonyms []string
	// Epithets are partisan names for the actor ("the Great Satan").
	Epithets []string
}

// Gazetteer is a validated list of well-known actors.
type Gazetteer struct {
	// Entries in file order.
	Entries []Entry
	byID    map[string]int
}

// Entry returns the entry with the given actor id.
func (g *Gazetteer) Entry(id string) (Entry, bool) {
	if g == nil {
		return Entry{}, false
	}
	i, ok := g.byID[id]
	if !ok {
		return Entry{}, false
	}
	return g.Entries[i], true
}

// Actors returns the gazetteer's actors, in file order.
func (g *Gazetteer) Actors() []graph.Actor {
	out := make([]graph.Actor, len(g.Entries))
	for i, e := range g.Entries {
		out[i] = e.Actor
	}
	return out
}

var defaultGazetteer = sync.OnceValues(func() (*Gazetteer, error) {
	g, err := ParseGazetteer(gazetteerYAML)
	if err != nil {
		return nil, fmt.Errorf("embedded gazetteer.yaml: %w", err)
	}
	return g, nil
})

// DefaultGazetteer returns the gazetteer shipped with actorgraph
// (gazetteer.yaml, embedded). It is parsed once; the result is shared and
// must not be modified.
func DefaultGazetteer() (*Gazetteer, error) { return defaultGazetteer() }

// gazetteerFile is the YAML shape of gazetteer.yaml.
type gazetteerFile struct {
	Actors []struct {
		ID          string   `yaml:"id"`
		Name        string   `yaml:"name"`
		Kind        string   `yaml:"kind"`
		Description string   `yaml:"description"`
		Aliases     []string `yaml:"aliases"`
		Demonyms    []string `yaml:"demonyms"`
		People      []string `yaml:"people"`
		Metonyms    []string `yaml:"metonyms"`
		Epithets    []string `yaml:"epithets"`
	} `yaml:"actors"`
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ParseGazetteer reads and validates a gazetteer in the format of
// gazetteer.yaml. Unknown fields, a missing id, name or kind, an id that is
// not a slug or is used twice, an unknown kind, demonyms on an actor that
// is not a STATE, and a form (name, alias, demonym, metonym, epithet) that
// two entries share are errors; every problem is reported with its entry.
// Errors carry the graph.EINVALID code.
func ParseGazetteer(data []byte) (*Gazetteer, error) {
	var f gazetteerFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, graph.Errorf(graph.EINVALID, "gazetteer: %v", err)
	}
	if len(f.Actors) == 0 {
		return nil, graph.Errorf(graph.EINVALID, "gazetteer: no actors")
	}
	g := &Gazetteer{byID: map[string]int{}}
	var problems []string
	add := func(i int, id, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("actor %d (%s): %s", i+1, id, fmt.Sprintf(format, args...)))
	}
	owner := map[string]string{} // form key → id
	claim := func(i int, id, form, what string) {
		k := formKey(form)
		if k == "" {
			add(i, id, "empty %s", what)
			return
		}
		if other, ok := owner[k]; ok && other != id {
			add(i, id, "%s %q is already a form of %q", what, form, other)
			return
		}
		owner[k] = id
	}
	for i, a := range f.Actors {
		switch {
		case a.ID == "":
			add(i, a.Name, "missing id")
		case !slugRE.MatchString(a.ID):
			add(i, a.ID, "id is not a lowercase slug")
		}
		if _, dup := g.byID[a.ID]; dup && a.ID != "" {
			add(i, a.ID, "duplicate id")
		}
		if strings.TrimSpace(a.Name) == "" {
			add(i, a.ID, "missing name")
		}
		kind := graph.ActorKind(a.Kind)
		if !kind.Valid() {
			add(i, a.ID, "unknown kind %q", a.Kind)
		}
		if kind != graph.KindState && (len(a.Demonyms) > 0 || len(a.People) > 0) {
			add(i, a.ID, "demonyms and people are for states only")
		}
		claim(i, a.ID, a.Name, "name")
		for _, list := range []struct {
			forms []string
			what  string
		}{{a.Aliases, "alias"}, {a.Demonyms, "demonym"}, {a.People, "people noun"}, {a.Metonyms, "metonym"}, {a.Epithets, "epithet"}} {
			for _, form := range list.forms {
				claim(i, a.ID, form, list.what)
			}
		}
		g.byID[a.ID] = len(g.Entries)
		g.Entries = append(g.Entries, Entry{
			Actor: graph.Actor{
				ID: a.ID, Name: strings.TrimSpace(a.Name), Kind: kind,
				Aliases: trimAll(a.Aliases), Description: strings.TrimSpace(a.Description),
			},
			Demonyms: trimAll(a.Demonyms),
			People:   trimAll(a.People),
			Metonyms: trimAll(a.Metonyms),
			Epithets: trimAll(a.Epithets),
		})
	}
	if len(problems) > 0 {
		return nil, graph.Errorf(graph.EINVALID, "gazetteer: %s", strings.Join(problems, "; "))
	}
	return g, nil
}

// formKey is how forms are compared for collisions and lookups: acronyms
// exactly (dots removed), everything else by Key.
func formKey(form string) string {
	if isAcronym(form) {
		return "ACR:" + acronymForm(form)
	}
	return Key(form)
}

func trimAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
