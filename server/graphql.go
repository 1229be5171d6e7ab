package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/graph"
)

// The response media types of GraphQL over HTTP.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// allowedMethods is the Allow header of /graphql.
const allowedMethods = "GET, POST, OPTIONS"

// graphqlHandler serves /graphql: GraphQL over HTTP (GET and POST) by the
// specification, with the limits, admission control and error contract
// of this package. It drives gqlgen's executor itself rather than through
// gqlgen's handler, whose transports answer some errors as plain text,
// give request errors a data key and 422 whatever the client accepts.
type graphqlHandler struct {
	exec   *executor.Executor
	schema *ast.Schema
	lim    Limits
	m      *Metrics
	log    *slog.Logger
	adm    *admission
}

// newGraphQL builds the executor with its extensions in the order they
// must run: persisted queries fill in the query text, the shape check
// bounds the document before gqlgen validates it, the operation name is
// recorded, then (after validation) introspection is allowed, string
// arguments are checked and the cost is added up.
func newGraphQL(es graphql.ExecutableSchema, lim Limits, introspection bool, m *Metrics, log *slog.Logger, adm *admission) *graphqlHandler {
	exec := executor.New(es)
	cache := lru.New[*ast.QueryDocument](1000)
	exec.SetQueryCache(cache)
	exec.SetParserTokenLimit(lim.MaxTokens)
	exec.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](lim.APQCacheSize)})
	exec.Use(shapeCheck{schema: es.Schema(), lim: lim, cache: cache})
	exec.Use(operationName{})
	exec.Use(authorize{})
	if introspection {
		exec.Use(extension.Introspection{})
	}
	exec.Use(argumentCheck{maxLen: lim.MaxStringLength})
	exec.Use(costLimit{es: es, max: lim.MaxComplexity})
	exec.SetErrorPresenter(presentError(log, m))
	exec.SetRecoverFunc(func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", v, "stack", string(debug.Stack()))
		return errors.New("internal error")
	})
	return &graphqlHandler{exec: exec, schema: es.Schema(), lim: lim, m: m, log: log, adm: adm}
}

func (h *graphqlHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	media, ok := negotiate(r.Header.Values("Accept"))
	refuse := func(status int, code, format string, args ...any) {
		if sw, ok := w.(*statusWriter); ok {
			sw.refused = true
		}
		h.m.countError(code)
		writeRequestError(w, media, status, gqlerror.List{newError(code, fmt.Sprintf(format, args...))})
	}
	if !ok {
		media = mediaJSON
		refuse(http.StatusNotAcceptable, graph.EINVALID, "the Accept header allows neither %s nor %s", mediaGraphQLResponse, mediaJSON)
		return
	}
	if int64(len(r.URL.RawQuery)) > h.lim.MaxBodyBytes {
		refuse(http.StatusRequestEntityTooLarge, graph.ELIMIT, "query string is longer than the limit of %d bytes", h.lim.MaxBodyBytes)
		return
	}
	var params *graphql.RawParams
	switch r.Method {
	case http.MethodGet:
		p, err := paramsFromURL(r.URL.Query())
		if err != nil {
			refuse(http.StatusBadRequest, graph.EINVALID, "%v", err)
			return
		}
		params = p
	case http.MethodPost:
		if mt, ps, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != mediaJSON ||
			(ps["charset"] != "" && !strings.EqualFold(ps["charset"], "utf-8")) {
			refuse(http.StatusUnsupportedMediaType, graph.EINVALID, "a POST body must be %s (in UTF-8), not %q", mediaJSON, r.Header.Get("Content-Type"))
			return
		}
		maxBody := h.lim.MaxBodyBytes
		if p, ok := auth.FromContext(r.Context()); ok && p.Role.Includes(auth.Editor) {
			maxBody = max(maxBody, h.lim.MaxEditBodyBytes)
		}
		if r.ContentLength > maxBody {
			refuse(http.StatusRequestEntityTooLarge, graph.ELIMIT, "request body is larger than the limit of %d bytes", maxBody)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		r.Body.Close()
		switch {
		case err != nil:
			refuse(http.StatusBadRequest, graph.EINVALID, "could not read the request body")
			return
		case int64(len(body)) > maxBody:
			refuse(http.StatusRequestEntityTooLarge, graph.ELIMIT, "request body is larger than the limit of %d bytes", maxBody)
			return
		}
		p, err := paramsFromJSON(body)
		if err != nil {
			refuse(http.StatusBadRequest, graph.EINVALID, "%v", err)
			return
		}
		params = p
	case http.MethodOptions:
		w.Header().Set("Allow", allowedMethods)
		w.WriteHeader(http.StatusNoContent)
		return
	default:
		w.Header().Set("Allow", allowedMethods)
		refuse(http.StatusMethodNotAllowed, graph.EINVALID, "method %s is not allowed: use GET or POST", r.Method)
		return
	}
	if params.Query == "" && params.Extensions["persistedQuery"] == nil {
		refuse(http.StatusBadRequest, graph.EINVALID, "the request has no query")
		return
	}
	params.Headers = r.Header

	// Every request gets RequestTimeout, except an operation that drafts
	// an article (draftArticle), which parses it with the NLP server and
	// gets DraftTimeout from the same start once it is known to draft.
	start := time.Now()
	long, cancelLong := context.WithTimeout(graphql.StartOperationTrace(r.Context()), max(h.lim.RequestTimeout, h.lim.DraftTimeout))
	defer cancelLong()
	ctx, cancel := context.WithDeadline(long, start.Add(h.lim.RequestTimeout))
	defer cancel()
	defer func() {
		// Resolver panics are recovered by the executor; this is for ours.
		if v := recover(); v != nil {
			h.exec.PresentRecoveredError(ctx, v)
			writeRequestError(w, media, http.StatusInternalServerError, gqlerror.List{newError(graph.EINTERNAL, "internal error")})
		}
	}()
	h.serve(ctx, long, w, r.Method, media, params)
}

// serve runs one decoded request: parse and validate (bounded by the
// shape check), admit, execute, and write the answer.
// drafting is the context of an operation that drafts: a later deadline.
func (h *graphqlHandler) serve(ctx, drafting context.Context, w http.ResponseWriter, method, media string, params *graphql.RawParams) {
	requestError := func(status int, errs gqlerror.List) {
		writeRequestError(w, media, status, capErrors(errs, h.lim.MaxErrors))
	}
	timeout := func() {
		h.m.countError(graph.ETIMEOUT)
		requestError(0, gqlerror.List{newError(graph.ETIMEOUT, "the request ran past its time limit and was stopped")})
	}
	if ctx.Err() != nil {
		timeout()
		return
	}
	oc, errs := h.exec.CreateOperationContext(ctx, params)
	if errs != nil {
		requestError(0, h.exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs).Errors)
		return
	}
	if ctx.Err() != nil { // validation finished past the deadline
		timeout()
		return
	}
	if method == http.MethodGet && oc.Operation.Operation != ast.Query {
		w.Header().Set("Allow", "POST")
		err := newError(graph.EINVALID, fmt.Sprintf("a %s cannot be sent with GET: use POST", oc.Operation.Operation))
		requestError(http.StatusMethodNotAllowed, h.exec.DispatchError(graphql.WithOperationContext(ctx, oc), gqlerror.List{err}).Errors)
		return
	}
	if drafts(oc) {
		ctx = drafting
	}
	if costOf(oc) >= h.lim.ExpensiveCost {
		release, err := h.adm.acquire(ctx)
		if err != nil {
			requestError(0, h.exec.DispatchError(graphql.WithOperationContext(ctx, oc), gqlerror.List{err}).Errors)
			return
		}
		defer release()
	}
	responses, ctx := h.exec.DispatchOperation(ctx, oc)
	resp := responses(ctx)
	if resp == nil { // the deadline passed before execution began
		timeout()
		return
	}
	if n := len(resp.Data); n > h.lim.MaxResponseBytes {
		err := newError(graph.ELIMIT, fmt.Sprintf("the response would be %d bytes, more than the limit of %d: ask for fewer items or fields", n, h.lim.MaxResponseBytes))
		h.m.countError(graph.ELIMIT)
		resp = &graphql.Response{Data: json.RawMessage("null"), Errors: gqlerror.List{err}}
	}
	resp.Errors = capErrors(resp.Errors, h.lim.MaxErrors)
	if ri := infoFrom(ctx); ri != nil && len(resp.Errors) == 0 {
		ri.succeed()
	}
	status := http.StatusOK
	if code, ok := accessError(resp.Errors); ok {
		// A field the caller's role may not see (@auth checks it again as
		// it resolves): the access status, as for a refused operation.
		status = errorCode(code).Status
		setChallenge(w.Header(), status, false)
	} else if isNull(resp.Data) && len(resp.Errors) > 0 && codeOf(resp.Errors[0]) == graph.EOVERLOADED {
		// Nothing was answered because Neo4j had no capacity: tell the
		// client to come back, as admission control does.
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		status = http.StatusServiceUnavailable
	}
	b, err := encodeResponse(resp)
	if err != nil {
		h.log.ErrorContext(ctx, "internal error", "err", fmt.Errorf("encode response: %w", err))
		requestError(http.StatusInternalServerError, gqlerror.List{newError(graph.EINTERNAL, "internal error")})
		return
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

// encodeResponse encodes an answer. One that holds data only is written
// as {"data":…} around the bytes the executor produced: json.Marshal
// would scan and compact that already compact JSON again, which for a
// large answer (a neighbourhood's thousands of edges) is a fifth of the
// request's CPU. The JSON value is the same; json.Marshal would also
// escape <, > and & inside strings, which JSON does not require and the
// JSON content type makes needless. Anything else goes through
// json.Marshal.
func encodeResponse(resp *graphql.Response) ([]byte, error) {
	if len(resp.Errors) > 0 || resp.Extensions != nil || resp.Label != "" || resp.Path != nil || resp.HasNext != nil || len(resp.Data) == 0 {
		return json.Marshal(resp)
	}
	b := make([]byte, 0, len(resp.Data)+len(`{"data":}`))
	b = append(b, `{"data":`...)
	b = append(b, resp.Data...)
	return append(b, '}'), nil
}

// draftFields are the mutations that parse an article with the NLP server.
var draftFields = map[string]bool{"draftArticle": true}

// drafts reports whether oc is a mutation that selects a draft field at its
// top level (directly or through fragments).
func drafts(oc *graphql.OperationContext) bool {
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return false
	}
	var walk func(ast.SelectionSet, int) bool
	walk = func(set ast.SelectionSet, depth int) bool {
		if depth > 16 { // fragments nest; validation has refused cycles
			return false
		}
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if draftFields[s.Name] {
					return true
				}
			case *ast.InlineFragment:
				if walk(s.SelectionSet, depth+1) {
					return true
				}
			case *ast.FragmentSpread:
				if s.Definition != nil && walk(s.Definition.SelectionSet, depth+1) {
					return true
				}
			}
		}
		return false
	}
	return walk(oc.Operation.SelectionSet, 0)
}

func isNull(data json.RawMessage) bool {
	return len(data) == 0 || bytes.Equal(bytes.TrimSpace(data), []byte("null"))
}

// negotiate picks the response media type from the Accept header:
// application/graphql-response+json or application/json, whichever the
// client prefers (q-values), application/json for none, */* or
// application/*. ok is false when the header allows neither.
func negotiate(accept []string) (media string, ok bool) {
	if len(accept) == 0 {
		return mediaJSON, true
	}
	best, bestQ := "", 0.0
	for _, header := range accept {
		for _, part := range strings.Split(header, ",") {
			mt, ps, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			q := 1.0
			if s, ok := ps["q"]; ok {
				if v, err := strconv.ParseFloat(s, 64); err == nil {
					q = v
				}
			}
			if cs := ps["charset"]; cs != "" && !strings.EqualFold(cs, "utf-8") {
				continue
			}
			var m string
			switch mt {
			case mediaGraphQLResponse:
				m = mediaGraphQLResponse
			case mediaJSON, "*/*", "application/*":
				m = mediaJSON
			default:
				continue
			}
			// At equal q, the first listed wins.
			if q > bestQ {
				best, bestQ = m, q
			}
		}
	}
	if best == "" {
		return "", false
	}
	return best, true
}

// wireParams is the JSON of a GraphQL-over-HTTP request.
type wireParams struct {
	Query         *string        `json:"query"`
	OperationName *string        `json:"operationName"`
	Variables     map[string]any `json:"variables"`
	Extensions    map[string]any `json:"extensions"`
}

// paramsFromJSON decodes a POST body strictly: one JSON object, nothing
// after it, query and operationName strings (or null), variables and
// extensions objects (or null).
func paramsFromJSON(body []byte) (*graphql.RawParams, error) {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return nil, errors.New("the request body is empty: send a JSON object with a query")
	case trimmed[0] == '[':
		return nil, errors.New("batched operations are not supported: send one operation per request")
	case trimmed[0] != '{':
		return nil, errors.New("the request body could not be decoded: it must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var wp wireParams
	if err := dec.Decode(&wp); err != nil {
		return nil, fmt.Errorf("the request body could not be decoded as a GraphQL request: %s", jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the request body could not be decoded: there is more after the JSON object")
	}
	return wp.params(), nil
}

// paramsFromURL reads a GET request's parameters; variables and
// extensions are JSON in the query string.
func paramsFromURL(q url.Values) (*graphql.RawParams, error) {
	var wp wireParams
	if v, ok := q["query"]; ok {
		wp.Query = &v[0]
	}
	if v := q.Get("operationName"); v != "" {
		wp.OperationName = &v
	}
	for _, p := range []struct {
		name string
		into *map[string]any
	}{{"variables", &wp.Variables}, {"extensions", &wp.Extensions}} {
		s := q.Get(p.name)
		if s == "" {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		if err := dec.Decode(p.into); err != nil {
			return nil, fmt.Errorf("the %s parameter could not be decoded: it must be a JSON object (%s)", p.name, jsonProblem(err))
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, fmt.Errorf("the %s parameter could not be decoded: there is more after the JSON object", p.name)
		}
	}
	return wp.params(), nil
}

func (wp wireParams) params() *graphql.RawParams {
	p := &graphql.RawParams{Variables: wp.Variables, Extensions: wp.Extensions}
	if wp.Query != nil {
		p.Query = *wp.Query
	}
	if wp.OperationName != nil {
		p.OperationName = *wp.OperationName
	}
	return p
}

// jsonProblem says what is wrong with a request's JSON without echoing it.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s must be %s, not a JSON %s", te.Field, wantType(te.Field), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON at byte %d", se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the JSON ends early"
	}
	return "invalid JSON"
}

func wantType(field string) string {
	switch field {
	case "query", "operationName":
		return "a string"
	}
	return "an object"
}
