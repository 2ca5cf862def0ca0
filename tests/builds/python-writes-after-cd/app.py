from http.server import BaseHTTPRequestHandler, HTTPServer

VISITS = "/srv/data/visits.log"


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        # The app writes where the Dockerfile made its folder: a user who does not own it cannot.
        with open(VISITS, "a") as log:
            log.write("visit\n")
        with open(VISITS) as log:
            count = sum(1 for _ in log)
        body = f"hello, {count} visit recorded\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("0.0.0.0", 8000), Hello).serve_forever()
