"""Real corpora through digest as a new user runs it: ingest every article, build, no traceback.

    make smoke
    .venv/bin/python -m bench.smoke [--data DIR] [--corpora polnear,reuters,seeds] [--limit N]

Corpora, under DIR (--data, else $DIGEST_EVAL_DATA, else the project's .data/):

- `polnear/data/{train,dev}/text/*.txt`: PolNeAR's US political news (the test split is
  never read);
- `reuters/*.txt`: the Reuters-21578 newswires, one file each, from `reuters-sgm/` by
  `python -m bench.reuters` (run here when `reuters/` is missing);
- the project's own `seeds/`.

In a temporary project (`title:` only, no topic rules), each corpus goes through `digest
ingest` (Reuters with `--source Reuters`), then `digest build` runs, then runs again with
nothing changed. The commands run as a user runs them, in processes of their own. Accepted
when every file is ingested or refused with a reason that names it, no output holds a
traceback, and both builds succeed. Prints counts, times and the refusals; exits 1 when
not accepted, 0 (with a note) when no corpus is there, so that `make test` never needs one.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.reuters import convert

ROOT = Path(__file__).resolve().parents[1]
DIGEST = [sys.executable, "-m", "digest"]
STATUSES = ("written", "updated", "unchanged", "kept", "conflict", "skipped", "failed")
_OUTCOME = re.compile(rf"^({'|'.join(STATUSES)}) +(\S+)(?: -> \S+)?(?: \((.*)\))?$")
_FINDING = re.compile(r"^(\S+?):(?:\d+:)? (?:error|warning): ")
_BUILT = re.compile(r"built (\d+) entries into (\d+) pages.*?\((\d+) files\), (\d+) warnings")


@dataclass(frozen=True)
class Corpus:
    name: str
    paths: tuple[Path, ...]  # files or folders given to `digest ingest`
    files: tuple[Path, ...]  # every article among them
    flags: tuple[str, ...] = ()


@dataclass
class Step:
    name: str
    seconds: float
    code: int
    output: str
    peak_mib: float

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.output


@dataclass
class Ingested:
    corpus: Corpus
    step: Step
    statuses: Counter[str] = field(default_factory=Counter)
    refused: list[tuple[Path, str]] = field(default_factory=list)  # (file, reason)
    unlocated: list[str] = field(default_factory=list)  # refusals that do not name the file
    legacy: int = 0  # read in a detected legacy encoding


def data_folder(given: Path | None) -> Path:
    return given or Path(os.environ.get("DIGEST_EVAL_DATA") or ROOT / ".data")


def find_corpora(data: Path, names: Sequence[str], limit: int | None) -> list[Corpus]:
    """The corpora of `names` that `data` holds (Reuters converted from its SGML if need be)."""
    found: list[Corpus] = []
    for name in names:
        if name == "polnear":
            folders = [data / "polnear" / "data" / split / "text" for split in ("train", "dev")]
            folders = [f for f in folders if f.is_dir()]
            if folders:
                found.append(_corpus(name, folders, limit))
        elif name == "reuters":
            folder = data / "reuters"
            if not folder.is_dir() and (data / "reuters-sgm").is_dir():
                print(f"reuters: converting {data / 'reuters-sgm'} to {folder}", flush=True)
                convert(data / "reuters-sgm", folder)
            if folder.is_dir():
                found.append(_corpus(name, [folder], limit, ("--source", "Reuters")))
        elif name == "seeds":
            found.append(_corpus(name, [ROOT / "seeds"], limit))
        else:
            raise SystemExit(f"unknown corpus {name!r}: polnear, reuters or seeds")
    return found


def _corpus(name: str, folders: list[Path], limit: int | None,
            flags: tuple[str, ...] = ()) -> Corpus:
    files = tuple(sorted(p for f in folders for p in f.iterdir() if p.suffix == ".txt"))
    if limit is None:
        return Corpus(name, tuple(folders), files, flags)
    return Corpus(name, files[:limit], files[:limit], flags)


def run(name: str, args: Sequence[str], cwd: Path) -> Step:
    started = time.perf_counter()
    done = subprocess.run([*DIGEST, *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - started
    # The largest child so far, in KiB on Linux: the build is the largest of the steps.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Step(name, seconds, done.returncode, done.stdout + done.stderr, peak)


def ingest(corpus: Corpus, project: Path) -> Ingested:
    step = run(f"ingest {corpus.name}", ["ingest", *map(str, corpus.paths), *corpus.flags],
               project)
    result = Ingested(corpus, step)
    lines = step.output.splitlines()
    # The files the findings (`path: error: why`) name.
    named = {found.group(1) for line in lines if (found := _FINDING.match(line))}
    for line in lines:
        match = _OUTCOME.match(line)
        if match is None:
            continue
        status, origin, note = match.group(1), Path(match.group(2)), match.group(3) or ""
        result.statuses[status] += 1
        result.legacy += "not UTF-8: read as" in note
        if status in ("failed", "skipped", "conflict"):
            result.refused.append((origin, note))
            if str(origin) not in named:
                result.unlocated.append(line)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.smoke", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="folder of the corpora (default "
                        "$DIGEST_EVAL_DATA, else .data/)")
    parser.add_argument("--corpora", default="polnear,reuters,seeds",
                        help="which, comma-separated (default: all three)")
    parser.add_argument("--limit", type=int, help="the first N files of each corpus only")
    parser.add_argument("--keep", type=Path, help="make the project here and keep it")
    args = parser.parse_args(argv)
    data = data_folder(args.data)
    corpora = find_corpora(data, args.corpora.split(","), args.limit) if data.is_dir() else []
    if not any(c.name != "seeds" for c in corpora):
        print(f"smoke: skipped: no corpus under {data} (polnear/data/{{train,dev}}/text, "
              "reuters/ or reuters-sgm/; see bench/README.md, or set --data or "
              "DIGEST_EVAL_DATA)")
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return smoke(corpora, args.keep)
    with tempfile.TemporaryDirectory(prefix="digest-smoke-") as folder:
        return smoke(corpora, Path(folder))


def smoke(corpora: Sequence[Corpus], project: Path) -> int:
    (project / "digest.yaml").write_text("title: Smoke run\n", "utf-8")
    print(f"project: {project}", flush=True)
    ingested = []
    for corpus in corpora:
        result = ingest(corpus, project)
        ingested.append(result)
        counts = ", ".join(f"{n} {s}" for s, n in sorted(result.statuses.items()))
        print(f"{result.step.name}: {len(corpus.files)} files, {counts}; "
              f"{result.legacy} in a legacy encoding; {result.step.seconds:.1f}s", flush=True)
    builds = [run("build", ["build"], project), run("build again", ["build"], project)]
    for step in builds:
        built = _BUILT.search(step.output)
        summary = (f"{built.group(1)} entries, {built.group(2)} pages, {built.group(3)} files, "
                   f"{built.group(4)} warnings" if built else "no summary")
        print(f"{step.name}: exit {step.code}, {summary}; {step.seconds:.1f}s, "
              f"peak {step.peak_mib:.0f} MiB", flush=True)
    return report(ingested, builds)


def report(ingested: Sequence[Ingested], builds: Sequence[Step]) -> int:
    problems: list[str] = []
    for result in ingested:
        seen = sum(result.statuses.values())
        if seen != len(result.corpus.files):
            problems.append(f"{result.corpus.name}: {len(result.corpus.files)} files, "
                            f"{seen} outcomes")
        problems.extend(f"refused without saying where: {line}" for line in result.unlocated)
        reasons = Counter(_reason(note) for _, note in result.refused)
        for reason, count in reasons.most_common():
            example = next(str(o) for o, n in result.refused if _reason(n) == reason)
            print(f"  refused {count:5d} x {reason}  (e.g. {example})")
    for step in (*(r.step for r in ingested), *builds):
        if step.traceback:
            problems.append(f"{step.name}: a traceback\n{step.output[-3000:]}")
    for step in builds:
        if step.code != 0:
            problems.append(f"{step.name}: exit {step.code}\n{step.output[-3000:]}")
    for problem in problems:
        print(f"NOT ACCEPTED: {problem}")
    if not problems:
        print("accepted: every file ingested or refused with its name, no traceback, "
              "both builds done")
    return 1 if problems else 0


def _reason(note: str) -> str:
    """A refusal's message without its position: what groups alike refusals."""
    text = re.sub(r"^(?:\S+, )?line \d+: ", "", note)
    return re.sub(r"byte 0x[0-9a-f]{2} at offset \d+", "byte 0x.. at offset N", text)[:160]


if __name__ == "__main__":
    sys.exit(main())
