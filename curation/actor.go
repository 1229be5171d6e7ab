package curation

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

// CreateActor creates an actor, checked by the rules of a claims file's
// actors; its id, name and aliases may not be another actor's.
func (s *Service) CreateActor(ctx context.Context, in ActorInput, reason string) (graph.Actor, error) {
	rev, err := s.begin(ctx, CreateActor, reason, false)
	if err != nil {
		return graph.Actor{}, err
	}
	var l lengths
	l.actor("input.", in)
	if err := l.err(); err != nil {
		return graph.Actor{}, err
	}
	d := &loaders.Document{}
	actors, err := loaders.ParseActors(d, d.Seq("input", []*yaml.Node{actorNode(d, "input", in)}))
	if err != nil {
		return graph.Actor{}, documentError(err)
	}
	a := actors[0]
	a.Aliases = nonNil(dedupe(a.Aliases, a.Name))
	have, err := s.Graph.ActorsByID(ctx, []string{a.ID})
	if err != nil {
		return graph.Actor{}, fmt.Errorf("reading actor %q: %w", a.ID, err)
	}
	var ps []graph.Problem
	if _, ok := have[a.ID]; ok {
		ps = append(ps, problem("input.id", "actor %q is already in the graph", a.ID))
	}
	conflicts, err := s.nameConflicts(ctx, []ActorInput{{ID: a.ID, Name: a.Name, Aliases: a.Aliases}}, "", nil)
	if err != nil {
		return graph.Actor{}, err
	}
	if ps = append(ps, conflicts...); len(ps) > 0 {
		return graph.Actor{}, invalid(ps...)
	}
	rev.Targets = []string{a.ID}
	rev.After = asJSON(actorFields(a))
	return s.Store.CreateActor(ctx, a, rev)
}

// UpdateActor changes an actor's name, kind or description.
func (s *Service) UpdateActor(ctx context.Context, id string, in ActorUpdate, expected int, reason string) (graph.Actor, error) {
	rev, err := s.begin(ctx, UpdateActor, reason, false)
	if err != nil {
		return graph.Actor{}, err
	}
	old, err := s.actor(ctx, id, expected)
	if err != nil {
		return graph.Actor{}, err
	}
	var l lengths
	l.maxp("input.name", in.Name, MaxNameLength)
	l.maxp("input.description", in.Description, MaxNoteLength)
	if err := l.err(); err != nil {
		return graph.Actor{}, err
	}
	a := old
	if in.Name != nil {
		if a.Name = strings.TrimSpace(*in.Name); a.Name == "" {
			return graph.Actor{}, invalid(problem("input.name", "actor name is empty"))
		}
	}
	if in.Kind != nil {
		a.Kind = *in.Kind
	}
	if in.Description != nil {
		a.Description = strings.TrimSpace(*in.Description)
	}
	if graph.NameKey(a.Name) != graph.NameKey(old.Name) {
		conflicts, err := s.nameConflicts(ctx, []ActorInput{{ID: a.ID, Name: a.Name}}, "", nil)
		if err != nil {
			return graph.Actor{}, err
		}
		if len(conflicts) > 0 {
			return graph.Actor{}, invalid(conflicts...)
		}
		a.Aliases = dedupe(a.Aliases, a.Name)
	}
	before, after := diff(rawFields(actorFields(old)), rawFields(actorFields(a)))
	if len(after) == 0 {
		return old, nil
	}
	rev.Targets = []string{id}
	rev.Before, rev.After = asJSON(before), asJSON(after)
	return s.Store.ChangeActor(ctx, a, old.Version, rev)
}

// SetAliases sets an actor's complete alias list.
func (s *Service) SetAliases(ctx context.Context, id string, aliases []string, expected int, reason string) (graph.Actor, error) {
	rev, err := s.begin(ctx, SetAliases, reason, false)
	if err != nil {
		return graph.Actor{}, err
	}
	var l lengths
	l.aliases("aliases", aliases)
	var ps []graph.Problem
	for i, al := range aliases {
		if strings.TrimSpace(al) == "" {
			ps = append(ps, problem(fmt.Sprintf("aliases[%d]", i), "alias is empty"))
		}
	}
	if err := l.err(); err != nil {
		return graph.Actor{}, err
	}
	if len(ps) > 0 {
		return graph.Actor{}, invalid(ps...)
	}
	old, err := s.actor(ctx, id, expected)
	if err != nil {
		return graph.Actor{}, err
	}
	a := old
	a.Aliases = nonNil(dedupe(aliases, a.Name))
	var added []ActorInput
	for _, al := range a.Aliases {
		if !slices.ContainsFunc(old.Aliases, func(o string) bool { return graph.NameKey(o) == graph.NameKey(al) }) {
			added = append(added, ActorInput{ID: id, Name: al})
		}
	}
	if len(added) > 0 {
		names := make([]string, len(added))
		for i, x := range added {
			names[i] = x.Name
		}
		conflicts, err := s.nameConflicts(ctx, []ActorInput{{ID: id, Name: a.Name, Aliases: names}}, "", nil)
		if err != nil {
			return graph.Actor{}, err
		}
		for i := range conflicts {
			// Point at the alias as the caller sent it.
			for j, al := range aliases {
				if strings.Contains(conflicts[i].Message, fmt.Sprintf("%q", al)) {
					conflicts[i].Path = fmt.Sprintf("aliases[%d]", j)
					break
				}
			}
		}
		if len(conflicts) > 0 {
			return graph.Actor{}, invalid(conflicts...)
		}
	}
	if slices.Equal(a.Aliases, old.Aliases) {
		return old, nil
	}
	rev.Targets = []string{id}
	rev.Before = asJSON(map[string]any{"aliases": nonNil(old.Aliases)})
	rev.After = asJSON(map[string]any{"aliases": a.Aliases})
	return s.Store.ChangeActor(ctx, a, old.Version, rev)
}

// MergeActors merges remove into keep: remove's claims become keep's,
// its name and aliases keep's aliases, and it stops being an actor. A
// claim linking the two would link keep to itself: the merge is refused
// and the store's error lists those claims.
func (s *Service) MergeActors(ctx context.Context, keep, remove, reason string) (MergeResult, error) {
	rev, err := s.begin(ctx, MergeActors, reason, true)
	if err != nil {
		return MergeResult{}, err
	}
	if keep == remove {
		return MergeResult{}, invalid(problem("remove", "cannot merge actor %q into itself", keep))
	}
	for _, id := range []string{keep, remove} {
		if _, err := s.actor(ctx, id, -1); err != nil {
			return MergeResult{}, err
		}
	}
	return s.Store.MergeActors(ctx, keep, remove, rev)
}

// UnmergeActors undoes the merge its revision recorded.
func (s *Service) UnmergeActors(ctx context.Context, revision, reason string) (MergeResult, error) {
	rev, err := s.begin(ctx, UnmergeActors, reason, true)
	if err != nil {
		return MergeResult{}, err
	}
	m, err := s.Store.Revision(ctx, revision)
	if err != nil {
		return MergeResult{}, err
	}
	if m.Action != MergeActors {
		return MergeResult{}, invalid(problem("revision", "revision %q is a %s, not a merge", revision, m.Action))
	}
	var rec MergeRecord
	if err := json.Unmarshal([]byte(m.Before), &rec); err != nil {
		return MergeResult{}, graph.Errorf(graph.EINTERNAL, "revision %q holds no merge record: %v", revision, err)
	}
	rev.Undoes = m.ID
	return s.Store.UnmergeActors(ctx, m, rev)
}

// actor reads an actor and, unless expected is -1, checks its version.
func (s *Service) actor(ctx context.Context, id string, expected int) (graph.Actor, error) {
	as, err := s.Graph.ActorsByID(ctx, []string{id})
	if err != nil {
		return graph.Actor{}, fmt.Errorf("reading actor %q: %w", id, err)
	}
	a, ok := as[id]
	if !ok {
		return graph.Actor{}, graph.Errorf(graph.ENOTFOUND, "no actor %q", id)
	}
	if expected != -1 && a.Version != expected {
		return graph.Actor{}, ConflictError("actor", id, a.Version, expected)
	}
	return a, nil
}

// dedupe drops aliases equal (under graph.NameKey) to an earlier one or to
// the name, trimming each.
func dedupe(aliases []string, name string) []string {
	seen := map[string]bool{graph.NameKey(name): true}
	var out []string
	for _, a := range aliases {
		a = strings.TrimSpace(a)
		if k := graph.NameKey(a); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

func actorFields(a graph.Actor) map[string]any {
	return map[string]any{"name": a.Name, "kind": a.Kind, "description": a.Description, "aliases": nonNil(a.Aliases)}
}

func rawFields(m map[string]any) map[string]any {
	for k, v := range m {
		b, _ := json.Marshal(v)
		m[k] = json.RawMessage(b)
	}
	return m
}
