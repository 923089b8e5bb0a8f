"""A webhook receiver for Alertmanager in tests: appends each notification (one JSON document)
as a line to FILE and answers 200.

    python3 scripts/test/alert-webhook.py PORT FILE
"""
import http.server
import json
import sys


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[2], "a", encoding="utf-8") as log:
            log.write(json.dumps(json.loads(body)) + "\n")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: alert-webhook.py PORT FILE")
    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
