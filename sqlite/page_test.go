package sqlite

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// passageID derives a passage id from its page and ordinal, as the sources
// package would (it also hashes the text).
func passageID(url string, ordinal int) string { return fmt.Sprintf("%s#%d", url, ordinal) }

// seedPage saves a page whose passages are texts, in order, and returns them.
func seedPage(t *testing.T, db *DB, url, title string, texts ...string) []factcheck.Passage {
	t.Helper()
	asOf := time.Date(2024, 4, 4, 0, 0, 0, 0, time.UTC)
	p := factcheck.Page{
		URL: url, Title: title, Lang: "ar", ContentType: "text/html", Body: []byte("<html>…</html>"),
		ETag: `"v1"`, FetchedAt: time.Date(2024, 7, 9, 10, 0, 0, 0, time.UTC), AsOf: asOf, Status: 200,
	}
	passages := []factcheck.Passage{}
	for i, text := range texts {
		passages = append(passages, factcheck.Passage{
			ID: passageID(url, i), PageURL: url, Ordinal: i, Context: title, Text: text, Lang: textnorm.Lang(text), AsOf: asOf,
		})
	}
	if err := db.SavePage(t.Context(), p, passages); err != nil {
		t.Fatalf("SavePage(%s): %v", url, err)
	}
	return passages
}

func TestPageRoundTrip(t *testing.T) {
	db := openTestDB(t)
	want := factcheck.Page{
		URL: "https://example.org/a", Title: "A", Lang: "en", ContentType: "text/html; charset=utf-8",
		Body: []byte("<p>hello</p>"), ETag: `"abc"`, LastModified: "Tue, 09 Jul 2024 10:00:00 GMT",
		FetchedAt: time.Date(2024, 7, 9, 10, 0, 0, 123, time.FixedZone("AST", 3*3600)),
		AsOf:      time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), Status: 200,
	}
	if err := db.SavePage(t.Context(), want, nil); err != nil {
		t.Fatal(err)
	}
	got, err := db.Page(t.Context(), want.URL)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("Page (-want +got):\n%s", diff)
	}

	// A 304 and then a failure keep the cached body and validators.
	at := time.Date(2024, 7, 10, 10, 0, 0, 0, time.UTC)
	if err := db.TouchPage(t.Context(), want.URL, at, 304, ""); err != nil {
		t.Fatal(err)
	}
	if err := db.TouchPage(t.Context(), want.URL, at.Add(time.Hour), 503, "503 Service Unavailable"); err != nil {
		t.Fatal(err)
	}
	want.FetchedAt, want.Status, want.Err = at.Add(time.Hour), 503, "503 Service Unavailable"
	got, err = db.Page(t.Context(), want.URL)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("Page after TouchPage (-want +got):\n%s", diff)
	}

	if _, err := db.Page(t.Context(), "https://example.org/missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Page(missing) = %v, want ErrNotFound", err)
	}
	// A failure on a page never fetched is recorded without a body.
	if err := db.TouchPage(t.Context(), "https://example.org/down", at, 0, "dial tcp: refused"); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Page(t.Context(), "https://example.org/down"); err != nil || got.Body != nil || got.Err == "" {
		t.Errorf("Page(down) = %+v, %v; want no body and the error", got, err)
	}
}

func TestPagePassages(t *testing.T) {
	db := openTestDB(t)
	want := seedPage(t, db, "https://example.org/nato", "NATO", "first", "second", "third")
	got, err := db.PagePassages(t.Context(), "https://example.org/nato")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PagePassages (-want +got):\n%s", diff)
	}
	p, err := db.Passage(t.Context(), want[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want[1], *p); diff != "" {
		t.Errorf("Passage (-want +got):\n%s", diff)
	}
	if _, err := db.Passage(t.Context(), "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Passage(nope) = %v, want ErrNotFound", err)
	}
	// nil passages keep the stored ones
	if err := db.SavePage(t.Context(), factcheck.Page{URL: "https://example.org/nato", Title: "NATO 2"}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.PagePassages(t.Context(), "https://example.org/nato"); len(got) != 3 {
		t.Errorf("SavePage with nil passages left %d passages, want 3", len(got))
	}
}

func TestSearchPassages(t *testing.T) {
	db := openTestDB(t)
	ar := seedPage(t, db, "https://example.org/ar", "موسوعة",
		"تأسس الحِلْف عام 1949",
		"وبلغ عدد أعضاء حلف الناتو اثنتين وثلاثين دولة",
		"عقدت القمة في واشنطن")
	en := seedPage(t, db, "https://example.org/en", "Encyclopedia",
		"The alliance has 32 members",
		"A member state may invoke Article 5",
		"The summit was held in Washington")

	for _, tt := range []struct {
		name  string
		query string // natural text, turned into terms like the pipeline does
		want  []string
		best  string // the passage ranked first, when it matters
	}{
		// ar[0] holds both terms, ar[1] only حلف
		{"arabic article, hamza and harakat", "الحلف تاسس", []string{ar[0].ID, ar[1].ID}, ar[0].ID},
		{"arabic clitic prefix", "بالحلف", []string{ar[0].ID, ar[1].ID}, ""},
		{"arabic plural and ta marbuta", "الدول الأعضاء", []string{ar[1].ID}, ""},
		{"english stem", "members", []string{en[0].ID, en[1].ID}, ""},
		{"english singular", "member", []string{en[0].ID, en[1].ID}, ""},
		{"context is indexed", "الموسوعة", []string{ar[0].ID, ar[1].ID, ar[2].ID}, ""},
		{"arabic-indic digits", "١٩٤٩", []string{ar[0].ID}, ""},
		{"no match", "zebra", nil, ""},
		{"only stopwords", "the of", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.SearchPassages(t.Context(), MatchAny(textnorm.Terms(tt.query)), 10)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, sp := range got {
				ids = append(ids, sp.ID)
				if sp.Score <= 0 {
					t.Errorf("%s: score %v, want > 0", sp.ID, sp.Score)
				}
				if sp.PageTitle == "" {
					t.Errorf("%s: no page title", sp.ID)
				}
			}
			if tt.best != "" && (len(ids) == 0 || ids[0] != tt.best) {
				t.Errorf("SearchPassages(%q) ranked %v, want %s first", tt.query, ids, tt.best)
			}
			slices.Sort(ids)
			want := slices.Sorted(slices.Values(tt.want))
			if diff := cmp.Diff(want, ids); diff != "" {
				t.Errorf("SearchPassages(%q) ids (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestSearchPassagesRanking(t *testing.T) {
	db := openTestDB(t)
	ps := seedPage(t, db, "https://example.org/en", "",
		"members",
		"the alliance admitted new members and members states with member votes",
		"unrelated text about budgets")
	got, err := db.SearchPassages(t.Context(), MatchAny(textnorm.Terms("alliance members")), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != ps[1].ID {
		t.Fatalf("best match = %+v, want %s", got, ps[1].ID)
	}
	all, err := db.SearchPassages(t.Context(), MatchAny(textnorm.Terms("alliance members")), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Score < all[1].Score {
		t.Fatalf("limit 0: got %d passages, scores not descending: %+v", len(all), all)
	}
}

func TestQuoteTermIsInert(t *testing.T) {
	db := openTestDB(t)
	seedPage(t, db, "https://example.org/en", "", `say "hello" NEAR world`, "plain text")
	for _, term := range []string{
		`"`, `""`, `hello" OR "plain`, `NEAR(hello world)`, `*`, `hel*`, `norm:hello`, `^hello`,
		`AND`, `(`, `-`, `+`, `%`, "\x00", `'`, "",
	} {
		t.Run(term, func(t *testing.T) {
			got, err := db.SearchPassages(t.Context(), QuoteTerm(term), 10)
			if err != nil {
				t.Fatalf("SearchPassages(QuoteTerm(%q)): %v", term, err)
			}
			for _, sp := range got {
				if sp.Text == "plain text" {
					t.Errorf("QuoteTerm(%q) let syntax through: matched %q", term, sp.Text)
				}
			}
		})
	}
	if got, want := QuoteTerm(`a"b`), `"a""b"`; got != want {
		t.Errorf("QuoteTerm = %s, want %s", got, want)
	}
	if got, want := MatchAny([]string{"حلف", "", "ناتو", "حلف"}), `"حلف" OR "ناتو"`; got != want {
		t.Errorf("MatchAny = %s, want %s", got, want)
	}
}

func TestSavePageReplacesPassages(t *testing.T) {
	db := openTestDB(t)
	url := "https://example.org/nato"
	seedPage(t, db, url, "", "The alliance had 28 members", "Founded in 1949")
	seedPage(t, db, url, "", "The alliance has 32 members") // refetched, changed

	ftsCount := func(term string) int {
		t.Helper()
		var n int
		// Straight on the index, without joining passages: a stale entry
		// would count here even though no passage row backs it.
		err := db.db.QueryRowContext(t.Context(),
			`SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?`, QuoteTerm(term)).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, tt := range []struct {
		term string
		want int
	}{
		{"28", 0}, {"1949", 0}, {"32", 1}, {"member", 1},
	} {
		if got := ftsCount(tt.term); got != tt.want {
			t.Errorf("index entries for %q = %d, want %d", tt.term, got, tt.want)
		}
	}
	// FTS5's own check compares the index with the passages table.
	if _, err := db.db.ExecContext(t.Context(), `INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("fts integrity-check: %v", err)
	}
	// An empty, non-nil slice removes them all.
	if err := db.SavePage(t.Context(), factcheck.Page{URL: url}, []factcheck.Passage{}); err != nil {
		t.Fatal(err)
	}
	if got := ftsCount("member"); got != 0 {
		t.Errorf("index entries after removing all passages = %d, want 0", got)
	}
	if err := db.Integrity(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestSavePageRejectsForeignPassage(t *testing.T) {
	db := openTestDB(t)
	err := db.SavePage(t.Context(), factcheck.Page{URL: "https://a.example/"},
		[]factcheck.Passage{{ID: "x", PageURL: "https://b.example/", Text: "t"}})
	if err == nil {
		t.Fatal("SavePage accepted a passage of another page")
	}
}
