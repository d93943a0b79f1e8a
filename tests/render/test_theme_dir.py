from pathlib import Path

import pytest

from digest.theme_dir import package_dir, theme_dir


def test_the_theme_is_found_as_a_folder() -> None:
    assert (theme_dir() / "base.html").is_file()


def test_a_namespace_package_gives_its_folder(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # An installed (not editable) digest ships its theme as a namespace package, where
    # importlib.resources.files() gives a MultiplexedPath whose str() is no path.
    theme = tmp_path / "probe_theme_ns"
    theme.mkdir()
    (theme / "base.html").write_text("<html>")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert package_dir("probe_theme_ns") == theme
    assert package_dir("probe_theme_missing") is None
