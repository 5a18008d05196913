"""harness.py - what the integration tests share: the real baotrid on a free
loopback port with a temporary data directory, HTTP helpers, and a counter
of checks that ends a run with "N passed, N failed".
"""
import json
import os
import socket
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BAOTRID = os.environ.get("BAOTRID", os.path.join(TOP, "build", "baotrid"))

counts = {"passed": 0, "failed": 0}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Daemon:
    def __init__(self, data_dir, extra=(), config=None):
        self.port = free_port()
        args = [BAOTRID, "--data-dir", data_dir, "--share-dir",
                os.path.join(TOP, "data"), "--listen", "127.0.0.1:%d" % self.port]
        if config:
            args = [BAOTRID, "-c", config, "--listen", "127.0.0.1:%d" % self.port]
        self.log = open(os.path.join(data_dir, "baotrid.log"), "ab")
        self.proc = subprocess.Popen(list(args) + list(extra), stdout=self.log,
                                     stderr=self.log)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("baotrid exited with %d" % self.proc.returncode)
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("baotrid did not listen")

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def get(self, path, headers=None, method="GET", body=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers = dict(headers or {}, **{"Content-Type": "application/json"})
        req = urllib.request.Request(self.url(path), headers=headers or {},
                                     method=method, data=body)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def json(self, path, **kw):
        status, headers, body = self.get(path, **kw)
        return status, json.loads(body) if body else None

    def stop(self):
        self.proc.terminate()
        rc = self.proc.wait(timeout=10)
        self.log.close()
        return rc


def admin(data_dir, *args, stdin=None):
    """Runs an administration command of baotrid on the data directory."""
    return subprocess.run([BAOTRID, "--data-dir", data_dir] + list(args),
                          input=stdin, capture_output=True, text=True, timeout=60)


def check(name, fn):
    try:
        fn()
        counts["passed"] += 1
        print("ok   %s" % name)
    except Exception:
        counts["failed"] += 1
        print("FAIL %s" % name)
        traceback.print_exc(file=sys.stdout)


def q(**params):
    return "?" + urllib.parse.urlencode(params)


def finish():
    print("%d passed, %d failed" % (counts["passed"], counts["failed"]))
    return 1 if counts["failed"] else 0
