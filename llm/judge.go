package llm

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsroom/factcheck"
)

// Judge asks the model for its verdict on claim c of article a against the
// evidence passages, in run runID. It never fails the run: when there is
// no answer (budget spent, server down, broken answers after the retries,
// ctx cancelled) the opinion carries the reason in Error and is not
// Trusted; when the answer breaks the trust rules (see trust) it is kept
// with Trusted false and Error saying why. Cited passages appear in
// EvidenceIDs by their PassageID when given.
//
// Judge returns nil, and asks nothing, for a nil Client or when there is
// no evidence: a model shown no passage could only answer unverified.
func (c *Client) Judge(ctx context.Context, runID string, cl factcheck.Claim, a Article, evidence []Passage) *factcheck.LLMOpinion {
	if c == nil || len(evidence) == 0 {
		return nil
	}
	op := &factcheck.LLMOpinion{Model: c.cfg.Model}
	ps, err := labelPassages(evidence)
	if err != nil {
		op.Error = fmt.Sprintf("judge claim %s: %v", cl.ID, err)
		return op
	}
	system, user := judgeMessages(cl, a, ps)
	raw, err := c.ask(ctx, question{
		runID: runID, claimID: cl.ID, system: system, user: user,
		schemaName: "claim_judgement", schema: judgeSchema,
		check: func(raw string) error { _, err := parseJudgement(raw); return err },
	})
	if err != nil {
		op.Error = err.Error()
		c.logNoAnswer(ctx, "llm gave no opinion; the claim keeps its rule verdict", err, "claim", cl.ID, "span", cl.Span)
		return op
	}
	j, err := parseJudgement(raw) // checked by ask; parsed again for a cached answer too
	if err != nil {
		op.Error = err.Error()
		return op
	}
	op.Verdict = factcheck.Verdict(j.Verdict)
	op.Confidence = *j.Confidence
	op.Correction = j.Correction
	op.Rationale = j.Rationale
	ids, reason := trust(j, ps)
	op.EvidenceIDs = ids
	if reason != "" {
		op.Error = fmt.Sprintf("%v: %s", ErrNotTrusted, reason)
		c.count(func(s *Stats) { s.Untrusted++ })
		c.log.Info("llm answer not trusted", "claim", cl.ID, "reason", reason)
		return op
	}
	op.Trusted = true
	if op.Verdict != factcheck.VerdictRefuted {
		op.Correction = ""
	}
	return op
}

// IsBudgetExhausted reports whether op went without an answer because the
// run's budget was spent.
func IsBudgetExhausted(op *factcheck.LLMOpinion) bool {
	return op != nil && strings.HasPrefix(op.Error, ErrBudgetExhausted.Error())
}
