import os
from http.server import BaseHTTPRequestHandler, HTTPServer

# The user must own what the Dockerfile gave it: the data folder, and its home when it has one. Written at
# start, so a user renumbered without its files fails here rather than in the body.
with open("/app/data/started.txt", "w") as marker:
    marker.write("started\n")
home = os.path.expanduser("~")
if os.path.isdir(home) and home != "/":
    with open(os.path.join(home, ".started"), "w") as marker:
        marker.write("started\n")


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        with open("/app/data/started.txt") as marker:
            body = ("hello from a numbered user: " + marker.read()).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("0.0.0.0", 8000), Hello).serve_forever()
