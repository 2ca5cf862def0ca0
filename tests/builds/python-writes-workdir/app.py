import os
from http.server import BaseHTTPRequestHandler, HTTPServer

os.makedirs("logs", exist_ok=True)
with open("logs/app.log", "a") as log:
    log.write("started\n")


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello from a logging app\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("0.0.0.0", 8000), Hello).serve_forever()
