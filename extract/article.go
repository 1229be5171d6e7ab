package extract

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

// DefaultMaxBytes is the largest article Read accepts: a long feature is
// 60 KB; the NLP server's own limit (100,000 UTF-16 code units) is below
// 200 KB of English text.
const DefaultMaxBytes = 256 << 10

// Article is an article's text and what is known about it.
type Article struct {
	// Path is the file the article was read from ("" when read otherwise).
	Path string
	// Text is the file's whole text: claim offsets count from its start.
	Text string
	// Body is Text with the front matter block, if any, blanked out with
	// spaces (line breaks kept), so that offsets in Body are offsets in
	// Text and the parser never sees the metadata.
	Body string
	// Title, Source, URL, Dateline come from the front matter, or the
	// first line (title) and the second line when it is a place followed
	// by a dash (dateline).
	Title, Source, URL, Dateline string
	// PublishedAt is YYYY-MM-DD, or "unknown".
	PublishedAt string
	// Published is PublishedAt as a date; zero when unknown.
	Published time.Time
}

// frontMatter is the optional block at the top of an article.
type frontMatter struct {
	Title       string `yaml:"title"`
	Source      string `yaml:"source"`
	URL         string `yaml:"url"`
	PublishedAt string `yaml:"publishedAt"`
	Dateline    string `yaml:"dateline"`
}

// ReadArticle reads an article file: see ParseArticle. Files over maxBytes
// (DefaultMaxBytes when 0) are refused before they are read whole.
func ReadArticle(path string, maxBytes int64) (Article, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	fi, err := os.Stat(path)
	if err != nil {
		return Article{}, graph.Errorf(graph.EINVALID, "%s: cannot read: %v", path, unwrapPath(err))
	}
	if fi.IsDir() {
		return Article{}, graph.Errorf(graph.EINVALID, "%s: is a folder, not an article file", path)
	}
	if fi.Size() > maxBytes {
		return Article{}, graph.Errorf(graph.ELIMIT, "%s: the article is %s, more than the %s an article may have (-max-bytes)", path, humanBytes(fi.Size()), humanBytes(maxBytes))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Article{}, graph.Errorf(graph.EINVALID, "%s: cannot read: %v", path, unwrapPath(err))
	}
	a, err := ParseArticle(path, data, maxBytes)
	if err != nil {
		return Article{}, err
	}
	a.Path = path
	return a, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

var (
	datelineRE = regexp.MustCompile(`^\s*([\p{Lu}][\p{Lu}\p{Ll} .,'’-]*?)\s*[–—-]\s*$`)
	dateRE     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// ParseArticle checks an article's bytes and reads its metadata. Empty
// text (or white space only), text with NUL or other control bytes
// (binary files), text that is not UTF-8 and text over maxBytes are
// EINVALID or ELIMIT errors naming name and what is wrong. A front matter
// block is `---` on the first line, YAML with the keys title, source, url,
// publishedAt and dateline, and `---` on a line of its own; unknown keys
// and a publishedAt that is not a calendar date are errors.
func ParseArticle(name string, data []byte, maxBytes int64) (Article, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	switch {
	case int64(len(data)) > maxBytes:
		return Article{}, graph.Errorf(graph.ELIMIT, "%s: the article is %s, more than the %s an article may have (-max-bytes)", name, humanBytes(int64(len(data))), humanBytes(maxBytes))
	case len(bytes.TrimSpace(data)) == 0:
		return Article{}, graph.Errorf(graph.EINVALID, "%s: the article is empty", name)
	case bytes.IndexByte(data, 0) >= 0 || binaryControls(data):
		return Article{}, graph.Errorf(graph.EINVALID, "%s: not a text file (it holds binary control bytes): an article is plain UTF-8 text", name)
	case !utf8.Valid(data):
		off := firstInvalid(data)
		return Article{}, graph.Errorf(graph.EINVALID, "%s: not valid UTF-8 (first bad byte at offset %d): convert the article to UTF-8", name, off)
	}
	// A byte order mark would shift every offset the parser gives: it is
	// blanked (one code point for one), as the front matter is.
	a := Article{Text: string(data), Body: string(data), PublishedAt: "unknown"}
	if strings.HasPrefix(a.Body, "\uFEFF") {
		a.Body = " " + strings.TrimPrefix(a.Body, "\uFEFF")
	}
	body := a.Body
	if strings.HasPrefix(body, "---\n") || strings.HasPrefix(body, "---\r\n") {
		end := strings.Index(body[3:], "\n---")
		if end < 0 {
			return Article{}, graph.Errorf(graph.EINVALID, "%s: the front matter that starts on line 1 has no closing --- line", name)
		}
		end += 3
		closeEnd := end + len("\n---")
		if nl := strings.IndexByte(body[closeEnd:], '\n'); nl >= 0 {
			if strings.TrimSpace(body[closeEnd:closeEnd+nl]) != "" {
				return Article{}, graph.Errorf(graph.EINVALID, "%s: the front matter's closing --- must be alone on its line", name)
			}
			closeEnd += nl
		} else {
			closeEnd = len(body)
		}
		var fm frontMatter
		dec := yaml.NewDecoder(strings.NewReader(body[strings.IndexByte(body, '\n')+1 : end+1]))
		dec.KnownFields(true)
		if err := dec.Decode(&fm); err != nil && err.Error() != "EOF" {
			return Article{}, graph.Errorf(graph.EINVALID, "%s: front matter: %v (keys: title, source, url, publishedAt, dateline)", name, err)
		}
		a.Title, a.Source, a.URL, a.Dateline = strings.TrimSpace(fm.Title), strings.TrimSpace(fm.Source), strings.TrimSpace(fm.URL), strings.TrimSpace(fm.Dateline)
		if p := strings.TrimSpace(fm.PublishedAt); p != "" && p != "unknown" {
			t, err := time.Parse("2006-01-02", p)
			if err != nil || !dateRE.MatchString(p) {
				return Article{}, graph.Errorf(graph.EINVALID, "%s: front matter: publishedAt %q is not a date (YYYY-MM-DD) or \"unknown\"", name, p)
			}
			a.PublishedAt, a.Published = p, t
		}
		a.Body = blank(body[:closeEnd]) + body[closeEnd:]
	}
	lines := strings.Split(a.Body, "\n")
	first := -1
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			first = i
			break
		}
	}
	if first < 0 {
		return Article{}, graph.Errorf(graph.EINVALID, "%s: the article has a front matter block but no text", name)
	}
	if a.Title == "" {
		a.Title = strings.TrimSpace(lines[first])
	}
	if a.Dateline == "" && first+1 < len(lines) {
		if m := datelineRE.FindStringSubmatch(lines[first+1]); m != nil && len(strings.Fields(m[1])) <= 4 {
			a.Dateline = strings.TrimSpace(m[1])
		}
	}
	return a, nil
}

// blank replaces every code point of s but line breaks with a space,
// keeping the code-point count.
func blank(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '\n' {
			b.WriteRune('\n')
		} else {
			b.WriteRune(' ')
		}
	}
	return b.String()
}

// binaryControls reports whether data holds control bytes that no text
// article has (anything below space but tab, line feed, carriage return
// and form feed), in more than a stray few.
func binaryControls(data []byte) bool {
	n := 0
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			n++
		}
	}
	return n > 0 && n*1000 >= len(data) || n > 8
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}
