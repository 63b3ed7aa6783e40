package reports

import (
	"sort"

	"github.com/newsroom/factcheck"
)

// ByPriority returns every claim of the report in the order editors should
// look at them: flagged claims first, then by verdict (refuted, disputed,
// unverified, supported), then by confidence, highest first; claims that
// tie keep the order of the documents and of the text. The order does not
// depend on reviews, so a claim keeps its place once decided.
func (r *Report) ByPriority() []FlaggedClaim {
	var out []FlaggedClaim
	for di := range r.Documents {
		d := &r.Documents[di]
		for ci := range d.Claims {
			out = append(out, FlaggedClaim{Doc: d, Claim: &d.Claims[ci]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Claim.Result, out[j].Claim.Result
		if fa, fb := a != nil && a.Flagged, b != nil && b.Flagged; fa != fb {
			return fa
		}
		if ra, rb := verdictRank(a), verdictRank(b); ra != rb {
			return ra < rb
		}
		return confidence(a) > confidence(b)
	})
	return out
}

// Find returns the claim with id id and its document.
func (r *Report) Find(id string) (FlaggedClaim, bool) {
	for di := range r.Documents {
		d := &r.Documents[di]
		for ci := range d.Claims {
			if d.Claims[ci].ID == id {
				return FlaggedClaim{Doc: d, Claim: &d.Claims[ci]}, true
			}
		}
	}
	return FlaggedClaim{}, false
}

// verdictRank is the place of a result's verdict in verdictOrder; no
// result counts as unverified.
func verdictRank(res *factcheck.Result) int {
	v := factcheck.VerdictUnverified
	if res != nil {
		v = res.Verdict
	}
	for i, o := range verdictOrder {
		if o == v {
			return i
		}
	}
	return len(verdictOrder)
}

func confidence(res *factcheck.Result) float64 {
	if res == nil {
		return 0
	}
	return res.Confidence
}
