package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
)

// statser counts the graph; the Neo4j store is one.
type statser interface {
	Stats(ctx context.Context) (graph.Stats, error)
}

// exportChunk is how much of an export is written at a time.
const exportChunk = 64 << 10

// mountExport serves GET /export/{format}[?neighbourhood=ID&depth=N][&claims=nodes]:
// the whole graph, or one actor's neighbourhood, as a download.
//
// An export is an expensive operation: it takes a slot of admission
// control, runs under the request deadline, and holds at most
// Limits.MaxExportElements actors, relationships and claims (the whole
// graph is counted before anything is read; a neighbourhood, which the
// traversal limit bounds, once it is read). The file is sent in chunks
// as it is written out, under the same deadline. Errors are JSON of the
// shape /graphql answers with.
func mountExport(mux *http.ServeMux, src export.Source, lim Limits, adm *admission, log *slog.Logger) {
	mux.HandleFunc("GET /export/{format}", func(w http.ResponseWriter, r *http.Request) {
		f, err := export.ParseFormat(r.PathValue("format"))
		if err != nil {
			httpError(w, r, log, err)
			return
		}
		q := r.URL.Query()
		mode, err := export.ParseClaimsMode(q.Get("claims"))
		if err != nil {
			httpError(w, r, log, err)
			return
		}
		req := export.Request{Neighbourhood: q.Get("neighbourhood"), Claims: mode}
		if d := q.Get("depth"); d != "" {
			n, err := strconv.Atoi(d)
			if err != nil {
				httpError(w, r, log, graph.Errorf(graph.EINVALID, "depth must be a whole number, got %q", d))
				return
			}
			req.Depth = n
		}
		ctx, cancel := context.WithTimeout(r.Context(), lim.RequestTimeout)
		defer cancel()
		release, gerr := adm.acquire(ctx)
		if gerr != nil {
			writeRequestError(w, mediaJSON, requestStatus(mediaGraphQLResponse, codeOf(gerr)), gqlerror.List{gerr})
			return
		}
		defer release()
		tooBig := func(n int) error {
			return graph.Errorf(graph.ELIMIT, "the export would hold %d actors, relationships and claims, more than the limit of %d: export a neighbourhood instead", n, lim.MaxExportElements)
		}
		if st, ok := src.(statser); ok && req.Neighbourhood == "" {
			c, err := st.Stats(ctx)
			if err != nil {
				httpError(w, r, log, exportErr(ctx, err))
				return
			}
			if n := c.Actors + c.Relationships + c.Claims; n > lim.MaxExportElements {
				httpError(w, r, log, tooBig(n))
				return
			}
		}
		data, err := export.Collect(ctx, src, req)
		if err != nil {
			httpError(w, r, log, exportErr(ctx, err))
			return
		}
		if n := len(data.Graph.Nodes) + len(data.Graph.Edges) + len(data.Claims); n > lim.MaxExportElements {
			httpError(w, r, log, tooBig(n))
			return
		}
		b, err := export.Render(f, data)
		if err != nil {
			httpError(w, r, log, err)
			return
		}
		if ctx.Err() != nil {
			httpError(w, r, log, exportErr(ctx, ctx.Err()))
			return
		}
		name := "actorgraph"
		if req.Neighbourhood != "" {
			name += "-" + req.Neighbourhood
		}
		w.Header().Set("Content-Type", f.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+f.Extension()+`"`)
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		// A client too slow to take the file within the deadline is cut off.
		deadline, _ := ctx.Deadline()
		rc := http.NewResponseController(w)
		rc.SetWriteDeadline(deadline.Add(5 * time.Second))
		for len(b) > 0 {
			n := min(len(b), exportChunk)
			if _, err := w.Write(b[:n]); err != nil {
				return
			}
			b = b[n:]
			rc.Flush()
		}
	})
}

// exportErr reports a passed deadline as a timeout.
func exportErr(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && graph.ErrorCode(err) != graph.ETIMEOUT {
		return graph.Errorf(graph.ETIMEOUT, "the export ran past its time limit and was stopped")
	}
	return err
}

// httpError answers with the status the domain error code calls for and
// the error contract's JSON; the details of internal errors are logged,
// not shown.
func httpError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	code := graph.ErrorCode(err)
	status := http.StatusInternalServerError
	switch code {
	case graph.EINVALID:
		status = http.StatusBadRequest
	case graph.ENOTFOUND:
		status = http.StatusNotFound
	case graph.ELIMIT:
		status = http.StatusRequestEntityTooLarge
	case graph.ETIMEOUT:
		status = http.StatusGatewayTimeout
	case graph.EUNAVAILABLE, graph.EOVERLOADED:
		status = http.StatusServiceUnavailable
	default:
		log.ErrorContext(r.Context(), "internal error", "path", r.URL.Path, "err", err)
	}
	if code == graph.EOVERLOADED {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	}
	b, _ := json.Marshal(errorResponse{Errors: gqlerror.List{newError(code, graph.ErrorMessage(err))}})
	w.Header().Set("Content-Type", mediaJSON+"; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}
