"""`digest serve --follow`: read the feeds in digest.yaml on an interval while previewing.

New articles are written into content/ like any ingest; the preview's watcher sees the new
entry files and rebuilds, so following needs no build logic of its own. digest.yaml is
read again before each round, so feeds added while the preview runs are followed too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from digest.config import load_config
from digest.errors import DigestError
from digest.ingest.fetch import Limits
from digest.ingest.web import HELD, WebOptions, ingest_web


class Follower:
    """A thread that reads the feeds now and then every `interval` seconds until stopped."""

    def __init__(self, config_path: Path, content_dir: Path, interval: float,
                 log: Callable[[str], None]) -> None:
        self._config_path = config_path
        self._content_dir = content_dir
        self._interval = interval
        self._log = log
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="digest-follow", daemon=True)
        self.rounds = 0  # rounds finished, for whoever waits on one

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.read_once()
            self.rounds += 1
            self._stop.wait(self._interval)

    def read_once(self) -> None:
        try:
            config = load_config(self._config_path.parent, self._config_path)
        except DigestError as exc:  # a half-saved digest.yaml: the next round tries again
            self._log(f"{exc}; feeds not read this round")
            return
        if not config.feeds:
            self._log("following: no feeds listed under `feeds:` in digest.yaml")
            return
        report = ingest_web([], config.feeds, WebOptions(
            self._content_dir, Limits(max_bytes=config.max_bytes)))
        for outcome in report.outcomes:
            if outcome.status != HELD:  # a feed read again lists mostly what is held
                self._log(str(outcome))
        self._log(report.summary())
