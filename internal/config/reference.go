package config

import (
	"fmt"
	"strings"
)

// ReferenceTable is the README's reference of every setting, as a Markdown
// table made from the settings table.
func ReferenceTable() string {
	var b strings.Builder
	b.WriteString("| key | default | values | meaning |\n|---|---|---|---|\n")
	for _, s := range table {
		def := s.def
		if def == "" {
			def = `""`
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", s.key, def, s.typ.allowed(), s.doc)
	}
	return b.String()
}

// SampleFile is config/samizdat.yaml: every setting at its default, each
// with its meaning as a comment, so a new book can start from a copy.
func SampleFile() string {
	var b strings.Builder
	b.WriteString(`# samizdat build settings, each at its built-in default: delete what you do
# not change.
#
# Layers, lowest to highest: built-in defaults, this file, an edition
# (editions/NAME.yaml, chosen with --edition NAME), SAMIZDAT_* environment
# variables (SAMIZDAT_PDF_PAGE_SIZE=a4), then flags and --set key=value.
# ` + "`samizdat config`" + ` shows each effective setting and where it came from.
#
# Generated from the settings table in internal/config/settings.go by
# go test ./internal/config -update
`)
	section := ""
	for _, s := range table {
		sec, leaf, nested := strings.Cut(s.key, ".")
		indent := ""
		if nested {
			indent = "  "
			if sec != section {
				b.WriteString("\n")
				comment(&b, "", sectionDoc(sec))
				b.WriteString(sec + ":\n")
				section = sec
			}
		} else {
			leaf = s.key
			b.WriteString("\n")
		}
		doc := s.doc
		switch s.typ.(type) {
		case anyText, filePath, fileName, fontFile, boolean:
			// The default shows what is allowed.
		default:
			doc += ". Values: " + s.typ.allowed()
		}
		comment(&b, indent, doc)
		def := s.def
		if def == "" {
			def = `""`
		}
		fmt.Fprintf(&b, "%s%s: %s\n", indent, leaf, def)
	}
	return b.String()
}

func sectionDoc(key string) string {
	for _, s := range sections {
		if s.key == key {
			return s.doc
		}
	}
	return ""
}

// comment writes Markdown text as YAML comment lines of at most 78 columns.
func comment(b *strings.Builder, indent, text string) {
	text = strings.ReplaceAll(text, "`", "")
	line := indent + "#"
	for _, word := range strings.Fields(text) {
		if len(line)+1+len(word) > 78 && len(line) > len(indent)+1 {
			b.WriteString(line + "\n")
			line = indent + "#"
		}
		line += " " + word
	}
	b.WriteString(line + "\n")
}
