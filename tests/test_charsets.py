"""Legacy encodings: read when the bytes say which, refused when they do not."""

import pytest

from digest.charsets import guess

POUND = "A loaf now costs £1.40, up from £1.20 a year ago, the consortium said.\n"


def test_a_pound_sign_in_windows_1252_is_a_pound_sign_not_a_cyrillic_letter() -> None:
    found = guess(POUND.encode("cp1252"))
    assert (found.encoding, found.text) == ("windows-1252", POUND)
    # windows-1250 reads "Ł" there, just as well: the entry is reviewed, naming it.
    assert "windows-1250" in found.rivals


@pytest.mark.parametrize("text, codec, label", [
    ("Північнокорейські війська в Росії. Текст статті про війну.\n", "cp1251", "windows-1251"),
    ("Zażółć gęślą jaźń. Łódź is a city where people say dzień dobry.\n", "cp1250",
     "windows-1250"),
    ("Северокорейские войска в России. Текст статьи о войне.\n", "koi8_r", "koi8-r"),
    ("Ο πρωθυπουργός είπε ότι η κυβέρνηση θα στηρίξει τους πολίτες.\n", "cp1253",
     "windows-1253"),
])
def test_text_in_other_code_pages_reads_as_written(text: str, codec: str, label: str) -> None:
    found = guess(text.encode(codec))
    assert (found.encoding, found.text) == (label, text)


def test_bytes_no_encoding_reads_are_not_guessed() -> None:
    hopeless = bytes(32 if i % 9 == 8 else (i * 151 + 89) % 128 + 128 for i in range(600))
    assert guess(hopeless).encoding is None and guess(hopeless).likely == ()


def test_damaged_utf8_is_not_read_as_a_legacy_encoding() -> None:
    damaged = "Macron met Zelenskyy in Paris over café crème".encode()[:-1] + b" and left.\n"
    found = guess(damaged)
    assert found.encoding is None and found.likely == ("utf-8",)


def test_readings_that_differ_throughout_with_no_common_code_page_are_refused() -> None:
    found = guess("北朝鮮の兵士がロシアに派遣されたと報じられた。\n".encode("shift_jis"))
    assert found.encoding is None and "cp932" in found.likely


def test_encodings_that_read_the_bytes_alike_are_named_by_the_commonest() -> None:
    # A stray byte in English wire copy: windows-1250 and windows-1252 both read "ü".
    data = (b"Lawson told reporters work remained to be done on improving the conditions "
            b"for lasting world economic growth.\xfcside measures to boost growth, he said.\n")
    found = guess(data)
    assert found.encoding == "windows-1252" and "growth.üside" in found.text
