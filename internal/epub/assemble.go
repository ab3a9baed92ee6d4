package epub

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"

	goepub "github.com/go-shiori/go-epub"
)

// offline refuses every request: all media reach go-epub as data URLs, and
// nothing may ever be fetched from the network.
type offline struct{}

func (offline) RoundTrip(req *http.Request) (*http.Response, error) {
	return nil, errors.New("network access is disabled")
}

// brief shortens go-epub's errors, which quote the whole data URL.
func brief(err error) string {
	msg := err.Error()
	if len(msg) > 200 {
		msg = msg[:120] + " … " + msg[len(msg)-60:]
	}
	return strings.ToValidUTF8(msg, "")
}

func dataURL(mediaType string, data []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// assemble has go-epub build the container: stylesheets, fonts, images and
// the documents in reading order. Its own metadata, navigation and head
// elements are replaced by finalise.
func (b *builder) assemble() ([]byte, error) {
	e, err := goepub.NewEpub(b.bookTitle())
	if err != nil {
		return nil, err
	}
	e.Client = &http.Client{Transport: offline{}}
	e.SetIdentifier(b.identifier())
	e.SetLang(b.lang)

	cssPath, err := e.AddCSS(dataURL("text/css", b.css), path.Base(cssHref))
	if err != nil {
		return nil, fmt.Errorf("stylesheet: %s", brief(err))
	}
	if b.fontCSS != nil {
		if _, err := e.AddCSS(dataURL("text/css", b.fontCSS), path.Base(fontCSS)); err != nil {
			return nil, fmt.Errorf("font stylesheet: %s", brief(err))
		}
	}
	for _, f := range b.fontsOut {
		// The data URL parser knows no font/ types; the manifest gets the real one.
		if _, err := e.AddFont(dataURL("application/octet-stream", f.data), path.Base(f.href)); err != nil {
			return nil, fmt.Errorf("font %s: %s", f.href, brief(err))
		}
	}
	images := b.images.files
	if b.cover != nil {
		images = append([]*packagedFile{b.cover}, images...)
	}
	for _, f := range images {
		if _, err := e.AddImage(dataURL(f.mediaType, f.data), path.Base(f.href)); err != nil {
			return nil, fmt.Errorf("image %s: %s", f.href, brief(err))
		}
	}
	for _, d := range b.docs {
		if _, err := e.AddSection(string(d.body), d.title, d.file, cssPath); err != nil {
			return nil, fmt.Errorf("document %s: %w", d.file, err)
		}
	}
	var buf bytes.Buffer
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
