#!/usr/bin/python3
"""web_test.py - the feeds and the public pages of the real baotrid.

The calendar feeds read by two independent parsers (python3-icalendar and
Mozilla's ical.js), ETag/Last-Modified/304, a cancelled maintenance kept as
STATUS:CANCELLED for 30 days and then gone, a unit's private feed and its
revocation, Atom and RSS read by an XML parser, the server-rendered pages in
both languages with everything escaped, the subscription form without
JavaScript, and the console's files.  A real SMTP server (aiosmtpd) takes
the notices; the daemon runs on a test clock.  Ends "N passed, N failed".
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

import icalendar

from harness import TOP, check, finish, free_port
from notify_test import END, START, Relay, World, link, parts

ATOM = "{http://www.w3.org/2005/Atom}"


def utc(s):
    return datetime.datetime.fromisoformat(s).astimezone(datetime.timezone.utc)


def ical_js(body):
    with tempfile.NamedTemporaryFile("wb", suffix=".ics", delete=False) as f:
        f.write(body)
    out = subprocess.run(["node", os.path.join(TOP, "tests", "integration",
                                               "ics_feed.js"), f.name],
                         capture_output=True, text=True, timeout=30)
    os.unlink(f.name)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def events(body):
    cal = icalendar.Calendar.from_ical(body)
    return cal, [c for c in cal.walk("VEVENT")]


def main():
    relay = Relay(free_port())
    relay.start()
    w = World(relay.port)
    try:
        run(w, relay)
    finally:
        w.d.stop()
        relay.stop()
    return finish()


def run(w, relay):
    d = w.d
    st = {}

    def setup():
        for slug, name, en in (("portal", "Cổng Thông tin điện tử", "Web portal"),
                               ("dvc", "Cổng Dịch vụ công", "Public services")):
            s, j = w.call("ed", "/api/v1/components", "POST",
                          {"slug": slug, "name": name, "name_en": en})
            assert s == 201, j
        s, j = w.call("ed", "/api/v1/units", "POST", {
            "name": "Vụ Pháp chế", "components": ["portal"],
            "contacts": [{"name": "A1", "email": "a1@example.gov.vn"}]})
        assert s == 201, j
        st["unit"] = j["id"]
        st["a"] = w.maintenance(["portal"], title="Nâng cấp <script>x</script>",
                                title_en="Upgrade & move", description="Dòng 1\nDòng 2")
        st["b"] = w.maintenance(["dvc"], title="Bảo trì DVC",
                                start="2026-12-15T21:00:00+07:00",
                                end="2026-12-15T23:00:00+07:00")
        s, j = w.call("ed", "/api/v1/maintenances", "POST", {
            "title": "Bản nháp bí mật", "components": ["portal"],
            "start": START, "end": END})
        assert s == 201, j
        st["draft"] = j["id"]
    check("setup: two published maintenances and a draft", setup)

    def calendar_feed():
        s, h, b = d.get("/calendar.ics")
        assert s == 200 and h["Content-Type"].startswith("text/calendar"), (s, h)
        cal, evs = events(b)
        assert str(cal["METHOD"]) == "PUBLISH"
        assert len(cal.walk("VTIMEZONE")) == 1
        assert sorted(str(e["SUMMARY"]) for e in evs) == sorted(
            ["Nâng cấp <script>x</script>", "Bảo trì DVC"]), evs
        a = [e for e in evs if "script" in str(e["SUMMARY"])][0]
        assert a["DTSTART"].dt.astimezone(datetime.timezone.utc) == utc(START)
        assert a["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
        assert "ORGANIZER" not in a and "ATTENDEE" not in a
        assert str(a["URL"]).endswith("/maintenances/%d" % st["a"])
        js = ical_js(b)
        assert js["method"] == "PUBLISH" and len(js["events"]) == 2, js
        e = [x for x in js["events"] if "script" in x["summary"]][0]
        assert e["start"] == utc(START).strftime("%Y-%m-%dT%H:%M:%S.000Z"), e
        assert e["status"] == "CONFIRMED"
        assert "Bản nháp".encode() not in b
        st["etag"] = h["ETag"]
        st["lastmod"] = h["Last-Modified"]
    check("/calendar.ics: PUBLISH with its VTIMEZONE, the published events "
          "only, read alike by python3-icalendar and ical.js", calendar_feed)

    def conditional():
        s, h, b = d.get("/calendar.ics", headers={"If-None-Match": st["etag"]})
        assert s == 304 and b == b"", (s, b[:80])
        s, h, b = d.get("/calendar.ics", headers={"If-Modified-Since": st["lastmod"]})
        assert s == 304 and b == b"", (s, b[:80])
        s, h, b = d.get("/calendar.ics", headers={"If-None-Match": '"other"',
                                                  "If-Modified-Since": st["lastmod"]})
        assert s == 200 and h["ETag"] == st["etag"]
        assert "max-age" in h["Cache-Control"]
        s, j = w.call("ed", "/api/v1/maintenances/%d" % st["a"], "PATCH",
                      {"title": "Nâng cấp máy chủ (đã dời)"})
        assert s == 200, j
        s, h, b = d.get("/calendar.ics", headers={"If-None-Match": st["etag"]})
        assert s == 200 and h["ETag"] != st["etag"], h
        _, evs = events(b)
        a = [e for e in evs if "dời" in str(e["SUMMARY"])][0]
        assert int(a["SEQUENCE"]) == 1, a
    check("ETag, Last-Modified and 304 (If-None-Match wins); a change gives a new "
          "ETag and SEQUENCE+1", conditional)

    def component_feed():
        s, h, b = d.get("/components/dvc/calendar.ics")
        cal, evs = events(b)
        assert s == 200 and [str(e["SUMMARY"]) for e in evs] == ["Bảo trì DVC"]
        assert str(cal["X-WR-CALNAME"]) == "Cổng Dịch vụ công"
        s, h, b = d.get("/components/nope/calendar.ics")
        assert s == 404, s
        s, h, b = d.get("/calendar.ics?x=1")
        assert s == 400, s
    check("/components/{slug}/calendar.ics: that component only; unknown 404",
          component_feed)

    def unit_feed():
        s, j = w.call("ed", "/api/v1/units/%d/feed-token" % st["unit"])
        assert s == 200, j
        path = urllib.parse.urlparse(j["feed_url"]).path
        # The unit's announcement carries the same link.
        assert relay.wait(lambda ms: any(r == "a1@example.gov.vn" for r, _ in ms))
        msg, _ = parts(relay.to("a1@example.gov.vn")[0])
        assert link(msg, "/units/") == path, (link(msg, "/units/"), path)
        s, h, b = d.get(path)
        _, evs = events(b)
        assert s == 200 and len(evs) == 1 and "dời" in str(evs[0]["SUMMARY"]), b
        s, j = w.call("ed", "/api/v1/units/%d/feed-token" % st["unit"], "POST")
        assert s == 200 and j["generation"] == 1, j
        s, h, b = d.get(path)
        assert s == 404, "the old link is revoked"
        s, h, b = d.get(urllib.parse.urlparse(j["feed_url"]).path)
        assert s == 200
        tampered = path.replace("/units/%d." % st["unit"], "/units/%d." % (st["unit"] + 1))
        assert d.get(tampered)[0] == 404
        assert d.get("/units/garbage/calendar.ics")[0] == 404
        s, j = w.call("ed", "/api/v1/units/999/feed-token", "POST")
        assert s == 404, j
    check("unit feed: a signed private link, in the unit's notices; rotated = "
          "the old one revoked",
          unit_feed)

    def atom_rss():
        s, h, b = d.get("/feed.atom")
        assert s == 200 and "atom+xml" in h["Content-Type"]
        root = ET.fromstring(b)
        entries = root.findall(ATOM + "entry")
        assert len(entries) == 2, b
        titles = [e.find(ATOM + "title").text for e in entries]
        assert "Nâng cấp máy chủ (đã dời)" in titles, titles
        s, h, b = d.get("/feed.rss?lang=en")
        root = ET.fromstring(b)
        items = root.findall("./channel/item")
        assert root.find("./channel/language").text == "en"
        assert sorted(i.find("title").text for i in items) == sorted(
            ["Upgrade & move", "Bảo trì DVC"]), [i.find("title").text for i in items]
        s, h, b = d.get("/components/portal/feed.atom")
        assert len(ET.fromstring(b).findall(ATOM + "entry")) == 1
    check("Atom and RSS: well-formed XML, the same maintenances, English by "
          "?lang=en", atom_rss)

    def pages():
        s, j = w.call("ed", "/api/v1/maintenances/%d" % st["b"], "PATCH",
                      {"title": "<img src=x onerror=alert(1)>"})
        assert s == 200, j
        s, h, b = d.get("/")
        assert s == 200 and h["Content-Type"].startswith("text/html")
        assert "script-src" not in h["Content-Security-Policy"] and \
            "default-src 'none'" in h["Content-Security-Policy"]
        t = b.decode()
        assert '<html lang="vi">' in t and "Sắp tới" in t
        assert "<img src=x" not in t and "&lt;img src=x onerror=alert(1)&gt;" in t
        assert "10 ngày làm việc" in t or "ngày làm việc" in t
        assert "webcal://status.example.gov.vn/calendar.ics" in t
        assert "Bản nháp" not in t
        s, h, b = d.get("/?lang=en")
        t = b.decode()
        assert '<html lang="en">' in t and "Upcoming" in t and "Upgrade &amp; move" in t
        s, h, b = d.get("/maintenances/%d" % st["a"])
        t = b.decode()
        assert s == 200 and "Cập nhật" in t and "Thông báo" in t, t[-1500:]
        assert d.get("/maintenances/%d" % st["draft"])[0] == 404
        assert d.get("/maintenances/abc")[0] == 404
        assert d.get("/history")[0] == 200
        assert d.get("/?lang=en&x=1")[0] == 400
        # Kept between changes (ETag, 304), never stale after one.
        s, h, b = d.get("/")
        etag = h["ETag"]
        assert d.get("/", headers={"If-None-Match": etag})[0] == 304
        s, j = w.call("ed", "/api/v1/maintenances/%d" % st["b"], "PATCH",
                      {"title": "Bảo trì DVC (giờ mới)"})
        assert s == 200, j
        s, h, b = d.get("/", headers={"If-None-Match": etag})
        assert s == 200 and h["ETag"] != etag and "giờ mới".encode() in b
    check("pages: status, maintenance and history pages in Vietnamese and "
          "English, every text escaped, drafts never shown; kept with an ETag "
          "until the next change", pages)

    def subscribe_form():
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        s, h, b = d.get("/subscribe", method="POST", headers=form,
                        body=b"email=not-an-address&all=1&language=vi")
        assert s == 400 and b"not an e-mail address" in b and b"<form" in b, b[-600:]
        s, h, b = d.get("/subscribe", method="POST", headers=form,
                        body=b"email=x%0D%0ABcc%3A+y%40example.org%40example.org&all=1")
        assert s == 400, s
        s, h, b = d.get("/subscribe", method="POST", headers=form, body=b"email=%zz")
        assert s == 400, s
        s, h, b = d.get("/subscribe", method="POST", headers=form,
                        body=b"email=web%40example.org&components=dvc&language=en")
        assert s == 202 and "kiểm tra hộp thư".encode() in b, b
        assert relay.wait(lambda ms: any(r == "web@example.org" for r, _ in ms))
        s, h, b = d.get("/subscribe", method="POST", headers=form,
                        body=b"email=web2%40example.org&components=nope")
        assert s == 400 and b"unknown component" in b
    check("subscribe form (no JavaScript): errors named on the form; a good one "
          "sends the confirmation", subscribe_form)

    def manage():
        msg, _ = parts(relay.to("web@example.org")[0])
        path = link(msg, "/subscribe/confirm/")
        assert d.get(path, method="POST", body=b"")[0] == 200
        w.maintenance(["dvc"], title="Bảo trì DVC lần 2",
                      start="2026-12-17T21:00:00+07:00",
                      end="2026-12-17T22:00:00+07:00")
        assert relay.wait(lambda ms: len([1 for r, _ in ms if r == "web@example.org"]) >= 2)
        msg, _ = parts(relay.to("web@example.org")[1])
        path = link(msg, "/subscribe/manage/")
        s, h, b = d.get(path)
        t = b.decode()
        assert s == 200 and 'value="dvc" checked' in t and 'value="portal">' in t, t
        assert 'value="en" checked' in t and "web@example.org" in t
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        s, h, b = d.get(path, method="POST", headers=form, body=b"language=vi")
        assert s == 400 and "chọn ít nhất".encode() in b
        s, h, b = d.get(path, method="POST", headers=form,
                        body=b"language=vi&components=portal&components=dvc")
        assert s == 200 and "Đã lưu".encode() in b, b
        s, j = w.call("ad", "/api/v1/subscribers")
        sub = j["subscribers"][0]
        assert sub["language"] == "vi" and sorted(sub["components"]) == ["dvc", "portal"], sub
        import sqlite3
        db = sqlite3.connect(os.path.join(w.tmp, "baotri.db"))
        acts = [a for (a,) in db.execute("SELECT action FROM consent_log ORDER BY id")]
        assert acts == ["requested", "confirmed", "changed"], acts
        assert d.get(path.replace("/manage/", "/manage/x"))[0] == 404
    check("manage: the link in a notice shows the choice; a change is saved "
          "and logged as consent", manage)

    def cancelled_kept_30_days():
        s, j = w.call("ap", "/api/v1/maintenances/%d" % st["b"])
        seq = j["sequence"]
        s, j = w.call("ap", "/api/v1/maintenances/%d/cancel" % st["b"], "POST",
                      {"reason": "Dời lịch"})
        assert s == 200, j
        s, h, b = d.get("/calendar.ics")
        _, evs = events(b)
        c = [e for e in evs if str(e["STATUS"]) == "CANCELLED"]
        assert len(c) == 1 and int(c[0]["SEQUENCE"]) == seq + 1, evs
        js = ical_js(b)
        assert sorted(x["status"] for x in js["events"]) == [
            "CANCELLED", "CONFIRMED", "CONFIRMED"], js
        w.set_clock("2026-12-20 09:00")
        time.sleep(1.2)
        s, h, b = d.get("/calendar.ics")
        _, evs = events(b)
        assert len([e for e in evs if str(e["STATUS"]) == "CANCELLED"]) == 1
        w.set_clock("2026-12-26 09:00")
        time.sleep(1.2)
        s, h, b = d.get("/calendar.ics")
        _, evs = events(b)
        assert len([e for e in evs if str(e["STATUS"]) == "CANCELLED"]) == 0, evs
        assert len(evs) == 2
    check("a cancelled maintenance stays STATUS:CANCELLED (SEQUENCE+1) for "
          "30 days, then leaves the feed", cancelled_kept_30_days)

    def console_files():
        s, h, b = d.get("/admin")
        assert s == 200 and b"app.js" in b
        assert "script-src 'self'" in h["Content-Security-Policy"]
        s, h, b = d.get("/assets/app.js")
        assert s == 200 and h["Content-Type"].startswith("text/javascript")
        s2, h2, b2 = d.get("/assets/app.js", headers={"If-None-Match": h["ETag"]})
        assert s2 == 304 and b2 == b""
        assert d.get("/assets/..%2Fapi.c")[0] == 404
        assert d.get("/assets/nope.js")[0] == 404
        s, j = w.call("ed", "/api/v1/settings")
        assert s == 200 and j["notice"]["working_days"] == 5 and j["four_eyes"] is True
        assert "password" not in json.dumps(j).replace("password_file", "")
        s, j = w.call("ad", "/api/v1/subscribers")
        assert s == 200 and [x["email"] for x in j["subscribers"]] == ["web@example.org"], j
    check("console: its files with a strict CSP and ETags; settings without "
          "secrets; the subscriber list", console_files)


if __name__ == "__main__":
    sys.exit(main())
