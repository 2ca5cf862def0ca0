"""Standard-library app that keeps its data in todo.db beside it: the user must be able to create files in /app."""
import sqlite3
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        con = sqlite3.connect("todo.db")
        con.execute("create table if not exists visits(path text)")
        con.execute("insert into visits values (?)", (self.path,))
        con.commit()
        body = b"hello from sqlite\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", 5000), Handler).serve_forever()
