"""Flask app whose greeting comes from a C extension compiled at build time."""
from flask import Flask

import speedups

app = Flask(__name__)


@app.get("/")
def index():
    return speedups.greeting() + "\n"
