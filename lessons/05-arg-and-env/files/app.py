import os
from pathlib import Path

greeting = os.environ.get("GREETING", "Hello")
name = os.environ.get("NAME", "World")
version = os.environ.get("APP_VERSION", "unknown")
print(f"{greeting} {name} (version {version})")

# Written at build time, if the Dockerfile does so.
version_file = Path("VERSION")
if version_file.exists():
    print(f"built as version {version_file.read_text().strip()}")
