package neo4j_test

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
)

// TestExpandMatchesBatchedReads checks that one Expand statement reads
// exactly what the batched reads it stands in for read, level by level:
// the same actors, relationship lists (same order), claims, articles and
// article claims (same order), in one round trip.
func TestExpandMatchesBatchedReads(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.MustOpenSeeded(t)

	everything := &graph.ClaimExpansion{Actors: &graph.ActorExpansion{}, Article: &graph.ArticleExpansion{}}
	for _, tc := range []struct {
		name string
		req  graph.ExpandRequest
	}{
		{"actors only", graph.ExpandRequest{ActorIDs: []string{"iran", "no-such-actor"}}},
		{"relationships and their ends", graph.ExpandRequest{
			ActorIDs: []string{"iran", "kataib-hezbollah"},
			Actors: graph.ActorExpansion{Relationships: []graph.RelationshipsExpansion{{
				Direction: graph.Both,
				RelationshipExpansion: graph.RelationshipExpansion{Ends: &graph.ActorExpansion{
					Relationships: []graph.RelationshipsExpansion{{Direction: graph.Outgoing, Types: []graph.RelationType{graph.RelWarns, graph.RelLeads}}},
				}},
			}}},
		}},
		{"relationships, claims, their actors and articles", graph.ExpandRequest{
			ActorIDs: []string{"kataib-hezbollah"},
			Actors: graph.ActorExpansion{Relationships: []graph.RelationshipsExpansion{
				{Direction: graph.Incoming, RelationshipExpansion: graph.RelationshipExpansion{Claims: everything}},
				{Direction: graph.Outgoing, Types: []graph.RelationType{graph.RelThreatens}},
			}},
		}},
		{"claims and articles by id", graph.ExpandRequest{
			ClaimIDs:   []string{"iran-aligned-militias-threaten-us/kh-warns-washington", "no/such-claim"},
			Claims:     *everything,
			ArticleIDs: []string{"iran-aligned-militias-threaten-us"},
			Articles:   graph.ArticleExpansion{Claims: &graph.ClaimExpansion{Actors: &graph.ActorExpansion{}}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := s.Queries()
			got, err := s.Expand(ctx, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if n := s.Queries() - before; n != 1 {
				t.Errorf("%d round trips, want 1", n)
			}
			want := batched(t, s, tc.req)
			for _, c := range []struct {
				what      string
				got, want any
			}{
				{"actors", got.Actors, want.Actors},
				{"relationships", got.Relationships, want.Relationships},
				{"claims", got.Claims, want.Claims},
				{"articles", got.Articles, want.Articles},
				{"article claims", got.ArticleClaims, want.ArticleClaims},
			} {
				if !reflect.DeepEqual(c.got, c.want) {
					t.Errorf("%s differ:\nexpand:  %+v\nbatched: %+v", c.what, c.got, c.want)
				}
			}
			if len(got.Actors) == 0 && len(tc.req.ActorIDs) > 0 {
				t.Error("read no actor")
			}
		})
	}
}

// batched reads what req names with the Reader's batched reads, one level
// at a time.
func batched(t *testing.T, s graph.Reader, req graph.ExpandRequest) graph.Expanded {
	t.Helper()
	ctx := context.Background()
	out := graph.NewExpanded()
	var actors func(ids []string, e *graph.ActorExpansion)
	var claims func(ids []string, e *graph.ClaimExpansion)
	var articles func(ids []string, e *graph.ArticleExpansion)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	actors = func(ids []string, e *graph.ActorExpansion) {
		found, err := s.ActorsByID(ctx, ids)
		must(err)
		var present []string
		for id, a := range found {
			out.Actors[id] = a
			present = append(present, id)
		}
		sort.Strings(present)
		if len(present) == 0 {
			return
		}
		for _, rs := range e.Relationships {
			got, err := s.RelationshipsOf(ctx, present, rs.Direction, rs.Types)
			must(err)
			var ends, cids []string
			for _, id := range present {
				rels := got[id]
				if rels == nil {
					rels = []graph.Relationship{}
				}
				out.Relationships[graph.RelationshipsKey{ActorID: id, Direction: rs.Direction, Types: graph.TypesKey(rs.Types)}] = rels
				for _, r := range rels {
					ends = append(ends, r.FromID, r.ToID)
					cids = append(cids, r.ClaimIDs...)
				}
			}
			if rs.Ends != nil && len(ends) > 0 {
				actors(ends, rs.Ends)
			}
			if rs.Claims != nil && len(cids) > 0 {
				claims(cids, rs.Claims)
			}
		}
	}
	claimsBelow := func(cs []graph.Claim, e *graph.ClaimExpansion) {
		var as, arts []string
		for _, c := range cs {
			as = append(as, c.SubjectID, c.ObjectID)
			if c.AttributedToID != "" {
				as = append(as, c.AttributedToID)
			}
			arts = append(arts, c.ArticleID)
		}
		if e.Actors != nil && len(as) > 0 {
			actors(as, e.Actors)
		}
		if e.Article != nil && len(arts) > 0 {
			articles(arts, e.Article)
		}
	}
	claims = func(ids []string, e *graph.ClaimExpansion) {
		found, err := s.ClaimsByID(ctx, ids)
		must(err)
		var cs []graph.Claim
		for id, c := range found {
			out.Claims[id] = c
			cs = append(cs, c)
		}
		claimsBelow(cs, e)
	}
	articles = func(ids []string, e *graph.ArticleExpansion) {
		found, err := s.ArticlesByID(ctx, ids)
		must(err)
		var present []string
		for id, a := range found {
			out.Articles[id] = a
			present = append(present, id)
		}
		if e.Claims == nil || len(present) == 0 {
			return
		}
		got, err := s.ClaimsOfArticles(ctx, present)
		must(err)
		var all []graph.Claim
		for _, id := range present {
			out.ArticleClaims[id] = got[id]
			for _, c := range got[id] {
				out.Claims[c.ID] = c
			}
			all = append(all, got[id]...)
		}
		claimsBelow(all, e.Claims)
	}
	if len(req.ActorIDs) > 0 {
		actors(req.ActorIDs, &req.Actors)
	}
	if len(req.ClaimIDs) > 0 {
		claims(req.ClaimIDs, &req.Claims)
	}
	if len(req.ArticleIDs) > 0 {
		articles(req.ArticleIDs, &req.Articles)
	}
	return out
}
