from collections.abc import Iterator

import pytest

from tests.ingest.local_web import LocalWeb, serve


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    """A web site on 127.0.0.1 (tests/ingest/local_web.py); each test adds its routes."""
    yield from serve()
