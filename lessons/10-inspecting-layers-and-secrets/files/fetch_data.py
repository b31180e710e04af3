"""Stands in for a download that needs a credential (builds here have no network).

Reads the API token, "fetches" the dataset with it and writes data.json.
"""
import json
from pathlib import Path

token = Path("api-token.txt").read_text().strip()
assert token.startswith("sk-"), "api-token.txt does not hold a token"
data = {"cities": ["Lisbon", "Oslo", "Tokyo"], "fetched_with": "a token"}
Path("data.json").write_text(json.dumps(data))
print("fetched 3 cities")
