"""The interface speaks both languages, from catalogues that are compiled and up to date."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_compiled_catalogue_matches_its_source(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (
            entry.msgstr or entry.msgstr_plural
        ), f"{language}: run `make messages` ({entry.msgid!r} is not compiled)"


def test_every_interface_string_has_a_chinese_translation():
    po = polib.pofile(str(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries() + po.fuzzy_entries()]
    assert not untranslated


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "发言人"), ("en", "Speakers")])
def test_a_known_interface_string_in_each_language(language, expected):
    with translation.override(language):
        assert translation.gettext("Speakers") == expected
