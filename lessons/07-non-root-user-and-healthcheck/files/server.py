"""A tiny web service: GET / greets, GET /health reports that it is alive."""
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT = int(os.environ.get("PORT", "8000"))


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok\n" if self.path == "/health" else f"Hello from uid {os.getuid()}\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(body)


print(f"listening on port {PORT} as uid {os.getuid()}", flush=True)
HTTPServer(("0.0.0.0", PORT), Handler).serve_forever()
