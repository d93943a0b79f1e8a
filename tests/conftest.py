import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project folder with the demo config and the five seeds."""
    shutil.copy(ROOT / "digest.yaml", tmp_path / "digest.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path
