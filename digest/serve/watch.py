"""Watch the project and rebuild once per burst of changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

QUIET_SECONDS = 0.1  # a burst (an editor's save dance, a git checkout) ends after this


def is_noise(path: str, ignored: Iterable[Path]) -> bool:
    """Editor swap and backup files, hidden files, and the output folder itself."""
    candidate = Path(path)
    name = candidate.name
    if (name.startswith((".", "#", "~")) or name.endswith(("~", ".swp", ".swx", ".tmp"))
            or name == "4913"):  # vim's write test file
        return True
    return any(candidate.is_relative_to(folder) for folder in ignored)


class Debouncer:
    """Collects changed paths and calls `action` once they stop arriving."""

    def __init__(self, action: Callable[[set[Path]], None], quiet: float = QUIET_SECONDS) -> None:
        self._action = action
        self._quiet = quiet
        self._pending: set[Path] = set()
        self._last = 0.0
        self._lock = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, daemon=True, name="digest-rebuild")
        self._thread.start()

    def add(self, path: Path) -> None:
        with self._lock:
            self._pending.add(path)
            self._last = time.monotonic()
            self._lock.notify()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._lock.notify()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._pending and not self._stopped:
                    self._lock.wait()
                if self._stopped:
                    return
                wait = self._last + self._quiet - time.monotonic()
                if wait > 0:
                    self._lock.wait(wait)
                    continue
                batch, self._pending = self._pending, set()
            self._action(batch)


class _Handler(FileSystemEventHandler):
    def __init__(self, debouncer: Debouncer, folders: tuple[Path, ...], files: frozenset[Path],
                 ignored: tuple[Path, ...]) -> None:
        self._debouncer = debouncer
        self._folders = folders
        self._files = files
        self._ignored = ignored

    def wanted(self, path: Path) -> bool:
        if is_noise(str(path), self._ignored):
            return False
        return path in self._files or any(path.is_relative_to(f) for f in self._folders)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = raw.decode() if isinstance(raw, bytes) else raw
            if path and self.wanted(Path(path)):
                self._debouncer.add(Path(path))


def watch(paths: Iterable[Path], ignored: Iterable[Path], debouncer: Debouncer) -> BaseObserver:
    """Folders are watched whole; a single file (digest.yaml) through its parent folder,
    keeping only that file's events."""
    resolved = [p.resolve() for p in paths]
    folders = tuple(p for p in resolved if p.is_dir())
    files = frozenset(p for p in resolved if not p.is_dir())
    handler = _Handler(debouncer, folders, files, tuple(p.resolve() for p in ignored))
    observer = Observer()
    for folder in folders:
        observer.schedule(handler, str(folder), recursive=True)
    for parent in sorted({f.parent for f in files if f.parent.is_dir()} - set(folders)):
        observer.schedule(handler, str(parent), recursive=False)
    observer.start()
    return observer
