import os

# NAME comes from the environment: ENV in the Dockerfile, or `docker run -e NAME=...`.
name = os.environ.get("NAME", "World")
print(f"Hello {name}")
