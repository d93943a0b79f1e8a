"""The browser half of bench.search: serve a built site, run queries in headless Chromium,
and count what each query loads and how long it takes (bench/README.md says exactly what)."""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import shutil
import statistics
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.measure import median

# A full name, a place, a topic word, two words, a prefix as typed, a word on most pages.
QUERIES = ("Oksana Marchenko", "Pokrovsk", "sanctions", "grain corridor", "sanc", "drones")
SHOWN = 20  # results whose metadata both pages load: search.js shows 20 at a time (PAGE)
TEXT_FILES = (".js", ".json", ".css", ".html")  # what a host would serve gzipped
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]  # as tests/browser/conftest.py: no network

class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real host

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Records when the results list gets its first child (or the page says there are none).
WATCH = """(() => {
  performance.setResourceTimingBufferSize(100000);
  const observer = new MutationObserver(() => {
    const list = document.getElementById("search-results");
    const status = document.getElementById("search-status");
    if (window.__shown === undefined && ((list && list.children.length > 0) ||
        (status && /No results|failed|could not/.test(status.textContent)))) {
      window.__shown = performance.timeOrigin + performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, {childList: true, subtree: true, characterData: true});
})();"""
# [URL path, epoch ms of responseEnd, encodedBodySize] of each file a page or worker loaded.
RESOURCES = ("performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname,"
             " performance.timeOrigin + e.responseEnd, e.encodedBodySize])")


def digest_group(path: str) -> str | None:
    """The part of digest's search a loaded file belongs to (None: not counted)."""
    if path == "/assets/search.js":
        return "search.js"
    if not path.startswith("/search/") or path.endswith((".html", "/")):
        return None  # the results page itself and the site's CSS are not counted
    rest = path.removeprefix("/search/")
    return rest.split("/")[0] + "/" if "/" in rest else rest


def pagefind_group(path: str) -> str | None:
    if not path.startswith("/pagefind/"):
        return None  # the bench's query page
    rest = path.removeprefix("/pagefind/")
    return rest.split("/")[0] + "/" if "/" in rest else re.sub(r"_[0-9a-f]+\.", "_*.", rest)


@functools.cache
def _gzip_size(file: Path) -> int:
    data = file.read_bytes()
    # What a host sends: text gzipped; Pagefind's binary files are compressed already.
    return len(gzip.compress(data, 6)) if file.suffix in TEXT_FILES else len(data)


def measure_query(browser: Any, root: str, folder: Path, url: str,
                  group: Callable[[str], str | None]) -> dict[str, Any]:
    """One query in a fresh context (an empty cache): bytes, and milliseconds to results."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(WATCH)
        page.goto(root + "warm-up")  # a 404 that starts the site's renderer, caching nothing
        page.goto(url)
        page.wait_for_function("window.__shown !== undefined", timeout=120_000)
        page.wait_for_timeout(200)  # anything fetched after the results shows as late_bytes
        shown, origin, status, loaded = page.evaluate(
            "[window.__shown, performance.timeOrigin,"
            f" document.getElementById('search-status').textContent, {RESOURCES}]")
        for worker in page.workers:  # Pagefind searches in a web worker
            loaded += worker.evaluate(RESOURCES)
    finally:
        context.close()
    if re.search(r"failed|could not", status):
        raise RuntimeError(f"{url}: {status}")
    files = [(path, end, size, g) for path, end, size in loaded if (g := group(path))]
    before = [f for f in files if f[1] <= shown]
    parts: dict[str, int] = {}
    for _, _, size, g in before:
        parts[g] = parts.get(g, 0) + size
    found = re.match(r"\s*(\d+)", status)
    return {
        "bytes": sum(parts.values()),
        "gzip_bytes": sum(_gzip_size(folder / path.lstrip("/")) for path, *_ in before),
        "files": len(before), "late_bytes": sum(f[2] for f in files) - sum(parts.values()),
        "after_files_ms": round(shown - max((f[1] for f in before), default=origin), 2),
        "total_ms": round(shown - origin, 2),
        "results": int(found.group(1)) if found else 0, "by_folder": dict(sorted(parts.items())),
    }


def bench_queries(browser: Any, folder: Path, page: str, group: Callable[[str], str | None],
                  runs: int, queries: tuple[str, ...] = QUERIES) -> dict[str, Any]:
    per_query: dict[str, Any] = {}
    with serving(folder) as root:
        for q in queries:
            samples = [measure_query(browser, root, folder, f"{root}{page}?q={quote(q)}", group)
                       for _ in range(runs)]
            per_query[q] = {k: median([s[k] for s in samples])
                            for k in ("bytes", "gzip_bytes", "files", "late_bytes",
                                      "after_files_ms", "total_ms")}
            per_query[q] |= {"results": samples[0]["results"],
                             "by_folder": samples[0]["by_folder"],
                             "runs_ms": [[s["after_files_ms"], s["total_ms"]] for s in samples]}
    keys = ("bytes", "gzip_bytes", "after_files_ms", "total_ms")
    return {"queries": per_query,
            "median": {k: statistics.median(v[k] for v in per_query.values()) for k in keys},
            "max": {k: max(v[k] for v in per_query.values()) for k in keys}}


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Chromium is missing (tests/browser/install-chromium.sh installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
