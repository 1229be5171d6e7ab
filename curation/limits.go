package curation

import (
	"fmt"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// lengths collects the inputs over their size limits, by path.
type lengths struct{ ps []graph.Problem }

func (l *lengths) max(path, v string, limit int) {
	if n := utf8.RuneCountInString(v); n > limit {
		l.ps = append(l.ps, problem(path, "at most %d characters, got %d", limit, n))
	}
}

func (l *lengths) maxp(path string, v *string, limit int) {
	if v != nil {
		l.max(path, *v, limit)
	}
}

func (l *lengths) count(path string, n, limit int, what string) {
	if n > limit {
		l.ps = append(l.ps, problem(path, "at most %d %s, got %d", limit, what, n))
	}
}

// article checks an article's fields; prefix is "article." or "".
func (l *lengths) article(prefix string, in ArticleInput) {
	l.max(prefix+"id", in.ID, MaxNameLength)
	l.max(prefix+"title", in.Title, MaxTitleLength)
	l.max(prefix+"text", in.Text, MaxTextLength)
	l.max(prefix+"publishedAt", in.PublishedAt, MaxNameLength)
	l.maxp(prefix+"dateline", in.Dateline, MaxNameLength)
	l.maxp(prefix+"source", in.Source, MaxNameLength)
	l.maxp(prefix+"url", in.URL, MaxURLLength)
	l.maxp(prefix+"note", in.Note, MaxNoteLength)
}

func (l *lengths) actor(path string, in ActorInput) {
	l.max(path+"id", in.ID, MaxNameLength)
	l.max(path+"name", in.Name, MaxNameLength)
	l.maxp(path+"description", in.Description, MaxNoteLength)
	l.aliases(path+"aliases", in.Aliases)
}

func (l *lengths) aliases(path string, aliases []string) {
	l.count(path, len(aliases), MaxAliasesPerActor, "aliases")
	for i, a := range aliases {
		l.max(fmt.Sprintf("%s[%d]", path, i), a, MaxNameLength)
	}
}

// claim checks a claim's fields; prefix is "claims[3]." or "input.".
func (l *lengths) claim(prefix string, in ClaimInput) {
	l.max(prefix+"key", in.Key, MaxNameLength)
	l.max(prefix+"subject", in.Subject, MaxNameLength)
	l.max(prefix+"object", in.Object, MaxNameLength)
	l.maxp(prefix+"attributedTo", in.AttributedTo, MaxNameLength)
	l.max(prefix+"quote", in.Quote, MaxQuoteLength)
	l.maxp(prefix+"subjectText", in.SubjectText, MaxQuoteLength)
	l.maxp(prefix+"objectText", in.ObjectText, MaxQuoteLength)
	l.maxp(prefix+"condition", in.Condition, MaxQuoteLength)
	l.maxp(prefix+"timeCue", in.TimeCue, MaxQuoteLength)
	l.maxp(prefix+"timeFrom", in.TimeFrom, MaxNameLength)
	l.maxp(prefix+"timeTo", in.TimeTo, MaxNameLength)
	l.maxp(prefix+"note", in.Note, MaxNoteLength)
}

func (l *lengths) err() error {
	if len(l.ps) == 0 {
		return nil
	}
	return invalid(l.ps...)
}
