"""Bytes to text: UTF-8 and UTF-16 always; a legacy encoding only for raw articles."""

from pathlib import Path

import pytest

from digest.errors import DigestError
from digest.textio import decode, decode_any, write_atomic

POUND = "Prices rose\r\n\r\nThe deal is worth £40m, the ministry said on Tuesday.\r\n"


def test_raw_text_in_a_legacy_encoding_is_decoded_and_says_so() -> None:
    found = decode_any(POUND.encode("cp1252"), "a.txt")
    assert found.text == POUND.replace("\r\n", "\n") and found.legacy == "windows-1252"
    assert decode_any(POUND.encode("utf-8"), "a.txt").legacy is None


def test_an_entry_must_be_utf8_and_the_error_names_the_byte_and_the_likely_encoding() -> None:
    with pytest.raises(DigestError) as refused:
        decode(POUND.encode("cp1252"), "content/a.md")
    message = str(refused.value)
    assert message.startswith("content/a.md:3: error: not valid UTF-8 (byte 0xa3 at offset 33)")
    assert "likely windows-1252 (or windows-1250" in message
    assert "iconv -f WINDOWS-1252 -t UTF-8" in message


def test_undecodable_bytes_are_refused_with_where_and_why() -> None:
    data = b"Headline\n\n" + bytes((i * 151 + 89) % 128 + 128 for i in range(300))
    with pytest.raises(DigestError) as refused:
        decode_any(data, "raw/x.txt")
    assert str(refused.value).startswith(
        "raw/x.txt:3: error: not valid UTF-8 (byte 0xd9 at offset 10), and no text encoding "
        "reads it")


def test_a_file_name_near_the_limit_is_still_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 250 + ".html")
    write_atomic(target, b"page")
    assert target.read_bytes() == b"page" and [p.name for p in tmp_path.iterdir()] == [target.name]
