"""The scale bench: digest on generated corpora, side by side with Hugo, Pelican and MkDocs.

    python -m bench.run [--sizes 1000,10000] [--runs 3] [--peers hugo,pelican,mkdocs|none]

For each size it generates a corpus in bench/out/n<N>/ (kept between runs while the
generator is unchanged), then measures digest: a cold build (no site/, no .cache/), a
no-change rebuild, a rebuild after one edited entry, each with its peak memory; and the
output's size. Each figure is the median of --runs runs. Then each peer is measured pair by
pair against digest (digest, peer, digest, peer, ...) and reported as a ratio of medians, so
that load from other users of the machine hits both sides alike. A peer that cannot be
installed or run is recorded with its error; only a failing digest fails the bench.
Results go to bench/results.json and a table to stdout.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import generate, peers
from bench.measure import RunFailed, Sample, median, run, tree_bytes

HERE = Path(__file__).resolve().parent
DIGEST = (sys.executable, "-m", "digest", "build")
MB = 1024 * 1024


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "nproc": os.cpu_count(), "python": platform.python_version(),
        "platform": platform.platform(), "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "loadavg_at_start": list(os.getloadavg()),
    }
    for path, key, field in (("/proc/cpuinfo", "cpu", "model name"),
                             ("/proc/meminfo", "memory", "MemTotal")):
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(field):
                    info[key] = line.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
    return info


def write_results(path: Path, results: dict[str, Any]) -> None:
    """Written after every step of a bench: a long run that is stopped keeps what it
    measured."""
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def report(text: str, path: Path) -> None:
    print()
    print(text)
    print(f"\nresults: {path}")


def ensure_corpus(out: Path, n: int, seed: int) -> Path:
    """Generate bench/out/n<N> unless the same generator already wrote it with this seed."""
    corpus = out / f"n{n}"
    source = b"".join((HERE / name).read_bytes() for name in ("generate.py", "vocab.py"))
    stamp = f"{n} {seed} {hashlib.sha256(source).hexdigest()}"
    stamp_file = corpus / ".corpus-stamp"
    if stamp_file.exists() and stamp_file.read_text().strip() == stamp:
        return corpus
    print(f"generating {n} articles into {corpus} ...", flush=True)
    generate.write_corpus(corpus, n, seed)
    stamp_file.write_text(stamp + "\n")
    return corpus


def _clean(paths: Sequence[Path]) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def digest_cold(corpus: Path) -> Sample:
    _clean((corpus / "site", corpus / ".cache"))
    return run(DIGEST, corpus)


def digest_warm(corpus: Path) -> Sample:
    return run(DIGEST, corpus)


def bench_digest(corpus: Path, runs: int) -> dict[str, Any]:
    entries = sorted((corpus / "content").rglob("*.md"))
    edited = entries[len(entries) // 2]
    original = edited.read_bytes()
    cold: list[Sample] = []
    warm: list[Sample] = []
    edit: list[Sample] = []
    try:
        for r in range(runs):
            cold.append(digest_cold(corpus))
            warm.append(digest_warm(corpus))
            # A different sentence each run, so every edit is news to the last build.
            with edited.open("a", encoding="utf-8") as handle:
                handle.write(f"\nThe ministry declined to comment further (run {r + 1}).\n")
            edit.append(digest_warm(corpus))
            edited.write_bytes(original)
    finally:
        edited.write_bytes(original)
    site = corpus / "site"
    return {
        "cold_s": median([s.seconds for s in cold]),
        "cold_peak_rss": median([s.peak_rss for s in cold]),
        "rebuild_s": median([s.seconds for s in warm]),
        "rebuild_peak_rss": median([s.peak_rss for s in warm]),
        "edit_s": median([s.seconds for s in edit]),
        "edit_peak_rss": median([s.peak_rss for s in edit]),
        "output_bytes": tree_bytes(site),
        "output_files": sum(1 for p in site.rglob("*") if p.is_file()),
        "search_index_bytes": tree_bytes(site / "search"),
        "summary": cold[-1].output.strip().splitlines()[-1] if cold[-1].output.strip() else "",
        "runs": [{"cold_s": c.seconds, "rebuild_s": w.seconds, "edit_s": e.seconds}
                 for c, w, e in zip(cold, warm, edit, strict=True)],
    }


def _ratio(peer: float, digest: float) -> float | None:
    return round(peer / digest, 3) if digest else None


def paired(runs: int, digest_step: Callable[[], Sample],
           peer_step: Callable[[], Sample]) -> dict[str, Any]:
    """digest, peer, digest, peer, ...: medians of each side and their ratio (peer / digest)."""
    mine: list[Sample] = []
    theirs: list[Sample] = []
    for _ in range(runs):
        mine.append(digest_step())
        theirs.append(peer_step())
    d_s, p_s = median([s.seconds for s in mine]), median([s.seconds for s in theirs])
    d_m, p_m = median([s.peak_rss for s in mine]), median([s.peak_rss for s in theirs])
    return {
        "digest_s": d_s, "peer_s": p_s, "time_ratio": _ratio(p_s, d_s),
        "digest_peak_rss": d_m, "peer_peak_rss": p_m, "memory_ratio": _ratio(p_m, d_m),
    }


def bench_peer(peer: peers.Peer, corpus: Path, runs: int, timeout: float) -> dict[str, Any]:
    def peer_cold() -> Sample:
        _clean(peer.clean)
        return run(peer.command, peer.project, timeout=timeout)

    def peer_warm() -> Sample:
        return run(peer.command, peer.project, timeout=timeout)

    result: dict[str, Any] = {"version": peer.version, "command": " ".join(peer.command)}
    result["cold"] = paired(runs, lambda: digest_cold(corpus), peer_cold)
    result["output_bytes"] = tree_bytes(peer.output)
    if peer.rebuild:
        result["rebuild"] = paired(runs, lambda: digest_warm(corpus), peer_warm)
    return result


def bench_peers(names: Sequence[str], corpus: Path, out: Path, runs: int, timeout: float,
                results: dict[str, Any], save: Callable[[], None]) -> None:
    """Fill `results` peer by peer, calling `save` after each."""
    if not names:
        return
    try:
        bin_dir = peers.ensure_venv(out).resolve()
    except (OSError, RuntimeError) as exc:
        results.update({name: {"error": f"install failed: {exc}"} for name in names})
        save()
        return
    found = peers.versions(bin_dir)
    entries = peers.load(corpus)
    for name in names:
        print(f"  {name} ...", flush=True)
        try:
            peer = peers.prepare(name, corpus, entries, bin_dir, found.get(name, "?"))
            results[name] = bench_peer(peer, corpus, runs, timeout)
        except (RunFailed, OSError, RuntimeError, ValueError) as exc:
            # A digest failure inside a pair is a RunFailed too; bench_digest has already
            # shown that digest builds this corpus, so it is the peer's side that failed.
            results[name] = {"error": str(exc)[-2000:]}
        save()


def _fmt_s(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _fmt_mb(value: float | None) -> str:
    return "-" if value is None else f"{value / MB:.0f}"


def table(results: dict[str, Any]) -> str:
    lines = ["digest (median of runs; seconds, MiB)",
             f"{'N':>7} {'cold s':>8} {'rebuild s':>10} {'edit s':>8} {'peak MiB':>9} "
             f"{'site MiB':>9} {'files':>7} {'search MiB':>11}"]
    for n, size in results["sizes"].items():
        d = size["digest"]
        lines.append(
            f"{n:>7} {_fmt_s(d['cold_s']):>8} {_fmt_s(d['rebuild_s']):>10} "
            f"{_fmt_s(d['edit_s']):>8} {_fmt_mb(d['cold_peak_rss']):>9} "
            f"{_fmt_mb(d['output_bytes']):>9} {d['output_files']:>7} "
            f"{d['search_index_bytes'] / MB:>11.2f}")
    lines += ["", "peers, paired with digest (ratio = peer / digest; < 1 means the peer is "
              "faster or smaller)",
              f"{'N':>7} {'peer':<8} {'cold s':>7} {'digest s':>9} {'time x':>7} "
              f"{'peak MiB':>9} {'mem x':>6} {'rebuild x':>10} {'site MiB':>9}"]
    for n, size in results["sizes"].items():
        for name, peer in size["peers"].items():
            if "error" in peer:
                lines.append(f"{n:>7} {name:<8} failed: {peer['error'].splitlines()[0][:80]}")
                continue
            cold = peer["cold"]
            rebuild = peer.get("rebuild", {}).get("time_ratio")
            lines.append(
                f"{n:>7} {name:<8} {_fmt_s(cold['peer_s']):>7} {_fmt_s(cold['digest_s']):>9} "
                f"{_fmt_s(cold['time_ratio']):>7} {_fmt_mb(cold['peer_peak_rss']):>9} "
                f"{_fmt_s(cold['memory_ratio']):>6} {_fmt_s(rebuild):>10} "
                f"{_fmt_mb(peer['output_bytes']):>9}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--peers", default=",".join(peers.NAMES),
                        help="peers to compare with, comma-separated, or `none`")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="work folder")
    parser.add_argument("--results", type=Path, default=HERE / "results.json")
    parser.add_argument("--timeout", type=float, default=3600.0,
                        help="seconds before one peer build is stopped")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    names = [] if args.peers == "none" else [p for p in args.peers.split(",") if p]
    results: dict[str, Any] = {
        "machine": machine(),
        "settings": {"sizes": sizes, "runs": args.runs, "seed": args.seed, "peers": names},
        "sizes": {},
    }

    def save() -> None:
        write_results(args.results, results)

    for n in sizes:
        corpus = ensure_corpus(args.out, n, args.seed)
        print(f"N={n}: digest ...", flush=True)
        size: dict[str, Any] = {"digest": bench_digest(corpus, args.runs), "peers": {}}
        results["sizes"][str(n)] = size
        save()
        bench_peers(names, corpus, args.out, args.runs, args.timeout, size["peers"], save)
    report(table(results), args.results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
