from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.mark.parametrize("language", ["es", "fr", "ar"])
def test_every_string_is_translated_with_its_placeholders(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == []
    for entry in catalogue:
        for text in ([entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())):
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(entry.msgid)), entry.msgid


@pytest.mark.parametrize("language, words", [("es", "Iniciar sesión"), ("fr", "Se connecter"), ("ar", "تسجيل الدخول")])
def test_the_sign_in_page_speaks_the_chosen_language(db, language, words):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    page = client.get("/accounts/login/").content.decode()
    assert words in page
    assert ('dir="rtl"' in page) == (language == "ar")
    translation.activate("en")


PUBLIC_SOURCES = ("information/templates/information/public_", "information/pdf.py", "information/views.py",
                  "information/models.py", "information/services.py")


def test_what_migrants_read_is_also_in_haitian_creole():
    """Staff pages are in four languages; the public information pages and leaflet also in Kreyòl."""
    catalogue = polib.pofile(str(LOCALE / "ht" / "LC_MESSAGES" / "django.po"))
    public = [e for e in catalogue if not e.obsolete
              and any(path.startswith(PUBLIC_SOURCES) for path, _line in e.occurrences)]
    assert len(public) > 20
    missing = [e.msgid for e in public if not e.translated() or "fuzzy" in e.flags]
    assert missing == []


def test_the_public_page_speaks_haitian_creole(db):
    from tenpoint.audit.services import Actor
    from tenpoint.information.services import CONTENT_DIR, load_package_content

    load_package_content(Actor(None, "cli"), CONTENT_DIR / "CRI.yaml", publish=True)
    try:
        page = Client().get("/info/CRI/ht/").content.decode()
    finally:
        translation.activate("en")
    assert 'lang="ht"' in page and "Dwa ou" in page
    assert "Information for migrants and refugees" not in page and "Leaflet to print" not in page
