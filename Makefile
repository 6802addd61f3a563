# verso: `make run` builds everything and serves it; `make test` runs every
# test. Binaries go to build/out/, the built site to www/dist/.

GO      ?= go
PORT    ?= 8080
OUT     := build/out
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# Brotli quality of the pre-compressed assets: 11 is the smallest and takes
# about 20 s for the wasm; BROTLI=9 takes 2 s and is 13% larger.
BROTLI  ?= 11

WASM    := $(OUT)/verso.wasm
RELAY   := $(OUT)/relay

.PHONY: build run test wasm site relay setup clean

## build: the verifier wasm, the site around it, the relay that embeds the site
build: relay

## run: build, then serve http://localhost:$(PORT)
run: build
	$(RELAY) -addr :$(PORT)

## test: install what is missing, build, then Go tests (fuzz seeds included)
## and the browser tests in Chromium
test: setup build
	$(GO) test -count=1 ./...
	node --test www/test/*.test.js

## wasm: the verifier for the browser
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WASM) ./wasm

## site: www/dist, with hashed, pre-compressed assets; prints the sizes
site: wasm
	$(GO) run ./build/site -wasm $(WASM) -brotli-quality $(BROTLI) \
		-wasm-exec "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js"

## relay: the server binary, with the site embedded
relay: site
	$(GO) build -trimpath -ldflags='-s -w -X main.version=$(VERSION)' -o $(RELAY) ./relay

## setup: Chromium, poppler-utils, qpdf and the npm packages, when missing
setup:
	build/setup.sh

## clean: remove build output (installed packages stay)
clean:
	rm -rf $(OUT)
	find www/dist -mindepth 1 ! -name .gitkeep -delete
