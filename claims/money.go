package claims

import (
	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// currencySymbols precede or follow an amount: $40 billion, 40 €.
var currencySymbols = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₺": "TRY", "₹": "INR"}

// currencyCodes are ISO 4217 codes written as words: EUR 40 billion.
var currencyCodes = textnorm.FoldSet("usd", "eur", "gbp", "jpy", "cny", "rub", "sar", "aed", "qar", "kwd", "egp", "try", "chf", "cad", "aud",
	"inr", "omr", "bhd", "jod", "iqd", "mad", "dzd", "tnd", "lyd", "lbp", "syp")

// currencyWords name a currency after an amount; the qualifying adjective
// that may follow (دولار كندي، جنيه إسترليني) is in currencyAdjectives.
var currencyWords = func() map[string]string {
	m := map[string]string{}
	add := func(code string, words ...string) {
		for _, w := range words {
			m[textnorm.Fold(w)] = code
		}
	}
	add("USD", "دولار", "دولارا", "دولاراً", "دولارات", "الدولارات", "الدولار", "dollar", "dollars")
	add("EUR", "يورو", "اليورو", "euro", "euros")
	add("GBP", "استرليني", "إسترليني", "pound", "pounds", "sterling")
	add("EGP", "جنيه", "جنيها", "جنيهات", "الجنيهات")
	add("SAR", "ريال", "ريالا", "ريالات", "riyal", "riyals", "rial", "rials")
	add("AED", "درهم", "دراهم", "درهما", "dirham", "dirhams")
	add("dinar", "دينار", "دينارا", "دنانير", "dinar", "dinars")
	add("lira", "ليرة", "ليرات", "lira", "liras")
	add("RUB", "روبل", "روبلات", "rouble", "roubles", "ruble", "rubles")
	add("JPY", "ين", "yen")
	add("CNY", "يوان", "yuan", "renminbi")
	add("CHF", "فرنك", "francs", "franc")
	add("INR", "روبية", "rupee", "rupees")
	return m
}()

// currencyAdjectives refine a currency word: جنيه إسترليني، ريال قطري.
var currencyAdjectives = func() map[string]map[string]string {
	f := textnorm.Fold
	adj := func(pairs ...string) map[string]string {
		m := map[string]string{}
		for k := 0; k+1 < len(pairs); k += 2 {
			m[f(pairs[k])] = pairs[k+1]
		}
		return m
	}
	return map[string]map[string]string{
		"USD":   adj("أمريكي", "USD", "أميركي", "USD", "كندي", "CAD", "أسترالي", "AUD", "استرالي", "AUD"),
		"EGP":   adj("إسترليني", "GBP", "استرليني", "GBP", "مصري", "EGP"),
		"SAR":   adj("سعودي", "SAR", "قطري", "QAR", "عماني", "OMR", "يمني", "YER", "إيراني", "IRR"),
		"AED":   adj("إماراتي", "AED", "مغربي", "MAD"),
		"dinar": adj("كويتي", "KWD", "أردني", "JOD", "عراقي", "IQD", "بحريني", "BHD", "جزائري", "DZD", "تونسي", "TND", "ليبي", "LYD"),
		"lira":  adj("تركية", "TRY", "لبنانية", "LBP", "سورية", "SYP"),
		"GBP":   adj("sterling", "GBP"),
	}
}()

// currencyBefore are English adjectives before a currency word: US dollars.
// A national adjective decides the currency: "Egyptian pounds" are not
// sterling, "Saudi riyals" not Qatari.
var currencyBefore = map[string]string{"us": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD", "hong": "", "swiss": "CHF",
	"saudi": "SAR", "qatari": "QAR", "omani": "OMR", "yemeni": "YER", "iranian": "IRR", "emirati": "AED", "uae": "AED", "moroccan": "MAD",
	"egyptian": "EGP", "kuwaiti": "KWD", "jordanian": "JOD", "iraqi": "IQD", "bahraini": "BHD", "algerian": "DZD", "tunisian": "TND",
	"libyan": "LYD", "turkish": "TRY", "lebanese": "LBP", "syrian": "SYP"}

// currencyAt reads a currency named after an amount at token i.
func (s *scanner) currencyAt(i int) (string, int, bool) {
	if sym, ok := currencySymbols[s.punct(i)]; ok {
		return sym, i + 1, true
	}
	w := s.word(i)
	if w == "" {
		return "", 0, false
	}
	if currencyCodes[w] {
		return upper(w), i + 1, true
	}
	j := i
	pre := ""
	if c, ok := currencyBefore[w]; ok && s.toks[i].latin {
		pre = c
		j++
		if s.punct(j) == "." { // U.S. dollars
			j++
		}
	}
	cw := s.word(j)
	code, ok := currencyWords[cw]
	if !ok {
		for c := range clitics(cw, cliticPrefixes, 3) {
			if code, ok = currencyWords[c]; ok {
				break
			}
		}
	}
	if !ok || (code == "JPY" && !s.toks[j].latin && j != i) {
		return "", 0, false
	}
	next := j + 1
	if adj, ok := currencyAdjectives[code]; ok {
		if c, ok := adj[s.word(next)]; ok {
			code, next = c, next+1
		}
	}
	if pre != "" {
		code = pre
	}
	return code, next, true
}

func upper(w string) string {
	b := []byte(w)
	for k, c := range b {
		if 'a' <= c && c <= 'z' {
			b[k] = c - 32
		}
	}
	return string(b)
}

// matchMoney reads sums of money: $40 billion, US$ 5m, EUR 40 billion,
// €1.5bn, 40 مليار دولار، خمسة ملايين يورو، 40 billion euros, 40$.
func (s *scanner) matchMoney(i int) (found, int, bool) {
	// currency first: $ 40, EUR 40, US$ 40
	code, j := "", 0
	if sym, ok := currencySymbols[s.punct(i)]; ok {
		code, j = sym, i+1
	} else if w := s.word(i); w != "" && s.toks[i].latin {
		switch {
		case currencyCodes[w] && i+1 < len(s.toks) && s.toks[i+1].kind == tNum:
			code, j = upper(w), i+1
		case (w == "us" || w == "a" || w == "c") && s.attached(i+1):
			if sym, ok := currencySymbols[s.punct(i+1)]; ok {
				code, j = sym, i+2
				switch w {
				case "a":
					code = "AUD"
				case "c":
					code = "CAD"
				}
			}
		}
	}
	if code != "" {
		v, n, _, ok := s.numberAt(j, true)
		if !ok || s.toks[j].kind != tNum {
			return found{}, 0, false
		}
		// "$40 billion dollars" is rare; a trailing currency word is absorbed
		if _, n2, ok := s.currencyAt(n); ok {
			n = n2
		}
		if s.punct(n) == "-" && n == j+1 && n+1 < len(s.toks) && s.toks[n+1].kind == tNum {
			// "A$268–368 billion" (dashes fold to "-"): the lower end takes
			// the upper's scale, the upper end the currency
			if hi, _, _, ok := s.numberAt(n+1, true); ok && hi > s.toks[n+1].num && s.toks[n+1].num > v {
				v *= hi / s.toks[n+1].num
				s.rangeCurrency, s.rangeAt = code, n+1
			}
		}
		return s.newFound(factcheck.KindMoney, i, n, fmtMoney(v), code, s.qualifier(i, n)), n, true
	}
	// amount first: 40 مليار دولار، 40 billion euros, 40bn euros
	v, n, info, ok := s.numberAt(i, true)
	if !ok {
		return found{}, 0, false
	}
	code, end, ok := s.currencyAt(n)
	if !ok && s.rangeCurrency != "" && s.rangeAt == i {
		code, end, ok = s.rangeCurrency, n, true
	}
	if !ok {
		return found{}, 0, false
	}
	if info.weak {
		return found{}, 0, false
	}
	if s.toks[i].kind != tNum && s.punct(i-1) == "(" && s.punct(end) == ")" {
		// "الإيرادات (مليار دولار): 6.3": a table header's unit, not a sum
		return skip(end)
	}
	return s.newFound(factcheck.KindMoney, i, end, fmtMoney(v), code, s.qualifier(i, end)), end, true
}
