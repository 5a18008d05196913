#!/usr/bin/python3
"""auth_test.py - users, roles, sessions, tokens, the audit log and the
calendar write endpoints of the real baotrid.

Covers the administration commands (user add/disable/list, token create,
audit verify, also after tampering), the authorisation matrix of the write
and admin endpoints (no credentials, each role, a disabled user's token, a
forged cookie, a cookie without its CSRF token), login rate limits, and the
holiday overrides: put, delete, ICS import from a body and from a URL served
on loopback.  Ends with "N passed, N failed".
"""
import http.server
import json
import os
import sqlite3
import sys
import tempfile
import threading

from harness import Daemon, admin, check, finish, q

PASSWORDS = {"ad": "admin-password-1", "ap": "approver-password-1",
             "ed": "editor-password-1", "vi": "viewer-password-1",
             "gone": "gone-password-1"}
ROLES = {"ad": "admin", "ap": "approver", "ed": "editor", "vi": "viewer",
         "gone": "editor"}

ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//x//EN\r\n"
       "BEGIN:VEVENT\r\nUID:vhvn-2027\r\nDTSTAMP:20261101T000000Z\r\n"
       "DTSTART;VALUE=DATE:20271124\r\nSUMMARY:Ngày Văn hóa Việt Nam\r\n"
       "END:VEVENT\r\nEND:VCALENDAR\r\n")


def main():
    tmp = tempfile.mkdtemp(prefix="baotri-auth-")
    tokens = {}

    def cli():
        for name, role in ROLES.items():
            r = admin(tmp, "user", "add", name, "--role", role,
                      stdin=PASSWORDS[name] + "\n")
            assert r.returncode == 0, r.stderr
            r = admin(tmp, "token", "create", name, "--label", "test")
            assert r.returncode == 0 and r.stdout.startswith("bt_"), r
            tokens[name] = r.stdout.strip()
        r = admin(tmp, "user", "add", "ad", "--role", "admin", stdin="another-pass-1\n")
        assert r.returncode == 1 and "exists" in r.stderr, r.stderr
        r = admin(tmp, "user", "add", "x", "--role", "admin", stdin="short\n")
        assert r.returncode == 1 and "password must be" in r.stderr, r.stderr
        r = admin(tmp, "user", "add", "bad name", "--role", "admin", stdin="long-enough-1\n")
        assert r.returncode == 1 and "name must be" in r.stderr, r.stderr
        r = admin(tmp, "user", "add", "x", "--role", "king", stdin="long-enough-1\n")
        assert r.returncode == 2 and "role must be" in r.stderr, r.stderr
        r = admin(tmp, "user", "list")
        assert "ed" in r.stdout and "editor" in r.stdout, r.stdout
    check("admin commands: user add, token create, refusals", cli)

    d = Daemon(tmp)
    try:
        run(d, tmp, tokens)
    finally:
        d.stop()

    def verify():
        r = admin(tmp, "audit", "verify")
        assert r.returncode == 0 and "chain intact" in r.stdout, r.stdout
        db = sqlite3.connect(os.path.join(tmp, "baotri.db"))
        try:
            db.execute("UPDATE audit_log SET actor = 'x' WHERE id = 3")
            raise AssertionError("the audit log accepted an UPDATE")
        except sqlite3.DatabaseError as e:
            assert "append-only" in str(e), e
        try:
            db.execute("DELETE FROM audit_log WHERE id = 3")
            raise AssertionError("the audit log accepted a DELETE")
        except sqlite3.DatabaseError as e:
            assert "append-only" in str(e), e
        # Someone with the file drops the trigger and edits a row.
        with db:
            db.execute("DROP TRIGGER audit_log_no_update")
            db.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = 3")
        db.close()
        r = admin(tmp, "audit", "verify")
        assert r.returncode == 1 and "BROKEN at row 3" in r.stdout, r.stdout
    check("audit verify: intact, append-only, tampering found", verify)
    return finish()


def auth(token):
    return {"Authorization": "Bearer " + token}


def run(d, tmp, tokens):
    hol = {"date": "2026-12-07", "kind": "off", "name": "Nghỉ thử"}

    def matrix():
        # endpoint, method, body, roles allowed
        cases = [
            ("/api/v1/holidays", "POST", hol, {"ad", "ed"}),
            ("/api/v1/holidays/2026-12-07", "DELETE", None, {"ad", "ed"}),
            ("/api/v1/users", "GET", None, {"ad"}),
            ("/api/v1/audit", "GET", None, {"ad"}),
            ("/api/v1/session", "GET", None, {"ad", "ap", "ed", "vi"}),
        ]
        for path, method, body, allowed in cases:
            st, h, b = d.get(path, method=method, body=body)
            assert st == 401, (path, st, b)
            for who in ("ad", "ap", "ed", "vi"):
                if method == "POST" and path == "/api/v1/holidays":
                    body = dict(hol)
                st, h, b = d.get(path, method=method, body=body,
                                 headers=auth(tokens[who]))
                if who in allowed:
                    assert st in (200, 201, 404), (path, who, st, b)
                else:
                    assert st == 403, (path, who, st, b)
                    assert json.loads(b)["error"]["code"] == "forbidden"
            st, h, b = d.get(path, method=method, body=body,
                             headers=auth("bt_forged"))
            assert st == 401, (path, st)
    check("authorisation matrix: no credentials, each role, a forged token", matrix)

    def revocation():
        st, j = d.json("/api/v1/session", headers=auth(tokens["gone"]))
        assert st == 200 and j["user"]["role"] == "editor", j
        st, h, b = d.get("/api/v1/session", method="POST",
                         body={"name": "gone", "password": PASSWORDS["gone"]})
        assert st == 200
        cookie = h["Set-Cookie"].split(";")[0]
        st, h2, b = d.get("/api/v1/session", headers={"Cookie": cookie})
        assert st == 200
        st, j = d.json("/api/v1/users/gone/disable", method="POST",
                       headers=auth(tokens["ad"]), body={})
        assert st == 200 and j["disabled"] is True, j
        st, h, b = d.get("/api/v1/session", headers=auth(tokens["gone"]))
        assert st == 401, st
        st, h, b = d.get("/api/v1/session", headers={"Cookie": cookie})
        assert st == 401, st
        st, h, b = d.get("/api/v1/session", method="POST",
                         body={"name": "gone", "password": PASSWORDS["gone"]})
        assert st == 401, st
        st, j = d.json("/api/v1/users/nobody/disable", method="POST",
                       headers=auth(tokens["ad"]), body={})
        assert st == 404, st
    check("disabling a user ends its sessions and tokens at once", revocation)

    def revocation_from_cli():
        # The token is cached by the daemon; a disable by the admin command
        # (another process) must still end it on the very next request.
        r = admin(tmp, "user", "add", "temp", "--role", "viewer",
                  stdin="temp-password-1\n")
        assert r.returncode == 0, r.stderr
        tok = admin(tmp, "token", "create", "temp").stdout.strip()
        for i in range(3):
            st, h, b = d.get("/api/v1/session", headers=auth(tok))
            assert st == 200, b
        r = admin(tmp, "user", "disable", "temp")
        assert r.returncode == 0, r.stderr
        st, h, b = d.get("/api/v1/session", headers=auth(tok))
        assert st == 401, (st, b)
    check("a user disabled by the admin command is refused on the next request",
          revocation_from_cli)

    def cookies_and_csrf():
        st, h, b = d.get("/api/v1/session", method="POST",
                         body={"name": "ed", "password": PASSWORDS["ed"]})
        assert st == 200, b
        sc = h["Set-Cookie"]
        assert "HttpOnly" in sc and "SameSite=Strict" in sc and "Path=/" in sc, sc
        assert "Secure" not in sc    # public_url is http here
        cookie = sc.split(";")[0]
        csrf = json.loads(b)["csrf_token"]
        body = {"date": "2026-12-08", "kind": "off", "name": "Cookie"}
        st, h, b = d.get("/api/v1/holidays", method="POST", body=body,
                         headers={"Cookie": cookie})
        assert st == 403 and json.loads(b)["error"]["code"] == "csrf", b
        st, h, b = d.get("/api/v1/holidays", method="POST", body=body,
                         headers={"Cookie": cookie, "X-CSRF-Token": "x" * 43})
        assert st == 403, b
        st, h, b = d.get("/api/v1/holidays", method="POST", body=body,
                         headers={"Cookie": cookie, "X-CSRF-Token": csrf})
        assert st == 201, b
        st, h, b = d.get("/api/v1/session", headers={
            "Cookie": "baotri_session=bs_forgedforgedforgedforgedforgedforgedforged"})
        assert st == 401, st
        st, h, b = d.get("/api/v1/session", method="DELETE",
                         headers={"Cookie": cookie, "X-CSRF-Token": csrf})
        assert st == 204 and "Max-Age=0" in h["Set-Cookie"], (st, h)
        st, h, b = d.get("/api/v1/session", headers={"Cookie": cookie})
        assert st == 401, st
    check("cookie session: HttpOnly, SameSite=Strict, CSRF required, logout", cookies_and_csrf)

    def login_limits():
        for i in range(5):
            st, h, b = d.get("/api/v1/session", method="POST",
                             body={"name": "vi", "password": "wrong-password"})
            assert st == 401 and json.loads(b)["error"]["message"] == \
                "wrong name or password", b
        st, h, b = d.get("/api/v1/session", method="POST",
                         body={"name": "vi", "password": PASSWORDS["vi"]})
        assert st == 429, (st, b)
        st, h, b = d.get("/api/v1/session", method="POST",
                         body={"name": "nosuchuser", "password": "whatever-123"})
        assert st == 401 and json.loads(b)["error"]["message"] == \
            "wrong name or password"
        st, h, b = d.get("/api/v1/session", method="POST",
                         body={"name": "ed", "password": PASSWORDS["ed"], "x": 1})
        assert st == 400 and "'x'" in json.loads(b)["error"]["message"]
    check("login: same answer for unknown users, 429 after 5 failures", login_limits)

    def denials_audited():
        st, j = d.json("/api/v1/audit" + q(action="denied", limit=200),
                       headers=auth(tokens["ad"]))
        assert st == 200, j
        objs = [e["object"] for e in j["entries"]]
        assert "GET /api/v1/users" in objs, objs
        assert any(e["actor"] == "vi" for e in j["entries"]), j["entries"][:3]
        st, j = d.json("/api/v1/audit" + q(action="login.failed"),
                       headers=auth(tokens["ad"]))
        assert len(j["entries"]) >= 5
        st, j = d.json("/api/v1/audit" + q(limit=2), headers=auth(tokens["ad"]))
        assert len(j["entries"]) == 2 and "next_cursor" in j
        st, j2 = d.json("/api/v1/audit" + q(limit=2, cursor=j["next_cursor"]),
                        headers=auth(tokens["ad"]))
        assert j2["entries"][0]["id"] < j["entries"][1]["id"]
    check("every denied request and failed login is in the audit log", denials_audited)

    def holiday_writes():
        h = auth(tokens["ed"])
        body = {"date": "2026-11-24", "kind": "off",
                "name": "Ngày Văn hóa Việt Nam", "source": "Thông báo (thử)"}
        st, j = d.json("/api/v1/holidays", method="POST", body=body, headers=h)
        assert st == 201 and j["layer"] == "override" and not j["working"], j
        st, j = d.json("/api/v1/calendar/earliest-start" +
                       q(notice_at="2026-11-20T10:00:00+07:00"))
        assert "2026-11-24" not in j["working_days"], j
        body["name"] = "Ngày Văn hóa"
        st, j = d.json("/api/v1/holidays", method="POST", body=body, headers=h)
        assert st == 200 and j["name"] == "Ngày Văn hóa", j
        st, j = d.json("/api/v1/holidays", method="POST", headers=h, body={
            "date": "2026-11-28", "kind": "work", "name": "Làm bù"})
        assert st == 201 and j["kind"] == "swapped_work" and j["working"], j
        st, j = d.json("/api/v1/holidays/2026-11-24", method="DELETE", headers=h)
        assert st == 200 and j["working"] and j["layer"] == "week", j
        st, j = d.json("/api/v1/holidays/2026-11-24", method="DELETE", headers=h)
        assert st == 404, j
        st, j = d.json("/api/v1/audit" + q(action="holiday."),
                       headers=auth(tokens["ad"]))
        acts = [(e["action"], e["object"]) for e in j["entries"]]
        assert ("holiday.delete", "holiday:2026-11-24") in acts, acts
        put = [e for e in j["entries"] if e["action"] == "holiday.put" and
               e["object"] == "holiday:2026-11-24"]
        assert put[0]["before"]["name"] == "Ngày Văn hóa Việt Nam", put[0]
        assert put[0]["after"]["name"] == "Ngày Văn hóa", put[0]
    check("holiday overrides: put, replace, working Saturday, delete, audited", holiday_writes)

    def holiday_bad_input():
        h = auth(tokens["ed"])
        bad = [
            ({"date": "2026-02-30", "kind": "off", "name": "x"}, "date"),
            ({"date": "2026-12-01", "kind": "holiday", "name": "x"}, "kind"),
            ({"date": "2026-12-01", "kind": "off"}, "name"),
            ({"date": "2026-12-01", "kind": "off", "name": "a\r\nBcc: x"}, "name"),
            ({"date": "2026-12-01", "kind": "off", "name": "x" * 201}, "name"),
            ({"date": "2026-12-01", "kind": "off", "name": 5}, "name"),
            ({"date": "2200-01-01", "kind": "off", "name": "x"}, None),
        ]
        for body, field in bad:
            st, j = d.json("/api/v1/holidays", method="POST", body=body, headers=h)
            assert st == 400, (body, st, j)
            if field:
                assert j["error"]["field"] == field, (body, j)
        st, hh, b = d.get("/api/v1/holidays", method="POST", headers=dict(
            h, **{"Content-Type": "text/plain"}), body=b"date=x")
        assert st == 415, st
        st, hh, b = d.get("/api/v1/holidays", method="POST", headers=dict(
            h, **{"Content-Type": "application/json"}), body=b"{\"date\":")
        assert st == 400 and b"line 1" in b, b
        st, j = d.json("/api/v1/holidays/2026-13-01", method="DELETE", headers=h)
        assert st == 400 and "month 13" in j["error"]["message"], j
        st, j = d.json("/api/v1/holidays" + q(year=2026))
        assert j["working_days"] == 250 - 1 + 1, j["working_days"]  # 8 Dec off, 28 Nov worked
    check("holiday overrides: bad input refused, nothing half-written", holiday_bad_input)

    def holiday_import():
        h = auth(tokens["ed"])
        st, hh, b = d.get("/api/v1/holidays/import", method="POST",
                          headers=dict(h, **{"Content-Type": "text/calendar"}),
                          body=ICS.encode())
        assert st == 200 and json.loads(b) == {"imported": 1, "skipped": 0}, b
        st, j = d.json("/api/v1/holidays" + q(year=2027))
        day = [x for x in j["days"] if x["date"] == "2027-11-24"]
        assert day and day[0]["source"] == "ICS upload", day
        # A large upload arrives in chunks: 500 events, over 64 KiB.
        events = "".join(
            "BEGIN:VEVENT\r\nUID:big-%d\r\nDTSTAMP:20261101T000000Z\r\n"
            "DTSTART;VALUE=DATE:%s\r\nSUMMARY:Ngày nghỉ thử nghiệm số %d với "
            "một cái tên khá dài\r\nEND:VEVENT\r\n" % (i, (
                __import__("datetime").date(2030, 1, 1) +
                __import__("datetime").timedelta(days=i)).strftime("%Y%m%d"), i)
            for i in range(500))
        big = ICS.replace("BEGIN:VEVENT", events + "BEGIN:VEVENT", 1)
        assert len(big.encode()) > 65536, len(big.encode())
        st, hh, b = d.get("/api/v1/holidays/import", method="POST",
                          headers=dict(h, **{"Content-Type": "text/calendar"}),
                          body=big.encode())
        assert st == 200 and json.loads(b)["imported"] == 501, b
        st, hh, b = d.get("/api/v1/holidays/import", method="POST",
                          headers=dict(h, **{"Content-Type": "text/calendar"}),
                          body=b"BEGIN:VCALENDAR\r\nnonsense")
        assert st == 400 and json.loads(b)["error"]["code"] == "invalid_calendar", b

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/vn.ics":
                    data = ICS.replace("20271124", "20281124").encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/calendar")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                else:
                    self.send_error(404)

            def log_message(self, *a):
                pass
        srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        try:
            base = "http://127.0.0.1:%d" % srv.server_address[1]
            st, j = d.json("/api/v1/holidays/import", method="POST", headers=h,
                           body={"url": base + "/vn.ics"})
            assert st == 200 and j["imported"] == 1, j
            st, j = d.json("/api/v1/holidays" + q(year=2028))
            day = [x for x in j["days"] if x["date"] == "2028-11-24"]
            assert day and day[0]["source"] == base + "/vn.ics", day
            st, j = d.json("/api/v1/holidays/import", method="POST", headers=h,
                           body={"url": base + "/missing.ics"})
            assert st == 422 and "HTTP 404" in j["error"]["message"], j
            st, j = d.json("/api/v1/holidays/import", method="POST", headers=h,
                           body={"url": "file:///etc/passwd"})
            assert st == 422 and "http://" in j["error"]["message"], j
        finally:
            srv.shutdown()
    check("holiday import: ICS body and URL; bad calendars and URLs refused", holiday_import)


if __name__ == "__main__":
    sys.exit(main())
