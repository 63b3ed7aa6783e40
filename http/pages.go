package http

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/reports"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

var funcs = template.FuncMap{
	"dir":      reports.Direction,
	"pct":      func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"date":     fmtDate,
	"time":     fmtTime,
	"isURL":    factcheck.IsURL,
	"verdict":  verdictOf,
	"label":    decisionLabel,
	"decShort": decisionShort,
	"inc":      func(i int) int { return i + 1 },
	"trunc":    reports.Truncate,
	"asset":    assetURL,
	"query":    func(f filter) template.URL { return template.URL(f.Query()) },
	"claimURL": func(id string, f filter) string { return "/claims/" + id + f.Query() },
	"stance":   func(s factcheck.Stance) string { return string(s) },
	"short":    shortSource,
	"evidence": evidenceFirst,
	"decision": func(d factcheck.Decision) string { return string(d) },
}

// pages are the page templates, each with the shared layout.
var pages = func() map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, name := range []string{"queue", "claim", "error"} {
		out[name] = template.Must(template.New("layout.html.tmpl").Funcs(funcs).
			ParseFS(templateFS, "templates/layout.html.tmpl", "templates/"+name+".html.tmpl"))
	}
	return out
}()

// base is what the layout shows on every page.
type base struct {
	Title  string
	Page   string
	Run    *factcheck.Run
	Tally  tally
	CSRF   string
	Editor string
	Filter filter
	// Decisions are the four decisions, in shortcut order.
	Decisions []factcheck.Decision
}

func (s *Server) base(r *http.Request, page, title string, rep *reports.Report) base {
	b := base{Title: title, Page: page, CSRF: s.csrf, Decisions: Decisions()}
	if c, err := r.Cookie(editorCookie); err == nil {
		if name, err := url.QueryUnescape(c.Value); err == nil {
			b.Editor = name
		}
	}
	if rep != nil {
		b.Run = &rep.Run
		b.Tally = count(rep)
	}
	return b
}

// render executes page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	var buf bytes.Buffer
	if err := pages[page].Execute(&buf, data); err != nil {
		s.log().Error("render page", "page", page, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type errorPage struct {
	base
	Status  int
	Message string
	History []factcheck.Review
	ClaimID string
}

// renderError writes an error page with a message meant for the editor.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", errorPage{
		base:   base{Title: http.StatusText(status), Page: "error", Decisions: Decisions()},
		Status: status, Message: msg,
	})
}

// storeError reports a failure to read or write the store: no run yet is
// the editor's to fix, anything else is logged.
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, factcheck.ErrNotFound) {
		s.renderError(w, r, http.StatusNotFound, "There is no run to review yet: run 'factcheck run' first.")
		return
	}
	if r.Context().Err() != nil {
		return // the client went away
	}
	s.log().Error("store", "path", r.URL.Path, "err", err)
	s.renderError(w, r, http.StatusInternalServerError, "The database could not be read; the error is in the server's log.")
}

// option is one choice of a filter's select box.
type option struct{ Value, Label string }

type queuePage struct {
	base
	// Items are the claims of one page; Pager places them in the queue.
	Items    []queueItem
	Pager    pager
	Verdicts []string
	Kinds    []string
	Docs     []option
	States   []option
	Saved    *reports.FlaggedClaim
}

type queueItem struct {
	N int
	reports.FlaggedClaim
}

// loadQueue reads the request's filter and the report the queue shows; it
// has answered the request itself when ok is false.
func (s *Server) loadQueue(w http.ResponseWriter, r *http.Request) (*reports.Report, filter, bool) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest, "Unknown filter: "+err.Error())
		return nil, f, false
	}
	rep, err := s.Store.Report(r.Context(), "")
	if err != nil {
		s.storeError(w, r, err)
		return nil, f, false
	}
	return rep, f, true
}

func (s *Server) handleQueue(w http.ResponseWriter, r *http.Request) {
	rep, f, ok := s.loadQueue(w, r)
	if !ok {
		return
	}
	pg, items := paginate(queue(rep, f), parsePage(r.URL.Query().Get("page")), f)
	p := queuePage{
		base:     s.base(r, "queue", "Review queue", rep),
		Pager:    pg,
		Verdicts: []string{"refuted", "disputed", "unverified", "supported"},
		States:   []option{{stateUnreviewed, "Not reviewed"}, {stateReviewed, "Reviewed"}},
	}
	p.Filter = f
	for _, d := range Decisions() {
		p.States = append(p.States, option{string(d), decisionLabel(d)})
	}
	seenKind := map[factcheck.Kind]bool{}
	for _, d := range rep.Documents {
		title := d.Title
		if title == "" {
			title = d.Source
		}
		p.Docs = append(p.Docs, option{d.Source, reports.Truncate(title, 80)})
		for _, c := range d.Claims {
			seenKind[c.Kind] = true
		}
	}
	for _, k := range kinds {
		if seenKind[k] {
			p.Kinds = append(p.Kinds, string(k))
		}
	}
	for i, c := range items {
		p.Items = append(p.Items, queueItem{N: pg.First + i, FlaggedClaim: c})
	}
	if id := r.URL.Query().Get("saved"); id != "" {
		if c, ok := rep.Find(id); ok {
			p.Saved = &c
		}
	}
	s.render(w, r, http.StatusOK, "queue", p)
}

type claimPage struct {
	base
	reports.FlaggedClaim
	// Pos is the claim's place in the filtered queue (from 1), 0 when the
	// filter does not select it; Total is the queue's length.
	Pos, Total int
	Prev, Next string
	// Up is the address of the queue page that holds the claim.
	Up string
	// Context is the paragraph the claim stands in; Article is the whole
	// text, by paragraph.
	Context [][]segment
	Article [][]segment
	Saved   *reports.FlaggedClaim
}

func (s *Server) handleClaim(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	rep, f, ok := s.loadQueue(w, r)
	if !ok {
		return
	}
	c, ok := rep.Find(id)
	if !ok {
		s.claimGone(w, r, rep, id)
		return
	}
	p := claimPage{base: s.base(r, "claim", "Claim «"+reports.Truncate(c.Claim.Span, 40)+"»", rep), FlaggedClaim: c}
	p.Filter = f
	items := queue(rep, f)
	p.Total = len(items)
	p.Up = f.pageURL(1)
	for i, it := range items {
		if it.Claim.ID == id {
			p.Pos = i + 1
			p.Up = f.pageURL(pageOf(i))
			if i > 0 {
				p.Prev = items[i-1].Claim.ID
			}
			if i+1 < len(items) {
				p.Next = items[i+1].Claim.ID
			}
		}
	}
	p.Article = segments(c.Doc, c.Claim.ID)
	for _, para := range p.Article {
		for _, seg := range para {
			if seg.Current {
				p.Context = [][]segment{para}
			}
		}
	}
	if saved := r.URL.Query().Get("saved"); saved != "" {
		if sc, ok := rep.Find(saved); ok {
			p.Saved = &sc
		}
	}
	s.render(w, r, http.StatusOK, "claim", p)
}

// claimGone answers for a claim that is not in the run under review: its
// article changed or left the run. Its decisions are kept, so they are
// shown when there are any.
func (s *Server) claimGone(w http.ResponseWriter, r *http.Request, rep *reports.Report, id string) {
	history, err := s.Store.Reviews(r.Context(), id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if len(history) == 0 {
		s.renderError(w, r, http.StatusNotFound, fmt.Sprintf("Run %s has no claim %q.", rep.Run.ID, id))
		return
	}
	s.render(w, r, http.StatusNotFound, "error", errorPage{
		base:   s.base(r, "error", "Claim not in this run", rep),
		Status: http.StatusNotFound, ClaimID: id, History: history,
		Message: fmt.Sprintf("Claim %s is not in run %s: its article changed or was not part of the run. Its decisions are kept:", id, rep.Run.ID),
	})
}

// handleReview records a decision and moves on: from the queue, back to the
// queue with the next row selected; from a claim, to the next claim of the
// queue. Where it goes is computed here from the filter, never taken from
// the request, so it cannot be turned into an open redirect.
func (s *Server) handleReview(w http.ResponseWriter, r *http.Request) {
	form := r.PostForm
	id, decision := form.Get("claim"), form.Get("decision")
	if d := form.Get("decide"); d != "" {
		// A queue row's button carries "claim id:decision".
		id, decision, _ = strings.Cut(d, ":")
	}
	rv, err := CleanReview(factcheck.Review{ClaimID: id, Decision: factcheck.Decision(decision), Note: form.Get("note"), By: form.Get("by")})
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest, "The decision was not recorded: "+err.Error()+".")
		return
	}
	f, err := parseFilter(form)
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest, "Unknown filter: "+err.Error())
		return
	}
	rep, err := s.Store.Report(r.Context(), "")
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	decided, ok := rep.Find(id)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, fmt.Sprintf("Run %s has no claim %q; the decision was not recorded.", rep.Run.ID, id))
		return
	}
	// The next claim is taken from the queue as it was before this
	// decision, which may take the claim out of a filtered queue.
	items := queue(rep, f)
	next := ""
	for i, it := range items {
		if it.Claim.ID == id && i+1 < len(items) {
			next = items[i+1].Claim.ID
		}
	}
	rv.At = s.now().UTC()
	if err := s.Store.AddReview(r.Context(), rv); err != nil {
		s.storeError(w, r, err)
		return
	}
	s.log().Info("review recorded", "claim", id, "decision", rv.Decision, "by", rv.By)
	// Back in the queue, the row to select is the next claim, or this one
	// when it was the last; its page is counted in the queue as it is now,
	// since the decision may have taken this claim out of a filtered queue
	// and moved the rows after it up by one.
	anchor := next
	if anchor == "" {
		anchor = id
	}
	decided.Claim.Review = &rv
	after := queue(rep, f)
	page := pageOf(max(0, len(after)-1)) // the last page, should anchor have gone
	for i, it := range after {
		if it.Claim.ID == anchor {
			page = pageOf(i)
		}
	}
	http.SetCookie(w, &http.Cookie{
		// Escaped: a cookie value is ASCII, and names need not be.
		Name: editorCookie, Value: url.QueryEscape(rv.By), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
	})
	v := f.pageQuery(page)
	v.Set("saved", id)
	target := "/?" + v.Encode() + "#c-" + anchor
	if form.Get("from") == "claim" && next != "" {
		v := f.values()
		v.Set("saved", id)
		target = "/claims/" + next + "?" + v.Encode()
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// segment is a run of article text; Claim is set on a claim's span.
type segment struct {
	Text    string
	Claim   *reports.Claim
	Current bool
}

// segments cuts a document's text into paragraphs of plain runs and claim
// spans (reports.Paragraphs), marking the claim current.
func segments(d *reports.Document, current string) [][]segment {
	var paras [][]segment
	for _, p := range reports.Paragraphs(d) {
		para := make([]segment, len(p))
		for k, sg := range p {
			para[k] = segment{Text: sg.Text, Claim: sg.Claim, Current: sg.Claim != nil && sg.Claim.ID == current}
		}
		paras = append(paras, para)
	}
	return paras
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// shortSource is the last part of an article's path or URL, for narrow
// columns; the full source goes in a tooltip.
func shortSource(s string) string {
	s = strings.TrimRight(s, "/")
	if i := strings.LastIndexAny(s, "/\\"); i >= 0 && i+1 < len(s) {
		return s[i+1:]
	}
	return s
}

// evidenceFirst orders a result's evidence for reading: passages that
// support or refute the claim before neutral ones, each in the order the
// pipeline ranked them.
func evidenceFirst(res *factcheck.Result) []factcheck.Evidence {
	var out, neutral []factcheck.Evidence
	for _, e := range res.Evidence {
		if e.Stance == factcheck.StanceNeutral {
			neutral = append(neutral, e)
		} else {
			out = append(out, e)
		}
	}
	return append(out, neutral...)
}

// asset is an embedded file with its content hash.
type asset struct {
	body        []byte
	contentType string
	etag        string
}

var assets = func() map[string]asset {
	out := map[string]asset{}
	entries, err := fs.ReadDir(assetFS, "assets")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		b, err := assetFS.ReadFile("assets/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		ct := "application/octet-stream"
		switch path.Ext(e.Name()) {
		case ".css":
			ct = "text/css; charset=utf-8"
		case ".js":
			ct = "text/javascript; charset=utf-8"
		}
		out[e.Name()] = asset{body: b, contentType: ct, etag: hex.EncodeToString(sum[:8])}
	}
	return out
}()

// assetURL is an asset's address with its hash, so that a new build's
// assets are never taken from a browser's cache.
func assetURL(name string) string {
	return "/assets/" + name + "?v=" + assets[name].etag
}

func assetHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := assets[r.PathValue("name")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", a.contentType)
		w.Header().Set("ETag", `"`+a.etag+`"`)
		w.Header().Set("Cache-Control", "private, max-age=86400")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
	})
}
