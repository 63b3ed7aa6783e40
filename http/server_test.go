package http_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsroom/factcheck"
	fchttp "github.com/newsroom/factcheck/http"
	"github.com/newsroom/factcheck/reports"
	"github.com/newsroom/factcheck/sqlite"
)

const xss = `<script>alert(1)</script>`

// Claim ids of the fixture.
const (
	idSweden    = "c-sweden"    // refuted, flagged, English
	idArabic    = "c-arabic"    // disputed, flagged, Arabic
	idUnknown   = "c-unverif"   // unverified, flagged
	idSupported = "c-supported" // supported, not flagged
)

var fixedNow = time.Date(2024, 7, 20, 9, 30, 0, 0, time.UTC)

// fixtureIDs are the claims of the fixture, in text order.
var fixtureIDs = []string{idSweden, idSupported, idArabic, idUnknown}

// newStore returns a store in a fresh file holding the fixture's run, run-1:
// two articles, one English and one Arabic, whose titles, texts, evidence
// and model rationale carry markup that must come out escaped.
func newStore(t *testing.T) *sqlite.DB {
	t.Helper()
	asOf := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	en := "NATO at 75 " + xss + "\nSweden joined NATO on 7 March 2023. " + xss + "\nThe treaty was signed in 1949."
	ar := "الناتو في عيده\nانضمت السويد إلى الحلف في آذار/مارس 2023م. وبلغ عدد الأعضاء 30 دولة."
	claim := func(id, text, span string, kind factcheck.Kind, value string) factcheck.Claim {
		i := strings.Index(text, span)
		return factcheck.Claim{ID: id, Kind: kind, Span: span, Start: i, End: i + len(span), Value: value,
			Sentence: strings.SplitN(text[i:], "\n", 2)[0]}
	}
	db := openStore(t)
	saveRun(t, db, reports.Report{
		Run: factcheck.Run{ID: "run-1", Status: factcheck.RunComplete, StartedAt: asOf, FinishedAt: asOf},
		Documents: []reports.Document{
			{Source: "articles/en.txt", Title: "NATO at 75 " + xss, Lang: "en", Text: en, Claims: []reports.Claim{
				{Claim: claim(idSweden, en, "7 March 2023", factcheck.KindDate, "2023-03-07"),
					Result: &factcheck.Result{ClaimID: idSweden, Verdict: factcheck.VerdictRefuted, Confidence: 0.94, Flagged: true,
						Correction: "2024-03-07 <b>bold</b>",
						Evidence: []factcheck.Evidence{
							{PassageID: "nato-1", Source: "https://example.org/nato?a=1&b=2", Quote: "Sweden joined NATO on 7 March 2024 " + xss,
								Stance: factcheck.StanceRefutes, Value: "2024-03-07", AsOf: asOf},
							{PassageID: "js-1", Source: "javascript:alert(1)", Quote: "a neutral passage", Stance: factcheck.StanceNeutral, AsOf: asOf},
						},
						LLM: &factcheck.LLMOpinion{Model: "test-model", Verdict: factcheck.VerdictRefuted, Confidence: 0.9,
							Rationale: "The page says 2024 <img src=x onerror=alert(1)>", Trusted: true}}},
				{Claim: claim(idSupported, en, "1949", factcheck.KindYear, "1949"),
					Result: &factcheck.Result{ClaimID: idSupported, Verdict: factcheck.VerdictSupported, Confidence: 0.9}},
			}},
			{Source: "articles/ar.txt", Title: "الناتو في عيده", Lang: "ar", Text: ar, Claims: []reports.Claim{
				{Claim: claim(idArabic, ar, "آذار/مارس 2023م", factcheck.KindMonth, "2023-03"),
					Result: &factcheck.Result{ClaimID: idArabic, Verdict: factcheck.VerdictDisputed, Confidence: 0.6, Flagged: true}},
				{Claim: claim(idUnknown, ar, "30 دولة", factcheck.KindCount, "30"),
					Result: &factcheck.Result{ClaimID: idUnknown, Verdict: factcheck.VerdictUnverified, Flagged: true}},
			}},
		},
	})
	return db
}

// openStore opens an empty store in a fresh file under t.TempDir, as
// `factcheck serve` opens its database, and closes it when the test ends.
func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "factcheck.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return db
}

// saveRun writes rep into db through the store's write API, in the order
// `factcheck run` writes a run (cmd/factcheck/run.go and the pipeline): it
// begins the run, records every article as an input, then saves each
// article with its claims, their results with evidence and model opinions,
// and marks the article verified; last it finishes the run with rep's
// status. Document ids derive from the text, as the pipeline's do; claim
// ids are stored as given.
func saveRun(t *testing.T, db *sqlite.DB, rep reports.Report) {
	t.Helper()
	ctx := t.Context()
	run := rep.Run
	var inputs []string
	for _, d := range rep.Documents {
		inputs = append(inputs, d.Source)
	}
	cfg, err := json.Marshal(map[string]any{"inputs": inputs})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.BeginRun(ctx, factcheck.Run{ID: run.ID, Status: factcheck.RunRunning, StartedAt: run.StartedAt}, string(cfg)); err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		if err := db.AddRunInput(ctx, run.ID, in); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range rep.Documents {
		doc := factcheck.Document{ID: factcheck.DocumentID(d.Text), Source: d.Source, Title: d.Title, Lang: d.Lang, Date: d.Date, Text: d.Text}
		var claims []factcheck.Claim
		var results []factcheck.Result
		for _, c := range d.Claims {
			c.Claim.DocID = doc.ID
			claims = append(claims, c.Claim)
			if c.Result != nil {
				results = append(results, *c.Result)
			}
		}
		if err := db.SaveDocument(ctx, run.ID, d.Source, doc, claims); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveResults(ctx, run.ID, results); err != nil {
			t.Fatal(err)
		}
		if err := db.SetJudgeKey(ctx, run.ID, d.Source, "test"); err != nil {
			t.Fatal(err)
		}
		if err := db.SetInputStatus(ctx, run.ID, d.Source, sqlite.InputVerified); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.FinishRun(ctx, run.ID, run.Status, run.FinishedAt, `{"documents":`+fmt.Sprint(len(inputs))+`}`); err != nil {
		t.Fatal(err)
	}
}

// addReviews records editors' decisions, oldest first, as the review UI
// and `factcheck review set` do.
func addReviews(t *testing.T, db *sqlite.DB, rs ...factcheck.Review) {
	t.Helper()
	for _, r := range rs {
		if err := db.AddReview(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
}

// reviewsOf returns the decisions stored on each of ids in turn, each
// claim's oldest first.
func reviewsOf(t *testing.T, db *sqlite.DB, ids ...string) []factcheck.Review {
	t.Helper()
	var out []factcheck.Review
	for _, id := range ids {
		rs, err := db.Reviews(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rs...)
	}
	return out
}

// testServer serves srv over loopback and returns a client that keeps
// cookies and does not follow redirects.
func testServer(t *testing.T, srv *fchttp.Server) (*httptest.Server, *http.Client) {
	t.Helper()
	if srv.Now == nil {
		srv.Now = func() time.Time { return fixedNow }
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return ts, client
}

func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// csrfToken reads the form token from a page of the server.
func csrfToken(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	_, body := get(t, c, base+"/claims/"+idSweden)
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no csrf field in the claim page:\n%s", body)
	}
	return m[1]
}

// post sends a form with the given headers and returns the response.
func post(t *testing.T, c *http.Client, u string, form url.Values, headers map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// rowIDs returns the claim ids of the queue's rows, in order.
func rowIDs(body string) []string {
	var ids []string
	for _, m := range regexp.MustCompile(`<tr id="c-([^"]+)"`).FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

func TestServeQueueFilters(t *testing.T) {
	store := newStore(t)
	addReviews(t, store, factcheck.Review{ClaimID: idArabic, Decision: factcheck.DecisionNeedsResearch, By: "lina", At: fixedNow})
	ts, c := testServer(t, &fchttp.Server{Store: store})
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", []string{idSweden, idArabic, idUnknown}},
		{"?scope=flagged", []string{idSweden, idArabic, idUnknown}},
		{"?scope=all", []string{idSweden, idArabic, idUnknown, idSupported}},
		{"?verdict=refuted", []string{idSweden}},
		{"?scope=all&verdict=supported", []string{idSupported}},
		{"?verdict=supported", nil},
		{"?kind=count", []string{idUnknown}},
		{"?doc=articles%2Far.txt", []string{idArabic, idUnknown}},
		{"?doc=nosuch.txt", nil},
		{"?state=unreviewed", []string{idSweden, idUnknown}},
		{"?state=reviewed", []string{idArabic}},
		{"?state=needs_research", []string{idArabic}},
		{"?state=dismissed", nil},
		{"?scope=all&state=unreviewed&doc=articles%2Fen.txt", []string{idSweden, idSupported}},
	} {
		code, body := get(t, c, ts.URL+"/"+tt.query)
		if code != http.StatusOK {
			t.Errorf("GET /%s: status %d", tt.query, code)
			continue
		}
		if got := rowIDs(body); !slices.Equal(got, tt.want) {
			t.Errorf("GET /%s: rows %v, want %v", tt.query, got, tt.want)
		}
	}
	_, body := get(t, c, ts.URL+"/")
	for _, want := range []string{
		"<strong>1</strong> reviewed · <strong>2</strong> remaining of 3 flagged",
		`<td class="claim" lang="ar" dir="rtl">`,
		"NATO at 75 &lt;script&gt;alert(1)&lt;/script&gt;",
		`<script src="/assets/app.js?v=`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("queue lacks %q", want)
		}
	}
	if strings.Contains(body, xss) {
		t.Errorf("queue has an unescaped %s", xss)
	}
	for _, q := range []string{"?verdict=wrong", "?kind=nope", "?state=maybe", "?scope=some"} {
		if code, _ := get(t, c, ts.URL+"/"+q); code != http.StatusBadRequest {
			t.Errorf("GET /%s: status %d, want 400", q, code)
		}
	}
}

func TestServeClaimPageEscapes(t *testing.T) {
	store := newStore(t)
	addReviews(t, store,
		factcheck.Review{ClaimID: idSweden, Decision: factcheck.DecisionNeedsResearch, Note: "check " + xss, By: "omar <b>", At: fixedNow.Add(-time.Hour)},
		factcheck.Review{ClaimID: idSweden, Decision: factcheck.DecisionConfirmedError, Note: "2024, not 2023", By: "lina", At: fixedNow},
	)
	ts, c := testServer(t, &fchttp.Server{Store: store})
	code, body := get(t, c, ts.URL+"/claims/"+idSweden)
	if code != http.StatusOK {
		t.Fatalf("status %d:\n%s", code, body)
	}
	if strings.Contains(body, xss) || strings.Contains(body, "<img") || strings.Contains(body, "<b>") {
		t.Errorf("claim page renders markup from the data:\n%s", body)
	}
	for _, want := range []string{
		"Sweden joined NATO on 7 March 2024 &lt;script&gt;alert(1)&lt;/script&gt;", // evidence quote
		`<dd class="correction" id="correction" dir="auto">2024-03-07 &lt;b&gt;bold&lt;/b&gt;</dd>`,
		`href="https://example.org/nato?a=1&amp;b=2"`, // a source link
		"<code>javascript:alert(1)</code>",            // not a link
		"as of <time>2024-07-01</time>",
		"The page says 2024 &lt;img src=x onerror=alert(1)&gt;", // the model's rationale
		`<mark class="current refuted" id="claim">7 March 2023</mark>`,
		"check &lt;script&gt;alert(1)&lt;/script&gt;", // history, oldest first
		"omar &lt;b&gt;",
		`<span class="decision confirmed_error">Confirmed error</span> by lina, 2024-07-20 09:30 UTC`, // latest
		`rel="next"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("claim page lacks %q", want)
		}
	}
	if i, j := strings.Index(body, "check &lt;script"), strings.Index(body, "2024, not 2023"); i < 0 || j < i {
		t.Errorf("history not oldest first")
	}

	_, body = get(t, c, ts.URL+"/claims/"+idArabic)
	if !strings.Contains(body, `<div class="article" lang="ar" dir="rtl" id="context">`) {
		t.Errorf("Arabic claim's context is not right to left:\n%s", body)
	}
	if !strings.Contains(body, "No evidence was found") {
		t.Errorf("claim without evidence does not say so")
	}
}

func TestServeReviewRecorded(t *testing.T) {
	store := newStore(t)
	ts, c := testServer(t, &fchttp.Server{Store: store})
	token := csrfToken(t, c, ts.URL)

	// From the claim page: on to the next claim of the (filtered) queue.
	resp := post(t, c, ts.URL+"/review", url.Values{
		"csrf": {token}, "claim": {idSweden}, "decision": {"confirmed_error"}, "from": {"claim"},
		"note": {"  Sweden joined in 2024 \r\n(see the NATO page)  "}, "by": {" Lina "}, "scope": {"all"},
	}, map[string]string{"Origin": ts.URL})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST: status %d, want 303", resp.StatusCode)
	}
	if got, want := resp.Header.Get("Location"), "/claims/"+idArabic+"?saved="+idSweden+"&scope=all"; got != want {
		t.Errorf("redirect to %q, want %q", got, want)
	}
	want := []factcheck.Review{{ClaimID: idSweden, Decision: factcheck.DecisionConfirmedError,
		Note: "Sweden joined in 2024 \n(see the NATO page)", By: "Lina", At: fixedNow}}
	if diff := cmp.Diff(want, reviewsOf(t, store, fixtureIDs...)); diff != "" {
		t.Fatalf("stored reviews (-want +got):\n%s", diff)
	}

	// From the queue: a row's button names the claim and the decision; the
	// name comes back pre-filled from the cookie.
	_, body := get(t, c, ts.URL+"/")
	if !strings.Contains(body, `name="by" id="by" value="Lina"`) {
		t.Errorf("queue does not remember the editor's name")
	}
	resp = post(t, c, ts.URL+"/review", url.Values{
		"csrf": {token}, "decide": {idArabic + ":dismissed"}, "from": {"queue"}, "by": {"لينا حداد"},
	}, map[string]string{"Origin": ts.URL, "Sec-Fetch-Site": "same-origin"})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST from queue: status %d", resp.StatusCode)
	}
	if got, want := resp.Header.Get("Location"), "/?saved="+idArabic+"#c-"+idUnknown; got != want {
		t.Errorf("redirect to %q, want %q", got, want)
	}
	code, body := get(t, c, ts.URL+"/?saved="+idArabic)
	if !strings.Contains(body, `name="by" id="by" value="لينا حداد"`) {
		t.Errorf("queue does not remember an Arabic name")
	}
	if code != http.StatusOK || !strings.Contains(body, `Recorded <span class="decision dismissed">Dismissed (not a claim)</span>`) {
		t.Errorf("queue does not confirm the decision")
	}
	if !strings.Contains(body, "<strong>2</strong> reviewed · <strong>1</strong> remaining of 3 flagged") {
		t.Errorf("counts not updated")
	}

	// Decisions are appended, never replaced.
	post(t, c, ts.URL+"/review", url.Values{"csrf": {token}, "claim": {idSweden}, "decision": {"confirmed_correct"}, "by": {"omar"}},
		map[string]string{"Origin": ts.URL})
	if got := reviewsOf(t, store, fixtureIDs...); len(got) != 3 {
		t.Errorf("stored %+v, want three decisions", got)
	}
	if got := reviewsOf(t, store, idSweden); len(got) != 2 || got[0].Decision != factcheck.DecisionConfirmedError ||
		got[1].Decision != factcheck.DecisionConfirmedCorrect {
		t.Errorf("history of %s %+v, want two decisions, the first kept", idSweden, got)
	}
}

func TestServeReviewRefused(t *testing.T) {
	store := newStore(t)
	ts, c := testServer(t, &fchttp.Server{Store: store})
	token := csrfToken(t, c, ts.URL)
	good := func() url.Values {
		return url.Values{"csrf": {token}, "claim": {idSweden}, "decision": {"confirmed_error"}, "by": {"lina"}}
	}
	with := func(k, v string) url.Values {
		f := good()
		f.Set(k, v)
		return f
	}
	for _, tt := range []struct {
		name    string
		form    url.Values
		headers map[string]string
		want    int
	}{
		{"foreign origin", good(), map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"cross-site fetch", good(), map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"foreign referer", good(), map[string]string{"Referer": "https://evil.example/page"}, http.StatusForbidden},
		{"missing form token", with("csrf", ""), map[string]string{"Origin": ts.URL}, http.StatusForbidden},
		{"wrong form token", with("csrf", strings.Repeat("0", 64)), map[string]string{"Origin": ts.URL}, http.StatusForbidden},
		{"cross-site without form token", with("csrf", ""), map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"unknown decision", with("decision", "true"), map[string]string{"Origin": ts.URL}, http.StatusBadRequest},
		{"no name", with("by", "  "), map[string]string{"Origin": ts.URL}, http.StatusBadRequest},
		{"name too long", with("by", strings.Repeat("n", fchttp.MaxNameLen+1)), map[string]string{"Origin": ts.URL}, http.StatusBadRequest},
		{"note too long", with("note", strings.Repeat("ن", fchttp.MaxNoteLen+1)), map[string]string{"Origin": ts.URL}, http.StatusBadRequest},
		{"control characters", with("by", "li\x00na"), map[string]string{"Origin": ts.URL}, http.StatusBadRequest},
		{"unknown claim", with("claim", "nosuch"), map[string]string{"Origin": ts.URL}, http.StatusNotFound},
		{"bad filter", with("verdict", "x"), map[string]string{"Origin": ts.URL}, http.StatusBadRequest},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := post(t, c, ts.URL+"/review", tt.form, tt.headers)
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
	if got := reviewsOf(t, store, append(fixtureIDs, "nosuch")...); len(got) != 0 {
		t.Errorf("refused requests stored %+v", got)
	}
	// State changes only by POST.
	if code, _ := get(t, c, ts.URL+"/review?claim="+idSweden+"&decision=dismissed&by=x&csrf="+token); code != http.StatusMethodNotAllowed {
		t.Errorf("GET /review: status %d, want 405", code)
	}
	// A body beyond the limit is refused before it is read whole.
	resp := post(t, c, ts.URL+"/review", with("note", strings.Repeat("x", 1<<20)), map[string]string{"Origin": ts.URL})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("huge form: status %d, want 400", resp.StatusCode)
	}
}

func TestServeToken(t *testing.T) {
	store := newStore(t)
	const secret = "s3cret-token"
	ts, c := testServer(t, &fchttp.Server{Store: store, Token: secret})

	if code, _ := get(t, c, ts.URL+"/"); code != http.StatusUnauthorized {
		t.Errorf("no token: status %d, want 401", code)
	}
	if code, _ := get(t, c, ts.URL+"/assets/app.css"); code != http.StatusUnauthorized {
		t.Errorf("asset without token: status %d, want 401", code)
	}
	if code, _ := get(t, c, ts.URL+"/?token=wrong"); code != http.StatusUnauthorized {
		t.Errorf("wrong token: status %d, want 401", code)
	}
	resp, err := c.Get(ts.URL + "/?token=" + secret + "&verdict=refuted")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/?verdict=refuted" {
		t.Fatalf("login: status %d, Location %q; want 303 to the page without the token", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, ck := range resp.Cookies() {
		if strings.Contains(ck.Value, secret) {
			t.Errorf("cookie %s holds the token", ck.Name)
		}
		if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode {
			t.Errorf("cookie %s: HttpOnly %v SameSite %v", ck.Name, ck.HttpOnly, ck.SameSite)
		}
	}
	// The sign-in redirect stays on this server, whatever the path.
	resp, err = http.DefaultTransport.RoundTrip(mustRequest(t, ts.URL+"//evil.example/?token="+secret))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "/evil.example/" {
		t.Errorf("sign-in at //evil.example/ redirects to %q, want /evil.example/", loc)
	}
	if code, body := get(t, c, ts.URL+"/"); code != http.StatusOK || !strings.Contains(body, idSweden) {
		t.Errorf("with the session cookie: status %d", code)
	}

	// The form token is still required with the cookie.
	token := csrfToken(t, c, ts.URL)
	form := url.Values{"claim": {idSweden}, "decision": {"needs_research"}, "by": {"lina"}}
	if resp := post(t, c, ts.URL+"/review", form, map[string]string{"Origin": ts.URL}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cookie without form token: status %d, want 403", resp.StatusCode)
	}
	form.Set("csrf", token)
	if resp := post(t, c, ts.URL+"/review", form, map[string]string{"Origin": ts.URL}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("cookie with form token: status %d, want 303", resp.StatusCode)
	}

	// A script with a bearer header needs no form token; a wrong one gets nothing.
	bare := &http.Client{CheckRedirect: c.CheckRedirect}
	form.Del("csrf")
	if resp := post(t, bare, ts.URL+"/review", form, map[string]string{"Authorization": "Bearer " + secret}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("bearer: status %d, want 303", resp.StatusCode)
	}
	if resp := post(t, bare, ts.URL+"/review", form, map[string]string{"Authorization": "Bearer nope"}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong bearer: status %d, want 401", resp.StatusCode)
	}
	if resp := post(t, bare, ts.URL+"/review", form, map[string]string{"Authorization": "Bearer " + secret, "Origin": "https://evil.example"}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("bearer from a foreign origin: status %d, want 403", resp.StatusCode)
	}
	if got := len(reviewsOf(t, store, fixtureIDs...)); got != 2 {
		t.Errorf("%d reviews stored, want 2", got)
	}
}

func mustRequest(t *testing.T, u string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestServeHostCheck(t *testing.T) {
	ts, _ := testServer(t, &fchttp.Server{Store: newStore(t)})
	for _, tt := range []struct {
		host string
		want int
	}{
		{"", http.StatusOK}, // the test server's 127.0.0.1:port
		{"localhost:8080", http.StatusOK},
		{"[::1]:8080", http.StatusOK},
		{"attacker.example:8080", http.StatusMisdirectedRequest}, // DNS rebinding
		{"192.168.1.10:8080", http.StatusMisdirectedRequest},
	} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/", nil)
		if tt.host != "" {
			req.Host = tt.host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("Host %q: status %d, want %d", tt.host, resp.StatusCode, tt.want)
		}
	}
}

func TestServeAddrNeedsToken(t *testing.T) {
	for _, tt := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"localhost:0", "", true},
		{"[::1]:8080", "", true},
		{"127.0.0.2:80", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false},
		{"[::]:8080", "", false},
		{"192.168.1.5:8080", "", false},
		{"review.example.org:443", "", false},
		{"0.0.0.0:8080", "t", true},
		{"192.168.1.5:8080", "t", true},
	} {
		err := fchttp.CheckAddr(tt.addr, tt.token)
		if (err == nil) != tt.ok || !tt.ok && !errors.Is(err, fchttp.ErrTokenRequired) {
			t.Errorf("CheckAddr(%q, %q) = %v, want ok %v", tt.addr, tt.token, err, tt.ok)
		}
	}
	if err := fchttp.CheckAddr("nonsense", ""); err == nil {
		t.Errorf("CheckAddr accepted an address without a port")
	}
	// The server refuses at startup, before it listens.
	srv := &fchttp.Server{Addr: "0.0.0.0:0", Store: newStore(t)}
	if err := srv.ListenAndServe(t.Context()); !errors.Is(err, fchttp.ErrTokenRequired) {
		t.Errorf("ListenAndServe on 0.0.0.0 without token: %v, want ErrTokenRequired", err)
	}
}

func TestServeGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	srv := &fchttp.Server{Store: newStore(t)}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	u := fmt.Sprintf("http://%s/", ln.Addr())
	if code, _ := get(t, http.DefaultClient, u); code != http.StatusOK {
		t.Errorf("GET %s: status %d", u, code)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after its context was cancelled")
	}
	if _, err := http.Get(u); err == nil {
		t.Errorf("server still answers after shutdown")
	}
}

func TestServeClaimGoneKeepsHistory(t *testing.T) {
	store := newStore(t)
	addReviews(t, store, factcheck.Review{ClaimID: "old-claim", Decision: factcheck.DecisionConfirmedError, Note: "fixed in print", By: "lina", At: fixedNow})
	ts, c := testServer(t, &fchttp.Server{Store: store})
	code, body := get(t, c, ts.URL+"/claims/old-claim")
	if code != http.StatusNotFound || !strings.Contains(body, "fixed in print") || !strings.Contains(body, "not in run run-1") {
		t.Errorf("gone claim: status %d, want 404 with its history:\n%s", code, body)
	}
	if code, _ := get(t, c, ts.URL+"/claims/never-was"); code != http.StatusNotFound {
		t.Errorf("unknown claim: status %d, want 404", code)
	}
}

func TestServeNoRunYet(t *testing.T) {
	// A database that no run has written to yet.
	ts, c := testServer(t, &fchttp.Server{Store: openStore(t)})
	if code, body := get(t, c, ts.URL+"/"); code != http.StatusNotFound || !strings.Contains(body, "factcheck run") {
		t.Errorf("no run: status %d:\n%s", code, body)
	}

	// A store that fails: its database is closed under the server.
	store := newStore(t)
	ts, c = testServer(t, &fchttp.Server{Store: store})
	if code, _ := get(t, c, ts.URL+"/"); code != http.StatusOK {
		t.Fatalf("before the failure: status %d", code)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	_, storeErr := store.Report(t.Context(), "")
	if storeErr == nil || errors.Is(storeErr, factcheck.ErrNotFound) {
		t.Fatalf("closed store: Report returned %v, want a failure", storeErr)
	}
	if code, body := get(t, c, ts.URL+"/"); code != http.StatusInternalServerError || strings.Contains(body, storeErr.Error()) {
		t.Errorf("store failure: status %d, want 500 without the internal error %q:\n%s", code, storeErr, body)
	}
}

func TestServeAssets(t *testing.T) {
	ts, c := testServer(t, &fchttp.Server{Store: newStore(t)})
	resp, err := c.Get(ts.URL + "/assets/app.js")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") || etag == "" {
		t.Fatalf("app.js: status %d, type %q, etag %q", resp.StatusCode, resp.Header.Get("Content-Type"), etag)
	}
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/assets/app.js", nil)
	req.Header.Set("If-None-Match", etag)
	if resp, err := c.Do(req); err != nil || resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %v %v, want 304", resp.StatusCode, err)
	}
	if code, _ := get(t, c, ts.URL+"/assets/nosuch.js"); code != http.StatusNotFound {
		t.Errorf("missing asset: status %d", code)
	}
	// Pages load nothing from elsewhere.
	_, body := get(t, c, ts.URL+"/claims/"+idSweden)
	tags := regexp.MustCompile(`<(?:script|link|img|iframe)\b[^>]*>`).FindAllString(body, -1)
	if len(tags) != 2 {
		t.Errorf("page loads %d resources, want the stylesheet and the script: %q", len(tags), tags)
	}
	for _, tag := range tags {
		if !strings.Contains(tag, `="/assets/`) {
			t.Errorf("resource from elsewhere: %s", tag)
		}
	}
}

// pagedDoc is the article of the paging fixture that holds most claims; its
// source needs escaping in a query (&, + and #).
const pagedDoc = "articles/q&a+night #2.txt"

// pagedDocClaims is the number of flagged claims of pagedDoc: two full
// pages and a part.
const pagedDocClaims = 2*fchttp.PageSize + 17

// newPagedStore returns a store in a fresh file holding a run, run-paged,
// with enough flagged claims for several pages of the queue: pagedDocClaims in pagedDoc and 20 more, plus 10 supported
// ones, in another article. Verdicts and confidences vary with the claim's
// number, so that the queue's order (by priority) is not the order of the
// ids or of the text.
func newPagedStore(t *testing.T) *sqlite.DB {
	t.Helper()
	verdicts := []factcheck.Verdict{factcheck.VerdictUnverified, factcheck.VerdictRefuted, factcheck.VerdictDisputed}
	n := 0
	doc := func(source string, flagged, supported int) reports.Document {
		d := reports.Document{Source: source, Title: "Night " + xss, Lang: "en"}
		var text strings.Builder
		for i := range flagged + supported {
			n++
			span := fmt.Sprintf("%d widgets", 1000+n)
			sentence := fmt.Sprintf("Item %d counted %s %s.", n, span, xss)
			start := text.Len() + strings.Index(sentence, span)
			text.WriteString(sentence + "\n")
			c := reports.Claim{
				Claim: factcheck.Claim{ID: fmt.Sprintf("p-%03d", n), Kind: factcheck.KindCount, Span: span,
					Start: start, End: start + len(span), Value: fmt.Sprint(1000 + n), Sentence: sentence},
				Result: &factcheck.Result{Verdict: verdicts[n%len(verdicts)], Confidence: float64(n*37%100) / 100, Flagged: true},
			}
			if i >= flagged {
				c.Result.Verdict, c.Result.Flagged = factcheck.VerdictSupported, false
			}
			c.Result.ClaimID = c.Claim.ID
			d.Claims = append(d.Claims, c)
		}
		d.Text = text.String()
		return d
	}
	asOf := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	db := openStore(t)
	saveRun(t, db, reports.Report{
		Run:       factcheck.Run{ID: "run-paged", Status: factcheck.RunComplete, StartedAt: asOf, FinishedAt: asOf},
		Documents: []reports.Document{doc("articles/other.txt", 10, 10), doc(pagedDoc, pagedDocClaims, 0), doc("articles/more.txt", 10, 0)},
	})
	return db
}

// wantQueue is the queue the paging tests expect: the store's claims that
// keep selects, most urgent first, from the report's own priority order.
func wantQueue(t *testing.T, store *sqlite.DB, keep func(reports.FlaggedClaim) bool) []string {
	t.Helper()
	rep, err := store.Report(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range rep.ByPriority() {
		if keep(c) {
			ids = append(ids, c.Claim.ID)
		}
	}
	return ids
}

func flagged(c reports.FlaggedClaim) bool { return c.Claim.Result != nil && c.Claim.Result.Flagged }

// link finds a link of a page by its rel (prev, next or up).
func link(t *testing.T, body, rel string) (*url.URL, bool) {
	t.Helper()
	m := regexp.MustCompile(`<a href="([^"]*)" rel="` + rel + `"`).FindStringSubmatch(body)
	if m == nil {
		return nil, false
	}
	u, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatalf("%s link %q: %v", rel, m[1], err)
	}
	return u, true
}

func TestServeQueuePages(t *testing.T) {
	store := newPagedStore(t)
	ts, c := testServer(t, &fchttp.Server{Store: store})
	for _, tt := range []struct {
		name   string
		filter url.Values
		keep   func(reports.FlaggedClaim) bool
		sizes  []int // rows of each page
	}{
		{"flagged", url.Values{}, flagged, []int{fchttp.PageSize, fchttp.PageSize, 37}},
		{"all", url.Values{"scope": {"all"}}, func(reports.FlaggedClaim) bool { return true }, []int{fchttp.PageSize, fchttp.PageSize, 47}},
		{"one article", url.Values{"doc": {pagedDoc}}, func(c reports.FlaggedClaim) bool { return flagged(c) && c.Doc.Source == pagedDoc },
			[]int{fchttp.PageSize, fchttp.PageSize, 17}},
		{"article, kind and state", url.Values{"doc": {pagedDoc}, "kind": {"count"}, "state": {"unreviewed"}},
			func(c reports.FlaggedClaim) bool { return flagged(c) && c.Doc.Source == pagedDoc },
			[]int{fchttp.PageSize, fchttp.PageSize, 17}},
		{"one page", url.Values{"doc": {"articles/more.txt"}}, func(c reports.FlaggedClaim) bool { return flagged(c) && c.Doc.Source == "articles/more.txt" },
			[]int{10}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := wantQueue(t, store, tt.keep)
			var all []string
			seen := map[string]bool{}
			// Page 1 is the filter's address; each next page is reached by
			// its link, which must keep the filter.
			u := "/"
			if len(tt.filter) > 0 {
				u += "?" + tt.filter.Encode()
			}
			for page := 1; ; page++ {
				code, body := get(t, c, ts.URL+u)
				if code != http.StatusOK {
					t.Fatalf("GET %s: status %d", u, code)
				}
				if page > len(tt.sizes) {
					t.Fatalf("GET %s: page %d, want %d pages", u, page, len(tt.sizes))
				}
				rows := rowIDs(body)
				if got, want := len(rows), tt.sizes[page-1]; got != want {
					t.Errorf("page %d has %d rows, want %d", page, got, want)
				}
				for _, id := range rows {
					if seen[id] {
						t.Errorf("page %d repeats claim %s", page, id)
					}
					seen[id] = true
				}
				first := len(all) + 1
				all = append(all, rows...)
				if summary := fmt.Sprintf("Claims %d–%d of %d.", first, len(all), len(want)); !strings.Contains(body, summary) {
					t.Errorf("page %d lacks %q", page, summary)
				}
				if n := fmt.Sprintf(`<td class="n">%d</td>`, first); len(rows) > 0 && !strings.Contains(body, n) {
					t.Errorf("page %d does not number its first row %d", page, first)
				}
				if strings.Contains(body, xss) {
					t.Errorf("page %d has an unescaped %s", page, xss)
				}
				prev, hasPrev := link(t, body, "prev")
				if hasPrev != (page > 1) {
					t.Errorf("page %d: previous link %v, want %v", page, hasPrev, page > 1)
				}
				if hasPrev {
					checkPageURL(t, prev, tt.filter, page-1)
				}
				next, hasNext := link(t, body, "next")
				if hasNext != (page < len(tt.sizes)) {
					t.Errorf("page %d: next link %v, want %v", page, hasNext, page < len(tt.sizes))
				}
				if !hasNext {
					break
				}
				checkPageURL(t, next, tt.filter, page+1)
				u = next.String()
			}
			if !slices.Equal(all, want) {
				t.Errorf("the pages together list\n%v\nwant the queue\n%v", all, want)
			}
		})
	}
}

// checkPageURL checks that a pager link leads to page page of the queue
// under filter, and nothing else.
func checkPageURL(t *testing.T, u *url.URL, filter url.Values, page int) {
	t.Helper()
	want := url.Values{}
	for k, v := range filter {
		want[k] = v
	}
	if page > 1 {
		want.Set("page", fmt.Sprint(page))
	}
	if u.Path != "/" || u.Fragment != "" || u.Query().Encode() != want.Encode() {
		t.Errorf("link to page %d is %q, want /?%s", page, u, want.Encode())
	}
}

func TestServeQueuePageClamped(t *testing.T) {
	store := newPagedStore(t)
	ts, c := testServer(t, &fchttp.Server{Store: store})
	want := wantQueue(t, store, flagged)
	pages := slices.Collect(slices.Chunk(want, fchttp.PageSize))
	if len(pages) != 3 {
		t.Fatalf("fixture has %d pages, want 3", len(pages))
	}
	for _, tt := range []struct {
		page string
		want int // the page shown
	}{
		{"", 1},
		{"1", 1},
		{"2", 2},
		{"3", 3},
		{"+2", 2},
		{"0", 1},
		{"-1", 1},
		{"-99999999999999999999", 1},
		{"abc", 1},
		{"2.5", 1},
		{"2abc", 1},
		{" 2", 1},
		{"<script>", 1},
		{"4", 3},
		{"1000", 3},
		{"99999999999999999999", 3},
	} {
		q := url.Values{"page": {tt.page}}.Encode()
		code, body := get(t, c, ts.URL+"/?"+q)
		if code != http.StatusOK {
			t.Errorf("GET /?%s: status %d, want 200", q, code)
			continue
		}
		if got := rowIDs(body); !slices.Equal(got, pages[tt.want-1]) {
			t.Errorf("GET /?%s: rows %v, want page %d: %v", q, got, tt.want, pages[tt.want-1])
		}
		if pos := fmt.Sprintf("page %d of 3", tt.want); !strings.Contains(body, pos) {
			t.Errorf("GET /?%s: lacks %q", q, pos)
		}
	}
	// A filter that selects nothing has one empty page.
	for _, q := range []string{"?verdict=supported", "?verdict=supported&page=5", "?verdict=supported&page=-3"} {
		code, body := get(t, c, ts.URL+"/"+q)
		if code != http.StatusOK || len(rowIDs(body)) != 0 || !strings.Contains(body, "0 claims.") {
			t.Errorf("GET /%s: status %d, want 200 and no claims", q, code)
		}
		for _, rel := range []string{"prev", "next"} {
			if _, ok := link(t, body, rel); ok {
				t.Errorf("GET /%s: has a %s link", q, rel)
			}
		}
	}
	// A bad page does not hide a bad filter.
	if code, _ := get(t, c, ts.URL+"/?page=2&verdict=wrong"); code != http.StatusBadRequest {
		t.Errorf("bad filter with a page: status %d, want 400", code)
	}
}

// TestServeQueuePageOfClaim checks that the way back to the queue, from a
// claim page or after a decision, leads to the page that holds the claim.
func TestServeQueuePageOfClaim(t *testing.T) {
	last := 2*fchttp.PageSize + 36 // index of the last flagged claim
	for _, tt := range []struct {
		name   string
		filter url.Values
		decide int // index in the queue of the claim decided
		anchor int // index in the queue, before the decision, of the row to select
		want   string
	}{
		{"last of page 1", nil, fchttp.PageSize - 1, fchttp.PageSize, "/?page=2&saved=%s#c-%s"},
		{"first of page 2", nil, fchttp.PageSize, fchttp.PageSize + 1, "/?page=2&saved=%s#c-%s"},
		{"within page 1", nil, 3, 4, "/?saved=%s#c-%s"},
		{"last of all", nil, last, last, "/?page=3&saved=%s#c-%s"},
		// The decided claim leaves a queue of unreviewed claims: the
		// rows after it move up by one.
		{"leaves the queue, last of page 1", url.Values{"state": {"unreviewed"}}, fchttp.PageSize - 1, fchttp.PageSize, "/?saved=%s&state=unreviewed#c-%s"},
		{"leaves the queue, last of page 2", url.Values{"state": {"unreviewed"}}, 2*fchttp.PageSize - 1, 2 * fchttp.PageSize, "/?page=2&saved=%s&state=unreviewed#c-%s"},
		{"leaves the queue, first of page 3", url.Values{"state": {"unreviewed"}}, 2 * fchttp.PageSize, 2*fchttp.PageSize + 1, "/?page=3&saved=%s&state=unreviewed#c-%s"},
		{"leaves the queue, last of all", url.Values{"state": {"unreviewed"}}, last, last, "/?page=3&saved=%s&state=unreviewed#c-%s"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			store := newPagedStore(t)
			ts, c := testServer(t, &fchttp.Server{Store: store})
			want := wantQueue(t, store, flagged)
			if len(want) != last+1 {
				t.Fatalf("fixture has %d flagged claims, want %d", len(want), last+1)
			}
			id := want[tt.decide]
			_, body := get(t, c, ts.URL+"/")
			m := csrfRE.FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("no csrf field in the queue")
			}
			form := url.Values{"csrf": {m[1]}, "decide": {id + ":dismissed"}, "from": {"queue"}, "by": {"lina"}}
			for k, v := range tt.filter {
				form[k] = v
			}
			resp := post(t, c, ts.URL+"/review", form, map[string]string{"Origin": ts.URL})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("POST: status %d, want 303", resp.StatusCode)
			}
			if got, want := resp.Header.Get("Location"), fmt.Sprintf(tt.want, id, want[tt.anchor]); got != want {
				t.Errorf("redirect to %q, want %q", got, want)
			}
		})
	}

	store := newPagedStore(t)
	ts, c := testServer(t, &fchttp.Server{Store: store})
	want := wantQueue(t, store, func(c reports.FlaggedClaim) bool { return flagged(c) && c.Doc.Source == pagedDoc })
	for _, i := range []int{0, fchttp.PageSize - 1, fchttp.PageSize, len(want) - 1} {
		id := want[i]
		filter := url.Values{"doc": {pagedDoc}}
		_, body := get(t, c, ts.URL+"/claims/"+id+"?"+filter.Encode())
		up, ok := link(t, body, "up")
		if !ok {
			t.Fatalf("claim page of %s has no link to the queue", id)
		}
		if page := i/fchttp.PageSize + 1; page > 1 {
			filter.Set("page", fmt.Sprint(page))
		}
		if up.Path != "/" || up.Query().Encode() != filter.Encode() || up.Fragment != "c-"+id {
			t.Errorf("claim %d (%s) links back to %q, want /?%s#c-%s", i+1, id, up, filter.Encode(), id)
		}
	}
}
