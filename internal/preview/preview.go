// Package preview serves a book as web pages on this machine while it is
// written: each change to the book's files rebuilds it (parsing only the
// chapters that changed), and the open pages reload themselves through a
// stream of server-sent events. A build that fails shows its problems in
// the page and in the terminal.
package preview

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/samizdat-press/samizdat/internal/build"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// The preview's own addresses, beside the book's pages.
const (
	scriptPath = "/_samizdat/live.js"
	eventsPath = "/_samizdat/events"
)

// Options say where to serve.
type Options struct {
	// Port is the port on 127.0.0.1; 0 picks a free one.
	Port int
	// TryNext lets the preview take one of the next ten ports when Port is
	// taken (the user did not ask for it).
	TryNext bool
	// Ready is told the address once the book is built and served.
	Ready func(url string)
	// subscribed is told each time a page opens its event stream, for the
	// tests to know a page is listening.
	subscribed func()
}

// Serve builds the book opts names as web pages and serves them on
// 127.0.0.1 until ctx ends (Ctrl-C), then stops: the pages' event streams
// close, and Serve returns once no request is left.
func Serve(ctx context.Context, env build.Env, opts build.Options, o Options) error {
	ln, err := listen(o.Port, o.TryNext)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	s := &server{env: env, session: build.NewSession(env, opts), subs: map[chan int]bool{}, stop: make(chan struct{}), subscribed: o.subscribed}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	werr := s.session.Watch(ctx, func() {
		s.rebuild(ctx, nil)
		go func() { served <- srv.Serve(ln) }()
		fmt.Fprintf(env.Stdout, "serving the book at %s (Ctrl-C stops)\n", url)
		if o.Ready != nil {
			o.Ready(url)
		}
	}, func(changed []string) {
		fmt.Fprintf(env.Stdout, "changed: %s\n", strings.Join(changed, ", "))
		s.rebuild(ctx, changed)
	})
	if werr != nil {
		ln.Close()
		return werr
	}
	close(s.stop) // ends the event streams, which Shutdown would wait for
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdown)
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err == nil {
		fmt.Fprintln(env.Stdout, "stopped")
	}
	return err
}

// listen opens a port on the loopback address only: the preview is for
// the person writing, not the network.
func listen(port int, tryNext bool) (net.Listener, error) {
	tries := 1
	if tryNext && port != 0 {
		tries = 10
	}
	var err error
	for i := range tries {
		var ln net.Listener
		ln, err = net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port+i)))
		if err == nil {
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			break
		}
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("port %d is taken by another program; choose another with --port", port)
	}
	return nil, fmt.Errorf("serving the preview: %w", err)
}

// server holds the last build and the pages listening for the next.
type server struct {
	env     build.Env
	session *build.Session

	mu   sync.Mutex
	gen  int        // the number of builds made, the last one's number
	last build.Site // the last build
	good map[string][]byte
	subs map[chan int]bool
	stop chan struct{}

	subscribed func()
}

// rebuild builds the site, prints what the build found and how long it
// took, and tells the open pages.
func (s *server) rebuild(ctx context.Context, changed []string) {
	s.mu.Lock()
	next := s.gen + 1
	s.mu.Unlock()
	site := s.session.Site(ctx, scriptPath+"?build="+strconv.Itoa(next))
	if ctx.Err() != nil {
		return
	}
	for _, p := range site.Problems {
		fmt.Fprintln(s.env.Stderr, p)
	}
	verb := "built"
	if changed != nil {
		verb = "rebuilt"
	}
	if site.OK {
		fmt.Fprintf(s.env.Stdout, "%s in %.2fs (%d of %d chapter files parsed)\n", verb, site.Took.Seconds(), site.Parsed, site.Parsed+site.Reused)
	} else {
		fmt.Fprintf(s.env.Stdout, "the build failed in %.2fs; its problems are shown in the page\n", site.Took.Seconds())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen = next
	s.last = site
	if site.OK {
		s.good = site.Files
	}
	for ch := range s.subs {
		select {
		case ch <- next:
		default: // it has a number to read already; it reloads either way
		}
	}
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "the preview only serves pages", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write([]byte(liveScript))
		return
	case eventsPath:
		s.events(w, r)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.Lock()
	last, good, gen := s.last, s.good, s.gen
	s.mu.Unlock()
	if !last.OK && strings.HasSuffix(name, ".html") {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write(problemPage(last.Problems, gen))
		return
	}
	data, ok := good[name]
	if !ok {
		http.Error(w, name+" is not in the book", http.StatusNotFound)
		return
	}
	kind := mime.TypeByExtension(path.Ext(name))
	if kind == "" {
		kind = "application/octet-stream"
	}
	w.Header().Set("Content-Type", kind)
	w.Write(data)
}

// events streams the number of each build to a page, which reloads when
// it is not its own.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "no streaming", http.StatusInternalServerError)
		return
	}
	ch := make(chan int, 1)
	s.mu.Lock()
	s.subs[ch] = true
	ch <- s.gen
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	if s.subscribed != nil {
		s.subscribed()
	}
	for {
		select {
		case gen := <-ch:
			fmt.Fprintf(w, "data: %d\n\n", gen)
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.stop:
			return
		}
	}
}

// liveScript reloads the page when the book has been built again: its own
// address carries the number of the build that made the page.
const liveScript = `// samizdat preview: reload when the book has been built again.
(function () {
  var script = document.currentScript;
  var mine = script ? new URL(script.src).searchParams.get("build") : null;
  var events = new EventSource("/_samizdat/events");
  events.onmessage = function (event) {
    if (event.data !== mine) {
      events.close();
      location.reload();
    }
  };
})();
`

// problemPage shows why the book did not build, and reloads when it does.
func problemPage(problems []string, gen int) []byte {
	w := &xhtml.Writer{}
	w.Raw("<!DOCTYPE html>\n")
	w.Open("html", xhtml.A("lang", "en"))
	w.Open("head")
	w.Empty("meta", xhtml.A("charset", "utf-8"))
	w.Element("title", "The book did not build — samizdat preview")
	w.Element("style", "body{font-family:system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;color:#1c1a17;background:#fffdf8}"+
		"h1{color:#7a1a10;font-size:1.4em}li{margin:.5em 0}code{font-size:.95em;white-space:pre-wrap}")
	w.Open("script", xhtml.A("src", scriptPath+"?build="+strconv.Itoa(gen)), xhtml.A("defer", "defer"))
	w.Close("script")
	w.Close("head")
	w.NL()
	w.Open("body")
	w.Open("main")
	w.Element("h1", "The book did not build")
	w.Element("p", "The page comes back by itself once these are mended:")
	w.Open("ul", xhtml.A("class", "problems"))
	for _, p := range problems {
		w.Open("li")
		w.Element("code", p)
		w.Close("li")
		w.NL()
	}
	w.Close("ul")
	w.Close("main")
	w.Close("body")
	w.Close("html")
	w.NL()
	return w.Bytes()
}
