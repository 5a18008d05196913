#!/bin/bash
# run.sh BUILD DATA_DIR LISTEN SHARE_DIR - `make run`: starts baotrid in the
# foreground on a data directory, creating on the first run an admin account
# (password printed and kept in DATA_DIR/admin-password, mode 0600) and demo
# data (a component, a unit) so that a newcomer can try it at once, and an
# approver account (the author of a plan may not approve it: four-eyes).
# DATA_DIR/baotri.ini (made once) sets public_url to the listening address,
# so the links in pages, feeds and the spooled mail work.
set -eu
build=$1 data=$2 listen=$3 share=$4
baotrid=$build/baotrid
baotri=$build/baotri
mkdir -p "$data"
chmod 700 "$data"
if [ ! -s "$data/admin-password" ]; then
	for who in admin approver; do
		pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20)
		printf '%s\n' "$pw" | "$baotrid" --data-dir "$data" user add \
		    "$who" --role "$who" 2>/dev/null
		(umask 077 && printf '%s\n' "$pw" >"$data/$who-password")
	done
	first=yes
else
	first=no
fi
[ -s "$data/baotri.ini" ] ||
	printf '[server]\npublic_url = http://%s\n' "$listen" >"$data/baotri.ini"
"$baotrid" -c "$data/baotri.ini" --data-dir "$data" --listen "$listen" \
    --share-dir "$share" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' INT TERM EXIT
for i in $(seq 1 100); do
	curl -fs "http://$listen/healthz" >/dev/null 2>&1 && break
	sleep 0.1
done
if [ "$first" = yes ]; then
	token=$("$baotrid" --data-dir "$data" token create admin --label demo \
	    2>/dev/null)
	export BAOTRI_URL="http://$listen" BAOTRI_TOKEN="$token"
	"$baotri" component create portal "Cổng Thông tin điện tử" >/dev/null
	"$baotri" component create dvc "Cổng Dịch vụ công" >/dev/null
	"$baotri" unit create "Vụ Pháp chế" --component portal \
	    --contact "Nguyễn Văn A <phapche@example.gov.vn>" >/dev/null
fi
cat <<MSG

  baotri is running on http://$listen/  (data in $data)
  the public status page:  http://$listen/
  the console:             http://$listen/admin
    admin login:     admin / $(cat "$data/admin-password")
    approver login:  approver / $(cat "$data/approver-password" 2>/dev/null)
    (plan as admin, approve as approver: the author may not approve)
  notices are written to $data/spool/ (one .eml per recipient)
  try:  curl 'http://$listen/api/v1/calendar/earliest-start?notice_at=2025-06-02T09:00:00%2B07:00'
  a token for the CLI:  $baotrid --data-dir $data token create admin
  Ctrl-C stops it.

MSG
wait $pid
