package synth

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Names are built from syllables by writing an index in base len(syllables):
// distinct indexes give distinct words, so actor names and aliases never
// collide and no alias is ambiguous.
var syllables = []string{
	"ka", "ri", "mo", "ta", "lu", "ve", "na", "so", "di", "ra",
	"be", "zu", "fa", "lo", "mi", "te", "gi", "ho", "ne", "pa",
	"qu", "sa", "vi", "wo", "xe", "ya", "do", "re", "ku", "li",
}

// word returns a capitalised word unique to i (at least two syllables).
func word(i int) string {
	var b strings.Builder
	n := i + len(syllables) // two syllables at least
	var parts []string
	for n > 0 {
		parts = append(parts, syllables[n%len(syllables)])
		n /= len(syllables)
	}
	for j := len(parts) - 1; j >= 0; j-- {
		b.WriteString(parts[j])
	}
	w := b.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

// kindWeights gives the share of each kind in the actor pool, in percent.
var kindWeights = []struct {
	kind   graph.ActorKind
	weight int
}{
	{graph.KindState, 10},
	{graph.KindMilitia, 20},
	{graph.KindPerson, 40},
	{graph.KindOrganisation, 15},
	{graph.KindGroup, 15},
}

// kindOf picks actor i's kind deterministically from the weights.
func kindOf(i int) graph.ActorKind {
	r := int(mix(uint64(i), 0x6b696e64) % 100)
	for _, kw := range kindWeights {
		if r < kw.weight {
			return kw.kind
		}
		r -= kw.weight
	}
	return graph.KindGroup
}

// actor returns pool actor i: a name, an id derived from it, and aliases
// built from words that no other actor uses.
func actor(i int) graph.Actor {
	w := word(i)
	var a graph.Actor
	a.Kind = kindOf(i)
	switch a.Kind {
	case graph.KindState:
		a.Name = "Republic of " + w
		a.Aliases = []string{w, w + "abad", "the " + w + " government"}
		a.Description = "A synthetic state."
	case graph.KindMilitia:
		a.Name = w + " Brigades"
		a.Aliases = []string{"the " + w + " fighters", w + " militia"}
		a.Description = "A synthetic armed group."
	case graph.KindPerson:
		a.Name = "Amir " + w
		a.Aliases = []string{"Mr " + w}
	case graph.KindOrganisation:
		a.Name = w + " Institute"
		a.Aliases = []string{"the " + w + " institute staff"}
	default:
		a.Name = w + " protesters"
		a.Aliases = []string{"the " + w + " crowd"}
	}
	a.ID = slug(a.Name)
	return a
}

func slug(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "-")
}

// mix is a 64-bit hash (SplitMix64 finaliser) of x salted with k.
func mix(x, k uint64) uint64 {
	z := x + k*0x9e3779b97f4a7c15 + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
