import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.build import BuildOptions, build
from digest.config import load_config
from tests.ingest.local_web import LocalWeb, serve

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project folder with the demo config and the five seeds."""
    shutil.copy(ROOT / "digest.yaml", tmp_path / "digest.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own demo digest (content/ as committed), built once into a temporary
    folder for every test that only reads it."""
    config = load_config(ROOT)
    out = tmp_path_factory.mktemp("demo") / "site"
    build(config, BuildOptions(config.content_dir, out))
    return out


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    """A web site on 127.0.0.1 (tests/ingest/local_web.py); each test adds its routes."""
    yield from serve()
