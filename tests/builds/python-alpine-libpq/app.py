from http.server import BaseHTTPRequestHandler, HTTPServer

# Built from source against libpq: importing it loads libpq's shared library, which must still be there.
import psycopg2
from psycopg2 import extensions

BODY = f"hello from psycopg2 {psycopg2.__version__.split()[0]} on libpq {extensions.libpq_version()}\n".encode()


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)


HTTPServer(("0.0.0.0", 8000), Hello).serve_forever()
