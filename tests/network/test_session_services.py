import pytest
from django.core.exceptions import ValidationError

from kring.audit.log import Actor
from kring.network import session as svc
from kring.network.models import Link, MappingSession, Member, SessionPerson
from tests.network.factories import make_member


@pytest.fixture
def actor(world):
    return Actor.system(world.worker, reason="test")


@pytest.fixture
def started(world, actor):
    return svc.session_start(actor=actor, client=world.client_a, language="nl")


def name(actor, session, text, prompt="fall_back", key="", **kw):
    return svc.person_name(actor=actor, session=session, prompt_key=prompt, name=text, request_key=key, **kw)


def test_it_resumes_the_open_session_instead_of_starting_a_second(world, actor, started):
    again = svc.session_start(actor=actor, client=world.client_a, language="en")
    assert again.pk == started.pk
    assert MappingSession.objects.filter(client=world.client_a).count() == 1


def test_it_brings_the_existing_members_along_to_review(world, actor):
    mama = make_member(world.client_a, name="Mama", relation="mother", circle=1)
    session = svc.session_start(actor=actor, client=world.client_a, language="nl")
    person = session.people.get()
    assert (person.member, person.circle, person.sector) == (mama, 1, "family")


def test_it_names_someone_once_however_often_the_tablet_retries(actor, started):
    first = name(actor, started, "Zus Fatima", key="req-1")
    again = name(actor, started, "Zus Fatima", key="req-1")
    assert first.created and not again.created
    assert again.person.pk == first.person.pk
    assert started.people.count() == 1


def test_it_asks_before_adding_a_name_that_is_already_there(actor, started):
    first = name(actor, started, "Kees", key="a").person
    asked = name(actor, started, "  kees ", prompt="weekend", key="b")
    assert asked.person is None and [p.pk for p in asked.same_names] == [first.pk]
    other = name(actor, started, "Kees", prompt="weekend", key="c", another=True)
    assert other.created and other.person.name == "Kees (2)"
    # A third Kees: the question names both, and "someone else" is number 3.
    asked = name(actor, started, "KEES", key="d")
    assert [p.name for p in asked.same_names] == ["Kees", "Kees (2)"]
    assert name(actor, started, "Kees", key="d", another=True).person.name == "Kees (3)"
    assert sorted(started.people.values_list("name", flat=True)) == ["Kees", "Kees (2)", "Kees (3)"]


def test_it_gives_no_one_the_name_of_someone_left_out(actor, started):
    mo = name(actor, started, "Mo", key="a").person
    mo2 = name(actor, started, "Mo", key="b", another=True).person
    svc.person_leave_out(actor=actor, session=started, person=mo2)
    mo3 = name(actor, started, "Mo", key="c", another=True).person
    assert mo3.name == "Mo (3)"
    for person in (mo, mo3):
        svc.person_leave_out(actor=actor, session=started, person=person)
    # Only left-out people of this name: no question, but not the same name either.
    assert name(actor, started, "mo", key="d").person.name == "Mo (4)"
    names = [p.name.casefold() for p in started.people.all()]
    assert len(names) == len(set(names)) == 4


def test_it_numbers_a_long_name_within_the_longest_name_allowed(actor, started):
    long = "Tante " + "a" * 94
    name(actor, started, long, key="a")
    other = name(actor, started, long, key="b", another=True).person
    assert len(other.name) == 100 and other.name.endswith("a (2)")
    other.full_clean()


def test_it_tells_apart_members_of_the_same_name_when_the_session_starts(world, actor):
    make_member(world.client_a, name="Mo", relation="brother", circle=1)
    make_member(world.client_a, name="mo", relation="friend", circle=2)
    make_member(world.client_a, name="Sam", relation="friend", circle=2)
    make_member(world.client_a, name="Sam", relation="friend", circle=3)
    make_member(world.client_a, name="Ria", relation="friend", circle=3)
    session = svc.session_start(actor=actor, client=world.client_a, language="nl")
    names = sorted(session.people.values_list("name", flat=True), key=str.casefold)
    assert names == ["Mo (Broer)", "mo (Vriendin)", "Ria", "Sam (1)", "Sam (2)"]
    assert [p.name for p in name(actor, session, "Mo").same_names] == ["Mo (Broer)", "mo (Vriendin)"]
    # The members keep their own names.
    svc.session_finish(actor=actor, session=session)
    assert sorted(Member.objects.values_list("name", flat=True)) == ["Mo", "Ria", "Sam", "Sam", "mo"]


@pytest.mark.parametrize(("text", "message"), [("   ", "Typ een naam"), ("x" * 500, "te lang")])
def test_it_refuses_an_empty_or_endless_name(actor, started, text, message):
    with pytest.raises(ValidationError, match=message):
        name(actor, started, text)
    assert not started.people.exists()


def test_it_fills_the_network_from_the_prompts_at_the_finish(world, actor, started):
    mama = name(actor, started, "Mama", prompt="fall_back", key="1").person
    svc.person_toggle_prompt(actor=actor, session=started, person=mama, prompt_key="listens", on=True)
    piet = name(actor, started, "Piet", prompt="used_to_see", key="2").person
    helped = name(actor, started, "Buurvrouw", prompt="you_help", key="3").person
    skipped = name(actor, started, "Iemand", prompt="weekend", key="4").person
    svc.person_place(actor=actor, session=started, person=mama, sector="family", circle=1)
    svc.person_place(actor=actor, session=started, person=piet, sector="friends", circle=3)
    svc.person_place(actor=actor, session=started, person=helped, sector="community", circle=2)
    svc.person_leave_out(actor=actor, session=started, person=skipped)
    assert svc.link_toggle(actor=actor, session=started, a=piet, b=mama) is True

    svc.session_finish(actor=actor, session=started)
    svc.session_finish(actor=actor, session=MappingSession.objects.get(pk=started.pk))

    members = {m.name: m for m in Member.objects.filter(client=world.client_a)}
    assert set(members) == {"Mama", "Piet", "Buurvrouw"}
    assert members["Mama"].emergency_contact and members["Mama"].support_received == ["emotional"]
    assert members["Mama"].circle == 1 and members["Mama"].sector == "family"
    assert members["Piet"].status == "dormant"
    assert members["Buurvrouw"].support_given == ["practical"]
    assert Link.objects.filter(client=world.client_a).count() == 1
    # One moment in the history: every member's first record carries the same time.
    assert Member.history.filter(client_id=world.client_a.pk).values("history_date").distinct().count() == 1


def test_it_moves_an_existing_member_at_the_finish_and_leaves_unchanged_ones_alone(world, actor):
    mama = make_member(world.client_a, name="Mama", relation="mother", circle=3)
    oom = make_member(world.client_a, name="Oom", relation="other_family", circle=2)
    session = svc.session_start(actor=actor, client=world.client_a, language="nl")
    person = session.people.get(member=mama)
    svc.person_place(actor=actor, session=session, person=person, sector="family", circle=1)
    svc.session_finish(actor=actor, session=session)
    mama.refresh_from_db()
    oom.refresh_from_db()
    assert mama.circle == 1 and mama.version == 2
    assert oom.version == 1 and oom.history.count() == 1


def test_it_writes_nothing_more_to_a_finished_session(actor, started):
    svc.session_finish(actor=actor, session=started)
    with pytest.raises(svc.SessionClosed):
        name(actor, started, "Laat")


def test_it_counts_the_review_in_plain_numbers(actor, started):
    for i, (prompt, circle) in enumerate([("fall_back", 1), ("used_to_see", 3), ("weekend", 1)]):
        person = name(actor, started, f"P{i}", prompt=prompt, key=str(i)).person
        svc.person_place(actor=actor, session=started, person=person, sector="friends", circle=circle)
    assert svc.summary(started) == {"named": 3, "placed": 3, "inner": 2, "not_any_more": 1, "emergency": 1}


def test_it_refuses_to_start_a_session_for_a_client_of_another_team(world):
    with pytest.raises(PermissionError):
        svc.session_start(actor=Actor.system(world.other_team_worker), client=world.client_a, language="nl")
    assert not SessionPerson.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_its_migration_keeps_open_sessions_at_the_card_they_were_at(world):
    """0004 turns the position of the card into its key, for the sessions still open."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from kring.network.prompts import ensure_prompts

    ensure_prompts(world.org)
    before = [("network", "0003_prompt_effect_labels")]
    executor = MigrationExecutor(connection)
    # Back to 0003 also takes back every migration that builds on 0004 (consent, meetings, figures, ...):
    # forward again to every app's latest, or the tests after this one find tables missing.
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        OldSession = old.get_model("network", "MappingSession")
        old_prompts = old.get_model("network", "Prompt").objects.filter(organisation_id=world.org.pk)
        old_prompts.filter(key="whatsapp").update(active=False)
        at_weekend = OldSession.objects.create(
            client_id=world.client_a.pk, started_by_id=world.worker.pk, prompt_index=1
        )
        beyond = OldSession.objects.create(client_id=world.client_b.pk, started_by_id=world.worker.pk, prompt_index=99)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)

    keys = dict(MappingSession.objects.values_list("pk", "prompt_key"))
    assert keys == {at_weekend.pk: "weekend", beyond.pk: "hard_time"}
