"""Time the key pages for each role against the development database (see bench/README.md)."""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bscp_portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from partnership.models import User  # noqa: E402

# (who, path). Apps' pages are added here as they grow.
PAGES = [
    (None, "/"),
    (None, "/healthz"),
    ("manager@bscp.example", "/staff/"),
    ("agency@bscp.example", "/staff/"),
]


def client_for(email):
    client = Client(HTTP_HOST="localhost")
    if email:
        user = User.objects.get(email=email)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=user).first().persistent_id
        session.save()
    return client


def measure(client, path, repeat):
    timings, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
        assert response.status_code == 200, f"{path}: {response.status_code}"
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "queries": queries,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    results = []
    for who, path in PAGES:
        result = {"who": who or "anonymous", "path": path, **measure(client_for(who), path, args.repeat)}
        results.append(result)
        timing = f"{result['median_ms']:8} ms  p95 {result['p95_ms']:8} ms"
        print(f"{result['who']:28} {path:40} {timing}  {result['queries']:3} queries")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
