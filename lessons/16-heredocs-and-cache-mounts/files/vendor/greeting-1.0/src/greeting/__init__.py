"""A tiny package, shipped with the lesson because builds here have no network."""

__version__ = "1.0"


def greet(who):
    return f"Hello, {who}!"
