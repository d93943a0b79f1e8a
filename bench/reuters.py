"""Reuters-21578 (the UCI newswire collection's 22 SGML files) as one text file per newswire.

    python -m bench.reuters --sgm .data/reuters-sgm --out .data/reuters

The collection's texts carry no licence to redistribute: the SGML files go in a git-ignored
folder (`.data/reuters-sgm/`, copied from a public GitHub copy of the distribution, see
bench/README.md) and only this converter is committed. Each `<REUTERS>` element becomes
`<NEWID>.txt` as a person would save the wire: the headline, a blank line, the date, a
blank line, then the dateline and body with a blank line between paragraphs (the SGML
indents a paragraph's first line). Character references are resolved; the wire's
transmission codes (&#2;, &#3;, &#22;...) are not text and are dropped. Bytes are written
as the SGML has them (Latin-1 where it is not ASCII), so a stray non-ASCII byte stays what
it was, as in a real saved copy.
"""

from __future__ import annotations

import argparse
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
_DATE = re.compile(r"<DATE>\s*(.*?)\s*</DATE>", re.S)
_TEXT = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT>", re.S)
_PART = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S)
         for name in ("TITLE", "DATELINE", "BODY")}
_TAG = re.compile(r"</?[A-Z]+\b[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Newswire:
    newid: int
    text: str


def newswires(sgm: str) -> Iterator[Newswire]:
    """The newswires of one SGML file, decoded as Latin-1 (every byte is a character)."""
    for match in _DOC.finditer(sgm):
        newid = _NEWID.search(match.group(1))
        if newid is None:
            continue
        yield Newswire(int(newid.group(1)), _as_text(match.group(2)))


def _as_text(doc: str) -> str:
    text_match = _TEXT.search(doc)
    inner = text_match.group(1) if text_match else ""
    parts = {name: _clean(found.group(1)) if (found := pattern.search(inner)) else ""
             for name, pattern in _PART.items()}
    if not parts["TITLE"] and not parts["BODY"]:  # unprocessed wires: the text as it is
        parts["BODY"] = _clean(_TAG.sub("", inner))
    head = " ".join(parts["TITLE"].split())
    when = _DATE.search(doc)
    day = _day(when.group(1)) if when else ""
    body = f"{parts['DATELINE'].strip()} {parts['BODY'].lstrip()}".strip()
    paragraphs = [p.strip("\n") for p in re.split(r"\n(?=\s{3,}\S)", body)]
    blocks = [head, day, *(p.strip() for p in paragraphs)]
    return "\n\n".join(b for b in blocks if b) + "\n"


def _clean(raw: str) -> str:
    return _CONTROL.sub("", html.unescape(raw)).replace("\r", "")


def _day(raw: str) -> str:
    """'26-FEB-1987 15:01:01.79' as a page shows it: '26 February 1987 15:01'."""
    try:
        moment = datetime.strptime(raw.split(".")[0].strip(), "%d-%b-%Y %H:%M:%S")
    except ValueError:
        return ""
    return f"{moment.day} {moment:%B %Y %H:%M}"


def convert(sgm_dir: Path, out: Path) -> int:
    """Write every newswire of the SGML files in `sgm_dir` to `out`; the number written."""
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(sgm_dir.glob("reut2-*.sgm")):
        for wire in newswires(path.read_bytes().decode("latin-1")):
            (out / f"{wire.newid:05d}.txt").write_bytes(wire.text.encode("latin-1"))
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sgm", type=Path, required=True, help="folder of reut2-*.sgm")
    parser.add_argument("--out", type=Path, required=True, help="folder for NNNNN.txt files")
    args = parser.parse_args()
    print(f"{convert(args.sgm, args.out)} newswires written to {args.out}")


if __name__ == "__main__":
    main()
