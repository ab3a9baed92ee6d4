// Package labels holds the few words samizdat writes itself, in the book's
// language: the contents heading, the notes heading, the names of the
// EPUB's navigation, and the phrases that introduce creators on the title
// page ("Edited by"). Both renderers take them from here, so the PDF and the
// EPUB of a French book both say "Table des matières".
package labels

import "strings"

// Labels are the words for one language.
type Labels struct {
	Contents, Landmarks, Pages, Cover, TitlePage, Copyright, Start, Notes, Details string
	// Previous, Next and Chapters name a web page's links to the chapters
	// around it, and the navigation holding them.
	Previous, Next, Chapters string
	// Index heads the index; See and SeeAlso send its reader to other
	// terms.
	Index, See, SeeAlso string
	// Sources heads the back matter that says where each source was
	// taken from and on what terms.
	Sources string
	// PageRef is what the print edition adds after a link to another
	// page, "{page}" standing for its number: "(p. {page})".
	PageRef string
	// Figure, Table and Equation name a numbered item in its caption
	// ("Figure 2: …") and in a reference to it ("see Figure 2"), as
	// Quarto names them in the language.
	Figure, Table, Equation string
	// Section names a numbered section in a reference to it ("see
	// Section 3.1"), as Sphinx's numfig_format does.
	Section string
	// Theorems name bookdown's theorem environments (theorem, lemma…,
	// proof) in their heads ("Theorem 2.1", "Proof."), by environment.
	Theorems map[string]string
	// Roles maps a MARC relator code to the phrase before the names
	// ("Edited by"); authors have none.
	Roles map[string]string
}

var byLanguage = map[string]Labels{
	"en": {
		Contents: "Contents", Landmarks: "Landmarks", Pages: "Pages", Cover: "Cover",
		TitlePage: "Title page", Copyright: "Copyright", Start: "Start", Notes: "Notes", Details: "Details",
		Previous: "Previous", Next: "Next", Chapters: "Chapters",
		Index: "Index", See: "see", SeeAlso: "see also", Sources: "Sources and permissions", PageRef: "(p.\u00a0{page})",
		Figure: "Figure", Table: "Table", Equation: "Equation", Section: "Section",
		Theorems: map[string]string{"theorem": "Theorem", "lemma": "Lemma", "corollary": "Corollary", "proposition": "Proposition", "conjecture": "Conjecture", "definition": "Definition", "example": "Example", "exercise": "Exercise", "hypothesis": "Hypothesis", "proof": "Proof", "remark": "Remark", "solution": "Solution"},
		Roles: map[string]string{
			"edt": "Edited by", "trl": "Translated by", "ann": "Annotated by",
			"aui": "Introduction by", "aft": "Afterword by", "ill": "Illustrated by",
			"com": "Compiled by", "ctb": "With contributions by", "pbd": "Series editor",
			"wpr": "Preface by",
		},
	},
	"fr": {
		Contents: "Table des matières", Landmarks: "Repères", Pages: "Pages", Cover: "Couverture",
		TitlePage: "Page de titre", Copyright: "Droits", Start: "Début", Notes: "Notes", Details: "Détails",
		Previous: "Précédent", Next: "Suivant", Chapters: "Chapitres",
		Index: "Index", See: "voir", SeeAlso: "voir aussi", Sources: "Sources et autorisations", PageRef: "(p.\u00a0{page})",
		Figure: "Figure", Table: "Tableau", Equation: "Équation", Section: "Section",
		Theorems: map[string]string{"theorem": "Théorème", "lemma": "Lemme", "corollary": "Corollaire", "proposition": "Proposition", "conjecture": "Conjecture", "definition": "Définition", "example": "Exemple", "exercise": "Exercice", "hypothesis": "Hypothèse", "proof": "Démonstration", "remark": "Remarque", "solution": "Solution"},
		Roles: map[string]string{
			"edt": "Édité par", "trl": "Traduit par", "ann": "Annoté par",
			"aui": "Introduction de", "aft": "Postface de", "ill": "Illustré par",
			"com": "Compilé par", "ctb": "Avec des contributions de",
		},
	},
	"de": {
		Contents: "Inhalt", Landmarks: "Orientierungspunkte", Pages: "Seiten", Cover: "Umschlag",
		TitlePage: "Titelseite", Copyright: "Impressum", Start: "Beginn", Notes: "Anmerkungen", Details: "Details",
		Previous: "Zurück", Next: "Weiter", Chapters: "Kapitel",
		Index: "Register", See: "siehe", SeeAlso: "siehe auch", Sources: "Quellen und Genehmigungen", PageRef: "(S.\u00a0{page})",
		Figure: "Abbildung", Table: "Tabelle", Equation: "Gleichung", Section: "Abschnitt",
		Theorems: map[string]string{"theorem": "Satz", "lemma": "Lemma", "corollary": "Korollar", "proposition": "Proposition", "conjecture": "Vermutung", "definition": "Definition", "example": "Beispiel", "exercise": "Aufgabe", "hypothesis": "Hypothese", "proof": "Beweis", "remark": "Bemerkung", "solution": "Lösung"},
		Roles: map[string]string{
			"edt": "Herausgegeben von", "trl": "Übersetzt von", "ann": "Kommentiert von",
			"aui": "Mit einer Einleitung von", "aft": "Mit einem Nachwort von", "ill": "Illustriert von",
			"com": "Zusammengestellt von", "ctb": "Mit Beiträgen von",
		},
	},
	"es": {
		Contents: "Índice", Landmarks: "Puntos de referencia", Pages: "Páginas", Cover: "Cubierta",
		TitlePage: "Portada", Copyright: "Créditos", Start: "Inicio", Notes: "Notas", Details: "Detalles",
		Previous: "Anterior", Next: "Siguiente", Chapters: "Capítulos",
		Index: "Índice analítico", See: "véase", SeeAlso: "véase también", Sources: "Fuentes y permisos", PageRef: "(p.\u00a0{page})",
		Figure: "Figura", Table: "Tabla", Equation: "Ecuación", Section: "Sección",
		Theorems: map[string]string{"theorem": "Teorema", "lemma": "Lema", "corollary": "Corolario", "proposition": "Proposición", "conjecture": "Conjetura", "definition": "Definición", "example": "Ejemplo", "exercise": "Ejercicio", "hypothesis": "Hipótesis", "proof": "Demostración", "remark": "Observación", "solution": "Solución"},
		Roles: map[string]string{
			"edt": "Edición de", "trl": "Traducción de", "ann": "Notas de",
			"aui": "Introducción de", "aft": "Epílogo de", "ill": "Ilustraciones de",
			"com": "Compilación de", "ctb": "Con contribuciones de",
		},
	},
	"ru": {
		Contents: "Содержание", Landmarks: "Ориентиры", Pages: "Страницы", Cover: "Обложка",
		TitlePage: "Титульный лист", Copyright: "Выходные данные", Start: "Начало", Notes: "Примечания", Details: "Подробнее",
		Previous: "Назад", Next: "Далее", Chapters: "Главы",
		Index: "Предметный указатель", See: "см.", SeeAlso: "см. также", Sources: "Источники и разрешения", PageRef: "(с.\u00a0{page})",
		Figure: "Рисунок", Table: "Таблица", Equation: "Уравнение", Section: "Раздел",
		Theorems: map[string]string{"theorem": "Теорема", "lemma": "Лемма", "corollary": "Следствие", "proposition": "Предложение", "conjecture": "Гипотеза", "definition": "Определение", "example": "Пример", "exercise": "Упражнение", "hypothesis": "Гипотеза", "proof": "Доказательство", "remark": "Замечание", "solution": "Решение"},
		Roles: map[string]string{
			"edt": "Под редакцией", "trl": "Перевод", "ann": "Комментарии",
			"aui": "Предисловие", "aft": "Послесловие", "ill": "Иллюстрации",
			"com": "Составитель", "ctb": "При участии",
		},
	},
}

// For picks the labels of lang's primary subtag, English otherwise.
// Missing role phrases fall back to English one by one.
func For(lang string) Labels {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	en := byLanguage["en"]
	l, ok := byLanguage[primary]
	if !ok {
		return en
	}
	roles := map[string]string{}
	for k, v := range en.Roles {
		roles[k] = v
	}
	for k, v := range l.Roles {
		roles[k] = v
	}
	l.Roles = roles
	theorems := map[string]string{}
	for k, v := range en.Theorems {
		theorems[k] = v
	}
	for k, v := range l.Theorems {
		theorems[k] = v
	}
	l.Theorems = theorems
	return l
}
