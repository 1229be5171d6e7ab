package graph

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"time"
)

// TimeStatus places what a claim reports relative to the article's
// publication.
type TimeStatus string

const (
	// Past: held or happened before the report and is over ("former",
	// "earlier", "initially").
	Past TimeStatus = "PAST"
	// Ongoing: holds or happens at the time of the report. The default.
	Ongoing TimeStatus = "ONGOING"
	// Expected: expected, planned, threatened or at risk of happening.
	Expected TimeStatus = "EXPECTED"
)

// TimeStatusInfo documents one time status: one row of TimeStatusTable.
type TimeStatusInfo struct {
	// Status is the value, as claims files and the API write it.
	Status TimeStatus
	// Meaning is a one-line definition, lower case, without a full stop.
	Meaning string
}

// TimeStatusTable is the closed set of time statuses: the one place a
// status is defined. The GraphQL enum (schema.graphqls) and the table in
// docs/graph-model.md are generated from it (`make generate`).
var TimeStatusTable = []TimeStatusInfo{
	{Status: Past, Meaning: "held or happened before the report and is over (\"former\", \"earlier\", \"initially\")"},
	{Status: Ongoing, Meaning: "holds or happens at the time of the report; the default"},
	{Status: Expected, Meaning: "expected, planned, threatened or at risk of happening"},
}

// TimeStatuses lists every status (TimeStatusTable's first column).
var TimeStatuses = column(TimeStatusTable, func(r TimeStatusInfo) TimeStatus { return r.Status })

var timeStatusIndex = index(TimeStatusTable, func(r TimeStatusInfo) TimeStatus { return r.Status })

// Valid reports whether s is one of TimeStatuses.
func (s TimeStatus) Valid() bool { _, ok := timeStatusIndex[s]; return ok }

// MarshalGQL writes s as a GraphQL enum value.
func (s TimeStatus) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads s from a GraphQL enum value.
func (s *TimeStatus) UnmarshalGQL(v any) error {
	return unmarshalEnum(v, s, TimeStatus.Valid, "TimeStatus")
}

// Precision says how exactly a date is known.
type Precision string

const (
	PrecisionYear  Precision = "YEAR"  // "2025"
	PrecisionMonth Precision = "MONTH" // "2025-12"
	PrecisionDay   Precision = "DAY"   // "2025-12-28"
)

// PrecisionInfo documents one precision: one row of PrecisionTable.
type PrecisionInfo struct {
	// Precision is the value, as the API writes it.
	Precision Precision
	// Meaning is a one-line definition, lower case, without a full stop.
	Meaning string
}

// PrecisionTable is the closed set of date precisions, coarsest first.
// The GraphQL enum DatePrecision is generated from it (`make generate`).
var PrecisionTable = []PrecisionInfo{
	{Precision: PrecisionYear, Meaning: "known to the year (\"2025\")"},
	{Precision: PrecisionMonth, Meaning: "known to the month (\"2025-12\")"},
	{Precision: PrecisionDay, Meaning: "known to the day (\"2025-12-28\")"},
}

// Precisions lists every precision, coarsest first (PrecisionTable's first
// column).
var Precisions = column(PrecisionTable, func(r PrecisionInfo) Precision { return r.Precision })

var precisionIndex = index(PrecisionTable, func(r PrecisionInfo) Precision { return r.Precision })

// Valid reports whether p is one of Precisions.
func (p Precision) Valid() bool { _, ok := precisionIndex[p]; return ok }

// MarshalGQL writes p as a GraphQL enum value.
func (p Precision) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(p))) }

// UnmarshalGQL reads p from a GraphQL enum value.
func (p *Precision) UnmarshalGQL(v any) error {
	return unmarshalEnum(v, p, Precision.Valid, "DatePrecision")
}

// Open bounds of a claim's interval. Dates are ISO strings, so Cypher and Go
// compare them as plain strings; an open bound is the smallest or largest
// date there is.
const (
	OpenStart = "0000-01-01"
	OpenEnd   = "9999-12-31"
)

// Unplaced is the interval of a claim that cannot be placed in time: it
// lies beyond both open bounds, so it contains no date and no asOf or
// between filter, however wide, matches it.
var Unplaced = Interval{From: "9999-12-32", To: "0000-00-00"}

// Interval is the span of dates a claim's event or state holds, both ends
// included, as ISO dates; OpenStart and OpenEnd stand for open bounds.
type Interval struct {
	From, To string
}

// Contains reports whether the date d (YYYY-MM-DD) lies in the interval.
func (i Interval) Contains(d string) bool { return i.From <= d && d <= i.To }

// Overlaps reports whether the interval shares a date with [from, to].
func (i Interval) Overlaps(from, to string) bool { return i.From <= to && from <= i.To }

// Placed reports whether the interval contains any date.
func (i Interval) Placed() bool { return i.From <= i.To }

// FromDate is the first date the interval holds on, or "" when it is open
// at the start or not placed: the API's Claim.validFrom.
func (i Interval) FromDate() string {
	if !i.Placed() || i.From == OpenStart {
		return ""
	}
	return i.From
}

// ToDate is the last date the interval holds on, or "" when it is open at
// the end or not placed: the API's Claim.validTo.
func (i Interval) ToDate() string {
	if !i.Placed() || i.To == OpenEnd {
		return ""
	}
	return i.To
}

// String is "from/to", the form relationship summaries list.
func (i Interval) String() string { return i.From + "/" + i.To }

// ClaimTime is when a claim's event or state holds, as the article places
// it.
type ClaimTime struct {
	// Status is past, ongoing (the default) or expected.
	Status TimeStatus
	// Cue is the text that placed it ("former", "last month"), or "".
	Cue string
	// CueStart and CueEnd are the cue's code-point offsets in the article
	// text (both 0 when there is no cue).
	CueStart, CueEnd int
	// From and To are the dates the article gives ("2025", "2025-12",
	// "2025-12-28"), or "".
	From, To string
}

// StatusOrOngoing is t's status, or Ongoing (the default) when none was
// given.
func (t ClaimTime) StatusOrOngoing() TimeStatus {
	if t.Status == "" {
		return Ongoing
	}
	return t.Status
}

var partialDateRE = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// ParsePartialDate checks a YYYY, YYYY-MM or YYYY-MM-DD date and returns
// the first and last day it covers, and its precision.
func ParsePartialDate(s string) (first, last string, p Precision, err error) {
	m := partialDateRE.FindStringSubmatch(s)
	if m == nil {
		return "", "", "", fmt.Errorf("%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	y, _ := strconv.Atoi(m[1])
	switch {
	case m[2] == "":
		return fmt.Sprintf("%04d-01-01", y), fmt.Sprintf("%04d-12-31", y), PrecisionYear, nil
	case m[3] == "":
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return "", "", "", fmt.Errorf("%q has no month %d", s, mo)
		}
		start := time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
		return start.Format(time.DateOnly), start.AddDate(0, 1, -1).Format(time.DateOnly), PrecisionMonth, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return "", "", "", fmt.Errorf("%q is not a calendar date", s)
	}
	d := t.Format(time.DateOnly)
	return d, d, PrecisionDay, nil
}

// Precision is the precision of the finer of the given dates, or "" when
// neither is given.
func (t ClaimTime) Precision() Precision {
	best := Precision("")
	rank := map[Precision]int{"": 0, PrecisionYear: 1, PrecisionMonth: 2, PrecisionDay: 3}
	for _, s := range []string{t.From, t.To} {
		if s == "" {
			continue
		}
		if _, _, p, err := ParsePartialDate(s); err == nil && rank[p] > rank[best] {
			best = p
		}
	}
	return best
}

// Interval derives the span of dates a claim holds from its time, its
// relation type's class and the article's publication date (YYYY-MM-DD, or
// "" when unknown). docs/graph-model.md gives the rules:
//   - dates the article gives are used, widened to their precision;
//   - an undated event happened on the publication date if ongoing, and at
//     some time up to it if past;
//   - an undated state holds from the publication date on if ongoing, and
//     up to it if past;
//   - an undated expectation holds at no date yet (Unplaced);
//   - a bound that would be the unknown publication date stays open, but
//     undated past and expected claims with no publication date cannot be
//     placed.
//
// Dates must be valid (ParsePartialDate); invalid ones count as absent.
func (t ClaimTime) Interval(class RelationClass, published string) Interval {
	status := t.StatusOrOngoing()
	if iv, ok := t.explicit(class, status, published); ok {
		return iv
	}
	if published == "" && status != Ongoing {
		return Unplaced
	}
	p := func(open string) string {
		if published == "" {
			return open
		}
		return published
	}
	switch status {
	case Past:
		return Interval{OpenStart, p(OpenEnd)}
	case Expected:
		return Unplaced
	}
	if class == ClassEvent {
		return Interval{p(OpenStart), p(OpenEnd)}
	}
	return Interval{p(OpenStart), OpenEnd}
}

// explicit is the interval the dates the article gives span, widened to
// their precision: an event lasts from the start of its from date to the
// end of its to date (either alone spanning itself); a state with only a
// start holds on, up to the report if it is past.
func (t ClaimTime) explicit(class RelationClass, status TimeStatus, published string) (Interval, bool) {
	var fromFirst, fromLast, toFirst, toLast string
	if t.From != "" {
		fromFirst, fromLast, _, _ = ParsePartialDate(t.From)
	}
	if t.To != "" {
		toFirst, toLast, _, _ = ParsePartialDate(t.To)
	}
	switch {
	case fromFirst == "" && toLast == "":
		return Interval{}, false
	case fromFirst != "" && toLast != "":
		return Interval{fromFirst, toLast}, true
	case class == ClassEvent && fromFirst != "":
		return Interval{fromFirst, fromLast}, true
	case class == ClassEvent:
		return Interval{toFirst, toLast}, true
	case toLast != "":
		return Interval{OpenStart, toLast}, true
	case status == Past && published != "":
		return Interval{fromFirst, published}, true
	}
	return Interval{fromFirst, OpenEnd}, true
}

// Date is a calendar date, YYYY-MM-DD: the API's Date scalar.
type Date string

// Valid reports whether d is a calendar date in the form YYYY-MM-DD.
func (d Date) Valid() bool {
	_, _, p, err := ParsePartialDate(string(d))
	return err == nil && p == PrecisionDay
}

// MarshalGQL writes d as a GraphQL string.
func (d Date) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(d))) }

// UnmarshalGQL reads d from a GraphQL string, refusing anything but a
// calendar date.
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return Errorf(EINVALID, "Date must be a string")
	}
	if !Date(s).Valid() {
		return Errorf(EINVALID, "%q is not a date (YYYY-MM-DD)", s)
	}
	*d = Date(s)
	return nil
}
