package curation

import (
	"io"
	"strconv"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph"
)

// Revision records one change: who made it, when, what it did to what, and
// why. A store writes it in the same transaction as the change and never
// changes or deletes it.
type Revision struct {
	// ID is unique: "rev-" and 16 hex digits, random.
	ID string
	// At is when the change was committed, UTC.
	At time.Time
	// ByTokenID, ByName and ByRole identify the API token the change was
	// made with: its id, its name and its role at the time. A change made
	// on the command line has auth.CommandLineID and the operating
	// system's user name ("cli:alice", auth.CommandLine).
	ByTokenID string
	ByName    string
	ByRole    auth.Role
	// Action is what kind of change it was.
	Action Action
	// Targets are the ids of the claims, actors and articles it changed;
	// history(id) finds a revision by them.
	Targets []string
	// Before and After are JSON objects of the changed fields, before and
	// after ("{}" for nothing). A merge's Before holds everything needed
	// to undo it (MergeRecord).
	Before, After string
	// Reason is the curator's reason, or "".
	Reason string
	// Undoes is the revision this one reverses (an unmerge's merge, a
	// restoration's retraction), or "".
	Undoes string
}

// Action is the kind of a change. It is a closed set, defined by ActionTable.
type Action string

const (
	CommitArticle Action = "COMMIT_ARTICLE"
	UpdateClaim   Action = "UPDATE_CLAIM"
	RetractClaim  Action = "RETRACT_CLAIM"
	RestoreClaim  Action = "RESTORE_CLAIM"
	CreateActor   Action = "CREATE_ACTOR"
	UpdateActor   Action = "UPDATE_ACTOR"
	SetAliases    Action = "SET_ALIASES"
	MergeActors   Action = "MERGE_ACTORS"
	UnmergeActors Action = "UNMERGE_ACTORS"
	CreateToken   Action = "CREATE_TOKEN"
	RevokeToken   Action = "REVOKE_TOKEN"
)

// ActionInfo documents one action: one row of ActionTable.
type ActionInfo struct {
	// Action is the value, as the API and the store write it.
	Action Action
	// Mutation is the GraphQL mutation that records it.
	Mutation string
	// Role is the least role that may take the action.
	Role auth.Role
}

// ActionTable is the closed set of actions: the one place an action is
// defined. The schema's RevisionAction enum is checked against it
// (TestActionsMatchSchema), and so are the roles the schema's @auth
// directives give the mutations.
var ActionTable = []ActionInfo{
	{CommitArticle, "commitArticle", auth.Editor},
	{UpdateClaim, "updateClaim", auth.Editor},
	{RetractClaim, "retractClaim", auth.Editor},
	{RestoreClaim, "restoreClaim", auth.Editor},
	{CreateActor, "createActor", auth.Editor},
	{UpdateActor, "updateActor", auth.Editor},
	{SetAliases, "setAliases", auth.Editor},
	{MergeActors, "mergeActors", auth.Admin},
	{UnmergeActors, "unmergeActors", auth.Admin},
	// Token management: the mutations, and `actorgraph token create` and
	// `token revoke` (by auth.CommandLine), which the token stores record
	// with TokenRevision.
	{CreateToken, "createApiToken", auth.Admin},
	{RevokeToken, "revokeApiToken", auth.Admin},
}

// Info returns a's row of ActionTable, and whether there is one.
func (a Action) Info() (ActionInfo, bool) {
	for _, r := range ActionTable {
		if r.Action == a {
			return r, true
		}
	}
	return ActionInfo{}, false
}

// Valid reports whether a is one of ActionTable's actions.
func (a Action) Valid() bool { _, ok := a.Info(); return ok }

// MarshalGQL writes a as a GraphQL enum value.
func (a Action) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(a))) }

// UnmarshalGQL reads a from a GraphQL enum value.
func (a *Action) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !Action(s).Valid() {
		return graph.Errorf(graph.EINVALID, "%v is not a valid RevisionAction", v)
	}
	*a = Action(s)
	return nil
}

// RevisionFilter selects revisions for Store.Revisions.
type RevisionFilter struct {
	// ByTokenID: made with this token ("" for any).
	ByTokenID string
	// Since: at or after this time (zero for any).
	Since time.Time
}

// RevisionPage is one page of revisions, newest first.
type RevisionPage struct {
	Revisions []Revision
	// HasNext is true when more revisions follow.
	HasNext bool
}

// TokenRevision is the revision that records a change to an API token:
// CreateToken (before is nil) or RevokeToken, made by `by` at `at`. It
// targets the token's id, so history(tokenId) lists it, and its Before
// and After hold the token's id, name and role, and whether and when it
// was revoked: never its secret or hash. Token stores write it in the
// transaction that changes the token; both build it here, so that they
// record alike.
func TokenRevision(action Action, by auth.Principal, at time.Time, before *auth.Token, after auth.Token) Revision {
	state := func(t auth.Token) map[string]any {
		m := map[string]any{"id": t.ID, "name": t.Name, "role": string(t.Role), "revoked": t.Revoked()}
		if t.Revoked() {
			m["revokedAt"] = t.RevokedAt.UTC().Format(time.RFC3339Nano)
		}
		return m
	}
	b := "{}"
	if before != nil {
		b = asJSON(state(*before))
	}
	return Revision{
		ID: newRevisionID(), At: at.UTC(), ByTokenID: by.TokenID, ByName: by.Name, ByRole: by.Role,
		Action: action, Targets: []string{after.ID}, Before: b, After: asJSON(state(after)),
	}
}
