"""A small static server for the preview: only files under the site, GET and HEAD only.

The live-reload script is added to HTML responses here, on the way out, so it
is never written into site/.
"""

from __future__ import annotations

import json
import mimetypes
import queue
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

EVENTS_PATH = "/__digest__/events"
_RELOAD_SCRIPT = b"""<script>(function () {
  var source = new EventSource("/__digest__/events");
  var box = null;
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("failed", function (event) {
    if (!box) {
      box = document.createElement("pre");
      box.setAttribute("style", "position:fixed;inset:auto 0 0 0;margin:0;padding:1rem;" +
        "background:#2b0d0d;color:#ffd7d7;font:14px/1.4 monospace;white-space:pre-wrap;" +
        "z-index:2147483647;max-height:50vh;overflow:auto");
      document.body.appendChild(box);
    }
    box.textContent = "digest: build failed\\n\\n" + JSON.parse(event.data).message;
  });
})();</script>
"""


class Broadcaster:
    """Hands each build's outcome to every connected page."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: list[queue.Queue[tuple[str, str]]] = []
        self.last_error: str | None = None

    def subscribe(self) -> queue.Queue[tuple[str, str]]:
        client: queue.Queue[tuple[str, str]] = queue.Queue()
        with self._lock:
            self._clients.append(client)
            if self.last_error is not None:
                client.put(("failed", self.last_error))
        return client

    def unsubscribe(self, client: queue.Queue[tuple[str, str]]) -> None:
        with self._lock:
            if client in self._clients:
                self._clients.remove(client)

    def publish(self, event: str, message: str = "") -> None:
        with self._lock:
            self.last_error = message if event == "failed" else None
            for client in self._clients:
                client.put((event, message))

    @property
    def clients(self) -> int:
        with self._lock:
            return len(self._clients)


def resolve_request(root: Path, raw_path: str) -> Path | None:
    """The file a request path names, or None when it is missing or outside `root`.

    The path is decoded first, so `%2e%2e` is `..`, then resolved (following
    symlinks) and checked to lie under the resolved root: never a string prefix test.
    """
    path = unquote(urlsplit(raw_path).path)
    if "\x00" in path:
        return None
    base = root.resolve()
    target = (base / path.lstrip("/")).resolve()
    if not target.is_relative_to(base):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def make_server(root: Path, host: str, port: int, broadcaster: Broadcaster) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        server_version = "digest-preview"

        def do_GET(self) -> None:
            if urlsplit(self.path).path == EVENTS_PATH:
                self._events()
            else:
                self._file(with_body=True)

        def do_HEAD(self) -> None:
            self._file(with_body=False)

        def _refuse(self) -> None:
            self.send_error(HTTPStatus.METHOD_NOT_ALLOWED,
                            explain="the preview serves GET and HEAD only")

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

        def _file(self, with_body: bool) -> None:
            target = resolve_request(root, self.path)
            status = HTTPStatus.OK
            if target is None:
                status = HTTPStatus.NOT_FOUND
                target = root / "404.html"
                if not target.is_file():
                    self.send_error(status)
                    return
            body = target.read_bytes()
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind == "text/html":
                body = body.replace(b"</body>", _RELOAD_SCRIPT + b"</body>", 1)
            if kind.startswith("text/") or kind in ("application/json", "application/xml",
                                                    "application/javascript"):
                kind += "; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            client = broadcaster.subscribe()
            try:
                self.wfile.write(b": connected\n\n")
                self.wfile.flush()
                while not getattr(self.server, "closing", False):
                    try:
                        event, message = client.get(timeout=1.0)
                    except queue.Empty:
                        self.wfile.write(b": ping\n\n")
                    else:
                        data = json.dumps({"message": message})
                        self.wfile.write(f"event: {event}\ndata: {data}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                broadcaster.unsubscribe(client)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal shows builds, not every request

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
