"""Flask app that serves a greeting."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "hello from web\n"
