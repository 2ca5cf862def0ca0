"""Flask app started with `flask run`; a small C helper built at image build time reports its status."""
import subprocess

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    status = subprocess.run(["/usr/local/bin/ready"], check=False).returncode
    return f"hello flask run, helper exited {status}\n"
