import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from digest.build import BuildOptions, build
from digest.config import load_config

# The flags keep Chromium off the network: this machine has none, and a
# browser that phones home stalls and fills the log.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: `make test` installs it "
                        "(tests/browser/install-chromium.sh)")
        pytest.skip("Chromium is not installed; run `make test` to install it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own demo digest (content/ as committed), built into a temporary folder."""
    config = load_config(Path(__file__).resolve().parents[2])
    out = tmp_path_factory.mktemp("demo") / "site"
    build(config, BuildOptions(config.content_dir, out))
    return out
