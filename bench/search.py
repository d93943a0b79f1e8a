"""Search bench: digest's static search index against Pagefind, on the same articles.

    python -m bench.search [--sizes 10000] [--runs 3] [--out bench/out]
                           [--results bench/results-search.json] [--skip-pagefind]

Per size, on bench.run's corpus (`digest build` first: fast when site/ is current): digest's
index step alone (records_from + build_index, in a child process fed from the build cache)
paired run by run with Pagefind on the built article pages (time, peak memory, index size);
then, in headless Chromium, each typical query from a fresh browser context (bytes loaded,
time from the last file loaded to the first results, time from navigation start).
bench/README.md ("Search: digest against Pagefind") says exactly what each figure counts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.measure import RunFailed, Sample, median, run, tree_bytes, tree_rss
from bench.run import ensure_corpus, machine, report, write_results
from bench.search_browser import (
    QUERIES,
    SHOWN,
    bench_queries,
    chromium,
    digest_group,
    pagefind_group,
)
from digest.build import BuildOptions, extract_entries, load_all, people_of
from digest.config import load_config
from digest.engine import Engine, Store
from digest.engine.queries import CLUSTERS
from digest.engine.state import code_version, state_file
from digest.engine.vectors import quote_vectors
from digest.group import Grouped, group_entries
from digest.link.coverage import with_auto_topics
from digest.link.digest_links import Linked, link_entries
from digest.search import SearchIndex, SearchRecord, build_index, records_from

HERE = Path(__file__).resolve().parent
KB, MB = 1024, 1024 * 1024


def _pipeline(corpus: Path) -> tuple[Grouped, Linked, int]:
    """(grouped, linked, entries extracted afresh), as digest/build.py computes them, from
    what the engine's store in the corpus's .cache/ remembers."""
    config = load_config(corpus)
    store = Store(state_file(config.root))
    try:
        engine = Engine(store, salt=code_version())
        people = people_of(config, engine)
        options = BuildOptions(config.content_dir, config.output_dir)
        loaded = load_all(config, options, engine, time.time_ns())
        extracted = extract_entries(config, options, engine, people, loaded)
        grouped = group_entries(extracted if config.topics else with_auto_topics(extracted),
                                config.topics)
        # With the multilingual extra installed the build links with quote vectors too.
        vectors = quote_vectors(engine, grouped.entries)
        engine.finish()
    finally:
        store.close()
    linked = link_entries(grouped.entries, people, dict(config.aliases),
                          link=lambda quotes, names: CLUSTERS.run(quotes, names, vectors))
    return grouped, linked, engine.runs["extract"]


def reindex_one(records: Sequence[SearchRecord], edits: int = 5) -> tuple[list[float], int]:
    """Seconds of SearchIndex.update after one article's body changed (a new sentence each
    time), on an index kept in memory as the preview keeps it; files rewritten by the last."""
    index = SearchIndex()
    index.update(records)
    articles = [n for n, r in enumerate(records) if r.kind == "article"]
    k = articles[len(articles) // 2]
    seconds, written = [], set()
    for i in range(edits):
        edited = list(records)
        edited[k] = replace(records[k], body=records[k].body +
                            f"\nThe ministry declined to comment further (edit {i + 1}).")
        started = time.perf_counter()
        written = index.update(edited)
        seconds.append(time.perf_counter() - started)
    return seconds, len(written)


def _say(data: dict[str, Any]) -> None:
    print(json.dumps(data), flush=True)


def index_child(corpus: Path) -> None:
    """Load once, then one timed index build per "run" line on stdin; at any other line, one
    untimed build under tracemalloc, and the figures."""
    grouped, linked, fresh = _pipeline(corpus)
    rss_before = tree_rss(os.getpid())
    _say({"ready": True})
    sizes: list[int] = []
    current = True  # site/search/ holds what this code builds (else the browser part is stale)
    for command in sys.stdin:
        if command.strip() != "run":
            break
        started = time.perf_counter()
        files = build_index(records_from(grouped, linked))
        seconds = time.perf_counter() - started
        if not sizes:
            sizes = [len(v) for v in files.values()]
            current = all((corpus / "site" / k).is_file() and
                          (corpus / "site" / k).read_bytes() == v for k, v in files.items())
        del files
        _say({"seconds": seconds})  # only now: the parent's next step is a Pagefind run
    # Before tracemalloc, whose own bookkeeping is large: the load and the timed builds.
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    reindex, rewritten = reindex_one(records_from(grouped, linked))
    tracemalloc.start()  # apart from the timed runs: tracing slows Python down several times
    build_index(records_from(grouped, linked))
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    _say({
        "records": len(records_from(grouped, linked)), "articles": len(grouped.entries),
        "files": len(sizes), "index_bytes": sum(sizes), "extracted_afresh": fresh,
        "site_index_current": current,
        "tracemalloc_peak": traced_peak, "rss_before_index": rss_before,
        "child_peak_rss": peak_rss,
        "reindex_one_s": median(reindex), "reindex_runs": [round(t, 5) for t in reindex],
        "reindex_files_written": rewritten,
    })


def bench_digest(corpus: Path, runs: int, between: Callable[[], None]) -> dict[str, Any]:
    """The index step `runs` times, calling `between` after each (a Pagefind run: digest,
    Pagefind, digest, ... so that load from other users of the machine hits both)."""
    child = subprocess.Popen(
        (sys.executable, "-m", "bench.search", "--digest-index-child", str(corpus)),
        cwd=HERE.parent, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    stdin, stdout = child.stdin, child.stdout
    assert stdin is not None and stdout is not None

    def ask(command: str) -> dict[str, Any]:
        stdin.write(command)
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise RunFailed(f"the digest index child exited with {child.wait()}")
        answer: dict[str, Any] = json.loads(line)
        return answer

    try:
        ask("")
        seconds: list[float] = []
        for _ in range(runs):
            seconds.append(ask("run\n")["seconds"])
            between()
        result = ask("end\n")
    finally:
        child.kill()
        child.wait()
    return result | {"index_s": median(seconds), "index_runs": [round(t, 4) for t in seconds]}


def ensure_pagefind(out: Path) -> tuple[Path, str]:
    """Pagefind's binary (installed from PyPI into out/.pagefind-venv when missing), version."""
    venv = out / ".pagefind-venv"
    python = venv / "bin" / "python"
    where = [str(python), "-c", "import pagefind_bin; print(pagefind_bin.get_executable())"]
    if not python.exists() or subprocess.run(where, capture_output=True).returncode != 0:
        for step in ([sys.executable, "-m", "venv", str(venv)],
                     [str(python), "-m", "pip", "install", "--quiet", "pagefind[bin]"]):
            done = subprocess.run(step, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise RuntimeError(f"{' '.join(step)}:\n{(done.stdout + done.stderr)[-1500:]}")
    binary = Path(subprocess.run(where, capture_output=True, text=True, check=True).stdout.strip())
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                             check=True).stdout.strip().removeprefix("pagefind ").strip()
    return binary, version


# Pagefind's JS API as a site would use it: search, then the data of the results shown.
PAGEFIND_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind search</title></head>
<body><p id="search-status"></p><ol id="search-results"></ol>
<script type="module">
const status = document.getElementById("search-status");
try {
  const pagefind = await import("./pagefind/pagefind.js");
  const found = await pagefind.search(new URLSearchParams(location.search).get("q") || "");
  const shown = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
  const items = shown.map((d) => {
    const li = document.createElement("li");
    li.innerHTML = "<a></a><p>" + d.excerpt + "</p>"; // <mark>s, as Pagefind's UI shows
    li.firstChild.href = d.url;
    li.firstChild.textContent = d.meta.title || d.url;
    return li;
  });
  status.textContent = items.length ? found.results.length + " results" : "No results.";
  document.getElementById("search-results").replaceChildren(...items);
} catch (error) {
  status.textContent = "failed: " + error;
}
</script></body></html>
""".replace("SHOWN", str(SHOWN))


class Pagefind:
    """Pagefind on the built article pages, into corpus/peers/pagefind/pagefind/ beside a page
    that queries it (PAGEFIND_PAGE). A failure is recorded, not raised."""

    def __init__(self, binary: Path, version: str, corpus: Path) -> None:
        self.version, self.corpus = version, corpus
        self.bundle = corpus / "peers" / "pagefind" / "pagefind"
        self.command = (str(binary), "--site", str(corpus / "site"), "--glob",
                        "entries/**/*.html", "--root-selector", "main",
                        "--output-path", str(self.bundle))
        self.samples: list[Sample] = []
        self.error = ""

    def once(self) -> None:
        if not self.error:
            shutil.rmtree(self.bundle, ignore_errors=True)
            try:
                self.samples.append(run(self.command, self.corpus))
            except (OSError, RunFailed) as exc:
                self.error = str(exc)[-2000:]

    def result(self) -> dict[str, Any]:
        if self.error or not self.samples:
            return {"error": self.error or "not run"}
        (self.bundle.parent / "index.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
        counts = {kind: int(n) for n, kind in re.findall(r"Indexed (\d+) (pages|words)",
                                                         self.samples[-1].output)}
        return {
            "version": self.version, "command": " ".join(self.command),
            "seconds": median([s.seconds for s in self.samples]),
            "peak_rss": median([s.peak_rss for s in self.samples]),
            "runs": [[round(s.seconds, 3), s.peak_rss] for s in self.samples],
            "index_bytes": tree_bytes(self.bundle),
            "files": sum(1 for p in self.bundle.rglob("*") if p.is_file()),
            "pages": counts.get("pages", 0), "words": counts.get("words", 0),
        }


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def _under(value: float | None, limit: float) -> bool | None:
    return None if value is None else value < limit


def compare(d: dict[str, Any], pf: dict[str, Any], browser: dict[str, Any]) -> dict[str, Any]:
    """Ratios digest / Pagefind, and the issue's targets (None where this run cannot tell)."""
    out = {f"{name}_ratio": _ratio(d[mine], pf.get(theirs))
           for name, mine, theirs in (("time", "index_s", "seconds"),
                                      ("memory_tracemalloc", "tracemalloc_peak", "peak_rss"),
                                      ("memory_child_rss", "child_peak_rss", "peak_rss"),
                                      ("size", "index_bytes", "index_bytes"))}
    top = browser.get("digest", {}).get("max", {})
    return out | {"targets": {
        "time_under_quarter_of_pagefind": _under(out["time_ratio"], 0.25),
        "memory_under_quarter_of_pagefind_tracemalloc":
            _under(out["memory_tracemalloc_ratio"], 0.25),
        "memory_under_quarter_of_pagefind_rss": _under(out["memory_child_rss_ratio"], 0.25),
        "max_bytes_per_query_under_300kb": _under(top.get("bytes"), 300_000),
        "max_after_files_ms_under_100": _under(top.get("after_files_ms"), 100),
        "reindex_one_under_50ms": _under(d["reindex_one_s"], 0.05),
    }}


def _cell(value: float | None, fmt: str, width: int, scale: float = 1) -> str:
    return f"{'-' if value is None else format(value / scale, fmt):>{width}}"


def table(results: dict[str, Any]) -> str:
    lines: list[str] = []
    for n, size in results["sizes"].items():
        d, c, pf = size["digest"], size["compare"], size.get("pagefind", {"error": "skipped"})
        lines += [f"N={n}: index build, median of {results['settings']['runs']} runs",
                  f"{'':36}{'digest':>10}{'Pagefind':>10}{'d / P':>8}"]
        for label, key, fmt, scale, ratio in (
            ("time s", "index_s/seconds", ".3f", 1, "time"),
            ("peak MiB: index step (tracemalloc)", "tracemalloc_peak/peak_rss", ".1f", MB,
             "memory_tracemalloc"),
            ("peak MiB: whole process RSS", "child_peak_rss/peak_rss", ".1f", MB,
             "memory_child_rss"),
            ("index MiB", "index_bytes/index_bytes", ".2f", MB, "size"),
            ("index files", "files/files", ".0f", 1, ""),
            ("one entry re-indexed ms", "reindex_one_s/", ".1f", 1e-3, ""),
        ):
            mine, theirs = key.split("/")
            lines.append(f"{label:36}{_cell(d.get(mine), fmt, 10, scale)}"
                         f"{_cell(pf.get(theirs), fmt, 10, scale)}"
                         f"{_cell(c.get(f'{ratio}_ratio'), '.3f', 8)}")
        lines.append(f"digest: {d['articles']} articles in {d['records']} records (with topics, "
                     "quotes, people); Pagefind: " + (pf["error"].splitlines()[0][:100]
                     if "error" in pf else f"{pf['version']}, {pf['pages']} pages"))
        got = size.get("browser", {})
        if got:
            lines += ["", f"N={n}, Chromium, per query (median of runs): results found, KiB "
                      "loaded (raw; as gzip), ms from the last file loaded to the first results, "
                      "ms from navigation start",
                      f"{'':18}" + "".join(f"| {name:<34}" for name in got),
                      f"{'query':18}" + f"|{'found':>6}{'KiB':>7}{'gz KiB':>7}{'after':>7}"
                      f"{'total':>7} " * len(got)]
            rows = [(q, [g["queries"][q] for g in got.values()]) for q in got["digest"]["queries"]]
            rows += [(k, [g[k] for g in got.values()]) for k in ("median", "max")]
            lines += [f"{q:18}" + "".join(
                f"|{_cell(v.get('results'), '.0f', 6)}{_cell(v['bytes'], '.1f', 7, KB)}"
                f"{_cell(v['gzip_bytes'], '.1f', 7, KB)}{v['after_files_ms']:>7.1f}"
                f"{v['total_ms']:>7.1f} " for v in cells) for q, cells in rows]
    return "\n".join(lines)


def digest_build(corpus: Path) -> dict[str, Any]:
    done = run((sys.executable, "-m", "digest", "build"), corpus)
    return {"seconds": done.seconds, "summary": done.output.strip().split("\n")[-1]}


def bench_size(corpus: Path, runs: int, pagefind: tuple[Path, str] | str | None,
               browser: bool) -> dict[str, Any]:
    """pagefind: its binary and version, its install error, or None to skip it."""
    print(f"{corpus}: digest build ...", flush=True)
    size: dict[str, Any] = {"corpus_build": digest_build(corpus)}  # fast when site/ is current
    runner = Pagefind(*pagefind, corpus) if isinstance(pagefind, tuple) else None
    print(f"digest index step{', paired with Pagefind' if runner else ''} ...", flush=True)
    size["digest"] = bench_digest(corpus, runs, runner.once if runner else lambda: None)
    if pagefind is not None:
        size["pagefind"] = runner.result() if runner else {"error": pagefind}
    pf = size.get("pagefind", {})
    if not size["digest"]["site_index_current"]:
        # digest.search changed since site/ was built; a no-change build would not notice.
        print("site/search/ is out of date: digest build with one entry touched ...", flush=True)
        os.utime(min((corpus / "content").rglob("*.md")))
        size["corpus_rebuild"] = digest_build(corpus)
    if browser:
        print("Chromium ...", flush=True)
        with chromium() as chrome:
            size["browser"] = {"digest": bench_queries(chrome, corpus / "site", "search/",
                                                       digest_group, runs)}
            if "index_bytes" in pf:
                size["browser"]["pagefind"] = bench_queries(
                    chrome, corpus / "peers" / "pagefind", "", pagefind_group, runs)
    size["compare"] = compare(size["digest"], pf, size.get("browser", {}))
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "out", help="work folder")
    parser.add_argument("--results", type=Path, default=HERE / "results-search.json")
    parser.add_argument("--skip-pagefind", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--digest-index-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.digest_index_child:
        index_child(args.digest_index_child.resolve())
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    pagefind: tuple[Path, str] | str | None = None
    if not args.skip_pagefind:
        try:
            pagefind = ensure_pagefind(args.out)
        except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
            pagefind = f"install failed: {str(exc)[-2000:]}"
    results: dict[str, Any] = {"machine": machine(), "settings": {
        "sizes": sizes, "runs": args.runs, "seed": args.seed, "queries": list(QUERIES),
        "results_shown": SHOWN}, "sizes": {}}
    for n in sizes:
        corpus = ensure_corpus(args.out, n, args.seed).resolve()
        results["sizes"][str(n)] = bench_size(corpus, args.runs, pagefind, not args.skip_browser)
        write_results(args.results, results)
    report(table(results), args.results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
