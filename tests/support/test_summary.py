"""The summary of a meeting as a pure function: per audience and language, never anything confidential."""

from __future__ import annotations

import json
from datetime import date, time

import pytest

from kring.support import summary
from kring.support.summary import AgreementFacts, MeetingFacts, OptionFacts, PersonFacts, PointFacts

SECRET = "GEHEIM-7731"


def facts(**changes) -> MeetingFacts:
    values = dict(
        client_name="Ahmed",
        kind="network",
        day=date(2026, 3, 14),
        start_time=time(14, 30),
        place="De huiskamer",
        question="Hoe kom ik weer in contact met Youssef?",
        agenda="Voorstellen. Wat speelt er.",
        notes="We spraken over vroeger.\n\nEn over nu.",
        decision_state="decided",
        decision="Ik bel Youssef zelf.",
        decided_on=date(2026, 3, 14),
        people=(
            PersonFacts(name="Ahmed", role="client", what_matters="Mijn broer terug.", key=1),
            PersonFacts(name="Youssef", role="member", worries="Dat het weer misgaat.", key=2),
            PersonFacts(name="Moeder", role="member", what_matters=SECRET, worries=SECRET, confidential=True, key=3),
            PersonFacts(name="Wim", role="worker", key=4),
            PersonFacts(name="Dokter Jansen", role="external", organisation_name="Praktijk", key=5),
        ),
        options=(
            OptionFacts(
                description="Eerst een brief",
                points=(
                    PointFacts(kind="pro", text="Rustig", person_key=1),
                    PointFacts(kind="con", text=SECRET, person_key=3),
                    PointFacts(kind="con", text="Duurt lang"),
                ),
            ),
        ),
        agreements=(
            AgreementFacts(description="Brief schrijven", owner_name="Ahmed", owner_is_client=True),
            AgreementFacts(
                description="Elke zondag bellen",
                owner_name="Youssef",
                due_date=date(2026, 4, 1),
                support_promised=("emotional",),
                team_note="Let op: Youssef is zelf overbelast.",
            ),
        ),
    )
    values.update(changes)
    return MeetingFacts(**values)


@pytest.mark.parametrize("audience", summary.AUDIENCES)
@pytest.mark.parametrize("language", summary.LANGUAGES)
def test_it_never_says_what_was_said_in_confidence(audience, language):
    text = summary.build(facts(), audience=audience, language=language).as_text()
    assert SECRET not in text
    assert "Moeder" in text  # who was there is not confidential; what she said apart is


def test_it_words_the_meeting_for_the_participants():
    result = summary.build(facts(), audience="participants", language="nl")
    assert result.title == "Verslag van het gesprek met Ahmed"
    assert result.subtitle == "Netwerkberaad, 14 maart 2026, om 14:30, De huiskamer"
    keys = [s.key for s in result.sections]
    assert keys == ["people", "question", "perspectives", "notes", "options", "decision", "agreements"]
    sections = {s.key: s for s in result.sections}
    assert [i.title for i in sections["people"].items] == [
        "Ahmed",
        "Youssef",
        "Moeder",
        "Wim (begeleider)",
        "Dokter Jansen (andere professional, Praktijk)",
    ]
    assert sections["notes"].paragraphs == ("We spraken over vroeger.", "En over nu.")
    assert [i.title for i in sections["perspectives"].items] == ["Ahmed", "Youssef"]
    assert sections["options"].items[0].lines == ("Voordeel volgens Ahmed: Rustig", "Nadeel: Duurt lang")
    assert sections["decision"].heading == "Het besluit van Ahmed"
    assert sections["decision"].paragraphs == ("Ahmed heeft op 14 maart 2026 besloten:", "Ik bel Youssef zelf.")
    assert sections["agreements"].items[1].lines == (
        "Wie: Youssef",
        "Wanneer: uiterlijk 1 april 2026",
        "Steun: emotionele steun",
    )
    assert sections["agreements"].items[0].lines[0] == "Wie: Ahmed zelf"
    text = result.as_text()
    assert "Voorstellen" not in text  # the agenda is for the team
    assert "overbelast" not in text  # the team's note on an agreement too
    assert "toestemming" not in text  # a preview; the sheet handed out says it is shared with consent
    shared = summary.build(facts(), audience="participants", language="nl", shared=True).as_text()
    assert "Dit verslag is gedeeld met toestemming van Ahmed." in shared


def test_it_adds_what_the_team_needs_for_the_team():
    result = summary.build(facts(), audience="team", language="nl")
    sections = {s.key: s for s in result.sections}
    assert result.title == "Verslag voor het team"
    assert sections["agenda"].paragraphs == ("Voorstellen. Wat speelt er.",)
    assert "Stand: open" in sections["agreements"].items[0].lines
    assert "Notitie voor het team: Let op: Youssef is zelf overbelast." in sections["agreements"].items[1].lines
    assert "Wat vertrouwelijk is gezegd staat niet in dit verslag." in result.as_text()


def test_it_writes_dates_in_the_chosen_language():
    result = summary.build(facts(), audience="participants", language="en")
    assert result.language == "en"
    assert "14 March 2026" in result.subtitle
    assert "maart" not in result.as_text()


def test_it_says_when_the_client_is_still_thinking_or_has_not_decided():
    thinking = summary.build(
        facts(decision_state="thinking", decision="", think_until=date(2026, 4, 2)), audience="team", language="nl"
    )
    decision = {s.key: s for s in thinking.sections}["decision"]
    assert decision.paragraphs == ("Ahmed wil er nog over nadenken, tot 2 april 2026.",)
    open_ = summary.build(facts(decision_state="", decision=""), audience="participants", language="nl")
    assert {s.key: s for s in open_.sections}["decision"].paragraphs == ("Ahmed heeft nog geen besluit genomen.",)


def test_it_leaves_out_empty_parts_and_names_a_video_call():
    result = summary.build(
        facts(place="", by_video=True, start_time=None, notes="", options=(), agreements=(), agenda=""),
        audience="team",
        language="nl",
    )
    assert [s.key for s in result.sections] == ["people", "question", "perspectives", "decision"]
    assert result.subtitle == "Netwerkberaad, 14 maart 2026, via videobellen"


def test_it_refuses_an_unknown_audience_or_language():
    with pytest.raises(ValueError):
        summary.build(facts(), audience="everyone", language="nl")
    with pytest.raises(ValueError):
        summary.build(facts(), audience="team", language="fr")


@pytest.mark.parametrize("audience", summary.AUDIENCES)
def test_a_kept_summary_comes_back_the_same_from_json(audience):
    """A share keeps its sheet as JSON; read back it is the same summary, word for word."""
    sheet = summary.build(facts(), audience=audience, language="nl", shared=True)
    kept = json.loads(json.dumps(sheet.as_dict()))
    assert summary.Summary.from_dict(kept) == sheet
    assert summary.Summary.from_dict(kept).as_text() == sheet.as_text()


def test_a_kept_summary_from_before_a_new_part_was_added_still_reads():
    """A sheet kept by an earlier version, without a part that a later version adds, reads with it empty."""
    kept = summary.build(facts(), audience="participants", language="nl", shared=True).as_dict()
    del kept["footer"]
    for section in kept["sections"]:
        del section["paragraphs"]
    sheet = summary.Summary.from_dict(kept)
    assert sheet.footer == () and sheet.title == kept["title"]
    assert [s.heading for s in sheet.sections] == [s["heading"] for s in kept["sections"]]
