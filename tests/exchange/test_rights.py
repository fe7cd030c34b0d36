"""The client's rights: inzage (art. 15) as a page and as JSON, erasure (art. 17) with canary names that must
be gone from every table afterwards, and the retention period with its command."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kring.audit.log import Actor
from kring.audit.models import AccessLog
from kring.clients.models import Client, Consent, Transfer
from kring.exchange import fhir, records, services
from kring.network.models import Link, MappingSession, Member, SessionPerson
from tests import factories
from tests.exchange.helpers import full_network, give_transfer_consent
from tests.lifeline.factories import make_event
from tests.measures.factories import make_response
from tests.network.factories import make_member
from tests.support.factories import make_action, make_review

CANARIES = ["Qzkanarie", "Qzvink", "Qzmerel", "Qzspreeuw", "Qzlijster"]


def body(response) -> str:
    return response.content.decode()


def every_text_in_the_database() -> str:
    """Every value of every row of every table, as one lower-case text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from the DB
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts).lower()


def canary_client(world):
    """A client whose name, network and records all carry canary words, with history (changes) in them."""
    client = factories.make_client(
        team=world.team_a, given_name="Qzkanarie", family_name="Qzvink", key_workers=[world.worker]
    )
    client.family_name = "Qzvink Qzmerel"
    client.save()
    mother = make_member(client, name="Qzmerel Moeder", relation="mother", circle=1, notes="Qzspreeuw belt zondag")
    mother.name = "Qzmerel Mama"
    mother.save()
    friend = make_member(client, name="Qzlijster", relation="friend", pseudonym="Qzspreeuw")
    low, high = sorted((mother, friend), key=lambda m: m.pk)
    link = Link.objects.create(client=client, member_a=low, member_b=high)
    link.delete()  # a removed link: only its history rows are left
    Link.objects.create(client=client, member_a=low, member_b=high, kind="conflict")
    make_event(client, title="Qzvink verhuisde", members=[mother], note="Qzlijster hielp")
    make_action(client, by=world.worker, description="Qzmerel bellen", owner_kind="member", owner=friend)
    make_review(client, by=world.worker, day=date(2026, 1, 5), next_on=date(2026, 4, 5), note="Qzspreeuw erbij")
    make_response(client, by=world.worker, note="Qzkanarie voelde zich alleen")
    give_transfer_consent(client, world.worker, note="Qzkanarie tekende")
    Consent.objects.create(
        client=client,
        purpose="contact_member",
        member=mother,
        decision="given",
        decided_on=timezone.localdate(),
        recorded_by=world.worker,
        note="Qzmerel mag gebeld",
    )
    team_c = factories.make_team(world.org, "Team C")
    Transfer.objects.create(
        client=client, from_team=world.team_a, to_team=team_c, proposed_by=world.worker, handover_note="Qzlijster"
    )
    session = MappingSession.objects.create(client=client, started_by=world.worker)
    SessionPerson.objects.create(session=session, name="Qzspreeuw uit de kroeg")
    return client


# --- inzage -------------------------------------------------------------------------------------------------


def test_the_admin_sees_everything_kring_holds_with_its_history_and_access_log(world, login):
    client = canary_client(world)
    login(world.worker).get(reverse("network:map", args=[client.pk]))
    browser = login(world.org_admin)
    response = browser.get(reverse("exchange:inzage", args=[client.pk]))
    assert response.status_code == 200
    page = body(response)
    for text in [
        "Qzvink Qzmerel",
        "Qzmerel Mama",
        "Qzlijster",
        "Qzvink verhuisde",
        "Qzmerel bellen",
        "Qzspreeuw erbij",
        "Qzkanarie voelde zich alleen",
        "Qzkanarie tekende",
        "Qzspreeuw uit de kroeg",
        "Wim Werker",
        "network.network.view",
        "Tot 24 maanden nadat je vertrokken bent",
    ]:
        assert text in page, text
    # History: the old name and the change to the new one.
    assert "Qzmerel Moeder" in page
    assert "Wat er veranderde" in page
    assert AccessLog.objects.filter(event="exchange.inzage.view", client_id=client.pk).count() == 1


def test_the_inzage_shows_a_shared_meeting_report_as_text_and_downloads_it_as_data(world, login):
    from tests.support.access_ids_meetings import give_consent
    from tests.support.test_summary_views import meeting_with_secrets, url

    meeting = meeting_with_secrets(world)
    give_consent(world.client_a, by=world.worker)
    login(world.worker).post(url("summary_share", meeting), {"voor": "participants", "taal": "nl"})
    browser = login(world.org_admin)
    page = body(browser.get(reverse("exchange:inzage", args=[world.client_a.pk])))
    assert "Verslag van het gesprek met Anna Aalders" in page
    assert "- Youssef rijdt mee naar de bezichtiging" in page
    assert "&quot;sections&quot;" not in page and '"sections"' not in page
    data = json.loads(browser.get(reverse("exchange:inzage_json", args=[world.client_a.pk])).content)
    [share] = data["records"]["support.summaryshare"]
    assert share["content"]["title"] == "Verslag van het gesprek met Anna Aalders"


def test_every_field_the_inzage_shows_has_a_dutch_label():
    """No 'Person a' or 'Meeting' on the client's page: every field shown has a label of its own or from the
    inzage's list (status, agenda and sector are Dutch words too)."""
    from kring.exchange import inzage, records

    labels = inzage._labels()
    unlabelled = sorted(
        f"{model._meta.label}.{f.name}"
        for model in {edge.model for edge in records.edges()}
        if not records.is_history(model)
        for f in inzage._fields(model)
        if f.name not in inzage.HIDDEN
        and str(f.verbose_name) == f.name.replace("_", " ")
        and f.name not in labels
        and f.name not in {"status", "agenda", "sector"}
    )
    assert unlabelled == []


def test_the_inzage_downloads_as_json(world, login):
    client = canary_client(world)
    response = login(world.org_admin).get(reverse("exchange:inzage_json", args=[client.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["client_id"] == client.pk
    assert [m["name"] for m in data["records"]["network.member"]] == ["Qzmerel Mama", "Qzlijster"]
    assert data["records"]["clients.client"][0]["family_name"] == "Qzvink Qzmerel"
    assert any(row["event"] == "exchange.inzage.export" for row in data["access_log"])
    assert any(change["record"] == "network.member" and change["kind"] == "~" for change in data["history"])
    assert data["retention_months_after_leaving"] == 24


@pytest.mark.parametrize("name", ["exchange:inzage", "exchange:inzage_json", "exchange:erase"])
def test_only_an_admin_of_the_clients_organisation_handles_data_requests(world, login, name):
    url = reverse(name, args=[world.client_a.pk])
    for user in (world.worker, world.team_lead, world.other_team_worker, world.other_org_worker, world.researcher):
        assert login(user).get(url).status_code == 404, user
    assert login(world.org_admin).get(url).status_code == 200


def _client_with_records(world, count):
    client = factories.make_client(team=world.team_a, given_name=f"Cliënt met {count}")
    for n in range(count):
        member = make_member(client, name=f"Naaste {n}")
        member.circle = 3
        member.save()
        make_event(client, title=f"Gebeurtenis {n}", members=[member])
        make_action(client, by=world.worker, description=f"Actie {n}", owner_kind="member", owner=member)
    return client


@pytest.mark.parametrize("name", ["exchange:inzage", "exchange:inzage_json"])
def test_the_inzage_takes_the_same_number_of_queries_for_2_or_30_records(world, login, name):
    from django.test.utils import CaptureQueriesContext

    browser = login(world.org_admin)
    counts = []
    for client in (_client_with_records(world, 2), _client_with_records(world, 30)):
        browser.get(reverse(name, args=[client.pk]))  # the first view writes a log row to show
        with CaptureQueriesContext(connection) as queries:
            response = browser.get(reverse(name, args=[client.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # One query a kind of record (not one for every way a record can point at the client, twice over): this
    # client's records and their history are about 35 kinds; it took 170 queries before.
    assert counts[0] <= 75, counts


# --- erasure ------------------------------------------------------------------------------------------------


def test_erasure_removes_every_trace_of_names_from_every_table(world, login):
    client = canary_client(world)
    # A network that came in by import brings its own rows (imported dates) along.
    give_transfer_consent(world.client_b, world.worker)
    make_member(world.client_b, name="Gewoon Iemand")
    worker = login(world.worker)
    for name in ("clients:detail", "network:map", "lifeline:timeline"):
        assert worker.get(reverse(name, args=[client.pk])).status_code == 200
    log_rows = AccessLog.objects.filter(client_id=client.pk).count()
    assert "qzmerel" in every_text_in_the_database()

    browser = login(world.org_admin)
    page = browser.get(reverse("exchange:erase", args=[client.pk]))
    assert page.status_code == 200 and "Netwerkleden: <strong>2</strong>" in body(page)
    wrong = browser.post(reverse("exchange:erase", args=[client.pk]), {"confirm_name": "Anna"})
    assert wrong.status_code == 422 and "Dat is niet de roepnaam van deze cliënt." in body(wrong)
    assert Client.objects.filter(pk=client.pk).exists()
    response = browser.post(reverse("exchange:erase", args=[client.pk]), {"confirm_name": " qzKANARIE "})
    assert response.status_code == 302 and response["Location"] == reverse("clients:caseload")

    assert not Client.objects.filter(pk=client.pk).exists()
    everything = every_text_in_the_database()
    for canary in CANARIES:
        assert canary.lower() not in everything, canary
    # The access log stays, pseudonymous: the client's id, no names; the erasure itself is logged.
    # the erase form, the form shown again with its message, and the erasure
    assert AccessLog.objects.filter(client_id=client.pk).count() == log_rows + 3
    assert AccessLog.objects.filter(client_id=client.pk, event="exchange.client.delete").count() == 1
    # Other clients keep everything.
    assert Member.objects.filter(client=world.client_b).count() == 1
    assert Client.objects.filter(pk=world.client_a.pk).exists()
    assert browser.get(reverse("clients:detail", args=[client.pk])).status_code == 404


def test_erasure_covers_every_record_of_a_demo_client_and_their_imported_copy(world):
    """On the demo world (meetings, places, questionnaires, … from every part of Kring): names found only in one
    client's rows are gone from the whole database after the erasure."""
    from kring.accounts.models import User
    from kring.demo import world as demo

    demo.load()
    admin = User.objects.get(email="beheer@kring.test")
    actor = Actor.system(admin)
    clients = list(Client.objects.filter(organisation=admin.organisation))
    client = max(clients, key=lambda c: sum(len(ids) for ids in records.holdings(c).ids.values()))
    give_transfer_consent(client, admin)
    bundle = services.export_network(actor=actor, client=client)
    copy = services.import_network(actor=actor, team=client.team, network=fhir.parse(json.dumps(bundle).encode()))
    for person in (client, copy):
        names = {person.family_name} | set(Member.objects.filter(client=person).values_list("name", flat=True))
        others = set(Member.objects.exclude(client__in=[client, copy]).values_list("name", flat=True))
        others |= set(Client.objects.exclude(pk__in=[client.pk, copy.pk]).values_list("family_name", flat=True))
        unique = {name for name in names if len(name) > 4 and name not in others}
        assert unique, "the demo client has names of its own"
        services.erase_client(actor=actor, client=person)
    everything = every_text_in_the_database()
    for name in unique:
        assert name.lower() not in everything, name


# --- retention ----------------------------------------------------------------------------------------------


def _left(world, *, name, months_ago, status="left"):
    client = factories.make_client(team=world.team_a, given_name=name)
    client.status = status
    client.save()
    left = timezone.now() - timedelta(days=int(months_ago * 30.5))
    client.history.filter(status="active").update(history_date=left - timedelta(days=100))
    client.history.filter(status=status).update(history_date=left)
    return client


def test_the_retention_command_erases_who_left_longer_ago_than_the_organisation_keeps(world, capsys):
    world.org.retention_months = 12
    world.org.save()
    old = _left(world, name="Lang Geleden", months_ago=14)
    moved = _left(world, name="Verhuisd", months_ago=13, status="transferred")
    recent = _left(world, name="Pas Weg", months_ago=6)
    back = _left(world, name="Weer Terug", months_ago=20)
    back.status = "active"
    back.save()  # came back: kept, however long ago the leaving was
    make_member(old, name="Naaste van Lang")

    call_command("erase_expired", "--user", world.org_admin.email, "--dry-run")
    out = capsys.readouterr().out
    assert f"Would erase client {old.pk}" in out and f"Would erase client {moved.pk}" in out
    assert "Lang Geleden" not in out  # ids only in cron output
    assert Client.objects.filter(pk=old.pk).exists()

    call_command("erase_expired", "--user", world.org_admin.email)
    out = capsys.readouterr().out
    assert "Erased 2 client(s); retention period 12 months." in out
    remaining = set(Client.objects.values_list("pk", flat=True))
    assert old.pk not in remaining and moved.pk not in remaining
    assert {recent.pk, back.pk, world.client_a.pk, world.other_org_client.pk} <= remaining
    assert not Member.objects.filter(name="Naaste van Lang").exists()
    assert AccessLog.objects.filter(event="exchange.client.delete", client_id=old.pk).exists()


def test_the_retention_command_is_for_an_organisation_admin(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not an organisation admin"):
        call_command("erase_expired", "--user", world.worker.email)
    with pytest.raises(CommandError, match="No active user"):
        call_command("erase_expired", "--user", "niemand@test.nl")


def test_the_left_date_counts_from_the_last_time_the_client_left():
    assert services.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert services.add_months(date(2024, 11, 15), 14) == date(2026, 1, 15)


def test_full_network_erasure_leaves_other_clients_untouched(world):
    full_network(world.client_a, world.worker)
    full_network(world.client_b, world.worker, prefix="B ")
    services.erase_client(actor=Actor.system(world.org_admin), client=world.client_a)
    assert Member.objects.filter(client=world.client_b).count() == 5
    assert Consent.objects.filter(client=world.client_b).count() == 4
    assert Link.objects.filter(client=world.client_b).count() == 2
