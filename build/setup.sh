#!/usr/bin/env bash
# setup.sh installs what `make test` needs beyond Go and Node: Debian's
# Chromium, poppler-utils and qpdf (interop checks), a font for readable
# screenshots, and the npm packages pinned in package-lock.json (among
# them wrangler, whose workerd runs the relay's Worker in make test).
# It is idempotent and quick when everything is present: apt-get runs only
# for what is missing, npm ci only when the lock file changed.
#
#   build/setup.sh       everything (make test)
#   build/setup.sh npm   only the npm packages the site bundles (make build)
set -euo pipefail
cd "$(dirname "$0")/.."

# npm ci wipes node_modules, so run it only when the lock file differs from
# the one it last installed.
npm_packages() {
	local stamp=node_modules/.verso-lock.sha256 want
	want=$(sha256sum package-lock.json | cut -d' ' -f1)
	if [[ ! -f $stamp || $(<"$stamp") != "$want" || ! -x node_modules/.bin/workerd ]]; then
		echo "setup: npm ci"
		npm ci --no-audit --no-fund --loglevel=error
		echo "$want" >"$stamp"
	fi
}

if [[ ${1:-} == npm ]]; then
	npm_packages
	exit 0
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdfsig >/dev/null || missing+=(poppler-utils)
command -v qpdf >/dev/null || missing+=(qpdf)
# Without any font, headless Chromium renders every glyph as a box.
[[ -d /usr/share/fonts/truetype/dejavu ]] || missing+=(fonts-dejavu-core)

if ((${#missing[@]})); then
	if [[ $(id -u) -ne 0 ]]; then
		echo "setup: missing Debian packages: ${missing[*]}" >&2
		echo "setup: run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
		exit 1
	fi
	echo "setup: installing ${missing[*]} with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm_packages
