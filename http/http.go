// Package http is factcheck's review UI: a small web server, meant to run
// on an editor's own machine, that lists the claims of the latest run
// (flagged ones first), shows each in its article with its evidence, and
// records the editor's decision in the store.
//
// Pages are rendered on the server with html/template, so everything taken
// from articles, reference pages and models is escaped; the stylesheet and
// the small script for keyboard shortcuts are embedded in the binary and
// every page works without the script. The server binds to loopback unless
// it is given an access token, refuses state-changing requests that do not
// come from its own pages (a per-process form token plus an Origin,
// Sec-Fetch-Site and Referer check), and, without a token, answers only to
// loopback host names, so that a web page elsewhere cannot reach it through
// DNS rebinding.
package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/reports"
)

// DefaultAddr is where the server listens unless told otherwise: loopback
// only, so that nobody else on the network can reach it.
const DefaultAddr = "127.0.0.1:8080"

// ErrTokenRequired is returned by ListenAndServe and Serve when the server
// would be reachable from other machines without an access token.
var ErrTokenRequired = errors.New("listening beyond loopback requires an access token")

// Store is what the server reads and writes. Report returns the report of
// run runID, or of the run to review when runID is empty; it wraps
// factcheck.ErrNotFound when there is no run yet.
type Store interface {
	Report(ctx context.Context, runID string) (*reports.Report, error)
	AddReview(ctx context.Context, r factcheck.Review) error
	// Reviews returns every review of a claim, oldest first; it is used for
	// claims that are not in the run any more.
	Reviews(ctx context.Context, claimID string) ([]factcheck.Review, error)
}

// Server serves the review UI. Set its fields, then call Handler or
// ListenAndServe; the fields must not change after that.
type Server struct {
	// Addr is the TCP address to listen on; empty means DefaultAddr.
	Addr string
	// Token, when set, must accompany every request: as a session cookie
	// obtained by opening /?token=TOKEN once, or as an
	// "Authorization: Bearer TOKEN" header. It is required when Addr is not
	// a loopback address.
	Token string
	// Store holds runs and reviews.
	Store Store
	// Now is the clock that dates reviews; nil means time.Now.
	Now func() time.Time
	// Logger receives request errors and lifecycle messages; nil discards them.
	Logger *slog.Logger

	once    sync.Once
	handler http.Handler
	// csrf is the form token of this process: every form carries it, and a
	// POST without it is refused. It is random per process, so a form from
	// an earlier server process is refused too.
	csrf string
	// session is the cookie value that proves a client presented Token.
	session string
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Server) log() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (s *Server) addr() string {
	if s.Addr == "" {
		return DefaultAddr
	}
	return s.Addr
}

// Handler returns the server's HTTP handler: the pages, the assets, and the
// access and cross-site checks around them.
func (s *Server) Handler() http.Handler {
	s.once.Do(func() {
		b := make([]byte, 32)
		rand.Read(b) // never fails (crypto/rand panics on an unusable source)
		s.csrf = hex.EncodeToString(b)
		if s.Token != "" {
			s.session = sessionValue(s.Token)
		}
		mux := http.NewServeMux()
		mux.HandleFunc("GET /{$}", s.handleQueue)
		mux.HandleFunc("GET /claims/{id}", s.handleClaim)
		mux.HandleFunc("POST /review", s.handleReview)
		mux.Handle("GET /assets/{name}", assetHandler())
		s.handler = s.secure(mux)
	})
	return s.handler
}

// CheckAddr reports whether the server may listen on addr: a loopback
// address always, any other only with an access token.
func CheckAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if token == "" && !isLoopbackHost(host) {
		return fmt.Errorf("address %q: %w", addr, ErrTokenRequired)
	}
	return nil
}

// isLoopbackHost reports whether host names this machine's loopback
// interface only; an empty host means every interface.
func isLoopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// ListenAndServe listens on Addr and serves until ctx is cancelled, then
// shuts down gracefully: requests in flight get a few seconds to finish.
// It refuses a non-loopback Addr without a Token (ErrTokenRequired).
func (s *Server) ListenAndServe(ctx context.Context) error {
	if err := CheckAddr(s.addr(), s.Token); err != nil {
		return err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.addr())
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln (which it closes) until ctx is cancelled, like
// ListenAndServe. It checks ln's address as ListenAndServe checks Addr.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if err := CheckAddr(ln.Addr().String(), s.Token); err != nil {
		ln.Close()
		return err
	}
	if s.Store == nil {
		ln.Close()
		return errors.New("serve: no store")
	}
	srv := &http.Server{
		Handler: s.Handler(),
		// Pages are small and local; generous limits still end stuck or
		// slow clients.
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log().Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log().Info("review UI listening", "url", "http://"+ln.Addr().String()+"/")
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if serveErr := <-errc; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	if err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	s.log().Info("review UI stopped")
	return nil
}
