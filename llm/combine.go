package llm

import (
	"math"
	"slices"

	"github.com/newsroom/factcheck"
)

// Limits of Combine.
const (
	// MaxAdoptedConfidence caps the confidence of a verdict the model
	// settles alone: without the rules' agreement it is never certain.
	MaxAdoptedConfidence = 0.7
	// AgreementBoost is added to the rules' confidence when the model
	// agrees, up to MaxAgreedConfidence.
	AgreementBoost = 0.05
	// MaxAgreedConfidence caps a confidence raised by agreement.
	MaxAgreedConfidence = 0.97
	// DisputedConfidence caps the confidence of a dispute between the
	// rules and the model.
	DisputedConfidence = 0.5
)

// Combine merges the rules' result for a claim with the model's opinion
// on it. The opinion is always attached (res.LLM) for audit; the verdict
// changes only as follows, so that the model adds a flag or a settled
// claim but never silently overturns the rules:
//
//   - no opinion, an error, an untrusted opinion, or an unverified one:
//     the rules' result stands;
//   - rules unverified, model supported or refuted citing passages that are
//     among the result's evidence: the model's verdict is adopted with
//     confidence min(its confidence, 0.7), those passages take its stance
//     (their Reason says the model cited them), and a refutation takes the
//     model's correction and is flagged. If no cited passage is in the
//     evidence, the rules' result stands: every verdict cites evidence;
//   - rules supported or refuted and the model agrees: the verdict stands,
//     its confidence up by 0.05 (at most 0.97);
//   - rules supported or refuted and the model says the opposite: disputed,
//     flagged, confidence at most 0.5; the correction is the rules' when
//     they refuted, else the model's;
//   - rules disputed only by tentative refutations (passages probably, not
//     surely, about the same thing) and the model refutes citing passages
//     among the evidence: the model settles the doubt as for an unverified
//     claim, the cited passages' refutations no longer tentative;
//   - otherwise, rules disputed: the dispute stands.
//
// Combine never clears a flag the rules set. It does not modify rule.
func Combine(rule factcheck.Result, op *factcheck.LLMOpinion) factcheck.Result {
	res := rule
	res.Evidence = slices.Clone(rule.Evidence)
	if op == nil {
		return res
	}
	o := *op
	o.EvidenceIDs = slices.Clone(op.EvidenceIDs)
	res.LLM = &o
	if o.Error != "" || !o.Trusted {
		return res
	}
	decisive := o.Verdict == factcheck.VerdictSupported || o.Verdict == factcheck.VerdictRefuted
	ruled := rule.Verdict == factcheck.VerdictSupported || rule.Verdict == factcheck.VerdictRefuted
	switch {
	case !decisive:
		return res
	case rule.Verdict == factcheck.VerdictUnverified || o.Verdict == factcheck.VerdictRefuted && tentativeOnly(rule):
		stance := factcheck.StanceSupports
		if o.Verdict == factcheck.VerdictRefuted {
			stance = factcheck.StanceRefutes
		}
		cited := 0
		for i, ev := range res.Evidence {
			if !slices.Contains(o.EvidenceIDs, ev.PassageID) {
				continue
			}
			cited++
			res.Evidence[i].Stance, res.Evidence[i].Tentative = stance, false
			reason := "cited by language model " + o.Model
			if ev.Reason != "" {
				reason += "; rules: " + ev.Reason
			}
			res.Evidence[i].Reason = reason
		}
		if cited == 0 {
			return res
		}
		res.Verdict = o.Verdict
		res.Confidence = round2(math.Min(o.Confidence, MaxAdoptedConfidence))
		res.Correction = ""
		if o.Verdict == factcheck.VerdictRefuted {
			res.Correction = o.Correction
			res.Flagged = true
		}
	case ruled && o.Verdict == rule.Verdict:
		res.Confidence = round2(math.Max(rule.Confidence, math.Min(rule.Confidence+AgreementBoost, MaxAgreedConfidence)))
	case ruled:
		res.Verdict = factcheck.VerdictDisputed
		res.Flagged = true
		res.Confidence = round2(math.Min(rule.Confidence, DisputedConfidence))
		if rule.Verdict == factcheck.VerdictSupported {
			res.Correction = o.Correction
		}
	}
	return res
}

// tentativeOnly reports whether a disputed result rests on tentative
// refutations alone.
func tentativeOnly(r factcheck.Result) bool {
	if r.Verdict != factcheck.VerdictDisputed {
		return false
	}
	n := 0
	for _, ev := range r.Evidence {
		switch {
		case ev.Stance == factcheck.StanceSupports, ev.Stance == factcheck.StanceRefutes && !ev.Tentative:
			return false
		case ev.Stance == factcheck.StanceRefutes:
			n++
		}
	}
	return n > 0
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
