package epub

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"sync"

	goepub "github.com/go-shiori/go-epub"
)

// goEPUB guards go-epub's file system. go-epub keeps it in a package
// variable, chosen with goepub.Use, and unpacks every book there before
// zipping it; its in-memory store is a map without a lock. So the store is
// chosen once, before the first book, and one book at a time goes through
// go-epub: two editions built at once would otherwise corrupt each other's
// files. Only go-epub's step is serialised; rendering runs in parallel.
var goEPUB struct {
	sync.Mutex
	inMemory bool
}

// resourceHost is the host go-epub fetches the book's resources from. The
// name is reserved (.invalid), and no request leaves the process: a
// resourceServer answers from memory.
const resourceHost = "book.invalid"

// resourceServer serves the resources of one book to go-epub by URL path,
// and refuses every other request: nothing is ever fetched from the network.
type resourceServer map[string][]byte

func (s resourceServer) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != resourceHost {
		return nil, errors.New("network access is disabled")
	}
	resp := &http.Response{StatusCode: http.StatusNotFound, Status: "404 Not Found", Header: http.Header{},
		Body: http.NoBody, Request: req, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}
	data, ok := s[req.URL.Path]
	if !ok {
		return resp, nil
	}
	resp.StatusCode, resp.Status, resp.ContentLength = http.StatusOK, "200 OK", int64(len(data))
	if req.Method != http.MethodHead {
		resp.Body = io.NopCloser(bytes.NewReader(data))
	}
	return resp, nil
}

// container has go-epub package the book's resources — stylesheets, fonts
// and SVG drawings — into an OCF container, in memory. The documents
// (package, navigation, content) and the raster pictures are written by
// pack, which takes go-epub's compressed resources as they are.
func container(title string, items []planItem) ([]byte, error) {
	var resources []planItem
	server := resourceServer{}
	for _, it := range items {
		if it.resource {
			resources = append(resources, it)
			server["/"+it.href] = it.data
		}
	}

	goEPUB.Lock()
	defer goEPUB.Unlock()
	if !goEPUB.inMemory {
		if err := goepub.Use(goepub.MemoryFS); err != nil {
			return nil, err
		}
		goEPUB.inMemory = true
	}
	e, err := goepub.NewEpub(title)
	if err != nil {
		return nil, err
	}
	e.Client = &http.Client{Transport: server}
	for _, f := range resources {
		add := e.AddImage
		switch {
		case strings.HasPrefix(f.href, cssDir):
			add = e.AddCSS
		case strings.HasPrefix(f.href, fontDir):
			add = e.AddFont
		}
		url := "http://" + resourceHost + "/" + f.href
		if _, err := add(url, path.Base(f.href)); err != nil {
			return nil, fmt.Errorf("%s: %w", f.href, err)
		}
	}
	var buf bytes.Buffer
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
