"""The preview bench, digest side only, on a tiny corpus: every edit reaches a reload event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import serve


def test_each_edit_gives_a_reload_event_and_the_server_stops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results-serve.json"
    # bench.run.ensure_corpus writes the corpus: generate.write_corpus(tmp/n20, 20, seed 1).
    assert serve.main(["--sizes", "20", "--edits", "2", "--runs", "1", "--peers", "none",
                       "--out", str(tmp_path), "--results", str(results),
                       "--timeout", "120"]) == 0
    digest = json.loads(results.read_text())["sizes"]["20"]["digest"]
    assert digest["rebuild_s"] > 0
    assert len(digest["samples"]) == 2
    for sample in digest["samples"]:
        assert sample["reload_ms"] > 0
        assert sample["log_ms"] > 0 and sample["log_reported_ms"] > 0
        assert sample["log_text"].startswith("built 20 entries")  # the server's summary
    assert digest["edit"]["reload_ms"]["median"] > 0
    assert digest["stopped_cleanly"] and digest["exit_code"] == 0
    # The edited entry is back as it was, and the table names what was measured.
    corpus = tmp_path / "n20"
    assert "(edit " not in (corpus / digest["edited"]).read_text(encoding="utf-8")
    assert "reload event" in capsys.readouterr().out
