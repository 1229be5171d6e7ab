package corenlp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/nlp"
)

// Defaults of Config.
const (
	// DefaultPort is where scripts/corenlp starts the server.
	DefaultPort = 9000
	// DefaultTimeout bounds one Parse. The server spends about 8 CPU-
	// seconds on a 700-word article (12 to 35 s of wall time on a busy
	// 2-core machine) and 110 on a text of DefaultMaxChars, which on that
	// busy machine took 250 to 375 s: pass a longer Timeout for such texts.
	DefaultTimeout = 5 * time.Minute
	// DefaultMaxChars is the longest text Parse sends, in UTF-16 code
	// units, the unit the server counts in: the server's own default
	// limit (-maxCharLength), about 15,000 words of English.
	DefaultMaxChars = 100_000
	// maxResponseBytes caps the JSON answer read into memory. The answer
	// for the seed article is 160 times the text's size (pretty-printed),
	// so this leaves room for a text of DefaultMaxChars.
	maxResponseBytes = 256 << 20
)

// Config says where the server is and how long to wait for it.
type Config struct {
	// URL is the server's base URL; DefaultURL() when empty.
	URL string
	// Timeout bounds each Parse, from sending to the decoded answer;
	// DefaultTimeout when zero.
	Timeout time.Duration
	// MaxChars is the longest text Parse accepts, in UTF-16 code units;
	// DefaultMaxChars when zero. Longer texts get graph.ELIMIT at once.
	MaxChars int
	// Client makes the HTTP requests; a client without a timeout of its
	// own when nil (Timeout bounds each call through its context).
	Client *http.Client
}

// DefaultURL is the server scripts/corenlp runs: CORENLP_URL when set, else
// http://127.0.0.1:$CORENLP_PORT (9000 by default).
func DefaultURL() string {
	if u := strings.TrimSpace(os.Getenv("CORENLP_URL")); u != "" {
		return u
	}
	port := strconv.Itoa(DefaultPort)
	if p := strings.TrimSpace(os.Getenv("CORENLP_PORT")); p != "" {
		port = p
	}
	return "http://127.0.0.1:" + port
}

// Parser parses text with a CoreNLP server.
type Parser struct {
	base     string // the server's base URL, without a trailing slash
	timeout  time.Duration
	maxChars int
	client   *http.Client
	// annotate is the URL of the annotation endpoint with the properties.
	annotate string
}

var _ nlp.Parser = (*Parser)(nil)

// New returns a Parser for the server cfg names. It does not contact the
// server; Ping does.
func New(cfg Config) (*Parser, error) {
	if cfg.URL == "" {
		cfg.URL = DefaultURL()
	}
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, graph.Errorf(graph.EINVALID, "CoreNLP server URL %q: want http://host:port (CORENLP_URL)", cfg.URL)
	}
	if cfg.Timeout < 0 || cfg.MaxChars < 0 {
		return nil, graph.Errorf(graph.EINVALID, "CoreNLP parser: negative timeout (%v) or size limit (%d)", cfg.Timeout, cfg.MaxChars)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxChars == 0 {
		cfg.MaxChars = DefaultMaxChars
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{}
	}
	p := &Parser{
		base:     strings.TrimRight(u.String(), "/"),
		timeout:  cfg.Timeout,
		maxChars: cfg.MaxChars,
		client:   cfg.Client,
	}
	p.annotate = p.base + "/?properties=" + url.QueryEscape(requestProperties(cfg.Timeout))
	return p, nil
}

// URL is the server's base URL.
func (p *Parser) URL() string { return p.base }

// requestProperties is the properties parameter: the pipeline, JSON output,
// and a server-side time limit a little under the client's, so that the
// server gives up on a call the client is about to abandon, and says so.
func requestProperties(timeout time.Duration) string {
	m := map[string]string{"outputFormat": "json", "prettyPrint": "false"}
	for _, p := range Properties {
		m[p.Key] = p.Value
	}
	serverTimeout := max(timeout*9/10, time.Millisecond)
	m["timeout"] = strconv.FormatInt(serverTimeout.Milliseconds(), 10)
	b, _ := json.Marshal(m) // a map of strings always marshals
	return string(b)
}

// unavailable is the error for a server that cannot be reached.
func (p *Parser) unavailable(err error) error {
	return graph.Errorf(graph.EUNAVAILABLE,
		"no CoreNLP server answers at %s (%v): start one with scripts/corenlp up, or set CORENLP_URL to a running server",
		p.base, err)
}

// Ping checks that the server answers and has its models loaded.
func (p *Parser) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, min(p.timeout, 30*time.Second))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.base+"/ready", nil)
	if err != nil {
		return graph.Errorf(graph.EINVALID, "CoreNLP server URL %s: %v", p.base, err)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return p.unavailable(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		return p.unavailable(fmt.Errorf("GET /ready answered %s", resp.Status))
	}
	return nil
}

// Parse implements nlp.Parser.
func (p *Parser) Parse(ctx context.Context, text string) (nlp.Document, error) {
	if !utf8.ValidString(text) {
		return nlp.Document{}, graph.Errorf(graph.EINVALID, "the text is not valid UTF-8 (first bad byte at byte offset %d)", firstInvalid(text))
	}
	if n := utf16Len(text); n > p.maxChars {
		return nlp.Document{}, graph.Errorf(graph.ELIMIT,
			"the text is %d characters long (UTF-16 code units); the parser takes at most %d", n, p.maxChars)
	}
	if strings.TrimSpace(text) == "" {
		return nlp.Document{Text: text}, nil
	}

	body, err := p.post(ctx, text)
	if err != nil {
		return nlp.Document{}, err
	}
	doc, err := decode(text, body)
	if err != nil {
		return nlp.Document{}, graph.Errorf(graph.EINTERNAL, "CoreNLP server at %s: unexpected answer: %v", p.base, err)
	}
	if err := doc.Validate(); err != nil {
		return nlp.Document{}, graph.Errorf(graph.EINTERNAL, "CoreNLP server at %s: %s", p.base, graph.ErrorMessage(err))
	}
	return doc, nil
}

// post sends text for annotation and returns the JSON answer.
func (p *Parser) post(ctx context.Context, text string) ([]byte, error) {
	callCtx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(callCtx, http.MethodPost, p.annotate, strings.NewReader(text))
	if err != nil {
		return nil, graph.Errorf(graph.EINVALID, "CoreNLP server URL %s: %v", p.base, err)
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	req.Header.Set("Accept", "application/json")

	timedOut := func() error {
		if ctx.Err() != nil {
			return graph.Errorf(graph.ETIMEOUT, "parsing with the CoreNLP server at %s stopped: %v", p.base, context.Cause(ctx))
		}
		return graph.Errorf(graph.ETIMEOUT, "the CoreNLP server at %s did not finish parsing within %v", p.base, p.timeout)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		if callCtx.Err() != nil {
			return nil, timedOut()
		}
		return nil, p.unavailable(err)
	}
	defer resp.Body.Close()

	var buf bytes.Buffer
	_, err = io.Copy(&buf, io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		if callCtx.Err() != nil {
			return nil, timedOut()
		}
		return nil, graph.Errorf(graph.EUNAVAILABLE, "the CoreNLP server at %s broke off its answer: %v", p.base, err)
	}
	if buf.Len() > maxResponseBytes {
		return nil, graph.Errorf(graph.EINTERNAL, "the CoreNLP server at %s answered with more than %d MB", p.base, maxResponseBytes>>20)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, p.serverError(resp.Status, buf.Bytes())
	}
	return buf.Bytes(), nil
}

// serverError turns a non-200 answer into an error. The server answers 500
// with a plain-text message for its own limits, which get their codes.
func (p *Parser) serverError(status string, body []byte) error {
	msg := strings.TrimSpace(string(body))
	if len(msg) > 300 {
		msg = msg[:300] + "..."
	}
	lower := strings.ToLower(msg)
	switch {
	case strings.Contains(lower, "timed out"):
		return graph.Errorf(graph.ETIMEOUT, "the CoreNLP server at %s gave up parsing: %s", p.base, msg)
	case strings.Contains(lower, "too long"):
		return graph.Errorf(graph.ELIMIT, "the CoreNLP server at %s refused the text: %s", p.base, msg)
	case status == "503 Service Unavailable":
		return graph.Errorf(graph.EUNAVAILABLE, "the CoreNLP server at %s is unavailable: %s", p.base, msg)
	}
	return graph.Errorf(graph.EINTERNAL, "the CoreNLP server at %s answered %s: %s", p.base, status, msg)
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return len(s)
}
