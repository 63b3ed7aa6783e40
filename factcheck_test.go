package factcheck

import "testing"

func TestIDsAreStable(t *testing.T) {
	a, b := DocumentID("نص المقال"), DocumentID("نص المقال")
	if a != b || len(a) != 64 {
		t.Fatalf("DocumentID not stable: %q %q", a, b)
	}
	if DocumentID("نص المقال.") == a {
		t.Errorf("a changed text kept its document id")
	}
	if ClaimID(a, 10, 20) != ClaimID(a, 10, 20) || ClaimID(a, 10, 20) == ClaimID(a, 10, 21) {
		t.Errorf("ClaimID must derive from the document and the span, stably")
	}
}

func TestKindIsTemporal(t *testing.T) {
	for k, want := range map[Kind]bool{KindYear: true, KindDateRange: true, KindCount: false, KindMoney: false, KindOrdinal: false} {
		if k.IsTemporal() != want {
			t.Errorf("%s.IsTemporal() = %v", k, !want)
		}
	}
}
