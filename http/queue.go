package http

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/reports"
)

// Review states a queue can be filtered by, besides the decisions.
const (
	stateUnreviewed = "unreviewed"
	stateReviewed   = "reviewed"
)

// filter selects the claims of a queue. The zero filter is the default
// queue: flagged claims in any state.
type filter struct {
	All     bool   // every claim, not only flagged ones
	Verdict string // "" for any
	Kind    string // "" for any
	Doc     string // document source, "" for any
	State   string // "", stateUnreviewed, stateReviewed or a decision
}

// parseFilter reads a filter from query or form values; an unknown verdict,
// kind of state is an error, an unknown article simply matches nothing.
func parseFilter(v url.Values) (filter, error) {
	f := filter{
		All:     v.Get("scope") == "all",
		Verdict: v.Get("verdict"),
		Kind:    v.Get("kind"),
		Doc:     v.Get("doc"),
		State:   v.Get("state"),
	}
	if s := v.Get("scope"); s != "" && s != "all" && s != "flagged" {
		return f, fmt.Errorf("scope %q: want flagged or all", s)
	}
	switch factcheck.Verdict(f.Verdict) {
	case "", factcheck.VerdictRefuted, factcheck.VerdictDisputed, factcheck.VerdictUnverified, factcheck.VerdictSupported:
	default:
		return f, fmt.Errorf("verdict %q: want refuted, disputed, unverified or supported", f.Verdict)
	}
	if !validKind(factcheck.Kind(f.Kind)) {
		return f, fmt.Errorf("kind %q: unknown", f.Kind)
	}
	if f.State != "" && f.State != stateUnreviewed && f.State != stateReviewed && !ValidDecision(factcheck.Decision(f.State)) {
		return f, fmt.Errorf("state %q: want unreviewed, reviewed or a decision", f.State)
	}
	return f, nil
}

var kinds = []factcheck.Kind{
	factcheck.KindYear, factcheck.KindMonth, factcheck.KindDate, factcheck.KindDateRange,
	factcheck.KindYearRange, factcheck.KindMonthRange, factcheck.KindCount, factcheck.KindPercent,
	factcheck.KindMoney, factcheck.KindOrdinal, factcheck.KindStatement,
}

func validKind(k factcheck.Kind) bool { return k == "" || slices.Contains(kinds, k) }

// values encodes the filter as query values, leaving out the defaults.
func (f filter) values() url.Values {
	v := url.Values{}
	if f.All {
		v.Set("scope", "all")
	}
	for k, s := range map[string]string{"verdict": f.Verdict, "kind": f.Kind, "doc": f.Doc, "state": f.State} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// Query is the filter as a query string with its "?", or "".
func (f filter) Query() string {
	if q := f.values().Encode(); q != "" {
		return "?" + q
	}
	return ""
}

// Fields lists the filter's non-default values, for hidden form fields.
func (f filter) Fields() []field {
	var out []field
	for k, vs := range f.values() {
		out = append(out, field{k, vs[0]})
	}
	slices.SortFunc(out, func(a, b field) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return out
}

type field struct{ Name, Value string }

func (f filter) match(c reports.FlaggedClaim) bool {
	res := c.Claim.Result
	if !f.All && (res == nil || !res.Flagged) {
		return false
	}
	if f.Verdict != "" && verdictOf(c.Claim) != f.Verdict {
		return false
	}
	if f.Kind != "" && string(c.Claim.Kind) != f.Kind {
		return false
	}
	if f.Doc != "" && c.Doc.Source != f.Doc {
		return false
	}
	switch rv := c.Claim.Review; f.State {
	case "":
	case stateUnreviewed:
		return rv == nil
	case stateReviewed:
		return rv != nil
	default:
		return rv != nil && string(rv.Decision) == f.State
	}
	return true
}

// queue returns the claims of rep that f selects, by priority.
func queue(rep *reports.Report, f filter) []reports.FlaggedClaim {
	var out []reports.FlaggedClaim
	for _, c := range rep.ByPriority() {
		if f.match(c) {
			out = append(out, c)
		}
	}
	return out
}

// pageSize is the number of claims on one page of the queue: enough to
// work through by keyboard, few enough that a night with thousands of
// flagged claims still loads at once.
const pageSize = 50

// pager places one page in a queue of Total claims. Page is 1-based and
// always valid: 1 for an empty queue.
type pager struct {
	Page, Pages int
	// First and Last are the positions (from 1) of the page's first and
	// last claims, 0 when the queue is empty.
	First, Last, Total int
	// Prev and Next are the addresses of the neighbouring pages, with the
	// filter; "" when there is none.
	Prev, Next string
}

// parsePage reads a page number from a query value. Anything that is not
// a number is page 1; a number too large for an int is the largest int,
// which paginate clamps to the last page like any other.
func parsePage(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 1
	}
	return n
}

// pageOf is the page that holds the claim at index i (from 0) of a queue.
func pageOf(i int) int { return i/pageSize + 1 }

// paginate returns page page of items, clamped to the pages there are, and
// its pager; items keep their order, so page n+1 starts where page n ends.
func paginate(items []reports.FlaggedClaim, page int, f filter) (pager, []reports.FlaggedClaim) {
	p := pager{Total: len(items), Pages: max(1, (len(items)+pageSize-1)/pageSize)}
	p.Page = min(max(page, 1), p.Pages)
	lo := (p.Page - 1) * pageSize
	hi := min(lo+pageSize, len(items))
	if lo < hi {
		p.First, p.Last = lo+1, hi
	}
	if p.Page > 1 {
		p.Prev = f.pageURL(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.Next = f.pageURL(p.Page + 1)
	}
	return p, items[lo:hi]
}

// pageQuery is the filter and a page as query values; page 1 is left out.
func (f filter) pageQuery(page int) url.Values {
	v := f.values()
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v
}

// pageURL is the address of a page of the queue under f.
func (f filter) pageURL(page int) string {
	if q := f.pageQuery(page).Encode(); q != "" {
		return "/?" + q
	}
	return "/"
}

// verdictOf is a claim's verdict, unverified when it has no result.
func verdictOf(c *reports.Claim) string {
	if c.Result == nil {
		return string(factcheck.VerdictUnverified)
	}
	return string(c.Result.Verdict)
}

// tally counts the flagged claims of a report by review state.
type tally struct {
	Flagged, Reviewed, Remaining, NeedsResearch, Claims int
}

func count(rep *reports.Report) tally {
	var t tally
	for _, d := range rep.Documents {
		for _, c := range d.Claims {
			t.Claims++
			if c.Result == nil || !c.Result.Flagged {
				continue
			}
			t.Flagged++
			switch {
			case c.Review == nil:
				t.Remaining++
			case c.Review.Decision == factcheck.DecisionNeedsResearch:
				t.NeedsResearch++
				t.Reviewed++
			default:
				t.Reviewed++
			}
		}
	}
	return t
}
