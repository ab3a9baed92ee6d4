package epub

import "strings"

// labels are the few words the package writes itself: navigation headings,
// landmark names and creator roles on the title page.
type labels struct {
	Contents, Landmarks, Pages, Cover, TitlePage, Copyright, Start, Notes, Details string
	// Roles maps a MARC relator code to the phrase before the names
	// ("Edited by"); authors have none.
	Roles map[string]string
}

var labelsByLanguage = map[string]labels{
	"en": {
		Contents: "Contents", Landmarks: "Landmarks", Pages: "Pages", Cover: "Cover",
		TitlePage: "Title page", Copyright: "Copyright", Start: "Start", Notes: "Notes", Details: "Details",
		Roles: map[string]string{
			"edt": "Edited by", "trl": "Translated by", "ann": "Annotated by",
			"aui": "Introduction by", "aft": "Afterword by", "ill": "Illustrated by",
			"com": "Compiled by", "ctb": "With contributions by", "pbd": "Series editor",
		},
	},
	"fr": {
		Contents: "Table des matières", Landmarks: "Repères", Pages: "Pages", Cover: "Couverture",
		TitlePage: "Page de titre", Copyright: "Droits", Start: "Début", Notes: "Notes", Details: "Détails",
		Roles: map[string]string{
			"edt": "Édité par", "trl": "Traduit par", "ann": "Annoté par",
			"aui": "Introduction de", "aft": "Postface de", "ill": "Illustré par",
			"com": "Compilé par", "ctb": "Avec des contributions de",
		},
	},
	"de": {
		Contents: "Inhalt", Landmarks: "Orientierungspunkte", Pages: "Seiten", Cover: "Umschlag",
		TitlePage: "Titelseite", Copyright: "Impressum", Start: "Beginn", Notes: "Anmerkungen", Details: "Details",
		Roles: map[string]string{
			"edt": "Herausgegeben von", "trl": "Übersetzt von", "ann": "Kommentiert von",
			"aui": "Mit einer Einleitung von", "aft": "Mit einem Nachwort von", "ill": "Illustriert von",
			"com": "Zusammengestellt von", "ctb": "Mit Beiträgen von",
		},
	},
	"es": {
		Contents: "Índice", Landmarks: "Puntos de referencia", Pages: "Páginas", Cover: "Cubierta",
		TitlePage: "Portada", Copyright: "Créditos", Start: "Inicio", Notes: "Notas", Details: "Detalles",
		Roles: map[string]string{
			"edt": "Edición de", "trl": "Traducción de", "ann": "Notas de",
			"aui": "Introducción de", "aft": "Epílogo de", "ill": "Ilustraciones de",
			"com": "Compilación de", "ctb": "Con contribuciones de",
		},
	},
	"ru": {
		Contents: "Содержание", Landmarks: "Ориентиры", Pages: "Страницы", Cover: "Обложка",
		TitlePage: "Титульный лист", Copyright: "Выходные данные", Start: "Начало", Notes: "Примечания", Details: "Подробнее",
		Roles: map[string]string{
			"edt": "Под редакцией", "trl": "Перевод", "ann": "Комментарии",
			"aui": "Предисловие", "aft": "Послесловие", "ill": "Иллюстрации",
			"com": "Составитель", "ctb": "При участии",
		},
	},
}

// labelsFor picks the labels of lang's primary subtag, English otherwise.
// Missing words fall back to English one by one.
func labelsFor(lang string) labels {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	en := labelsByLanguage["en"]
	l, ok := labelsByLanguage[primary]
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
	return l
}
