module github.com/verso-pdf/verso

go 1.26

require (
	github.com/andybalholm/brotli v1.2.8
	github.com/cloudflare/circl v1.6.5
	github.com/evanw/esbuild v0.28.2
	github.com/labstack/echo/v4 v4.16.0
	github.com/pdfcpu/pdfcpu v0.15.0
	github.com/syumai/workers v0.33.0
	golang.org/x/crypto v0.54.0
)

require (
	github.com/labstack/gommon v0.5.0 // indirect
	github.com/mattn/go-colorable v0.1.15 // indirect
	github.com/mattn/go-isatty v0.0.22 // indirect
	github.com/valyala/bytebufferpool v1.0.0 // indirect
	github.com/valyala/fasttemplate v1.2.2 // indirect
	golang.org/x/image v0.44.0 // indirect
	golang.org/x/net v0.56.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/text v0.40.0 // indirect
)
