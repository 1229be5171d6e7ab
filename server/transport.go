package server

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// postTransport serves POST /graphql as gqlgen's transport.POST does,
// but writes an answer that holds data only as {"data":…} directly.
// transport.POST writes every answer with json.Marshal, which scans and
// compacts the data the executor has already written as compact JSON
// again: for a large answer (a neighbourhood's thousands of edges) that
// is a fifth of the request's CPU. Requests that fail before they run
// (an unreadable body, a parse or validation error) and answers with
// errors or extensions are written by transport.POST itself, so status
// codes and error bodies stay gqlgen's.
type postTransport struct {
	transport.POST
}

var _ graphql.Transport = postTransport{}

func (t postTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.fallback(w, r, exec, nil)
		return
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // as transport.POST decodes, so numbers keep their precision
	if err := dec.Decode(&params); err != nil {
		t.fallback(w, r, exec, body)
		return
	}
	params.Headers = r.Header
	ctx := r.Context()
	oc, opErr := exec.CreateOperationContext(ctx, &params)
	if opErr != nil {
		t.fallback(w, r, exec, body)
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, oc)
	resp := responses(ctx)
	w.Header().Set("Content-Type", responseContentType(r))
	if resp == nil {
		// gqlgen's answer when the request's deadline passed before it
		// ran, written as transport.POST writes it (deadlineWriter turns
		// it into a timeout error).
		w.Write([]byte("null"))
		return
	}
	if len(resp.Errors) > 0 || resp.Extensions != nil || resp.Label != "" || resp.Path != nil || resp.HasNext != nil {
		out, err := json.Marshal(resp)
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Write(out)
		return
	}
	data := resp.Data
	if len(data) == 0 {
		data = json.RawMessage("null")
	}
	w.Write([]byte(`{"data":`))
	w.Write(data)
	w.Write([]byte(`}`))
}

// fallback lets transport.POST answer a request that failed before it
// ran, from the body already read.
func (t postTransport) fallback(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, body []byte) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	t.POST.Do(w, r, exec)
}

// responseContentType is the content type transport.POST (with its
// defaults) answers a request with: application/json unless the request
// accepts only application/graphql-response+json.
func responseContentType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return "application/json"
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", "application/json":
			return "application/json"
		case "application/graphql-response+json":
			return mediaType
		}
	}
	return "application/graphql-response+json"
}
