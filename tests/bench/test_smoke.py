"""bench.smoke: real corpora ingested and built as a user would, or skipped when absent."""

from pathlib import Path

import pytest

from bench import smoke
from tests.bench.test_reuters import SGML


def test_no_data_folder_skips_with_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          ) -> None:
    assert smoke.main(["--data", str(tmp_path / "nothing")]) == 0
    assert "smoke: skipped: no corpus under" in capsys.readouterr().out


def test_every_file_is_ingested_or_refused_by_name_and_the_site_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    (data / "reuters-sgm").mkdir(parents=True)
    (data / "reuters-sgm" / "reut2-000.sgm").write_bytes(SGML)
    texts = data / "polnear" / "data" / "train" / "text"
    texts.mkdir(parents=True)
    (texts / "a.txt").write_text("Senate passes the budget\n\nThe Senate passed it, "
                                 '"a good day," said Mitch McConnell.\n')
    (texts / "b.txt").write_bytes(b"Headline\n\n" + bytes(range(160, 256)) * 3)
    (data / "polnear" / "data" / "test" / "text").mkdir(parents=True)
    (data / "polnear" / "data" / "test" / "text" / "never.txt").write_text("Test split\n")

    assert smoke.main(["--data", str(data), "--keep", str(tmp_path / "p")]) == 0
    out = capsys.readouterr().out
    assert "ingest polnear: 2 files, 1 failed, 1 written" in out
    assert "ingest reuters: 2 files, 2 written; 1 in a legacy encoding" in out
    assert "refused     1 x not valid UTF-8 (byte 0x.. at offset N), and no text encoding" in out
    assert "build: exit 0, 8 entries" in out and "accepted:" in out
    assert not list((tmp_path / "p" / "content").rglob("test-split*"))
