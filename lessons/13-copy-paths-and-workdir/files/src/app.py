import configparser
from pathlib import Path

from util.strings import shout

# Relative to the working folder the container starts in.
config = configparser.ConfigParser()
if not config.read("config/settings.ini"):
    raise SystemExit(f"config/settings.ini not found (working folder: {Path.cwd()})")
print(shout(config["app"]["greeting"]))
