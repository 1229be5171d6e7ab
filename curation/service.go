package curation

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph"
)

// Graph is what the Service reads the graph through: its reads, and the
// writer's alias check (which also finds an actor by an exact name or
// alias).
type Graph interface {
	graph.Reader
	AliasConflicts(ctx context.Context, names []graph.ActorName, replacing []string) ([]graph.AliasConflict, error)
}

// Service carries out the curation mutations and answers the audit trail's
// reads. Each mutation checks the caller's role (auth.Require: the
// GraphQL layer checks it too, before anything runs), validates its
// input, reads what it needs to decide, and hands Store one change with
// the revision that records it. A change a curator computed from a stale
// read cannot land: the store writes only over the version the Service
// read (ECONFLICT otherwise).
type Service struct {
	// Store applies changes and keeps revisions.
	Store Store
	// Graph reads the graph (usually the same adapter as Store).
	Graph Graph
	// Drafter proposes claims for draftArticle; nil means NoDrafter.
	Drafter Drafter
	// Now returns the time revisions are stamped with; nil means
	// time.Now.
	Now func() time.Time
}

// Limits on the sizes of inputs, in Unicode code points unless said. An
// input over one is refused (EINVALID, naming the field and the limit)
// before anything is checked or written.
const (
	MaxTextLength        = 200_000 // an article's text
	MaxTitleLength       = 500     // an article's title
	MaxNameLength        = 200     // an actor's name or one alias; a dateline, source, key or reference
	MaxURLLength         = 2000    // an article's url
	MaxQuoteLength       = 5000    // a claim's quote and the words of its mentions and condition
	MaxNoteLength        = 1000    // a note, description or reason
	MaxClaimsPerArticle  = 2000    // claims in one commitArticle
	MaxActorsPerArticle  = 500     // new actors in one commitArticle
	MaxAliasesPerActor   = 200     // aliases of one actor
	MaxRevisionsPerQuery = 100     // history(first)
)

func (s *Service) now() time.Time {
	// Milliseconds: what every store keeps exactly.
	if s.Now != nil {
		return s.Now().UTC().Truncate(time.Millisecond)
	}
	return time.Now().UTC().Truncate(time.Millisecond)
}

func (s *Service) drafter() Drafter {
	if s.Drafter == nil {
		return NoDrafter{}
	}
	return s.Drafter
}

// begin checks the caller's role for action and starts its revision.
// reason is checked for length, and must be given when required.
func (s *Service) begin(ctx context.Context, action Action, reason string, required bool) (Revision, error) {
	info, ok := action.Info()
	if !ok {
		return Revision{}, graph.Errorf(graph.EINTERNAL, "unknown action %q", action)
	}
	if err := auth.Require(ctx, info.Role); err != nil {
		return Revision{}, err
	}
	p, _ := auth.FromContext(ctx)
	reason = strings.TrimSpace(reason)
	switch n := utf8.RuneCountInString(reason); {
	case n == 0 && required:
		return Revision{}, invalid(problem("reason", "a reason is required for %s", info.Mutation))
	case n > MaxNoteLength:
		return Revision{}, invalid(problem("reason", "at most %d characters, got %d", MaxNoteLength, n))
	}
	return Revision{
		ID: newRevisionID(), At: s.now(), ByTokenID: p.TokenID, ByName: p.Name, ByRole: p.Role,
		Action: action, Reason: reason, Before: "{}", After: "{}",
	}, nil
}

// newRevisionID returns "rev-" and 16 random hex digits.
func newRevisionID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on supported platforms
	}
	return "rev-" + hex.EncodeToString(b[:])
}

// problem is one graph.Problem.
func problem(path, format string, args ...any) graph.Problem {
	return graph.Problem{Path: path, Message: fmt.Sprintf(format, args...)}
}

// invalid is the EINVALID error listing problems; its message joins them.
func invalid(ps ...graph.Problem) error {
	lines := make([]string, len(ps))
	for i, p := range ps {
		if p.Path == "" {
			lines[i] = p.Message
		} else {
			lines[i] = p.Path + ": " + p.Message
		}
	}
	return &graph.Error{Code: graph.EINVALID, Message: strings.Join(lines, "; "), Problems: ps}
}

// asJSON writes v as a JSON object for a revision's Before or After.
func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// Draft proposes claims for an article; it writes nothing.
func (s *Service) Draft(ctx context.Context, in ArticleInput) (Draft, error) {
	if err := auth.Require(ctx, auth.Editor); err != nil {
		return Draft{}, err
	}
	var l lengths
	l.article("", in)
	if err := l.err(); err != nil {
		return Draft{}, err
	}
	a := graph.Article{ID: in.ID, Title: in.Title, Text: in.Text, PublishedAt: in.PublishedAt,
		Dateline: deref(in.Dateline), Source: deref(in.Source), URL: deref(in.URL), Note: deref(in.Note)}
	if a.PublishedAt == "unknown" {
		a.PublishedAt = ""
	}
	d, err := s.drafter().Draft(ctx, a, s.Graph.Search)
	if err != nil {
		return Draft{}, fmt.Errorf("drafting %q: %w", in.ID, err)
	}
	d.Drafter = s.drafter().Name()
	if d.Actors == nil {
		d.Actors = []graph.Actor{}
	}
	if d.Claims == nil {
		d.Claims = []graph.Claim{}
	}
	return d, nil
}

// History returns the revisions that changed id, newest first.
func (s *Service) History(ctx context.Context, id string, first int) ([]Revision, error) {
	if err := auth.Require(ctx, auth.Reader); err != nil {
		return nil, err
	}
	if first < 1 || first > MaxRevisionsPerQuery {
		return nil, graph.Errorf(graph.EINVALID, "first must be between 1 and %d, got %d", MaxRevisionsPerQuery, first)
	}
	return s.Store.History(ctx, id, first)
}

// Revisions returns one page of revisions, newest first.
func (s *Service) Revisions(ctx context.Context, f RevisionFilter, p graph.PageRequest) (RevisionPage, error) {
	if err := auth.Require(ctx, auth.Reader); err != nil {
		return RevisionPage{}, err
	}
	if err := p.Validate(); err != nil {
		return RevisionPage{}, err
	}
	if p.After != "" {
		if _, err := s.Store.Revision(ctx, p.After); err != nil {
			if graph.ErrorCode(err) == graph.ENOTFOUND {
				return RevisionPage{}, graph.Errorf(graph.EINVALID, "after is not a cursor from this connection")
			}
			return RevisionPage{}, err
		}
	}
	return s.Store.Revisions(ctx, f, p)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
