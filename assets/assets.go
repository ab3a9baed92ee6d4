// Package assets embeds the files every build needs, so the samizdat binary
// runs without system fonts or data files: the Noto fonts (SIL OFL 1.1, see
// fonts/OFL.txt), the hyphenation patterns (see hyphenation/README.md for
// their sources and licences) and the stylesheets.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed fonts/*.ttf fonts/OFL.txt hyphenation/* wordbreak/* css/*.css
var files embed.FS

// FS returns the embedded files, rooted at this folder ("fonts/NotoSerif-Regular.ttf").
func FS() fs.FS { return files }

// Font file names of the embedded faces.
const (
	SerifRegular    = "fonts/NotoSerif-Regular.ttf"
	SerifItalic     = "fonts/NotoSerif-Italic.ttf"
	SerifBold       = "fonts/NotoSerif-Bold.ttf"
	SerifBoldItalic = "fonts/NotoSerif-BoldItalic.ttf"
	MonoRegular     = "fonts/NotoSansMono-Regular.ttf"
	MonoBold        = "fonts/NotoSansMono-Bold.ttf"
	FontLicense     = "fonts/OFL.txt"
	EPUBStylesheet  = "css/epub.css"
	// SiteStylesheet is what web pages add to the EPUB's sheet.
	SiteStylesheet = "css/site.css"
)

// MustRead returns an embedded file's bytes. The names are constants of this
// package, so a missing file is a build defect, not an input error.
func MustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("assets: " + err.Error())
	}
	return b
}
