package curation

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loaders"
)

// UpdateClaim changes a claim: the stored claim with the update's fields
// applied is checked against its article by the loaders' rules (problems
// at `input.<field>`), then written over the version the client read. An
// updated draft becomes a reviewed claim.
func (s *Service) UpdateClaim(ctx context.Context, id string, in ClaimUpdate, expected int, reason string) (graph.Claim, error) {
	rev, err := s.begin(ctx, UpdateClaim, reason, false)
	if err != nil {
		return graph.Claim{}, err
	}
	old, err := s.claim(ctx, id, &expected)
	if err != nil {
		return graph.Claim{}, err
	}
	arts, err := s.Graph.ArticlesByID(ctx, []string{old.ArticleID})
	if err != nil {
		return graph.Claim{}, fmt.Errorf("reading article %q: %w", old.ArticleID, err)
	}
	art, ok := arts[old.ArticleID]
	if !ok {
		return graph.Claim{}, graph.Errorf(graph.EINTERNAL, "claim %q names article %q, which is missing", id, old.ArticleID)
	}
	ci := apply(inputOf(old), in)
	var l lengths
	l.claim("input.", ci)
	if err := l.err(); err != nil {
		return graph.Claim{}, err
	}
	var refs []string
	for _, r := range []string{ci.Subject, ci.Object, deref(ci.AttributedTo)} {
		if k := graph.NameKey(r); k != "" && k != "article" {
			refs = append(refs, r)
		}
	}
	known, err := s.known(ctx, refs)
	if err != nil {
		return graph.Claim{}, err
	}
	d := &loaders.Document{}
	published := art.PublishedAt
	if published == "" {
		published = loaders.Unknown
	}
	a := ArticleInput{ID: art.ID, Title: art.Title, Text: art.Text, PublishedAt: published,
		Dateline: opt(art.Dateline), Source: opt(art.Source), URL: opt(art.URL), Note: opt(art.Note)}
	root := d.Map("",
		loaders.Field{Key: "format", Value: d.Str("", loaders.Format)},
		loaders.Field{Key: "article", Value: articleNode(d, "article", a)},
		loaders.Field{Key: "actors", Value: d.Seq("", nil)},
		loaders.Field{Key: "claims", Value: d.Seq("", []*yaml.Node{claimNode(d, "input", ci)})},
	)
	load, err := loaders.ParseDocument(d, root, func(string) ([]byte, error) { return []byte(art.Text), nil }, known)
	if err != nil {
		return graph.Claim{}, documentError(err)
	}
	c := load.Claims[0].Stored(art)
	c.Retracted, c.RetractedAt, c.RetractedBy, c.RetractReason = old.Retracted, old.RetractedAt, old.RetractedBy, old.RetractReason
	before, after := diff(claimFields(old), claimFields(c))
	if len(after) == 0 {
		return old, nil // nothing changes: no new version, no revision
	}
	rev.Targets = []string{id}
	rev.Before, rev.After = asJSON(before), asJSON(after)
	return s.Store.ChangeClaim(ctx, c, old.Version, rev)
}

// RetractClaim marks a claim retracted by the caller, now, for reason.
func (s *Service) RetractClaim(ctx context.Context, id, reason string, expected *int) (graph.Claim, error) {
	rev, err := s.begin(ctx, RetractClaim, reason, true)
	if err != nil {
		return graph.Claim{}, err
	}
	old, err := s.claim(ctx, id, expected)
	if err != nil {
		return graph.Claim{}, err
	}
	if old.Retracted {
		return graph.Claim{}, graph.Errorf(graph.EINVALID, "claim %q is already retracted (by %s at %s)", id, old.RetractedBy, old.RetractedAt.Format("2006-01-02T15:04:05Z"))
	}
	c := old
	c.Retracted, c.RetractedAt, c.RetractedBy, c.RetractReason = true, rev.At, rev.ByName, rev.Reason
	rev.Targets = []string{id}
	rev.Before = asJSON(map[string]any{"retracted": false})
	rev.After = asJSON(map[string]any{"retracted": true, "retractedAt": rev.At, "retractedBy": rev.ByName, "retractReason": rev.Reason})
	return s.Store.ChangeClaim(ctx, c, old.Version, rev)
}

// RestoreClaim reverses a claim's retraction.
func (s *Service) RestoreClaim(ctx context.Context, id, reason string, expected *int) (graph.Claim, error) {
	rev, err := s.begin(ctx, RestoreClaim, reason, false)
	if err != nil {
		return graph.Claim{}, err
	}
	old, err := s.claim(ctx, id, expected)
	if err != nil {
		return graph.Claim{}, err
	}
	if !old.Retracted {
		return graph.Claim{}, graph.Errorf(graph.EINVALID, "claim %q is not retracted", id)
	}
	hist, err := s.Store.History(ctx, id, MaxRevisionsPerQuery)
	if err != nil {
		return graph.Claim{}, err
	}
	for _, h := range hist {
		if h.Action == RetractClaim {
			rev.Undoes = h.ID
			break
		}
	}
	c := old
	c.Retracted, c.RetractedBy, c.RetractReason = false, "", ""
	c.RetractedAt = time.Time{}
	rev.Targets = []string{id}
	rev.Before = asJSON(map[string]any{"retracted": true, "retractedAt": old.RetractedAt, "retractedBy": old.RetractedBy, "retractReason": old.RetractReason})
	rev.After = asJSON(map[string]any{"retracted": false})
	return s.Store.ChangeClaim(ctx, c, old.Version, rev)
}

// claim reads a claim and, when expected is given, checks its version.
func (s *Service) claim(ctx context.Context, id string, expected *int) (graph.Claim, error) {
	cs, err := s.Graph.ClaimsByID(ctx, []string{id})
	if err != nil {
		return graph.Claim{}, fmt.Errorf("reading claim %q: %w", id, err)
	}
	c, ok := cs[id]
	if !ok {
		return graph.Claim{}, graph.Errorf(graph.ENOTFOUND, "no claim %q", id)
	}
	if expected != nil && *expected != c.Version {
		return graph.Claim{}, ConflictError("claim", id, c.Version, *expected)
	}
	return c, nil
}

// ConflictError is the ECONFLICT error of a change made against version
// expected of an entity now at version current. Stores use it too.
func ConflictError(what, id string, current, expected int) error {
	return graph.Errorf(graph.ECONFLICT, "%s %q is at version %d, not %d: it changed since it was read; read it again and retry", what, id, current, expected)
}

// inputOf is a stored claim as a claims file would write it.
func inputOf(c graph.Claim) ClaimInput {
	in := ClaimInput{
		Key: keyOf(c.ID), Subject: c.SubjectID, SubjectText: opt(c.SubjectText), Type: c.Relation,
		Object: c.ObjectID, ObjectText: opt(c.ObjectText), Certainty: c.Certainty,
		OwnStatement: &c.OwnStatement, Quote: c.Quote, Start: &c.Start, Note: opt(c.Note),
		TimeCue: opt(c.Time.Cue), TimeFrom: opt(c.Time.From), TimeTo: opt(c.Time.To), AttributedTo: opt(c.AttributedToID),
	}
	if c.SubjectSpan.Recorded() {
		in.SubjectStart = &c.SubjectSpan.Start
	}
	if c.ObjectSpan.Recorded() {
		in.ObjectStart = &c.ObjectSpan.Start
	}
	if c.Conditional && c.Condition != "" {
		in.Condition = &c.Condition
	}
	if st := c.Time.StatusOrOngoing(); st != "" {
		in.TimeStatus = &st
	}
	return in
}

// apply returns in with the update's fields. A new subject or object
// without its words takes the reference's; a new quote without a start
// is looked for from the text's beginning.
func apply(in ClaimInput, u ClaimUpdate) ClaimInput {
	if u.Subject != nil {
		in.Subject, in.SubjectText, in.SubjectStart = *u.Subject, nil, nil
	}
	if u.SubjectText != nil {
		in.SubjectText, in.SubjectStart = emptyNil(u.SubjectText), nil
	}
	if u.SubjectStart != nil {
		in.SubjectStart = u.SubjectStart
	}
	if u.Object != nil {
		in.Object, in.ObjectText, in.ObjectStart = *u.Object, nil, nil
	}
	if u.ObjectText != nil {
		in.ObjectText, in.ObjectStart = emptyNil(u.ObjectText), nil
	}
	if u.ObjectStart != nil {
		in.ObjectStart = u.ObjectStart
	}
	if u.Type != nil {
		in.Type = *u.Type
	}
	if u.Certainty != nil {
		in.Certainty = *u.Certainty
	}
	if u.OwnStatement != nil {
		in.OwnStatement = u.OwnStatement
	}
	if u.Conditional != nil && !*u.Conditional {
		in.Condition = nil
	}
	if u.Condition != nil {
		in.Condition = u.Condition
	}
	if u.TimeStatus != nil {
		in.TimeStatus = u.TimeStatus
	}
	if u.TimeCue != nil {
		in.TimeCue = emptyNil(u.TimeCue)
	}
	if u.TimeFrom != nil {
		in.TimeFrom = emptyNil(u.TimeFrom)
	}
	if u.TimeTo != nil {
		in.TimeTo = emptyNil(u.TimeTo)
	}
	if u.AttributedTo != nil {
		in.AttributedTo = u.AttributedTo
	}
	if u.Quote != nil {
		in.Quote, in.Start = *u.Quote, nil
	}
	if u.Start != nil {
		in.Start = u.Start
	}
	if u.Note != nil {
		in.Note = emptyNil(u.Note)
	}
	return in
}

// claimFields is a claim's curated fields by name, for revisions' Before
// and After and for telling whether a claim changed.
func claimFields(c graph.Claim) map[string]any {
	m := map[string]any{
		"subject": c.SubjectID, "subjectText": c.SubjectText, "subjectSpan": c.SubjectSpan,
		"type": c.Relation, "object": c.ObjectID, "objectText": c.ObjectText, "objectSpan": c.ObjectSpan,
		"certainty": c.Certainty, "ownStatement": c.OwnStatement, "conditional": c.Conditional,
		"condition": c.Condition, "conditionSpan": c.ConditionSpan, "time": c.Time, "attributedTo": c.AttributedToID,
		"quote": c.Quote, "start": c.Start, "end": c.End, "note": c.Note, "draft": c.Draft,
	}
	for k, v := range m {
		b, _ := json.Marshal(v)
		m[k] = json.RawMessage(b)
	}
	return m
}

// claimJSON is claimFields as one string, to compare claims.
func claimJSON(c graph.Claim) string { return asJSON(claimFields(c)) }

// diff returns the fields whose values differ, before and after.
func diff(old, new map[string]any) (before, after map[string]any) {
	before, after = map[string]any{}, map[string]any{}
	for k, v := range new {
		if string(old[k].(json.RawMessage)) != string(v.(json.RawMessage)) {
			before[k], after[k] = old[k], v
		}
	}
	return before, after
}

func keyOf(id string) string {
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] == '/' {
			return id[i+1:]
		}
	}
	return id
}

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func emptyNil(p *string) *string {
	if p == nil || *p == "" {
		return nil
	}
	return p
}
