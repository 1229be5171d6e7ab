package bench_test

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// rawHandler is the raw baseline behind bare HTTP: what a hand-written
// service does without a GraphQL layer. A request names one of the
// benchmark's questions and its parameters as JSON; the handler runs the
// question's Cypher through the driver, shapes the records into the
// answer with plain Go, and writes it with encoding/json.
type rawHandler struct {
	driver neo4j.DriverWithContext
	db     string
}

// rawRequest is the body of a request to the raw server.
type rawRequest struct {
	Query  string         `json:"query"`
	Params map[string]any `json:"params"`
}

func (h rawHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req rawRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for k, v := range req.Params {
		// JSON numbers decode as floats; Cypher wants integers for LIMIT.
		if f, ok := v.(float64); ok && f == float64(int64(f)) {
			req.Params[k] = int64(f)
		}
	}
	q, ok := rawQueries[req.Query]
	if !ok {
		http.Error(w, "no query "+req.Query, http.StatusNotFound)
		return
	}
	recs, err := h.run(r.Context(), q.cypher(req.Params), req.Params)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(q.shape(recs))
}

func (h rawHandler) run(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, h.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(h.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// rawQuery is one question the raw server answers: its Cypher (which may
// depend on the parameters, as relationship types cannot be parameters)
// and how the records become the answer.
type rawQuery struct {
	cypher func(params map[string]any) string
	shape  func(recs []*neo4j.Record) any
}

// rawQueries is filled by the benchmark's question table (queries_test.go).
var rawQueries = map[string]rawQuery{}
