package actors

import "strings"

// formKind says what a form is to its actor; it decides the Method (and
// so the score) of a match on it.
type formKind int

const (
	formName    formKind = iota // the canonical name
	formAlias                   // another name
	formAcronym                 // an alias written as an acronym: matched case-sensitively
	formDemonym                 // Iranian
	formPeople                  // Iranians: a weak candidate only
	formMetonym                 // Tehran, the White House
	formEpithet                 // the Great Satan
)

// A form is one way of writing an actor.
type form struct {
	id   string   // actor id
	text string   // as written in the gazetteer, graph or article
	kind formKind // what it is to the actor
	keys []string // Key words
}

// index finds forms by acronym, Key, Skeleton and distinctive word.
type index struct {
	acr   map[string][]form // acronymForm → forms
	key   map[string][]form // Key → forms
	skel  map[string][]form // Skeleton → forms (names, aliases, metonyms)
	words map[string][]form // distinctive Key word → forms (names, aliases)
}

func newIndex() *index {
	return &index{acr: map[string][]form{}, key: map[string][]form{}, skel: map[string][]form{}, words: map[string][]form{}}
}

// add indexes one form of actor id. An alias written as an acronym is
// indexed only as one.
func (x *index) add(id, text string, kind formKind) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	if (kind == formAlias || kind == formName) && isAcronym(text) {
		kind = formAcronym
	}
	f := form{id: id, text: text, kind: kind, keys: keyTokens(text)}
	if kind == formAcronym {
		x.acr[acronymForm(text)] = appendForm(x.acr[acronymForm(text)], f)
		return
	}
	if len(f.keys) == 0 {
		return
	}
	k := strings.Join(f.keys, " ")
	x.key[k] = appendForm(x.key[k], f)
	if kind == formName || kind == formAlias || kind == formMetonym {
		sk := Skeleton(text)
		x.skel[sk] = appendForm(x.skel[sk], f)
	}
	if kind == formName || kind == formAlias {
		for _, w := range f.keys {
			if len(w) > 3 && !nameParticles[w] && !commonWords[w] {
				x.words[w] = appendForm(x.words[w], f)
			}
		}
	}
}

// appendForm adds f unless the same actor already has a form of the same
// kind and text there.
func appendForm(fs []form, f form) []form {
	for _, g := range fs {
		if g.id == f.id && g.text == f.text && g.kind == f.kind {
			return fs
		}
	}
	return append(fs, f)
}

// commonWords are words of organisations' names too common to suggest,
// alone, that two names are related.
var commonWords = setOf(
	"islamic", "resistance", "movement", "organisation", "organization", "forces", "force",
	"party", "group", "front", "state", "united", "national", "republic", "people",
	"popular", "democratic", "council", "department", "ministry", "brigades", "brigade",
	"army", "revolutionary", "guard", "guards", "corps", "kingdom", "arab", "iraq", "iran",
	"iraqi", "iranian", "us", "league", "union", "international", "office", "coalition",
	"authority", "commission", "security", "defense", "defence", "foreign", "affairs",
	"federal", "kataib", "kataeb", "saraya", "liwa", "harakat", "jaysh", "jaish", "asaib",
	"imam", "shia", "shiite", "sunni", "allah", "movement", "committee", "agency",
	"treaty", "cooperation", "court", "criminal", "justice", "command", "central",
)
