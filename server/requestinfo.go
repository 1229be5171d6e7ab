package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"sync"
)

// RequestIDHeader carries the request id: taken from the request when it
// is a sane token, generated otherwise, and always echoed in the response.
const RequestIDHeader = "X-Request-Id"

// requestInfo is what the logs and metrics know about the request in
// flight; the GraphQL layer fills in the operation name once it is known.
type requestInfo struct {
	id        string
	mu        sync.Mutex
	op        string
	succeeded bool // the operation ran without errors
}

func (ri *requestInfo) setOperation(name string) {
	ri.mu.Lock()
	ri.op = name
	ri.mu.Unlock()
}

func (ri *requestInfo) succeed() {
	ri.mu.Lock()
	ri.succeeded = true
	ri.mu.Unlock()
}

func (ri *requestInfo) ok() bool {
	ri.mu.Lock()
	defer ri.mu.Unlock()
	return ri.succeeded
}

func (ri *requestInfo) operation() string {
	ri.mu.Lock()
	defer ri.mu.Unlock()
	return ri.op
}

type infoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	ri, _ := ctx.Value(infoKey{}).(*requestInfo)
	return ri
}

// RequestID returns the id of the request ctx belongs to, or "".
func RequestID(ctx context.Context) string {
	if ri := infoFrom(ctx); ri != nil {
		return ri.id
	}
	return ""
}

var requestIDRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestInfo gives every request an id and a place for its operation name.
func withRequestInfo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !requestIDRE.MatchString(id) {
			id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), infoKey{}, &requestInfo{id: id})))
	})
}

func newRequestID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// LogHandler wraps h so that every record logged with a request's context
// carries the request id ("request_id") and, once known, the GraphQL
// operation name ("operation").
func LogHandler(h slog.Handler) slog.Handler { return contextHandler{h} }

type contextHandler struct{ slog.Handler }

func (h contextHandler) Handle(ctx context.Context, r slog.Record) error {
	if ri := infoFrom(ctx); ri != nil {
		r.AddAttrs(slog.String("request_id", ri.id))
		if op := ri.operation(); op != "" {
			r.AddAttrs(slog.String("operation", op))
		}
	}
	return h.Handler.Handle(ctx, r)
}

func (h contextHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return contextHandler{h.Handler.WithAttrs(as)}
}

func (h contextHandler) WithGroup(name string) slog.Handler {
	return contextHandler{h.Handler.WithGroup(name)}
}
