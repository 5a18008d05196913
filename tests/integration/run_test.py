#!/usr/bin/python3
"""run_test.py - the newcomer's path of `make run` (scripts/run.sh) on a
fresh data directory: the two printed accounts log in; the admin plans, the
approver approves (four-eyes); the notice lands in the file spool as an
e-mail with an invite that python3-icalendar reads; the public page and the
feed show it with links to the address baotrid listens on.  Ends with
"N passed, N failed".
"""
import email
import email.policy
import glob
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import icalendar

from harness import BAOTRID, TOP, check, finish, free_port


def main():
    tmp = tempfile.mkdtemp(prefix="baotri-run-")
    data = os.path.join(tmp, "var")
    port = free_port()
    listen = "127.0.0.1:%d" % port
    base = "http://" + listen
    log = open(os.path.join(tmp, "baotrid.log"), "ab")    # its stderr
    proc = subprocess.Popen(
        ["scripts/run.sh", os.path.dirname(BAOTRID), data, listen,
         os.path.join(TOP, "data")], cwd=TOP, stdout=subprocess.PIPE,
        stderr=log, text=True, start_new_session=True)
    out = []
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            out.append(line)
            if "Ctrl-C stops it" in line:
                break
        run(base, data, "".join(out))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()
    return finish()


class Session:
    """A logged-in browser-like client: the cookie and the CSRF token."""

    def __init__(self, base, name, password):
        self.base = base
        st, h, b = self.call("/api/v1/session", "POST",
                             {"name": name, "password": password})
        assert st == 200, (st, b)
        self.cookie = h["Set-Cookie"].split(";")[0]
        self.csrf = json.loads(b)["csrf_token"]

    def call(self, path, method="GET", body=None):
        headers = {}
        if getattr(self, "cookie", None):
            headers = {"Cookie": self.cookie, "X-CSRF-Token": self.csrf}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.base + path, data=data,
                                     headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()


def run(base, data, printed):
    st = {}

    def printed_accounts():
        m = re.search(r"admin login:\s+admin / (\S+)", printed)
        a = re.search(r"approver login:\s+approver / (\S+)", printed)
        assert m and a, printed
        assert base + "/admin" in printed and "spool" in printed, printed
        st["admin"] = Session(base, "admin", m.group(1))
        st["approver"] = Session(base, "approver", a.group(1))
    check("make run prints two accounts that log in, the console and the spool",
          printed_accounts)

    def plan_and_approve():
        ad, ap = st["admin"], st["approver"]
        s, h, b = ad.call("/api/v1/maintenances", "POST", {
            "title": "Nâng cấp máy chủ", "components": ["portal"],
            "start": "2030-06-10T22:00:00+07:00",
            "end": "2030-06-11T02:00:00+07:00"})
        assert s == 201, b
        mid = json.loads(b)["id"]
        assert ad.call("/api/v1/maintenances/%d/submit" % mid, "POST", {})[0] == 200
        s, h, b = ad.call("/api/v1/maintenances/%d/approve" % mid, "POST", {})
        assert s == 403 and json.loads(b)["error"]["code"] == "four_eyes", b
        s, h, b = ap.call("/api/v1/maintenances/%d/approve" % mid, "POST", {})
        assert s == 200, b
        st["mid"] = mid
    check("the admin plans, four-eyes refuses the admin, the approver approves",
          plan_and_approve)

    def spooled():
        files = []
        for _ in range(100):
            files = glob.glob(os.path.join(data, "spool", "new", "*.eml"))
            if files:
                break
            time.sleep(0.1)
        assert len(files) == 1, files
        msg = email.message_from_bytes(open(files[0], "rb").read(),
                                       policy=email.policy.default)
        assert msg["To"].addresses[0].addr_spec == "phapche@example.gov.vn"
        cal = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
        ev = icalendar.Calendar.from_ical(cal[0].get_payload(decode=True))
        assert str(ev["METHOD"]) == "REQUEST"
        text = msg.get_body(("plain",)).get_content()
        assert base + "/maintenances/%d" % st["mid"] in text, text
    check("the notice is in DATA_DIR/spool/new as an e-mail with its invite, "
          "linking to the listening address", spooled)

    def public():
        with urllib.request.urlopen(base + "/", timeout=30) as r:
            page = r.read().decode()
        assert "Nâng cấp máy chủ" in page and "webcal://" + base[7:] in page
        with urllib.request.urlopen(base + "/calendar.ics", timeout=30) as r:
            cal = icalendar.Calendar.from_ical(r.read())
        assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Nâng cấp máy chủ"]
    check("the public page and the feed show it", public)


if __name__ == "__main__":
    sys.exit(main())
