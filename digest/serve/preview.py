"""`digest serve`: build, serve, watch, rebuild, reload. No build logic of its own."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType

from digest.build import BuildFailed, BuildOptions, build
from digest.config import CONFIG_NAME, Config, load_config
from digest.engine.engine import Engine
from digest.engine.state import code_version, last_build, state_file
from digest.engine.store import Store
from digest.errors import DigestError
from digest.ingest import IngestOptions, ingest
from digest.ingest.boilerplate import compile_patterns
from digest.ingest.read import RAW_SUFFIXES
from digest.serve.follow import Follower
from digest.serve.server import Broadcaster, make_server
from digest.serve.watch import Debouncer, watch


@dataclass(frozen=True)
class PreviewOptions:
    build: BuildOptions
    host: str = "127.0.0.1"
    port: int = 8000
    seeds: Path | None = None  # raw articles dropped here are ingested, then built
    base_url: str | None = None
    follow: float | None = None  # seconds between readings of the feeds (digest.serve.follow)


def make_rebuild(
    config_path: Path, options: PreviewOptions, broadcaster: Broadcaster,
    log: Callable[[str], None],
) -> Callable[[set[Path]], None]:
    """One rebuild per burst: ingest new raw files, rebuild, tell the pages.

    The engine keeps what each build computed in memory for the next one, so an edit
    redoes only what depends on it; it writes through to `digest build`'s store in
    `.cache/`, which the first build starts from, so that nothing unchanged is extracted
    again. The code is the one loaded at start: its version is read once."""
    engine: Engine | None = None

    def rebuild(changed: set[Path]) -> None:
        nonlocal engine
        try:
            config = load_config(config_path.parent, config_path)
            if options.base_url is not None:
                config = replace(config, base_url=options.base_url)
            raw = sorted(p for p in changed if _is_raw(p, options.seeds))
            if raw:
                report = ingest(raw, IngestOptions(
                    options.build.content_dir, config.root,
                    compile_patterns(config.boilerplate), config.max_bytes))
                for outcome in report.outcomes:
                    log(str(outcome))
            if engine is None:
                engine = Engine(Store(state_file(config.root)), salt=code_version())
                # Run the whole pipeline even when nothing changed: the engine's memory
                # (linked quotes, stories, the search index) is filled now, not on the
                # first edit.
                last = last_build(config, options.build, engine, engine.salt)
                result = build(config, options.build, engine, replace(last, current=None))
            else:
                result = build(config, options.build, engine)
        except BuildFailed as failed:
            message = "\n".join(str(e) for e in failed.errors)
        except DigestError as error:
            message = str(error)
        else:
            for finding in result.findings:
                log(str(finding))
            log(result.summary())
            broadcaster.publish("reload")
            return
        log(f"{message}\nbuild failed; still serving the last good site")
        broadcaster.publish("failed", message)

    return rebuild


def _is_raw(path: Path, seeds: Path | None) -> bool:
    return (seeds is not None and path.suffix.lower() in RAW_SUFFIXES and path.is_file()
            and path.resolve().is_relative_to(seeds.resolve()))


def serve(config: Config, options: PreviewOptions) -> int:
    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    broadcaster = Broadcaster()
    config_path = config.root / CONFIG_NAME
    rebuild = make_rebuild(config_path, options, broadcaster, log)
    rebuild(set())
    server = make_server(options.build.output_dir, options.host, options.port, broadcaster)
    debouncer = Debouncer(rebuild)
    watched = [options.build.content_dir, config.templates_dir, config_path,
               config.root / "people.yaml"]
    if options.seeds is not None:
        watched.append(options.seeds)
    observer = watch(watched, (options.build.output_dir, config.root / ".cache"), debouncer)
    follower = None
    if options.follow is not None:
        follower = Follower(config_path, options.build.content_dir, options.follow, log)
        follower.start()
    host, port = str(server.server_address[0]), server.server_address[1]
    # `kill`, systemd and `docker stop` send SIGTERM: stop as cleanly as on Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        log(f"serving {options.build.output_dir} on http://{host}:{port}/ (Ctrl-C to stop)")
        server.serve_forever()
    except KeyboardInterrupt:
        log("stopping")
    finally:
        server.closing = True  # type: ignore[attr-defined]
        if follower is not None:
            follower.stop()
        observer.stop()
        debouncer.stop()
        observer.join(timeout=5)
        server.server_close()
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
