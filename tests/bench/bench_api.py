#!/usr/bin/python3
"""bench_api.py - `make bench`, the HTTP part: wrk on loopback in one run,
against nginx serving the same bytes as a static file, with 1,000
maintenances in the store:
- GET /api/v1/maintenances (a viewer's bearer token, the default page of 50);
- GET /calendar.ics once all 1,000 are approved (the public feed), and its
  304 path (If-None-Match with each server's own ETag);
and baotrid's resident memory idle and under load.  Prints the rates and
their ratios (goal >= 1.0).  Needs wrk and nginx (installed by `make bench`).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "integration"))
from harness import TOP, Daemon, admin, free_port  # noqa: E402

N = 1000
DURATION = os.environ.get("BENCH_SECONDS", "10")


def rss_kib(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def wrk(url, headers=()):
    args = ["wrk", "-t2", "-c50", "-d" + DURATION + "s", "--latency"]
    for h in headers:
        args += ["-H", h]
    out = subprocess.run(args + [url], capture_output=True, text=True,
                         timeout=int(DURATION) + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p99 = re.search(r"99%\s+(\S+)", out)
    return rate, int(errors.group(1)) if errors else 0, p99.group(1) if p99 else "?"


def main():
    tmp = tempfile.mkdtemp(prefix="baotri-bench-")
    os.chmod(tmp, 0o755)   # nginx workers run as nobody
    for name, role in (("ed", "editor"), ("ap", "approver"), ("vi", "viewer")):
        admin(tmp, "user", "add", name, "--role", role, stdin="password-" + name + "\n")
    tok = {n: admin(tmp, "token", "create", n).stdout.strip() for n in ("ed", "ap", "vi")}
    conf = os.path.join(tmp, "baotri.ini")
    with open(conf, "w") as f:
        f.write("[server]\nthreads = %s\n[store]\ndata_dir = %s\nshare_dir = %s\n"
                % (os.environ.get("BENCH_THREADS", "2"), tmp,
                   os.path.join(TOP, "data")))
    d = Daemon(tmp, config=conf)
    try:
        ed = {"Authorization": "Bearer " + tok["ed"]}
        d.json("/api/v1/components", method="POST", headers=ed,
               body={"slug": "portal", "name": "Cổng"})
        t0 = time.time()
        for i in range(N):
            day = 1 + i % 28
            st, j = d.json("/api/v1/maintenances", method="POST", headers=ed, body={
                "title": "Bảo trì số %d" % i, "components": ["portal"],
                "description": "Nâng cấp hệ thống lưu trữ, lần %d." % i,
                "start": "2027-%02d-%02dT22:00:00+07:00" % (1 + i // 28 % 12, day),
                "end": "2027-%02d-%02dT23:00:00+07:00" % (1 + i // 28 % 12, day)})
            assert st == 201, j
        seed = time.time() - t0
        path = "/api/v1/maintenances"
        st, h, body = d.get(path, headers={"Authorization": "Bearer " + tok["vi"]})
        assert st == 200, body
        idle = rss_kib(d.proc.pid)

        www = os.path.join(tmp, "www")
        os.makedirs(www + "/api/v1")
        with open(www + path, "wb") as f:
            f.write(body)
        port = free_port()
        with open(os.path.join(tmp, "nginx.conf"), "w") as f:
            f.write("worker_processes 1; daemon off; pid %s/nginx.pid;\n"
                    "error_log %s/nginx.err;\nevents { worker_connections 1024; }\n"
                    "http { access_log off; default_type application/json;\n"
                    " server { listen 127.0.0.1:%d; root %s; } }\n"
                    % (tmp, tmp, port, www))
        ng = subprocess.Popen(["nginx", "-c", os.path.join(tmp, "nginx.conf"),
                               "-p", tmp], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        peak = [idle]

        def sample():
            while not done[0]:
                peak[0] = max(peak[0], rss_kib(d.proc.pid))
                time.sleep(0.2)
        import threading
        done = [False]
        th = threading.Thread(target=sample)
        th.start()
        b_rate, b_err, b_p99 = wrk(d.url(path), ["Authorization: Bearer " + tok["vi"]])
        done[0] = True
        th.join()
        n_rate, n_err, n_p99 = wrk("http://127.0.0.1:%d%s" % (port, path))
        # The feed: every maintenance approved, so all 1,000 are in it.
        ap = {"Authorization": "Bearer " + tok["ap"]}
        for mid in range(1, N + 1):
            st, j = d.json("/api/v1/maintenances/%d/submit" % mid, method="POST",
                           headers=ed, body={})
            assert st == 200, j
            st, j = d.json("/api/v1/maintenances/%d/approve" % mid, method="POST",
                           headers=ap, body={"allow_overlap": True})
            assert st == 200, j
        st, h, ics = d.get("/calendar.ics")
        assert st == 200 and ics.count(b"BEGIN:VEVENT") == N, (st, len(ics))
        with open(www + "/calendar.ics", "wb") as f:
            f.write(ics)
        nurl = "http://127.0.0.1:%d/calendar.ics" % port
        netag = subprocess.run(["curl", "-sI", nurl], capture_output=True,
                               text=True).stdout
        netag = re.search(r"(?i)^etag:\s*(\S+)", netag, re.M).group(1)
        fb = wrk(d.url("/calendar.ics"))
        fn = wrk(nurl)
        cb = wrk(d.url("/calendar.ics"), ["If-None-Match: " + h["ETag"]])
        cn = wrk(nurl, ["If-None-Match: " + netag])
        st304 = d.get("/calendar.ics", headers={"If-None-Match": h["ETag"]})[0]
        assert st304 == 304, st304
        ng.terminate()
        ng.wait()
        print("bench_api: GET /calendar.ics, %d approved maintenances, %d bytes"
              % (N, len(ics)))
        print("  baotrid  %9.0f req/s  non-2xx %d  p99 %s" % fb)
        print("  nginx    %9.0f req/s  non-2xx %d  p99 %s  (static file)" % fn)
        print("  ratio baotrid/nginx = %.2f  (goal >= 1.0)" % (fb[0] / fn[0]))
        print("bench_api: GET /calendar.ics with If-None-Match (304, no body)")
        print("  baotrid  %9.0f req/s  non-2xx %d  p99 %s" % cb)
        print("  nginx    %9.0f req/s  non-2xx %d  p99 %s" % cn)
        print("  ratio baotrid/nginx = %.2f  (goal >= 1.0)" % (cb[0] / cn[0]))
        print("bench_api: GET %s, %d maintenances stored (seeded through the "
              "API in %.1f s), body %d bytes, wrk -t2 -c50 -d%ss" %
              (path, N, seed, len(body), DURATION))
        print("  baotrid  %9.0f req/s  p99 %-8s non-2xx %d  (%s HTTP threads, "
              "bearer token checked on every request)" %
              (b_rate, b_p99, b_err, os.environ.get("BENCH_THREADS", "2")))
        print("  nginx    %9.0f req/s  p99 %-8s non-2xx %d  (one worker, static file)" %
              (n_rate, n_p99, n_err))
        print("  ratio baotrid/nginx = %.2f  (goal >= 1.0)" % (b_rate / n_rate))
        print("  baotrid RSS: idle %d KiB, under load (peak) %d KiB" % (idle, peak[0]))
    finally:
        d.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
