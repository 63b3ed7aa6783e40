package pipeline

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/newsroom/factcheck"
)

// Verdict combines the evidence on claim c into its result. flagUnverified
// also flags claims no evidence bears on.
func Verdict(c factcheck.Claim, evidence []factcheck.Evidence, flagUnverified bool) factcheck.Result {
	res := factcheck.Result{ClaimID: c.ID, Verdict: factcheck.VerdictUnverified, Evidence: evidence}
	var sup, ref, doubt []factcheck.Evidence
	for _, e := range evidence {
		switch {
		case e.Stance == factcheck.StanceSupports:
			sup = append(sup, e)
		case e.Stance == factcheck.StanceRefutes && e.Tentative:
			doubt = append(doubt, e)
		case e.Stance == factcheck.StanceRefutes:
			ref = append(ref, e)
		}
	}
	best := func(es []factcheck.Evidence) factcheck.Evidence {
		sort.SliceStable(es, func(i, j int) bool { return es[i].Score > es[j].Score })
		return es[0]
	}
	confidence := func(es []factcheck.Evidence) float64 {
		b := best(es).Score
		return round2(math.Min(0.95, 0.5+0.1*float64(len(es))+0.3*b))
	}
	coarse := len(sup) > 0
	for _, e := range sup {
		coarse = coarse && coarserBy(factcheck.Claim{Kind: c.Kind, Value: e.Value}, c) > 0
	}
	if coarse && len(ref) == 0 && len(doubt) > 0 {
		// "July 1974" cannot outweigh a passage stating "20 July 1974"
		// against the claim's 22nd, however tentatively
		sup = nil
	}
	if len(ref) == 0 && len(sup) == 0 && len(doubt) > 0 {
		// only tentative conflicts: the claim is in question, not refuted
		res.Verdict, res.Confidence = factcheck.VerdictDisputed, round2(0.3+0.2*best(doubt).Score)
		res.Correction = correction(c, best(doubt))
		res.Flagged = true
		return res
	}
	switch {
	case len(sup) > 0 && len(ref) == 0:
		res.Verdict, res.Confidence = factcheck.VerdictSupported, confidence(sup)
	case len(ref) > 0 && len(sup) == 0:
		res.Verdict, res.Confidence = factcheck.VerdictRefuted, confidence(ref)
		res.Correction = correction(c, best(ref))
	case len(ref) > 0 && len(sup) > 0:
		// Evidence on both sides: a clearly better match on one side
		// decides (the other is most likely about a neighbouring matter);
		// otherwise the claim is disputed.
		// A passage stating the claim's exact value about the same thing is
		// strong evidence: a wrong number rarely meets its twin. So support
		// stands unless a refutation is clearly the better match.
		s, r := best(sup).Score, best(ref).Score
		// A distinct value stated exactly ("16.35 per cent") is not met by
		// chance: a conflicting figure is about a neighbouring matter.
		// A figure's twin must share something with the claim, not only
		// stand on a page about the article's matter: "13 nations" there
		// does not outweigh a resolution's vote of 12 against "13 votes".
		// A full date is its own evidence.
		twin := specificityOf(c) == distinct && slices.ContainsFunc(sup, func(e factcheck.Evidence) bool {
			return e.Value == c.Value && (c.Kind.IsTemporal() || e.Score >= minTwinScore)
		})
		switch {
		case s >= r || twin:
			res.Verdict, res.Confidence = factcheck.VerdictSupported, round2(confidence(sup)-0.1)
		case r-s >= decisiveMargin:
			res.Verdict, res.Confidence = factcheck.VerdictRefuted, round2(confidence(ref)-0.1)
			res.Correction = correction(c, best(ref))
		default:
			res.Verdict = factcheck.VerdictDisputed
			res.Confidence = round2(math.Abs(s-r)/2 + 0.3)
			res.Correction = correction(c, best(ref))
		}
	}
	res.Flagged = res.Verdict == factcheck.VerdictRefuted || res.Verdict == factcheck.VerdictDisputed ||
		res.Verdict == factcheck.VerdictUnverified && flagUnverified
	return res
}

// coarserPenalty lowers the score of support from a passage less precise
// than the claim, so a full-precision refutation decides.
const coarserPenalty = 0.25

// minTwinScore is the least score of a support stating the claim's exact
// figure for it to stand against a better refutation: above the 0.2 a
// match sharing nothing with the claim scores.
const minTwinScore = 0.25

// decisiveMargin is how much better the best match on one side must be for
// it to decide a claim with evidence on both sides.
const decisiveMargin = 0.2

// correction states the refuting value at the precision of the claim.
func correction(c factcheck.Claim, e factcheck.Evidence) string {
	v := e.Value
	if c.Kind.IsTemporal() && !strings.Contains(c.Value, "/") && !strings.Contains(v, "/") {
		if p := precision(c.Value); p > 0 && precision(v) >= p {
			v = truncate(v, p)
		}
	}
	return v
}

// excerpt returns at most n bytes of s, cut at a rune boundary after a
// space when it can be; it is always a prefix of s, so it quotes s exactly.
func excerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
	}
	return s[:cut]
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
