"""Flask app that appends each request to logs/access.log under its WORKDIR."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    with open("logs/access.log", "a", encoding="utf-8") as log:
        log.write("GET /\n")
    return "hello with logs\n"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
