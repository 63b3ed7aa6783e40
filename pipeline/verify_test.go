package pipeline

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/aliases"
	"github.com/newsroom/factcheck/claims"
)

const testAliases = `
NATO | North Atlantic Treaty Organization | الناتو | حلف شمال الأطلسي | ~الحلف
Warsaw Pact | حلف وارسو
Russia | روسيا | موسكو
Ukraine | أوكرانيا
Crimea | القرم
Sweden | السويد
Finland | فنلندا
Washington | واشنطن
London | لندن
Brussels | بروكسل
member | members | Allies | عضو | أعضاء | دولة | دول
Kyiv | Kiev | كييف
Kuwait | الكويت
withdrew | withdrawal | انسحاب
Gulf Cooperation Council | GCC | مجلس التعاون
Oman | عمان
Qatar | قطر
refugee | refugees | لاجئ | لاجئين | اللاجئون
Bahrain | البحرين
Saudi Arabia | السعودية
founded | established | تأسس | تأسيس
joined | accession | انضم | انضمت
invasion | invaded | war | غزو | الحرب
annexation | annexed | ضم
summit | قمة
anniversary | الذكرى
launched | انطلاق
Bosnia | البوسنة
Latvia | لاتفيا
Secretary General | الأمين العام
hosted | host | استضافت
vote | votes | صوت
European Union | EU | الاتحاد الأوروبي
defence spending | الإنفاق الدفاعي
Deliberate Force | القوة المتعمدة
Istanbul | إسطنبول
enlargement | expansion | توسع
largest | biggest | أكبر
Istanbul Cooperation Initiative | مبادرة إسطنبول للتعاون
Mediterranean Dialogue | حوار المتوسط
Germany | ألمانيا | West Germany | ألمانيا الغربية
Yevgeny Primakov | Primakov | بريماكوف | يفغيني بريماكوف
foreign minister | وزير الخارجية | وزارة الخارجية
Libya | ليبيا
air campaign | الحملة الجوية
month | months | شهر | أشهر
day | days | يوم | أيام
Vilnius | فيلنيوس
Israel | إسرائيل | الإسرائيلي
Lebanon | لبنان
Europe | أوروبا
Egypt | مصر
partner | partnership | شراكة
`

func testJudge(t *testing.T) *Judge {
	t.Helper()
	tab, err := aliases.Load(strings.NewReader(testAliases), "test")
	if err != nil {
		t.Fatal(err)
	}
	return &Judge{Aliases: tab, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// claimAt extracts the claim whose span is span from text.
func claimAt(t *testing.T, text, span string, date time.Time) factcheck.Claim {
	t.Helper()
	for _, c := range claims.Extract(text, claims.Options{Date: date}) {
		if c.Span == span {
			return c
		}
	}
	t.Fatalf("no claim %q in %q", span, text)
	return factcheck.Claim{}
}

func passage(text, context string, asOf time.Time) factcheck.ScoredPassage {
	return factcheck.ScoredPassage{Passage: factcheck.Passage{ID: text, PageURL: "https://ref.example/" + context, Text: text, Context: context, AsOf: asOf}}
}

func TestJudgeStances(t *testing.T) {
	d2024 := time.Date(2024, 7, 15, 0, 0, 0, 0, time.UTC)
	d2011 := time.Date(2011, 2, 15, 0, 0, 0, 0, time.UTC)
	d2025 := time.Date(2025, 8, 30, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name       string
		claim      string // article text
		span       string
		date       time.Time
		passage    string
		context    string
		asOf       time.Time
		want       factcheck.Stance
		wantValue  string
		reasonPart string
		tentative  bool
	}{
		{"wrong month refuted across languages", "شنت روسيا الحرب على أوكرانيا فبراير 2002م، وشجعت", "فبراير 2002م", time.Time{},
			"In the early hours of 24 February 2022, Russia began a full-scale invasion of Ukraine.", "Russia's war", d2024,
			factcheck.StanceRefutes, "2022-02-24", "same thing", false},
		{"year supported by a full date", "تأسس حلف شمال الأطلسي (NATO) عام 1949م، مع بداية الحرب الباردة", "عام 1949م", time.Time{},
			"NATO was established on 4 April 1949 in Washington.", "NATO", d2024,
			factcheck.StanceSupports, "1949-04-04", "same thing", false},
		{"another subject does not refute", "شنت روسيا الحرب على أوكرانيا فبراير 2002م، وشجعت", "فبراير 2002م", time.Time{},
			"In March 2014 Russia annexed Crimea.", "Russia's war", d2024,
			factcheck.StanceNeutral, "", "Crimea", false},
		{"a number near a shared word decides nothing", "انضمت السويد إلى الحلف عام 2024 بعد مفاوضات", "عام 2024", time.Time{},
			"Finland joined NATO on 4 April 2023.", "NATO members", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"a sibling's date in the same sentence does not support", "أما السويد فانضمت عام 2023 أيضًا", "عام 2023", time.Time{},
			"Finland joined on 4 April 2023 and Sweden joined on 7 March 2024.", "NATO members", d2024,
			factcheck.StanceNeutral, "", "Finland", false},
		{"the subject's own date refutes", "أما السويد فانضمت عام 2023 أيضًا", "عام 2023", time.Time{},
			"Sweden joined on 7 March 2024, after Hungary ratified.", "NATO members", d2024,
			factcheck.StanceRefutes, "2024-03-07", "", false},
		{"an older page's smaller count does not refute", "ويضم الحلف اليوم 32 دولة من أوروبا وأمريكا الشمالية", "32 دولة", d2024,
			"ويضم الحلف حاليا 28 دولة من أوروبا وأمريكا الشمالية.", "الناتو", d2011,
			factcheck.StanceNeutral, "28", "counts change over time", false},
		{"a count its clause dates is compared at that date, not the page's", "The Council adopted the resolution on 17 March 2011 by 11 votes.", "11 votes", d2024,
			"On 17 March 2011 the Council adopted the resolution by 10 votes.", "", d2011,
			factcheck.StanceRefutes, "10", "", false},
		{"the tally of an event does not change with the page's date", "Allied aircraft evacuated more than 150,000 people from Kyiv.", "150,000 people", d2024,
			"Allied aircraft evacuated more than 120,000 people from Kyiv.", "", d2011,
			factcheck.StanceRefutes, "120000", "", false},
		{"an older count supports an older article", "الحلف يضم 28 دولة من أوروبا وأمريكا", "28 دولة", d2011,
			"ويضم الحلف حاليا 28 دولة من أوروبا وأمريكا الشمالية.", "الناتو", d2011,
			factcheck.StanceSupports, "28", "", false},
		{"half is supported by 52 per cent", "استوردت دول الشرق الأوسط نصف صادرات الأسلحة الأمريكية", "نصف", time.Time{},
			"الشرق الأوسط استورد 52% من صادرات الأسلحة الأمريكية.", "", d2024,
			factcheck.StanceSupports, "52", "", false},
		{"money in another currency is refuted", "Allies pledged $40 billion to Ukraine at the summit.", "$40 billion", time.Time{},
			"At the summit Allies pledged a minimum baseline of EUR 40 billion for Ukraine.", "Washington summit", d2024,
			factcheck.StanceRefutes, "40000000000 EUR", "", false},
		{"a bound is not a date", "جاء التحول في اهتمام الناتو بالمتوسط بعد عام 2002م", "عام 2002م", time.Time{},
			"NATO turned its attention to the Mediterranean after 1991.", "", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"a date line is not a fact", "آخر تحديث 19-Sep-2011 17:03", "19-Sep-2011", time.Time{},
			"Last updated: 2011-03-15", "", d2024,
			factcheck.StanceNeutral, "", "date line", false},
		{"a quantity stated alongside ties a passage in another language", "Kyiv gave up 1,900 warheads under a memorandum signed on 5 December 1994.", "5 December 1994", time.Time{},
			"تخلت كييف عن 1900 رأس نووي بموجب مذكرة وُقّعت في 5 كانون الأول/ديسمبر 1994.", "", d2024,
			factcheck.StanceSupports, "1994-12-05", "", false},
		{"and through it refutes a wrong date", "Kyiv gave up 1,900 warheads under a memorandum signed on 5 December 1997.", "5 December 1997", time.Time{},
			"تخلت كييف عن 1900 رأس نووي بموجب مذكرة وُقّعت في 5 كانون الأول/ديسمبر 1994.", "", d2024,
			factcheck.StanceRefutes, "1994-12-05", "", false},
		{"alignment sharing no word only disputes", "The state gave up 1,900 warheads under a memorandum signed on 5 December 1997.", "5 December 1997", time.Time{},
			"وُقّعت المذكرة في 5 كانون الأول/ديسمبر 1994، وبحلول 1 حزيران/يونيو 1996 كانت الدولة قد سلّمت 1900 رأس نووي.", "", d2024,
			factcheck.StanceRefutes, "", "probably", true},
		{"a name no alias knows meets itself in the other script", "بدأت عملية «سرفال» في 11 كانون الثاني/يناير 2013، ثم", "11 كانون الثاني/يناير 2013", time.Time{},
			"Operation Serval began on 11 January 2013.", "", d2024,
			factcheck.StanceSupports, "2013-01-11", "1 other words shared", false},
		{"and another name does not", "بدأت عملية «سرفال» في 11 كانون الثاني/يناير 2013، ثم", "11 كانون الثاني/يناير 2013", time.Time{},
			"Operation Barkhane began on 11 January 2013.", "", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"a tally's other side in the passage makes its figure the claim's counterpart", "وفي 13 حزيران/يونيو 2018 خسر المغرب التصويت بحصوله على 75 صوتاً مقابل 134 صوتاً للملف المنافس.", "75 صوتاً", time.Time{},
			"وفي 13 حزيران/يونيو 2018 حصل الملف المشترك على 134 صوتاً مقابل 65 صوتاً للمغرب.", "", d2024,
			factcheck.StanceRefutes, "65", "probably", true},
		{"a year both state does not tie a refutation", "Across the EU, Eurostat counted about 1.26 million asylum applicants in 2015 and 1.2 million in 2016.", "1.2 million", time.Time{},
			"In September 2016 the ministry revised the number of asylum seekers who arrived in 2015 to about 890,000.", "", d2024,
			factcheck.StanceRefutes, "", "probably", true},
		{"a sum a thousandfold smaller is another figure", "The company booked net income of $161.1 billion for 2022.", "$161.1 billion", time.Time{},
			"In 2022 the company's oil sold at up to $139.", "", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"a table's header gives its cells' scale", "بلغت إيرادات القناة 6.3 مليار دولار عام 2021.", "6.3 مليار دولار", time.Time{},
			"الفترة: 2021; الإيرادات (مليار دولار): 5.8", "إيرادات القناة", d2024,
			factcheck.StanceRefutes, "5800000000 USD", "probably", true},
		{"a table's header gives its counts' scale", "واستقبل المطار 86.9 مليون مسافر عام 2023.", "86.9 مليون مسافر", time.Time{},
			"السنة: 2023; عدد المسافرين (مليون): 86.9; التغير السنوي: +31.5%", "حركة المسافرين في المطار", d2024,
			factcheck.StanceSupports, "86900000", "", false},
		{"a clause with no subject of its own is about the one its sentence names first", "أصبحت الكويت أول دولة خليجية تستضيف القمة، وثالث عاصمة عربية تفعل ذلك بعد قطر وعمان.", "وثالث", time.Time{},
			"وجعلت القمة الكويت أول دولة خليجية وثالث عاصمة عربية تستضيفها بعد قطر وعمان.", "", d2024,
			factcheck.StanceSupports, "3", "", false},
		{"a rank tied by a full date both state is refuted", "أما القمة السابعة التي عُقدت في 27 أيار/مايو 2024 فجمعت الحلفاء في بروكسل.", "السابعة", time.Time{},
			"The eighth Brussels summit was held on 27 May 2024.", "", d2024,
			factcheck.StanceRefutes, "8", "", false},
		{"another rank with no figure tying it is a sibling's", "أما القمة السابعة فجمعت الحلفاء في بروكسل.", "السابعة", time.Time{},
			"The eighth Brussels summit was held on 27 May 2024.", "", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"a clause of a figure and its qualifier alone is about the clause before", "وتستضيف الكويت العدد الأكبر من اللاجئين المسجلين، بنحو 2.4 مليون لاجئ، يعيش جزء منهم في المخيمات.", "2.4 مليون لاجئ", time.Time{},
			"Country: Kuwait; Registered refugees: 2.39 million; Official camps: 10", "Refugees by host country", d2024,
			factcheck.StanceSupports, "2390000", "", false},
		{"a table row whose cells name other things is about its subject", "وهذا ما أُعلن في قمة إسطنبول عام 2007م، حين", "عام 2007م", time.Time{},
			"Year: 2004; City: Istanbul; Main outcomes: Istanbul Cooperation Initiative launched; Mediterranean Dialogue raised to a partnership", "NATO summits", d2024,
			factcheck.StanceRefutes, "2004", "", false},
		{"a claim dating a name right before it is about that name", "انضمت اليونان وتركيا، ثم لحقت بهما ألمانيا الغربية عام 1958، ثم إسبانيا", "عام 1958", time.Time{},
			"West Germany joined NATO on 6 May 1955.", "Enlargement", d2024,
			factcheck.StanceRefutes, "1955-05-06", "", false},
		{"a life span in brackets is not a term of office", "ثم تولى يفغيني بريماكوف وزارة الخارجية خلفًا له (1996-1998م) وكان معارضا", "1996-1998م", time.Time{},
			"Yevgeny Primakov (1929–2015) became foreign minister in January 1996.", "People", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"another step of a series does not refute", "ليرتفع عدد أعضاء الحلف من 16 دولة إلى 19 عضوا", "16 دولة", time.Time{},
			"The accessions raised the number of NATO members from 19 to 26.", "Enlargement", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"a place named with the claim is not its subject", "شنت روسيا الحرب على أوكرانيا في القرم عام 2015", "عام 2015", time.Time{},
			"Russia's war on Ukraine began in 2014.", "", d2024,
			factcheck.StanceRefutes, "2014", "same thing", false},
		{"a passage not naming what the date is stated after at most questions it", "For NATO members, the benchmark dates back to the Wales summit in September 2014.", "September 2014", time.Time{},
			"NATO's air operation against Yugoslavia, with all Allies, began on 24 March 1999.", "", d2024,
			factcheck.StanceRefutes, "1999-03-24", "probably", true},
		{"a dateline states no fact", "VIENNA, Thursday 4 December 2023 —\n\nThe treaty was signed in 1990.", "4 December 2023", time.Time{},
			"The treaty entered into force on 4 December 2023.", "", d2024,
			factcheck.StanceNeutral, "", "date line", false},
		{"a dateline with the place's country states no fact", "KYIV, Ukraine, 4 December 2023 —\n\nThe treaty was signed in 1990.", "4 December 2023", time.Time{},
			"Russia invaded Ukraine; the treaty entered into force on 4 December 2023.", "", d2024,
			factcheck.StanceNeutral, "", "date line", false},
		{"a subject named in another clause does not own the quantity", "فقد حصلت عليها البحرين عام 2002 والكويت عام 2004، ثم", "عام 2004", time.Time{},
			"Kuwait and Bahrain signed up in the months after the summit, and Sweden became the last when it formally joined on 22 June 2005.", "", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"a year cannot confirm a day", "وصادق البرلمان على الانضمام في 25 كانون الثاني/يناير 2024، بعد", "25 كانون الثاني/يناير 2024", time.Time{},
			"Sweden joined NATO in 2024.", "", d2024,
			factcheck.StanceNeutral, "", "only the year", false},
		{"the same value on another occasion does not support", "Leaders met in Washington from 9 to 11 July 2024 for a summit that marked the 70th anniversary of NATO.", "70th", time.Time{},
			"The leaders met in London on 3 and 4 December 2019, at the 70th anniversary of NATO.", "", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"names listed after a quantity do not compete with its subject", "وهو موقف يعكس حسابات مجلس التعاون الذي تأسس عام 1980 بعد سنوات", "عام 1980", time.Time{},
			"The offer went to the Gulf Cooperation Council, the regional body established on 25 May 1981: Bahrain, Kuwait, Oman and Qatar.", "", d2024,
			factcheck.StanceRefutes, "1981-05-25", "", true},
		{"a clause holding only its date is about the clause after it", strings.Repeat("The treaty lapsed in stages over many years of quarrels. ", 6) + "\n\nOn 7 December 2023, Russia completed its withdrawal from the treaty.", "7 December 2023", time.Time{},
			"Russia completed its withdrawal from the treaty on 7 November 2023.", "", d2024,
			factcheck.StanceRefutes, "2023-11-07", "", false},
		{"a count in another language, tied by a date beside it, is questioned", "On 19 November 1990, as leaders met in Paris, 23 states signed the treaty.", "23 states", d2024,
			"وُقّعت المعاهدة في باريس يوم 19 تشرين الثاني/نوفمبر 1990، ووقّعتها اثنتان وعشرون دولة.", "", d2024,
			factcheck.StanceRefutes, "22", "", true},
		{"an anniversary dates what it marks", "تحل اليوم الذكرى الثلاثون لانطلاق عملية القوة المتعمدة في البوسنة", "الثلاثون", d2025,
			"Operation Deliberate Force was launched on 30 August 1995.", "", d2024,
			factcheck.StanceSupports, "1995-08-30", "", false},
		{"a wrong anniversary is questioned with its rank", "The summit in July 2024 marked the 70th anniversary of the founding of NATO.", "70th", d2025,
			"NATO was founded on 4 April 1949 in Washington.", "", d2024,
			factcheck.StanceRefutes, "75", "the 75th", true},
		{"an anniversary marked a year late is not refuted", "This year NATO marks the 75th anniversary of its founding.", "75th", d2025,
			"NATO was founded on 4 April 1949 in Washington.", "", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"a figure dated to another year does not refute", "Allies agreed to spend 5 per cent of GDP on defence by 2035.", "5 per cent", d2025,
			"In 2006 Allies agreed to spend 2 per cent of GDP on defence.", "", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"the same figure undated questions it", "Allies agreed to spend 5 per cent of GDP on defence.", "5 per cent", d2025,
			"Allies agreed to spend 2 per cent of GDP on defence.", "", d2024,
			factcheck.StanceRefutes, "2", "probably", true},
		{"a percentage table's figures are percentages", "Latvia spends 3.83 per cent of GDP on defence.", "3.83 per cent", d2025,
			"Ally: Latvia; 2024 (est.): 3.15; 2025 (est.): 3.73", "Defence expenditure as a share of GDP (%)", d2025,
			factcheck.StanceRefutes, "", "", false},
		{"a table row about a subject the claim does not name does not refute it", "In Latvia as elsewhere, NATO defence spending was estimated at 2.12 per cent.", "2.12 per cent", d2025,
			"Country: Latvia; NATO defence spending (%): 4.2", "NATO", d2025,
			factcheck.StanceRefutes, "4.2", "probably", true},
		{"a figure stated nearby, outside both clauses, ties a conflict loosely enough to question", "Then came a fund of €5 billion, agreed by EU governments on 18 March 2023, which lifted the ceiling.", "18 March 2023", time.Time{},
			"ثم أُنشئ صندوق بقيمة خمسة مليارات يورو، وذلك في 18 آذار/مارس 2024، ليرتفع السقف.", "", d2024,
			factcheck.StanceRefutes, "2024-03-18", "probably", true},
		{"a clause holding a date and a time of day is about the clause after it", "سقوط الجدار\nتحتفل ألمانيا اليوم بذكرى سقوط جدار برلين الذي قسم المدينة عقودا طويلة وفصل بين العائلات والأحياء والشوارع، وتقام الاحتفالات على امتداد المسار السابق للجدار.\nوفي فجر 13 آب/أغسطس 1964م، بدأت ألمانيا الشرقية بناء جدار برلين.", "13 آب/أغسطس 1964م", time.Time{},
			"بدأت ألمانيا الشرقية بناء جدار برلين في 13 آب/أغسطس 1961.", "", d2024,
			factcheck.StanceRefutes, "1961-08-13", "", false},
		{"the date of another event of the claim's sentence does not refute", "انضمت السويد عام 2023 وفنلندا عام 2021 إلى الحلف.", "عام 2021", time.Time{},
			"Country: Sweden; Joined: 2023", "NATO members", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"the sentence before names what the claim's sentence refers back to", "مقدمة\nقطعت أربع دول هي السعودية والبحرين علاقاتها مع قطر عام 2017. وبعد أسابيع سلّمت الدول الأربع الدوحة قائمة من 12 مطلباً.", "12 مطلباً", time.Time{},
			"قطعت أربع دول هي السعودية والبحرين علاقاتها مع قطر، وقدّمت لها لائحة من ثلاثة عشر مطلباً.", "", d2024,
			factcheck.StanceRefutes, "13", "probably", true},
		{"a table's Date column is not a date line", "Background\nTwenty-five years ago, NATO launched its air campaign against Yugoslavia on 24 March 1998 after talks failed.", "24 March 1998", time.Time{},
			"Date: 24 March 1999; Event: NATO launched its air campaign against Yugoslavia", "Timeline", d2024,
			factcheck.StanceRefutes, "1999-03-24", "", false},
		{"a count the passage's sentence also states is not refuted by another of its counts", "Background\nSeven countries entered together in the largest enlargement in NATO's history.", "Seven countries", time.Time{},
			"All seven deposited their instruments of accession on 29 March 2004, the largest enlargement in NATO's history, which raised membership from 19 to 26 countries.", "", d2024,
			factcheck.StanceRefutes, "", "probably", true},
		{"a count of months meets the same count in English", "وقد استمرت الحملة الجوية على ليبيا سبعة أشهر قبل أن تنتهي", "سبعة أشهر", time.Time{},
			"The air campaign over Libya lasted seven months, from March to October 2011.", "Operation Unified Protector", d2024,
			factcheck.StanceSupports, "7", "", false},
		{"a day named beside a date is part of the date", "انعقدت القمة يوم 10 تموز/يوليو 2023 في فيلنيوس", "10 تموز/يوليو 2023", time.Time{},
			"The summit opened in Vilnius on 11 July 2023.", "NATO summits", d2024,
			factcheck.StanceRefutes, "2023-07-11", "1 of 1 concepts", true},
		{"a numbered document is named as surely as two concepts", "وجاء ذلك بعد القرار 1970 الذي اعتمده المجلس بالإجماع في 28 شباط/فبراير 2011", "28 شباط/فبراير 2011", time.Time{},
			"Resolution 1970 was adopted unanimously on 26 February 2011.", "Libya", d2024,
			factcheck.StanceRefutes, "2011-02-26", "1 of 1 concepts", false},
		{"another document's date does not support", "وجاء ذلك بعد القرار 1970 الذي اعتمده المجلس بالإجماع في 17 آذار/مارس 2011", "17 آذار/مارس 2011", time.Time{},
			"Resolution 1973 was adopted on 17 March 2011.", "Libya", d2024,
			factcheck.StanceNeutral, "", "", false},
		{"the subject's sentence names a place the claim's context names too", "في لبنان، ظلت القوة مؤقتة حتى الانسحاب الإسرائيلي من الجنوب في أيار/مايو 2000", "أيار/مايو 2000", time.Time{},
			"انسحبت إسرائيل من جنوب لبنان في أيار/مايو 2000، بعد 22 عاماً على إنشاء القوة.", "", d2024,
			factcheck.StanceSupports, "2000-05", "", false},
		{"a name the claim's window cuts is read whole", "وتلقت مصر دعماً من شركائها، ثم وقّع الاتحاد الأوروبي في 17 آذار/مارس 2024 شراكة استراتيجية بقيمة 7.4 مليار يورو", "7.4 مليار يورو", time.Time{},
			"On 17 March 2024 the EU and Egypt signed a strategic and comprehensive partnership accompanied by a financial package of €7.4 billion for 2024–2027.", "", d2024,
			factcheck.StanceSupports, "7400000000", "", false},
		{"the article's next figure on the same side of both is a counterpart, not a step", "وقّع الطرفان هدنة في 20 مايو لمدة عشرة أيام، ثم مُدّدت خمسة أيام أخرى.", "عشرة أيام", time.Time{},
			"التاريخ: 20 مايو 2023; الحدث: توقيع هدنة مدتها سبعة أيام، ثم تمديدها خمسة أيام", "", d2024,
			factcheck.StanceRefutes, "7", "", true},
		{"figures stated in the same order tie the claim to its counterpart", "وأن تغطية الجيل الخامس ارتفعت إلى 53% على مستوى المملكة بينما تجاوزت في الرياض 84%.", "84%", time.Time{},
			"تغطية الجيل الخامس وصلت إلى 53% في المملكة، وتجاوزت 94% في مدينة الرياض.", "", d2024,
			factcheck.StanceRefutes, "94", "", false},
		{"a probable conflict is tentative", "The war began in 2015 after months of tension.", "2015", time.Time{},
			"The war began in 2014.", "", d2024,
			factcheck.StanceRefutes, "2014", "probably", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j := testJudge(t)
			c := claimAt(t, tt.claim, tt.span, tt.date)
			art := Article{Date: tt.date, Text: tt.claim, Claims: claims.Extract(tt.claim, claims.Options{Date: tt.date})}
			ev := j.Judge(c, art, passage(tt.passage, tt.context, tt.asOf))
			if ev.Stance != tt.want {
				t.Fatalf("stance %s (%s), want %s", ev.Stance, ev.Reason, tt.want)
			}
			if tt.wantValue != "" && ev.Value != tt.wantValue {
				t.Errorf("value %q, want %q", ev.Value, tt.wantValue)
			}
			if ev.Tentative != tt.tentative {
				t.Errorf("tentative %v (%s), want %v", ev.Tentative, ev.Reason, tt.tentative)
			}
			if tt.reasonPart != "" && !strings.Contains(ev.Reason, tt.reasonPart) {
				t.Errorf("reason %q does not mention %q", ev.Reason, tt.reasonPart)
			}
			if ev.Stance != factcheck.StanceNeutral && !strings.Contains(tt.passage, ev.Quote) {
				t.Errorf("quote %q is not in the passage", ev.Quote)
			}
		})
	}
}

func TestCompareTime(t *testing.T) {
	for _, tt := range []struct {
		claim, passage string
		want           agreement
	}{
		{"2001", "2001-09-11", agrees},
		{"2002-02", "2022-02-24", conflicts},
		{"2022-02-24", "2022-02", agrees},
		{"2022-02-24", "2021", conflicts},
		{"2024-07-09/2024-07-11", "2024-07-09/2024-07-11", agrees},
		{"2024-07-09/2024-07-11", "2023-07-11/2023-07-12", conflicts},
		{"1979/1990", "1979", unrelated},
		{"2004", "2004/2011", unrelated},
		{"2016-07", "2016-07-08/2016-07-09", agrees},
		{"2014-07", "2016-07-08/2016-07-09", conflicts},
		{"2016", "2016-07-08/2016-07-09", agrees},
		{"2016-07", "2016-06-30/2016-07-02", unrelated},
		{"2016-07-08", "2016-07-08/2016-07-09", unrelated},
	} {
		c := factcheck.Claim{Kind: kindOf(tt.claim), Value: tt.claim}
		q := factcheck.Claim{Kind: kindOf(tt.passage), Value: tt.passage}
		if got := compareTime(c, q); got != tt.want {
			t.Errorf("compareTime(%s, %s) = %d, want %d", tt.claim, tt.passage, got, tt.want)
		}
	}
}

func kindOf(v string) factcheck.Kind {
	switch {
	case strings.Contains(v, "/") && len(v) == 9:
		return factcheck.KindYearRange
	case strings.Contains(v, "/"):
		return factcheck.KindDateRange
	case len(v) == 4:
		return factcheck.KindYear
	case len(v) == 7:
		return factcheck.KindMonth
	}
	return factcheck.KindDate
}

func TestCompareNumbers(t *testing.T) {
	for _, tt := range []struct {
		c  string
		cq factcheck.Qualifier
		q  string
		qq factcheck.Qualifier
		w  agreement
	}{
		{"32", "", "32", "", agrees},
		{"32", "", "30", "", conflicts},
		{"100", factcheck.QualMoreThan, "120", "", agrees},
		{"100", factcheck.QualMoreThan, "80", "", conflicts},
		{"1500", factcheck.QualAbout, "1560", "", agrees},
		{"40000000000", factcheck.QualAtLeast, "40000000000", "", agrees},
		{"32", "", "30", factcheck.QualMoreThan, unrelated},
		{"100", factcheck.QualMoreThan, "5000", "", unrelated},
		{"96400000000", factcheck.QualAbout, "91400000000", "", conflicts},
		{"23", factcheck.QualAtMost, "18", factcheck.QualAtMost, conflicts},
		{"23", factcheck.QualAtMost, "23", factcheck.QualAtMost, agrees},
		{"23", factcheck.QualAtMost, "10", "", unrelated},
		{"4000000000", factcheck.QualAtMost, "3000000000", "", unrelated}, // "up to 4 billion" states the ceiling
		{"4000000000", factcheck.QualAtMost, "3800000000", "", agrees},
		{"100", factcheck.QualMoreThan, "130", "", agrees}, // a floor reaches further
		{"23", factcheck.QualAtMost, "30", "", conflicts},
		{"100", factcheck.QualAtLeast, "90", factcheck.QualAtMost, unrelated},
	} {
		if got := compareNumbers(tt.c, tt.cq, tt.q, tt.qq, 0.005); got != tt.w {
			t.Errorf("compareNumbers(%s %s, %s %s) = %d, want %d", tt.cq, tt.c, tt.qq, tt.q, got, tt.w)
		}
	}
}

func TestVerdict(t *testing.T) {
	c := factcheck.Claim{ID: "c", Kind: factcheck.KindMonth, Value: "2002-02"}
	sup := factcheck.Evidence{Stance: factcheck.StanceSupports, Value: "2002-02", Score: 0.8}
	ref := factcheck.Evidence{Stance: factcheck.StanceRefutes, Value: "2022-02-24", Score: 0.9}
	doubt := factcheck.Evidence{Stance: factcheck.StanceRefutes, Value: "2022-02-24", Score: 0.95, Tentative: true}
	coarse := factcheck.Evidence{Stance: factcheck.StanceSupports, Value: "2002", Score: 0.8}
	for _, tt := range []struct {
		name       string
		evidence   []factcheck.Evidence
		flagUnver  bool
		want       factcheck.Verdict
		flagged    bool
		correction string
	}{
		{"no evidence", nil, false, factcheck.VerdictUnverified, false, ""},
		{"no evidence, flagged by configuration", nil, true, factcheck.VerdictUnverified, true, ""},
		{"supported", []factcheck.Evidence{sup}, false, factcheck.VerdictSupported, false, ""},
		{"refuted with a correction at the claim's precision", []factcheck.Evidence{ref}, false, factcheck.VerdictRefuted, true, "2022-02"},
		{"both", []factcheck.Evidence{sup, ref}, false, factcheck.VerdictDisputed, true, "2022-02"},
		{"a tentative refutation disputes", []factcheck.Evidence{doubt}, false, factcheck.VerdictDisputed, true, "2022-02"},
		{"a tentative refutation never outweighs support", []factcheck.Evidence{sup, doubt}, false, factcheck.VerdictSupported, false, ""},
		{"a coarser support does not outweigh a tentative refutation", []factcheck.Evidence{coarse, doubt}, false, factcheck.VerdictDisputed, true, "2022-02"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := Verdict(c, tt.evidence, tt.flagUnver)
			if res.Verdict != tt.want || res.Flagged != tt.flagged || res.Correction != tt.correction {
				t.Errorf("got %s flagged=%v correction=%q", res.Verdict, res.Flagged, res.Correction)
			}
			if res.Confidence < 0 || res.Confidence > 1 {
				t.Errorf("confidence %v out of [0,1]", res.Confidence)
			}
		})
	}
}

func TestVerdictExactDistinctValue(t *testing.T) {
	share := factcheck.Claim{ID: "s", Kind: factcheck.KindPercent, Value: "16.35"}
	round := factcheck.Claim{ID: "r", Kind: factcheck.KindPercent, Value: "5"}
	twin := func(v string, score float64) factcheck.Evidence {
		return factcheck.Evidence{Stance: factcheck.StanceSupports, Value: v, Score: score}
	}
	other := factcheck.Evidence{Stance: factcheck.StanceRefutes, Value: "60", Score: 0.8}
	for _, tt := range []struct {
		name     string
		c        factcheck.Claim
		evidence []factcheck.Evidence
		want     factcheck.Verdict
	}{
		{"an exact distinct value outweighs a slightly better conflict", share, []factcheck.Evidence{twin("16.35", 0.7), other}, factcheck.VerdictSupported},
		{"even against a much better conflict", share, []factcheck.Evidence{twin("16.35", 0.4), other}, factcheck.VerdictSupported},
		{"a round value has no such weight", round, []factcheck.Evidence{twin("5", 0.4), other}, factcheck.VerdictRefuted},
		{"nor a twin sharing nothing with the claim", share, []factcheck.Evidence{twin("16.35", 0.2), other}, factcheck.VerdictRefuted},
		{"a full date's twin needs nothing shared", factcheck.Claim{ID: "d", Kind: factcheck.KindDate, Value: "1990-11-29"},
			[]factcheck.Evidence{twin("1990-11-29", 0.2), {Stance: factcheck.StanceRefutes, Value: "1990-08-02", Score: 0.8}}, factcheck.VerdictSupported},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := Verdict(tt.c, tt.evidence, false)
			if res.Verdict != tt.want {
				t.Errorf("got %s, want %s", res.Verdict, tt.want)
			}
		})
	}
}

// TestTopicalPage: on a page sharing distinct values with the article, a
// distinct value supports a claim with which the passage shares no word;
// a year, or a page sharing nothing, does not.
func TestTopicalPage(t *testing.T) {
	const article = "The treaty, which limits each side to 1,550 warheads, is scheduled to lapse on 5 February 2026. It was signed in 2010."
	const expiry = "تنتهي صلاحية المعاهدة الممددة في 5 شباط/فبراير 2026 ما لم تمدد."
	const slip = "The treaty, which limits each side to 1,550 warheads, is scheduled to lapse on 5 February 2029. It was signed in 2010."
	for _, tt := range []struct {
		name, article, span, page string
		shared                    int
		want                      factcheck.Stance
	}{
		{"distinct value on a topical page", article, "5 February 2026", expiry, 2, factcheck.StanceSupports},
		{"distinct value on a page sharing too little", article, "5 February 2026", expiry, 1, factcheck.StanceNeutral},
		{"a year is not distinct", article, "2010", "وقعت عام 2010.", 2, factcheck.StanceNeutral},
		{"a slip of the year on a topical page is questioned", slip, "5 February 2029", expiry, 2, factcheck.StanceRefutes},
		{"not on a page sharing too little", slip, "5 February 2029", expiry, 1, factcheck.StanceNeutral},
		{"a share far from the claim's is another share", "The UN estimates that 90% of Syrians are poor.", "90%",
			"The UN estimates that 1.5% of Syrians were killed.", 2, factcheck.StanceNeutral},
		{"a count of the same noun on a topical page is questioned", "وفرّ نحو 20 ألف لاجئ من البلاد بعد القمع.", "20 ألف لاجئ", "اللاجئون: نحو 200000; القتلى: 2500", 2, factcheck.StanceRefutes},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j := testJudge(t)
			c := claimAt(t, tt.article, tt.span, time.Time{})
			art := Article{Claims: claims.Extract(tt.article, claims.Options{}),
				SharedValues: func(url, except string) int { return tt.shared }}
			ev := j.Judge(c, art, passage(tt.page, "", time.Time{}))
			if ev.Stance != tt.want {
				t.Errorf("stance %s (%s), want %s", ev.Stance, ev.Reason, tt.want)
			}
			if ev.Stance == factcheck.StanceRefutes && !ev.Tentative {
				t.Errorf("a refutation from values alone must be tentative: %s", ev.Reason)
			}
		})
	}
}

func TestNearMiss(t *testing.T) {
	for _, tt := range []struct {
		c, q string
		kind factcheck.Kind
		want bool
	}{
		{"2026-04-04", "2023-04-04", factcheck.KindDate, true},
		{"2023-04-05", "2023-04-04", factcheck.KindDate, false},
		{"2023-04", "2020-04", factcheck.KindMonth, false},
		{"87", "78", factcheck.KindCount, true},
		{"6550", "1550", factcheck.KindCount, true},
		{"27", "26", factcheck.KindCount, false},
		{"1550", "1550", factcheck.KindCount, false},
		{"1550", "15500", factcheck.KindCount, false},
		{"6.8", "8.6", factcheck.KindPercent, true},
		{"2022-11-20/2022-12-19", "2022-11-20/2022-12-18", factcheck.KindDateRange, true},
		{"2020-07/2021-03", "2020-07/2020-12", factcheck.KindMonthRange, true},
		{"2022-11-20/2022-12-19", "2022-11-21/2022-12-18", factcheck.KindDateRange, false},
		{"2014/2021", "2014/2022", factcheck.KindYearRange, false},
	} {
		c := factcheck.Claim{Kind: tt.kind, Value: tt.c}
		q := factcheck.Claim{Kind: tt.kind, Value: tt.q}
		if got := nearMiss(c, q); got != tt.want {
			t.Errorf("nearMiss(%s, %s) = %v, want %v", tt.c, tt.q, got, tt.want)
		}
	}
}

func TestCompareAnyNoun(t *testing.T) {
	count := func(v, unit string) factcheck.Claim {
		return factcheck.Claim{Kind: factcheck.KindCount, Value: v, Unit: unit}
	}
	for _, tt := range []struct {
		claim, passage factcheck.Claim
		want           agreement
	}{
		{count("23", "states"), count("22", "دولة"), conflicts},
		{count("22", "states"), count("22", "دولة"), agrees},
		{count("7", "years"), count("2692", "missiles"), unrelated},    // a small count says too little
		{count("34", "parties"), count("5889", "warheads"), unrelated}, // another order of magnitude
		{factcheck.Claim{Kind: factcheck.KindYear, Value: "2004"}, factcheck.Claim{Kind: factcheck.KindYear, Value: "2005"}, conflicts},
	} {
		got := compareAnyNoun(claimView{c: tt.claim, unit: tt.claim.Unit}, passageQuantity{q: tt.passage, unit: tt.passage.Unit})
		if got != tt.want {
			t.Errorf("compareAnyNoun(%s %s, %s %s) = %d, want %d", tt.claim.Value, tt.claim.Unit, tt.passage.Value, tt.passage.Unit, got, tt.want)
		}
	}
}

func TestComparePercentRounding(t *testing.T) {
	pct := func(span, value string) factcheck.Claim {
		return factcheck.Claim{Kind: factcheck.KindPercent, Span: span, Value: value}
	}
	about := func(c factcheck.Claim) factcheck.Claim {
		c.Qualifier = factcheck.QualAbout
		return c
	}
	for _, tt := range []struct {
		name   string
		claim  factcheck.Claim
		stated factcheck.Claim
		want   agreement
	}{
		{"a whole figure rounds a decimal one", pct("11.8%", "11.8"), pct("12%", "12"), agrees},
		{"a decimal figure is rounded to a whole one", pct("12%", "12"), pct("11.8 per cent", "11.8"), agrees},
		{"a stated trailing zero keeps its place", pct("7.12 per cent", "7.12"), pct("7.0 per cent", "7"), conflicts},
		{"two places against one", pct("9.48 per cent", "9.48"), pct("9.4 per cent", "9.4"), conflicts},
		{"an Arabic decimal separator counts", pct("٩٫٤٪", "9.4"), pct("9.43%", "9.43"), agrees},
		{"whole figures one apart conflict", pct("42%", "42"), pct("43 per cent", "43"), conflicts},
		{"about widens a whole figure by a point", about(pct("نحو 40%", "40")), pct("41%", "41"), agrees},
		{"about widens a figure to two places by less", about(pct("نحو 2.65%", "2.65")), pct("2.56%", "2.56"), conflicts},
		{"about a figure to two places still meets its rounding", about(pct("نحو 2.65%", "2.65")), pct("2.6%", "2.6"), agrees},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := compare(claimView{c: tt.claim}, passageQuantity{q: tt.stated}); got != tt.want {
				t.Errorf("compare(%s, %s) = %d, want %d", tt.claim.Span, tt.stated.Span, got, tt.want)
			}
		})
	}
}

func TestPreviousSentence(t *testing.T) {
	text := "Headline\nFour states cut ties with Qatar. Weeks later the four handed Doha 12 demands.\nA new paragraph starts here."
	for _, tt := range []struct {
		name string
		at   string
		want string
	}{
		{"the sentence before, in the paragraph", "12 demands", "Four states cut ties with Qatar"},
		{"none before in the paragraph", "Four states", ""},
		{"not across a paragraph break", "A new", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.TrimSpace(previousSentence(text, strings.Index(text, tt.at))); got != tt.want {
				t.Errorf("previousSentence = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIsDateline(t *testing.T) {
	j := testJudge(t)
	for _, tt := range []struct {
		name string
		text string
		span string
		want bool
	}{
		{"a place and a date on their own line", "Baltic states mark twenty years\nVILNIUS, March 29, 2024 (updated 14:20 EET)\n\nThe three states joined in 2004.", "March 29, 2024", true},
		{"a date line ending at a dash", "Europe's rulebook\n\nVIENNA, 4 December 2023 — Diplomats leaving last week's meeting spoke in weary tones.", "4 December 2023", true},
		{"an Arabic date line with an update time", "عشر سنوات على ضم القرم\n\nكييف – السبت 24 شباط/فبراير 2024 | آخر تحديث: 09:45 بتوقيت غرينتش\n\nبدأت الحرب.", "24 شباط/فبراير 2024", true},
		{"a date line with a credit", "جدار برلين\nبرلين – السبت 9 تشرين الثاني/نوفمبر 2024 (خاص)\nتحتفل ألمانيا اليوم.", "9 تشرين الثاني/نوفمبر 2024", true},
		{"a date in a first sentence that goes on", "NATO at 75\nSeventy-five years ago today, on April 4, 1949, the foreign ministers of 12 countries gathered in Washington to sign the treaty.", "April 4, 1949", false},
		{"a date far into the article", strings.Repeat("The alliance met again. ", 20) + "\nVILNIUS, March 29, 2024\n", "March 29, 2024", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := claimAt(t, tt.text, tt.span, time.Time{})
			if got := j.IsDateline(tt.text, c); got != tt.want {
				t.Errorf("IsDateline = %v, want %v (clause %q)", got, tt.want, c.Sentence)
			}
		})
	}
}

func TestCompareSameFigureAcrossNouns(t *testing.T) {
	count := func(v, unit string, q factcheck.Qualifier) claimView {
		return claimView{c: factcheck.Claim{Kind: factcheck.KindCount, Value: v, Unit: unit, Qualifier: q}, unit: unit}
	}
	for _, tt := range []struct {
		name           string
		claim, passage claimView
		want           agreement
	}{
		{"an exact figure", count("2692", "صاروخا", ""), count("2692", "missiles", ""), agrees},
		{"an approximate figure stated as approximate", count("1340", "كيلومترا", factcheck.QualAbout), count("1340", "kilometres", factcheck.QualAbout), agrees},
		{"an approximate figure stated exactly", count("28500", "جندي", factcheck.QualAbout), count("28500", "troops", ""), agrees},
		{"a bound is not the figure", count("1340", "كيلومترا", factcheck.QualMoreThan), count("1340", "kilometres", ""), unrelated},
		{"a small figure says too little", count("12", "بندا", ""), count("12", "points", ""), unrelated},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := compare(tt.claim, passageQuantity{q: tt.passage.c, unit: tt.passage.unit}); got != tt.want {
				t.Errorf("compare = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestCompareRankInTableCell(t *testing.T) {
	claim := claimView{c: factcheck.Claim{Kind: factcheck.KindOrdinal, Value: "16", Unit: "member"}, unit: "=member"}
	rank := func(v string, row bool) passageQuantity {
		return passageQuantity{q: factcheck.Claim{Kind: factcheck.KindOrdinal, Value: v}, row: row, own: map[string]bool{"=member": true}}
	}
	for _, tt := range []struct {
		name string
		pq   passageQuantity
		want agreement
	}{
		{"a cell under 'Euro area member no.' ranks members", rank("17", true), conflicts},
		{"the same rank agrees", rank("16", true), agrees},
		{"a rank in prose without its noun ranks something else", rank("17", false), unrelated},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := compare(claim, tt.pq); got != tt.want {
				t.Errorf("compare = %d, want %d", got, tt.want)
			}
		})
	}
}
