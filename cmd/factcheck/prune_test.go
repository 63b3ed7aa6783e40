package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestPrune(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fc.db")
	args := faultCorpus(t, 2, db, 0, -1)
	for range 3 {
		if code, out, errOut := runCmd(t, args...); code != exitOK {
			t.Fatalf("run: exit %d\n%s%s", code, out, errOut)
		}
	}
	latest := loadJSONReport(t, db).Run.ID

	code, out, errOut := runCmd(t, "prune", "--db", db, "--keep", "1")
	if code != exitOK {
		t.Fatalf("prune: exit %d\n%s", code, errOut)
	}
	if got := strings.Count(out, "removed run "); got != 2 || !strings.Contains(out, "pruned 2 run(s); 1 kept") {
		t.Errorf("prune output:\n%s", out)
	}
	if strings.Contains(out, latest) {
		t.Errorf("prune removed the latest run %s:\n%s", latest, out)
	}
	if n := countRows(t, db, "SELECT count(*) FROM runs"); n != 1 {
		t.Errorf("%d runs left, want 1", n)
	}
	if r := loadJSONReport(t, db); r.Run.ID != latest || len(r.Documents) != 2 {
		t.Errorf("after pruning, the report shows run %s with %d documents", r.Run.ID, len(r.Documents))
	}
	checkStore(t, db, "after prune")

	code, out, _ = runCmd(t, "prune", "--db", db, "--keep", "5")
	if code != exitOK || !strings.Contains(out, "pruned 0 run(s); 1 kept") {
		t.Errorf("prune with nothing to do: exit %d\n%s", code, out)
	}
	for _, tt := range []struct {
		name string
		args []string
		want int
	}{
		{"no --keep", []string{"prune", "--db", db}, exitUsage},
		{"negative", []string{"prune", "--db", db, "--keep", "-2"}, exitUsage},
		{"argument", []string{"prune", "--db", db, "--keep", "1", "extra"}, exitUsage},
		{"no database", []string{"prune", "--db", filepath.Join(t.TempDir(), "none.db"), "--keep", "1"}, exitRunFailed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, errOut := runCmd(t, tt.args...); code != tt.want {
				t.Errorf("exit %d, want %d\n%s", code, tt.want, errOut)
			}
		})
	}
}
