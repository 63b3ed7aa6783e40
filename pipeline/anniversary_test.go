package pipeline

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/claims"
)

func TestAnniversaryYears(t *testing.T) {
	d2025 := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name, text, span string
		date             time.Time
		want             []int
	}{
		{"an anniversary in the article's year", "تحل اليوم الذكرى الخمسون لتوقيع وثيقة هلسنكي", "الخمسون", d2025, []int{1975}},
		{"years since an event", "خمسون عاماً على وثيقة هلسنكي", "خمسون عاماً", d2025, []int{1975}},
		{"years after an event, in English", "Fifty years after the Helsinki Final Act, the Alliance looks back.", "Fifty years", d2025, []int{1975}},
		{"years ago", "The act was signed 50 years ago in Helsinki.", "50 years", d2025, []int{1975}},
		{"marked at a date the sentence states", "The summit of July 2024 marked the 75th anniversary of the Alliance.", "75th", d2025, []int{1949, 1950}},
		{"an anniversary whose event the sentence dates is that date's to check", "تحل اليوم الذكرى السبعون لتوقيع المعاهدة في 14 أيار/مايو 1955م", "السبعون", d2025, nil},
		{"a length of time is no anniversary", "The Wall divided the city for 28 years.", "28 years", d2025, nil},
		{"a bound is no anniversary", "The treaty held for more than 50 years after its signing.", "50 years", d2025, nil},
		{"nothing dates it without an article date", "تحل الذكرى الخمسون لتوقيع الوثيقة", "الخمسون", time.Time{}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := claimAt(t, tt.text, tt.span, tt.date)
			got, _ := anniversaryYears(c, Article{Date: tt.date, Claims: claims.Extract(tt.text, claims.Options{Date: tt.date})})
			if len(got) != len(tt.want) {
				t.Fatalf("years %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("years %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestCompareAnniversary(t *testing.T) {
	for _, tt := range []struct {
		value string
		want  agreement
	}{
		{"1975-08-01", agrees},
		{"1975", agrees},
		{"1976", unrelated},
		{"1973-08-01", conflicts},
		{"1961/1975", agrees},
		{"1961/1989", conflicts},
		{"2025-08-01", unrelated}, // the occasion itself
	} {
		if got := compareAnniversary([]int{1975}, []int{2025}, claimOf(tt.value)); got != tt.want {
			t.Errorf("compareAnniversary(1975, %s) = %d, want %d", tt.value, got, tt.want)
		}
	}
}

// claimOf is a temporal quantity of value v, its kind read from v's shape.
func claimOf(v string) factcheck.Claim {
	kind := factcheck.KindYear
	switch {
	case strings.Contains(v, "/"):
		kind = factcheck.KindYearRange
	case len(v) == 10:
		kind = factcheck.KindDate
	}
	return factcheck.Claim{Kind: kind, Value: v}
}

// TestNeverRefutedOutright: claims whose value is inferred, and passage
// quantities that belong to something else, may at most question a claim.
func TestNeverRefutedOutright(t *testing.T) {
	d2024 := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name, claim, span, passage string
	}{
		{"a month whose year is the article's", "In February NATO said that 18 Allies would meet the target.", "February",
			"NATO said in April 1949 that Allies would meet."},
		{"an anniversary marked long before the article", "The 50th anniversary summit of NATO in Washington was the last before 2004.", "50th",
			"The NATO summit in Washington was held on 23 April 1999."},
		{"another rank of a series", "وتسلم روته المنصب رسميا، ليصبح الأمين العام الرابع عشر للناتو.", "الرابع عشر",
			"He took office on 1 October 2014 and is the 13th Secretary General of NATO."},
		{"a date after the Alliance named generically", "وسبق ذلك قرار الحلف في شباط/فبراير 2016 نشر مجموعة بحرية في بحر إيجه.", "شباط/فبراير 2016",
			"On 12 September 2001, NATO invoked Article 5 for the first time."},
		{"a term in brackets after another name", "وقاد روته حكومة هولندا في حلف شمال الأطلسي قرابة أربعة عشر عاماً (2010-2024)", "2010-2024",
			"وقاد حكومة هولندا في حلف شمال الأطلسي الهولندي جوزيف لونس (1971–1984)."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j := testJudge(t)
			c := claimAt(t, tt.claim, tt.span, d2024)
			art := Article{Date: d2024, Claims: claims.Extract(tt.claim, claims.Options{Date: d2024})}
			ev := j.Judge(c, art, passage(tt.passage, "", d2024))
			if ev.Stance == factcheck.StanceRefutes && !ev.Tentative {
				t.Errorf("refuted outright: %s", ev.Reason)
			}
		})
	}
}
