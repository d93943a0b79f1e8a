"""Read user files as text: the one place where bytes become str.

Web copy arrives in every encoding a browser or editor can save. Entries, the config and
sidecars must be UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused
with an error that names the byte, where it is, and the encoding the file most likely is
in. Raw articles being ingested may also be in a legacy encoding: `decode_any` detects it
(digest.charsets) and says which, so that the entry can be marked for review; it refuses
only when detection is not sure, rather than guess and silently corrupt names in the text.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from digest.charsets import Guess, guess
from digest.errors import DigestError

DEFAULT_MAX_BYTES = 5_000_000

# Control bytes that never occur in text files; NUL is the classic binary tell.
_BINARY_BYTES = frozenset(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
                                          27, 28, 29, 30, 31, 127}


class SkippedFile(DigestError):
    """A file that is not an article (binary, too large): skipped, never half-read."""


@dataclass(frozen=True)
class Decoded:
    text: str
    legacy: str | None = None  # the encoding detected when the bytes were not UTF-8
    rivals: tuple[str, ...] = ()  # encodings that would read some characters otherwise


def decode(data: bytes, path: Path | str) -> str:
    """UTF-8 or UTF-16 (with its BOM) to text with normalised line ends, or a DigestError."""
    return _decode(data, path, detect=False).text


def decode_any(data: bytes, path: Path | str) -> Decoded:
    """As decode(), but bytes in a legacy encoding are decoded too when detection is sure
    (`legacy` then names the encoding); a DigestError when it is not."""
    return _decode(data, path, detect=True)


def _decode(data: bytes, path: Path | str, detect: bool) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        found = Decoded(_decode_with(data[len(codecs.BOM_UTF8):], "utf-8", path))
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        found = Decoded(_decode_with(data, "utf-16", path))
    else:
        if _looks_binary(data):
            raise SkippedFile(
                "binary file, not text", path,
                hint="only .txt, .md and .html articles are read; move it out of the folder",
            )
        try:
            found = Decoded(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            guessed = guess(data)
            if not detect or guessed.encoding is None:
                raise _not_utf8(data, exc.start, path, guessed) from None
            found = Decoded(guessed.text, guessed.encoding, guessed.rivals)
    text = found.text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, found.legacy, found.rivals)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    bad = sum(1 for byte in sample if byte in _BINARY_BYTES)
    return b"\x00" in sample or bad / len(sample) > 0.05


def _not_utf8(data: bytes, start: int, path: Path | str, guessed: Guess) -> DigestError:
    where = f"byte 0x{data[start]:02x} at offset {start}"
    line = data[:start].count(b"\n") + 1
    likely = (guessed.encoding, *guessed.rivals) if guessed.encoding else guessed.likely
    if likely == ("utf-8",):
        return DigestError(f"not valid UTF-8 ({where}), though the rest of it is", path, line,
                           hint="the file was cut or damaged there; fix that byte or save the "
                                "article again")
    if not likely:
        return DigestError(f"not valid UTF-8 ({where}), and no text encoding reads it", path,
                           line, hint="is it really a text file? save the article as text")
    unsure = "" if guessed.encoding else "unclear: "
    others = f" (or {', '.join(likely[1:4])})" if len(likely) > 1 else ""
    return DigestError(
        f"not valid UTF-8 ({where}); its encoding is {unsure}likely {likely[0]}{others}",
        path, line,
        hint=f"re-save it as UTF-8, e.g. `iconv -f {likely[0].upper()} -t UTF-8 FILE`",
    )


def _decode_with(data: bytes, encoding: str, path: Path | str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DigestError(
            f"not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path,
            line,
            hint="re-save the file as UTF-8 without a byte order mark",
        ) from None


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a whole file as text, refusing files over `max_bytes` before reading them."""
    return decode(read_bytes(path, max_bytes), path)


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkippedFile(
                f"file is {size:,} bytes, over the {max_bytes:,}-byte limit", path,
                hint="raise `max_bytes` in digest.yaml if this really is an article",
            )
        return path.read_bytes()
    except OSError as exc:
        raise DigestError(f"cannot read file: {exc.strerror}", path) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old bytes or the new, never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The name's head only: a file name near the 255-byte limit must still get a temporary.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
