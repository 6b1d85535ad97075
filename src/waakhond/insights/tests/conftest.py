import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Charts and settled figures are cached; every test starts without."""
    cache.clear()
    yield
    cache.clear()
