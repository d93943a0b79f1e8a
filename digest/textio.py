"""Read user files as text: the one place where bytes become str.

Web copy arrives in every encoding a browser or editor can save. We accept
UTF-8 (with or without BOM) and UTF-16 with a BOM, normalise line ends, and
refuse everything else with an error that says how to fix it, rather than
guess and silently corrupt names in the text.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

from digest.errors import DigestError

DEFAULT_MAX_BYTES = 5_000_000

# Control bytes that never occur in text files; NUL is the classic binary tell.
_BINARY_BYTES = frozenset(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
                                          27, 28, 29, 30, 31, 127}


class SkippedFile(DigestError):
    """A file that is not an article (binary, too large): skipped, never half-read."""


def decode(data: bytes, path: Path | str) -> str:
    """Decode bytes to text with normalised line ends, or raise a DigestError."""
    if data.startswith(codecs.BOM_UTF8):
        text = _decode_with(data[len(codecs.BOM_UTF8):], "utf-8", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_with(data, "utf-16", path)
    else:
        if _looks_binary(data):
            raise SkippedFile(
                "binary file, not text", path,
                hint="only .txt, .md and .html articles are read; move it out of the folder",
            )
        text = _decode_with(data, "utf-8", path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    bad = sum(1 for byte in sample if byte in _BINARY_BYTES)
    return b"\x00" in sample or bad / len(sample) > 0.05


def _decode_with(data: bytes, encoding: str, path: Path | str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DigestError(
            f"not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path,
            line,
            hint="re-save the file as UTF-8, e.g. `iconv -f WINDOWS-1251 -t UTF-8`",
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
