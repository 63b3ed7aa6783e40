package textnorm

// stopwords holds folded function words of Arabic and English that say
// nothing about what a quantity is about. Read-only after initialisation.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		// Arabic
		"في", "من", "على", "الى", "إلى", "عن", "مع", "ان", "إن", "أن", "كان", "كانت", "يكون", "تكون",
		"التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي", "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "اولئك",
		"ما", "لا", "لم", "لن", "قد", "كما", "بين", "حتى", "او", "أو", "ثم", "بعد", "قبل", "عند", "عندما",
		"كل", "بعض", "غير", "اي", "هو", "هي", "هم", "هن", "انه", "انها", "لها", "له", "لهم", "به", "بها",
		"فيها", "فيه", "منها", "منه", "عليها", "عليه", "اليها", "اليه", "عنها", "عنه", "و", "ف", "ب", "ل", "ك",
		"وقد", "فقد", "لقد", "وفي", "ومن", "وعلى", "والى", "ان", "بان", "بأن", "لان", "لأن", "اذا", "إذا",
		"اذ", "إذ", "حيث", "لكن", "ولكن", "بل", "أيضا", "ايضا", "كذلك", "هناك", "هنا", "الان", "ذات",
		"وهو", "وهي", "وهم", "مثل", "خلال", "منذ", "نحو", "حول", "دون", "ضد", "لدى", "لدي", "عبر", "وفق",
		"وفقا", "اما", "أما", "إما", "اما", "سواء", "ليس", "ليست", "يتم", "تم", "وتم", "كانوا", "الا",
		"إلا", "الي", "علي", "اكثر", "أكثر", "اقل", "أقل", "جدا", "فقط", "عام", "العام",
		// English
		"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
		"as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
		"those", "which", "who", "whom", "whose", "what", "when", "where", "than", "then", "there",
		"their", "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "not",
		"no", "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should", "can",
		"could", "may", "might", "must", "into", "over", "under", "about", "after", "before", "since",
		"until", "between", "during", "also", "so", "such", "some", "more", "most", "less", "very",
		"just", "only", "all", "any", "each", "other", "same", "up", "out", "if", "while", "year", "years",
	} {
		m[Fold(w)] = true
	}
	return m
}()

// IsStopword reports whether the folded word w is a function word.
func IsStopword(w string) bool { return stopwords[w] }

// Stopwords returns the folded stopwords, for callers that merge them into
// tables of their own.
func Stopwords() []string {
	out := make([]string, 0, len(stopwords))
	for w := range stopwords {
		out = append(out, w)
	}
	return out
}
