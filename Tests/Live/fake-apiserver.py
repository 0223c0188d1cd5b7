#!/usr/bin/env python3
"""A Kubernetes API server stand-in for the live-mode tests.

Serves the recorded responses in recorded-api.json (path -> JSON body; the
query string is ignored) on 127.0.0.1 at a free port, prints the port on its
first line of stdout, and appends "METHOD path?query" for every request to the
log file given as argv[1], and the identity it came with (its Authorization and
Impersonate-* headers) to that file's name plus ".identity". Anything but GET is
logged and refused with 405; an unknown path gets a real-shaped 404 Status.
"""
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTES = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "recorded-api.json")))
LOG = open(sys.argv[1], "a", buffering=1)
IDENTITY = open(sys.argv[1] + ".identity", "a", buffering=1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def status(self, code, reason, message):
        return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                "message": message, "reason": reason, "code": code}

    def handle_any(self):
        LOG.write(f"{self.command} {self.path}\n")
        identity = [f"{name.lower()}={value}" for name, value in self.headers.items()
                    if name.lower() == "authorization" or name.lower().startswith("impersonate-")]
        IDENTITY.write(" ".join(identity) + "\n")
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.command != "GET":
            self.send_json(405, self.status(405, "MethodNotAllowed", f"{self.command} is not allowed here"))
            return
        path = self.path.split("?", 1)[0].rstrip("/") or "/"
        if path in ROUTES:
            self.send_json(200, ROUTES[path])
        else:
            self.send_json(404, self.status(404, "NotFound", "the server could not find the requested resource"))

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = handle_any


# A parent that blocks signals (Swift's test runner does) passes its mask on:
# unblock SIGTERM so Process.terminate() stops the server.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
ThreadingHTTPServer.daemon_threads = True
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
