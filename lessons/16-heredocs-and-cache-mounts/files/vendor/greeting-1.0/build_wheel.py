"""A tiny PEP 517 build backend: packs src/greeting into a wheel with the standard library only."""
import base64, hashlib, pathlib, zipfile

NAME, VERSION = "greeting", "1.0"
DIST = f"{NAME}-{VERSION}.dist-info"
META = {
    f"{DIST}/METADATA": f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\n",
    f"{DIST}/WHEEL": "Wheel-Version: 1.0\nGenerator: build_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
}


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\n"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    filename = f"{NAME}-{VERSION}-py3-none-any.whl"
    files = {str(p.relative_to("src")): p.read_bytes() for p in pathlib.Path("src").rglob("*.py")}
    files.update({k: v.encode() for k, v in META.items()})
    record = "".join(_record_line(n, d) for n, d in files.items()) + f"{DIST}/RECORD,,\n"
    with zipfile.ZipFile(pathlib.Path(wheel_directory) / filename, "w") as whl:
        for name, data in files.items():
            whl.writestr(name, data)
        whl.writestr(f"{DIST}/RECORD", record)
    return filename
