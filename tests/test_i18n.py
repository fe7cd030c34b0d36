"""The English translation is complete: every Dutch UI string has an English counterpart."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PO = Path(__file__).resolve().parent.parent / "kring" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> dict[str, list[str]]:
    """msgid → its msgstr values, from a .po file (header excluded)."""
    entries = {}
    for block in text.split("\n\n"):
        if "#, fuzzy" in block and 'msgid ""\nmsgstr ""\n"Project' not in block:
            entries.setdefault("__fuzzy__", []).append(block)
        msgid = _joined(block, "msgid")
        if msgid:
            entries[msgid] = [_joined(block, key) for key in ("msgstr", "msgstr[0]", "msgstr[1]") if key + " " in block]
    return entries


def _joined(block: str, key: str) -> str:
    match = re.search(rf'^{re.escape(key)} ((?:".*"\n?)+)', block, re.M)
    return "".join(re.findall(r'"(.*)"', match.group(1))) if match else ""


def test_it_has_an_english_text_for_every_dutch_string():
    entries = _entries(PO.read_text(encoding="utf-8"))
    assert "__fuzzy__" not in entries, "fuzzy entries in the English catalogue"
    missing = [msgid for msgid, strs in entries.items() if not strs or not all(strs)]
    assert missing == [], f"untranslated: {missing[:10]}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_it_has_no_ui_string_missing_from_the_catalogue():
    original = PO.read_text(encoding="utf-8")
    try:
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete", "--no-location"],
            cwd=PO.parents[3],
            env={"DJANGO_SETTINGS_MODULE": "kring.settings", "KRING_DEBUG": "1", "PATH": "/usr/bin:/bin"},
            check=True,
            capture_output=True,
        )
        fresh = _entries(PO.read_text(encoding="utf-8"))
    finally:
        PO.write_text(original, encoding="utf-8")
    known = _entries(original)
    new = sorted(set(fresh) - set(known) - {"__fuzzy__"})
    assert new == [], f"run `make makemessages` and translate: {new[:10]}"


def test_django_s_own_messages_speak_kring_s_plain_dutch(world, login):
    """A note too long on the review form: Kring's words, not Django's 'Zorg dat deze waarde ...'."""
    from django.urls import reverse

    url = reverse("work:review_add", args=[world.client_a.pk])
    response = login(world.worker).post(url, {"note": "x" * 2001})
    body = response.content.decode()
    assert response.status_code == 422
    assert "Houd het korter: hoogstens 2000 tekens (nu 2001)." in body
    assert "Zorg dat deze waarde" not in body
