import shutil
from pathlib import Path

import pytest

from digest.build import BuildOptions, build
from digest.config import load_config

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
