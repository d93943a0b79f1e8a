"""The preview's error overlay in a real browser: shown, escaped, and cleared by a fix."""

import shutil
import threading
import time
from pathlib import Path

from playwright.sync_api import Browser

from digest.build import BuildOptions
from digest.config import load_config
from digest.serve.preview import PreviewOptions, make_rebuild
from digest.serve.server import Broadcaster, make_server
from digest.serve.watch import Debouncer, watch

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"


def test_overlay_shows_hostile_error_text_as_text(browser: Browser, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(GOLDEN, root, ignore=shutil.ignore_patterns("expected"))
    config = load_config(root)
    options = PreviewOptions(BuildOptions(config.content_dir, config.output_dir), port=0)
    broadcaster = Broadcaster()
    rebuild = make_rebuild(root / "digest.yaml", options, broadcaster, lambda line: None)
    rebuild(set())
    server = make_server(config.output_dir, "127.0.0.1", 0, broadcaster)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    debouncer = Debouncer(rebuild)
    observer = watch([config.content_dir], [config.output_dir], debouncer)
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        time.sleep(0.5)  # the page's event stream connects
        # A file name is user input too, and it appears in the error message.
        evil = config.content_dir / "<img src=x onerror=window.pwned=1>.md"
        evil.write_text("---\ntitle: [broken\n---\nBody\n")
        overlay = page.locator("pre", has_text="build failed")
        overlay.wait_for(timeout=10_000)
        assert "<img src=x onerror=window.pwned=1>.md:2: error" in overlay.inner_text()
        assert page.evaluate("window.pwned") is None
        assert page.locator("pre img").count() == 0
        evil.unlink()
        page.wait_for_event("load", timeout=10_000)  # the fix reloads the page
        assert page.locator("pre", has_text="build failed").count() == 0
    finally:
        server.closing = True  # type: ignore[attr-defined]
        observer.stop()
        debouncer.stop()
        server.shutdown()
        server.server_close()
