"""Quote extraction and linking time per 1,000 articles, on a generated digest.

    .venv/bin/python -m bench.attribution_speed [--n 1000] [--seed 1] [--runs 3]

Generates N articles with bench.generate (the corpus `make bench` builds), renders their
bodies once, then times, in this process and on one core:
- extraction: `extract_quotes` over every entry's paragraphs (attribution included);
- linking: `link_entries` over the extracted entries (quote clusters across outlets).
Each is the median of `--runs` CPU times (time.process_time), per 1,000 articles, written
to bench/results-attribution.json. To compare with an earlier commit, check it out in a
worktree and run the same command there: same machine, same run, one after the other.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import generate
from digest.content import load_entries
from digest.extract import Extracted, extract_entry
from digest.extract.markdown import new_renderer, render_body
from digest.extract.quotes import extract_quotes
from digest.extract.topics import TopicMatcher
from digest.link.digest_links import link_entries
from digest.people import People

RESULTS = Path(__file__).resolve().parent / "results-attribution.json"


def _median_cpu(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.process_time()
        work()
        times.append(time.process_time() - began)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.attribution_speed")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        generate.main(["--n", str(args.n), "--seed", str(args.seed), "--out", folder])
        entries = load_entries(Path(folder) / "content").entries
    md = new_renderer()
    paragraphs = [render_body(entry.body, md).paragraphs for entry in entries]
    people = People()
    extracted: list[Extracted] = [extract_entry(entry, TopicMatcher(()), md, people)
                                  for entry in entries]
    quotes = sum(len(x.quotes) for x in extracted)
    extraction = _median_cpu(lambda: [extract_quotes(p, people) for p in paragraphs], args.runs)
    linking = _median_cpu(lambda: link_entries(extracted, people), args.runs)
    scale = 1000 / len(entries)
    figures = {"articles": len(entries), "quotes": quotes,
               "extraction s per 1,000 articles": round(extraction * scale, 3),
               "linking s per 1,000 articles": round(linking * scale, 3), "runs": args.runs}
    print(json.dumps(figures, indent=1))
    RESULTS.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
