package llm

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsroom/factcheck"
)

func TestCombine(t *testing.T) {
	neutral := []factcheck.Evidence{
		{ClaimID: "c", PassageID: "p1", Source: "s", Quote: "q1", Stance: factcheck.StanceNeutral, Reason: "no shared concept"},
		{ClaimID: "c", PassageID: "p2", Source: "s", Quote: "q2", Stance: factcheck.StanceNeutral},
	}
	refuting := []factcheck.Evidence{{ClaimID: "c", PassageID: "p1", Quote: "q1", Stance: factcheck.StanceRefutes, Value: "32"}}
	unverified := factcheck.Result{ClaimID: "c", Verdict: factcheck.VerdictUnverified, Evidence: neutral}
	unverifiedFlagged := unverified
	unverifiedFlagged.Flagged = true
	supported := factcheck.Result{ClaimID: "c", Verdict: factcheck.VerdictSupported, Confidence: 0.8}
	refuted := factcheck.Result{ClaimID: "c", Verdict: factcheck.VerdictRefuted, Confidence: 0.9, Flagged: true, Correction: "32", Evidence: refuting}
	disputed := factcheck.Result{ClaimID: "c", Verdict: factcheck.VerdictDisputed, Confidence: 0.4, Flagged: true}
	doubted := factcheck.Result{ClaimID: "c", Verdict: factcheck.VerdictDisputed, Confidence: 0.35, Flagged: true, Correction: "31",
		Evidence: []factcheck.Evidence{{ClaimID: "c", PassageID: "p1", Quote: "q1", Stance: factcheck.StanceRefutes, Value: "31",
			Tentative: true, Reason: "probably about the same thing"}}}
	op := func(v factcheck.Verdict, conf float64, correction string, ids ...string) *factcheck.LLMOpinion {
		return &factcheck.LLMOpinion{Model: "m", Verdict: v, Confidence: conf, Correction: correction, EvidenceIDs: ids, Trusted: true}
	}
	untrusted := op(factcheck.VerdictSupported, 0.9, "", "p9")
	untrusted.Trusted, untrusted.Error = false, "answer not trusted: cites E9, which was not offered"
	failed := &factcheck.LLMOpinion{Model: "m", Error: "budget exhausted"}
	cited := func(evs []factcheck.Evidence, stance factcheck.Stance) []factcheck.Evidence {
		out := append([]factcheck.Evidence(nil), evs...)
		out[0].Stance, out[0].Reason = stance, "cited by language model m; rules: no shared concept"
		return out
	}
	with := func(r factcheck.Result, f func(*factcheck.Result)) factcheck.Result { f(&r); return r }

	for _, tt := range []struct {
		name string
		rule factcheck.Result
		op   *factcheck.LLMOpinion
		want factcheck.Result // LLM is set to op by the test
	}{
		{"no opinion", refuted, nil, refuted},
		{"failed opinion", unverified, failed, unverified},
		{"untrusted opinion", unverified, untrusted, unverified},
		{"untrusted against a rule verdict", refuted, untrusted, refuted},
		{"model unverified", refuted, op(factcheck.VerdictUnverified, 0.9, ""), refuted},
		{"model settles unverified as supported", unverified, op(factcheck.VerdictSupported, 0.95, "", "p1"),
			with(unverified, func(r *factcheck.Result) {
				r.Verdict, r.Confidence, r.Evidence = factcheck.VerdictSupported, 0.7, cited(neutral, factcheck.StanceSupports)
			})},
		{"a settled claim keeps its flag", unverifiedFlagged, op(factcheck.VerdictSupported, 0.6, "", "p1"),
			with(unverifiedFlagged, func(r *factcheck.Result) {
				r.Verdict, r.Confidence, r.Evidence = factcheck.VerdictSupported, 0.6, cited(neutral, factcheck.StanceSupports)
			})},
		{"model settles unverified as refuted", unverified, op(factcheck.VerdictRefuted, 0.65, "31", "p1"),
			with(unverified, func(r *factcheck.Result) {
				r.Verdict, r.Confidence, r.Flagged, r.Correction = factcheck.VerdictRefuted, 0.65, true, "31"
				r.Evidence = cited(neutral, factcheck.StanceRefutes)
			})},
		{"cited passage not in the evidence", unverified, op(factcheck.VerdictSupported, 0.9, "", "p7"), unverified},
		{"agreement raises confidence", supported, op(factcheck.VerdictSupported, 0.9, "", "p1"),
			with(supported, func(r *factcheck.Result) { r.Confidence = 0.85 })},
		{"agreement is capped", with(refuted, func(r *factcheck.Result) { r.Confidence = 0.95 }), op(factcheck.VerdictRefuted, 0.9, "30", "p1"),
			with(refuted, func(r *factcheck.Result) { r.Confidence = 0.97 })},
		{"agreement never lowers", with(supported, func(r *factcheck.Result) { r.Confidence = 0.99 }), op(factcheck.VerdictSupported, 0.9, "", "p1"),
			with(supported, func(r *factcheck.Result) { r.Confidence = 0.99 })},
		{"model disagrees with refuted", refuted, op(factcheck.VerdictSupported, 0.99, "", "p1"),
			with(refuted, func(r *factcheck.Result) { r.Verdict, r.Confidence = factcheck.VerdictDisputed, 0.5 })},
		{"model disagrees with supported", supported, op(factcheck.VerdictRefuted, 0.7, "31", "p1"),
			with(supported, func(r *factcheck.Result) {
				r.Verdict, r.Confidence, r.Flagged, r.Correction = factcheck.VerdictDisputed, 0.5, true, "31"
			})},
		{"disputed stands", disputed, op(factcheck.VerdictSupported, 0.99, "", "p1"), disputed},
		{"model settles a tentative dispute as refuted", doubted, op(factcheck.VerdictRefuted, 0.9, "31", "p1"),
			with(doubted, func(r *factcheck.Result) {
				r.Verdict, r.Confidence, r.Correction = factcheck.VerdictRefuted, 0.7, "31"
				r.Evidence = []factcheck.Evidence{{ClaimID: "c", PassageID: "p1", Quote: "q1", Stance: factcheck.StanceRefutes, Value: "31",
					Reason: "cited by language model m; rules: probably about the same thing"}}
			})},
		{"a tentative dispute stands against support", doubted, op(factcheck.VerdictSupported, 0.9, "", "p1"), doubted},
		{"a dispute with firm evidence stands against refutation", with(doubted, func(r *factcheck.Result) { r.Evidence = refuting }),
			op(factcheck.VerdictRefuted, 0.9, "31", "p1"), with(doubted, func(r *factcheck.Result) { r.Evidence = refuting })},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := cmp.Diff(factcheck.Result{}, tt.rule)
			got := Combine(tt.rule, tt.op)
			want := tt.want
			want.LLM = tt.op
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Combine (-want +got):\n%s", diff)
			}
			if after := cmp.Diff(factcheck.Result{}, tt.rule); after != before {
				t.Error("Combine modified the rule result")
			}
			if tt.rule.Flagged && !got.Flagged {
				t.Error("Combine cleared a flag")
			}
			if got.Verdict != tt.rule.Verdict && got.Verdict != factcheck.VerdictDisputed && tt.rule.Verdict != factcheck.VerdictUnverified && !tentativeOnly(tt.rule) {
				t.Errorf("Combine overturned %s to %s", tt.rule.Verdict, got.Verdict)
			}
		})
	}
}
