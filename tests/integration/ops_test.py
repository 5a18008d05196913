#!/usr/bin/python3
"""ops_test.py - operating the real baotrid: SIGHUP re-reads the
configuration and the holiday schedules (a new year's file, a new notice
setting) without a restart; a bad configuration on SIGHUP changes nothing;
GET /metrics speaks the Prometheus text format; SIGTERM lets a request in
flight finish.  Ends with "N passed, N failed".
"""
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.request

from harness import TOP, Daemon, check, finish, q

SCHEDULE_2027 = {
    "year": 2027, "status": "official", "source": "test schedule",
    "entries": [{"from": "2027-02-05", "to": "2027-02-10", "kind": "holiday",
                 "name": "Tết Nguyên đán Đinh Mùi"}]}


def main():
    tmp = tempfile.mkdtemp(prefix="baotri-ops-")
    conf = os.path.join(tmp, "baotri.ini")
    share = os.path.join(tmp, "share")
    shutil.copytree(os.path.join(TOP, "data"), share)

    def write_conf(days):
        with open(conf, "w") as f:
            f.write("[store]\ndata_dir = %s\nshare_dir = %s\n"
                    "[notice]\nworking_days = %d\n" % (tmp, share, days))

    write_conf(5)
    d = Daemon(tmp, config=conf)

    def wait_for(fn, seconds=10):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if fn():
                return True
            time.sleep(0.05)
        return False

    try:
        def sighup_reload():
            st, j = d.json("/api/v1/holidays" + q(year=2027))
            assert j["status"] == "provisional", j
            os.makedirs(os.path.join(tmp, "holidays"), exist_ok=True)
            with open(os.path.join(tmp, "holidays", "2027.json"), "w") as f:
                json.dump(SCHEDULE_2027, f, ensure_ascii=False)
            write_conf(10)
            d.proc.send_signal(signal.SIGHUP)
            assert wait_for(lambda: d.json("/api/v1/holidays" + q(year=2027))[1]
                            ["status"] == "official")
            st, j = d.json("/api/v1/calendar/earliest-start" +
                           q(notice_at="2025-06-02T09:00:00+07:00"))
            assert j["rule"]["working_days"] == 10 and len(j["working_days"]) == 10, j
            assert j["earliest_start"] == "2025-06-17T00:00:00+07:00", j
            st, j = d.json("/healthz")
            assert j["official_years"][-1] == 2027, j
        check("SIGHUP: a new year's schedule and a new setting apply at once", sighup_reload)

        def bad_reload_keeps():
            with open(conf, "a") as f:
                f.write("[notice]\nworking_dayz = 3\n")
            d.proc.send_signal(signal.SIGHUP)
            time.sleep(0.5)
            assert d.proc.poll() is None
            st, j = d.json("/api/v1/calendar/earliest-start" +
                           q(notice_at="2025-06-02T09:00:00+07:00"))
            assert j["rule"]["working_days"] == 10, j
            log = open(os.path.join(tmp, "baotrid.log")).read()
            assert "unknown setting [notice] working_dayz" in log
            assert "nothing changed" in log
            # A broken schedule file is refused too, and the old one stays.
            write_conf(5)
            with open(os.path.join(tmp, "holidays", "2027.json"), "w") as f:
                f.write('{"year": 2027, "status": "official", "entries": [{"date": "2027-02-30"}]}')
            d.proc.send_signal(signal.SIGHUP)
            time.sleep(0.5)
            st, j = d.json("/api/v1/holidays" + q(year=2027))
            assert j["status"] == "official" and j["rule"]["working_days"] == 10, j
        check("SIGHUP: a bad configuration or schedule changes nothing", bad_reload_keeps)

        def metrics():
            d.get("/nowhere")
            d.get("/api/v1/calendar/lunar?date=2026-02-17")
            st, h, b = d.get("/metrics")
            assert st == 200 and h["Content-Type"].startswith("text/plain"), h
            text = b.decode()
            assert ('baotri_http_requests_total{method="GET",route='
                    '"/api/v1/calendar/lunar",status="200"} ') in text, text
            assert 'route="unmatched",status="404"} ' in text, text
            assert 'baotri_maintenances{status="approved"} 0' in text, text
            assert "baotri_scheduler_lag_seconds" in text
            for line in text.splitlines():
                assert line.startswith("#") or len(line.rsplit(" ", 1)) == 2, line
        check("metrics: requests by route and status, maintenances, scheduler lag", metrics)

        def sigterm_graceful():
            # A large request in flight when SIGTERM comes still gets its answer.
            result = {}

            def slow():
                req = urllib.request.Request(d.url("/api/v1/calendar/workdays" +
                                                   q(**{"from": "2016-01-01",
                                                        "to": "2025-12-31"})))
                with urllib.request.urlopen(req, timeout=30) as r:
                    result["status"] = r.status
                    result["body"] = r.read()
            t = threading.Thread(target=slow)
            t.start()
            time.sleep(0.01)
            d.proc.send_signal(signal.SIGTERM)
            t.join(30)
            assert d.proc.wait(timeout=20) == 0
            assert result.get("status") == 200, result
            assert json.loads(result["body"])["count"] > 2000
        check("SIGTERM: requests in flight finish, then a clean exit", sigterm_graceful)
    finally:
        if d.proc.poll() is None:
            d.stop()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
