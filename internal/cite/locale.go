package cite

import (
	"strconv"
	"strings"
)

// locale holds the words a style prints, in one language. The styles are
// defined in English; in another language they keep their order and
// punctuation and take these words, as CSL styles take their locale's
// terms.
type locale struct {
	lang string
	and  string // "and" between the last two names
	etAl string
	// ibid is the term for "in the same place", capitalised at the start
	// of a note.
	ibid     string
	in       string // "in" before a container
	accessed string
	noDate   string // "n.d."
	// page and pages are the short locator labels ("p.", "pp.").
	page, pages string
	// editorShort labels editors named in the author's place ("ed.",
	// "eds."); edBy and transBy introduce editors and translators in notes
	// ("ed.", "trans."), editedBy and translatedBy in the bibliography
	// ("edited by", "translated by").
	editorShort, editorsShort string
	edBy, transBy             string
	// editor and editors label editors in the author's place in MLA;
	// translatorShort labels translators in APA ("Trans.").
	editor, editors        string
	translatorShort        string
	editedBy, translatedBy string
	// origPublished introduces the date of first publication.
	origPublished string
	// edition is the abbreviation after an edition number ("ed.").
	edition string
	volume  string // "vol."
	issue   string // "no."
	// months and shortMonths are the month names; dayFirst writes "8 March
	// 1921" rather than "March 8, 1921", numeric writes "08.03.1921".
	months, shortMonths [12]string
	dayFirst, numeric   bool
	// The headings of the bibliography, by style family.
	bibliography, worksCited, references string
	// translatorUnknown stands for a translator the source does not name.
	translatorUnknown string
	// extract names an extract of a work printed elsewhere ("extract 2").
	extract string
	// quotes are the marks around the titles of parts.
	openQuote, closeQuote string
	// punctuationInQuote puts a following comma or full stop inside the
	// closing quote, as American usage does.
	punctuationInQuote bool
}

var englishMonths = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

var locales = map[string]*locale{
	"en": {
		lang: "en", translatorUnknown: "translator unknown", extract: "extract", and: "and", etAl: "et al.", ibid: "ibid.", in: "in", accessed: "accessed", noDate: "n.d.",
		page: "p.", pages: "pp.", editorShort: "ed.", editorsShort: "eds.", edBy: "ed.", transBy: "trans.", editor: "editor", editors: "editors", translatorShort: "trans.",
		editedBy: "edited by", translatedBy: "translated by", origPublished: "originally published",
		edition: "ed.", volume: "vol.", issue: "no.",
		months:       englishMonths,
		shortMonths:  [12]string{"Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."},
		bibliography: "Bibliography", worksCited: "Works Cited", references: "References",
		openQuote: "“", closeQuote: "”", punctuationInQuote: true,
	},
	"fr": {
		lang: "fr", translatorUnknown: "traducteur inconnu", extract: "extrait", and: "et", etAl: "et al.", ibid: "ibid.", in: "in", accessed: "consulté le", noDate: "s.\u00a0d.",
		page: "p.", pages: "p.", editorShort: "éd.", editorsShort: "éd.", edBy: "éd. par", transBy: "trad. par", editor: "éditeur", editors: "éditeurs", translatorShort: "trad.",
		editedBy: "édité par", translatedBy: "traduit par", origPublished: "édition originale",
		edition: "éd.", volume: "vol.", issue: "n\u00b0",
		months:       [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		shortMonths:  [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juill.", "août", "sept.", "oct.", "nov.", "déc."},
		dayFirst:     true,
		bibliography: "Bibliographie", worksCited: "Ouvrages cités", references: "Références",
		openQuote: "«\u00a0", closeQuote: "\u00a0»",
	},
	"de": {
		lang: "de", translatorUnknown: "Übersetzer unbekannt", extract: "Auszug", and: "und", etAl: "u.\u00a0a.", ibid: "ebd.", in: "in", accessed: "zugegriffen", noDate: "o.\u00a0J.",
		page: "S.", pages: "S.", editorShort: "Hrsg.", editorsShort: "Hrsg.", edBy: "hrsg. von", transBy: "übers. von", editor: "Herausgeber", editors: "Herausgeber", translatorShort: "Übers.",
		editedBy: "herausgegeben von", translatedBy: "übersetzt von", origPublished: "ursprünglich erschienen",
		edition: "Aufl.", volume: "Bd.", issue: "Nr.",
		months:       [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		shortMonths:  [12]string{"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."},
		dayFirst:     true,
		bibliography: "Literaturverzeichnis", worksCited: "Zitierte Werke", references: "Literatur",
		openQuote: "„", closeQuote: "“",
	},
	"es": {
		lang: "es", translatorUnknown: "traductor desconocido", extract: "extracto", and: "y", etAl: "et\u00a0al.", ibid: "ibid.", in: "en", accessed: "accedido", noDate: "s.\u00a0f.",
		page: "p.", pages: "pp.", editorShort: "ed.", editorsShort: "eds.", edBy: "ed.", transBy: "trad.", editor: "editor", editors: "editores", translatorShort: "trad.",
		editedBy: "editado por", translatedBy: "traducido por", origPublished: "obra original publicada en",
		edition: "ed.", volume: "vol.", issue: "n.º",
		months:       [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		shortMonths:  [12]string{"ene.", "feb.", "mar.", "abr.", "may", "jun.", "jul.", "ago.", "sep.", "oct.", "nov.", "dic."},
		dayFirst:     true,
		bibliography: "Bibliografía", worksCited: "Obras citadas", references: "Referencias",
		openQuote: "«", closeQuote: "»",
	},
	"ru": {
		lang: "ru", translatorUnknown: "переводчик неизвестен", extract: "отрывок", and: "и", etAl: "и др.", ibid: "там же", in: "в", accessed: "просмотрено", noDate: "б. д.",
		page: "с.", pages: "с.", editorShort: "ред.", editorsShort: "ред.", edBy: "под ред.", transBy: "пер.", editor: "редактор", editors: "редакторы", translatorShort: "пер.",
		editedBy: "под редакцией", translatedBy: "переведено", origPublished: "впервые опубликовано",
		edition: "изд.", volume: "т.", issue: "№",
		months:       [12]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
		shortMonths:  [12]string{"янв.", "фев.", "мар.", "апр.", "май", "июн.", "июл.", "авг.", "сен.", "окт.", "ноя.", "дек."},
		numeric:      true,
		bibliography: "Библиография", worksCited: "Цитируемые работы", references: "Список литературы",
		openQuote: "«", closeQuote: "»",
	},
}

// localeFor picks the words of lang's primary subtag, English otherwise.
func localeFor(lang string) *locale {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	if l, ok := locales[primary]; ok {
		return l
	}
	return locales["en"]
}

// date writes a full date in the locale's order: "March 8, 1921",
// "8 mars 1921", "08.03.1921"; a month without a day as "March 1921".
func (l *locale) date(d Date, short bool) string {
	if d.Year == 0 {
		return d.Literal
	}
	y := strconv.Itoa(d.Year)
	if d.Circa {
		y = "ca. " + y
	}
	if d.Month == 0 {
		return y
	}
	if l.numeric {
		if d.Day == 0 {
			return pad2(d.Month) + "." + y
		}
		return pad2(d.Day) + "." + pad2(d.Month) + "." + y
	}
	m := l.months[d.Month-1]
	if short {
		m = l.shortMonths[d.Month-1]
	}
	switch {
	case d.Day == 0:
		return m + " " + y
	case l.dayFirst:
		return strconv.Itoa(d.Day) + " " + m + " " + y
	}
	return m + " " + strconv.Itoa(d.Day) + ", " + y
}

// mlaDate writes "8 Mar. 1921" as MLA does in every language: the day
// first, months of more than four letters abbreviated.
func (l *locale) mlaDate(d Date) string {
	if l.numeric || l.dayFirst || d.Year == 0 || d.Day == 0 {
		return l.date(d, true)
	}
	return strconv.Itoa(d.Day) + " " + l.shortMonths[d.Month-1] + " " + strconv.Itoa(d.Year)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// quote puts s in the locale's quotation marks.
func (l *locale) quote(s string) string { return l.openQuote + s + l.closeQuote }
