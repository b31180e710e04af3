import os

from greeting import greet

print(greet(os.environ.get("NAME", "")))
