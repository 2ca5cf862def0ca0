import argparse
from http.server import BaseHTTPRequestHandler, HTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=8080)
parser.add_argument("--greeting", default="hello")
args = parser.parse_args()


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"{args.greeting} on port {args.port}\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("0.0.0.0", args.port), Hello).serve_forever()
