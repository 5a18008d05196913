#!/bin/bash
# check-deps.sh - keeps STYLE.md's dependency rule true by grepping includes:
# a file includes project headers of its own layer or lower ones only
# (common < calendar < daemon core < notifier | web < the two programs), and
# each third-party header appears only in the files named for it.
set -u
cd "$(dirname "$0")/.."
bad=0

layer() {
	case "$1" in
	common/*) echo 0 ;;
	calendar/*) echo 1 ;;
	daemon/main.c | daemon/cli.c) echo 4 ;;
	daemon/*) echo 2 ;;
	notifier/*) echo 3n ;;
	web/*) echo 3w ;;
	*) echo 9 ;;
	esac
}

rank() { echo "${1%[nw]}"; }

for f in $(git ls-files 'common/*' 'calendar/*' 'daemon/*' 'notifier/*' 'web/*' | grep -E '\.[ch]$'); do
	lf=$(layer "$f")
	for h in $(grep -oE '^#include "[^"]+"' "$f" | sed -E 's/#include "(.*)"/\1/'); do
		lh=$(layer "$h")
		if [ "$(rank "$lh")" -gt "$(rank "$lf")" ] ||
		    { [ "$lf" = 3n ] && [ "$lh" = 3w ]; } ||
		    { [ "$lf" = 3w ] && [ "$lh" = 3n ]; }; then
			echo "check-deps: $f includes $h (a higher or sibling layer)"
			bad=1
		fi
	done
done

# header pattern | files allowed to include it (extended regex)
allowed() {
	case "$1" in
	sqlite3.h) echo '^daemon/store[a-z_]*\.c$' ;;
	libical/*) echo '^(calendar/ics[a-z_]*\.c|calendar/zone\.c|notifier/.*\.c)$' ;;
	microhttpd.h) echo '^web/http\.c$' ;;
	jansson.h) echo '^(common/jsonv\.c|common/tpl\.c|calendar/schedule\.c|web/.*\.c|notifier/.*\.c|daemon/.*\.c)$' ;;
	ini.h) echo '^(daemon/cfg\.c|daemon/cli\.c)$' ;;
	curl/*) echo '^(notifier/webhook\.c|daemon/cli\.c|daemon/fetch\.c)$' ;;
	libesmtp.h|auth-client.h) echo '^notifier/smtp\.c$' ;;
	sodium.h) echo '^(daemon/.*\.c|web/auth\.c|web/public\.c|notifier/.*\.c)$' ;;
	*) echo '' ;;
	esac
}

for f in $(git ls-files 'common/*' 'calendar/*' 'daemon/*' 'notifier/*' 'web/*' | grep -E '\.[ch]$'); do
	for h in $(grep -oE '^#include <[^>]+>' "$f" | sed -E 's/#include <(.*)>/\1/'); do
		re=$(allowed "$h")
		[ -n "$re" ] || continue
		if ! echo "$f" | grep -qE "$re"; then
			echo "check-deps: $f includes <$h>, allowed only in $re"
			bad=1
		fi
		case "$f" in *.h)
			echo "check-deps: header $f exposes the third-party <$h>"
			bad=1 ;;
		esac
	done
done
[ "$bad" -eq 0 ] && echo "check-deps: ok"
exit "$bad"
