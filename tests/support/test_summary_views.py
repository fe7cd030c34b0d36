"""Summaries through the views: confidential content never in any variant, sharing and printing only with the
client's valid consent (a withdrawal blocks at once), each share recorded with its consent and logged."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.support.models import Action, Agreement, Option, OptionPoint, SummaryShare
from tests.network.factories import make_member
from tests.support.access_ids_meetings import give_consent, make_meeting

CONFIDENTIAL_NOTE = "CANARY-NOTITIE-1942"
CONFIDENTIAL_MATTERS = "CANARY-BELANGRIJK-5531"
CONFIDENTIAL_WORRY = "CANARY-ZORG-8810"
CONFIDENTIAL_POINT = "CANARY-NADEEL-2207"
TEAM_NOTE = "TEAMNOTITIE-6612"
CANARIES = (CONFIDENTIAL_NOTE, CONFIDENTIAL_MATTERS, CONFIDENTIAL_WORRY, CONFIDENTIAL_POINT)
VARIANTS = [(audience, language) for audience in ("participants", "team") for language in ("nl", "en")]


def url(name, meeting, **extra):
    return reverse(f"meetings:{name}", kwargs={"pk": meeting.client_id, "meeting_pk": meeting.pk, **extra})


def meeting_with_secrets(world):
    """A held meeting where a mother said things apart, next to what may be shared."""
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    brother = make_member(world.client_a, name="Broer Youssef", relation="brother")
    meeting = make_meeting(
        world.client_a,
        by=world.worker,
        members=[mother, brother],
        notes="We spraken over de verhuizing.",
        confidential_notes=CONFIDENTIAL_NOTE,
        decision_state="decided",
        decision="Anna gaat eerst kijken in Kringstad-Noord.",
        decided_on=timezone.localdate() - timedelta(days=1),
        agenda="Kennismaken",
    )
    said_apart = meeting.participants.get(member=mother)
    said_apart.what_matters, said_apart.worries, said_apart.confidential = (
        CONFIDENTIAL_MATTERS,
        CONFIDENTIAL_WORRY,
        True,
    )
    said_apart.save()
    brother_there = meeting.participants.get(member=brother)
    brother_there.what_matters = "Dat Anna dichtbij woont."
    brother_there.save()
    option = Option.objects.create(meeting=meeting, description="Verhuizen naar Kringstad-Noord")
    OptionPoint.objects.create(option=option, participant=said_apart, kind="con", text=CONFIDENTIAL_POINT)
    OptionPoint.objects.create(option=option, participant=brother_there, kind="pro", text="Dichter bij familie")
    action = Action.objects.create(
        client=world.client_a,
        created_by=world.worker,
        description="Youssef rijdt mee naar de bezichtiging",
        owner_kind="member",
        owner_member=brother,
        note=TEAM_NOTE,
    )
    Agreement.objects.create(meeting=meeting, action=action, support_promised=["practical"])
    return meeting


def test_it_shows_the_secrets_on_the_meeting_page_only(world, login):
    """The canaries are really there (so the tests below are not empty): on the meeting page, marked."""
    meeting = meeting_with_secrets(world)
    body = login(world.worker).get(url("detail", meeting)).content.decode()
    for canary in CANARIES:
        assert canary in body
    assert "vertrouwelijk" in body


@pytest.mark.parametrize(("audience", "language"), VARIANTS)
def test_it_never_puts_confidential_content_in_a_summary(world, login, audience, language):
    meeting = meeting_with_secrets(world)
    give_consent(world.client_a, by=world.worker)
    browser = login(world.worker)
    preview = browser.get(url("summary", meeting), {"voor": audience, "taal": language})
    assert preview.status_code == 200
    shared = browser.post(url("summary_share", meeting), {"voor": audience, "taal": language}, follow=True)
    assert shared.status_code == 200
    share = SummaryShare.objects.get()
    assert (share.audience, share.language) == (audience, language)
    for response in (preview, shared):
        body = response.content.decode()
        for canary in CANARIES:
            assert canary not in body, f"{canary} in the {audience}/{language} summary"
        assert "Dichter bij familie" in body and "Youssef rijdt mee naar de bezichtiging" in body
        assert "Moeder Fatiha" in body  # she was there; what she said apart is not shared
        assert (TEAM_NOTE in body) == (audience == "team")
        assert f'<article class="summary-sheet" lang="{language}"' in body
    assert ("Kennismaken" in shared.content.decode()) == (audience == "team")
    kept = json.dumps(share.content, ensure_ascii=False)  # the sheet as handed out, kept with the share
    assert "Youssef rijdt mee naar de bezichtiging" in kept
    for canary in CANARIES:
        assert canary not in kept


CHANGED = "Het gesprek is na het delen nog aangepast."


def test_printing_a_share_again_gives_the_sheet_that_was_handed_out(world, login):
    meeting = meeting_with_secrets(world)
    give_consent(world.client_a, by=world.worker)
    browser = login(world.worker)
    share_url = browser.post(url("summary_share", meeting), {"voor": "participants", "taal": "nl"})["Location"]
    first = browser.get(share_url).content.decode()
    assert "We spraken over de verhuizing." in first
    assert CHANGED not in first and "data-print" in first

    meeting.notes = "Later aangevuld: Anna wil toch eerst met haar zus praten."
    meeting.confidential_notes = "Iets wat niet in een verslag komt."
    meeting.save()
    again = browser.get(share_url).content.decode()
    assert "We spraken over de verhuizing." in again and "Later aangevuld" not in again
    assert CHANGED in again
    assert "data-print" not in again  # the old sheet is there to read back, not to hand out again
    now = url("summary", meeting) + "?voor=participants&amp;taal=nl"
    assert f'href="{now}"' in again
    assert "Later aangevuld" in browser.get(url("summary", meeting), {"voor": "participants"}).content.decode()


def test_a_new_option_after_sharing_counts_as_a_change_and_confidential_notes_do_not(world, login):
    """Options, points and agreements are on the sheet but not in the meeting's own row; a confidential note
    is in that row but never on the sheet. The note follows the sheet, not the row."""
    meeting = meeting_with_secrets(world)
    give_consent(world.client_a, by=world.worker)
    browser = login(world.worker)
    share_url = browser.post(url("summary_share", meeting), {"voor": "participants", "taal": "nl"})["Location"]
    meeting.confidential_notes = "Nog iets wat apart gezegd is."
    meeting.save()
    assert CHANGED not in browser.get(share_url).content.decode()

    Option.objects.create(meeting=meeting, description="Blijven in de opvang")
    again = browser.get(share_url).content.decode()
    assert CHANGED in again and "Blijven in de opvang" not in again


def test_a_share_kept_before_sheets_were_kept_is_worded_from_the_meeting(world, login):
    meeting = meeting_with_secrets(world)
    give_consent(world.client_a, by=world.worker)
    browser = login(world.worker)
    share_url = browser.post(url("summary_share", meeting), {"voor": "team", "taal": "en"})["Location"]
    SummaryShare.objects.update(content={})
    body = browser.get(share_url).content.decode()
    assert "Report for the team" in body and "Youssef rijdt mee naar de bezichtiging" in body
    for canary in CANARIES:
        assert canary not in body


def test_it_prints_the_summary_in_english_with_english_dates(world, login):
    meeting = meeting_with_secrets(world)
    give_consent(world.client_a, by=world.worker)
    response = login(world.worker).post(
        url("summary_share", meeting), {"voor": "participants", "taal": "en"}, follow=True
    )
    month = timezone.localdate().strftime("%B")  # the test runs in C locale: English month names
    assert month in response.content.decode()


def test_it_shares_only_with_consent_and_records_which_consent(world, login):
    meeting = meeting_with_secrets(world)
    browser = login(world.worker)
    # No decision yet: the preview explains why sharing cannot be done, and where consent is recorded.
    body = browser.get(url("summary", meeting)).content.decode()
    assert "Delen en afdrukken kan nog niet." in body and "Er is nog geen toestemming gevraagd." in body
    assert f'href="/clienten/{world.client_a.pk}/toestemming/"' in body
    assert url("summary_share", meeting) not in body
    response = browser.post(url("summary_share", meeting), {"voor": "participants", "taal": "nl"})
    assert response.status_code == 302 and "samenvatting/?voor=participants" in response["Location"]
    assert not SummaryShare.objects.exists()
    assert "Er is niets gedeeld" in browser.get(response["Location"]).content.decode()
    assert not AccessLog.objects.filter(event="support.meeting.print").exists()

    consent = give_consent(world.client_a, by=world.worker)
    body = browser.get(url("summary", meeting)).content.decode()
    assert url("summary_share", meeting) in body
    assert "Dit verslag is gedeeld met toestemming" not in body  # a preview is not shared yet
    response = browser.post(url("summary_share", meeting), {"voor": "team", "taal": "nl"})
    share = SummaryShare.objects.get()
    assert response["Location"] == url("summary_print", meeting, share_pk=share.pk)
    assert (share.consent, share.shared_by, share.audience, share.language) == (consent, world.worker, "team", "nl")
    row = AccessLog.objects.get(event="support.meeting.print")
    assert (row.client, row.object_id, row.user) == (world.client_a, str(meeting.pk), world.worker)
    assert f"consent {consent.pk}" in row.detail
    printed = browser.get(response["Location"])
    assert printed.status_code == 200
    assert "Verslag voor het team" in printed.content.decode()
    assert "Dit verslag is gedeeld met toestemming van Anna Aalders." in printed.content.decode()
    # The meeting page lists the share.
    assert "voor het team (NL), door Wim Werker" in browser.get(url("detail", meeting)).content.decode()


@pytest.mark.parametrize(
    "decision",
    [
        {"decision": "withdrawn"},
        {"decision": "refused"},
        {"decision": "given", "until": "yesterday"},
    ],
    ids=["withdrawn", "refused", "lapsed"],
)
def test_it_blocks_sharing_at_once_when_consent_is_withdrawn_refused_or_lapsed(world, login, decision):
    meeting = meeting_with_secrets(world)
    yesterday = timezone.localdate() - timedelta(days=1)
    give_consent(world.client_a, by=world.worker, day=yesterday - timedelta(days=30))
    browser = login(world.worker)
    browser.post(url("summary_share", meeting), {"voor": "participants", "taal": "nl"})
    share = SummaryShare.objects.get()
    assert browser.get(url("summary_print", meeting, share_pk=share.pk)).status_code == 200

    until = yesterday if decision.get("until") else None
    give_consent(world.client_a, by=world.worker, decision=decision["decision"], day=yesterday, until=until)
    response = browser.post(url("summary_share", meeting), {"voor": "participants", "taal": "nl"})
    assert response.status_code == 302
    assert SummaryShare.objects.count() == 1
    # The summary shared before cannot be printed again either.
    blocked = browser.get(url("summary_print", meeting, share_pk=share.pk))
    assert blocked.status_code == 403
    body = blocked.content.decode()
    assert "Dit verslag kan niet meer worden gedeeld." in body
    assert "Youssef rijdt mee" not in body
    assert AccessLog.objects.filter(event="support.meeting.print").count() == 1
    preview = browser.get(url("summary", meeting)).content.decode()
    assert url("summary_share", meeting) not in preview


def test_it_falls_back_to_the_participants_in_dutch_for_an_unknown_choice(world, login):
    meeting = meeting_with_secrets(world)
    response = login(world.worker).get(url("summary", meeting), {"voor": "iedereen", "taal": "fr"})
    assert response.status_code == 200
    assert (response.context["audience"], response.context["language"]) == ("participants", "nl")


def test_it_logs_every_view_of_a_summary(world, login):
    meeting = meeting_with_secrets(world)
    give_consent(world.client_a, by=world.worker)
    browser = login(world.worker)
    browser.get(url("summary", meeting), {"voor": "team", "taal": "en"})
    browser.post(url("summary_share", meeting), {"voor": "team", "taal": "en"}, follow=True)
    rows = list(AccessLog.objects.order_by("pk").values_list("event", "detail"))
    share = SummaryShare.objects.get()
    consent_pk = share.consent_id
    assert rows == [
        ("support.meeting.view", "summary preview team en"),
        ("support.meeting.print", f"summary team en, share {share.pk}, consent {consent_pk}"),
        ("support.meeting.view", f"summary share {share.pk}"),
    ]
