from http.server import BaseHTTPRequestHandler, HTTPServer

import orjson


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = orjson.dumps({"hello": "from orjson"}) + b"\n"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("0.0.0.0", 8000), Hello).serve_forever()
