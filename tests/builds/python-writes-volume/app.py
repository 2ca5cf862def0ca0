"""Standard-library app that records each request in /data, its volume: it must own the folder."""
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        with open("/data/visits.log", "a", encoding="utf-8") as log:
            log.write("GET /\n")
        body = b"hello from a volume\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
