#!/usr/bin/python3
"""api_test.py - the calendar API of the real baotrid, over real HTTP.

Starts build/baotrid (or $BAOTRID) on a free loopback port with a temporary
data directory, checks every calendar endpoint against the law and the
official schedules, the errors (400 naming the parameter, 404, 405), the
ICS export with two independent parsers (python3-icalendar, and Mozilla's
ical.js through tests/integration/ics_check.js), ETag/304, the config file,
and overrides that persist in the SQLite store across a restart.
Ends with "N passed, N failed".  Run with Debian's /usr/bin/python3.
"""
import datetime
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import icalendar

from harness import BAOTRID, TOP, Daemon, check, finish, q

FACTS = json.load(open(os.path.join(TOP, "tests", "fixtures", "vn-calendar.json")))


def main():
    tmp = tempfile.mkdtemp(prefix="baotri-api-")
    box = [Daemon(tmp)]
    try:
        run_all(box, tmp)
    finally:
        box[0].stop()
    return finish()


def run_all(box, tmp):
    d = box[0]

    def worked_example():
        st, j = d.json("/api/v1/calendar/earliest-start" +
                       q(notice_at="2025-06-02T09:00:00+07:00"))
        assert st == 200, (st, j)
        assert j["earliest_start"] == "2025-06-10T00:00:00+07:00", j
        assert j["working_days"] == ["2025-06-03", "2025-06-04", "2025-06-05",
                                     "2025-06-06", "2025-06-09"], j
        assert [s["date"] for s in j["skipped"]] == ["2025-06-07", "2025-06-08"]
        assert j["rule"] == {"working_days": 5, "count_swapped_saturdays": True,
                             "timezone": "Asia/Ho_Chi_Minh"}
        assert j["provisional"] is False
    check("earliest-start: the worked example of DESIGN.md", worked_example)

    def notice_in_utc_counts_local_day():
        # 2025-06-01T20:00Z is 03:00 on Monday 2 June in Hanoi.
        st, j = d.json("/api/v1/calendar/earliest-start" +
                       q(notice_at="2025-06-01T20:00:00Z"))
        assert st == 200 and j["notice_date"] == "2025-06-02", j
        assert j["earliest_start"] == "2025-06-10T00:00:00+07:00"
        # 16:59Z on 1 June is still Sunday 23:59 locally: earliest Sat 7.
        st, j = d.json("/api/v1/calendar/earliest-start" +
                       q(notice_at="2025-06-01T16:59:59Z"))
        assert j["notice_date"] == "2025-06-01", j
        assert j["earliest_start"] == "2025-06-07T00:00:00+07:00", j
    check("earliest-start: the notice day is the local (UTC+7) day",
          notice_in_utc_counts_local_day)

    def unencoded_plus():
        st, h, b = d.get("/api/v1/calendar/earliest-start?notice_at="
                         "2025-06-02T09:00:00+07:00")
        assert st == 200, b
        assert json.loads(b)["earliest_start"] == "2025-06-10T00:00:00+07:00"
    check("earliest-start: an unencoded '+' in the query is understood",
          unencoded_plus)

    def across_tet():
        st, j = d.json("/api/v1/calendar/earliest-start" +
                       q(notice_at="2026-02-11T15:00:00+07:00"))
        assert j["earliest_start"] == "2026-02-26T00:00:00+07:00", j
        skipped = {s["date"]: s for s in j["skipped"]}
        assert skipped["2026-02-17"]["name"] == "Tết Nguyên đán Bính Ngọ"
        assert skipped["2026-02-17"]["layer"] == "official"
        assert len(skipped) == 9
    check("earliest-start: across Tết 2026, skipped days named", across_tet)

    def deadline():
        st, j = d.json("/api/v1/calendar/notice-deadline" +
                       q(start="2025-06-10T22:00:00+07:00"))
        assert st == 200 and j["notice_deadline"] == "2025-06-02", j
        assert j["notice_deadline_end"] == "2025-06-02T23:59:59+07:00"
        # The rule holds at the day: starting at 00:00 on 10 June is fine too.
        st, j = d.json("/api/v1/calendar/notice-deadline" +
                       q(start="2025-06-09T23:59:00+07:00"))
        assert j["notice_deadline"] == "2025-06-01", j  # a Sunday
    check("notice-deadline: inverse of the worked example", deadline)

    def deadline_agrees_with_earliest():
        day = datetime.date(2026, 1, 1)
        for i in range(0, 365, 7):
            s = day + datetime.timedelta(days=i)
            st, j = d.json("/api/v1/calendar/notice-deadline" +
                           q(start=s.isoformat() + "T08:00:00+07:00"))
            dl = j["notice_deadline"]
            st, e = d.json("/api/v1/calendar/earliest-start" +
                           q(notice_at=dl + "T23:00:00+07:00"))
            assert e["earliest_start_date"] <= s.isoformat(), (s, dl, e)
            nxt = (datetime.date.fromisoformat(dl) +
                   datetime.timedelta(days=1)).isoformat()
            st, e = d.json("/api/v1/calendar/earliest-start" +
                           q(notice_at=nxt + "T00:00:00+07:00"))
            assert e["earliest_start_date"] > s.isoformat(), (s, nxt, e)
    check("notice-deadline agrees with earliest-start through 2026",
          deadline_agrees_with_earliest)

    def workdays_years():
        for year, y in FACTS["years"].items():
            st, j = d.json("/api/v1/calendar/workdays" +
                           q(**{"from": year + "-01-01", "to": year + "-12-31"}))
            assert st == 200, j
            assert j["count"] == y["working_days_in_calendar_year"], (year, j["count"])
            assert len(j["days"]) == j["count"]
            for s in y["makeup_working_saturdays"]:
                assert s in j["days"], s
            for s in y["weekday_closures"]:
                assert s not in j["days"], s
    check("workdays: 249/251/250/250 working days in 2023-2026", workdays_years)

    def lunar():
        st, j = d.json("/api/v1/calendar/lunar" + q(date="2026-02-17"))
        assert j == {"date": "2026-02-17", "year": 2026, "month": 1, "day": 1,
                     "leap": False, "year_name": "Bính Ngọ", "month_days": 30}, j
        st, j = d.json("/api/v1/calendar/lunar" + q(date="2033-12-22"))
        assert (j["month"], j["day"], j["leap"]) == (11, 1, True), j
        st, j = d.json("/api/v1/calendar/lunar" + q(date="1985-01-21"))
        assert (j["year"], j["month"], j["day"]) == (1985, 1, 1), j
    check("lunar: Tết 2026, leap month 11 of 2033, Tết 1985", lunar)

    def holidays_2026():
        st, j = d.json("/api/v1/holidays" + q(year=2026))
        assert st == 200 and j["status"] == "official", j
        assert j["working_days"] == 250
        days = {x["date"]: x for x in j["days"]}
        for i in range(14, 23):
            x = days["2026-02-%02d" % i]
            assert not x["working"] and x["layer"] == "official", x
        assert days["2026-01-10"]["kind"] == "swapped_work"
        assert days["2026-01-10"]["working"] is True
        assert "9441" in days["2026-08-22"]["source"]
        assert days["2026-04-27"]["kind"] == "compensatory"
        st, j = d.json("/api/v1/holidays" + q(year=2030))
        assert j["status"] == "provisional", j
        tet = [x for x in j["days"] if x["name"] == "Tết Nguyên đán"]
        assert all(x["provisional"] and x["layer"] == "statutory" for x in tet)
        assert "2030-02-02" in [x["date"] for x in tet]   # 1/1 Canh Tuất
    check("holidays: 2026 official (Tết 14-22 Feb, 10 Jan worked), 2030 provisional",
          holidays_2026)

    def bad_input():
        cases = [
            ("/api/v1/calendar/earliest-start", "notice_at", "required"),
            ("/api/v1/calendar/earliest-start" + q(notice_at="2026-02-30T09:00:00Z"),
             "notice_at", "not a date"),
            ("/api/v1/calendar/earliest-start" + q(notice_at="2026-02-03T09:00:00"),
             "notice_at", "offset"),
            ("/api/v1/calendar/earliest-start" + q(notice_at="tomorrow"),
             "notice_at", "RFC 3339"),
            ("/api/v1/calendar/earliest-start" + q(notice_at="2199-12-30T00:00:00Z"),
             "notice_at", "range"),
            ("/api/v1/calendar/notice-deadline" + q(start="1899-12-31T00:00:00Z"),
             "start", "range"),
            ("/api/v1/calendar/workdays" + q(**{"from": "2026-01-01"}), "to", "required"),
            ("/api/v1/calendar/workdays" + q(**{"from": "2026-02-01", "to": "2026-01-01"}),
             "to", "before"),
            ("/api/v1/calendar/workdays" + q(**{"from": "2000-01-01", "to": "2026-01-01"}),
             "to", "at most"),
            ("/api/v1/calendar/lunar" + q(date="2026-13-01"), "date", "month 13"),
            ("/api/v1/calendar/lunar" + q(date="2200-01-01"), "date", "out of range"),
            ("/api/v1/holidays" + q(year="20x6"), "year", "not a year"),
            ("/api/v1/holidays" + q(year="1899"), "year", "not a year"),
        ]
        for path, field, words in cases:
            st, j = d.json(path)
            assert st == 400, (path, st, j)
            assert j["error"]["code"] == "invalid_parameter", j
            assert j["error"]["field"] == field, (path, j)
            assert field in j["error"]["message"] and words in j["error"]["message"], (path, j)
        st, j = d.json("/api/v1/calendar/lunar" + q(date="2026-01-01", x="1"))
        assert st == 400 and "'x'" in j["error"]["message"], j
        st, j = d.json("/api/v1/calendar/lunar?date=2026-01-01&date=2026-01-02")
        assert st == 400 and "twice" in j["error"]["message"], j
        st, j = d.json("/nowhere")
        assert st == 404 and j["error"]["code"] == "not_found", j
        st, h, b = d.get("/api/v1/calendar/lunar", method="POST")
        assert st == 405 and h["Allow"] == "GET, HEAD", (st, h)
        assert json.loads(b)["error"]["code"] == "method_not_allowed"
        st, h, b = d.get("/api/v1/holidays?year=2026", method="DELETE")
        assert st == 405, st
    check("bad input: 400 naming the parameter, 404, 405", bad_input)

    def too_large():
        req = urllib.request.Request(d.url("/healthz"), data=b"x" * (1024 * 1024 + 10),
                                     method="POST")
        try:
            urllib.request.urlopen(req, timeout=10)
            raise AssertionError("accepted")
        except urllib.error.HTTPError as e:
            assert e.code == 413, e.code
    check("a body over 1 MiB is refused with 413", too_large)

    def healthz():
        st, j = d.json("/healthz")
        assert st == 200 and j["status"] == "ok", j
        assert j["official_years"] == [2023, 2024, 2025, 2026], j
        assert j["schema_version"] == 7
    check("healthz", healthz)

    def ics():
        st, h, body = d.get("/holidays.ics?year=2026")
        assert st == 200 and h["Content-Type"].startswith("text/calendar"), h
        cal = icalendar.Calendar.from_ical(body)
        tz = [c for c in cal.walk("VTIMEZONE")]
        assert len(tz) == 1 and str(tz[0]["TZID"]) == "Asia/Ho_Chi_Minh"
        events = {e["DTSTART"].dt.isoformat(): e for e in cal.walk("VEVENT")}
        tet = events["2026-02-14"]
        assert tet["DTEND"].dt == datetime.date(2026, 2, 23)
        assert str(tet["SUMMARY"]) == "Tết Nguyên đán Bính Ngọ"
        assert str(events["2026-01-10"]["X-BAOTRI-KIND"]) == "swapped_work"
        assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == len(events)
        path = os.path.join(tmp, "holidays.ics")
        open(path, "wb").write(body)
        out = subprocess.run(["node", os.path.join(TOP, "tests", "integration",
                                                   "ics_check.js"), path],
                             capture_output=True, text=True, timeout=60,
                             env=dict(os.environ, NODE_PATH=os.path.join(
                                 TOP, "tests", "node_modules")))
        assert out.returncode == 0, out.stderr
        js = [json.loads(l) for l in out.stdout.splitlines()]
        assert len(js) == len(events), (len(js), len(events))
        byday = {e["start"]: e for e in js}
        assert byday["2026-02-14"]["end"] == "2026-02-23"
        assert byday["2026-02-14"]["summary"] == "Tết Nguyên đán Bính Ngọ"
        # Every day off of the API is inside an event, and vice versa.
        st, j = d.json("/api/v1/holidays" + q(year=2026))
        off = {x["date"] for x in j["days"] if x["kind"] not in ("workday", "weekend")}
        covered = set()
        for e in js:
            a = datetime.date.fromisoformat(e["start"])
            b = datetime.date.fromisoformat(e["end"])
            while a < b:
                covered.add(a.isoformat())
                a += datetime.timedelta(days=1)
        assert off == covered, off ^ covered
    check("holidays.ics parses in python3-icalendar and ical.js, matches the API", ics)

    def etag():
        st, h, body = d.get("/holidays.ics")
        assert st == 200 and h.get("ETag"), h
        st2, h2, body2 = d.get("/holidays.ics", headers={"If-None-Match": h["ETag"]})
        assert st2 == 304 and body2 == b"", (st2, body2)
        st3, h3, body3 = d.get("/holidays.ics", headers={"If-None-Match": '"other"'})
        assert st3 == 200 and body3 == body
        assert h.get("Last-Modified", "").endswith("GMT"), h
    check("holidays.ics: ETag and 304 Not Modified", etag)

    def override_persists_restart():
        # Write an override straight into the SQLite store, as the
        # calendar write API will, and restart: it must be applied.
        nonlocal d
        db = sqlite3.connect(os.path.join(tmp, "baotri.db"))
        with db:
            db.execute("INSERT INTO holiday_overrides (day, kind, name, source,"
                       " created_at, updated_at) VALUES ('2026-11-24', 'off',"
                       " 'Ngày Văn hóa Việt Nam', 'test', 1, 1)")
            db.execute("UPDATE calendar_state SET changed_at = 1800000000")
        db.close()
        st, h, before = d.get("/holidays.ics?year=2026")
        assert d.stop() == 0
        d = box[0] = Daemon(tmp)
        st, j = d.json("/api/v1/holidays" + q(year=2026))
        day = [x for x in j["days"] if x["date"] == "2026-11-24"]
        assert day and day[0]["layer"] == "override" and not day[0]["working"], day
        assert j["working_days"] == 249
        st, j = d.json("/api/v1/calendar/earliest-start" +
                       q(notice_at="2026-11-20T10:00:00+07:00"))
        assert j["working_days"][:2] == ["2026-11-23", "2026-11-25"], j
        st, h, after = d.get("/holidays.ics?year=2026")
        assert after != before and b"20261124" in after
    check("an override in the store survives a restart and changes the rule",
          override_persists_restart)

    def config_file():
        cdir = tempfile.mkdtemp(prefix="baotri-cfg-")
        conf = os.path.join(cdir, "baotri.ini")
        open(conf, "w").write(
            "[server]\nlisten = 127.0.0.1:1\n"
            "[store]\ndata_dir = %s\nshare_dir = %s\n"
            "[notice]\nworking_days = 5\ncount_swapped_saturdays = no\n"
            "timezone = Asia/Ho_Chi_Minh\n"
            "[mail]\nfrom = Trung tâm Thông tin <noreply@example.gov.vn>\n"
            % (cdir, os.path.join(TOP, "data")))
        c = Daemon(cdir, config=conf)   # --listen overrides the file
        try:
            st, j = c.json("/api/v1/calendar/earliest-start" +
                           q(notice_at="2026-01-07T10:00:00+07:00"))
            assert j["earliest_start"] == "2026-01-15T00:00:00+07:00", j
            assert j["rule"]["count_swapped_saturdays"] is False
        finally:
            c.stop()
        open(conf, "a").write("[notice]\nworkin_days = 5\n")
        r = subprocess.run([BAOTRID, "-c", conf], capture_output=True, text=True,
                           timeout=20)
        assert r.returncode != 0
        assert "unknown setting [notice] workin_days" in r.stderr, r.stderr
        assert "baotri.ini:" in r.stderr
        r = subprocess.run([BAOTRID, "--data-dir", cdir, "--listen", "nowhere"],
                           capture_output=True, text=True, timeout=20)
        assert r.returncode != 0 and "bad listen address" in r.stderr, r.stderr
    check("config file: settings apply, flags override, typos refused", config_file)


if __name__ == "__main__":
    sys.exit(main())
