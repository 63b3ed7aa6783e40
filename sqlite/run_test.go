package sqlite

import (
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsroom/factcheck"
)

func TestRunLifecycle(t *testing.T) {
	db := openTestDB(t)
	if _, err := db.LatestRun(t.Context()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("LatestRun on an empty store = %v, want ErrNotFound", err)
	}
	if _, err := db.Run(t.Context(), "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Run(nope) = %v, want ErrNotFound", err)
	}
	if err := db.FinishRun(t.Context(), "nope", factcheck.RunComplete, time.Now(), ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("FinishRun(nope) = %v, want ErrNotFound", err)
	}

	beginRun(t, db, "r1", 0)
	beginRun(t, db, "r2", 5)
	end := time.Date(2024, 7, 9, 10, 30, 0, 0, time.UTC)
	if err := db.FinishRun(t.Context(), "r2", factcheck.RunComplete, end, `{"claims":3}`); err != nil {
		t.Fatal(err)
	}
	got, err := db.LatestRun(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := RunRecord{
		Run: factcheck.Run{ID: "r2", Status: factcheck.RunComplete,
			StartedAt: time.Date(2024, 7, 9, 10, 5, 0, 0, time.UTC), FinishedAt: end},
		Config: `{"llm":false}`, Summary: `{"claims":3}`,
	}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("LatestRun (-want +got):\n%s", diff)
	}
	runs, err := db.Runs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].ID != "r2" || runs[1].ID != "r1" || runs[1].Status != factcheck.RunRunning {
		t.Errorf("Runs = %+v, want r2 then r1 (running)", runs)
	}
	// Invalid JSON is refused by the schema.
	if err := db.FinishRun(t.Context(), "r1", factcheck.RunFailed, end, `{not json`); err == nil {
		t.Error("FinishRun accepted an invalid JSON summary")
	}
}

func TestBeginRunResumes(t *testing.T) {
	db := openTestDB(t)
	beginRun(t, db, "r1", 0)
	// Begun again by this process while running: a resume, allowed.
	if err := db.BeginRun(t.Context(), factcheck.Run{ID: "r1", StartedAt: time.Now()}, `{"resumed":true}`); err != nil {
		t.Fatal(err)
	}
	r, err := db.Run(t.Context(), "r1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.StartedAt, time.Date(2024, 7, 9, 10, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("resumed run started at %v, want the original %v", got, want)
	}
	if r.Config != `{"resumed":true}` {
		t.Errorf("resumed run config = %s", r.Config)
	}
	// Owned by another live process (pid 1 always exists): refused.
	if _, err := db.db.ExecContext(t.Context(), `UPDATE runs SET owner = ? WHERE id = 'r1'`, hostOwner(t, 1)); err != nil {
		t.Fatal(err)
	}
	if err := db.BeginRun(t.Context(), factcheck.Run{ID: "r1"}, ""); err == nil {
		t.Error("BeginRun took over a run of another live process")
	}
}

// hostOwner returns the owner string of pid on this host.
func hostOwner(t *testing.T, pid int) string {
	t.Helper()
	host, err := os.Hostname()
	if err != nil {
		t.Skipf("no host name: %v", err)
	}
	return host + ":" + strconv.Itoa(pid)
}

func TestInterruptStaleRuns(t *testing.T) {
	db := openTestDB(t)
	runs := []struct {
		id, owner string
		status    factcheck.RunStatus
		want      factcheck.RunStatus
	}{
		{"mine", db.owner, factcheck.RunRunning, factcheck.RunRunning},
		{"live", hostOwner(t, 1), factcheck.RunRunning, factcheck.RunRunning}, // pid 1 always exists
		{"dead", hostOwner(t, 1<<30), factcheck.RunRunning, factcheck.RunInterrupted},
		{"elsewhere", "some-other-host:1", factcheck.RunRunning, factcheck.RunInterrupted},
		{"no owner", "", factcheck.RunRunning, factcheck.RunInterrupted},
		{"done", "", factcheck.RunComplete, factcheck.RunComplete},
	}
	for i, r := range runs {
		_, err := db.db.ExecContext(t.Context(), `INSERT INTO runs (id, status, started_at, owner) VALUES (?, ?, ?, ?)`,
			r.id, r.status, timeArg(time.Date(2024, 7, 9, 10, i, 0, 0, time.UTC)), r.owner)
		if err != nil {
			t.Fatal(err)
		}
	}
	n, err := db.InterruptStaleRuns(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("InterruptStaleRuns = %d, want 3", n)
	}
	for _, r := range runs {
		got, err := db.Run(t.Context(), r.id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != r.want {
			t.Errorf("run %q: status %s, want %s", r.id, got.Status, r.want)
		}
	}
}

func TestPruneRuns(t *testing.T) {
	db := openTestDB(t)
	oldDoc, oldClaims := testDoc("تأسس الحلف عام 1949م", "1949")
	sharedDoc, sharedClaims := testDoc("The alliance was founded in 1949", "1949")
	seedPage(t, db, "https://example.org/nato", "NATO", "founded in 1949")

	for i, id := range []string{"r1", "r2", "r3"} {
		beginRun(t, db, id, i)
		docs := []factcheck.Document{sharedDoc}
		claims := map[string][]factcheck.Claim{sharedDoc.ID: sharedClaims, oldDoc.ID: oldClaims}
		if id == "r1" {
			docs = append(docs, oldDoc) // only the first run read it
		}
		for _, d := range docs {
			if err := db.SaveDocument(t.Context(), id, d.ID+".txt", d, claims[d.ID]); err != nil {
				t.Fatal(err)
			}
			res := factcheck.Result{ClaimID: claims[d.ID][0].ID, Verdict: factcheck.VerdictSupported,
				Evidence: []factcheck.Evidence{{PassageID: passageID("https://example.org/nato", 0), Stance: factcheck.StanceSupports}}}
			if err := db.SaveResult(t.Context(), id, res); err != nil {
				t.Fatal(err)
			}
		}
		if id != "r3" {
			if err := db.FinishRun(t.Context(), id, factcheck.RunComplete, time.Now(), ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := db.AddReview(t.Context(), factcheck.Review{ClaimID: oldClaims[0].ID, Decision: factcheck.DecisionConfirmedCorrect}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []factcheck.LLMCall{
		{RunID: "r1", Model: "m", PromptHash: "h1", Response: "old answer"},
		{RunID: "r1", Model: "m", PromptHash: "h1", Response: "answer"},
		{RunID: "r1", Model: "m", PromptHash: "h2", Error: "429 rate limited"},
		{RunID: "r3", Model: "m", PromptHash: "h3", Error: "timeout"},
	} {
		if err := db.SaveLLMCall(t.Context(), c); err != nil {
			t.Fatal(err)
		}
	}
	// r3 is running and newest; keep 0 must still spare it.
	n, err := db.PruneRuns(t.Context(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("PruneRuns(1) = %d, want 2", n)
	}
	if n, err := db.PruneRuns(t.Context(), 0); err != nil || n != 0 {
		t.Errorf("PruneRuns(0) = %d, %v; want 0 (the running run stays)", n, err)
	}

	// The pruned run's calls go, but for the cached answer; a kept run's stay.
	if calls, err := db.LLMCalls(t.Context(), "r1"); err != nil || len(calls) != 1 || calls[0].Response != "answer" {
		t.Errorf("calls of pruned run r1 = %+v, %v; want only the cached answer", calls, err)
	}
	if raw, ok, err := db.LLMCached(t.Context(), "m", "h1"); err != nil || !ok || raw != "answer" {
		t.Errorf("LLMCached after prune = %q, %v, %v", raw, ok, err)
	}
	if calls, err := db.LLMCalls(t.Context(), "r3"); err != nil || len(calls) != 1 {
		t.Errorf("calls of kept run r3 = %+v, %v", calls, err)
	}
	for _, id := range []string{"r1", "r2"} {
		if _, err := db.Run(t.Context(), id); !errors.Is(err, ErrNotFound) {
			t.Errorf("pruned run %s: %v, want ErrNotFound", id, err)
		}
		if res, err := db.Results(t.Context(), id); err != nil || len(res) != 0 {
			t.Errorf("results of pruned run %s = %v, %v; want none", id, res, err)
		}
		if in, err := db.RunInputs(t.Context(), id); err != nil || len(in) != 0 {
			t.Errorf("inputs of pruned run %s = %v, %v; want none", id, in, err)
		}
	}
	if ok, err := db.HasResult(t.Context(), "r3", sharedClaims[0].ID); err != nil || !ok {
		t.Errorf("kept run lost its result: %v, %v", ok, err)
	}
	if _, err := db.Document(t.Context(), sharedDoc.ID); err != nil {
		t.Errorf("document of a kept run: %v", err)
	}
	if _, err := db.Document(t.Context(), oldDoc.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("document only pruned runs used: %v, want ErrNotFound", err)
	}
	if _, err := db.Claim(t.Context(), oldClaims[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("claim of a pruned document: %v, want ErrNotFound", err)
	}
	if rs, err := db.Reviews(t.Context(), oldClaims[0].ID); err != nil || len(rs) != 1 {
		t.Errorf("reviews after prune = %v, %v; want the one review", rs, err)
	}
	if _, err := db.Page(t.Context(), "https://example.org/nato"); err != nil {
		t.Errorf("page after prune: %v", err)
	}
	if ps, err := db.PagePassages(t.Context(), "https://example.org/nato"); err != nil || len(ps) != 1 {
		t.Errorf("passages after prune = %d, %v; want 1", len(ps), err)
	}
	if err := db.Integrity(t.Context()); err != nil {
		t.Error(err)
	}
	if _, err := db.PruneRuns(t.Context(), -1); err == nil {
		t.Error("PruneRuns(-1) succeeded")
	}
}
