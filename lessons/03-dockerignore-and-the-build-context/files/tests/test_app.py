import subprocess
import sys


def test_greets_world():
    out = subprocess.run([sys.executable, "app.py"], capture_output=True, text=True).stdout
    assert out.strip() == "Hello World"
