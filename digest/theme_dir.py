"""Where the default theme lives; apart from the Jinja2 environment, whose import a
no-change build does without."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def theme_dir() -> Path:
    """The default theme: the repository's templates/ folder, shipped as digest.theme."""
    return package_dir("digest.theme") or Path(__file__).resolve().parents[1] / "templates"


def package_dir(name: str) -> Path | None:
    """The folder of a package, or None when it is not installed (digest imported from a
    source checkout). The theme has no __init__.py, so an installed one is a namespace
    package: importlib.resources.files() gives a MultiplexedPath there, whose str() is
    not a path, so read the import system's own search locations instead."""
    try:
        spec = find_spec(name)
    except ModuleNotFoundError:
        return None
    locations = list(spec.submodule_search_locations or ()) if spec else []
    return Path(locations[0]) if locations else None
