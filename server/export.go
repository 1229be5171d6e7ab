package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
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
// traversal limit bounds, once it is read). The file is streamed as it is
// written (chunked: its length is not known beforehand), under the same
// deadline; a whole file ends with the trailer ExportStatusTrailer. Errors
// found before the first byte are JSON of the shape /graphql answers with;
// after it, an error breaks the response off (see ExportStatusTrailer).
func mountExport(mux *http.ServeMux, src export.Store, lim Limits, adm *admission, log *slog.Logger) {
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
		serveExport(w, r, f, req, src, lim, adm, log)
	})
	// POST /export/{format} with a selection as JSON: what a view has on
	// screen.
	mux.HandleFunc("POST /export/{format}", func(w http.ResponseWriter, r *http.Request) {
		f, err := export.ParseFormat(r.PathValue("format"))
		if err != nil {
			httpError(w, r, log, err)
			return
		}
		req, err := selectionRequest(w, r)
		if err != nil {
			httpError(w, r, log, err)
			return
		}
		serveExport(w, r, f, req, src, lim, adm, log)
	})
}

// maxSelectionBytes caps the body of a selection export: room for the ids
// and positions of the largest view the network query draws (20,000
// relationships and their actors).
const maxSelectionBytes = 8 << 20

// selectionBody is what POST /export/{format} takes: the ids of the
// actors and relationships to export, optionally where the view drew each
// actor, and the claims mode ("edges" or "nodes").
type selectionBody struct {
	Actors        []string                   `json:"actors"`
	Relationships []string                   `json:"relationships"`
	Positions     map[string]export.Position `json:"positions"`
	Claims        string                     `json:"claims"`
}

// selectionRequest reads a selection export's body; EINVALID, saying
// what is wrong, when it is not such JSON.
func selectionRequest(w http.ResponseWriter, r *http.Request) (export.Request, error) {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxSelectionBytes))
	dec.DisallowUnknownFields()
	var b selectionBody
	if err := dec.Decode(&b); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return export.Request{}, graph.Errorf(graph.ELIMIT, "the selection is larger than the limit of %d bytes", maxSelectionBytes)
		}
		return export.Request{}, graph.Errorf(graph.EINVALID, "the body must be a JSON selection {actors, relationships, positions, claims}: %v", err)
	}
	mode, err := export.ParseClaimsMode(b.Claims)
	if err != nil {
		return export.Request{}, err
	}
	return export.Request{
		Selection: &export.Selection{ActorIDs: b.Actors, RelationshipIDs: b.Relationships},
		Positions: b.Positions, Claims: mode,
	}, nil
}

// serveExport collects and streams one export.
func serveExport(w http.ResponseWriter, r *http.Request, f export.Format, req export.Request, src export.Store, lim Limits, adm *admission, log *slog.Logger) {
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
	if st, ok := src.(statser); ok && req.Neighbourhood == "" && req.Selection == nil {
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
	name := "actorgraph"
	switch {
	case req.Neighbourhood != "":
		name += "-" + req.Neighbourhood
	case req.Selection != nil:
		name += "-view"
	}
	var write func(io.Writer) error
	if f.Files() {
		// The claims files are read and written a batch of articles at a
		// time: the first bytes leave before the last articles are read.
		var ids []string // nil: every article
		if req.Selection != nil {
			data, err := export.Collect(ctx, src, req)
			if err != nil {
				httpError(w, r, log, exportErr(ctx, err))
				return
			}
			ids = export.ArticlesOf(data.Graph)
		} else if req.Neighbourhood != "" {
			depth := max(req.Depth, 1)
			sg, err := src.Neighbourhood(ctx, req.Neighbourhood, graph.Traversal{Depth: depth, Direction: graph.Both, Limit: export.MaxNeighbourhood})
			if err != nil {
				httpError(w, r, log, exportErr(ctx, err))
				return
			}
			ids = export.ArticlesOf(sg)
		}
		write = func(out io.Writer) error {
			_, err := export.WriteClaimsZip(ctx, out, src, ids)
			return err
		}
	} else {
		data, err := export.Collect(ctx, src, req)
		if err != nil {
			httpError(w, r, log, exportErr(ctx, err))
			return
		}
		if n := len(data.Graph.Nodes) + len(data.Graph.Edges) + len(data.Claims); n > lim.MaxExportElements {
			httpError(w, r, log, tooBig(n))
			return
		}
		write = func(out io.Writer) error { return export.Write(out, f, data) }
	}
	deadline, _ := ctx.Deadline()
	sent := &exportWriter{w: w, start: func() {
		w.Header().Set("Content-Type", f.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+f.Extension()+`"`)
		w.Header().Set("Trailer", ExportStatusTrailer)
		// A client too slow to take the file within the deadline is cut off.
		http.NewResponseController(w).SetWriteDeadline(deadline.Add(5 * time.Second))
	}}
	buf := bufio.NewWriterSize(sent, exportChunk)
	err := write(buf)
	if err == nil {
		err = buf.Flush()
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	switch {
	case err == nil:
		w.Header().Set(ExportStatusTrailer, "complete")
	case sent.n == 0:
		httpError(w, r, log, exportErr(ctx, err))
	default:
		// The status and the first bytes are sent: the only way left to
		// say that the file is not whole is to break the response off
		// before its final chunk, which every HTTP client reports as an
		// error (Go's io.ErrUnexpectedEOF, curl's exit status 18).
		log.WarnContext(r.Context(), "export cut off", "path", r.URL.Path, "bytes", sent.n, "err", exportErr(ctx, err))
		panic(http.ErrAbortHandler)
	}
}

// ExportStatusTrailer is the HTTP trailer that ends every whole export
// with the value "complete". An export that fails after its first bytes
// were sent is broken off without it and without the response's final
// chunk, so no client takes a cut-off file for a whole one.
const ExportStatusTrailer = "Export-Status"

// exportWriter sends an export's bytes to the client, counting them; the
// headers are set, by start, just before the first byte, so that an error
// found earlier can still be answered with its own status.
type exportWriter struct {
	w     http.ResponseWriter
	start func()
	n     int64
}

func (e *exportWriter) Write(p []byte) (int, error) {
	if e.n == 0 && len(p) > 0 {
		e.start()
	}
	n, err := e.w.Write(p)
	e.n += int64(n)
	return n, err
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
