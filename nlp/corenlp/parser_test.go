package corenlp_test

// The adapter's failure behaviour, against stand-in HTTP servers: what a
// real CoreNLP server cannot be made to do on demand (hang, die, answer
// garbage).

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/nlp/corenlp"
	"github.com/actorgraph/actorgraph/nlp/nlptest"
)

func TestServerDown(t *testing.T) {
	// A port that was free a moment ago: nothing listens there.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := "http://" + l.Addr().String()
	l.Close()

	p, err := corenlp.New(corenlp.Config{URL: addr})
	if err != nil {
		t.Fatal(err)
	}
	for name, call := range map[string]func() error{
		"Parse": func() error { _, err := p.Parse(context.Background(), "Iraq warned Iran."); return err },
		"Ping":  func() error { return p.Ping(context.Background()) },
	} {
		err := call()
		if graph.ErrorCode(err) != graph.EUNAVAILABLE {
			t.Errorf("%s: %v, want %s", name, err, graph.EUNAVAILABLE)
			continue
		}
		for _, want := range []string{addr, "scripts/corenlp up", "CORENLP_URL"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q does not say %q", name, err, want)
			}
		}
	}
}

func TestBadURL(t *testing.T) {
	for _, u := range []string{"127.0.0.1:9000", "ftp://host:9000", "http://", "http://host:9000/?x=1", "::"} {
		if _, err := corenlp.New(corenlp.Config{URL: u}); graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(err.Error(), "CORENLP_URL") {
			t.Errorf("New(%q): %v, want %s", u, err, graph.EINVALID)
		}
	}
}

func TestDefaultURL(t *testing.T) {
	t.Setenv("CORENLP_URL", "")
	t.Setenv("CORENLP_PORT", "")
	if got := corenlp.DefaultURL(); got != "http://127.0.0.1:9000" {
		t.Errorf("default %q", got)
	}
	t.Setenv("CORENLP_PORT", "9123")
	if got := corenlp.DefaultURL(); got != "http://127.0.0.1:9123" {
		t.Errorf("with CORENLP_PORT %q", got)
	}
	t.Setenv("CORENLP_URL", "http://nlp.internal:9000")
	if got := corenlp.DefaultURL(); got != "http://nlp.internal:9000" {
		t.Errorf("with CORENLP_URL %q", got)
	}
}

// A server that accepts the request and never answers: Parse gives up at
// its timeout, and also when the caller's context ends first.
func TestHungServer(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)

	p, err := corenlp.New(corenlp.Config{URL: srv.URL, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Parse(context.Background(), "Iraq warned Iran.")
	if graph.ErrorCode(err) != graph.ETIMEOUT || !strings.Contains(err.Error(), "within 200ms") || !strings.Contains(err.Error(), srv.URL) {
		t.Errorf("hung server: %v, want %s naming the limit and the server", err, graph.ETIMEOUT)
	}

	slow, err := corenlp.New(corenlp.Config{URL: srv.URL, Timeout: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := slow.Parse(ctx, "Iraq warned Iran."); graph.ErrorCode(err) != graph.ETIMEOUT {
		t.Errorf("cancelled context: %v, want %s", err, graph.ETIMEOUT)
	}
}

// The request carries the pipeline's properties, JSON output and a server
// time limit under the client's, with the text as a UTF-8 body.
func TestRequestShape(t *testing.T) {
	var props map[string]string
	var body, contentType, method string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method, contentType = r.Method, r.Header.Get("Content-Type")
		if err := json.Unmarshal([]byte(r.URL.Query().Get("properties")), &props); err != nil {
			t.Errorf("properties parameter: %v", err)
		}
		b := make([]byte, 1024)
		n, _ := r.Body.Read(b)
		body = string(b[:n])
		w.Write([]byte(`{"sentences":[]}`))
	}))
	defer srv.Close()
	p, err := corenlp.New(corenlp.Config{URL: srv.URL + "/", Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Parse(context.Background(), "Tehran’s “envoy”"); err != nil {
		t.Fatal(err)
	}
	if method != http.MethodPost || contentType != "text/plain; charset=utf-8" || body != "Tehran’s “envoy”" {
		t.Errorf("request %s %q body %q", method, contentType, body)
	}
	for _, kv := range corenlp.Properties {
		if props[kv.Key] != kv.Value {
			t.Errorf("property %s = %q, want %q", kv.Key, props[kv.Key], kv.Value)
		}
	}
	if props["outputFormat"] != "json" || props["timeout"] != "9000" {
		t.Errorf("outputFormat %q, timeout %q; want json and 9000 (ms)", props["outputFormat"], props["timeout"])
	}
}

// Whatever a server answers, Parse returns a document or an error with a
// code, and never panics.
func TestOddAnswers(t *testing.T) {
	const text = "Iraq warned Iran."
	// A well-formed answer for text, to break in the cases below.
	tok := func(i, b, e int, w string) string {
		return `{"index":` + itoa(i) + `,"word":"` + w + `","originalText":"` + w + `","lemma":"` + w + `","characterOffsetBegin":` + itoa(b) + `,"characterOffsetEnd":` + itoa(e) + `,"pos":"NNP","ner":"O"}`
	}
	tokens := `[` + tok(1, 0, 4, "Iraq") + `,` + tok(2, 5, 11, "warned") + `,` + tok(3, 12, 16, "Iran") + `,` + tok(4, 16, 17, ".") + `]`
	deps := `[{"dep":"ROOT","governor":0,"dependent":2},{"dep":"nsubj","governor":2,"dependent":1},{"dep":"obj","governor":2,"dependent":3}]`
	sentence := func(tokens, deps, mentions string) string {
		return `{"sentences":[{"index":0,"paragraph":0,"tokens":` + tokens + `,"enhancedPlusPlusDependencies":` + deps + `,"entitymentions":` + mentions + `}]`
	}
	good := sentence(tokens, deps, `[]`) + `}`
	coref := func(m string) string { return sentence(tokens, deps, `[]`) + `,"corefs":{"1":[` + m + `]}}` }
	mention := func(sent, start, end, head int) string {
		return `{"id":1,"text":"Iraq","type":"PROPER","number":"SINGULAR","gender":"NEUTRAL","animacy":"INANIMATE","startIndex":` + itoa(start) + `,"endIndex":` + itoa(end) + `,"headIndex":` + itoa(head) + `,"sentNum":` + itoa(sent) + `,"isRepresentativeMention":true}`
	}
	quote := func(q string) string { return sentence(tokens, deps, `[]`) + `,"quotes":[` + q + `]}` }

	cases := []struct {
		name   string
		status int
		body   string
		code   string
	}{
		{"well formed", 200, good, ""},
		{"empty body", 200, ``, graph.EINTERNAL},
		{"not JSON", 200, `<html>proxy error</html>`, graph.EINTERNAL},
		{"truncated", 200, good[:len(good)/2], graph.EINTERNAL},
		{"wrong types", 200, `{"sentences":"many"}`, graph.EINTERNAL},
		{"null sentence", 200, `{"sentences":[null]}`, graph.EINTERNAL},
		{"no tokens", 200, sentence(`[]`, `[]`, `[]`) + `}`, graph.EINTERNAL},
		{"missing offsets", 200, sentence(`[{"index":1,"originalText":"Iraq"}]`, `[]`, `[]`) + `}`, graph.EINTERNAL},
		{"offset past the text", 200, sentence(`[`+tok(1, 0, 400, "Iraq")+`]`, `[]`, `[]`) + `}`, graph.EINTERNAL},
		{"negative offset", 200, sentence(`[`+tok(1, -3, 4, "Iraq")+`]`, `[]`, `[]`) + `}`, graph.EINTERNAL},
		{"huge offset", 200, sentence(`[`+strings.Replace(tok(1, 0, 4, "Iraq"), `:4,`, `:1e300,`, 1)+`]`, `[]`, `[]`) + `}`, graph.EINTERNAL},
		{"text not at offsets", 200, sentence(`[`+tok(1, 5, 11, "Iraq")+`]`, `[]`, `[]`) + `}`, graph.EINTERNAL},
		{"overlapping tokens", 200, sentence(`[`+tok(1, 0, 4, "Iraq")+`,`+tok(2, 0, 4, "Iraq")+`]`, `[]`, `[]`) + `}`, graph.EINTERNAL},
		{"dependent outside sentence", 200, sentence(tokens, `[{"dep":"nsubj","governor":2,"dependent":9}]`, `[]`) + `}`, graph.EINTERNAL},
		{"governor missing", 200, sentence(tokens, `[{"dep":"nsubj","dependent":1}]`, `[]`) + `}`, graph.EINTERNAL},
		{"root that is not ROOT", 200, sentence(tokens, `[{"dep":"nsubj","governor":0,"dependent":1}]`, `[]`) + `}`, graph.EINTERNAL},
		{"mention outside sentence", 200, sentence(tokens, deps, `[{"docTokenBegin":2,"docTokenEnd":7,"characterOffsetBegin":12,"characterOffsetEnd":16,"text":"Iran","ner":"COUNTRY"}]`) + `}`, graph.EINTERNAL},
		{"mention offsets disagree", 200, sentence(tokens, deps, `[{"docTokenBegin":2,"docTokenEnd":3,"characterOffsetBegin":0,"characterOffsetEnd":4,"text":"Iran","ner":"COUNTRY"}]`) + `}`, graph.EINTERNAL},
		{"coref chain well formed", 200, coref(mention(1, 1, 2, 1) + `,` + strings.Replace(strings.Replace(mention(1, 3, 4, 3), `"id":1`, `"id":2`, 1), `true`, `false`, 1)), ""},
		{"coref sentence 0", 200, coref(mention(0, 1, 2, 1) + `,` + mention(1, 3, 4, 3)), graph.EINTERNAL},
		{"coref past sentence", 200, coref(mention(1, 1, 9, 1) + `,` + mention(1, 3, 4, 3)), graph.EINTERNAL},
		{"coref head outside", 200, coref(mention(1, 1, 2, 3) + `,` + mention(1, 3, 4, 3)), graph.EINTERNAL},
		{"coref two representatives", 200, coref(mention(1, 1, 2, 1) + `,` + strings.Replace(mention(1, 3, 4, 3), `"id":1`, `"id":2`, 1)), graph.EINTERNAL},
		{"coref unknown type", 200, coref(strings.Replace(mention(1, 1, 2, 1), "PROPER", "ODD", 1) + `,` + strings.Replace(strings.Replace(mention(1, 3, 4, 3), `"id":1`, `"id":2`, 1), `true`, `false`, 1)), graph.EINTERNAL},
		{"coref id not a number", 200, sentence(tokens, deps, `[]`) + `,"corefs":{"x":[]}}`, graph.EINTERNAL},
		{"quote tokens reversed", 200, quote(`{"beginIndex":0,"endIndex":4,"beginToken":2,"endToken":0}`), graph.EINTERNAL},
		{"quote offsets disagree", 200, quote(`{"beginIndex":0,"endIndex":11,"beginToken":0,"endToken":0}`), graph.EINTERNAL},
		{"quote without kind", 200, quote(`{"beginIndex":0,"endIndex":4,"beginToken":0,"endToken":0,"mentionBegin":2,"mentionEnd":2}`), graph.EINTERNAL},
		{"quote one-ended mention", 200, quote(`{"beginIndex":0,"endIndex":4,"beginToken":0,"endToken":0,"mentionBegin":2}`), graph.EINTERNAL},
		{"quote well formed", 200, quote(`{"beginIndex":0,"endIndex":4,"beginToken":0,"endToken":0,"mentionBegin":2,"mentionEnd":2,"mentionType":"name","speaker":"Iran","canonicalSpeaker":"Unknown"}`), ""},
		{"server timed out", 500, "CoreNLP request timed out. Your document may be too long.", graph.ETIMEOUT},
		{"server refuses length", 500, "Request is too long to be handled by server: 200000 characters. Max length is 100000 characters.", graph.ELIMIT},
		{"server error", 500, "java.lang.OutOfMemoryError", graph.EINTERNAL},
		{"overloaded", 503, "busy", graph.EUNAVAILABLE},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			p, err := corenlp.New(corenlp.Config{URL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			doc, err := p.Parse(context.Background(), text)
			if got := graph.ErrorCode(err); got != tc.code {
				t.Fatalf("error %v (code %q), want code %q", err, got, tc.code)
			}
			if err != nil && !strings.Contains(err.Error(), srv.URL) {
				t.Errorf("%q does not name the server", err)
			}
			if err == nil && doc.Text != text {
				t.Errorf("document text %q", doc.Text)
			}
		})
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// The properties the adapter sends and the ones scripts/corenlp preloads are
// one list: if they differ, the server loads its models a second time on the
// first request, and another server (CORENLP_URL) would parse differently.
func TestPropertiesMatchServerFile(t *testing.T) {
	path := filepath.Join(nlptest.Root(), "scripts", "corenlp-server", "corenlp.properties")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	file := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("%s: line %q is not key = value", path, line)
		}
		file[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	sent := map[string]string{}
	for _, p := range corenlp.Properties {
		sent[p.Key] = p.Value
		if file[p.Key] != p.Value {
			t.Errorf("%s: the adapter sends %s = %q, the server file has %q", path, p.Key, p.Value, file[p.Key])
		}
	}
	for k, v := range file {
		if _, ok := sent[k]; !ok {
			t.Errorf("%s sets %s = %q, which corenlp.Properties lacks", path, k, v)
		}
	}
}
