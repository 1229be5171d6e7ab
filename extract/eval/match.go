package eval

import (
	"sort"

	"github.com/actorgraph/actorgraph/extract/actors"
	"github.com/actorgraph/actorgraph/graph"
)

// Method is how a draft actor was matched to a gold actor, strongest
// first. It is a closed set: the rows of Methods.
type Method string

const (
	ByID      Method = "id"      // the same actor id
	ByName    Method = "name"    // a name or alias equal but for case and spacing (graph.NameKey)
	ByKey     Method = "key"     // equal once normalised (actors.Key: diacritics, apostrophes, hyphens, the Arabic article, "the")
	ByVariant Method = "variant" // a transliteration variant (actors.Variant, score at least actors.MergeScore)
)

// MethodInfo documents one Method.
type MethodInfo struct {
	Method Method
	// Rank orders the methods: a higher rank wins a contested gold actor.
	Rank int
	// Meaning is how the report and the docs describe it.
	Meaning string
}

// Methods is the table of match methods, strongest first.
var Methods = []MethodInfo{
	{ByID, 4, "by id"},
	{ByName, 3, "by name or alias"},
	{ByKey, 2, "by normalised name or alias"},
	{ByVariant, 1, "by spelling variant"},
}

func (m Method) rank() int {
	for _, r := range Methods {
		if r.Method == m {
			return r.Rank
		}
	}
	return 0
}

// Match is a draft actor matched to a gold actor.
type Match struct {
	Draft, Gold string // actor ids in their files
	By          Method
	// DraftForm and GoldForm are the names that matched (the ids for ByID).
	DraftForm, GoldForm string
	// Score is the variant score (1 for the other methods).
	Score float64
}

// Conflict is a draft actor left unmatched because the gold actor it
// matches was matched more strongly (or, at equal strength, first in id
// order) by another draft actor: the draft split one actor in two.
type Conflict struct {
	Match         // the match that lost
	Winner string // the draft actor holding Gold
}

// Matching is the one-to-one matching of a draft's actors to the gold's.
type Matching struct {
	// ToGold maps a matched draft actor id to its gold actor id.
	ToGold map[string]string
	// Matches are the matches made, in draft actor order.
	Matches []Match
	// Conflicts are the draft actors that matched only gold actors
	// another draft actor holds.
	Conflicts []Conflict
}

// MatchActors matches draft actors to gold actors, one to one.
//
// The rule: every (draft, gold) pair is scored by its strongest method —
// the same id; a name or alias of one equal to a name or alias of the
// other under graph.NameKey; the same under actors.Key; a spelling variant
// under actors.Variant scoring at least actors.MergeScore. Pairs are then
// taken strongest first (rank, then variant score, then draft id, then
// gold id), each only when neither actor is taken yet. So a gold actor is
// never matched by two draft actors: the second is left unmatched and
// reported as a Conflict (its triples count as spurious, as the split
// would put them on a node of their own in the graph), and a draft actor
// that could be two gold actors takes the one it matches most strongly.
// Undeclared names that claims use take part like declared actors.
func MatchActors(draft, gold []Actor) Matching {
	type pair struct {
		m    Match
		rank int
	}
	var pairs []pair
	for _, d := range draft {
		for _, g := range gold {
			if m, ok := matchPair(d, g); ok {
				pairs = append(pairs, pair{m, m.By.rank()})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		switch {
		case a.rank != b.rank:
			return a.rank > b.rank
		case a.m.Score != b.m.Score:
			return a.m.Score > b.m.Score
		case a.m.Draft != b.m.Draft:
			return a.m.Draft < b.m.Draft
		}
		return a.m.Gold < b.m.Gold
	})
	res := Matching{ToGold: map[string]string{}}
	holder := map[string]string{} // gold id → draft id
	lost := map[string]Conflict{} // draft id → its strongest lost match
	for _, p := range pairs {
		if _, taken := res.ToGold[p.m.Draft]; taken {
			continue
		}
		if w, taken := holder[p.m.Gold]; taken {
			if _, seen := lost[p.m.Draft]; !seen {
				lost[p.m.Draft] = Conflict{Match: p.m, Winner: w}
			}
			continue
		}
		res.ToGold[p.m.Draft], holder[p.m.Gold] = p.m.Gold, p.m.Draft
	}
	byDraft := map[string]Match{}
	for _, p := range pairs {
		if g, ok := res.ToGold[p.m.Draft]; ok && g == p.m.Gold {
			if _, done := byDraft[p.m.Draft]; !done {
				byDraft[p.m.Draft] = p.m
			}
		}
	}
	for _, d := range draft {
		if m, ok := byDraft[d.ID]; ok {
			res.Matches = append(res.Matches, m)
		} else if c, ok := lost[d.ID]; ok {
			res.Conflicts = append(res.Conflicts, c)
		}
	}
	return res
}

// matchPair returns the strongest way d and g match, if any.
func matchPair(d, g Actor) (Match, bool) {
	if !d.Undeclared && d.ID != "" && d.ID == g.ID {
		return Match{Draft: d.ID, Gold: g.ID, By: ByID, DraftForm: d.ID, GoldForm: g.ID, Score: 1}, true
	}
	best, found := Match{}, false
	consider := func(m Match) {
		if !found || m.By.rank() > best.By.rank() || (m.By == best.By && m.Score > best.Score) {
			best, found = m, true
		}
	}
	for _, df := range d.forms() {
		for _, gf := range g.forms() {
			m := Match{Draft: d.ID, Gold: g.ID, DraftForm: df, GoldForm: gf, Score: 1}
			switch {
			case graph.NameKey(df) == "" || actors.Key(df) == "":
				continue
			case graph.NameKey(df) == graph.NameKey(gf):
				m.By = ByName
			case actors.Key(df) == actors.Key(gf):
				m.By = ByKey
			default:
				s, ok := actors.Variant(df, gf)
				if !ok || s < actors.MergeScore {
					continue
				}
				m.By, m.Score = ByVariant, s
			}
			consider(m)
		}
	}
	return best, found
}
