import os, pathlib
from http.server import BaseHTTPRequestHandler, HTTPServer

cache = pathlib.Path.home() / ".cache" / "hello"
cache.mkdir(parents=True, exist_ok=True)
(cache / "started").write_text("yes\n")


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello from an app with a home\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("0.0.0.0", 8000), Hello).serve_forever()
