package pipeline

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// This file ties claims to passages through figures, which read alike in
// every language: the claim's own, those stated beside it, and those a
// page shares with the article.

// valueTerms returns the index terms of a claim's own value, which read
// alike in every language: a year, or the digits of a figure ("2692",
// "6.8"; "40" for 40 billion).
func valueTerms(c factcheck.Claim) []string {
	if c.Kind.IsTemporal() {
		if len(c.Value) >= 4 {
			return []string{c.Value[:4]}
		}
		return nil
	}
	switch c.Kind {
	case factcheck.KindCount, factcheck.KindPercent, factcheck.KindMoney:
	default:
		return nil
	}
	f, err := strconv.ParseFloat(c.Value, 64)
	if err != nil || specificityOf(c) == common {
		return nil
	}
	out := []string{c.Value}
	for _, scale := range []float64{1e9, 1e6, 1e3} {
		if f >= scale && math.Mod(f, scale) == 0 {
			out = append(out, strconv.FormatFloat(f/scale, 'f', -1, 64))
			break
		}
	}
	return out
}

// topicalShared is how many distinct values an article and a page must
// share, besides the claim's own, for the page to be about its matter.
const topicalShared = 2

// valueKey names a quantity's value for comparing articles and pages.
func valueKey(q factcheck.Claim) string {
	if q.Kind.IsTemporal() {
		return "t:" + q.Value
	}
	return string(q.Kind) + ":" + q.Value
}

// DistinctKeys returns the value keys of the distinct quantities among
// cs: days, ranges and exact figures, which two texts rarely share by
// chance.
func DistinctKeys(cs []factcheck.Claim) map[string]bool {
	out := map[string]bool{}
	for _, c := range cs {
		if c.Value != "" && specificityOf(c) == distinct {
			out[valueKey(c)] = true
		}
	}
	return out
}

// DistinctValues returns the value keys of the distinct quantities the
// passages of a page state.
func (j *Judge) DistinctValues(passages []factcheck.Passage) map[string]bool {
	out := map[string]bool{}
	for _, p := range passages {
		for _, pq := range j.quantities(p) {
			if pq.q.Value != "" && specificityOf(pq.q) == distinct {
				out[valueKey(pq.q)] = true
			}
		}
	}
	return out
}

// coWindow is how far apart, in bytes, two quantities of a text may be and
// still be stated together: about a sentence.
const coWindow = 240

// near reports whether quantities a and b of one text are stated together.
func near(a, b factcheck.Claim) bool {
	return a.End >= b.Start-coWindow && a.Start <= b.End+coWindow
}

// coAnchored reports whether the article states, near the claim, another
// quantity of at least moderate specificity that the passage states near
// pq: "78 days … 38,004 sorties" ties a passage to a claim on the same
// campaign in any language.
func coAnchored(v claimView, pq passageQuantity, all []passageQuantity) bool {
	for _, a := range v.co {
		if specificityOf(a.c) < moderate {
			continue
		}
		for _, b := range pq.co {
			if coAgree(a, all[b]) {
				return true
			}
		}
	}
	return false
}

// coAligned reports whether a passage quantity pq that conflicts with the
// claim is its counterpart through a quantity both state nearby: some
// quantity a near the claim, not of the claim's slot, agrees with a
// quantity b near pq, and pq is the passage quantity comparable with the
// claim that stands nearest b, as the claim is the article's quantity of
// its slot nearest a. "The campaign lasted 87 days, with more than 38,000
// sorties" against "Allied Force lasted 78 days: 38,004 sorties".
//
// cmp decides which passage quantities are comparable with the claim:
// compare, or compareAnyNoun when counted nouns of two languages cannot be
// matched; with compareAnyNoun, which only questions a claim, the shared
// quantity need only be near, not in the same clause.
func coAligned(v claimView, pq passageQuantity, all []passageQuantity, cmp func(claimView, passageQuantity) agreement) bool {
	return aligned(v, pq, all, cmp, cmp == nil)
}

// looselyAligned is coAligned with compare, the shared quantity stated near
// the claim and near pq rather than in their own clauses: it ties a
// conflicting value closely enough to question the claim.
func looselyAligned(v claimView, pq passageQuantity, all []passageQuantity) bool {
	return aligned(v, pq, all, compare, false)
}

func aligned(v claimView, pq passageQuantity, all []passageQuantity, cmp func(claimView, passageQuantity) agreement, strict bool) bool {
	if cmp == nil {
		cmp = compare
	}
	dist := func(x, y factcheck.Claim) int { return max(x.Start-y.End, y.Start-x.End, 0) }
	for _, a := range v.co {
		if specificityOf(a.c) < moderate || sameSlot(v, a) {
			continue
		}
		if strict && a.c.Kind.IsTemporal() && specificityOf(a.c) < distinct {
			// a year or a month both state ("in 2015") is shared by too
			// many matters to tie a refutation: it only questions
			continue
		}
		// the claim must be the article's nearest quantity of its slot to a
		nearest := true
		for _, o := range v.co {
			if o.c.Start != a.c.Start && dist(o.c, a.c) < dist(v.c, a.c) && sameSlot(v, o) &&
				(o.c.Sentence == a.c.Sentence || v.c.Sentence != a.c.Sentence) {
				// one nearer in another clause than a's does not count
				// against the claim in a's own
				nearest = false
			}
		}
		if !nearest {
			continue
		}
		if strict && !strings.Contains(v.c.Sentence, a.c.Span) {
			continue // refuting asks for the claim's own clause
		}
		for _, bi := range pq.co {
			b := all[bi].q
			if !coAgree(a, all[bi]) || cmp(v, all[bi]) != unrelated {
				continue // an anchor that could be the claim's own counterpart ties nothing
			}
			if strict && !strings.Contains(pq.q.Sentence, b.Span) {
				continue
			}
			best := true
			for _, o := range all {
				if o.q.Start != pq.q.Start && o.q.Start != b.Start && cmp(v, o) != unrelated && dist(o.q, b) < dist(pq.q, b) {
					best = false
				}
			}
			if best {
				return true
			}
		}
	}
	return false
}

// compareAnyNoun compares counts whatever nouns they count; other
// quantities as compare does.
// Without the noun, only a count of some specificity, and one of the same
// order as the claim's (within a factor of three), can be its counterpart:
// "seven years" is not refuted by "2,692 missiles".
func compareAnyNoun(v claimView, pq passageQuantity) agreement {
	if v.c.Kind != factcheck.KindCount || pq.q.Kind != factcheck.KindCount {
		return compare(v, pq)
	}
	cv, err1 := strconv.ParseFloat(v.c.Value, 64)
	qv, err2 := strconv.ParseFloat(pq.q.Value, 64)
	if err1 != nil || err2 != nil || specificityOf(v.c) == common || cv <= 0 || qv <= 0 || max(cv, qv) > 3*min(cv, qv) {
		return unrelated
	}
	return compareNumbers(v.c.Value, v.c.Qualifier, pq.q.Value, pq.q.Qualifier, 0.005)
}

// inSequence reports whether the passage states near pq, in the claim's
// slot, a value the article states near the claim in that slot; for a
// date, whether pq is the date of another event of the claim's sentence:
// "Libya joined in 1953 and Sudan in 1956" is not refuted by "Libya: 1953".
func inSequence(v claimView, pq passageQuantity, all []passageQuantity) bool {
	if v.c.Kind.IsTemporal() {
		for _, a := range v.co {
			if a.c.Kind.IsTemporal() && a.c.Value != v.c.Value && strings.Contains(v.c.Sentence, a.c.Span) &&
				!coarser(a.c, pq.q) && compare(a, pq) == agrees {
				return true
			}
		}
		return false // dates in one sentence are of different events, not steps
	}
	if v.c.Kind != factcheck.KindCount {
		return false
	}
	for _, a := range v.co {
		if !sameSlot(v, a) {
			continue
		}
		if compare(a, pq) == agrees {
			return true // the passage's value is the article's other step
		}
		if setAgainst(v.c, a.c) {
			continue // the rival's figure beside pq makes pq the claim's side
		}
		for _, b := range pq.co {
			// the article's other figure beside pq, on the side of pq the
			// claim has it on, is its counterpart, not the next step: "ten
			// days, then extended by five" against "seven days, extended by
			// five"; "from 16 to 19" against "from 19 to 26" is a step
			sameSide := (a.c.Start > v.c.Start) == (all[b].q.Start > pq.q.Start)
			if compare(a, all[b]) == agrees && compare(v, all[b]) != unrelated && !sameSide {
				return true
			}
		}
	}
	return false
}

// versusWords set two counts of one noun against each other: a tally
// ("75 votes against 134"), whose other side is the rival's, not another
// step of a series.
var versusWords = textnorm.FoldSet("مقابل", "ضد", "against", "versus", "vs")

// setAgainst reports whether the words between claim c and quantity a of the
// same clause set them against each other (versusWords): a passage giving
// the rival's figure and another for the claim's side ("134 votes to 65
// for Morocco") gives the claim's counterpart.
func setAgainst(c, a factcheck.Claim) bool {
	i, j := strings.Index(c.Sentence, c.Span), strings.Index(c.Sentence, a.Span)
	if i < 0 || j < 0 {
		return false
	}
	lo, hi := i+len(c.Span), j
	if j < i {
		lo, hi = j+len(a.Span), i
	}
	if lo > hi {
		return false
	}
	for _, w := range textnorm.Words(c.Sentence[lo:hi]) {
		if versusWords[w] {
			return true
		}
	}
	return false
}

// coAgree reports whether quantity a near a claim and b near a passage
// quantity state the same value: counts and sums at least moderately
// specific agree when their numbers are equal, whatever nouns they count,
// which often are words of two languages ("1,900 warheads", "1900 رأس").
func coAgree(a claimView, b passageQuantity) bool {
	c := a.c
	if c.Kind == b.q.Kind && (c.Kind == factcheck.KindCount || c.Kind == factcheck.KindMoney) &&
		c.Value == b.q.Value && c.Qualifier == "" && b.q.Qualifier == "" && (c.Kind == factcheck.KindCount || c.Unit == b.q.Unit) {
		return true
	}
	if c.Kind == factcheck.KindPercent || c.Kind == factcheck.KindMoney || c.Kind == factcheck.KindCount {
		// a tie needs the same figure: "about" widens a percentage to a
		// point either side, far too loose to tie 4.48 to 3.73
		a.c.Qualifier, b.q.Qualifier = "", ""
	}
	// a date whose year is inferred ("on 11 December") is tied by its day,
	// not by a year alone, which is all that was inferred
	return compare(a, b) == agrees && !(c.Relative && coarser(b.q, c))
}

// otherOccasion reports whether a date in the claim's own clause
// conflicts with a date the passage states near its quantity, where the
// claim's quantity is not itself a date.
func otherOccasion(v claimView, pq passageQuantity, all []passageQuantity) bool {
	if v.c.Kind.IsTemporal() {
		return false
	}
	for _, a := range v.co {
		if !a.c.Kind.IsTemporal() || specificityOf(a.c) < moderate || !strings.Contains(v.c.Sentence, a.c.Span) {
			continue
		}
		for _, b := range pq.co {
			if all[b].q.Kind.IsTemporal() && compare(a, all[b]) == conflicts && !coarser(all[b].q, a.c) && !slip(a.c, all[b].q) {
				return true
			}
		}
	}
	return false
}

// slip reports whether two full dates differ as a slip would, not as two
// occasions: another day of the same month ("19 March 2011" for "17 March
// 2011"), or the same day in another year.
func slip(a, b factcheck.Claim) bool {
	if precision(a.Value) == 3 && precision(b.Value) == 3 && a.Value[:7] == b.Value[:7] {
		return true
	}
	return nearMiss(a, b)
}

// sameSlot reports whether two claims state the same kind of quantity: both
// times, or counts of the same noun, percentages, or sums.
func sameSlot(a, b claimView) bool {
	switch {
	case a.c.Kind.IsTemporal() || b.c.Kind.IsTemporal():
		return a.c.Kind.IsTemporal() && b.c.Kind.IsTemporal()
	case a.c.Kind == factcheck.KindCount && b.c.Kind == factcheck.KindCount:
		return a.unit == b.unit
	}
	return a.c.Kind == b.c.Kind
}

// parallel reports whether the claim's sentence and pq's state figures of
// the claim's slot in the same order, pq standing where the claim stands
// and every other figure agreeing with its counterpart: "53% in the
// kingdom and over 84% in Riyadh" against "53% in the kingdom, over 94%
// in Riyadh". One of the agreeing figures must be specific enough not to
// be met by chance.
func parallel(v claimView, pq passageQuantity, all []passageQuantity) bool {
	if v.c.Kind.IsTemporal() {
		return false // dates in one sentence are of different events
	}
	ours := []claimView{v}
	for _, a := range v.co {
		if a.c.Sentence == v.c.Sentence && sameSlot(v, a) {
			ours = append(ours, a)
		}
	}
	if len(ours) < 2 {
		return false
	}
	slices.SortFunc(ours, func(x, y claimView) int { return x.c.Start - y.c.Start })
	var theirs []passageQuantity
	for _, o := range all {
		if o.sentence == pq.sentence && compare(v, o) != unrelated {
			theirs = append(theirs, o)
		}
	}
	if len(theirs) != len(ours) {
		return false
	}
	slices.SortFunc(theirs, func(x, y passageQuantity) int { return x.q.Start - y.q.Start })
	tied := false
	for k := range ours {
		switch {
		case ours[k].c.Start == v.c.Start:
			if theirs[k].q.Start != pq.q.Start {
				return false
			}
		case compare(ours[k], theirs[k]) != agrees:
			return false
		default:
			tied = tied || specificityOf(ours[k].c) >= moderate
		}
	}
	return tied
}
