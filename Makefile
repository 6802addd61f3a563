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
WORKER  := $(OUT)/worker
# EU trusted lists for the bundle the wasm embeds: a folder of dated list
# files (the default, no network) or, for a release, the LOTL URL
# https://ec.europa.eu/tools/lotl/eu-lotl.xml (every national list is then
# fetched). Without them the wasm has the embedded SK anchors only.
TRUSTLISTS ?= ../shared/trustlists
BUNDLE  := wasm/trust/eutl/bundle.json.gz

.PHONY: build run test wasm bundle site relay worker bench setup clean

## build: the verifier wasm, the site around it, the relay that embeds the site
build: relay

## run: build, then serve http://localhost:$(PORT)
run: build
	$(RELAY) -addr :$(PORT)

## test: install what is missing, build, then Go tests (fuzz seeds included,
## the relay's API suite in workerd too) and the browser tests in Chromium
test: setup build worker
	VERSO_WORKER_TEST=1 $(GO) test -count=1 ./...
	node --test www/test/*.test.js

## bundle: the EU trusted-list bundle embedded in the wasm (verso trust build)
bundle:
	@if [ -f $(TRUSTLISTS)/2023-eu-lotl.xml ]; then \
		$(GO) run ./wasm/cmd/verso trust build -o $(BUNDLE) --lotl $(TRUSTLISTS)/2023-eu-lotl.xml \
			$$(for c in EE LV LT BE; do echo --list $(TRUSTLISTS)/2023-$$c.xml; done); \
	elif echo "$(TRUSTLISTS)" | grep -q '^https://'; then \
		$(GO) run ./wasm/cmd/verso trust build -o $(BUNDLE) --lotl $(TRUSTLISTS); \
	else echo "no trusted lists at $(TRUSTLISTS): the wasm embeds no EU bundle"; fi

## wasm: the verifier for the browser
wasm: bundle
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WASM) ./wasm

## site: www/dist, with hashed, pre-compressed assets; prints the sizes
## (bundles pdf.js, hash-wasm and qrcode-generator from node_modules)
site: wasm
	@build/setup.sh npm
	$(GO) run ./build/site -wasm $(WASM) -brotli-quality $(BROTLI) \
		-wasm-exec "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js"

## relay: the server binary, with the site embedded
relay: site
	$(GO) build -trimpath -ldflags='-s -w -X main.version=$(VERSION)' -o $(RELAY) ./relay

## worker: the relay as a Cloudflare Worker in $(WORKER) (see build/wrangler.toml)
worker:
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $(WORKER)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w -X main.version=$(VERSION)' -o $(WORKER)/app.wasm ./relay
	@echo "worker: $$(wc -c <$(WORKER)/app.wasm) bytes of wasm, $$(gzip -9 -c $(WORKER)/app.wasm | wc -c) gzipped"

## bench: verso in Chromium and natively against pdfsig on 1-300 MB signed
## PDFs (generated once into build/bench/out/docs); table and results.json
bench: build
	$(GO) build -trimpath -o $(OUT)/verso ./wasm/cmd/verso
	$(GO) run ./build/bench -verso $(OUT)/verso -runs $(or $(RUNS),5)

## setup: Chromium, poppler-utils, qpdf and the npm packages, when missing
setup:
	build/setup.sh

## clean: remove build output (installed packages stay)
clean:
	rm -rf $(OUT)
	find www/dist -mindepth 1 ! -name .gitkeep -delete
