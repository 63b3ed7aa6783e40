package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClaimsCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	text := "تأسس حلف شمال الأطلسي (NATO) عام 1949م، ووقعت عليه 12 دولة."
	os.WriteFile(good, []byte(text), 0o644)
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("\x00\x01\x02binary"), 0o644)

	var out, errOut bytes.Buffer
	code := dispatch(context.Background(), []string{"claims", bad, good}, &out, &errOut)
	if code != exitSomeFailed {
		t.Errorf("exit = %d, want %d", code, exitSomeFailed)
	}
	if !strings.Contains(errOut.String(), bad) || strings.Count(errOut.String(), "\n") != 1 {
		t.Errorf("stderr = %q, want one line naming %s", errOut.String(), bad)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2:\n%s", len(lines), out.String())
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"doc", "kind", "span", "start", "end", "value", "unit", "qualifier", "sentence"} {
		if _, ok := first[k]; !ok {
			t.Errorf("line lacks contract field %q: %s", k, lines[0])
		}
	}
	start, end := int(first["start"].(float64)), int(first["end"].(float64))
	if text[start:end] != first["span"] || first["value"] != "1949" || first["doc"] != good {
		t.Errorf("first claim = %v", first)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"claims"}, {"claims", "--date", "July"}, {"nosuch"}} {
		var out, errOut bytes.Buffer
		if code := dispatch(context.Background(), args, &out, &errOut); code != exitUsage {
			t.Errorf("dispatch(%q) = %d, want %d", args, code, exitUsage)
		}
	}
}
