import sys

# `python greet.py Ada Grace` greets each name; with no names, greets the World.
names = sys.argv[1:] or ["World"]
for name in names:
    print(f"Hello {name}")
