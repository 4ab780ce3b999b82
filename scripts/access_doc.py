"""Rewrite the expected-access table in docs/access.md from tests/security/access/ (`make access-doc`)."""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bscp_portal.settings.test")

import django  # noqa: E402

django.setup()

from tests.security.access import render_markdown  # noqa: E402

doc = ROOT / "docs" / "access.md"
text = doc.read_text()
block = f"<!-- access-table:start -->\n{render_markdown()}\n<!-- access-table:end -->"
doc.write_text(re.sub(r"<!-- access-table:start -->.*<!-- access-table:end -->", lambda _: block, text, flags=re.S))
print(f"Updated {doc.relative_to(ROOT)}")
