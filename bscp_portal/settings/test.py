"""Tests: a fast password hasher, in-memory email, tasks run at once, plain static files."""

import os

from .base import *  # noqa: F403
from .base import database_settings

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DEMO_DATA_ALLOWED = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# A folder, whatever the environment names (the S3 tests start their own server); one per pytest-xdist worker, so
# that two workers never write the same file name at once (set by pytest-xdist, not an operator: not in the docs).
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": BASE_DIR / ".test_private_media" / os.environ.get("PYTEST_XDIST_WORKER", ""),  # noqa: F405
        "base_url": None,
    },
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PUBLIC_CACHE_SECONDS = 0  # the public page cache is off, except in the tests of the cache itself
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

DATABASES = {"default": database_settings()}
