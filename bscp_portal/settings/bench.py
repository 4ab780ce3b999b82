"""`make bench`: the production settings, with one bare view added for the benchmark to compare pages with
(`bscp_portal/urls_bench.py`; bench/README.md). Never a server's settings."""

from .production import *  # noqa: F403

ROOT_URLCONF = "bscp_portal.urls_bench"
