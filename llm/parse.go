package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsroom/factcheck"
)

// errBadAnswer marks an answer that is not the JSON asked for; the request
// is retried.
var errBadAnswer = errors.New("unusable answer")

// fencePattern finds Markdown code fences, with or without a language.
var fencePattern = regexp.MustCompile("(?s)```[A-Za-z0-9_-]*[ \t]*\r?\n?(.*?)```")

// maxObjectTries bounds the '{' positions tried when looking for an object
// in prose.
const maxObjectTries = 32

// decodeObject decodes the JSON object in a model's answer: the answer as
// a whole, else the content of a code fence (```json … ```), else the first
// balanced {…} that decodes, so that prose around the object is tolerated.
func decodeObject[T any](raw string) (T, error) {
	var zero T
	try := func(s string) (T, bool) {
		s = strings.TrimSpace(s)
		if !strings.HasPrefix(s, "{") {
			return zero, false
		}
		var v T
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return zero, false
		}
		return v, true
	}
	if v, ok := try(raw); ok {
		return v, nil
	}
	for _, m := range fencePattern.FindAllStringSubmatch(raw, -1) {
		if v, ok := try(m[1]); ok {
			return v, nil
		}
	}
	from := 0
	for range maxObjectTries {
		i := strings.IndexByte(raw[from:], '{')
		if i < 0 {
			break
		}
		start := from + i
		if end := balancedEnd(raw, start); end > 0 {
			if v, ok := try(raw[start:end]); ok {
				return v, nil
			}
		}
		from = start + 1
	}
	return zero, fmt.Errorf("%w: no JSON object in %q", errBadAnswer, clip(raw, 200))
}

// balancedEnd returns the end of the {…} that starts at s[start], minding
// JSON strings and their escapes; 0 when it is not closed.
func balancedEnd(s string, start int) int {
	depth, inString, escaped := 0, false, false
	for i := start; i < len(s); i++ {
		ch := s[i]
		switch {
		case inString && escaped:
			escaped = false
		case inString && ch == '\\':
			escaped = true
		case inString && ch == '"':
			inString = false
		case inString:
		case ch == '"':
			inString = true
		case ch == '{':
			depth++
		case ch == '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

// judgement is a model's answer about one claim, as asked for by
// judgeSchema.
type judgement struct {
	Verdict     string   `json:"verdict"`
	Confidence  *float64 `json:"confidence"`
	EvidenceIDs []string `json:"evidence_ids"`
	Correction  string   `json:"correction"`
	Rationale   string   `json:"rationale"`
}

// Bounds on the free text kept from an answer.
const (
	maxRationale  = 2000
	maxCorrection = 200
	maxCited      = 20
)

// parseJudgement decodes and validates a judgement: a known verdict, a
// confidence in [0,1], at most maxCited ids. Verdict and ids are
// normalised (trimmed, lower-case verdict, ids without repeats).
func parseJudgement(raw string) (judgement, error) {
	j, err := decodeObject[judgement](raw)
	if err != nil {
		return j, err
	}
	j.Verdict = strings.ToLower(strings.TrimSpace(j.Verdict))
	if !slices.Contains(modelVerdicts, factcheck.Verdict(j.Verdict)) {
		return j, fmt.Errorf("%w: verdict %q is not supported, refuted or unverified", errBadAnswer, j.Verdict)
	}
	switch c := j.Confidence; {
	case c == nil:
		return j, fmt.Errorf("%w: no confidence", errBadAnswer)
	case math.IsNaN(*c) || *c < 0 || *c > 1:
		return j, fmt.Errorf("%w: confidence %v is not in [0,1]", errBadAnswer, *c)
	}
	if len(j.EvidenceIDs) > maxCited {
		return j, fmt.Errorf("%w: %d evidence ids", errBadAnswer, len(j.EvidenceIDs))
	}
	var ids []string
	for _, id := range j.EvidenceIDs {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	j.EvidenceIDs = ids
	j.Correction = clip(strings.TrimSpace(j.Correction), maxCorrection)
	j.Rationale = clip(strings.TrimSpace(j.Rationale), maxRationale)
	return j, nil
}

// trust decides whether a valid judgement may be used. It returns the
// cited passages' ids (their PassageID when set, else their label; an id
// that was not offered as the model wrote it) and, when the judgement must
// not be used, why:
//   - it cites an id that was not offered;
//   - it says supported or refuted and cites nothing;
//   - it says supported or refuted citing a passage that addresses a
//     language model ("ignore previous instructions…"): such text states
//     no fact, and a verdict resting on it is the injection working.
func trust(j judgement, ps []Passage) (ids []string, reason string) {
	byLabel := map[string]Passage{}
	for _, p := range ps {
		byLabel[strings.ToUpper(p.ID)] = p
	}
	var unknown, injected []string
	for _, id := range j.EvidenceIDs {
		p, ok := byLabel[strings.ToUpper(id)]
		switch {
		case !ok:
			unknown = append(unknown, id)
			ids = append(ids, id)
			continue
		case addressesModel(p.Quote):
			injected = append(injected, p.ID)
		}
		if p.PassageID != "" {
			ids = append(ids, p.PassageID)
		} else {
			ids = append(ids, p.ID)
		}
	}
	decisive := j.Verdict != string(factcheck.VerdictUnverified)
	switch {
	case len(unknown) > 0:
		return ids, fmt.Sprintf("cites %s, which was not offered", strings.Join(unknown, ", "))
	case decisive && len(ids) == 0:
		return ids, fmt.Sprintf("says %s without citing evidence", j.Verdict)
	case decisive && len(injected) > 0:
		return ids, fmt.Sprintf("rests on %s, whose text addresses a language model", strings.Join(injected, ", "))
	}
	return ids, ""
}

// clip returns at most n bytes of s, cut at a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
