"""HTTP server for ${{ values.name }}: /healthz, /readyz and / on PORT (default 8080)."""

import json
import os
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVICE_NAME = "${{ values.name }}"


class Readiness:
    """False while the process shuts down, so Kubernetes stops routing to it first."""

    def __init__(self) -> None:
        self.ready = True


def make_handler(readiness: Readiness) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: dict) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            path = self.path.split("?", 1)[0]
            if path == "/healthz":
                self._send(200, {"status": "ok"})
            elif path == "/readyz":
                if readiness.ready:
                    self._send(200, {"status": "ready"})
                else:
                    self._send(503, {"status": "shutting down"})
            elif path == "/":
                self._send(200, {"service": SERVICE_NAME})
            else:
                self._send(404, {"error": "not found"})

        def log_message(self, format: str, *args: object) -> None:
            print(json.dumps({"msg": format % args, "service": SERVICE_NAME}), flush=True)

    return Handler


def create_server(port: int, readiness: Readiness, host: str = "0.0.0.0") -> ThreadingHTTPServer:
    return ThreadingHTTPServer((host, port), make_handler(readiness))


def main() -> None:
    port = int(os.environ.get("PORT", "8080"))
    readiness = Readiness()
    server = create_server(port, readiness)

    def stop(*_: object) -> None:
        readiness.ready = False
        threading.Timer(5.0, server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    print(json.dumps({"msg": "listening", "service": SERVICE_NAME, "port": port}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
