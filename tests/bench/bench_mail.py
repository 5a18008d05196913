#!/usr/bin/python3
"""bench_mail.py - `make bench`, the mail part: the fan-out of 10,000
personalised notices (each composed for its recipient, with its own
calendar part) from baotrid to Postfix's smtp-sink on loopback, against
smtp-source sending 10,000 messages of the same size to the same sink with
the same parallelism, in one run: smtp-source's default (a connection per
message, as the issue's goal is stated) and with -d (many messages per
connection, the harder baseline).  Prints the rates and ratios (goal
>= 1.0 against the default).  Needs postfix's
smtp-sink and smtp-source (installed by `make bench`).
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "integration"))
from harness import TOP, Daemon, admin, free_port  # noqa: E402

UNITS, PER_UNIT = int(os.environ.get("BENCH_UNITS", "200")), 50
N = UNITS * PER_UNIT
WORKERS = 4


def main():
    tmp = tempfile.mkdtemp(prefix="baotri-benchmail-")
    port = free_port()
    sink = subprocess.Popen(["smtp-sink", "-u", "nobody", "127.0.0.1:%d" % port,
                             "1024"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(0.3)
    conf = os.path.join(tmp, "baotri.ini")
    with open(conf, "w") as f:
        f.write("[server]\npublic_url = https://status.example.gov.vn\n"
                "[store]\ndata_dir = %s\nshare_dir = %s\n[mail]\n"
                "from = Trung tâm Thông tin <noreply@example.gov.vn>\n"
                "relay = 127.0.0.1:%d\ntls = none\nworkers = %d\n"
                % (tmp, os.path.join(TOP, "data"), port, WORKERS))
    for name, role in (("ed", "editor"), ("ap", "approver")):
        admin(tmp, "user", "add", name, "--role", role, stdin="password-" + name + "\n")
    tok = {n: admin(tmp, "token", "create", n).stdout.strip() for n in ("ed", "ap")}
    d = Daemon(tmp, config=conf)
    try:
        ed = {"Authorization": "Bearer " + tok["ed"]}
        ap = {"Authorization": "Bearer " + tok["ap"]}
        d.json("/api/v1/components", method="POST", headers=ed,
               body={"slug": "portal", "name": "Cổng Thông tin điện tử"})
        for u in range(UNITS):
            st, j = d.json("/api/v1/units", method="POST", headers=ed, body={
                "name": "Đơn vị %03d" % u, "components": ["portal"],
                "contacts": [{"name": "Cán bộ %d" % i,
                              "email": "u%03d.c%02d@example.gov.vn" % (u, i)}
                             for i in range(PER_UNIT)]})
            assert st == 201, j
        st, m = d.json("/api/v1/maintenances", method="POST", headers=ed, body={
            "title": "Nâng cấp hệ thống lưu trữ", "components": ["portal"],
            "start": "2030-06-10T22:00:00+07:00", "end": "2030-06-11T02:00:00+07:00"})
        d.json("/api/v1/maintenances/%d/submit" % m["id"], method="POST", headers=ed, body={})
        db = sqlite3.connect(os.path.join(tmp, "baotri.db"))
        perf = None
        if os.environ.get("BENCH_PERF"):    # a profile of the fan-out alone
            perf = subprocess.Popen(["perf", "record", "-p", str(d.proc.pid),
                                     "-o", os.environ["BENCH_PERF"]],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)
        cpu0 = cpu_seconds(d.proc.pid)
        t0 = time.time()
        st, j = d.json("/api/v1/maintenances/%d/approve" % m["id"], method="POST",
                       headers=ap, body={})
        assert st == 200, j
        while True:
            sent, = db.execute("SELECT count(*) FROM deliveries WHERE state = 'sent'"
                               ).fetchone()
            if sent >= N:
                break
            if time.time() - t0 > 600:
                raise SystemExit("bench_mail: only %d of %d sent" % (sent, N))
            time.sleep(0.01)    # the end is seen within 10 ms
        t_baotri = time.time() - t0
        cpu = cpu_seconds(d.proc.pid) - cpu0
        if perf:
            perf.send_signal(2)
            perf.wait()
        failed, = db.execute("SELECT count(*) FROM deliveries WHERE state != 'sent'"
                             ).fetchone()
        # The size of one message, for smtp-source: compose one to the spool.
        size = len(open(sample(tmp, tok), "rb").read())
        def source(extra):
            t0 = time.time()
            subprocess.run(["smtp-source"] + extra + ["-s", str(WORKERS), "-m", str(N),
                            "-l", str(size), "-f", "noreply@example.gov.vn",
                            "-t", "someone@example.gov.vn", "127.0.0.1:%d" % port],
                           check=True, stdout=subprocess.DEVNULL, timeout=600)
            return time.time() - t0
        t_source = source([])           # its default: a connection per message
        t_keep = source(["-d"])         # many messages per connection
        print("bench_mail: %d messages of ~%d bytes to smtp-sink on loopback, "
              "%d sessions in parallel" % (N, size, WORKERS))
        print("  baotrid fan-out  %8.0f msg/s  (%.1f s from approval to the last "
              "250, each composed with its own invite; %d not sent)"
              % (N / t_baotri, t_baotri, failed))
        print("  baotrid CPU         %.2f s user+system for the fan-out (%.0f us "
              "a message)" % (cpu, cpu / N * 1e6))
        print("  smtp-source      %8.0f msg/s  (%.1f s; a connection per message, "
              "its default)" % (N / t_source, t_source))
        print("  smtp-source -d   %8.0f msg/s  (%.1f s; one connection per session, "
              "fixed bytes, nothing composed)" % (N / t_keep, t_keep))
        print("  ratio baotrid/smtp-source = %.2f  (goal >= 1.0); against -d: %.2f"
              % (t_source / t_baotri, t_keep / t_baotri))
    finally:
        d.stop()
        sink.terminate()
        shutil.rmtree(tmp, ignore_errors=True)


def cpu_seconds(pid):
    """User + system time of a process so far, in seconds."""
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def sample(tmp, tok):
    """Composes one notice of the same shape into a spool; returns its path."""
    stmp = tempfile.mkdtemp(prefix="baotri-sample-")
    for name, role in (("ed", "editor"), ("ap", "approver")):
        admin(stmp, "user", "add", name, "--role", role, stdin="password-" + name + "\n")
    t = {n: admin(stmp, "token", "create", n).stdout.strip() for n in ("ed", "ap")}
    s = Daemon(stmp)
    try:
        ed = {"Authorization": "Bearer " + t["ed"]}
        s.json("/api/v1/components", method="POST", headers=ed,
               body={"slug": "portal", "name": "Cổng Thông tin điện tử"})
        s.json("/api/v1/units", method="POST", headers=ed, body={
            "name": "Đơn vị 000", "components": ["portal"],
            "contacts": [{"name": "Cán bộ 0", "email": "u000.c00@example.gov.vn"}]})
        st, m = s.json("/api/v1/maintenances", method="POST", headers=ed, body={
            "title": "Nâng cấp hệ thống lưu trữ", "components": ["portal"],
            "start": "2030-06-10T22:00:00+07:00", "end": "2030-06-11T02:00:00+07:00"})
        s.json("/api/v1/maintenances/%d/submit" % m["id"], method="POST", headers=ed,
               body={})
        s.json("/api/v1/maintenances/%d/approve" % m["id"], method="POST",
               headers={"Authorization": "Bearer " + t["ap"]}, body={})
        spool = os.path.join(stmp, "spool", "new")
        for i in range(100):
            if os.path.isdir(spool) and os.listdir(spool):
                break
            time.sleep(0.05)
        path = os.path.join(spool, os.listdir(spool)[0])
        keep = os.path.join(tmp, "sample.eml")
        shutil.copy(path, keep)
        return keep
    finally:
        s.stop()


if __name__ == "__main__":
    main()
