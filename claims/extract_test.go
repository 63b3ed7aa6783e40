package claims

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsroom/factcheck"
)

// got is the part of a claim the table tests compare.
type got struct{ Kind, Span, Value, Unit, Qualifier string }

func extractGot(text string) []got {
	var out []got
	for _, c := range Extract(text, Options{}) {
		out = append(out, got{string(c.Kind), c.Span, c.Value, c.Unit, string(c.Qualifier)})
	}
	return out
}

func TestExtractKinds(t *testing.T) {
	for _, tt := range []struct {
		name string
		text string
		want []got
	}{
		// years
		{"ar year with era", "تأسس حلف شمال الأطلسي (NATO) عام 1949م، مع بداية الحرب الباردة",
			[]got{{"year", "عام 1949م", "1949", "", ""}}},
		{"ar year prefixed word", "قمة حلف شمال الأطلسي للعام 2024 في واشنطن", []got{{"year", "للعام 2024", "2024", "", ""}}},
		{"ar bare year with era", "وتدخل الناتو عسكريًا في 2011م، في ليبيا", []got{{"year", "2011م", "2011", "", ""}}},
		{"ar season", "مقالته التي نشرها في صيف 1993م، عن صدام الحضارات", []got{{"year", "صيف 1993م", "1993", "", ""}}},
		{"ar hijri", "في عام 1445هـ أعلنت الوزارة", []got{{"year", "عام 1445هـ", "1445", "hijri", ""}}},
		{"ar arabic-indic digits", "انعقدت القمة في عام ٢٠٢٤ بمشاركة ٣٢ دولة", []got{{"year", "عام ٢٠٢٤", "2024", "", ""}, {"count", "٣٢ دولة", "32", "دولة", ""}}},
		{"ar year after the noun it dates, then and", "وبين تعويم 2016 وتعويم 2024، تغير الكثير", []got{{"year", "2016", "2016", "", ""}, {"year", "2024", "2024", "", ""}}},
		{"en ordinal ranks the noun after a name", "The eighth Brussels conference met in May", []got{{"ordinal", "eighth", "8", "conference", ""}}},
		{"en ordinal and adjective before its noun", "the third and final filling", []got{{"ordinal", "third", "3", "filling", ""}}},
		{"en ordinal before a two-word name", "on the second Falcon Heavy launch ever", []got{{"ordinal", "second", "2", "launch", ""}}},
		{"en barrels a day", "Iraq pumps more than 4 million b/d now", []got{{"count", "4 million b/d", "4000000", "b/d", "more_than"}}},
		{"ar count after a definite noun", "وظف المصنع 2000 وظيفة جديدة", []got{{"count", "2000 وظيفة", "2000", "وظيفة", ""}}},
		{"en year", "The treaty was signed in 1949 in Washington.", []got{{"year", "1949", "1949", "", ""}}},
		// months
		{"ar month era", "شنت روسيا الحرب على أوكرانيا فبراير 2002م، وشجعت", []got{{"month", "فبراير 2002م", "2002-02", "", ""}}},
		{"ar paired month", "واستضافت الولايات المتحدة في شهر أيار/مايو 2024 كبار المسؤولين", []got{{"month", "أيار/مايو 2024", "2024-05", "", ""}}},
		{"ar levantine two-word month", "صدر القرار في كانون الثاني 2020 بعد مشاورات", []got{{"month", "كانون الثاني 2020", "2020-01", "", ""}}},
		{"en month", "Sweden joined in March 2024 after a long wait.", []got{{"month", "March 2024", "2024-03", "", ""}}},
		{"ar same year", "وقعت الأحداث عام 2014م، ثم في مايو من نفس العام انتخب", []got{{"year", "عام 2014م", "2014", "", ""}, {"month", "مايو من نفس العام", "2014-05", "", ""}}},
		// dates
		{"ar date", "وخاصة بعد أحداث 11 سبتمبر 2001م، وقد حدد", []got{{"date", "11 سبتمبر 2001م", "2001-09-11", "", ""}}},
		{"en abbreviated month", "Published 15 Feb. 2011 in Doha", []got{{"date", "15 Feb. 2011", "2011-02-15", "", ""}}},
		{"en dashed date and time", "Last updated 19-Sep-2011 17:03", []got{{"date", "19-Sep-2011", "2011-09-19", "", ""}}},
		{"en month first", "Russia invaded on February 24, 2022, and", []got{{"date", "February 24, 2022", "2022-02-24", "", ""}}},
		{"iso date", "آخر تحديث: 2024-07-12", []got{{"date", "2024-07-12", "2024-07-12", "", ""}}},
		{"ar ordinal day", "في السابع من تشرين الأول 2023 اندلعت الحرب", []got{{"date", "السابع من تشرين الأول 2023", "2023-10-07", "", ""}}},
		{"ar ordinal day in tens", "بدأت العملية يوم السبت العشرين من تموز/يوليو 1974", []got{{"date", "العشرين من تموز/يوليو 1974", "1974-07-20", "", ""}}},
		{"ar definite tens after a singular noun rank it", "انضمت بوصفها العضو الثلاثين في الحلف", []got{{"ordinal", "الثلاثين", "30", "العضو", ""}}},
		{"ar definite tens after a plural noun count it", "بمشاركة الدول الأعضاء الثلاثين في الحلف", []got{{"count", "الثلاثين", "30", "الأعضاء", ""}}},
		// ranges
		{"ar date range", "خلال الفترة من 9 حتى 11 تموز/يوليو 2024، وتتوافق", []got{{"date_range", "9 حتى 11 تموز/يوليو 2024", "2024-07-09/2024-07-11", "", ""}}},
		{"en date range", "met in Washington on July 9-11, 2024, for a summit", []got{{"date_range", "July 9-11, 2024", "2024-07-09/2024-07-11", "", ""}}},
		{"en day-first range", "The talks ran from 30 June to 2 July 2024 in Vienna", []got{{"date_range", "30 June to 2 July 2024", "2024-06-30/2024-07-02", "", ""}}},
		{"ar year range parens", "رئيسة وزراء بريطانيا مارجريت تاتشر (1979-1990م)، أن الخطر", []got{{"year_range", "1979-1990م", "1979/1990", "", ""}}},
		{"ar year range space before paren", "تولى وزارة الخارجية خلفًا له (1996-1998م ) ثم", []got{{"year_range", "1996-1998م", "1996/1998", "", ""}}},
		{"ar year range bare", "بعثة تدريب الناتو في العراق واستمرت 2004-2011م، وكان", []got{{"year_range", "2004-2011م", "2004/2011", "", ""}}},
		{"ar year range words", "ارتفعت الصادرات بين عامي 2014 و2018 بشكل كبير", []got{{"year_range", "عامي 2014 و2018", "2014/2018", "", ""}}},
		{"en year range", "Yeltsin was president from 1991 to 1999.", []got{{"year_range", "1991 to 1999", "1991/1999", "", ""}}},
		{"en short year range", "the 2025-26 budget was approved", []got{{"year_range", "2025-26", "2025/2026", "", ""}}},
		{"ar month range", "في ظل ولايته الأولى بين يناير 2017 ويناير 2021 كان", []got{{"month_range", "يناير 2017 ويناير 2021", "2017-01/2021-01", "", ""}}},
		{"en month range", "Prices rose from January 2017 to March 2018 sharply", []got{{"month_range", "January 2017 to March 2018", "2017-01/2018-03", "", ""}}},
		// counts
		{"ar count digits", "وقد وقع على اتفاقية الحلف آنذاك 12 دولة، الولايات المتحدة وكندا", []got{{"count", "12 دولة", "12", "دولة", ""}}},
		{"ar count word prefixed", "شكل الاتحاد السوفيتي حلف وارسو بثمانية دول في شرق أوروبا", []got{{"count", "بثمانية دول", "8", "دول", ""}}},
		{"ar count conjunction", "الولايات المتحدة وكندا وعشرة دول أوروبية", []got{{"count", "وعشرة دول", "10", "دول", ""}}},
		{"ar count feminine", "بالإضافة إلى أربع دول من منطقة الخليج", []got{{"count", "أربع دول", "4", "دول", ""}}},
		{"ar count min", "شارك خمسون من السياسيين في الاجتماع", []got{{"count", "خمسون من السياسيين", "50", "السياسيين", ""}}},
		{"ar count definite compound", "القمة التي ضمت الأعضاء الاثنين والثلاثين أن حلف", []got{{"count", "الاثنين والثلاثين", "32", "الأعضاء", ""}}},
		{"ar hundred thousand", "حشدت روسيا ما يزيد على مئة ألف عسكري قرب الحدود", []got{{"count", "مئة ألف عسكري", "100000", "عسكري", "more_than"}}},
		{"ar million and a hundred thousand", "استقبلت ألمانيا مليونا ومئة ألف لاجئ", []got{{"count", "مليونا ومئة ألف لاجئ", "1100000", "لاجئ", ""}}},
		{"en hundred thousand", "Russia massed one hundred thousand troops near the border", []got{{"count", "one hundred thousand troops", "100000", "troops", ""}}},
		{"ar count thousands", "على أساس مساهمة كل دولة بخمسة آلاف جندي تحت قيادة", []got{{"count", "بخمسة آلاف جندي", "5000", "جندي", ""}}},
		{"ar count teen", "وقعت اثنتا عشرة دولة على المعاهدة", []got{{"count", "اثنتا عشرة دولة", "12", "دولة", ""}}},
		{"ar count qualifier", "وقتل أكثر من 200 شخص في الهجوم", []got{{"count", "200 شخص", "200", "شخص", "more_than"}}},
		{"ar count about", "يعمل في المصنع نحو 1,500 عامل", []got{{"count", "1,500 عامل", "1500", "عامل", "about"}}},
		{"en count words", "The alliance has grown to thirty-two members since then.", []got{{"count", "thirty-two members", "32", "members", ""}}},
		{"en count adjective", "The 12 founding members signed the treaty.", []got{{"count", "12 founding members", "12", "founding members", ""}}},
		{"en count qualifier", "more than 100,000 troops were deployed", []got{{"count", "100,000 troops", "100000", "troops", "more_than"}}},
		{"ar four digits after a weak preposition count a noun", "تخلت كييف عن 1900 رأس نووي", []got{{"count", "1900 رأس", "1900", "رأس", ""}}},
		{"ar four digits after a weak preposition with no noun are a year", "تحدث عن 1990 وما بعده", []got{{"year", "1990", "1990", "", ""}}},
		// percentages
		{"ar percent", "و60% من مبيعات الأسلحة البريطانية و44% من المبيعات الفرنسية", []got{{"percent", "60%", "60", "", ""}, {"percent", "44%", "44", "", ""}}},
		{"ar percent words", "ارتفعت البطالة إلى 12 في المائة هذا العام", []got{{"percent", "12 في المائة", "12", "", ""}}},
		{"ar half", "استوردت دول الشرق الأوسط نصف صادرات الأسلحة الأمريكية", []got{{"percent", "نصف", "50", "", "about"}}},
		{"ar half more than", "حصلت على أكثر من نصف الأصوات", []got{{"percent", "نصف", "50", "", "more_than"}}},
		{"ar half-century is not a share", "بعد نصف قرن من الحرب", nil},
		{"en percent", "Turnout was 52 per cent, against 3.5 percent in 2019.", []got{{"percent", "52 per cent", "52", "", ""}, {"percent", "3.5 percent", "3.5", "", ""}, {"year", "2019", "2019", "", ""}}},
		{"en half", "Half of the allies now meet the target.", []got{{"percent", "Half", "50", "", "about"}}},
		// money
		{"ar money", "أعلن الحلفاء عن نيتهم تقديم 40 مليار دولار كحد أدنى من التمويل", []got{{"money", "40 مليار دولار", "40000000000", "USD", "at_least"}}},
		{"ar money words", "خصصت الحكومة خمسة ملايين يورو للمشروع", []got{{"money", "خمسة ملايين يورو", "5000000", "EUR", ""}}},
		{"ar money sterling", "بلغت الصفقة 2.5 مليار جنيه إسترليني", []got{{"money", "2.5 مليار جنيه إسترليني", "2500000000", "GBP", ""}}},
		{"en money symbol", "a pledge of $40 billion for Ukraine", []got{{"money", "$40 billion", "40000000000", "USD", ""}}},
		{"en money code", "a minimum baseline of EUR 40 billion within the next year", []got{{"money", "EUR 40 billion", "40000000000", "EUR", ""}}},
		{"en money abbrev", "the fund reached €1.5bn last year", []got{{"money", "€1.5bn", "1500000000", "EUR", ""}}},
		{"en money words", "about 40 billion euros were pledged", []got{{"money", "40 billion euros", "40000000000", "EUR", "about"}}},
		// ordinals
		{"ar ordinal compound", "وتتوافق هذه القمة مع الذكرى التاريخية الخامسة والسبعين لتأسيس الحلف", []got{{"ordinal", "الخامسة والسبعين", "75", "الذكرى", ""}}},
		{"ar ordinal before noun", "إذ يعقد الحلفاء ثاني اجتماع لمجلس الناتو", []got{{"ordinal", "ثاني", "2", "اجتماع", ""}}},
		{"en ordinal digits", "to celebrate the 75th anniversary of the treaty", []got{{"ordinal", "75th", "75", "anniversary", ""}}},
		{"en ordinal words", "the seventy-fifth anniversary summit", []got{{"ordinal", "seventy-fifth", "75", "anniversary", ""}}},
		{"ar indefinite ordinal ranks the noun after it", "ورثت ثالث أكبر ترسانة نووية في العالم", []got{{"ordinal", "ثالث", "3", "أكبر", ""}}},
		{"en hyphenated ordinal", "France became the world's second-largest exporter", []got{{"ordinal", "second", "2", "largest", ""}}},
		{"ar ordinal after a noun and its adjective", "ليصبح روته الأمين العام الرابع عشر للحلف", []got{{"ordinal", "الرابع عشر", "14", "الأمين العام", ""}}},
		{"en ordinal before a title", "Stoltenberg became the 13th Secretary General of NATO", []got{{"ordinal", "13th", "13", "Secretary General", ""}}},
		// relative
		{"ar relative unknown date", "زيارتين قام بهما الأمين العام في مارس الماضي", []got{{"month", "مارس الماضي", "", "", ""}}},
		{"ar relative with period", "لقمة لاهاي المقرر انعقادها أواخر يونيو المقبل", []got{{"month", "أواخر يونيو المقبل", "", "", ""}}},
		{"en relative", "Sweden became the 32nd ally last March.", []got{{"ordinal", "32nd", "32", "ally", ""}, {"month", "last March", "", "", ""}}},
		{"ar compound money", "بلغت قيمة الصفقة مليار و200 مليون دولار", []got{{"money", "مليار و200 مليون دولار", "1200000000", "USD", ""}}},
		{"ar article ordinal", "وهي القمة الـ 33 للجامعة العربية", []got{{"ordinal", "الـ 33", "33", "القمة", ""}}},
		{"en day and month inherit the paragraph's year", "Allied Force began on 24 March 1999 and lasted 78 days, until 10 June.", []got{{"date", "24 March 1999", "1999-03-24", "", ""}, {"count", "78 days", "78", "days", ""}, {"date", "10 June", "1999-06-10", "", ""}}},
		{"ar day and month inherit the year of the sentence before", "وفي عام 1962 وصلت الصواريخ. وفي 16 تشرين الأول/أكتوبر عرضت الصور", []got{{"year", "عام 1962", "1962", "", ""}, {"date", "16 تشرين الأول/أكتوبر", "1962-10-16", "", ""}}},
		{"a day and month inherit from the paragraph before", "The summit opened on 9 July 2024.\n\nOn 10 July, leaders signed.", []got{{"date", "9 July 2024", "2024-07-09", "", ""}, {"date", "10 July", "2024-07-10", "", ""}}},
		{"en dashed years before a noun are a range", "Iraq was still exhausted by its 1980-1988 war with Iran.", []got{{"year_range", "1980-1988", "1980/1988", "", ""}}},
		{"en day range with no year inherits it", "NATO met in The Hague in 2025. At the summit on June 24-25, leaders approved the target.", []got{{"year", "2025", "2025", "", ""}, {"date_range", "June 24-25", "2025-06-24/2025-06-25", "", ""}}},
		{"en day range with no year and none before is not a count", "At the summit on June 24-25, leaders approved the target.", nil},
		{"en hyphenated count before a noun", "NATO waged a 78-day air campaign.", []got{{"count", "78-day", "78", "day", ""}}},
		{"en an age is not a count", "a 16-year-old boy was hurt", nil},
		{"en a range of sums shares its scale and currency", "Estimated cost: A$268–368 billion.", []got{{"money", "A$268", "268000000000", "AUD", ""}, {"money", "368 billion", "368000000000", "AUD", ""}}},
		{"ar relative day", "وتعقد القمة في 5 نوفمبر المقبل في الرياض", []got{{"date", "5 نوفمبر المقبل", "", "", ""}}},
		{"en fraction is not a count", "nearly two-thirds of the force left", nil},
		{"en product is not a count", "sales of the iPhone 15 rose, as did those of Windows 11 licences", nil},
		{"ar definite number after its noun", "خلال السنوات الخمس المقبلة", []got{{"count", "الخمس", "5", "السنوات", ""}}},
		{"en years are counted", "the highest in 22 years.", []got{{"count", "22 years", "22", "years", ""}}},
		{"en a vote is not two counts", "The bill passed 52-48 in the Senate.", nil},
		// harakat and tatweel inside words
		{"ar harakat tatweel", "وفي عـــام 1952م انضمّت تُرْكِيا إلى الحِلْف", []got{{"year", "عـــام 1952م", "1952", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, extractGot(tt.text)); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestNotClaims lists digits that state no quantity: none may be reported.
func TestNotClaims(t *testing.T) {
	for _, text := range []string{
		"طائرات مقاتلة من طراز (إف-16) وصلت إلى كييف",
		"F-16 jets and Su-27 fighters",
		"أعلن الحلفاء أن المادة 5 من المعاهدة تنطبق",
		"under Article 5 of the treaty",
		"مجموعة 5+5 للحوار في غرب المتوسط",
		"طائرات مسيرة من طراز شاهد-136 الإيرانية",
		"بعثة تدريب الناتو في العراق (NTM-1 ) لتدريب القوات",
		"the IP4 partners and the G7 leaders",
		"Read more at https://www.nato.int/cps/en/natohq/topics_52044.htm today",
		"راسلونا على info2024@example.org للمزيد",
		"The meeting starts at 17:03 sharp.",
		"يبدأ الاجتماع الساعة 10:30 صباحا",
		"Call +32 2 707 41 11 for details.",
		"Page 2 of 5",
		"© 2024 Example News. All rights reserved.",
		"Regulation (EU) 2021/1060 applies.",
		"COVID-19 spread quickly",
		"4G and 5G networks",
		"وفي حالات محدّدة، يمكن أيضاً الحصول على التعاون",
		"الحرب العالمية الثانية انتهت",
		"من جهة ثانية فإن الموقف",
		"آلاف الجنود وملايين المدنيين",
		"<script>alert(1)</script>",
		"عدد المسافرين (مليون)",
		"Passengers (million)",
		"الإيرادات (مليار دولار)",
	} {
		if got := extractGot(text); len(got) != 0 {
			t.Errorf("Extract(%q) = %+v, want no claims", text, got)
		}
	}
}

// TestOffsetsAndIDs checks the contract on every seed and sample article:
// text[start:end] == span, sentences contain their spans, ids are stable.
func TestOffsetsAndIDs(t *testing.T) {
	paths, _ := filepath.Glob("../../shared/seeds/*.txt")
	more, _ := filepath.Glob("testdata/articles/*.txt")
	paths = append(paths, more...)
	if len(paths) == 0 {
		t.Skip("no articles found")
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		first := Extract(text, Options{})
		second := Extract(text, Options{})
		if len(first) == 0 {
			t.Errorf("%s: no claims", p)
		}
		seen := map[string]bool{}
		for k, c := range first {
			if text[c.Start:c.End] != c.Span {
				t.Errorf("%s: text[%d:%d] = %q, span %q", p, c.Start, c.End, text[c.Start:c.End], c.Span)
			}
			if !strings.Contains(c.Sentence, c.Span) {
				t.Errorf("%s: sentence %q does not contain span %q", p, c.Sentence, c.Span)
			}
			if seen[c.ID] {
				t.Errorf("%s: duplicate id %s", p, c.ID)
			}
			seen[c.ID] = true
			if c.ID != second[k].ID {
				t.Errorf("%s: id of %q changed between extractions", p, c.Span)
			}
			if k > 0 && c.Start < first[k-1].End {
				t.Errorf("%s: claims overlap: %q and %q", p, first[k-1].Span, c.Span)
			}
		}
	}
}

func TestHeaderDate(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"حلف الناتو يدعو الشركاء\n\n  • 15 Feb. 2011 -\n  • |\n  • آخر تحديث 19-Sep-2011 17:03\n\nفي الكلمة الرئيسية", "2011-02-15"},
		{"Title\n2024-07-15\n\nBody text", "2024-07-15"},
		{"A very long first paragraph " + strings.Repeat("word ", 60) + " on 9 July 2024.\nMore.", ""},
	} {
		d, ok := HeaderDate(tt.text)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("HeaderDate(%.40q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	paths, _ := filepath.Glob("../../shared/seeds/*.txt")
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b[:min(len(b), 2000)]))
		}
	}
	for _, s := range []string{"من 9 حتى 11 تموز/يوليو 2024", "July 9-11, 2024", "$40bn", "٣٢ دولة", "1991-99", "\xff\xfe12 دولة", "الاثنين والثلاثين", "١٩-Sep-٢٠١١"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, c := range Extract(text, Options{}) {
			if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
				t.Fatalf("bad offsets [%d,%d) for text of %d bytes", c.Start, c.End, len(text))
			}
			if text[c.Start:c.End] != c.Span {
				t.Fatalf("text[%d:%d] = %q, span %q", c.Start, c.End, text[c.Start:c.End], c.Span)
			}
			if utf8.ValidString(text) && !utf8.ValidString(c.Span) {
				t.Fatalf("span %q is not valid UTF-8", c.Span)
			}
		}
	})
}

// BenchmarkExtract measures extraction over the seed articles; b.SetBytes
// makes `go test -bench` report MB/s.
func BenchmarkExtract(b *testing.B) {
	paths, _ := filepath.Glob("../../shared/seeds/*.txt")
	more, _ := filepath.Glob("testdata/articles/*.txt")
	paths = append(paths, more...)
	var texts []string
	total := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		total += len(data)
	}
	if total == 0 {
		b.Skip("no articles")
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range texts {
			_ = Extract(text, Options{})
		}
	}
}

func ExampleExtract() {
	for _, c := range Extract("تأسس حلف شمال الأطلسي (NATO) عام 1949م، ووقعت عليه 12 دولة.", Options{}) {
		fmt.Printf("%s %q %s %q\n", c.Kind, c.Span, c.Value, c.Unit)
	}
	// Output:
	// year "عام 1949م" 1949 ""
	// count "12 دولة" 12 "دولة"
}

// TestDayMonthTakesArticleYear: a day and month with no year, and none
// before it in the paragraph, take the year that puts them nearest the
// article's date, inferred.
func TestDayMonthTakesArticleYear(t *testing.T) {
	dec2022 := time.Date(2022, 12, 19, 0, 0, 0, 0, time.UTC)
	jan2023 := time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		date time.Time
		text string
		want []got
	}{
		{"ar a day before the report", dec2022, "وتغلّب على البرتغال في ربع النهائي يوم 11 كانون الأول/ديسمبر، ليصبح أول منتخب.",
			[]got{{"date", "11 كانون الأول/ديسمبر", "2022-12-11", "", ""}}},
		{"en a day of last year, days before a January report", jan2023, "Leaders met on 28 December and again on 3 January.",
			[]got{{"date", "28 December", "2022-12-28", "", ""}, {"date", "3 January", "2023-01-03", "", ""}}},
		{"a day word before a date counts nothing", dec2022, "ثم أقصى إسبانيا في دور الستة عشر يوم 6 كانون الأول/ديسمبر، وتغلّب",
			[]got{{"count", "الستة عشر", "16", "", ""}, {"date", "6 كانون الأول/ديسمبر", "2022-12-06", "", ""}}},
		{"no article date, no year", time.Time{}, "Morocco beat Portugal on 10 December.", nil},
		{"not the year of two paragraphs before", dec2022, "The treaty was signed on 9 July 2019.\n\nLeaders met.\n\nOn 10 July, leaders signed.",
			[]got{{"date", "9 July 2019", "2019-07-09", "", ""}, {"date", "10 July", "2022-07-10", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out []got
			for _, c := range Extract(tt.text, Options{Date: tt.date}) {
				if c.Kind == factcheck.KindDate && !c.Relative && !strings.Contains(c.Span, c.Value[:4]) {
					// a date whose span states no year must say its year is inferred
					t.Errorf("%q is not marked inferred", c.Span)
				}
				out = append(out, got{string(c.Kind), c.Span, c.Value, c.Unit, string(c.Qualifier)})
			}
			if diff := cmp.Diff(tt.want, out); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
