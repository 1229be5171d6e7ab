package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/graph"
)

// The error contract of /graphql. Every error response is GraphQL-shaped
// JSON, {"errors": [{"message": …, "extensions": {"code": …}}]}, and every
// error carries one of the codes below. A request error (the operation
// never ran: the request could not be read, parsed, validated or admitted)
// has no "data" key; an error met while the operation ran comes with
// "data". The HTTP status follows the GraphQL-over-HTTP specification: a
// client accepting application/graphql-response+json gets a 4xx (or 5xx)
// status for request errors, one accepting only application/json gets 200
// for every well-formed request.

// Codes that are not domain codes of package graph.
const (
	codeParse      = errcode.ParseFailed      // GRAPHQL_PARSE_FAILED
	codeValidation = errcode.ValidationFailed // GRAPHQL_VALIDATION_FAILED
	codeComplexity = "COMPLEXITY_LIMIT_EXCEEDED"
	codeAPQ        = "PERSISTED_QUERY_NOT_FOUND"
)

// ErrorCode is one row of the error contract.
type ErrorCode struct {
	// Code is the value of extensions.code.
	Code string
	// Meaning says when the code is used.
	Meaning string
	// Status is the HTTP status of a request error with this code for a
	// client accepting application/graphql-response+json; 0 when the code
	// is only ever met while an operation runs (200, with data).
	Status int
	// Always means Status holds for application/json clients too: the
	// server refuses the request for want of capacity. (Requests that are
	// not well-formed GraphQL-over-HTTP, such as bad JSON or a wrong
	// method, get their 4xx status whatever the client accepts.)
	Always bool
}

// ErrorCodes is every code a client can see in extensions.code, with its
// HTTP status. README's error table lists the same codes
// (TestErrorCodesAreDocumented).
var ErrorCodes = []ErrorCode{
	{codeParse, "the query is not GraphQL (a syntax error)", http.StatusBadRequest, false},
	{codeValidation, "the query does not fit the schema, names an unknown operation, or its variables do not fit their types", http.StatusBadRequest, false},
	{codeAPQ, "a persisted-query hash the server does not know: send the query text with it once", http.StatusBadRequest, false},
	{codeComplexity, "the operation costs more than the cost limit", http.StatusBadRequest, false},
	{graph.ELIMIT, "the request is over a size or shape limit (tokens, selections, aliases, depth, directives, repeated fields, response size); 413 for a body or query string over the size limit", http.StatusBadRequest, false},
	{graph.EINVALID, "the request is malformed (not JSON, no query, a batch, trailing bytes: 400; a method other than GET, POST or OPTIONS: 405; a body that is not JSON: 415; an Accept header the server cannot satisfy: 406), or an argument is out of range (while running: 200)", http.StatusBadRequest, false},
	{graph.ENOTFOUND, "an actor, article or other entity named by the request does not exist", 0, false},
	{graph.ECONFLICT, "a curation mutation's expectedVersion is not the stored version (someone changed the claim or actor since the client read it), or an unmerge after later changes; nothing was written", http.StatusConflict, true},
	{graph.ETIMEOUT, "the request ran past its deadline (draftArticle's is serve -nlp-timeout, the NLP server's parse included), or a Neo4j transaction past its timeout; the query is stopped on Neo4j too", http.StatusGatewayTimeout, false},
	{graph.EUNAVAILABLE, "Neo4j cannot be reached, or for draftArticle the CoreNLP server (the message names it and how to start it); the request fails within a second, the rest of the API is unaffected by the NLP server, and service resumes by itself when the server returns", 0, false},
	{graph.EOVERLOADED, "no capacity now: too many expensive operations in flight and queued, or Neo4j out of memory, transactions or connections; retry after Retry-After seconds", http.StatusServiceUnavailable, true},
	{graph.EUNAUTHENTICATED, "a mutation (or, with anonymous reads off, any request) without a valid API token: none, malformed, unknown or revoked", http.StatusUnauthorized, true},
	{graph.EFORBIDDEN, "the token's role is too low for the operation (mutations need editor; merges and token management need admin)", http.StatusForbidden, true},
	{graph.ERATELIMITED, "too many failed token attempts from this client; retry after Retry-After seconds", http.StatusTooManyRequests, true},
	{graph.EINTERNAL, "a bug; the client sees only \"internal error\", the details (with the request id) go to the log", http.StatusInternalServerError, false},
}

// accessError reports the code of the first access error (unauthenticated,
// forbidden, rate_limited) or conflict among errs, whose status the answer
// takes whatever the client accepts: a refused change is refused in the
// HTTP status too.
func accessError(errs gqlerror.List) (string, bool) {
	for _, e := range errs {
		switch c := codeOf(e); c {
		case graph.EUNAUTHENTICATED, graph.EFORBIDDEN, graph.ERATELIMITED, graph.ECONFLICT:
			return c, true
		}
	}
	return "", false
}

// errorCode returns the contract's row for code (EINTERNAL's for an unknown one).
func errorCode(code string) ErrorCode {
	for _, c := range ErrorCodes {
		if c.Code == code {
			return c
		}
	}
	return errorCode(graph.EINTERNAL)
}

// requestStatus is the HTTP status of a request error whose first error
// has the given code, for a client that accepts media.
func requestStatus(media, code string) int {
	c := errorCode(code)
	if c.Status == 0 || (media == mediaJSON && !c.Always) {
		return http.StatusOK
	}
	return c.Status
}

// retryAfter is the Retry-After of overloaded answers, in seconds.
const retryAfter = 1

// errorResponse is the body of a request error: no data key.
type errorResponse struct {
	Errors gqlerror.List `json:"errors"`
}

// writeRequestError writes a request error: GraphQL-shaped JSON with no
// data key, the status the contract gives its first code for media (or
// status, when not 0), and Retry-After for overloaded.
func writeRequestError(w http.ResponseWriter, media string, status int, errs gqlerror.List) {
	code := codeOf(errs[0])
	if status == 0 {
		status = requestStatus(media, code)
	}
	if code == graph.EOVERLOADED {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	}
	setChallenge(w.Header(), status, false)
	b, _ := json.Marshal(errorResponse{Errors: errs})
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

// newError returns a client error with the given code.
func newError(code, msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": code}}
}

func codeOf(e *gqlerror.Error) string {
	c, _ := e.Extensions["code"].(string)
	return c
}

// capErrors keeps the first max errors and says how many more there were:
// a query can make the validator report thousands.
func capErrors(errs gqlerror.List, max int) gqlerror.List {
	if len(errs) <= max {
		return errs
	}
	out := append(gqlerror.List{}, errs[:max]...)
	return append(out, newError(codeOf(errs[0]), strconv.Itoa(len(errs)-max)+" more errors not shown (at most "+strconv.Itoa(max)+" are returned)"))
}

// errIntrospectionDisabled replaces gqlgen's plain error when introspection
// is switched off, which would otherwise show as an internal error.
var errIntrospectionDisabled = graph.Errorf(graph.EINVALID, "introspection disabled: this server does not serve its schema")

// presentError gives every error a code of the contract. Domain errors
// show their message and code; internal details (Cypher, driver messages)
// are logged, not shown. Errors of gqlgen and the validator keep their
// message and get a code when they have none.
func presentError(log *slog.Logger, m *Metrics) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		var de *graph.Error
		var ge *gqlerror.Error
		if !errors.As(err, &de) && errors.As(err, &ge) && ge.Err == nil {
			// parse, validation and limit errors from gqlgen and ours
			code := codeOf(gerr)
			if code == "" {
				code = gqlgenCode(gerr)
				gerr.Extensions["code"] = code
			}
			m.countError(code)
			return gerr
		}
		if strings.HasSuffix(err.Error(), "introspection disabled") {
			err = errIntrospectionDisabled
		}
		code := graph.ErrorCode(err)
		m.countError(code)
		switch code {
		case graph.EINTERNAL:
			log.ErrorContext(ctx, "internal error", "path", gerr.Path.String(), "err", err)
		case graph.EUNAVAILABLE, graph.ETIMEOUT, graph.EOVERLOADED:
			log.WarnContext(ctx, "query failed", "code", code, "path", gerr.Path.String(), "err", err)
		}
		gerr.Message = graph.ErrorMessage(err)
		gerr.Extensions["code"] = code
		if de != nil && len(de.Problems) > 0 {
			ps := make([]map[string]string, len(de.Problems))
			for i, p := range de.Problems {
				ps[i] = map[string]string{"path": p.Path, "message": p.Message}
			}
			gerr.Extensions["problems"] = ps
		}
		return gerr
	}
}

// gqlgenCode names the errors gqlgen makes without a code: argument
// values it cannot unmarshal are invalid input, a null where the schema
// allows none is a bug of ours.
func gqlgenCode(e *gqlerror.Error) string {
	if len(e.Path) > 0 && strings.Contains(e.Message, "must not be null") {
		return graph.EINTERNAL
	}
	if len(e.Path) == 0 {
		return codeValidation
	}
	return graph.EINVALID
}
