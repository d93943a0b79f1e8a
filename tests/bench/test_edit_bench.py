"""The edit bench on a tiny corpus: each kind of edit is built and timed, the entry restored."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench import edit, generate


def test_each_kind_of_edit_is_built_and_the_entry_restored(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "n20"
    generate.write_corpus(corpus, 20, 1)
    before = {p: p.read_bytes() for p in (corpus / "content").rglob("*.md")}
    results = tmp_path / "results-edit.json"
    assert edit.main(["--corpus", str(corpus), "--runs", "2",
                      "--results", str(results)]) == 0
    found = json.loads(results.read_text())["corpora"][str(corpus)]
    for kind in edit.KINDS:
        assert len(found[kind]["runs"]) == 2 and found[kind]["median_s"] > 0
        assert found[kind]["last_output"][-1].startswith("built 20 entries")
    # No change re-renders nothing; an edit re-renders its pages ("40 re-rendered" is not
    # "0 re-rendered"), and the timings table names the stages. Times are the bench's to
    # report, not this test's to compare.
    assert re.search(r"\b0 re-rendered", found["none"]["last_output"][-1])
    assert not re.search(r"\b0 re-rendered", found["title"]["last_output"][-1])
    assert any(line.startswith("write ") for line in found["body"]["last_output"])
    assert {p: p.read_bytes() for p in (corpus / "content").rglob("*.md")} == before
    assert "title: median" in capsys.readouterr().out
