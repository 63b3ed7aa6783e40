package http

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Cookie names.
const (
	sessionCookie = "factcheck_session"
	editorCookie  = "factcheck_editor"
	csrfField     = "csrf"
)

// maxFormBytes bounds a POST body: a decision, a note and a name.
const maxFormBytes = 64 << 10

// sessionValue derives the session cookie from the access token, so that
// the cookie jar does not hold the token itself.
func sessionValue(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("factcheck review session"))
	return hex.EncodeToString(m.Sum(nil))
}

// equal compares secrets in constant time.
func equal(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// secure wraps the pages with the checks every request passes: headers that
// keep the pages from being framed or loading anything foreign, the host
// check, the access token, and the cross-site checks of POSTs.
func (s *Server) secure(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusForbidden, "Cross-site request refused.")
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "+
			"form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")

		if s.Token == "" && !isLoopbackHost(hostOnly(r.Host)) {
			// Without a token the server trusts whoever can reach it, which
			// must then be this machine: a foreign host name means a page
			// elsewhere resolved its own name to our address.
			s.renderError(w, r, http.StatusMisdirectedRequest, "This server answers only to localhost.")
			return
		}
		bearer := false
		if s.Token != "" {
			var ok bool
			if ok, bearer = s.authenticate(w, r); !ok {
				return
			}
		}
		if r.Method == http.MethodPost {
			if err := cop.Check(r); err != nil {
				s.log().Warn("cross-site request refused", "path", r.URL.Path, "origin", r.Header.Get("Origin"), "err", err)
				s.renderError(w, r, http.StatusForbidden, "Cross-site request refused.")
				return
			}
			if !sameOriginReferer(r) {
				s.log().Warn("cross-site request refused", "path", r.URL.Path, "referer", r.Header.Get("Referer"))
				s.renderError(w, r, http.StatusForbidden, "Cross-site request refused.")
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
			if err := r.ParseForm(); err != nil {
				s.renderError(w, r, http.StatusBadRequest, "The form could not be read.")
				return
			}
			// A browser never adds an Authorization header on its own, so
			// a request that carries the token there was not forged; every
			// other POST must come from one of this process's forms.
			if !bearer && !equal(r.PostForm.Get(csrfField), s.csrf) {
				s.log().Warn("request without a valid form token refused", "path", r.URL.Path)
				s.renderError(w, r, http.StatusForbidden, "This form has expired or did not come from this server: reload the page and try again.")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// authenticate checks the access token. It accepts the session cookie or a
// bearer header; a GET with ?token= sets the cookie and redirects to the
// same URL without the token, so that it stays out of the history. It
// reports whether the request may go on, and whether it came with a bearer
// header; when it may not, the response is written.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (ok, bearer bool) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		tok, found := strings.CutPrefix(auth, "Bearer ")
		if found && equal(strings.TrimSpace(tok), s.Token) {
			return true, true
		}
		s.renderError(w, r, http.StatusUnauthorized, "Wrong access token.")
		return false, false
	}
	if q := r.URL.Query(); q.Has("token") && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		if !equal(q.Get("token"), s.Token) {
			s.renderError(w, r, http.StatusUnauthorized, "Wrong access token.")
			return false, false
		}
		http.SetCookie(w, &http.Cookie{
			Name: sessionCookie, Value: s.session, Path: "/",
			HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
		})
		q.Del("token")
		// One leading slash: "//host/" would send the browser elsewhere.
		u := url.URL{Path: "/" + strings.TrimLeft(r.URL.Path, "/"), RawQuery: q.Encode()}
		http.Redirect(w, r, u.String(), http.StatusSeeOther)
		return false, false
	}
	if c, err := r.Cookie(sessionCookie); err == nil && equal(c.Value, s.session) {
		return true, false
	}
	s.renderError(w, r, http.StatusUnauthorized,
		"This server needs its access token: open the address factcheck serve printed, ending in ?token=…")
	return false, false
}

// sameOriginReferer backs up the Origin check for clients that send
// neither Origin nor Sec-Fetch-Site: a Referer, when there is one, must
// name this host.
func sameOriginReferer(r *http.Request) bool {
	if r.Header.Get("Origin") != "" || r.Header.Get("Sec-Fetch-Site") != "" {
		return true // checked by http.CrossOriginProtection
	}
	ref := r.Header.Get("Referer")
	if ref == "" {
		return true // not a browser: the form token decides
	}
	u, err := url.Parse(ref)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// hostOnly strips the port from a Host header.
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}
