import io

import pytest
from django.core.cache import cache

from content import demo as content_demo
from partnership import demo as partnership_demo


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_site(db):
    """The partnership's website as `load_demo` loads it."""
    partnership_demo.load(io.StringIO())
    content_demo.load(io.StringIO())
