#!/usr/bin/python3
"""matrix_test.py - the authorisation matrix of the real baotrid: every
endpoint of the API against no credentials, each role (bearer token), a
disabled user's token, a forged bearer token, a forged session cookie, and
a real session cookie without its CSRF token.  "Allowed" means the answer is
neither 401 nor 403 (it may still be 400, 404, 409 or 422: the body or the
state decides that, not the role).  Ends with "N passed, N failed".
"""
import json
import sys
import tempfile

from harness import Daemon, admin, check, finish

ROLES = ("viewer", "editor", "approver", "admin")
ALL = set(ROLES)
EDIT = {"editor", "admin"}
APPROVE = {"approver", "admin"}
OPERATE = {"editor", "approver", "admin"}
ADMIN = {"admin"}
PUBLIC = "public"

M = {"title": "T", "components": ["portal"], "start": "2027-03-10T22:00:00+07:00",
     "end": "2027-03-10T23:00:00+07:00"}
ENDPOINTS = [
    ("GET", "/healthz", None, PUBLIC),
    ("GET", "/metrics", None, PUBLIC),
    ("GET", "/holidays.ics", None, PUBLIC),
    ("GET", "/api/v1/calendar/earliest-start?notice_at=2026-01-01T00:00:00Z", None, PUBLIC),
    ("GET", "/api/v1/calendar/notice-deadline?start=2026-01-20T00:00:00Z", None, PUBLIC),
    ("GET", "/api/v1/calendar/workdays?from=2026-01-01&to=2026-01-31", None, PUBLIC),
    ("GET", "/api/v1/calendar/lunar?date=2026-02-17", None, PUBLIC),
    ("GET", "/api/v1/holidays?year=2026", None, PUBLIC),
    ("GET", "/api/v1/components", None, PUBLIC),
    ("POST", "/api/v1/subscribers", {"email": "m%s@example.org", "components": "all"},
     PUBLIC),
    ("GET", "/ack/1.1.0.x", None, PUBLIC),
    ("GET", "/unsubscribe/1.0.0.x", None, PUBLIC),
    ("POST", "/api/v1/holidays", {"date": "2027-12-01", "kind": "off", "name": "x"}, EDIT),
    ("DELETE", "/api/v1/holidays/2027-12-01", None, EDIT),
    ("POST", "/api/v1/holidays/import", {"url": "http://127.0.0.1:1/x.ics"}, EDIT),
    ("POST", "/api/v1/components", {"slug": "c-%s", "name": "x"}, EDIT),
    ("GET", "/api/v1/units", None, ALL),
    ("POST", "/api/v1/units", {"name": "U-%s", "components": ["portal"]}, EDIT),
    ("GET", "/api/v1/units/1", None, ALL),
    ("PATCH", "/api/v1/units/1", {"name": "Unit one"}, EDIT),
    ("GET", "/api/v1/maintenances", None, ALL),
    ("POST", "/api/v1/maintenances", M, EDIT),
    ("GET", "/api/v1/maintenances/1", None, ALL),
    ("PATCH", "/api/v1/maintenances/1", {"title": "T2"}, EDIT),
    ("POST", "/api/v1/maintenances/1/submit", None, EDIT),
    ("POST", "/api/v1/maintenances/1/approve", None, APPROVE),
    ("POST", "/api/v1/maintenances/1/complete", None, OPERATE),
    ("POST", "/api/v1/maintenances/2/cancel", None, APPROVE),
    ("GET", "/api/v1/maintenances/1/deliveries", None, ALL),
    ("POST", "/api/v1/maintenances/1/resend", None, EDIT),
    ("GET", "/api/v1/reports/compliance?from=2027-01-01&to=2027-12-31", None, ALL),
    ("GET", "/api/v1/session", None, ALL),
    ("GET", "/api/v1/users", None, ADMIN),
    ("POST", "/api/v1/users", {"name": "n-%s", "role": "viewer",
                               "password": "long-password-1"}, ADMIN),
    ("POST", "/api/v1/users/nobody/disable", None, ADMIN),
    ("GET", "/api/v1/audit", None, ADMIN),
    ("GET", "/api/v1/webhooks", None, ADMIN),
    ("POST", "/api/v1/webhooks", {"url": "http://127.0.0.1:1/h%s"}, ADMIN),
    ("DELETE", "/api/v1/webhooks/999", None, ADMIN),
    ("GET", "/api/v1/units/1/feed-token", None, ALL),
    ("POST", "/api/v1/units/1/feed-token", None, EDIT),
    ("GET", "/api/v1/settings", None, ALL),
    ("GET", "/api/v1/subscribers", None, ADMIN),
    ("GET", "/calendar.ics", None, PUBLIC),
    ("GET", "/components/portal/feed.atom", None, PUBLIC),
    ("GET", "/", None, PUBLIC),
    ("GET", "/admin", None, PUBLIC),
]


def main():
    tmp = tempfile.mkdtemp(prefix="baotri-matrix-")
    tokens = {}
    for role in ROLES + ("gone",):
        admin(tmp, "user", "add", role, "--role", "editor" if role == "gone" else role,
              stdin="password-" + role + "\n")
        tokens[role] = admin(tmp, "token", "create", role).stdout.strip()
    admin(tmp, "user", "disable", "gone")
    d = Daemon(tmp)
    try:
        ed = {"Authorization": "Bearer " + tokens["editor"]}
        d.json("/api/v1/components", method="POST", headers=ed,
               body={"slug": "portal", "name": "Cổng"})
        d.json("/api/v1/units", method="POST", headers=ed,
               body={"name": "Unit", "components": ["portal"]})
        for i in range(2):
            d.json("/api/v1/maintenances", method="POST", headers=ed, body=M)
        st, h, b = d.get("/api/v1/session", method="POST",
                         body={"name": "admin", "password": "password-admin"})
        cookie = h["Set-Cookie"].split(";")[0]
        csrf = json.loads(b)["csrf_token"]

        def call(method, path, body, headers, n):
            if isinstance(body, dict):
                body = json.loads(json.dumps(body).replace("%s", str(n)))
            if body is None and method in ("POST", "PATCH"):
                body = {}
            st, h, b = d.get(path, method=method, body=body, headers=headers)
            return st

        n = [0]
        for method, path, body, allowed in ENDPOINTS:
            def one(method=method, path=path, body=body, allowed=allowed):
                results = {}
                idents = {"none": {}, "forged-token": {"Authorization": "Bearer bt_forged"},
                          "disabled-token": {"Authorization": "Bearer " + tokens["gone"]},
                          "forged-cookie": {"Cookie": "baotri_session=bs_" + "x" * 43}}
                for role in ROLES:
                    idents[role] = {"Authorization": "Bearer " + tokens[role]}
                write = method != "GET"
                idents["cookie"] = {"Cookie": cookie, "X-CSRF-Token": csrf}
                if write:
                    idents["cookie-no-csrf"] = {"Cookie": cookie}
                for who, hdr in idents.items():
                    n[0] += 1
                    results[who] = call(method, path, body, hdr, n[0])
                for who, st in results.items():
                    if allowed == PUBLIC and who in ("none", "viewer", "editor",
                                                     "approver", "admin", "cookie"):
                        ok = st not in (401, 403)
                    elif allowed == PUBLIC:
                        ok = True     # credentials are not looked at
                    elif who in ROLES:
                        ok = (st not in (401, 403)) == (who in allowed)
                    elif who == "cookie":      # the admin's session
                        ok = st not in (401, 403)
                    elif who == "cookie-no-csrf":
                        ok = st == 403
                    else:
                        ok = st == 401
                    assert ok, (method, path, who, st, results)
            check("%s %s" % (method, path.split("?")[0]), one)
    finally:
        d.stop()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
