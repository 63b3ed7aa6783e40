package sqlite

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsroom/factcheck"
)

func TestReviews(t *testing.T) {
	db := openTestDB(t)
	at := time.Date(2024, 7, 10, 9, 0, 0, 0, time.UTC)
	reviews := []factcheck.Review{
		{ClaimID: "c1", Decision: factcheck.DecisionNeedsResearch, Note: "check the 2024 count", By: "lina", At: at},
		{ClaimID: "c2", Decision: factcheck.DecisionDismissed, By: "omar", At: at},
		{ClaimID: "c1", Decision: factcheck.DecisionConfirmedError, Note: "32, not 30", By: "lina", At: at.Add(time.Hour)},
	}
	// Claims c1 and c2 are not stored: reviews do not depend on them.
	for _, r := range reviews {
		if err := db.AddReview(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Reviews(t.Context(), "c1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]factcheck.Review{reviews[0], reviews[2]}, got); diff != "" {
		t.Errorf("Reviews (-want +got):\n%s", diff)
	}
	latest, err := db.LatestReviews(t.Context(), []string{"c1", "c2", "c3", `x"); DROP TABLE reviews; --`})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]factcheck.Review{"c1": reviews[2], "c2": reviews[1]}
	if diff := cmp.Diff(want, latest); diff != "" {
		t.Errorf("LatestReviews (-want +got):\n%s", diff)
	}
	if latest, err := db.LatestReviews(t.Context(), nil); err != nil || len(latest) != 0 {
		t.Errorf("LatestReviews(nil) = %v, %v; want empty", latest, err)
	}

	// A zero time means now.
	db.now = func() time.Time { return at.Add(2 * time.Hour) }
	if err := db.AddReview(t.Context(), factcheck.Review{ClaimID: "c2", Decision: factcheck.DecisionConfirmedCorrect}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Reviews(t.Context(), "c2"); len(got) != 2 || !got[1].At.Equal(at.Add(2*time.Hour)) {
		t.Errorf("Reviews(c2) = %+v, want a second review at %v", got, at.Add(2*time.Hour))
	}
	if err := db.AddReview(t.Context(), factcheck.Review{ClaimID: "c2"}); err == nil {
		t.Error("AddReview accepted an empty decision")
	}
}

func TestReviewsAreAppendOnly(t *testing.T) {
	db := openTestDB(t)
	if err := db.AddReview(t.Context(), factcheck.Review{ClaimID: "c1", Decision: factcheck.DecisionDismissed}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`UPDATE reviews SET decision = 'confirmed_correct'`,
		`DELETE FROM reviews`,
		`INSERT OR REPLACE INTO reviews (id, claim_id, decision, reviewed_at) VALUES (1, 'c1', 'x', '')`,
	} {
		_, err := db.db.ExecContext(t.Context(), stmt)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want refused as append-only", stmt, err)
		}
	}
	if got, err := db.Reviews(t.Context(), "c1"); err != nil || len(got) != 1 || got[0].Decision != factcheck.DecisionDismissed {
		t.Errorf("Reviews = %+v, %v; want the original review", got, err)
	}
}
