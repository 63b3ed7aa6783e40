// Package bench makes a synthetic but realistic workload for measuring
// factcheck: Arabic and English news articles dense with checkable numbers
// and dates, the reference pages that state the facts those articles are
// about (in both languages, with the boilerplate of real sites), an alias
// table joining the names across the two languages, and loopback stand-ins
// for the reference sites and an OpenAI-compatible model, each answering
// after a fixed latency. Everything is deterministic for a given size and
// seed. It does no I/O of its own beyond serving what it was given.
package bench

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// File is one generated file: an article or a reference page.
type File struct {
	// Name is the file's base name; its extension gives its content type.
	Name string
	Body []byte
}

// ContentType is the media type a server sends the file with.
func (f File) ContentType() string {
	switch {
	case strings.HasSuffix(f.Name, ".html"):
		return "text/html; charset=utf-8"
	case strings.HasSuffix(f.Name, ".md"):
		return "text/markdown; charset=utf-8"
	}
	return "text/plain; charset=utf-8"
}

// Corpus is a generated workload.
type Corpus struct {
	// Articles are plain-text articles (title line, date line, paragraphs),
	// about half Arabic and half English.
	Articles []File
	// Pages are the reference pages: per topic an English and an Arabic
	// HTML page and an English fact sheet in Markdown.
	Pages []File
	// Aliases is an alias table (the aliases package's format) joining the
	// Arabic and English names of the corpus's institutions, places, people,
	// countries and actions.
	Aliases string
	// Topics is the number of institutions the articles are about.
	Topics int
	// Facts is the number of facts the pages state; Wrong is how many
	// statements of a fact in the articles carry a wrong value on purpose.
	Facts, Wrong int
}

// Bytes is the total size of the articles' text.
func (c Corpus) Bytes() int {
	n := 0
	for _, a := range c.Articles {
		n += len(a.Body)
	}
	return n
}

// TopicCount is the number of topics (institutions, each with three
// reference pages) for n articles: a newsroom's reference corpus grows
// with its output, but much more slowly.
func TopicCount(n int) int { return 8 + n/20 }

// wrongRate is the share of fact statements in articles given a wrong
// value, so that the rules have something to refute.
const wrongRate = 0.1

// Generate returns n articles and the reference corpus they draw on,
// the same for the same n and seed.
func Generate(n int, seed uint64) Corpus {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	topics := makeTopics(r, TopicCount(n))
	c := Corpus{Topics: len(topics)}
	var aliases strings.Builder
	aliases.WriteString("# factcheck bench: generated alias table\n")
	aliases.WriteString(actionAliases)
	for _, cn := range countries {
		fmt.Fprintf(&aliases, "%s | %s\n", cn.en, cn.ar)
	}
	for i, t := range topics {
		fmt.Fprintf(&aliases, "%s | %s | %s | %s\n", t.name.en, t.short.en, t.name.ar, t.short.ar)
		fmt.Fprintf(&aliases, "%s | %s\n", t.place.en, t.place.ar)
		fmt.Fprintf(&aliases, "%s | %s\n", t.head.en, t.head.ar)
		c.Pages = append(c.Pages, englishPage(i, t), arabicPage(i, t), factSheet(i, t))
		c.Facts += len(t.facts)
	}
	c.Aliases = aliases.String()
	for i := range n {
		t := topics[r.IntN(len(topics))]
		ar := i%2 == 1
		text, wrong := article(r, t, ar)
		c.Wrong += wrong
		lang := "en"
		if ar {
			lang = "ar"
		}
		c.Articles = append(c.Articles, File{Name: fmt.Sprintf("a%05d_%s.txt", i, lang), Body: []byte(text)})
	}
	return c
}

// pair is a name or phrase in English and Arabic.
type pair struct{ en, ar string }

// kind is a kind of institution, with the words its facts are told in.
type kind struct {
	name, short pair   // patterns with %s for the place
	fem         bool   // the Arabic noun is feminine (verbs agree)
	counted     pair   // what its yearly count counts (plural in English, singular after Arabic numbers)
	countedPl   pair   // the same, in the plural for "the number of"
	handled     pair   // the verb of the yearly count
	handledPrep string // the Arabic preposition the verb takes before the count, with its space
	extension   pair   // what it built lately
}

var kinds = []kind{
	{name: pair{"Port of %s", "ميناء %s"}, short: pair{"%s port", "مرفأ %s"}, counted: pair{"containers", "حاوية"}, countedPl: pair{"containers", "الحاويات"},
		handled: pair{"handled", "تعامل"}, handledPrep: "مع ", extension: pair{"container terminal", "محطة الحاويات"}},
	{name: pair{"University of %s", "جامعة %s"}, short: pair{"%s University", "الجامعة في %s"}, fem: true, counted: pair{"students", "طالب"}, countedPl: pair{"students", "الطلاب"},
		handled: pair{"enrolled", "استقبلت"}, extension: pair{"medical school", "كلية الطب"}},
	{name: pair{"%s International Airport", "مطار %s الدولي"}, short: pair{"%s airport", "مطار %s"}, counted: pair{"passengers", "مسافر"}, countedPl: pair{"passengers", "المسافرين"},
		handled: pair{"served", "استقبل"}, extension: pair{"passenger terminal", "صالة الركاب"}},
	{name: pair{"%s National Museum", "متحف %s الوطني"}, short: pair{"%s museum", "متحف %s"}, counted: pair{"visitors", "زائر"}, countedPl: pair{"visitors", "الزوار"},
		handled: pair{"welcomed", "استقبل"}, extension: pair{"east wing", "الجناح الشرقي"}},
	{name: pair{"%s General Hospital", "مستشفى %s العام"}, short: pair{"%s hospital", "مستشفى %s"}, counted: pair{"patients", "مريض"}, countedPl: pair{"patients", "المرضى"},
		handled: pair{"treated", "عالج"}, extension: pair{"cancer centre", "مركز الأورام"}},
	{name: pair{"%s Metro", "مترو %s"}, short: pair{"%s underground", "قطارات الأنفاق في %s"}, counted: pair{"passengers", "راكب"}, countedPl: pair{"passengers", "الركاب"},
		handled: pair{"carried", "نقل"}, extension: pair{"green line", "الخط الأخضر"}},
}

// Place names are made of syllables written in both scripts.
var (
	syllableFirst = []pair{{"Val", "فال"}, {"Kar", "كار"}, {"Sam", "سام"}, {"Tal", "تال"}, {"Zan", "زان"}, {"Mar", "مار"},
		{"Bel", "بيل"}, {"Nor", "نور"}, {"Dal", "دال"}, {"Rash", "راش"}, {"Fal", "فال"}, {"Har", "هار"}, {"Sul", "سول"}, {"Qad", "قاد"}}
	syllableMid = []pair{{"mo", "مو"}, {"ba", "با"}, {"di", "دي"}, {"ra", "را"}, {"si", "سي"}, {"ka", "كا"},
		{"lu", "لو"}, {"ne", "ني"}, {"ta", "تا"}, {"fa", "فا"}, {"ma", "ما"}, {"zu", "زو"}}
	syllableLast = []pair{{"ra", "را"}, {"nia", "نيا"}, {"dor", "دور"}, {"lin", "لين"}, {"vet", "فيت"}, {"hir", "هير"},
		{"mont", "مونت"}, {"stad", "ستاد"}, {"qar", "قار"}, {"bek", "بك"}, {"shan", "شان"}, {"zor", "زور"}}
	firstNames = []pair{{"Karim", "كريم"}, {"Layla", "ليلى"}, {"Omar", "عمر"}, {"Nadia", "نادية"}, {"Samir", "سمير"}, {"Huda", "هدى"},
		{"Tariq", "طارق"}, {"Rania", "رانيا"}, {"Yusuf", "يوسف"}, {"Mona", "منى"}, {"Fadi", "فادي"}, {"Salma", "سلمى"}}
	lastNames = []pair{{"Haddad", "حداد"}, {"Mansour", "منصور"}, {"Khalil", "خليل"}, {"Saleh", "صالح"}, {"Nasser", "ناصر"},
		{"Aziz", "عزيز"}, {"Farouk", "فاروق"}, {"Rahman", "رحمن"}, {"Jaber", "جابر"}, {"Hamdan", "حمدان"}, {"Qasim", "قاسم"}}
	countries = []pair{{"Egypt", "مصر"}, {"Japan", "اليابان"}, {"Germany", "ألمانيا"}, {"France", "فرنسا"}, {"China", "الصين"},
		{"Saudi Arabia", "السعودية"}, {"Qatar", "قطر"}, {"Turkey", "تركيا"}, {"Italy", "إيطاليا"}, {"Spain", "إسبانيا"},
		{"South Korea", "كوريا الجنوبية"}, {"Norway", "النرويج"}, {"Brazil", "البرازيل"}, {"India", "الهند"}}
	monthsEn = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	monthsAr = []string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
	// monthsLevant are the Levantine names, written before the others
	// ("نيسان/أبريل") as many Arab papers do.
	monthsLevant = []string{"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"}
)

// actionAliases joins the verbs and nouns the facts are told with.
const actionAliases = `founded | founding | established | opened | تأسس | تأسست | تأسيس | افتتح | افتتحت | افتتاح
invested | investment | استثمر | استثمرت | استثمار
budget | annual budget | ميزانية | الميزانية
employs | staff | employees | موظف | موظفا | الموظفين | يعمل
rose | increase | grew | ارتفع | ارتفاع | زيادة
signed | agreement | وقع | وقعت | اتفاقية | توقيع
led | director | head | يدير | تدير | مدير | رئيس
began | work began | construction | بدأ | بدأت | بدء | أعمال
`

// fact is one thing a topic's pages state, told in either language with
// the value right or (in some articles) wrong.
type fact struct {
	// en and ar render the fact's sentence with the given value text.
	en, ar func(v string) string
	// value returns the fact's value as written in the language, right or
	// deliberately wrong.
	value func(r *rand.Rand, ar, wrong bool) string
}

// topic is one institution and its facts.
type topic struct {
	k                  kind
	name, short, place pair
	head               pair // its director
	facts              []fact
	table              [][3]string // year, English count, Arabic count of the yearly series
	published          time.Time   // the pages' publication date
}

func makeTopics(r *rand.Rand, n int) []topic {
	seen := map[string]bool{}
	out := make([]topic, 0, n)
	for len(out) < n {
		a, b, c := syllableFirst[r.IntN(len(syllableFirst))], syllableMid[r.IntN(len(syllableMid))], syllableLast[r.IntN(len(syllableLast))]
		place := pair{a.en + b.en + c.en, a.ar + b.ar + c.ar}
		k := kinds[len(out)%len(kinds)]
		if seen[place.en+k.name.en] {
			continue
		}
		seen[place.en+k.name.en] = true
		out = append(out, newTopic(r, k, place))
	}
	return out
}

func newTopic(r *rand.Rand, k kind, place pair) topic {
	t := topic{
		k: k, place: place,
		name:      pair{fmt.Sprintf(k.name.en, place.en), fmt.Sprintf(k.name.ar, place.ar)},
		short:     pair{fmt.Sprintf(k.short.en, place.en), fmt.Sprintf(k.short.ar, place.ar)},
		head:      pair{firstNames[r.IntN(len(firstNames))].en + " " + lastNames[r.IntN(len(lastNames))].en, ""},
		published: time.Date(2023, time.Month(1+r.IntN(12)), 1+r.IntN(28), 8, 0, 0, 0, time.UTC),
	}
	fn, ln := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
	t.head = pair{fn.en + " " + ln.en, fn.ar + " " + ln.ar}
	ar := func(masc, fem string) string {
		if k.fem {
			return fem
		}
		return masc
	}
	founded := 1890 + r.IntN(100)
	opened := time.Date(founded+1+r.IntN(4), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	countYear := 2015 + r.IntN(9)
	count := countValue(r)
	pct := 2 + r.IntN(30)
	budgetYear := 2016 + r.IntN(8)
	budget := moneyValue(r)
	staff := 150 + r.IntN(9000)
	works := time.Date(2018+r.IntN(6), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	investor := countries[r.IntN(len(countries))]
	invest := moneyValue(r)
	investYear := 2010 + r.IntN(14)
	partner := countries[r.IntN(len(countries))]
	signed := time.Date(2005+r.IntN(19), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	headSince := 2008 + r.IntN(15)
	// a round anniversary in the past
	anniversary := 25 * (1 + r.IntN((2023-founded)/25))

	t.facts = []fact{
		{
			en: func(v string) string { return fmt.Sprintf("The %s was founded in %s.", t.name.en, v) },
			ar: func(v string) string {
				return fmt.Sprintf("%s %s عام %s.", ar("تأسس", "تأسست"), t.name.ar, v)
			},
			value: yearFact(founded),
		},
		{
			en: func(v string) string { return fmt.Sprintf("The %s opened to the public on %s.", t.short.en, v) },
			ar: func(v string) string {
				return fmt.Sprintf("و%s %s %s للجمهور في %s.", ar("فتح", "فتحت"), t.name.ar, ar("أبوابه", "أبوابها"), v)
			},
			value: dateFact(opened),
		},
		{
			en: func(v string) string {
				return fmt.Sprintf("In %d the %s %s %s %s, a record.", countYear, t.short.en, k.handled.en, v, k.counted.en)
			},
			ar: func(v string) string {
				return fmt.Sprintf("و%s %s %s%s %s في عام %d، وهو رقم قياسي.", k.handled.ar, t.short.ar, k.handledPrep, v, k.counted.ar, countYear)
			},
			value: countFact(count),
		},
		{
			en: func(v string) string {
				return fmt.Sprintf("The number of %s at the %s rose by %s in %d.", k.countedPl.en, t.name.en, v, countYear)
			},
			ar: func(v string) string {
				return fmt.Sprintf("وارتفع عدد %s في %s بنسبة %s في عام %d.", k.countedPl.ar, t.name.ar, v, countYear)
			},
			value: percentFact(pct),
		},
		{
			en: func(v string) string { return fmt.Sprintf("Its annual budget reached %s in %d.", v, budgetYear) },
			ar: func(v string) string {
				return fmt.Sprintf("وبلغت ميزانية %s السنوية %s في عام %d.", t.name.ar, v, budgetYear)
			},
			value: moneyFact(budget),
		},
		{
			en:    func(v string) string { return fmt.Sprintf("The %s employs %s staff.", t.name.en, v) },
			ar:    func(v string) string { return fmt.Sprintf("ويعمل في %s %s موظف.", t.name.ar, v) },
			value: staffFact(staff),
		},
		{
			en: func(v string) string {
				return fmt.Sprintf("Work on the new %s of the %s began on %s.", k.extension.en, t.short.en, v)
			},
			ar: func(v string) string {
				return fmt.Sprintf("وبدأت أعمال إنشاء %s الجديدة في %s في %s.", k.extension.ar, t.short.ar, v)
			},
			value: dateFact(works),
		},
		{
			en: func(v string) string {
				return fmt.Sprintf("%s invested %s in the %s in %d.", investor.en, v, t.name.en, investYear)
			},
			ar: func(v string) string {
				return fmt.Sprintf("واستثمرت %s %s في %s عام %d.", investor.ar, v, t.name.ar, investYear)
			},
			value: moneyFact(invest),
		},
		{
			en: func(v string) string {
				return fmt.Sprintf("The %s signed a cooperation agreement with %s on %s.", t.name.en, partner.en, v)
			},
			ar: func(v string) string {
				return fmt.Sprintf("و%s %s اتفاقية تعاون مع %s في %s.", ar("وقع", "وقعت"), t.name.ar, partner.ar, v)
			},
			value: dateFact(signed),
		},
		{
			en: func(v string) string { return fmt.Sprintf("%s has led the %s since %s.", t.head.en, t.name.en, v) },
			ar: func(v string) string {
				return fmt.Sprintf("ويتولى %s إدارة %s منذ عام %s.", t.head.ar, t.name.ar, v)
			},
			value: yearFact(headSince),
		},
		{
			en: func(v string) string {
				return fmt.Sprintf("The %s marked its %s anniversary in %d.", t.name.en, v, founded+anniversary)
			},
			ar: func(v string) string {
				return fmt.Sprintf("واحتفل %s بالذكرى %s لتأسيسه عام %d.", t.name.ar, v, founded+anniversary)
			},
			value: ordinalFact(anniversary),
		},
	}
	for y := countYear - 4; y <= countYear; y++ {
		v := count
		if y < countYear {
			v = count * (80 + r.IntN(20)) / 100
		}
		t.table = append(t.table, [3]string{strconv.Itoa(y), groupThousands(v), strconv.Itoa(v)})
	}
	return t
}

func countValue(r *rand.Rand) int {
	switch r.IntN(3) {
	case 0:
		return (5 + r.IntN(95)) * 100_000 // e.g. 4.5 million
	case 1:
		return 1000 + r.IntN(90_000)
	}
	return 100_000 + r.IntN(900)*1000
}

func moneyValue(r *rand.Rand) int {
	if r.IntN(2) == 0 {
		return (10 + r.IntN(990)) * 1_000_000
	}
	return (11 + r.IntN(89)) * 100_000_000
}

func yearFact(y int) func(r *rand.Rand, ar, wrong bool) string {
	return func(r *rand.Rand, ar, wrong bool) string {
		v := y
		if wrong {
			v += 1 + r.IntN(3)
		}
		return strconv.Itoa(v)
	}
}

func ordinalFact(n int) func(r *rand.Rand, ar, wrong bool) string {
	return func(r *rand.Rand, ar, wrong bool) string {
		v := n
		if wrong {
			v += 5
		}
		if ar {
			return strconv.Itoa(v)
		}
		return strconv.Itoa(v) + ordinalSuffix(v)
	}
}

func ordinalSuffix(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}

func dateFact(d time.Time) func(r *rand.Rand, ar, wrong bool) string {
	return func(r *rand.Rand, ar, wrong bool) string {
		v := d
		if wrong {
			v = d.AddDate(0, 1+r.IntN(3), 0)
		}
		m := int(v.Month()) - 1
		switch {
		case !ar:
			return fmt.Sprintf("%d %s %d", v.Day(), monthsEn[m], v.Year())
		case r.IntN(3) == 0:
			return fmt.Sprintf("%d %s/%s %d", v.Day(), monthsLevant[m], monthsAr[m], v.Year())
		}
		return fmt.Sprintf("%d %s %d", v.Day(), monthsAr[m], v.Year())
	}
}

func percentFact(p int) func(r *rand.Rand, ar, wrong bool) string {
	return func(r *rand.Rand, ar, wrong bool) string {
		v := p
		if wrong {
			v += 3 + r.IntN(5)
		}
		if !ar && r.IntN(3) == 0 {
			return fmt.Sprintf("%d per cent", v)
		}
		return fmt.Sprintf("%d%%", v)
	}
}

func countFact(n int) func(r *rand.Rand, ar, wrong bool) string {
	return func(r *rand.Rand, ar, wrong bool) string {
		v := n
		if wrong {
			v = n * (120 + r.IntN(40)) / 100
		}
		return bigNumber(v, ar)
	}
}

func staffFact(n int) func(r *rand.Rand, ar, wrong bool) string {
	return func(r *rand.Rand, ar, wrong bool) string {
		v := n
		if wrong {
			v = n * (130 + r.IntN(40)) / 100
		}
		if ar {
			return strconv.Itoa(v)
		}
		return groupThousands(v)
	}
}

func moneyFact(n int) func(r *rand.Rand, ar, wrong bool) string {
	return func(r *rand.Rand, ar, wrong bool) string {
		v := n
		if wrong {
			unit := 1_000_000
			if n >= 1_000_000_000 {
				unit = 100_000_000
			}
			v = n * (150 + r.IntN(50)) / 100 / unit * unit
		}
		if ar {
			return bigNumber(v, true) + " دولار"
		}
		return "$" + bigNumber(v, false)
	}
}

// bigNumber writes n as newspapers do: "4.5 million", "23,400",
// "4.5 مليون", "23400".
func bigNumber(n int, ar bool) string {
	scale := func(unit int, en, arWord string) string {
		whole, tenth := n/unit, n%unit/(unit/10)
		s := strconv.Itoa(whole)
		if tenth != 0 {
			s += "." + strconv.Itoa(tenth)
		}
		if ar {
			return s + " " + arWord
		}
		return s + " " + en
	}
	switch {
	case n >= 1_000_000_000 && n%(100_000_000) == 0:
		return scale(1_000_000_000, "billion", "مليار")
	case n >= 1_000_000 && n%100_000 == 0:
		return scale(1_000_000, "million", "مليون")
	case ar:
		return strconv.Itoa(n)
	}
	return groupThousands(n)
}

func groupThousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Sentences without numbers, as articles have between their facts.
var (
	fillerEn = []string{
		"Officials said the plans had been discussed with local residents for months.",
		"Critics argue that the money could have been spent elsewhere.",
		"The board is expected to publish its next report after the summer.",
		"Several contractors have bid for the remaining work.",
		"Residents welcomed the news but asked for better transport links.",
		"The ministry did not respond to a request for comment.",
		"Analysts say demand is likely to keep growing over the coming years.",
		"The announcement came after a long public consultation.",
		"Unions have asked for talks on working conditions.",
		"The plans still need the approval of the city council.",
		"Local businesses expect the project to bring new customers.",
		"Environmental groups have raised concerns about the impact on the coast.",
	}
	fillerAr = []string{
		"وقال مسؤولون إن الخطط نوقشت مع السكان المحليين على مدى أشهر.",
		"ويرى منتقدون أن الأموال كان يمكن أن تنفق في مجالات أخرى.",
		"ومن المتوقع أن ينشر مجلس الإدارة تقريره المقبل بعد الصيف.",
		"وتقدمت عدة شركات مقاولات بعروض لتنفيذ الأعمال المتبقية.",
		"ورحب السكان بالخبر لكنهم طالبوا بتحسين وسائل النقل.",
		"ولم ترد الوزارة على طلب للتعليق.",
		"ويقول محللون إن الطلب سيواصل النمو في السنوات المقبلة.",
		"وجاء الإعلان بعد مشاورات عامة طويلة.",
		"وطالبت النقابات بإجراء محادثات حول ظروف العمل.",
		"ولا تزال الخطط بحاجة إلى موافقة المجلس البلدي.",
		"ويتوقع أصحاب المتاجر المحلية أن يجلب المشروع زبائن جددا.",
		"وأبدت جماعات بيئية قلقها من تأثير المشروع على الساحل.",
	}
	quotesEn = []string{
		"\"We are proud of what the team has achieved, and there is more to do,\" said %s, who leads the institution.",
		"\"Our priority is to serve people better, not to break records,\" %s told reporters.",
	}
	quotesAr = []string{
		"وقال %s الذي يتولى الإدارة: «نحن فخورون بما حققه الفريق، وما زال أمامنا الكثير».",
		"وصرح %s للصحفيين بأن «الأولوية هي خدمة الناس على نحو أفضل، لا تحطيم الأرقام».",
	}
	titlesEn = []string{"%s: a record year and new plans", "Inside the expansion of the %s", "What next for the %s?", "The %s at a turning point"}
	titlesAr = []string{"%s: عام قياسي وخطط جديدة", "داخل مشروع توسعة %s", "ماذا بعد في %s؟", "%s عند منعطف"}
)

// article writes one article about t: a title, a date line and paragraphs
// stating 8 to 11 of its facts (each one or two claims) between sentences
// without numbers. It returns the text and how many facts it got wrong.
func article(r *rand.Rand, t topic, ar bool) (string, int) {
	date := time.Date(2024, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	var b strings.Builder
	if ar {
		fmt.Fprintf(&b, titlesAr[r.IntN(len(titlesAr))]+"\n", t.name.ar)
	} else {
		fmt.Fprintf(&b, titlesEn[r.IntN(len(titlesEn))]+"\n", t.name.en)
	}
	b.WriteString(date.Format(time.DateOnly) + "\n\n")
	order := r.Perm(len(t.facts))
	keep := 8 + r.IntN(len(t.facts)-7)
	// The founding fact opens the article when it is told: "It opened…"
	// refers back to it.
	facts := make([]int, 0, keep)
	for _, i := range order[:keep] {
		if i == 0 {
			facts = append([]int{0}, facts...)
		} else {
			facts = append(facts, i)
		}
	}
	wrong := 0
	filler := fillerEn
	if ar {
		filler = fillerAr
	}
	for i, fi := range facts {
		f := t.facts[fi]
		bad := r.Float64() < wrongRate
		if bad {
			wrong++
		}
		v := f.value(r, ar, bad)
		if ar {
			b.WriteString(f.ar(v))
		} else {
			b.WriteString(f.en(v))
		}
		b.WriteByte(' ')
		if r.IntN(2) == 0 {
			b.WriteString(filler[r.IntN(len(filler))])
			b.WriteByte(' ')
		}
		if i%3 == 2 || i == len(facts)-1 {
			b.WriteString("\n\n")
		}
	}
	// A quote and a closing paragraph of context, as news pieces have.
	if ar {
		fmt.Fprintf(&b, quotesAr[r.IntN(len(quotesAr))]+"\n\n", t.head.ar)
	} else {
		fmt.Fprintf(&b, quotesEn[r.IntN(len(quotesEn))]+"\n\n", t.head.en)
	}
	for _, k := range r.Perm(len(filler))[:3+r.IntN(3)] {
		b.WriteString(filler[k])
		b.WriteByte(' ')
	}
	b.WriteString("\n")
	return b.String(), wrong
}
