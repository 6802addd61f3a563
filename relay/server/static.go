package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// assetsDir holds the files whose names carry a content hash: a new build
// gives them new names, so browsers may keep them for good. Everything
// else (index.html) keeps its name and is revalidated on every use.
const assetsDir = "assets/"

const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// widgetScript is the script other sites include to embed the verifier.
const widgetScript = "widget.js"

// codings are the pre-compressed variants the build writes next to a file
// (name.br, name.gz), in the order the server prefers them.
var codings = []struct{ name, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// contentTypes is fixed here rather than taken from the mime package, whose
// table depends on the host's /etc/mime.types.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".png":  "image/png",
	".txt":  "text/plain; charset=utf-8",
}

// variant is one stored form of a file: as it is, or pre-compressed.
type variant struct {
	coding string // "" for the file as it is
	name   string // path in the site's file system
	etag   string
}

// asset is a file of the site with its variants, the plain one last.
type asset struct {
	contentType string
	cache       string
	variants    []variant
}

// site serves a built site from a read-only file system. It indexes the
// file system once: the site is embedded in the binary and cannot change.
type site struct {
	fsys   fs.FS
	assets map[string]*asset
}

// newSite indexes fsys. Files with an unknown extension, dot files and the
// compressed variants themselves are not served as files of their own.
func newSite(fsys fs.FS) *site {
	s := &site{fsys: fsys, assets: map[string]*asset{}}
	if fsys == nil {
		return s
	}
	_ = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || hidden(name) {
			return nil
		}
		ct, ok := contentTypes[path.Ext(name)]
		if !ok {
			return nil
		}
		a := &asset{contentType: ct, cache: cacheRevalidate}
		if strings.HasPrefix(name, assetsDir) {
			a.cache = cacheImmutable
		}
		for _, c := range codings {
			if etag, ok := s.etag(name + c.suffix); ok {
				a.variants = append(a.variants, variant{c.name, name + c.suffix, etag})
			}
		}
		if etag, ok := s.etag(name); ok {
			a.variants = append(a.variants, variant{"", name, etag})
			s.assets[name] = a
		}
		return nil
	})
	return s
}

// etag returns a strong validator for the named file, from its content.
func (s *site) etag(name string) (string, bool) {
	data, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		return "", false
	}
	sum := sha256.Sum256(data)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`, true
}

// hidden reports whether any element of name starts with a dot, such as
// the placeholder that keeps www/dist in git.
func hidden(name string) bool {
	for el := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(el, ".") {
			return true
		}
	}
	return false
}

// serve answers GET and HEAD for the site's files, "/" being index.html.
func (s *site) serve(c echo.Context) error {
	r := c.Request()
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return echo.ErrNotFound
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	a, ok := s.assets[name]
	if !ok && path.Ext(name) == "" {
		// Pages go without their extension: /sign is sign.html.
		if page, found := s.assets[name+".html"]; found {
			a, ok, name = page, true, name+".html"
		}
	}
	if !ok {
		if name == "index.html" {
			// A binary built before the site (go build on a fresh clone).
			return echo.NewHTTPError(http.StatusServiceUnavailable, "site not built: run make build")
		}
		return echo.ErrNotFound
	}

	h := c.Response().Header()
	if len(a.variants) > 1 {
		h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	}
	available := make([]string, 0, len(a.variants)-1)
	for _, v := range a.variants[:len(a.variants)-1] {
		available = append(available, v.coding)
	}
	chosen := negotiate(r.Header.Get(echo.HeaderAcceptEncoding), available)
	v := a.variants[len(a.variants)-1]
	for _, cand := range a.variants {
		if cand.coding == chosen {
			v = cand
			break
		}
	}
	f, err := s.fsys.Open(v.name)
	if err != nil {
		return err
	}
	defer f.Close()
	content, ok := f.(io.ReadSeeker)
	if !ok {
		data, err := io.ReadAll(f)
		if err != nil {
			return err
		}
		content = bytes.NewReader(data)
	}

	if name == widgetScript {
		// Other sites load the widget as a module script, which the
		// browser fetches with CORS.
		h.Set(echo.HeaderAccessControlAllowOrigin, "*")
	}
	h.Set(echo.HeaderContentType, a.contentType)
	h.Set(echo.HeaderCacheControl, a.cache)
	h.Set("ETag", v.etag)
	if v.coding != "" {
		h.Set(echo.HeaderContentEncoding, v.coding)
	}
	// The embedded files have no modification time; the ETag stands in.
	http.ServeContent(c.Response(), r, name, time.Time{}, content)
	return nil
}
