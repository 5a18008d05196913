#!/usr/bin/python3
"""cli_test.py - the newcomer's story with the baotri command-line client
against the real baotrid: users and tokens from the admin commands, a
component and a unit, a maintenance planned too soon (refused, with the
earliest start in the message), moved and approved by a second user,
started and completed on time (test clock), and the compliance report.
Also the client's exit statuses and its --json output.
Ends with "N passed, N failed".
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

from harness import BAOTRID, Daemon, admin, check, finish

BAOTRI = os.path.join(os.path.dirname(BAOTRID), "baotri")
TZ = datetime.timezone(datetime.timedelta(hours=7))


def set_clock(path, s):
    t = int(datetime.datetime.strptime(s, "%Y-%m-%d %H:%M")
            .replace(tzinfo=TZ).timestamp())
    with open(path + ".new", "w") as f:
        f.write(str(t))
    os.rename(path + ".new", path)


def main():
    tmp = tempfile.mkdtemp(prefix="baotri-cli-")
    clock = os.path.join(tmp, "clock")
    set_clock(clock, "2026-11-25 10:00")
    tokens = {}
    for name, role in (("lan", "editor"), ("minh", "approver")):
        admin(tmp, "user", "add", name, "--role", role,
              stdin="password-of-" + name + "\n")
        tokens[name] = admin(tmp, "token", "create", name).stdout.strip()
    d = Daemon(tmp, extra=["--test-clock", clock])
    cfgdir = tempfile.mkdtemp(prefix="baotri-cfg-")

    def cli(who, *args, json_out=False):
        env = dict(os.environ, BAOTRI_URL=d.url(""), XDG_CONFIG_HOME=cfgdir)
        env.pop("BAOTRI_TOKEN", None)
        if who:
            env["BAOTRI_TOKEN"] = tokens[who]
        argv = [BAOTRI] + (["--json"] if json_out else []) + list(args)
        return subprocess.run(argv, capture_output=True, text=True, env=env,
                              timeout=60)

    state = {}
    try:
        def setup():
            r = cli("lan", "component", "create", "portal", "Cổng Thông tin điện tử")
            assert r.returncode == 0, r.stderr
            r = cli("lan", "unit", "create", "Vụ Pháp chế", "--component", "portal",
                    "--contact", "Nguyễn Văn A <a@example.gov.vn>")
            assert r.returncode == 0 and "created" in r.stdout, r.stderr
            r = cli("lan", "unit", "list")
            assert "Vụ Pháp chế (1 contacts)" in r.stdout, r.stdout
            r = cli("lan", "component", "list")
            assert "portal" in r.stdout
        check("cli: component and unit created", setup)

        def too_soon():
            r = cli("lan", "maintenance", "create")
            assert r.returncode == 1 and "title: required" in r.stderr, r
            r = cli("lan", "maintenance", "create", "--title", "Nâng cấp máy chủ",
                    "--component", "portal", "--start", "2026-11-30T22:00:00+07:00",
                    "--end", "2026-12-01T02:00:00+07:00", json_out=True)
            assert r.returncode == 0, r.stderr
            mid = json.loads(r.stdout)["id"]
            r = cli("lan", "maintenance", "submit", str(mid))
            assert r.returncode == 0 and "submitted" in r.stdout, r
            r = cli("minh", "maintenance", "approve", str(mid))
            assert r.returncode == 1, r
            assert "notice_too_short" in r.stderr, r.stderr
            assert "earliest allowed start: 2026-12-03T00:00:00+07:00" in r.stderr, r.stderr
            state["mid"] = mid
        check("cli: a maintenance too soon is refused with the earliest start", too_soon)

        def approved_by_second_user():
            mid = state["mid"]
            r = cli("lan", "maintenance", "approve", str(mid))
            assert r.returncode == 1 and "403 forbidden" in r.stderr, r.stderr
            env_patch = d.json("/api/v1/maintenances/%d" % mid, method="PATCH",
                               headers={"Authorization": "Bearer " + tokens["lan"]},
                               body={"start": "2026-12-03T22:00:00+07:00",
                                     "end": "2026-12-04T02:00:00+07:00"})
            assert env_patch[0] == 200, env_patch
            r = cli("minh", "maintenance", "approve", str(mid))
            assert r.returncode == 0 and "approved" in r.stdout, r.stderr
            deadline = time.time() + 10    # the unit is told by the notifier
            while time.time() < deadline:
                r = cli("minh", "maintenance", "show", str(mid))
                if "compliant: yes" in r.stdout:
                    break
                time.sleep(0.1)
            assert "compliant: yes" in r.stdout, r.stdout
            r = cli("minh", "maintenance", "list", "--status", "approved")
            assert str(mid) in r.stdout and "Nâng cấp máy chủ" in r.stdout, r.stdout
        check("cli: approved by a second user", approved_by_second_user)

        def starts_and_completes():
            mid = state["mid"]
            set_clock(clock, "2026-12-03 22:00")
            for status in ("in_progress", "completed"):
                deadline = time.time() + 10
                while time.time() < deadline:
                    r = cli("lan", "maintenance", "show", str(mid), json_out=True)
                    if json.loads(r.stdout)["status"] == status:
                        break
                    time.sleep(0.1)
                assert json.loads(r.stdout)["status"] == status, r.stdout
                set_clock(clock, "2026-12-04 02:00")
        check("cli: the maintenance starts and completes on time", starts_and_completes)

        def report():
            r = cli("minh", "report", "compliance", "2026-12-01", "2026-12-31")
            assert r.returncode == 0, r.stderr
            line = [l for l in r.stdout.splitlines() if l.startswith(str(state["mid"]))]
            assert line and " yes " in line[0] and "working days of notice" in line[0], r.stdout
            r = cli("minh", "report", "compliance", "2026-12-01", "2026-12-31", "--csv")
            assert r.stdout.startswith("id,uid,title"), r.stdout
        check("cli: the compliance report shows it", report)

        def calendar_and_errors():
            r = cli(None, "calendar", "earliest-start", "2025-06-02T09:00:00+07:00")
            assert "earliest start 2025-06-10T00:00:00+07:00" in r.stdout, r.stdout
            r = cli(None, "calendar", "deadline", "2026-02-26T22:00:00+07:00")
            assert "notify by 2026-02-11" in r.stdout, r.stdout
            r = cli(None, "calendar", "lunar", "2026-02-17")
            assert "1/1 Bính Ngọ" in r.stdout, r.stdout
            r = cli(None, "calendar", "holidays", "2026")
            assert "250 working days" in r.stdout and "2026-01-10" in r.stdout
            r = cli(None, "maintenance", "list")
            assert r.returncode == 1 and "401" in r.stderr, r
            r = cli(None, "frobnicate")
            assert r.returncode == 2 and "usage" in r.stderr
            env = dict(os.environ, BAOTRI_URL="http://127.0.0.1:1",
                       BAOTRI_TOKEN="x", XDG_CONFIG_HOME=cfgdir)
            r = subprocess.run([BAOTRI, "component", "list"], capture_output=True,
                               text=True, env=env, timeout=30)
            assert r.returncode == 3 and "cannot reach" in r.stderr, r
            # The config file is read when the environment says nothing.
            os.makedirs(os.path.join(cfgdir, "baotri"), exist_ok=True)
            with open(os.path.join(cfgdir, "baotri", "config"), "w") as f:
                f.write("url = %s\ntoken = %s\n" % (d.url(""), tokens["minh"]))
            env = dict(os.environ, XDG_CONFIG_HOME=cfgdir)
            env.pop("BAOTRI_URL", None)
            env.pop("BAOTRI_TOKEN", None)
            r = subprocess.run([BAOTRI, "maintenance", "list"], capture_output=True,
                               text=True, env=env, timeout=30)
            assert r.returncode == 0 and str(state["mid"]) in r.stdout, r
        check("cli: calendar commands, exit statuses, the config file", calendar_and_errors)
    finally:
        d.stop()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
