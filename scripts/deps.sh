#!/bin/sh
# deps.sh build|test|bench - installs the Debian packages baotri needs when one is
# missing (as root), or prints the apt-get line for someone who is not root.
# "test" adds what the test suites use: cmocka, the real calendar parsers
# (python3-icalendar; ical.js and astronomy-engine from npm), curl, openssl
# (a test relay's certificate), Chromium (driven by playwright-core, with
# axe-core for accessibility, from npm); "bench"
# adds wrk and nginx for the HTTP benchmark.
set -eu
build="build-essential pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev libical-dev libinih-dev libsodium-dev libcurl4-openssl-dev libesmtp-dev libssl-dev tzdata curl"
test="$build libcmocka-dev python3-icalendar python3-aiosmtpd openssl curl chromium"
case "${1:-build}" in
build) want=$build ;;
test) want=$test ;;
bench) want="$build libcmocka-dev wrk nginx-light postfix" ;;
*) echo "usage: deps.sh build|test|bench" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
# The machine may carry its own Node.js; Debian's is used only if none is.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "deps: missing:$missing" >&2
		echo "deps: run as root: apt-get install -y$missing" >&2
		exit 1
	fi
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	# postfix (for smtp-sink and smtp-source) must not set itself up.
	echo "postfix postfix/main_mailer_type select No configuration" |
	    debconf-set-selections 2>/dev/null || true
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
npm_missing=no
for m in ical.js astronomy-engine playwright-core axe-core; do
	[ -d "tests/node_modules/$m" ] || npm_missing=yes
done
if [ "${1:-build}" = test ] && [ "$npm_missing" = yes ]; then
	echo "deps: npm install (tests/)"
	(cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi
exit 0
