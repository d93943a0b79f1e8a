"""One entry edited, then `digest build`: what an edit of a title or of a text costs.

    .venv/bin/python -m bench.edit --sizes 1000,10000 --runs 3   # bench.run's corpora
    .venv/bin/python -m bench.generate --n 2000 --seed 1 --out /tmp/c2k
    .venv/bin/python -m bench.edit --corpus /tmp/c2k --runs 3

The bench builds each corpus until nothing changes, then runs `digest build --timings`
(timed from process start to exit, bench.measure) `--runs` times for each kind: nothing
changed, a word added to the title of the entry in the middle of content/, a sentence
appended to its text (a new one each run). It prints the medians and, for each kind, the
stage table of its last run, writes them to `--results`, and restores the entry.
`--code DIR` runs the digest package found in DIR (an older checkout, `git archive`d):
`--no-timings` then, for code without the flag.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.measure import Sample, median, run
from bench.run import HERE, ensure_corpus, machine

KINDS = ("none", "title", "body")
SEED = 1  # bench.run's
_TITLE = re.compile(r'^title: "(.*)"$', re.M)


def _edit(kind: str, original: str, n: int) -> str:
    if kind == "title":
        return _TITLE.sub(lambda m: f'title: "{m.group(1)} edited {n}"', original, count=1)
    return f"{original}\nThe ministry declined to comment further (edit {n}).\n"


def bench_edits(corpus: Path, runs: int, command: Sequence[str],
                env: dict[str, str]) -> dict[str, Any]:
    entries = sorted((corpus / "content").rglob("*.md"))
    edited = entries[len(entries) // 2]
    original = edited.read_text(encoding="utf-8")

    def build() -> Sample:
        return run(command, corpus, env=env)

    results: dict[str, Any] = {"entry": str(edited.relative_to(corpus))}
    try:
        # Cold (or whatever the corpus's .cache/ holds), then until nothing changes.
        if not any("0 re-rendered" in build().output for _ in range(3)):
            raise RuntimeError("every build re-renders pages: is the code being edited?")
        for kind in KINDS:
            seconds, output = [], ""
            for n in range(1, runs + 1):
                if kind != "none":  # a file written again is a change to its stat
                    edited.write_text(_edit(kind, original, n), encoding="utf-8")
                sample = build()
                seconds.append(sample.seconds)
                output = sample.output
            if kind != "none":
                edited.write_text(original, encoding="utf-8")
                build()  # back to the corpus as generated, for the next kind
            results[kind] = {"median_s": median(seconds), "runs": seconds,
                             "last_output": output.strip().splitlines()}
    finally:
        edited.write_text(original, encoding="utf-8")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.edit", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path,
                        help="a bench.generate corpus (default: bench.run's, one per size)")
    parser.add_argument("--sizes", default="1000", help="corpus sizes, as bench.run's")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="bench.run's folder")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, help="a folder holding another digest package")
    parser.add_argument("--no-timings", action="store_true", help="for code without the flag")
    parser.add_argument("--results", type=Path, default=HERE / "results-edit.json")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if args.code:
        env["PYTHONPATH"] = str(args.code.resolve())
    command = [sys.executable, "-m", "digest", "build", *([] if args.no_timings
                                                          else ["--timings"])]
    corpora = [args.corpus] if args.corpus else [
        ensure_corpus(args.out, int(n), SEED) for n in args.sizes.split(",")]
    results: dict[str, Any] = {"machine": machine(), "runs": args.runs,
                               "code": str(args.code or "this checkout"), "corpora": {}}
    for corpus in corpora:
        found = results["corpora"][str(corpus)] = bench_edits(corpus.resolve(), args.runs,
                                                              command, env)
        args.results.write_text(json.dumps(results, indent=2) + "\n")
        print(f"\n{corpus}")
        for kind in KINDS:
            print(f"\n{kind}: median {found[kind]['median_s']:.2f} s "
                  f"({', '.join(f'{s:.2f}' for s in found[kind]['runs'])})")
            print("\n".join(found[kind]["last_output"][-18:]))
    print(f"\nresults: {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
