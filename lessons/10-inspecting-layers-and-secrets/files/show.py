import json

data = json.load(open("data.json"))
print("Cities: " + ", ".join(data["cities"]))
