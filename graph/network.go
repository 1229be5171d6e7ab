package graph

import (
	"cmp"
	"slices"
)

// NetworkOptions choose the part of the whole graph a network view draws
// when the whole of it is too much to draw: the strongest relationships
// that pass the thresholds, at most Limit of them.
type NetworkOptions struct {
	// Limit is the most relationships drawn ("top N"); at least 1.
	Limit int
	// MinCorroboration drops relationships with fewer distinct sources.
	MinCorroboration int
	// MinDegree drops relationships unless both of their actors have at
	// least this many relationships that pass the other filters.
	MinDegree int
	// Types keeps only relationships of these types; empty keeps all.
	Types []RelationType
}

// Validate returns EINVALID, naming the option, when one is out of range.
func (o NetworkOptions) Validate() error {
	switch {
	case o.Limit < 1:
		return Errorf(EINVALID, "limit must be at least 1, got %d", o.Limit)
	case o.MinCorroboration < 0:
		return Errorf(EINVALID, "minCorroboration must not be negative, got %d", o.MinCorroboration)
	case o.MinDegree < 0:
		return Errorf(EINVALID, "minDegree must not be negative, got %d", o.MinDegree)
	}
	return ValidateRelationTypes(o.Types)
}

// NetworkEdge is a relationship as a network view draws it: its ends and
// the summary of its claims, without the claims (Reader.NetworkEdges reads
// every relationship this way, in one light statement).
type NetworkEdge struct {
	ID     string
	Type   RelationType
	FromID string
	ToID   string
	// Certainty is the firmest certainty among the claims; Certainties
	// every certainty they have, firmest first.
	Certainty   Certainty
	Certainties []Certainty
	// ClaimCount counts the claims; Corroboration their distinct sources.
	ClaimCount, Corroboration int
	// OwnStatements and Conditionals count the claims that are the
	// subject's own words and those that are conditional.
	OwnStatements, Conditionals int
}

// Source and Target name the ends as network-drawing libraries do.
func (e NetworkEdge) Source() string { return e.FromID }

// Target is the object's id.
func (e NetworkEdge) Target() string { return e.ToID }

// NetworkEdgeOf summarises a relationship for drawing.
func NetworkEdgeOf(r Relationship) NetworkEdge {
	return NetworkEdge{ID: r.ID, Type: r.Type, FromID: r.FromID, ToID: r.ToID,
		Certainty: r.Certainty, Certainties: r.Certainties(),
		ClaimCount: r.ClaimCount(), Corroboration: r.Corroboration(),
		OwnStatements: r.OwnStatements, Conditionals: r.Conditionals}
}

// NetworkNode is an actor of a Network with its degree there.
type NetworkNode struct {
	Actor
	// Degree counts the actor's relationships that pass the network's
	// filters and thresholds, drawn or not.
	Degree int
}

// Network is what a network view draws of a graph too large to draw
// whole, and what it leaves out.
type Network struct {
	// Nodes are the actors the drawn relationships join, by degree
	// (highest first), then id.
	Nodes []NetworkNode
	// Edges are the drawn relationships, strongest first (StrongerFirst).
	Edges []NetworkEdge
	// RelationshipCount and ActorCount count the relationships that pass
	// the filters and thresholds, and the actors they join, drawn or not.
	RelationshipCount, ActorCount int
	// Truncated says whether Limit left some of them out.
	Truncated bool
}

// StrongerFirst orders relationships for a network's "top N": the best
// corroborated first, then those with more claims, then by id, so the
// same graph always gives the same choice.
func StrongerFirst(a, b NetworkEdge) int {
	if c := cmp.Compare(b.Corroboration, a.Corroboration); c != 0 {
		return c
	}
	if c := cmp.Compare(b.ClaimCount, a.ClaimCount); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// SelectNetwork picks a network's relationships from rels (every
// relationship that passes the evidence filters, Reader.NetworkEdges) by o's types and
// thresholds, strongest first, at most o.Limit of them. It returns them
// with the ids of the actors they join and each actor's degree among all
// the relationships that pass, drawn or not. The degree threshold is
// applied once, to degrees counted after the type and corroboration
// filters: dropping a relationship does not lower its actors' degree
// below the threshold in a second round, so the answer is predictable.
func SelectNetwork(rels []NetworkEdge, o NetworkOptions) (Network, []string, map[string]int) {
	types := map[RelationType]bool{}
	for _, t := range o.Types {
		types[t] = true
	}
	kept := make([]NetworkEdge, 0, len(rels))
	degree := map[string]int{}
	for _, r := range rels {
		if (len(types) > 0 && !types[r.Type]) || r.Corroboration < o.MinCorroboration {
			continue
		}
		kept = append(kept, r)
		degree[r.FromID]++
		degree[r.ToID]++
	}
	if o.MinDegree > 1 {
		n := 0
		for _, r := range kept {
			if degree[r.FromID] >= o.MinDegree && degree[r.ToID] >= o.MinDegree {
				kept[n] = r
				n++
			}
		}
		kept = kept[:n]
		degree = map[string]int{}
		for _, r := range kept {
			degree[r.FromID]++
			degree[r.ToID]++
		}
	}
	slices.SortFunc(kept, StrongerFirst)
	net := Network{RelationshipCount: len(kept), ActorCount: len(degree)}
	if len(kept) > o.Limit {
		kept, net.Truncated = kept[:o.Limit], true
	}
	net.Edges = kept
	var ids []string
	seen := map[string]bool{}
	for _, r := range kept {
		for _, id := range []string{r.FromID, r.ToID} {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return net, ids, degree
}

// AddNetworkNodes sets net's nodes from the actors its edges join, by
// degree (highest first), then id. An id missing from actors is left out.
func AddNetworkNodes(net *Network, ids []string, actors map[string]Actor, degree map[string]int) {
	net.Nodes = make([]NetworkNode, 0, len(ids))
	for _, id := range ids {
		if a, ok := actors[id]; ok {
			net.Nodes = append(net.Nodes, NetworkNode{Actor: a, Degree: degree[id]})
		}
	}
	slices.SortStableFunc(net.Nodes, func(a, b NetworkNode) int { return cmp.Compare(b.Degree, a.Degree) })
}
