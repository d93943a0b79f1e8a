"""Which legacy encoding a file that is not UTF-8 is in, and whether we can be sure.

charset-normalizer proposes the encodings that turn the bytes into text that reads well
(little "chaos": no mojibake, no symbols inside words) and scores how much that text reads
like a language ("coherence"). For a paragraph of Cyrillic or Greek that settles it. For
Latin text with a few non-ASCII bytes it cannot: a lone 0xA3 is "£" in windows-1252, "Ł" in
windows-1250 and "Ј" in windows-1251, and each reads as well as the others. Then the code
page people's editors and browsers save in most decides, windows-1252 first as in the
WHATWG Encoding standard's defaults, and the caller marks the text for review, naming the
encodings that would have read it otherwise.

No guess at all (the caller refuses the file) when no encoding reads well, when the bytes
look like UTF-8 with a damaged byte, or when several encodings read it entirely differently
and none of them is a common code page (Shift JIS or Korean, say: a person knows which).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Python codec names, as charset-normalizer gives them: the Windows code pages of Western,
# Cyrillic, Central European, Greek, Turkish, Baltic, Arabic and Hebrew text, then KOI8.
COMMON = ("cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "cp1256", "cp1255",
          "koi8_r", "koi8_u")
NEAR = 0.1  # chaos or coherence this close to the best reads "as well"
_UNICODE = frozenset({"utf_8", "ascii", "utf_16", "utf_32", "utf_7"})


@dataclass(frozen=True)
class Guess:
    encoding: str | None  # a label such as "windows-1252"; None when not sure enough
    text: str  # the decoded text ("" without an encoding)
    likely: tuple[str, ...] = ()  # labels worth trying, best first: for a refusal's hint
    rivals: tuple[str, ...] = ()  # up to 3 that read some characters otherwise: to review


def label(codec: str) -> str:
    """The name people and iconv know an encoding by: "windows-1252" for Python's cp1252."""
    name = codecs.lookup(codec).name
    if name.startswith("cp125"):
        return f"windows-{name[2:]}"
    return name.replace("_", "-")


def guess(data: bytes) -> Guess:
    """The legacy encoding of `data`, bytes that are not valid UTF-8."""
    from charset_normalizer import from_bytes  # only files that are not UTF-8 need it

    matches = list(from_bytes(data))
    if not matches:
        return Guess(None, "")
    if matches[0].encoding in _UNICODE:  # UTF-8 but for a damaged byte or two
        return Guess(None, "", likely=("utf-8",))
    least = min(m.chaos for m in matches)
    calm = [m for m in matches if m.chaos <= least + NEAR]
    best = max(m.coherence for m in calm)
    near = [m for m in calm if m.coherence >= best - NEAR]
    top = next(m for m in near if m.coherence == best)
    # A match stands for every encoding that decodes the bytes to the same text.
    readings = {e: str(m) for m in near for e in (m.could_be_from_charset or [m.encoding])}
    common = sorted((e for e in readings if e in COMMON), key=COMMON.index)
    if all(text == readings[top.encoding] for text in readings.values()):
        chosen = common[0] if common else top.encoding
        return Guess(label(chosen), readings[chosen])
    if not common:
        return Guess(None, "", likely=tuple(dict.fromkeys(label(m.encoding) for m in near)))
    chosen = common[0]
    others = [e for e, text in readings.items() if text != readings[chosen]]
    others.sort(key=lambda e: COMMON.index(e) if e in COMMON else len(COMMON))  # stable
    return Guess(label(chosen), readings[chosen], rivals=tuple(map(label, others[:3])))
