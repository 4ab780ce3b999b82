"""The release's static files: collected with production's storage, every GOV.UK Frontend file the compiled CSS and
the script name is there, hashed and compressed (brotli and gzip), and served with a year's immutable cache.

`make release-check` (in CI) does the same with the production settings and every app's files; here only the
project's own files and GOV.UK Frontend's are collected, which is where an asset goes missing."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings

from tests.html import page

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "build" / "static"
A_YEAR = 365 * 24 * 60 * 60


def css_references() -> set[str]:
    """The static files the compiled CSS names in url(...), as names under STATIC_URL."""
    return set(re.findall(r"""url\(["']?/static/([^"')]+)["']?\)""", (BUILT / "css" / "bscp.css").read_text()))


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic with production's storage into a new STATIC_ROOT; yields that root and the manifest."""
    root = tmp_path_factory.mktemp("staticfiles")
    production = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # as in settings/base.py
    storages = {**settings.STORAGES, "staticfiles": production}
    finders = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    with override_settings(STATIC_ROOT=root, STATICFILES_FINDERS=finders, STORAGES=storages):
        call_command("collectstatic", "--no-input", verbosity=0)
        yield root, json.loads((root / "staticfiles.json").read_text())["paths"]


def test_every_file_the_css_refers_to_is_collected_hashed_with_brotli_and_gzip_copies(collected):
    root, manifest = collected
    references = css_references()
    assert "govuk/assets/images/govuk-crest.svg" in references
    for name in references:
        hashed = root / manifest[name]
        assert hashed.name != Path(name).name, name
        for suffix in ("", ".br", ".gz"):
            assert Path(f"{hashed}{suffix}").is_file(), f"{hashed}{suffix}"
    css = (root / manifest["css/bscp.css"]).read_text()
    assert f'url("/static/{manifest["govuk/assets/images/govuk-crest.svg"]}")' in css


def test_the_build_copies_only_the_govuk_assets_the_css_uses():
    copied = {str(path.relative_to(BUILT)) for path in (BUILT / "govuk" / "assets").rglob("*") if path.is_file()}
    assert copied == {name for name in css_references() if name.startswith("govuk/assets/")}


def test_the_script_names_its_source_map_by_its_hashed_name(collected):
    root, manifest = collected
    script = (root / manifest["govuk/all.bundle.js"]).read_text()
    assert script.rstrip().endswith(f"//# sourceMappingURL={Path(manifest['govuk/all.bundle.js.map']).name}")
    assert (root / manifest["govuk/all.bundle.js.map"]).is_file()


def cache_control(response) -> dict[str, str]:
    return dict(
        (part.strip().split("=", 1) + [""])[:2] for part in response["Cache-Control"].split(",") if part.strip()
    )


@pytest.mark.django_db
def test_the_pages_stylesheet_comes_back_brotli_or_gzip_with_a_years_immutable_cache(collected, client):
    home = page(client.get("/"))
    href = home.select_one("link[rel=stylesheet]")["href"]
    assert href == static("css/bscp.css") and href != "/static/css/bscp.css"

    for accept, encoding in (("br, gzip", "br"), ("gzip", "gzip")):
        response = client.get(href, headers={"accept-encoding": accept})
        assert response.status_code == 200
        assert response["Content-Encoding"] == encoding
        assert response["Content-Type"].startswith("text/css")
        assert "Accept-Encoding" in response["Vary"]
        control = cache_control(response)
        assert int(control["max-age"]) >= A_YEAR and "immutable" in control and "public" in control


def test_a_file_asked_for_by_its_unhashed_name_is_not_cached_for_long(collected, client):
    response = client.get("/static/css/bscp.css", headers={"accept-encoding": "br"})
    assert response.status_code == 200
    assert "immutable" not in cache_control(response)
    assert int(cache_control(response)["max-age"]) < 3600
