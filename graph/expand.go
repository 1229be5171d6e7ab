package graph

import (
	"context"
	"sort"
	"strings"
)

// An expansion names what a query reads below a set of entities: which of
// their relationships, and, below those, which actors, claims and
// articles. A store that implements Expander reads the entities and
// everything their expansion names in one round trip, so a GraphQL query
// with nested fields costs one statement per root field instead of one per
// nesting level. A nil pointer means "not asked for".

// ActorExpansion names what is read below actors: the actors themselves
// and, for each entry of Relationships, their relationships in one
// direction and of some types.
type ActorExpansion struct {
	// Relationships lists distinct (direction, types) sets, as
	// Reader.RelationshipsOf reads them.
	Relationships []RelationshipsExpansion
}

// RelationshipsExpansion is one set of an actor's relationships and what
// is read below each of them.
type RelationshipsExpansion struct {
	// Direction and Types select the relationships (Types empty: all).
	Direction Direction
	Types     []RelationType
	RelationshipExpansion
}

// RelationshipExpansion names what is read below relationships.
type RelationshipExpansion struct {
	// Ends, if set, reads the actors at both ends.
	Ends *ActorExpansion
	// Claims, if set, reads the supporting claims.
	Claims *ClaimExpansion
}

// ClaimExpansion names what is read below claims.
type ClaimExpansion struct {
	// Actors, if set, reads the subject, the object and the actor the
	// claim is attributed to.
	Actors *ActorExpansion
	// Article, if set, reads the article the claim is stated in.
	Article *ArticleExpansion
}

// ArticleExpansion names what is read below articles.
type ArticleExpansion struct {
	// Claims, if set, reads the article's claims in text order.
	Claims *ClaimExpansion
}

// ExpandRequest asks for entities by id and what lies below each kind.
type ExpandRequest struct {
	ActorIDs   []string
	Actors     ActorExpansion
	ClaimIDs   []string
	Claims     ClaimExpansion
	ArticleIDs []string
	Articles   ArticleExpansion
}

// Empty reports whether the request asks for nothing.
func (r ExpandRequest) Empty() bool {
	return len(r.ActorIDs) == 0 && len(r.ClaimIDs) == 0 && len(r.ArticleIDs) == 0
}

// RelationshipsKey names one actor's relationships in one direction, of
// some types: the unit Reader.RelationshipsOf answers for each actor.
type RelationshipsKey struct {
	ActorID   string
	Direction Direction
	// Types are the type names sorted and comma-joined; "" for all.
	Types string
}

// TypesKey is the canonical form of a type list for RelationshipsKey.
func TypesKey(types []RelationType) string {
	ts := make([]string, 0, len(types))
	for _, t := range types {
		ts = append(ts, string(t))
	}
	sort.Strings(ts)
	ts = compactStrings(ts)
	return strings.Join(ts, ",")
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// Expanded holds what an expansion read, keyed as a reader answers each
// kind of read: actors, claims and articles by id; relationships by
// RelationshipsKey (in id order, an actor without any has an empty list);
// an article's claims by article id, in text order.
type Expanded struct {
	Actors        map[string]Actor
	Relationships map[RelationshipsKey][]Relationship
	Claims        map[string]Claim
	Articles      map[string]Article
	ArticleClaims map[string][]Claim
}

// NewExpanded returns an Expanded with its maps made.
func NewExpanded() Expanded {
	return Expanded{
		Actors:        map[string]Actor{},
		Relationships: map[RelationshipsKey][]Relationship{},
		Claims:        map[string]Claim{},
		Articles:      map[string]Article{},
		ArticleClaims: map[string][]Claim{},
	}
}

// Expander reads entities and what their expansions name in one round
// trip. Implemented by stores that can; the resolvers fall back to their
// batched per-level reads otherwise. Errors are those of Reader.
type Expander interface {
	Expand(ctx context.Context, r ExpandRequest) (Expanded, error)
	// RelationshipsExpanded is Reader.Relationships, reading what e
	// names below the page's relationships in the same round trip.
	RelationshipsExpanded(ctx context.Context, f RelationshipFilter, p PageRequest, e RelationshipExpansion) (RelationshipPage, Expanded, error)
}

// Merge adds what o names to e: relationship sets of the same direction
// and types are merged, as are their ends and claims.
func (e *ActorExpansion) Merge(o ActorExpansion) {
	for _, r := range o.Relationships {
		found := false
		for i := range e.Relationships {
			x := &e.Relationships[i]
			if x.Direction == r.Direction && TypesKey(x.Types) == TypesKey(r.Types) {
				x.RelationshipExpansion.Merge(r.RelationshipExpansion)
				found = true
				break
			}
		}
		if !found {
			// A copy, so that later merges into e leave o as it was.
			c := RelationshipsExpansion{Direction: r.Direction, Types: append([]RelationType(nil), r.Types...)}
			c.RelationshipExpansion.Merge(r.RelationshipExpansion)
			e.Relationships = append(e.Relationships, c)
		}
	}
}

// Merge adds what o names to e.
func (e *RelationshipExpansion) Merge(o RelationshipExpansion) {
	e.Ends = mergeActors(e.Ends, o.Ends)
	e.Claims = mergeClaims(e.Claims, o.Claims)
}

// Merge adds what o names to e.
func (e *ClaimExpansion) Merge(o ClaimExpansion) {
	e.Actors = mergeActors(e.Actors, o.Actors)
	if o.Article != nil {
		if e.Article == nil {
			e.Article = &ArticleExpansion{}
		}
		e.Article.Merge(*o.Article)
	}
}

// Merge adds what o names to e.
func (e *ArticleExpansion) Merge(o ArticleExpansion) {
	e.Claims = mergeClaims(e.Claims, o.Claims)
}

func mergeActors(a, b *ActorExpansion) *ActorExpansion {
	if b == nil {
		return a
	}
	if a == nil {
		a = &ActorExpansion{}
	}
	a.Merge(*b)
	return a
}

func mergeClaims(a, b *ClaimExpansion) *ClaimExpansion {
	if b == nil {
		return a
	}
	if a == nil {
		a = &ClaimExpansion{}
	}
	a.Merge(*b)
	return a
}
