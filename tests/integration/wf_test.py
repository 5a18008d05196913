#!/usr/bin/python3
"""wf_test.py - the change workflow of the real baotrid under the notice
rule: components, units, maintenances through every transition, the rule
across Tết 2026 and a swapped Saturday, four-eyes, overlaps, changes after
publication, a calendar change flagging an approved maintenance, the
scheduler's transitions (with the daemon's test clock, not sleeps: the
test moves the clock and waits for the state, bounded), a restart in the
middle, the compliance report in JSON and CSV, and the outbox rows.
Ends with "N passed, N failed".
"""
import csv
import datetime
import io
import os
import sqlite3
import sys
import tempfile
import time

from harness import Daemon, admin, check, finish, q

TZ = datetime.timezone(datetime.timedelta(hours=7))
USERS = {"ed": "editor", "ed2": "editor", "ap": "approver", "ap2": "approver",
         "ad": "admin", "vi": "viewer"}


def at(s):
    """Epoch seconds of a local (UTC+7) 'YYYY-MM-DD HH:MM'."""
    return int(datetime.datetime.strptime(s, "%Y-%m-%d %H:%M")
               .replace(tzinfo=TZ).timestamp())


class World:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="baotri-wf-")
        self.clock = os.path.join(self.tmp, "clock")
        self.set_clock("2026-11-25 09:00")
        self.tokens = {}
        for name, role in USERS.items():
            r = admin(self.tmp, "user", "add", name, "--role", role,
                      stdin="password-of-" + name + "\n")
            assert r.returncode == 0, r.stderr
            self.tokens[name] = admin(self.tmp, "token", "create",
                                      name).stdout.strip()
        self.start()

    def set_clock(self, s):
        with open(self.clock + ".new", "w") as f:
            f.write(str(at(s)))
        os.rename(self.clock + ".new", self.clock)

    def start(self):
        self.d = Daemon(self.tmp, extra=["--test-clock", self.clock])

    def call(self, who, path, method="GET", body=None, headers=None):
        h = dict(headers or {})
        if who:
            h["Authorization"] = "Bearer " + self.tokens[who]
        if method in ("POST", "PATCH") and body is None:
            body = {}
        return self.d.json(path, method=method, body=body, headers=h)

    def wait_for(self, mid, test, seconds=10):
        deadline = time.time() + seconds
        while time.time() < deadline:
            st, j = self.call("vi", "/api/v1/maintenances/%d" % mid)
            if test(j):
                return j
            time.sleep(0.05)
        raise AssertionError("maintenance %d: %s" % (mid, j))

    def wait_status(self, mid, status, seconds=10):
        deadline = time.time() + seconds
        while time.time() < deadline:
            st, j = self.call("vi", "/api/v1/maintenances/%d" % mid)
            if j["status"] == status:
                return j
            time.sleep(0.1)
        raise AssertionError("maintenance %d stayed %s" % (mid, j["status"]))

    def create(self, who="ed", **kw):
        body = {"title": "Nâng cấp máy chủ", "description": "Dòng 1\nDòng 2",
                "components": ["portal"], "impact": "outage",
                "start": "2026-12-10T22:00:00+07:00",
                "end": "2026-12-11T02:00:00+07:00"}
        body.update(kw)
        st, j = self.call(who, "/api/v1/maintenances", "POST", body)
        assert st == 201, (st, j)
        return j

    def submitted(self, who="ed", **kw):
        m = self.create(who, **kw)
        st, j = self.call(who, "/api/v1/maintenances/%d/submit" % m["id"], "POST")
        assert st == 200 and j["status"] == "submitted", j
        return m["id"]


def main():
    w = World()
    try:
        run(w)
    finally:
        w.d.stop()
    return finish()


def run(w):
    ids = {}

    def components_units():
        st, j = w.call("ed", "/api/v1/components", "POST",
                       {"slug": "portal", "name": "Cổng Thông tin điện tử",
                        "name_en": "Web portal"})
        assert st == 201, j
        st, j = w.call("ed", "/api/v1/components", "POST",
                       {"slug": "dvc", "name": "Dịch vụ công"})
        assert st == 201, j
        st, j = w.call("ed", "/api/v1/components", "POST",
                       {"slug": "portal", "name": "again"})
        assert st == 409 and j["error"]["field"] == "slug", j
        st, j = w.call("ed", "/api/v1/components", "POST",
                       {"slug": "Bad Slug", "name": "x"})
        assert st == 400 and j["error"]["field"] == "slug", j
        st, j = w.call("vi", "/api/v1/components", "POST",
                       {"slug": "x", "name": "x"})
        assert st == 403, j
        st, j = w.call(None, "/api/v1/components")
        assert st == 200 and [c["slug"] for c in j["components"]] == ["dvc", "portal"]
        unit = {"name": "Vụ Pháp chế", "components": ["portal"],
                "contacts": [{"name": "Nguyễn Văn A", "email": "a@example.gov.vn",
                              "language": "vi"}]}
        st, j = w.call("ed", "/api/v1/units", "POST", unit)
        assert st == 201 and j["contacts"][0]["email"] == "a@example.gov.vn", j
        ids["unit"] = j["id"]
        st, j = w.call("ed", "/api/v1/units", "POST", unit)
        assert st == 409, j
        bad = dict(unit, name="U2", contacts=[{"name": "B", "email": "b@x\r\nBcc: y"}])
        st, j = w.call("ed", "/api/v1/units", "POST", bad)
        assert st == 400 and j["error"]["field"] == "contacts", j
        bad = dict(unit, name="U3", contacts=[{"name": "B", "email": "not-an-address"}])
        st, j = w.call("ed", "/api/v1/units", "POST", bad)
        assert st == 400 and "e-mail" in j["error"]["message"], j
        bad = dict(unit, name="U4", components=["nope"])
        st, j = w.call("ed", "/api/v1/units", "POST", bad)
        assert st == 400 and "nope" in j["error"]["message"], j
        st, j = w.call("ed", "/api/v1/units/%d" % ids["unit"], "PATCH",
                       {"components": ["portal", "dvc"]})
        assert st == 200 and j["components"] == ["dvc", "portal"], j
        assert j["contacts"][0]["name"] == "Nguyễn Văn A", j
        st, j = w.call("vi", "/api/v1/units")
        assert st == 200 and len(j["units"]) == 1, j
        st, j = w.call("vi", "/api/v1/units/999")
        assert st == 404, j
        st, j = w.call(None, "/api/v1/units")
        assert st == 401, j
    check("components and units: create, conflicts, bad input, roles", components_units)

    def create_draft():
        m = w.create()
        assert m["status"] == "draft" and m["sequence"] == 0, m
        assert m["uid"].endswith("@127.0.0.1"), m["uid"]
        assert m["start"] == "2026-12-10T22:00:00+07:00"
        # Notice on Wed 25 Nov: 26, 27, 30 Nov, 1, 2 Dec -> 3 Dec.
        assert m["earliest_start"] == "2026-12-03T00:00:00+07:00", m
        assert m["notice_deadline"] == "2026-12-02", m
        assert m["compliant"] is None and m["author"] == "ed"
        assert m["description"] == "Dòng 1\nDòng 2"
        ids["m1"] = m["id"]
    check("create: a draft with earliest start and notice deadline", create_draft)

    def bad_maintenance():
        cases = [
            ({"x": 1}, None, "unknown field"),
            ({"end": "2026-12-10T21:00:00+07:00"}, "end", "after start"),
            ({"start": "2026-12-10 22:00"}, "start", "RFC 3339"),
            ({"start": "2026-02-30T22:00:00+07:00"}, "start", "not a date"),
            ({"components": ["nope"]}, "components", "unknown component"),
            ({"components": []}, "components", "1-"),
            ({"components": "portal"}, "components", "array"),
            ({"title": ""}, "title", "empty"),
            ({"title": "a\nb"}, "title", "control"),
            ({"title": "x" * 201}, "title", "longer"),
            ({"impact": "total"}, "impact", "allowed"),
            ({"category": "emergency"}, "justification", "required"),
            ({"allow_overlap": "yes"}, "allow_overlap", "true or false"),
            ({"end": "2027-02-10T22:00:00+07:00"}, "end", "31 days"),
        ]
        for extra, field, words in cases:
            body = {"title": "T", "components": ["portal"],
                    "start": "2026-12-10T22:00:00+07:00",
                    "end": "2026-12-11T02:00:00+07:00"}
            body.update(extra)
            st, j = w.call("ed", "/api/v1/maintenances", "POST", body)
            assert st == 400, (extra, st, j)
            assert j["error"].get("field") == field, (extra, j)
            assert words in j["error"]["message"], (extra, j)
        st, h, b = w.d.get("/api/v1/maintenances", method="POST",
                           headers={"Authorization": "Bearer " + w.tokens["ed"],
                                    "Content-Type": "application/json"},
                           body=b"{not json")
        assert st == 400 and b"line 1" in b, b
        st, j = w.call("ed", "/api/v1/maintenances?limit=0")
        assert st == 400 and j["error"]["field"] == "limit"
    check("create: bad input of every kind gets 400 naming the field", bad_maintenance)

    def roles():
        mid = ids["m1"]
        st, j = w.call("vi", "/api/v1/maintenances", "POST", {"title": "x"})
        assert st == 403, j
        st, j = w.call("ap", "/api/v1/maintenances", "POST", {"title": "x"})
        assert st == 403, j
        st, j = w.call("ed", "/api/v1/maintenances/%d/submit" % mid, "POST")
        assert st == 200 and j["status"] == "submitted", j
        st, j = w.call("ed2", "/api/v1/maintenances/%d/approve" % mid, "POST")
        assert st == 403 and j["error"]["code"] == "forbidden", j
        st, j = w.call("vi", "/api/v1/maintenances/%d" % mid)
        assert st == 200, j
        st, j = w.call(None, "/api/v1/maintenances/%d" % mid)
        assert st == 401, j
        st, j = w.call("ed", "/api/v1/maintenances/%d/launch" % mid, "POST")
        assert st == 404, j
        st, j = w.call("ed", "/api/v1/maintenances/abc", "GET")
        assert st == 404, j
    check("roles: editor submits, approver approves, viewer reads", roles)

    def four_eyes():
        mid = w.submitted("ad", title="Admin plans")
        st, j = w.call("ad", "/api/v1/maintenances/%d/approve" % mid, "POST")
        assert st == 403 and j["error"]["code"] == "four_eyes", j
        st, j = w.call("ap", "/api/v1/maintenances/%d/cancel" % mid, "POST",
                       {"reason": "thử four-eyes"})
        assert st == 200 and j["status"] == "cancelled", j
    check("four-eyes: the author may not approve", four_eyes)

    def approve():
        mid = ids["m1"]
        st, j = w.call("ap", "/api/v1/maintenances/%d/approve" % mid, "POST")
        assert st == 200 and j["status"] == "approved", j
        assert j["approver"] == "ap" and j["published_at"] == \
            "2026-11-25T09:00:00+07:00", j
        # Compliance is known once the unit's contact has been told (the
        # notifier, here the file spool); the notice time is then the
        # relay's acceptance, on the test clock.
        j = w.wait_for(mid, lambda m: m["compliant"] is True)
        assert j["notice_at"] == "2026-11-25T09:00:00+07:00", j
        assert j["notice_source"] == "relay", j
        assert j["working_days_of_notice"] == 10, j
    check("approve: published, compliant, 10 working days of notice", approve)

    def too_short():
        mid = w.submitted(start="2026-12-02T22:00:00+07:00",
                          end="2026-12-02T23:00:00+07:00", components=["dvc"])
        st, j = w.call("ap", "/api/v1/maintenances/%d/approve" % mid, "POST")
        assert st == 422 and j["error"]["code"] == "notice_too_short", j
        assert j["error"]["earliest_start"] == "2026-12-03T00:00:00+07:00", j
        assert j["error"]["working_days"] == ["2026-11-26", "2026-11-27",
                                              "2026-11-30", "2026-12-01",
                                              "2026-12-02"], j
        assert "2026-12-03T00:00:00+07:00" in j["error"]["message"]
        st, j = w.call("vi", "/api/v1/maintenances/%d" % mid)
        assert j["status"] == "submitted", j
        # Emergency: published anyway with a justification, non-compliant.
        st, j = w.call("ed", "/api/v1/maintenances/%d" % mid, "PATCH",
                       {"category": "emergency",
                        "justification": "Lỗ hổng bảo mật nghiêm trọng"})
        assert st == 200, j
        st, j = w.call("ap", "/api/v1/maintenances/%d/approve" % mid, "POST")
        assert st == 200 and j["status"] == "approved" and j["compliant"] is False, j
        ids["emergency"] = mid
    check("rule: a too-short planned notice gets 422 with the earliest start", too_short)

    def overlap():
        mid = w.submitted(start="2026-12-10T23:00:00+07:00",
                          end="2026-12-11T01:00:00+07:00")
        st, j = w.call("ap", "/api/v1/maintenances/%d/approve" % mid, "POST")
        assert st == 409 and j["error"]["code"] == "overlap", j
        assert j["error"]["conflict_id"] == ids["m1"], j
        st, j = w.call("ap", "/api/v1/maintenances/%d/approve" % mid, "POST",
                       {"allow_overlap": True})
        assert st == 200 and j["allow_overlap"] is True, j
        st, j = w.call("ad", "/api/v1/audit?action=maintenance.approve",
                       headers={})
        e = [x for x in j["entries"] if x["object"] == "maintenance:%d" % mid]
        assert e and e[0]["after"]["content"]["allow_overlap"] is True, e
        ids["overlap"] = mid
    check("overlap: 409 with the other id, allowed and recorded with allow_overlap", overlap)

    def illegal_transitions():
        mid = w.create(start="2026-12-20T22:00:00+07:00",
                       end="2026-12-20T23:00:00+07:00")["id"]
        for who, action, code in [("ap", "approve", "invalid_state"),
                                  ("ed", "complete", "invalid_state")]:
            st, j = w.call(who, "/api/v1/maintenances/%d/%s" % (mid, action), "POST")
            assert st == 409 and j["error"]["code"] == code, (action, j)
        st, j = w.call("ed", "/api/v1/maintenances/%d/submit" % ids["m1"], "POST")
        assert st == 409, j
        st, j = w.call("ed", "/api/v1/maintenances/%d/complete" % ids["m1"], "POST")
        assert st == 409 and "started" in j["error"]["message"], j
        st, j = w.call("ap", "/api/v1/maintenances/%d/cancel" % mid, "POST")
        assert st == 200 and j["status"] == "cancelled", j
        st, j = w.call("ap", "/api/v1/maintenances/%d/cancel" % mid, "POST")
        assert st == 409, j
        st, j = w.call("ed", "/api/v1/maintenances/%d" % mid, "PATCH", {"title": "x"})
        assert st == 409, j
        st, j = w.call("ed", "/api/v1/maintenances/99999/submit", "POST")
        assert st == 404, j
    check("illegal transitions answer 409; unknown ids 404", illegal_transitions)

    def changes_after_publication():
        mid = ids["m1"]
        st, j = w.call("ed", "/api/v1/maintenances/%d" % mid, "PATCH",
                       {"end": "2026-12-11T01:00:00+07:00"})
        assert st == 200 and j["sequence"] == 1, j        # shrink: allowed, sent
        # Let the update reach the spool before later tests move the clock.
        deadline = time.time() + 10
        while time.time() < deadline:
            st, dl = w.call("vi", "/api/v1/maintenances/%d/deliveries" % mid)
            if any(x["kind"] == "update" and x["state"] == "sent"
                   for x in dl["deliveries"]):
                break
            time.sleep(0.05)
        assert dl["summary"]["pending"] == 0, dl
        assert any(x["kind"] == "update" for x in dl["deliveries"]), dl
        st, j = w.call("ed", "/api/v1/maintenances/%d" % mid, "PATCH",
                       {"description": "Chỉ mô tả"})
        assert st == 200 and j["sequence"] == 1, j        # not a sent change
        st, j = w.call("ed", "/api/v1/maintenances/%d" % mid, "PATCH",
                       {"start": "2026-12-02T22:00:00+07:00"})
        assert st == 422 and j["error"]["earliest_start"] == \
            "2026-12-03T00:00:00+07:00", j                 # widened too soon
        st, j = w.call("ed", "/api/v1/maintenances/%d" % mid, "PATCH",
                       {"start": "2026-12-09T22:00:00+07:00"})
        # Widening into the window of the overlap that was allowed for
        # the other one is a new conflict for this one.
        assert st == 409 and j["error"]["code"] == "overlap", j
        assert j["error"]["conflict_id"] == ids["overlap"], j
    check("changes after publication: shrink sent, widening held to the rule",
          changes_after_publication)

    def across_tet_and_swapped_saturday():
        w.set_clock("2026-02-10 10:00")
        mid = w.submitted(start="2026-02-24T22:00:00+07:00",
                          end="2026-02-24T23:00:00+07:00", components=["dvc"],
                          title="Qua Tết")
        st, j = w.call("ap", "/api/v1/maintenances/%d/approve" % mid, "POST")
        # Tue 10 Feb: 11, 12, 13, then Tết 14-22, 23, 24 -> 25 Feb.
        assert st == 422 and j["error"]["earliest_start"] == \
            "2026-02-25T00:00:00+07:00", j
        st, j = w.call("ed", "/api/v1/maintenances/%d" % mid, "PATCH",
                       {"start": "2026-02-25T00:00:00+07:00",
                        "end": "2026-02-25T02:00:00+07:00"})
        assert st == 200, j
        st, j = w.call("ap", "/api/v1/maintenances/%d/approve" % mid, "POST")
        assert st == 200, j
        w.wait_for(mid, lambda m: m["compliant"] is True)
        w.set_clock("2026-01-07 16:00")
        mid = w.submitted(start="2026-01-13T22:00:00+07:00",
                          end="2026-01-13T23:00:00+07:00", components=["dvc"],
                          title="Làm bù")
        st, j = w.call("ap", "/api/v1/maintenances/%d/approve" % mid, "POST")
        # Wed 7 Jan: 8, 9, Sat 10 (swapped), 12, 13 -> 14 Jan.
        assert st == 422 and j["error"]["earliest_start"] == \
            "2026-01-14T00:00:00+07:00", j
        assert "2026-01-10" in j["error"]["working_days"], j
        st, j = w.call("ap", "/api/v1/maintenances/%d/cancel" % mid, "POST")
        assert st == 200
        w.set_clock("2026-11-25 09:30")
    check("rule across Tết 2026 and the swapped Saturday of 10 Jan", across_tet_and_swapped_saturday)

    def calendar_change_flags():
        mid = ids["m1"]
        for day in ("2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01",
                    "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07"):
            st, j = w.call("ed", "/api/v1/holidays", "POST",
                           {"date": day, "kind": "off", "name": "Nghỉ thử"})
            assert st == 201, j
        st, j = w.call("vi", "/api/v1/maintenances?flagged=true")
        flagged = {m["id"]: m for m in j["maintenances"]}
        assert mid in flagged, j
        assert "2026-11-25" in flagged[mid]["flag_reason"], flagged[mid]
        assert flagged[mid]["compliant"] is False
        assert ids["emergency"] not in flagged     # emergencies are not re-checked
        st, j = w.call("ad", "/api/v1/audit?action=maintenance.flag")
        assert any(e["object"] == "maintenance:%d" % mid for e in j["entries"])
        for day in ("2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01",
                    "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07"):
            st, j = w.call("ed", "/api/v1/holidays/" + day, "DELETE")
            assert st == 200, j
        st, j = w.call("vi", "/api/v1/maintenances/%d" % mid)
        assert j["flagged"] is False and j["compliant"] is True, j
    check("a calendar change flags an approved maintenance, and unflags it", calendar_change_flags)

    def scheduler():
        mid = ids["m1"]
        w.set_clock("2026-12-10 22:00")
        j = w.wait_status(mid, "in_progress")
        w.set_clock("2026-12-11 01:00")
        j = w.wait_status(mid, "completed")
        st, j = w.call("ad", "/api/v1/audit?actor=system")
        acts = [(e["action"], e["object"]) for e in j["entries"]]
        assert ("maintenance.start", "maintenance:%d" % mid) in acts, acts
        assert ("maintenance.complete", "maintenance:%d" % mid) in acts, acts
    check("scheduler: in progress at the start, completed at the end", scheduler)

    def restart_in_the_middle():
        mid = w.submitted(start="2026-12-21T22:00:00+07:00",
                          end="2026-12-22T01:00:00+07:00", title="Restart")
        st, j = w.call("ap", "/api/v1/maintenances/%d/approve" % mid, "POST")
        assert st == 200, j
        assert w.d.stop() == 0
        w.set_clock("2026-12-21 23:00")
        w.start()
        w.wait_status(mid, "in_progress")
        st, j = w.call("ed", "/api/v1/maintenances/%d/complete" % mid, "POST")
        assert st == 200 and j["status"] == "completed", j
        ids["restart"] = mid
        db = sqlite3.connect(os.path.join(w.tmp, "baotri.db"))
        n = db.execute("SELECT count(*) FROM audit_log WHERE object = ? AND "
                       "action = 'maintenance.start'",
                       ("maintenance:%d" % mid,)).fetchone()[0]
        assert n == 1, n
    check("restart in the middle: the start is done once after restart", restart_in_the_middle)

    def outbox():
        db = sqlite3.connect(os.path.join(w.tmp, "baotri.db"))
        rows = db.execute("SELECT kind, sequence FROM outbox WHERE "
                          "maintenance_id = ? ORDER BY id", (ids["m1"],)).fetchall()
        assert rows == [("announcement", 0), ("update", 1), ("admin_alert", 1),
                        ("started", 1), ("completed", 1)], rows
        v = db.execute("SELECT sequence FROM maintenance_versions WHERE "
                       "maintenance_id = ? ORDER BY sequence", (ids["m1"],)).fetchall()
        assert [x[0] for x in v] == [0, 1], v
    check("outbox and content versions written with each sent change", outbox)

    def compliance():
        st, j = w.call("vi", "/api/v1/reports/compliance?from=2026-12-01&to=2026-12-31")
        assert st == 200, j
        rows = {m["id"]: m for m in j["maintenances"]}
        assert rows[ids["m1"]]["compliant"] is True, rows[ids["m1"]]
        assert rows[ids["m1"]]["working_days_of_notice"] == 10, rows[ids["m1"]]
        assert rows[ids["emergency"]]["compliant"] is False
        assert "emergency" in rows[ids["emergency"]]["reason"]
        st, h, body = w.d.get("/api/v1/reports/compliance?from=2026-12-01&to=2026-12-31",
                              headers={"Authorization": "Bearer " + w.tokens["vi"],
                                       "Accept": "text/csv"})
        assert st == 200 and h["Content-Type"].startswith("text/csv"), h
        table = list(csv.DictReader(io.StringIO(body.decode())))
        by = {int(r["id"]): r for r in table}
        assert by[ids["m1"]]["compliant"] == "yes" and \
            by[ids["emergency"]]["compliant"] == "no", table
        assert by[ids["m1"]]["title"] == "Nâng cấp máy chủ"
        st, j = w.call("vi", "/api/v1/reports/compliance?from=2026-12-31&to=2026-12-01")
        assert st == 400, j
    check("compliance report: JSON and CSV, emergencies non-compliant", compliance)

    def listing():
        st, j = w.call("vi", "/api/v1/maintenances?limit=2")
        assert st == 200 and len(j["maintenances"]) == 2 and "next_cursor" in j
        seen = [m["id"] for m in j["maintenances"]]
        while "next_cursor" in j:
            st, j = w.call("vi", "/api/v1/maintenances?limit=2&cursor=" + j["next_cursor"])
            seen += [m["id"] for m in j["maintenances"]]
        assert seen == sorted(seen) and len(seen) == len(set(seen)) >= 8, seen
        st, j = w.call("vi", "/api/v1/maintenances?status=completed")
        assert {m["id"] for m in j["maintenances"]} >= {ids["m1"], ids["restart"]}
        st, j = w.call("vi", "/api/v1/maintenances?from=2026-12-21&to=2026-12-21")
        assert [m["id"] for m in j["maintenances"]] == [ids["restart"]], j
        st, j = w.call("vi", "/api/v1/maintenances?status=done")
        assert st == 400 and j["error"]["field"] == "status"
    check("list: pagination by cursor, filters by status and dates", listing)

    def list_cache_is_fresh():
        # Lists are served from a cache; every write must show at once.
        st, j1 = w.call("vi", "/api/v1/maintenances?status=draft&limit=200")
        st, j2 = w.call("vi", "/api/v1/maintenances?status=draft&limit=200")
        assert j1 == j2
        m = w.create(title="Mới tạo", start="2026-12-28T22:00:00+07:00",
                     end="2026-12-28T23:00:00+07:00")
        st, j3 = w.call("vi", "/api/v1/maintenances?status=draft&limit=200")
        assert m["id"] in [x["id"] for x in j3["maintenances"]], j3
        st, j = w.call("ed", "/api/v1/maintenances/%d" % m["id"], "PATCH",
                       {"title": "Đã sửa"})
        st, j4 = w.call("vi", "/api/v1/maintenances?status=draft&limit=200")
        assert [x["title"] for x in j4["maintenances"] if x["id"] == m["id"]] == \
            ["Đã sửa"], j4
        # The earliest start of a draft is counted from today: a new day,
        # a new answer, with no write in between.
        w.set_clock("2026-12-29 09:00")
        st, j5 = w.call("vi", "/api/v1/maintenances?status=draft&limit=200")
        e4 = [x["earliest_start"] for x in j4["maintenances"] if x["id"] == m["id"]]
        e5 = [x["earliest_start"] for x in j5["maintenances"] if x["id"] == m["id"]]
        assert e4 != e5, (e4, e5)
    check("the list cache never serves a stale answer", list_cache_is_fresh)


if __name__ == "__main__":
    sys.exit(main())
