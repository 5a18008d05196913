#!/usr/bin/python3
"""notify_test.py - the notifier of the real baotrid against a real SMTP
server on loopback (python3-aiosmtpd): who gets mail, what the mail is
(Python's email parser finds no defect; python3-icalendar and Mozilla's
ical.js read the invite), how updates and cancellations follow, how a relay
that answers 451, 550 or nothing is handled, that a CR/LF in user text
never becomes a header, and that a kill -9 in the middle of a fan-out to
1,000 recipients loses nothing.  The daemon runs on its test clock, which
the test moves to make retries due.  Ends with "N passed, N failed".
"""
import datetime
import email
import email.policy
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

import icalendar
from aiosmtpd.controller import Controller

from harness import TOP, Daemon, admin, check, finish, free_port

TZ = datetime.timezone(datetime.timedelta(hours=7))
START = "2026-12-10T22:00:00+07:00"
END = "2026-12-11T02:00:00+07:00"


class Relay:
    """An SMTP server that records messages and answers as told."""

    def __init__(self, port, **smtp):
        self.port = port
        self.smtp = smtp               # aiosmtpd options (TLS, AUTH)
        self.sessions = []             # (rcpt, TLS in use, authenticated user)
        self.lock = threading.Lock()
        self.messages = []             # (rcpt, bytes)
        self.script = {}               # rcpt -> list of replies to DATA
        self.reject = {}               # rcpt -> reply to RCPT
        self.n = 0
        self.controller = None

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.reject:
            return self.reject[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        rcpt = envelope.rcpt_tos[0]
        with self.lock:
            todo = self.script.get(rcpt)
            if todo:
                reply = todo.pop(0)
                if not reply.startswith("250"):
                    return reply
            self.n += 1
            self.messages.append((rcpt, envelope.content))
            login = session.auth_data if session.authenticated else None
            self.sessions.append((rcpt, session.ssl is not None, login))
            return "250 2.0.0 Ok: queued as Q%05d" % self.n

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port,
                                     **self.smtp)
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def to(self, rcpt):
        with self.lock:
            return [m for r, m in self.messages if r == rcpt]

    def wait(self, test, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            with self.lock:
                if test(self.messages):
                    return True
            time.sleep(0.05)
        return False


def at(s):
    return int(datetime.datetime.strptime(s, "%Y-%m-%d %H:%M")
               .replace(tzinfo=TZ).timestamp())


class World:
    def __init__(self, relay_port, workers=2, mail="relay = 127.0.0.1:%d\ntls = none\n"):
        self.tmp = tempfile.mkdtemp(prefix="baotri-notify-")
        self.clock = os.path.join(self.tmp, "clock")
        self.set_clock("2026-11-25 09:00")
        self.conf = os.path.join(self.tmp, "baotri.ini")
        with open(self.conf, "w") as f:
            f.write(("[server]\npublic_url = https://status.example.gov.vn\n"
                     "[store]\ndata_dir = %s\nshare_dir = %s\n"
                     "[mail]\nfrom = Trung tâm Thông tin <noreply@example.gov.vn>\n"
                     "workers = %d\nadmin_alerts = ops@example.gov.vn\n"
                     % (self.tmp, os.path.join(TOP, "data"), workers))
                    + mail % relay_port)
        self.tokens = {}
        for name, role in (("ed", "editor"), ("ap", "approver"), ("ad", "admin")):
            admin(self.tmp, "user", "add", name, "--role", role,
                  stdin="password-of-" + name + "\n")
            self.tokens[name] = admin(self.tmp, "token", "create", name).stdout.strip()
        self.start()

    def start(self):
        self.d = Daemon(self.tmp, config=self.conf,
                        extra=["--test-clock", self.clock])

    def set_clock(self, s):
        with open(self.clock + ".new", "w") as f:
            f.write(str(at(s)))
        os.rename(self.clock + ".new", self.clock)

    def call(self, who, path, method="GET", body=None):
        if method == "POST" and body is None:
            body = {}
        return self.d.json(path, method=method, body=body,
                           headers={"Authorization": "Bearer " + self.tokens[who]})

    def maintenance(self, components, **kw):
        body = {"title": "Nâng cấp máy chủ", "components": components,
                "start": START, "end": END}
        body.update(kw)
        st, j = self.call("ed", "/api/v1/maintenances", "POST", body)
        assert st == 201, j
        mid = j["id"]
        st, j = self.call("ed", "/api/v1/maintenances/%d/submit" % mid, "POST")
        assert st == 200, j
        st, j = self.call("ap", "/api/v1/maintenances/%d/approve" % mid, "POST")
        assert st == 200, j
        return mid

    def deliveries(self, mid):
        st, j = self.call("ap", "/api/v1/maintenances/%d/deliveries" % mid)
        assert st == 200, j
        return j


def parts(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return msg, list(msg.walk())


def check_message(raw, rcpt, method, sequence, uid=None, start=START):
    msg, walk = parts(raw)
    assert not msg.defects and all(not p.defects for p in walk), \
        [p.defects for p in walk]
    assert msg["To"].addresses[0].addr_spec == rcpt, msg["To"]
    assert msg["From"].addresses[0].addr_spec == "noreply@example.gov.vn"
    assert msg["From"].addresses[0].display_name == "Trung tâm Thông tin"
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["List-Id"] == "<maintenance.status.example.gov.vn>"
    assert msg["Message-ID"].startswith("<baotri.")
    assert msg.get_content_type() == "multipart/mixed"
    assert walk[1].get_content_type() == "multipart/alternative"
    kinds = [p.get_content_type() for p in walk]
    assert kinds == ["multipart/mixed", "multipart/alternative", "text/plain",
                     "text/html", "text/calendar", "application/ics"], kinds
    cal_part, att = walk[4], walk[5]
    assert cal_part.get_param("method") == method, cal_part["Content-Type"]
    assert cal_part.get_content_charset() == "utf-8"
    assert att.get_filename() == "invite.ics"
    ics = cal_part.get_payload(decode=True)
    assert ics == att.get_payload(decode=True)
    cal = icalendar.Calendar.from_ical(ics)
    assert str(cal["METHOD"]) == method
    ev = cal.walk("VEVENT")[0]
    assert int(ev["SEQUENCE"]) == sequence, ev["SEQUENCE"]
    if uid is not None:
        assert str(ev["UID"]) == uid
    want = datetime.datetime.fromisoformat(start).astimezone(datetime.timezone.utc)
    assert ev["DTSTART"].dt.astimezone(datetime.timezone.utc) == want, ev["DTSTART"].dt
    assert ev["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(ev["ORGANIZER"]).lower() == "mailto:noreply@example.gov.vn"
    assert str(ev["ATTENDEE"]).lower() == "mailto:" + rcpt
    assert ev["ATTENDEE"].params["RSVP"] == "FALSE"
    assert str(ev["STATUS"]) == ("CANCELLED" if method == "CANCEL" else "CONFIRMED")
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Asia/Ho_Chi_Minh"
    # Mozilla's parser, as Thunderbird reads it.
    path = tempfile.mktemp(suffix=".ics")
    with open(path, "wb") as f:
        f.write(ics)
    out = subprocess.run(["node", os.path.join(TOP, "tests", "integration",
                                               "ics_event.js"), path],
                         capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, NODE_PATH=os.path.join(
                             TOP, "tests", "node_modules")))
    os.unlink(path)
    assert out.returncode == 0, out.stderr
    js = json.loads(out.stdout)
    assert js["method"] == method and js["sequence"] == sequence, js
    assert js["start"] == want.strftime("%Y-%m-%dT%H:%M:%S.000Z"), js
    assert js["uid"] == str(ev["UID"])
    return msg, str(ev["UID"])


def tls_auth():
    """A relay that demands STARTTLS and AUTH PLAIN, with a certificate of
    a private CA: refused while baotrid trusts only the system's CAs
    (nothing sent in clear, the reason visible), delivered once [mail]
    ca_file names that CA."""
    import ssl
    from aiosmtpd.smtp import AuthResult, LoginPassword

    tmp = tempfile.mkdtemp(prefix="baotri-tls-")
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost"],
                   check=True, capture_output=True, timeout=60)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    password = "mật-khẩu"

    def authenticator(server, session, envelope, mechanism, data):
        ok = (isinstance(data, LoginPassword) and data.login == b"baotri" and
              data.password == password.encode())
        return AuthResult(success=ok, auth_data=data.login if ok else None)
    relay = Relay(free_port(), tls_context=ctx, require_starttls=True,
                  auth_required=True, authenticator=authenticator)
    relay.start()
    with open(os.path.join(tmp, "password"), "w") as f:
        f.write(password + "\n")
    mail = ("relay = localhost:%d\ntls = starttls\nuser = baotri\n"
            "password_file = " + os.path.join(tmp, "password") + "\n")
    w = World(relay.port, mail=mail)

    def run_it():
        st, j = w.call("ed", "/api/v1/components", "POST",
                       {"slug": "mail", "name": "Thư"})
        assert st == 201, j
        st, j = w.call("ed", "/api/v1/units", "POST", {
            "name": "Vụ T", "components": ["mail"],
            "contacts": [{"name": "T", "email": "tls@example.gov.vn"}]})
        assert st == 201, j
        mid = w.maintenance(["mail"])
        deadline = time.time() + 20
        while time.time() < deadline and \
                not any(x["attempts"] for x in w.deliveries(mid)["deliveries"]):
            time.sleep(0.1)
        d = w.deliveries(mid)["deliveries"][0]
        assert d["state"] == "pending" and d["attempts"] >= 1, d
        assert "certificate is not trusted" in d["last_reply"], d
        assert relay.messages == [], relay.sessions     # nothing sent in clear
        w.d.stop()
        with open(w.conf, "a") as f:
            f.write("ca_file = %s\n" % cert)
        w.set_clock("2026-11-25 09:20")      # past the backoff
        w.start()
        assert relay.wait(lambda ms: any(r == "tls@example.gov.vn" for r, _ in ms)), \
            w.deliveries(mid)
        assert relay.sessions and all(tls and user == b"baotri"
                                      for _, tls, user in relay.sessions), \
            relay.sessions
        assert len(relay.to("tls@example.gov.vn")) == 1
        check_message(relay.to("tls@example.gov.vn")[0], "tls@example.gov.vn",
                      "REQUEST", 0)
        deadline = time.time() + 20
        while time.time() < deadline and \
                w.deliveries(mid)["deliveries"][0]["state"] != "sent":
            time.sleep(0.1)
        assert w.deliveries(mid)["deliveries"][0]["state"] == "sent"
    try:
        check("relay with STARTTLS and AUTH PLAIN: refused while its CA is "
              "not trusted, delivered once [mail] ca_file names it", run_it)
    finally:
        w.d.stop()
        relay.stop()


def main():
    relay = Relay(free_port())
    relay.start()
    w = World(relay.port)
    state = {}
    try:
        run(w, relay, state)
        public(w, relay, state)
        webhooks(w, relay, state)
    finally:
        try:
            w.d.stop()
        except Exception:
            pass
        try:
            relay.stop()
        except Exception:
            pass
    fanout()
    tls_auth()
    return finish()


def run(w, relay, state):
    def setup():
        for slug, name in (("portal", "Cổng Thông tin điện tử"), ("dvc", "Dịch vụ công")):
            st, j = w.call("ed", "/api/v1/components", "POST",
                           {"slug": slug, "name": name})
            assert st == 201, j
        units = [("Vụ A", ["portal"], ["a1@example.gov.vn", "a2@example.gov.vn"]),
                 ("Vụ B", ["portal", "dvc"], ["b1@example.gov.vn", "a1@example.gov.vn"]),
                 ("Vụ C", ["dvc"], ["c1@example.gov.vn"])]
        for name, comps, mails in units:
            st, j = w.call("ed", "/api/v1/units", "POST", {
                "name": name, "components": comps,
                "contacts": [{"name": "Người " + m[:2], "email": m,
                              "language": "en" if m.startswith("b") else "vi"}
                             for m in mails]})
            assert st == 201, j
        st, j = w.call("ed", "/api/v1/units", "POST", {
            "name": "Vụ D", "components": ["portal"],
            "contacts": [{"name": "Evil", "email": "x@example.gov.vn\r\nBcc: e@x.com"}]})
        assert st == 400, j
    check("setup: units, contacts; a CR/LF in a contact is refused", setup)

    def announcement():
        mid = w.maintenance(["portal"], description="Dòng 1\nBcc: evil@example.com")
        state["m"] = mid
        want = {"a1@example.gov.vn", "a2@example.gov.vn", "b1@example.gov.vn"}
        assert relay.wait(lambda ms: {r for r, _ in ms} >= want)
        time.sleep(0.5)
        got = [r for r, _ in relay.messages]
        assert sorted(got) == sorted(want), got       # exactly, once each
        for rcpt in sorted(want):
            msg, uid = check_message(relay.to(rcpt)[0], rcpt, "REQUEST", 0)
            state.setdefault("uid", uid)
            assert uid == state["uid"]
            assert "Bcc" not in msg and b"\nBcc:" not in relay.to(rcpt)[0].split(b"\r\n\r\n")[0]
        msg, _ = parts(relay.to("a1@example.gov.vn")[0])
        assert str(msg["Subject"]) == ("[Thông báo bảo trì] Cổng Thông tin điện tử: "
                                       "tạm dừng từ 22:00 Thứ Năm 10/12/2026 đến "
                                       "02:00 Thứ Sáu 11/12/2026"), msg["Subject"]
        text = msg.get_body(("plain",)).get_content()
        assert "Điều 6 Quyết định 146/QĐ-BTTTT" in text and "Người a1" in text
        msg, _ = parts(relay.to("b1@example.gov.vn")[0])
        assert str(msg["Subject"]).startswith("[Planned maintenance] Cổng Thông tin"), msg["Subject"]
        html = msg.get_body(("html",)).get_content()
        assert "<!doctype html>" in html and "Decision 146" in html
    check("announcement: exactly the affected contacts, one invite each, parsed by "
          "email, python3-icalendar and ical.js", announcement)

    def update_and_cancel():
        mid = state["m"]
        st, j = w.call("ed", "/api/v1/maintenances/%d" % mid, "PATCH",
                       {"start": "2026-12-11T00:00:00+07:00"})
        assert st == 200 and j["sequence"] == 1, j
        assert relay.wait(lambda ms: len(ms) >= 6)
        for rcpt in ("a1@example.gov.vn", "a2@example.gov.vn", "b1@example.gov.vn"):
            msgs = relay.to(rcpt)
            msg, uid = check_message(msgs[1], rcpt, "REQUEST", 1,
                                     uid=state["uid"], start="2026-12-11T00:00:00+07:00")
            assert str(msg["Subject"]).startswith(("[Cập nhật]", "[Updated]")), msg["Subject"]
        st, j = w.call("ap", "/api/v1/maintenances/%d/cancel" % mid, "POST",
                       {"reason": "Hoãn lại"})
        assert st == 200 and j["status"] == "cancelled" and j["sequence"] == 2, j
        assert relay.wait(lambda ms: len(ms) >= 9)
        for rcpt in ("a1@example.gov.vn", "a2@example.gov.vn", "b1@example.gov.vn"):
            msg, uid = check_message(relay.to(rcpt)[2], rcpt, "CANCEL", 2,
                                     uid=state["uid"], start="2026-12-11T00:00:00+07:00")
            assert "Hoãn lại" in msg.get_body(("plain",)).get_content()
        # Results are recorded once the session ends: wait for the record.
        deadline = time.time() + 20
        while time.time() < deadline and w.deliveries(mid)["summary"]["sent"] < 9:
            time.sleep(0.05)
        j = w.deliveries(mid)
        assert j["summary"] == {"sent": 9, "pending": 0, "failed": 0}, j["summary"]
        d = j["deliveries"][0]
        assert d["state"] == "sent" and d["queue_id"].startswith("Q") and d["accepted_at"], d
        assert d["last_reply"].startswith("250"), d
        ids = {x["message_id"] for x in j["deliveries"]}
        assert len(ids) == 9
    check("update moves the event (SEQUENCE 1), cancellation removes it (CANCEL, 2)",
          update_and_cancel)

    def relay_answers():
        st, j = w.call("ed", "/api/v1/units", "POST", {
            "name": "Vụ E", "components": ["dvc"],
            "contacts": [{"name": "T", "email": "temp@example.gov.vn"},
                         {"name": "P", "email": "perm@example.gov.vn"}]})
        assert st == 201, j
        relay.script["temp@example.gov.vn"] = ["451 4.3.0 Try again later"]
        relay.reject["perm@example.gov.vn"] = "550 5.1.1 No such user"
        mid = w.maintenance(["dvc"], start="2026-12-14T22:00:00+07:00",
                            end="2026-12-14T23:00:00+07:00")
        state["m2"] = mid

        def states():
            return {x["recipient"]: x for x in w.deliveries(mid)["deliveries"]}
        deadline = time.time() + 30
        while time.time() < deadline:
            s = states()
            if s.get("perm@example.gov.vn", {}).get("state") == "failed" and \
                    s.get("temp@example.gov.vn", {}).get("attempts", 0) >= 1 and \
                    s.get("c1@example.gov.vn", {}).get("state") == "sent":
                break
            time.sleep(0.1)
        s = states()
        assert s["perm@example.gov.vn"]["state"] == "failed", s
        assert s["perm@example.gov.vn"]["last_reply"].startswith("550"), s
        assert s["temp@example.gov.vn"]["state"] == "pending", s
        assert s["temp@example.gov.vn"]["last_reply"].startswith("451"), s
        st, j = w.call("ap", "/api/v1/maintenances/%d" % mid)
        assert j["compliant"] is None and j["notice_at"] is None, j  # not all told
        w.set_clock("2026-11-25 09:10")           # past the backoff
        deadline = time.time() + 20
        while time.time() < deadline and states()["temp@example.gov.vn"]["state"] != "sent":
            time.sleep(0.1)
        s = states()
        assert s["temp@example.gov.vn"]["state"] == "sent", s
        assert s["temp@example.gov.vn"]["attempts"] == 2, s
        assert len(relay.to("temp@example.gov.vn")) == 1      # delivered once
        st, j = w.call("ed", "/api/v1/maintenances/%d/resend" % mid, "POST")
        assert st == 200 and j["requeued"] == 1, j
        deadline = time.time() + 20
        while time.time() < deadline and states()["perm@example.gov.vn"]["attempts"] < 2:
            time.sleep(0.1)
        assert states()["perm@example.gov.vn"]["state"] == "failed"
    check("relay answers: 451 then 250 delivered once; 550 failed and visible; resend",
          relay_answers)

    def relay_down():
        relay.stop()
        mid = w.maintenance(["dvc"], start="2026-12-16T22:00:00+07:00",
                            end="2026-12-16T23:00:00+07:00", title="Khi relay tắt")
        time.sleep(1.5)
        d = w.deliveries(mid)
        assert d["summary"]["sent"] == 0 and d["summary"]["pending"] >= 1, d
        assert all(x["attempts"] >= 1 for x in d["deliveries"]), d
        relay.start()
        w.set_clock("2026-11-25 09:30")
        deadline = time.time() + 20
        while time.time() < deadline and \
                w.deliveries(mid)["summary"]["pending"] > 0:
            time.sleep(0.1)
        d = w.deliveries(mid)["summary"]
        assert d["pending"] == 0 and d["sent"] >= 2, d
        # The admins hear of it once the relay is back.
        assert relay.wait(lambda ms: any(r == "ops@example.gov.vn" and
                                         b"relay_alert" in m for r, m in ms))
        alerts = [parts(m)[0] for m in relay.to("ops@example.gov.vn")
                  if b"relay_alert" in m]
        assert len(alerts) == 1 and "không nhận thư" in str(alerts[0]["Subject"])
    check("relay down, then up: delivered later; the admins alerted once", relay_down)

    def admin_alert():
        # Days off added after publication leave m2 without enough notice.
        ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//x//EN\r\n"
               "BEGIN:VEVENT\r\nUID:off\r\nDTSTAMP:20261101T000000Z\r\n"
               "DTSTART;VALUE=DATE:20261126\r\nDTEND;VALUE=DATE:20261212\r\n"
               "SUMMARY:Nghỉ thử\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        st, h, b = w.d.get("/api/v1/holidays/import", method="POST",
                           headers={"Authorization": "Bearer " + w.tokens["ed"],
                                    "Content-Type": "text/calendar"},
                           body=ics.encode())
        assert st == 200, b
        assert relay.wait(lambda ms: any(r == "ops@example.gov.vn" and
                                         b"admin_alert" in m for r, m in ms))
        msg = [parts(m)[0] for m in relay.to("ops@example.gov.vn")
               if b"admin_alert" in m][0]
        assert str(msg["Subject"]).startswith("[Cảnh báo] Lịch bảo trì"), msg["Subject"]
        assert "2026-11-25" in msg.get_body(("plain",)).get_content()
        st, h, b = w.d.get("/api/v1/holidays/import", method="POST",
                           headers={"Authorization": "Bearer " + w.tokens["ed"],
                                    "Content-Type": "text/calendar"},
                           body=ics.replace("SUMMARY:Nghỉ thử", "SUMMARY:Đi làm\r\n"
                                            "X-BAOTRI-KIND:clear").encode())
        assert st == 200, b
    check("a calendar change that breaks a notice mails the admins", admin_alert)

    def reminder():
        # m2 starts Mon 14 Dec 22:00: the last working day before it is
        # Fri 11 Dec; the reminder goes at 09:00 that day, not before.
        n = len(relay.to("c1@example.gov.vn"))
        w.set_clock("2026-12-11 08:59")
        time.sleep(1.5)
        assert len(relay.to("c1@example.gov.vn")) == n
        w.set_clock("2026-12-11 09:00")
        assert relay.wait(lambda ms: len([1 for r, _ in ms if r == "c1@example.gov.vn"]) > n)
        msg, _ = parts(relay.to("c1@example.gov.vn")[n])
        assert str(msg["Subject"]).startswith("[Nhắc lịch bảo trì] Dịch vụ công"), msg["Subject"]
        assert "text/calendar" not in [p.get_content_type() for p in msg.walk()]
        w.set_clock("2026-12-11 10:00")
        time.sleep(1.5)
        reminders = [m for m in relay.to("c1@example.gov.vn")
                     if "Nhắc lịch" in str(parts(m)[0]["Subject"])]
        assert len(reminders) == 1, len(reminders)   # once only
        w.set_clock("2026-11-25 09:40")
    check("reminder: at 09:00 on the last working day before the start, once", reminder)

    def compliance_uses_relay_time():
        st, j = w.call("ap", "/api/v1/reports/compliance?from=2026-12-14&to=2026-12-14")
        row = [r for r in j["maintenances"] if r["id"] == state["m2"]][0]
        assert row["notice_source"] == "relay", row
        units = {u["name"]: u["notified_at"] for u in row["units"]}
        # Vụ E's first acceptance came with the 09:10 retry.
        assert units["Vụ E"] == "2026-11-25T09:10:00+07:00", units
        assert row["notice_at"] == "2026-11-25T09:10:00+07:00", row
        assert row["compliant"] is True, row
    check("compliance: the notice time is the relay's first acceptance per unit",
          compliance_uses_relay_time)

    def undelivered_alert():
        st, j = w.call("ed", "/api/v1/components", "POST", {"slug": "kho", "name": "Kho dữ liệu"})
        assert st == 201, j
        st, j = w.call("ed", "/api/v1/units", "POST", {
            "name": "Vụ F", "components": ["kho"],
            "contacts": [{"name": "B", "email": "bounce@example.gov.vn"}]})
        assert st == 201, j
        relay.reject["bounce@example.gov.vn"] = "550 5.1.1 Mailbox unavailable"
        mid = w.maintenance(["kho"], start="2026-12-17T22:00:00+07:00",
                            end="2026-12-17T23:00:00+07:00", title="Không tới được")
        w.set_clock("2026-12-08 12:00")          # the day before the deadline
        time.sleep(1.5)
        assert not any(b"undelivered_alert" in m for m in relay.to("ops@example.gov.vn"))
        w.set_clock("2026-12-09 00:00")          # the deadline (9 Dec) has come
        assert relay.wait(lambda ms: any(r == "ops@example.gov.vn" and
                                         b"undelivered_alert" in m for r, m in ms))
        msg = [parts(m)[0] for m in relay.to("ops@example.gov.vn")
               if b"undelivered_alert" in m][0]
        assert "chưa đến được mọi đơn vị" in str(msg["Subject"]), msg["Subject"]
        assert "1 of 1 affected units" in msg.get_body(("plain",)).get_content()
        w.set_clock("2026-11-25 09:45")
    check("admins are alerted when the deadline comes and a unit was not told",
          undelivered_alert)


def link(msg, prefix):
    """The path of the first link in a message's text part with prefix."""
    import re
    text = msg.get_body(("plain",)).get_content()
    m = re.search(r"https://status\.example\.gov\.vn(" + prefix + r"[^\s]+)", text)
    assert m, text
    return m.group(1)


def public(w, relay, state):
    def subscribe():
        st, j = w.d.json("/api/v1/subscribers", method="POST", body={
            "email": "pub@example.org", "components": ["portal"], "language": "vi"})
        assert st == 202, j
        same = j
        assert relay.wait(lambda ms: any(r == "pub@example.org" for r, _ in ms))
        msg, _ = parts(relay.to("pub@example.org")[0])
        assert not msg.defects
        assert str(msg["Subject"]) == "Xác nhận đăng ký nhận thông báo bảo trì"
        assert msg.get_content_type() == "multipart/mixed"
        assert "text/calendar" not in [p.get_content_type() for p in msg.walk()]
        state["confirm"] = link(msg, "/subscribe/confirm/")
        # Not confirmed yet: a maintenance on portal sends it nothing.
        mid = w.maintenance(["portal"], start="2026-12-21T22:00:00+07:00",
                            end="2026-12-21T23:00:00+07:00", title="Trước xác nhận")
        assert relay.wait(lambda ms: len([1 for r, m in ms if b"Tr" in m and
                                          r == "a2@example.gov.vn"]) >= 4)
        time.sleep(1)
        assert len(relay.to("pub@example.org")) == 1
        # Same answer for an unknown and a known address; bad input is 400.
        st, j = w.d.json("/api/v1/subscribers", method="POST", body={
            "email": "other@example.org", "components": "all"})
        assert st == 202 and j == same, (j, same)
        st, j = w.d.json("/api/v1/subscribers", method="POST", body={
            "email": "not an address", "components": "all"})
        assert st == 400 and j["error"]["field"] == "email", j
        st, j = w.d.json("/api/v1/subscribers", method="POST", body={
            "email": "x@example.org", "components": ["nope"]})
        assert st == 400 and j["error"]["field"] == "components", j
        st, j = w.d.json("/api/v1/subscribers", method="POST", body={
            "email": "x\r\nBcc: y@example.org", "components": "all"})
        assert st == 400, j
    check("subscribe: a confirmation, nothing else before it, the same answer", subscribe)

    def confirm():
        path = state["confirm"]
        st, h, b = w.d.get(path)
        assert st == 200 and b"<form method=\"post\">" in b, b
        assert "default-src 'none'" in h["Content-Security-Policy"]
        # A GET (a link scanner) confirms nothing.
        mid = w.maintenance(["portal"], start="2026-12-22T22:00:00+07:00",
                            end="2026-12-22T23:00:00+07:00", title="Sau GET")
        time.sleep(1.5)
        assert len(relay.to("pub@example.org")) == 1
        bad = path[:-1] + ("A" if path[-1] != "A" else "B")
        st, h, b = w.d.get(bad, method="POST", body=b"")
        assert st == 404 and "không hợp lệ".encode() in b, b
        st, h, b = w.d.get(path.replace("/subscribe/confirm/", "/unsubscribe/"),
                           method="POST", body=b"")
        assert st == 404, st            # a confirm token is not an unsubscribe one
        st, h, b = w.d.get(path, method="POST", body=b"")
        assert st == 200 and "Đã đăng ký".encode() in b, b
        mid = w.maintenance(["portal"], start="2026-12-23T22:00:00+07:00",
                            end="2026-12-23T23:00:00+07:00", title="Sau xác nhận")
        assert relay.wait(lambda ms: len([1 for r, _ in ms if r == "pub@example.org"]) >= 2)
        msg, _ = check_message(relay.to("pub@example.org")[1], "pub@example.org",
                               "REQUEST", 0, start="2026-12-23T22:00:00+07:00")
        assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert msg["List-Unsubscribe"].startswith("<https://status.example.gov.vn/unsubscribe/")
        assert "/ack/" not in msg.get_body(("plain",)).get_content()
        state["unsub"] = msg["List-Unsubscribe"][len("<https://status.example.gov.vn"):-1]
        assert link(msg, "/unsubscribe/") == state["unsub"]
    check("confirm: the link shows a button, only the POST confirms; then notices "
          "carry RFC 8058 headers", confirm)

    def unsubscribe():
        st, h, b = w.d.get(state["unsub"], method="POST",
                           headers={"Content-Type": "application/x-www-form-urlencoded"},
                           body=b"List-Unsubscribe=One-Click")
        assert st == 200, (st, b)
        n = len(relay.to("pub@example.org"))
        w.maintenance(["portal"], start="2026-12-24T22:00:00+07:00",
                      end="2026-12-24T23:00:00+07:00", title="Sau hủy")
        assert relay.wait(lambda ms: len([1 for r, _ in ms if r == "a2@example.gov.vn"]) >= 7)
        time.sleep(1)
        assert len(relay.to("pub@example.org")) == n
        import sqlite3
        db = sqlite3.connect(os.path.join(w.tmp, "baotri.db"))
        acts = [a for (a,) in db.execute(
            "SELECT action FROM consent_log c JOIN subscribers s ON s.id = "
            "c.subscriber_id WHERE s.email = 'pub@example.org' ORDER BY c.id")]
        assert acts == ["requested", "confirmed", "withdrawn"], acts
        for i in range(6):
            st, j = w.d.json("/api/v1/subscribers", method="POST", body={
                "email": "many@example.org", "components": "all"})
        assert st == 429, j
    check("unsubscribe: one-click POST; no more mail; consent log; rate limit",
          unsubscribe)

    def acknowledge():
        msg, _ = parts(relay.to("a1@example.gov.vn")[0])
        path = link(msg, "/ack/")
        st, h, b = w.d.get(path)
        assert st == 200 and b"<form method=\"post\">" in b, b
        mid = state["m"]
        d = w.deliveries(mid)
        assert all(x["acknowledged_at"] is None for x in d["deliveries"])
        st, h, b = w.d.get(path, method="POST", body=b"")
        assert st == 200 and "Đã xác nhận".encode() in b, b
        d = w.deliveries(mid)
        acked = {x["recipient"] for x in d["deliveries"] if x["acknowledged_at"]}
        assert "a1@example.gov.vn" in acked, d       # Vụ A and Vụ B share a1
        st, h, b = w.d.get(path)
        assert "đã xác nhận".encode() in b and b"<form" not in b
        st, h, b = w.d.get(path[:-2] + "xx", method="POST", body=b"")
        assert st == 404
    check("acknowledge: the link shows a button, the POST records it", acknowledge)

    def html_escaped():
        mid = w.maintenance(["dvc"], start="2026-12-28T22:00:00+07:00",
                            end="2026-12-28T23:00:00+07:00",
                            title="<script>alert(1)</script> & \"x\"")
        deadline = time.time() + 20
        while time.time() < deadline:
            msgs = [parts(m)[0] for m in relay.to("c1@example.gov.vn")]
            mine = [m for m in msgs if "28/12/2026" in str(m["Subject"])]
            if mine:
                break
            time.sleep(0.1)
        assert mine, [str(m["Subject"]) for m in msgs]
        html = mine[0].get_body(("html",)).get_content()
        assert "<script>" not in html and "&lt;script&gt;" in html, html
        path = link(mine[0], "/ack/")
        st, h, b = w.d.get(path)
        assert b"<script>" not in b and b"&lt;script&gt;" in b, b
    check("user text is escaped in mail HTML and on pages", html_escaped)


def webhooks(w, relay, state):
    import hashlib
    import hmac
    import http.server
    got = []
    answers = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            got.append((self.path, self.headers.get("X-Baotri-Signature"), body))
            code = answers.pop(0) if answers else 200
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *a):
            pass
    srv = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % srv.server_address[1]
    try:
        def signed_and_retried():
            st, j = w.call("ad", "/api/v1/webhooks", "POST", {"url": base + "/hook"})
            assert st == 201 and j["secret"].startswith("whsec_"), j
            secret, hook_id = j["secret"], j["id"]
            st, j = w.call("ed", "/api/v1/webhooks", "POST", {"url": base})
            assert st == 403, j
            st, j = w.call("ad", "/api/v1/webhooks")
            assert [x["url"] for x in j["webhooks"]] == [base + "/hook"], j
            assert "secret" not in j["webhooks"][0]
            answers.append(503)
            mid = w.maintenance(["dvc"], start="2026-12-30T22:00:00+07:00",
                                end="2026-12-30T23:00:00+07:00", title="Webhook")
            deadline = time.time() + 20
            while time.time() < deadline and len(got) < 1:
                time.sleep(0.05)
            assert len(got) == 1, got                     # 503: retried later

            def hook():
                return [x for x in w.deliveries(mid)["deliveries"]
                        if x["recipient"] == base + "/hook"]
            # The clock moves only once the 503 is recorded, or the retry
            # would be counted from the new time.
            while time.time() < deadline and not hook()[0]["attempts"]:
                time.sleep(0.05)
            assert hook()[0]["last_reply"].startswith("503"), hook()
            w.set_clock("2026-11-25 09:50")
            while time.time() < deadline and len(got) < 2:
                time.sleep(0.05)
            assert len(got) == 2, got
            path, sig, body = got[1]
            want = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
            assert sig == want, (sig, want)
            ev = json.loads(body)
            assert ev["event"] == "announcement" and ev["maintenance"]["id"] == mid, ev
            assert ev["maintenance"]["title"] == "Webhook"
            # The answer is recorded after the POST returns, by the
            # worker's session thread: wait for the record, not the POST.
            while time.time() < deadline and hook()[0]["attempts"] < 2:
                time.sleep(0.05)
            d = hook()
            assert d[0]["state"] == "sent" and d[0]["attempts"] == 2, d
            assert d[0]["last_reply"].startswith("200"), d
            answers.append(410)
            st, j = w.call("ap", "/api/v1/maintenances/%d/cancel" % mid, "POST")
            deadline = time.time() + 20
            while time.time() < deadline:
                d = [x for x in w.deliveries(mid)["deliveries"]
                     if x["recipient"] == base + "/hook" and x["kind"] == "cancellation"]
                if d and d[0]["state"] == "failed":
                    break
                time.sleep(0.05)
            assert d and d[0]["state"] == "failed" and d[0]["last_reply"].startswith("410"), d
            st, j = w.call("ad", "/api/v1/webhooks/%d" % hook_id, "DELETE")
            assert st in (204, None), (st, j)
            n = len(got)
            w.maintenance(["dvc"], start="2026-12-31T22:00:00+07:00",
                          end="2026-12-31T23:00:00+07:00", title="Sau xóa")
            time.sleep(1.5)
            assert len(got) == n
        check("webhooks: signed with HMAC-SHA256, 503 retried, 410 failed, removed",
              signed_and_retried)
    finally:
        srv.shutdown()


def fanout():
    """kill -9 in the middle of a fan-out to 1,000 recipients."""
    relay = Relay(free_port())
    relay.start()
    w = World(relay.port, workers=4)

    def run_it():
        st, j = w.call("ed", "/api/v1/components", "POST",
                       {"slug": "portal", "name": "Cổng"})
        for u in range(20):
            st, j = w.call("ed", "/api/v1/units", "POST", {
                "name": "Đơn vị %d" % u, "components": ["portal"],
                "contacts": [{"name": "Người %d" % i,
                              "email": "u%02d.c%02d@example.gov.vn" % (u, i)}
                             for i in range(50)]})
            assert st == 201, j
        w.maintenance(["portal"])
        assert relay.wait(lambda ms: len(ms) >= 150, seconds=60)
        w.d.proc.send_signal(signal.SIGKILL)
        w.d.proc.wait()
        before = len(relay.messages)
        w.set_clock("2026-11-25 09:20")       # leases (5 min) have run out
        w.start()
        assert relay.wait(lambda ms: len({r for r, _ in ms}) >= 1000, seconds=120), \
            len({r for r, _ in relay.messages})
        time.sleep(1)
        got = [r for r, _ in relay.messages]
        dups = len(got) - len(set(got))
        print("     fan-out: %d before kill -9, %d after, %d duplicates (limit 200)"
              % (before, len(got) - before, dups))
        assert len(set(got)) == 1000
        assert dups <= 4 * 50, dups
        ids = [parts(m)[0]["Message-ID"] for _, m in relay.messages]
        by_rcpt = {}
        for (r, _), mid in zip(relay.messages, ids):
            by_rcpt.setdefault(r, set()).add(mid)
        assert all(len(v) == 1 for v in by_rcpt.values())   # same Message-ID
    try:
        check("kill -9 during a fan-out to 1,000: everyone gets it, duplicates "
              "only from messages in flight, same Message-ID", run_it)
    finally:
        try:
            w.d.stop()
        except Exception:
            pass
        relay.stop()


if __name__ == "__main__":
    sys.exit(main())
