"""The engine's state on disk: one SQLite file under `.cache/`.

One long-lived connection, WAL, one transaction per build: a build that is killed leaves
the last committed state, and the next build starts from it. Rows are looked up by key,
never loaded whole. A schema change is detected and the file started afresh; a damaged
file is set aside the same way (a missing cache costs time, never correctness).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

SCHEMA = 2
_TABLES = (
    "CREATE TABLE results (key TEXT PRIMARY KEY, digest TEXT NOT NULL, value BLOB NOT NULL)",
    # State a stage keeps in parts of its own, read a row at a time: the search index's.
    "CREATE TABLE rows (kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,"
    " PRIMARY KEY (kind, key))",
    # Per output folder, the print of each file of the site last written there.
    "CREATE TABLE outputs (out TEXT NOT NULL, path TEXT NOT NULL, print TEXT NOT NULL,"
    " PRIMARY KEY (out, path))",
    # Small records by name: the last build of each output folder, the schema version.
    "CREATE TABLE records (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


class Store:
    def __init__(self, path: Path, fresh: bool = False) -> None:
        """The store at `path`; with `fresh`, emptied first (`digest build --fresh`)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open(path, fresh)
        except sqlite3.DatabaseError:  # not a database, or damaged: start afresh
            for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                stale.unlink(missing_ok=True)
            self._db = self._open(path, fresh)

    @staticmethod
    def _open(path: Path, fresh: bool) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        version = None
        if "records" in tables:
            row = db.execute("SELECT value FROM records WHERE name='schema'").fetchone()
            version = row[0] if row else None
        if fresh or version != str(SCHEMA):
            db.execute("BEGIN IMMEDIATE")
            for table in tables & {"results", "rows", "outputs", "records"}:
                db.execute(f"DROP TABLE {table}")
            for statement in _TABLES:
                db.execute(statement)
            db.execute("INSERT INTO records VALUES ('schema', ?)", (str(SCHEMA),))
            db.execute("COMMIT")
        db.execute("BEGIN")
        return db

    def get(self, key: str) -> tuple[str, bytes] | None:
        row = self._db.execute("SELECT digest, value FROM results WHERE key=?", (key,)).fetchone()
        return (row[0], row[1]) if row else None

    def put(self, key: str, digest: str, value: bytes) -> None:
        self._db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, digest, value))

    def row(self, kind: str, key: str) -> bytes | None:
        found = self._db.execute("SELECT value FROM rows WHERE kind=? AND key=?",
                                 (kind, key)).fetchone()
        return found[0] if found else None

    def set_row(self, kind: str, key: str, value: bytes | None) -> None:
        if value is None:
            self._db.execute("DELETE FROM rows WHERE kind=? AND key=?", (kind, key))
        else:
            self._db.execute("INSERT OR REPLACE INTO rows VALUES (?, ?, ?)", (kind, key, value))

    def scan_rows(self, kind: str) -> Iterator[tuple[str, bytes]]:
        yield from self._db.execute("SELECT key, value FROM rows WHERE kind=?", (kind,))

    def clear_rows(self, kind: str) -> None:
        self._db.execute("DELETE FROM rows WHERE kind=?", (kind,))

    def collect(self, live: Iterable[str], ratio: float, slack: int) -> int:
        """Delete the results no key in `live` names, once they outnumber the live ones
        `ratio` times over (plus `slack`): an edited entry's last extraction, a deleted
        entry's, would otherwise stay until --fresh. Rare enough to cost nothing most
        builds (one count); the results of another build kind (--drafts) go only then.
        The number of rows deleted."""
        keys = list(live)
        total = self._db.execute("SELECT count(*) FROM results").fetchone()[0]
        if total - len(keys) <= len(keys) * ratio + slack:
            return 0
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS live (key TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM live")
        self._db.executemany("INSERT OR IGNORE INTO live VALUES (?)", ((k,) for k in keys))
        gone: int = self._db.execute(
            "DELETE FROM results WHERE key NOT IN (SELECT key FROM live)").rowcount
        return gone

    def outputs(self, out: str) -> dict[str, str]:
        """path -> print of every file last written to `out`."""
        return dict(self._db.execute("SELECT path, print FROM outputs WHERE out=?", (out,)))

    def set_outputs(self, out: str, changed: Mapping[str, str], gone: Iterable[str]) -> None:
        self._db.executemany("DELETE FROM outputs WHERE out=? AND path=?",
                             ((out, path) for path in gone))
        self._db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)",
                             ((out, path, p) for path, p in changed.items()))

    def record(self, name: str) -> Any:
        row = self._db.execute("SELECT value FROM records WHERE name=?", (name,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_record(self, name: str, value: object) -> None:
        self._db.execute("INSERT OR REPLACE INTO records VALUES (?, ?)",
                         (name, json.dumps(value)))

    def commit(self) -> None:
        """End this build's transaction and begin the next one's."""
        self._db.execute("COMMIT")
        self._db.execute("BEGIN")

    def rollback(self) -> None:
        self._db.execute("ROLLBACK")
        self._db.execute("BEGIN")

    def close(self) -> None:
        self._db.execute("ROLLBACK")  # a build that committed has nothing left to roll back
        self._db.close()
