"""Run one command and measure it: wall time and peak memory of its whole process tree.

Peak memory is the larger of two numbers:

- the maximum, over samples taken every 50 ms from /proc, of the summed RSS of the process
  and all its descendants. This is what a process pool or a wrapper that execs a binary as a
  child costs; `/usr/bin/time -v` ("Maximum resident set size") reports only the largest
  single process, never a sum.
- the kernel's own peak for the process, from wait4()'s rusage: the same figure
  `/usr/bin/time -v` prints (it calls wait4 too). It catches a peak shorter than one sample.

Only /proc and the standard library are used, so the project gains no dependency.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.05
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_rss: int  # bytes
    returncode: int
    output: str  # the tail of stdout and stderr, for error reports


class RunFailed(Exception):
    """A measured command exited non-zero or ran out of time."""


def _children(pid: int) -> list[int]:
    # /proc/PID/task/TID/children lists direct children (Linux >= 3.5 with
    # CONFIG_PROC_CHILDREN, which Debian and Ubuntu kernels have).
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0  # the process ended between listing and reading


def tree_rss(root: int) -> int:
    """Summed RSS of `root` and its descendants, in bytes."""
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss(pid)
        stack.extend(_children(pid))
    return total


def run(cmd: Sequence[str], cwd: Path, timeout: float = 3600.0,
        env: dict[str, str] | None = None) -> Sample:
    """Run `cmd` in `cwd`; raise RunFailed when it fails, with the output's tail."""
    with tempfile.TemporaryFile() as out:
        # A session of its own, so that a time-out can end the whole tree it started.
        proc = subprocess.Popen(list(cmd), cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        started = time.perf_counter()
        peak = [0]
        done = threading.Event()
        timed_out = threading.Event()

        def sample() -> None:
            # In a thread, so that the main thread's wait4 returns the moment the process
            # ends: a sleep-and-poll loop would add up to one interval to every time.
            while not done.wait(SAMPLE_SECONDS):
                peak[0] = max(peak[0], tree_rss(proc.pid))
                if time.perf_counter() - started > timeout:
                    timed_out.set()
                    os.killpg(proc.pid, signal.SIGKILL)
                    return

        sampler = threading.Thread(target=sample, daemon=True)
        peak[0] = tree_rss(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", errors="replace")[-2000:]
    if timed_out.is_set():
        raise RunFailed(f"timed out after {timeout:.0f}s: {' '.join(cmd)}")
    if proc.returncode != 0:
        raise RunFailed(f"exit {proc.returncode}: {' '.join(cmd)}\n{output.strip()}")
    # ru_maxrss is in kilobytes on Linux.
    return Sample(seconds, max(peak[0], usage.ru_maxrss * 1024), proc.returncode, output)


def tree_bytes(path: Path) -> int:
    """Bytes of the files under `path` (0 when it does not exist)."""
    if not path.exists():
        return 0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else 0.0
