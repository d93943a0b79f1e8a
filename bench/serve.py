"""The preview bench: from saving one entry to the reload event, beside `hugo server`.

    python -m bench.serve [--sizes 10000] [--edits 5] [--runs 3] [--peers hugo|none]

On the corpus bench/out/n<N>/ (bench.run's), for digest and then Hugo (bench.peers' project
of the same articles): a no-change rebuild (one build, then the median of --runs more, each
timed from process start to exit); then the preview server (`digest serve`, `hugo server`
in its default fast render mode) and, --edits times, a sentence appended to the entry in
the middle of content/ (the same entry on both sides): the time from closing the file to
the next reload signal, read by a thread (digest: the `reload` event on /__digest__/events;
Hugo: its "Total in N ms" log line, as the issue measured, and the reload message on its
/livereload websocket), and to the server's own build line (with the build time it
reports). Then the entry is restored and the server stopped with SIGINT. Prints a table
and writes bench/results-serve.json (bench/README.md). Standard library only.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from bench import peers
from bench.measure import RunFailed, median, run
from bench.run import ensure_corpus, machine, report, write_results

HERE = Path(__file__).resolve().parent
DIGEST = (sys.executable, "-m", "digest")
SENTENCE = "\nThe ministry declined to comment further (edit {n}).\n"
PAUSE_SECONDS = 1.0  # between edits, so that each is a burst of its own for the watchers

DIGEST_SERVING = re.compile(r"^serving .* on http://[^/]*:(?P<port>\d+)/")
DIGEST_SUMMARY = re.compile(r"^built \d+ entries .*, (?P<s>[\d.]+)s$")
HUGO_SERVING = re.compile(r"Web Server is available at http://[^/]*:(?P<port>\d+)/")
HUGO_BUILT = re.compile(r"^Built in \d+ ms")
HUGO_TOTAL = re.compile(r"^Total in (?P<ms>\d+) ms")
SSE_OUTCOME = re.compile(r"^(?:reload|(?P<failed>failed.*))$", re.DOTALL)
LIVERELOAD = re.compile(r'"command"\s*:\s*"reload"')


class Timeline:
    """What a reader thread saw (output lines, events, messages), each with its
    time.perf_counter() when it was read."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[tuple[float, str]] = []
        self.closed = False
        self._cond = threading.Condition()

    def add(self, text: str) -> None:
        now = time.perf_counter()
        with self._cond:
            self.items.append((now, text))
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()

    def wait(self, pattern: re.Pattern[str], start: int,
             timeout: float) -> tuple[float, re.Match[str]]:
        """The first item from index `start` on that matches, and when it was read."""
        deadline = time.monotonic() + timeout
        with self._cond:
            index = start
            while True:
                for when, text in self.items[index:]:
                    if found := pattern.search(text):
                        return when, found
                index = len(self.items)
                left = deadline - time.monotonic()
                if self.closed or left <= 0:
                    why = "closed" if self.closed else f"nothing after {timeout:.0f}s"
                    tail = "\n".join(t for _, t in self.items[-15:])
                    raise RuntimeError(f"{self.name}: waited for /{pattern.pattern}/, "
                                       f"{why}\n{tail}")
                self._cond.wait(left)


Signal = tuple[str, Timeline, re.Pattern[str]]  # a name, where to look, what to look for


def start(cmd: Sequence[str], cwd: Path, name: str) -> tuple[subprocess.Popen[bytes], Timeline]:
    """A server and its output, line by line. In a session of its own: a Ctrl-C meant for
    the bench reaches the bench only, which then stops the server itself. SIGINT is reset to
    its default in the server: a bench started in the background (`nohup ... &`) has it
    ignored, the server would inherit that, and stop() would have to kill it."""
    proc = subprocess.Popen(list(cmd), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True,
                            preexec_fn=_default_sigint)
    assert proc.stdout is not None
    return proc, follow(f"{name} output", (raw.decode("utf-8", errors="replace").rstrip()
                                           for raw in proc.stdout))


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stop(proc: subprocess.Popen[bytes], timeout: float = 60.0) -> dict[str, Any]:
    """SIGINT, as Ctrl-C in a terminal; SIGKILL if it has not exited after `timeout`."""
    started, killed = time.perf_counter(), False
    proc.send_signal(signal.SIGINT)  # a no-op when it has already exited
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        killed = True
    return {"exit_code": proc.returncode, "stopped_cleanly": proc.returncode == 0 and not killed,
            "stop_s": round(time.perf_counter() - started, 2)}


def _connect(port: int, path: str, headers: dict[str, str],
             status: int) -> tuple[socket.socket, IO[bytes]]:
    """A raw HTTP/1.1 GET whose response stays open: the socket and its reader."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.settimeout(None)
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}",
             *(f"{k}: {v}" for k, v in headers.items())]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    stream = sock.makefile("rb")
    first = stream.readline().decode("latin-1")
    while stream.readline() not in (b"\r\n", b"\n", b""):
        pass  # the response's headers
    if f" {status} " not in first + " ":
        sock.close()
        raise RuntimeError(f"GET {path}: {first.strip() or 'no answer'}")
    return sock, stream


def follow(name: str, items: Iterator[str]) -> Timeline:
    """A timeline that a thread fills from `items`, closed when they end or fail."""
    timeline = Timeline(name)

    def read() -> None:
        with contextlib.suppress(OSError, ValueError):
            for item in items:
                timeline.add(item)
        timeline.close()

    threading.Thread(target=read, daemon=True, name=name).start()
    return timeline


def _sse(stream: IO[bytes]) -> Iterator[str]:
    event = None
    for raw in stream:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if line.startswith(": connected"):
            yield "connected"
        elif line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: ") and event:
            yield event if event == "reload" else f"{event} {json.loads(line[6:])['message']}"
            event = None


def _frames(stream: IO[bytes]) -> Iterator[str]:
    """A websocket's text messages, from the server (whose frames are never masked)."""
    while len(head := stream.read(2)) == 2:
        size = head[1] & 0x7F
        if size >= 126:
            size = int.from_bytes(stream.read(2 if size == 126 else 8), "big")
        payload = stream.read(size)
        if head[0] & 0x0F == 8:  # close
            return
        if head[0] & 0x0F == 1:  # text
            yield payload.decode("utf-8", errors="replace")


def digest_events(port: int) -> tuple[socket.socket, Signal]:
    """The reload channel, connected: one item per event (`reload`, `failed <message>`)."""
    sock, stream = _connect(port, "/__digest__/events", {"Accept": "text/event-stream"}, 200)
    events = follow("digest events", _sse(stream))
    events.wait(re.compile("^connected$"), 0, 30)
    return sock, ("reload", events, SSE_OUTCOME)


def hugo_livereload(port: int) -> tuple[socket.socket, Signal]:
    """Hugo's /livereload websocket, greeted as livereload.js does: one item per message."""
    key = base64.b64encode(os.urandom(16)).decode()
    sock, stream = _connect(port, "/livereload", {
        "Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Key": key,
        "Sec-WebSocket-Version": "13"}, 101)
    hello = json.dumps({"command": "hello", "protocols": [
        "http://livereload.com/protocols/official-7"]}).encode()  # < 126 bytes: 1 length byte
    mask = os.urandom(4)
    sock.sendall(bytes([0x81, 0x80 | len(hello)]) + mask
                 + bytes(b ^ mask[i % 4] for i, b in enumerate(hello)))
    return sock, ("livereload", follow("hugo livereload", _frames(stream)), LIVERELOAD)


def measure_edits(path: Path, edits: int, signals: Sequence[Signal],
                  timeout: float) -> list[dict[str, Any]]:
    """Append a sentence `edits` times, then restore the file. After each write: the ms
    until each signal's next match (`<name>_ms`), the ms the match reports itself (its
    group ms or s: `<name>_reported_ms`) and the matched text (`<name>_text`). Only the
    edits are returned, not the restore."""
    original = path.read_bytes()
    samples: list[dict[str, Any]] = []
    restored = False
    try:
        for i in range(edits + 1):
            marks = [len(timeline.items) for _, timeline, _ in signals]
            if i < edits:
                with path.open("a", encoding="utf-8") as handle:
                    handle.write(SENTENCE.format(n=i + 1))
            else:
                path.write_bytes(original)
                restored = True
            saved = time.perf_counter()
            sample: dict[str, Any] = {}
            for (name, timeline, pattern), mark in zip(signals, marks, strict=True):
                when, found = timeline.wait(pattern, mark, timeout)
                groups = found.groupdict()
                if groups.get("failed"):
                    raise RuntimeError(f"edit {i + 1}: the build failed: {groups['failed']}")
                sample[f"{name}_ms"] = round((when - saved) * 1000, 1)
                if reported := groups.get("ms") or groups.get("s"):
                    scale = 1 if "ms" in groups else 1000
                    sample[f"{name}_reported_ms"] = round(float(reported) * scale, 1)
                sample[f"{name}_text"] = found.string[:200]
            if i < edits:
                samples.append(sample)
            time.sleep(PAUSE_SECONDS)
    finally:
        if not restored:
            path.write_bytes(original)
    return samples


def stats(samples: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per numeric key: median, min, max and every sample."""
    keys = dict.fromkeys(k for s in samples for k, v in s.items() if isinstance(v, float))
    return {k: {"median": median(v), "min": min(v), "max": max(v), "samples": v}
            for k in keys if (v := [s[k] for s in samples if k in s])}


def no_change_rebuild(cmd: Sequence[str], cwd: Path, runs: int,
                      timeout: float) -> dict[str, Any]:
    """One build to bring output and caches up to date, then `runs` more: the median."""
    first = run(cmd, cwd, timeout=timeout)
    again = [round(run(cmd, cwd, timeout=timeout).seconds, 3) for _ in range(max(1, runs))]
    return {"first_s": round(first.seconds, 3), "rebuild_s": median(again), "runs": again}


def middle_entry(corpus: Path) -> Path:
    entries = sorted((corpus / "content").rglob("*.md"))
    return entries[len(entries) // 2]  # as bench.run edits


def serve_and_edit(cmd: Sequence[str], cwd: Path, name: str, edited: Path, edits: int,
                   ready: tuple[re.Pattern[str], re.Pattern[str]], log_line: re.Pattern[str],
                   connect: Callable[[int], tuple[socket.socket, Signal]],
                   timeout: float) -> dict[str, Any]:
    """Start a server, wait until it has built (`ready`: its initial build's line, then the
    line that gives its port) and answers GET /, connect to its reload channel, edit."""
    print(f"  {name}: initial build ...", flush=True)
    started = time.perf_counter()
    proc, log = start(cmd, cwd, name)
    result: dict[str, Any] = {"server_command": " ".join(cmd),
                              "edited": str(edited.relative_to(cwd))}
    sock = None
    try:
        _, found = log.wait(ready[1], 0, timeout)
        if not any(ready[0].search(text) for _, text in log.items):
            raise RuntimeError(f"{name}: the initial build failed\n"
                               + "\n".join(text for _, text in log.items[-15:]))
        port = int(found["port"])
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with no_proxy.open(f"http://127.0.0.1:{port}/", timeout=60) as page:
            page.read()  # a status other than 200 raises
        sock, channel = connect(port)
        result["ready_s"] = round(time.perf_counter() - started, 2)
        print(f"  {name}: ready in {result['ready_s']}s; {edits} edits ...", flush=True)
        samples = measure_edits(edited, edits, (("log", log, log_line), channel), timeout)
        result.update(samples=samples, edit=stats(samples))
    finally:
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # ends the reader thread too
            sock.close()
        result.update(stop(proc))
    return result


def bench_digest(corpus: Path, edits: int, runs: int, timeout: float) -> dict[str, Any]:
    print("  digest: no-change rebuild ...", flush=True)
    result = no_change_rebuild((*DIGEST, "build"), corpus, runs, timeout)
    result.update(serve_and_edit(
        (*DIGEST, "serve", "--port", "0"), corpus, "digest serve", middle_entry(corpus), edits,
        (DIGEST_SUMMARY, DIGEST_SERVING), DIGEST_SUMMARY, digest_events, timeout))
    return result


def bench_hugo(corpus: Path, out: Path, edits: int, runs: int,
               timeout: float) -> dict[str, Any]:
    bin_dir = peers.ensure_venv(out).resolve()
    version = peers.versions(bin_dir).get("hugo", "?")
    peer = peers.prepare("hugo", corpus, peers.load(corpus), bin_dir, version)
    print(f"  hugo {version}: no-change rebuild ...", flush=True)
    result: dict[str, Any] = {"version": version, "command": " ".join(peer.command)}
    result.update(no_change_rebuild(peer.command, peer.project, runs, timeout))
    edited = middle_entry(corpus)
    # bench.peers writes content/YYYY/MM/<slug>.md to content/entries/YYYY/MM/<slug>.md.
    target = peer.project / "content" / "entries" / edited.relative_to(edited.parents[2])
    with socket.socket() as probe:  # a free port; Hugo says which one it took anyway
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    cache = peer.command[peer.command.index("--cacheDir") + 1]
    command = (peer.command[0], "server", "--bind", "127.0.0.1", "--port", str(free),
               "--cacheDir", cache)
    result.update(serve_and_edit(command, peer.project, "hugo server", target, edits,
                                 (HUGO_BUILT, HUGO_SERVING), HUGO_TOTAL, hugo_livereload, timeout))
    return result


def _ms(side: dict[str, Any], key: str, field: str = "median") -> str:
    value = side.get("edit", {}).get(key, {}).get(field)
    return "-" if value is None else f"{value:.0f}"


ROWS = {"digest": (("reload event", "reload"), ("build summary line", "log")),
        "hugo": (("log line Total in", "log"), ("livereload message", "livereload"))}


def table(results: dict[str, Any]) -> str:
    lines = ["one entry saved -> signal, ms (median min max over the edits); no-change "
             "rebuild, s (median)",
             f"{'N':>7} {'side':<7} {'rebuild':>7}  {'signal':<19} {'median':>6} {'min':>6} "
             f"{'max':>6} {'own ms':>6}  server stop"]
    for n, size in results["sizes"].items():
        for side, data in {"digest": size["digest"], **size["peers"]}.items():
            if "error" in data:
                lines.append(f"{n:>7} {side:<7} failed: {data['error'].splitlines()[0][:80]}")
                continue
            ended = "clean" if data["stopped_cleanly"] else f"exit {data['exit_code']}"
            head = (n, side, f"{data['rebuild_s']:.2f}")
            for i, (label, key) in enumerate(ROWS[side]):
                a, b, c = head if i == 0 else ("", "", "")
                lines.append(f"{a:>7} {b:<7} {c:>7}  {label:<19} " + " ".join(
                    f"{_ms(data, key + '_ms', f):>6}" for f in ("median", "min", "max"))
                    + f" {_ms(data, key + '_reported_ms'):>6}  {ended if i == 0 else ''}")
    lines.append("own ms: the build's own time (digest's summary line, Hugo's 'Total in')")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="corpus sizes, comma-separated")
    parser.add_argument("--edits", type=int, default=5, help="edits per side")
    parser.add_argument("--runs", type=int, default=3, help="no-change rebuilds (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--peers", default="hugo", choices=("hugo", "none"))
    parser.add_argument("--out", type=Path, default=HERE / "out", help="work folder")
    parser.add_argument("--results", type=Path, default=HERE / "results-serve.json")
    parser.add_argument("--timeout", type=float, default=1800.0,
                        help="seconds to wait for a build, a server or an event")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results: dict[str, Any] = {
        "machine": machine(),
        "settings": {"sizes": sizes, "edits": args.edits, "runs": args.runs,
                     "seed": args.seed, "peers": args.peers, "pause_s": PAUSE_SECONDS},
        "sizes": {},
    }

    def save() -> None:
        write_results(args.results, results)

    for n in sizes:
        corpus = ensure_corpus(args.out, n, args.seed)
        print(f"N={n}:", flush=True)
        size: dict[str, Any] = {"digest": bench_digest(corpus, args.edits, args.runs,
                                                       args.timeout), "peers": {}}
        results["sizes"][str(n)] = size
        save()
        if args.peers == "hugo":
            try:
                size["peers"]["hugo"] = bench_hugo(corpus, args.out, args.edits, args.runs,
                                                   args.timeout)
            except (RunFailed, OSError, RuntimeError, ValueError) as exc:
                size["peers"]["hugo"] = {"error": str(exc)[-2000:]}
            save()
    report(table(results), args.results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
