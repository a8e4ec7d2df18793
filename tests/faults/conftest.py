from tests.newsroom.conftest import collected_static  # noqa: F401 (shared fixture)
