"""The pseudonymised case as a pure function: roles instead of names, months instead of days, no places,
no free text, an age band at most, fresh ids."""

from __future__ import annotations

import json
from datetime import date

from kring.insights import pseudonymise as pseudo
from kring.insights.pseudonymise import ClientIn, EventIn, LinkIn, PersonIn, pseudonymise

TODAY = date(2026, 11, 28)
CANARIES = [
    "Kanarie",
    "Zwavelpiet",
    "Quetzalia",
    "Borrelhoek",
    "Nachtopvang Kanariewerf",
    "Kanariestraat 12",
    "Guatemala",
    "0612345678",
    "kanarie@example.org",
    "Huisartsenpraktijk Zwavel",
    "geheimwoord",
    "1971",
    "2019-03-17",
    "17",
]


def _world():
    client = ClientIn(
        given_name="Kanarie",
        family_name="Zwavelpiet",
        birth_year=1971,
        intake_date=date(2024, 3, 17),
        location_name="Nachtopvang Kanariewerf",
    )
    people = [
        PersonIn(
            id=501,
            relation="sister",
            sector="family",
            circle=1,
            name="Quetzalia Zwavelpiet",
            pseudonym="Q",
            phone="0612345678",
            email="kanarie@example.org",
            notes="geheimwoord woont Kanariestraat 12",
            support_received=("emotional", "practical"),
            emergency_contact=True,
            contact_frequency="weekly",
        ),
        PersonIn(
            id=502,
            relation="friend",
            sector="friends",
            circle=2,
            name="Borrelhoek",
            abroad_country="Guatemala",
            tie_quality="mixed",
        ),
        PersonIn(
            id=503, relation="friend", sector="friends", circle=1, name="Vriend Kanarie", support_given=("company",)
        ),
        PersonIn(
            id=504,
            relation="professional",
            sector="professional",
            circle=3,
            name="Dokter Zwavel",
            organisation_name="Huisartsenpraktijk Zwavel",
            status="limited",
            limit_reason="unsafe",
        ),
    ]
    links = [LinkIn(501, 503, "knows"), LinkIn(502, 504, "conflict"), LinkIn(501, 999, "knows")]
    events = [
        EventIn(
            id=71,
            year=2019,
            month=3,
            kind="housing",
            tone="hard",
            title="Uit huis Kanariestraat 12",
            note="geheimwoord",
            people=(501, 502),
        ),
        EventIn(
            id=70,
            year=2010,
            kind="relationships",
            tone="good",
            approximate=True,
            title="Borrelhoek ontmoet",
            people=(502, 999),
        ),
    ]
    return client, people, links, events


def test_it_replaces_names_by_roles_numbered_only_when_shared():
    case = pseudonymise(*_world(), today=TODAY)
    roles = [(m["relation"], m["number"]) for m in case["members"]]
    # Closest first: the sister and friend 503 in the inner circle, then friend 502, then the professional.
    assert roles == [("sister", None), ("friend", 1), ("friend", 2), ("professional", None)]
    assert [m["id"] for m in case["members"]] == [1, 2, 3, 4]


def test_it_keeps_no_canary_name_place_phone_note_or_exact_date():
    text = json.dumps(pseudonymise(*_world(), today=TODAY), ensure_ascii=False)
    for canary in CANARIES:
        assert canary.lower() not in text.lower(), canary


def test_it_keeps_dates_to_the_month_and_the_age_as_a_band():
    case = pseudonymise(*_world(), today=TODAY)
    assert case["client"] == {"age_band": [50, 59], "in_care_since": {"year": 2024, "month": 3}}
    assert case["made"] == {"year": 2026, "month": 11}
    assert [(e["year"], e["month"], e["approximate"]) for e in case["events"]] == [(2010, None, True), (2019, 3, False)]


def test_it_renumbers_events_and_their_people_and_drops_unknown_references():
    case = pseudonymise(*_world(), today=TODAY)
    assert [e["id"] for e in case["events"]] == [1, 2]
    assert case["events"][0]["people"] == [3]  # friend 502 became friend 2 (id 3); 999 is not in the network
    assert case["events"][1]["people"] == [1, 3]
    assert case["links"] == [{"a": 1, "b": 2, "kind": "knows"}, {"a": 3, "b": 4, "kind": "conflict"}]


def test_it_keeps_what_the_map_needs_as_codes_and_yes_or_no():
    sister, friend_1, friend_2, professional = pseudonymise(*_world(), today=TODAY)["members"]
    assert sister["support_received"] == ["emotional", "practical"] and sister["emergency_contact"] is True
    assert friend_2["abroad"] is True and friend_2["tie_quality"] == "mixed"
    assert friend_1["support_given"] == ["company"]
    assert professional["status"] == "limited" and professional["limit_reason"] == "unsafe"


def test_it_turns_a_code_that_is_not_on_its_list_into_a_neutral_one():
    person = PersonIn(
        id=1,
        relation="Kanarie",
        sector="Borrelhoek",
        circle=7,
        tie_quality="x",
        status="y",
        contact_frequency="Zwavelpiet",
        support_received=("Quetzalia", "emotional"),
    )
    event = EventIn(id=1, year=2020, month=13, kind="Kanarie", tone="Borrelhoek")
    case = pseudonymise(ClientIn(given_name="A"), [person], [], [event], today=TODAY)
    member = case["members"][0]
    assert (member["relation"], member["sector"], member["circle"]) == ("other", "friends", 3)
    assert (member["tie_quality"], member["status"], member["contact_frequency"]) == ("supportive", "active", "")
    assert member["support_received"] == ["emotional"]
    assert case["events"][0] | {"id": 0} == {
        "id": 0,
        "year": 2020,
        "month": None,
        "approximate": False,
        "kind": "other",
        "tone": "mixed",
        "people": [],
    }


def test_it_leaves_out_an_unknown_or_future_birth_year_and_events_after_today():
    client = ClientIn(given_name="A", birth_year=2030)
    case = pseudonymise(client, [], [], [EventIn(id=1, year=2027, kind="work", tone="good")], today=TODAY)
    assert case["client"]["age_band"] is None and case["events"] == []


def test_its_code_lists_match_the_records_choices():
    from kring.lifeline.models import EventKind, EventTone
    from kring.network.models import (
        Circle,
        ContactFrequency,
        LimitReason,
        LinkKind,
        MemberStatus,
        Relation,
        Sector,
        Support,
        TieQuality,
    )

    assert set(pseudo.RELATIONS) == set(Relation.values)
    assert set(pseudo.SECTORS) == set(Sector.values)
    assert set(pseudo.CIRCLES) == set(Circle.values)
    assert set(pseudo.TIE_QUALITIES) == set(TieQuality.values)
    assert set(pseudo.STATUSES) == set(MemberStatus.values)
    assert set(pseudo.LIMIT_REASONS) == set(LimitReason.values)
    assert set(pseudo.FREQUENCIES) == set(ContactFrequency.values)
    assert set(pseudo.SUPPORTS) == set(Support.values)
    assert set(pseudo.LINK_KINDS) == set(LinkKind.values)
    assert set(pseudo.EVENT_KINDS) == set(EventKind.values)
    assert set(pseudo.TONES) == set(EventTone.values)
