"""The app's logic: small enough to test, important enough to test."""


def greet(name: str) -> str:
    name = name.strip() or "World"
    return f"Hello {name}"
