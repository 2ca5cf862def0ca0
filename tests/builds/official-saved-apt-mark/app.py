import hello_ext
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return f"hello from flask, {hello_ext.greeting()}\n"
