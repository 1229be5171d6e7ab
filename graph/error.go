package graph

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. The store maps driver failures onto
// them; the GraphQL layer maps them onto client-facing messages.
const (
	EINVALID     = "invalid"     // the request or input is malformed
	ENOTFOUND    = "not_found"   // the requested entity does not exist
	EUNAVAILABLE = "unavailable" // the graph database cannot be reached
	EOVERLOADED  = "overloaded"  // the server or the graph database has no capacity for the request now; try again shortly
	ETIMEOUT     = "timeout"     // the request or a query ran past its time limit and was stopped
	ELIMIT       = "limit"       // the request exceeds a cost or size limit of the API
	ECONFLICT    = "conflict"    // the entity changed since the client read it (optimistic versioning); nothing was written
	EINTERNAL    = "internal"    // anything else; details are logged, not shown

	// Access control (package auth); the HTTP layer answers them with
	// 401, 403 and 429.
	EUNAUTHENTICATED = "unauthenticated" // no valid API token where one is needed, or a bad or revoked one
	EFORBIDDEN       = "forbidden"       // the caller's role does not allow this
	ERATELIMITED     = "rate_limited"    // too many failed attempts from this client; retry later
)

// Error is a domain error with a machine-readable code and a message that is
// safe to show to API clients.
type Error struct {
	Code    string
	Message string
	// Problems, when not empty, lists each thing wrong with an input by
	// where it is (`claims[3].objectText`), for a client to show next to
	// the field; Message then joins them.
	Problems []Problem
}

// Problem is one thing wrong with one field of an input.
type Problem struct {
	// Path names the field: `article.title`, `claims[3].objectText`; ""
	// for the input as a whole.
	Path string
	// Message says what is wrong, as `actorgraph check` says it of a file.
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the client-safe message of err: the message of its
// *Error, or a generic text for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
