from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

# Written at build time by the Dockerfile's RUNs from exported variables.
STAMP = Path("/app/build-info.txt").read_text(encoding="utf-8")


class Info(BaseHTTPRequestHandler):
    def do_GET(self):
        body = STAMP.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("0.0.0.0", 8000), Info).serve_forever()
