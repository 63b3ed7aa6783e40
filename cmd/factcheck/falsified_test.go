package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// TestFalsifiedCopies changes the number of every claim the offline pack
// supports in the seed and sample articles, runs again, and measures how
// many of the now wrong claims are refuted or disputed; none may stay
// supported unless the pack happens to state the new value too.
func TestFalsifiedCopies(t *testing.T) {
	if _, err := os.Stat("../../../shared/seeds"); err != nil {
		t.Skip("../shared/seeds not available")
	}
	t.Chdir("../..")
	dir := t.TempDir()
	db := filepath.Join(dir, "orig.db")
	if code, out, errOut := runCmd(t, "run", "--db", db, "--sources", "seeds/reference", "../shared/seeds", "seeds/articles"); code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errOut)
	}
	r := loadJSONReport(t, db)
	type falsified struct {
		file     string
		start    int
		was, now string
	}
	var cases []falsified
	digits := regexp.MustCompile(`[0-9]+`)
	for _, d := range r.Documents {
		text, err := os.ReadFile(d.Source)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range d.Claims {
			if c.Verdict != "supported" {
				continue
			}
			span := string(text[c.Start:c.End])
			loc := digits.FindStringIndex(span)
			if loc == nil {
				continue // word numbers and Arabic-Indic digits stay as they are
			}
			v, _ := strconv.Atoi(span[loc[0]:loc[1]])
			switch {
			case c.Kind == "count" || c.Kind == "percent" || c.Kind == "money" || c.Kind == "ordinal":
				v += 5
			default:
				v += 3 // years and days
			}
			now := span[:loc[0]] + strconv.Itoa(v) + span[loc[1]:]
			copyText := string(text[:c.Start]) + now + string(text[c.End:])
			file := filepath.Join(dir, fmt.Sprintf("%03d_%s", len(cases), filepath.Base(d.Source)))
			if err := os.WriteFile(file, []byte(copyText), 0o644); err != nil {
				t.Fatal(err)
			}
			cases = append(cases, falsified{file, c.Start, span, now})
		}
	}
	if len(cases) < 20 {
		t.Fatalf("only %d supported claims to falsify", len(cases))
	}
	fdb := filepath.Join(dir, "falsified.db")
	args := []string{"run", "--db", fdb, "--sources", "seeds/reference"}
	for _, c := range cases {
		args = append(args, c.file)
	}
	if code, out, errOut := runCmd(t, args...); code != 0 {
		t.Fatalf("run on falsified copies: exit %d\n%s\n%s", code, out, errOut)
	}
	fr := loadJSONReport(t, fdb)
	verdicts := map[string]int{}
	for _, c := range cases {
		v := "missing"
		for _, d := range fr.Documents {
			if d.Source != c.file {
				continue
			}
			for _, cl := range d.Claims {
				if cl.Start == c.start {
					v = cl.Verdict
				}
			}
		}
		verdicts[v]++
		if v == "supported" {
			t.Logf("still supported after %q became %q (%s)", c.was, c.now, c.file)
		}
	}
	caught := verdicts["refuted"] + verdicts["disputed"]
	t.Logf("falsified copies: %d; refuted or disputed %d (%.0f%%); verdicts %v", len(cases), caught, 100*float64(caught)/float64(len(cases)), verdicts)
	if verdicts["supported"]*10 > len(cases) {
		t.Errorf("%d of %d falsified claims still supported", verdicts["supported"], len(cases))
	}
	if caught*100 < len(cases)*45 {
		t.Errorf("only %d of %d falsified claims caught, want at least 45%%", caught, len(cases))
	}
}
