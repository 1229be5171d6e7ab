package server

import (
	"log/slog"
	"net/http"
	"strconv"

	"github.com/actorgraph/actorgraph/export"
	"github.com/actorgraph/actorgraph/graph"
)

// mountExport serves GET /export/{format}[?neighbourhood=ID&depth=N][&claims=nodes]:
// the whole graph, or one actor's neighbourhood, as a download.
func mountExport(mux *http.ServeMux, src export.Source, log *slog.Logger) {
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
		data, err := export.Collect(r.Context(), src, req)
		if err != nil {
			httpError(w, r, log, err)
			return
		}
		b, err := export.Render(f, data)
		if err != nil {
			httpError(w, r, log, err)
			return
		}
		name := "actorgraph"
		if req.Neighbourhood != "" {
			name += "-" + req.Neighbourhood
		}
		w.Header().Set("Content-Type", f.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+f.Extension()+`"`)
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
	})
}

// httpError answers with the status the domain error code calls for; the
// details of internal errors are logged, not shown.
func httpError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status := http.StatusInternalServerError
	switch graph.ErrorCode(err) {
	case graph.EINVALID:
		status = http.StatusBadRequest
	case graph.ENOTFOUND:
		status = http.StatusNotFound
	case graph.EUNAVAILABLE:
		status = http.StatusServiceUnavailable
	default:
		log.ErrorContext(r.Context(), "internal error", "path", r.URL.Path, "err", err)
	}
	http.Error(w, graph.ErrorMessage(err), status)
}
