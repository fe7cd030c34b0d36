"""Signals as a user meets them: the card on the client's overview, the team's list, the admin's settings."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.measures import signals
from kring.measures.figures import record
from kring.measures.models import SignalSetting
from kring.support.models import LoadCheck
from tests.factories import make_client
from tests.network.factories import make_member
from tests.support.factories import make_review

LIST = reverse("signals:list")
SETTINGS = reverse("signals:settings")


def events(**filters):
    return list(AccessLog.objects.filter(**filters).order_by("pk").values_list("event", flat=True))


def quiet(client, by):
    """A reviewed, healthy network: no signal."""
    today = timezone.localdate()
    make_member(client, name="Zus", relation="sister", circle=1, emergency_contact=True, support_received=["company"])
    make_member(client, name="Vriend", relation="friend", circle=2, support_received=["advice"])
    make_review(client, by=by, day=today, next_on=today + timedelta(days=90))
    record(client.pk)


def detail(world, login, user=None):
    return login(user or world.worker).get(reverse("clients:detail", args=[world.client_a.pk])).content.decode()


# --- the client's overview -------------------------------------------------------------------------------


def test_the_overview_says_warmly_when_there_is_no_signal(world, login):
    quiet(world.client_a, world.worker)
    body = detail(world, login)
    assert 'data-signals="0"' in body
    assert "Geen signalen: er valt nu niets op in het netwerk van Anna." in body
    assert events(client=world.client_a) == ["clients.client.view"]  # the card is part of the overview's view


def test_the_overview_shows_each_signal_with_why_and_where_to_act(world, login):
    quiet(world.client_a, world.worker)
    sister = world.client_a.members.get(name="Zus")
    LoadCheck.objects.create(
        client=world.client_a, member=sister, created_by=world.worker, date=date(2026, 2, 2), heaviness=9
    )
    brother = make_member(world.client_a, name="Broer", relation="brother", status="restore")
    uncle = make_member(world.client_a, name="Oom", relation="other_family", support_received=["housing"])
    record(world.client_a.pk)
    body = detail(world, login)
    assert 'data-signals="3"' in body
    # Load (as before on this page): the sentence, the member's load page and the sheet for naasten.
    assert "Voor Zus voelt het zwaar: 9 van 10 op 2 februari 2026." in body
    assert reverse("load:history", args=[world.client_a.pk, sister.pk]) in body
    assert reverse("sheets:sheet") in body
    # Restore without action: agree on a step, with the member chosen.
    assert "Contact herstellen, maar nog geen actie" in body
    assert f"{reverse('work:action_add', args=[world.client_a.pk])}?naaste={brother.pk}" in body
    # A place to stay: the kostendelersnorm in plain words, and where to check it.
    assert "Oom biedt de cliënt een plek om te slapen." in body
    assert "kostendelersnorm" in body and "AIO-aanvulling bij de AOW" in body
    assert signals.BIJSTAND_URL in body and signals.SVB_URL in body
    assert reverse("network:member", args=[world.client_a.pk, uncle.pk]) in body
    # The old load card is gone: its sentence shows once.
    assert body.count("voelt het zwaar") == 1 and "data-load-signals" not in body


def test_the_overview_of_a_client_never_looked_at_together(world, login):
    body = detail(world, login)
    assert 'data-signal="review_overdue"' in body
    assert "Het netwerk is nog niet samen besproken." in body
    assert reverse("work:review_add", args=[world.client_a.pk]) in body


def test_a_signal_turned_off_is_not_on_the_overview(world, login):
    SignalSetting.objects.create(organisation=world.org, key="review_overdue", enabled=False)
    assert 'data-signal="review_overdue"' not in detail(world, login)


def test_the_overview_with_signals_costs_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    browser = login(world.worker)
    url = reverse("clients:detail", args=[world.client_a.pk])
    browser.get(url)
    for i in range(12):
        member = make_member(world.client_a, name=f"N{i}", relation="friend", status="restore")
        LoadCheck.objects.create(
            client=world.client_a, member=member, created_by=world.worker, date=date(2026, 1, 1), heaviness=8
        )
    record(world.client_a.pk)
    with django_assert_max_num_queries(40):
        assert browser.get(url).status_code == 200


# --- the team's list --------------------------------------------------------------------------------------


def test_the_list_shows_the_clients_of_my_teams_with_their_signals(world, login):
    quiet_client = make_client(team=world.team_a, given_name="Stil")
    quiet(quiet_client, world.worker)
    body = login(world.worker).get(LIST).content.decode()
    assert "Anna Aalders" in body and 'data-signal="review_overdue"' in body
    assert "Stil" not in body  # no signal, not listed
    assert "Bas Bakker" not in body and "Olga" not in body  # another team, another organisation
    assert "1 cliënt met een signaal" in body


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker"])
def test_outsiders_do_not_see_the_client_in_their_list(world, login, outsider):
    body = login(getattr(world, outsider)).get(LIST).content.decode()
    assert "Anna" not in body


def test_the_list_is_404_for_a_researcher(world, login):
    assert login(world.researcher).get(LIST).status_code == 404


def test_the_list_filters_by_signal_and_by_team(world, login):
    host = make_client(team=world.team_b, given_name="Hanna")
    quiet(host, world.worker)
    make_member(host, name="Oom", relation="other_family", support_received=["housing"])
    record(host.pk)
    browser = login(world.org_admin)
    body = browser.get(LIST).content.decode()
    assert "Anna" in body and "Hanna" in body and "Bas" in body
    body = browser.get(LIST, {"signaal": "place_to_stay"}).content.decode()
    assert "Hanna" in body and "Anna" not in body
    body = browser.get(LIST, {"team": world.team_a.pk}).content.decode()
    assert "Anna" in body and "Hanna" not in body and "Bas" not in body
    # Nonsense in the filters: the whole list, no error.
    assert browser.get(LIST, {"signaal": "nonsense", "team": "x"}).status_code == 200


def test_the_list_logs_a_view_and_a_search_without_names(world, login):
    browser = login(world.worker)
    browser.get(LIST)
    browser.get(LIST, {"signaal": "review_overdue"})
    rows = list(AccessLog.objects.order_by("pk"))
    assert [r.event for r in rows] == ["measures.signals.view", "measures.signals.search"]
    assert rows[1].detail == "signal=review_overdue"
    assert all(r.client_id is None and "Anna" not in r.detail for r in rows)


def test_the_list_counts_per_signal(world, login):
    body = login(world.worker).get(LIST).content.decode()
    counted = body[body.index('data-count="review_overdue"') :].split("</li>")[0]
    assert '<span class="signal-counts__number">1</span>' in counted


def _fill(team, count, worker):
    for i in range(count):
        client = make_client(team=team, given_name=f"Klant{i:03}", key_workers=[worker])
        make_member(client, relation="professional", circle=1, support_received=["housing"])
        record(client.pk)


@pytest.mark.parametrize("count", [2, 30])
def test_the_list_uses_the_same_number_of_queries_for_2_and_30_clients(world, login, count, django_assert_num_queries):
    _fill(world.team_a, count, world.worker)
    browser = login(world.worker)
    browser.get(LIST)
    with django_assert_num_queries(EXPECTED_LIST_QUERIES):
        assert browser.get(LIST).status_code == 200


# session, user, OTP device, memberships, organisation, settings, team count, the counts (one aggregate),
# the page count, the page of clients, their key workers, the log row, and the session save (savepoint,
# update, release). The same for 2 and for 30 clients.
EXPECTED_LIST_QUERIES = 15


# --- the organisation's settings --------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["worker", "team_lead", "researcher", "other_org_worker"])
def test_the_settings_are_404_for_everyone_but_the_admin(world, login, user):
    browser = login(getattr(world, user))
    assert browser.get(SETTINGS).status_code == 404
    assert browser.post(SETTINGS, {"load_high_enabled": "on", "load_high_threshold": "2"}).status_code == 404
    assert not SignalSetting.objects.exists()


def form_data(**overrides):
    data = {f"{rule.key}_enabled": "on" for rule in signals.RULES}  # or "off"
    data.update({f"{rule.key}_threshold": str(rule.threshold) for rule in signals.RULES if rule.has_threshold})
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_admin_sees_every_rule_with_its_explanation(world, login):
    body = login(world.org_admin).get(SETTINGS).content.decode()
    for rule in signals.RULES:
        assert f'data-rule="{rule.key}"' in body and str(rule.why) in body
    assert "Minstens 70 % van de mensen op de netwerkkaart is hulpverlener." in body
    org_page = login(world.org_admin).get(reverse("organisation:settings")).content.decode()
    assert SETTINGS in org_page


def test_the_admin_changes_a_threshold_and_turns_a_rule_off(world, login):
    browser = login(world.org_admin)
    response = browser.post(SETTINGS, form_data(load_high_threshold="5", place_to_stay_enabled="off"))
    assert response.status_code == 302
    settings = signals.settings_for(world.org)
    assert settings["load_high"].threshold == 5 and settings["place_to_stay"].enabled is False
    assert SignalSetting.objects.filter(organisation=world.org).count() == len(signals.RULES)
    row = AccessLog.objects.get()
    assert (row.event, row.client_id) == ("measures.signal_settings.update", None)
    assert row.detail == "load_high=on/5 place_to_stay=off"


@pytest.mark.parametrize(
    "value, message",
    [
        ("0", "Vul een heel getal in van 1 tot en met 10."),
        ("11", "Vul een heel getal in van 1 tot en met 10."),
        ("zeven", "Vul een heel getal in van 1 tot en met 10."),
        ("", "Vul een heel getal in van 1 tot en met 10."),
    ],
)
def test_a_wrong_threshold_is_refused_by_the_field_with_the_input_kept(world, login, value, message):
    browser = login(world.org_admin)
    response = browser.post(SETTINGS, form_data(load_high_threshold=value, mostly_professional_threshold="60"))
    assert response.status_code == 422
    body = response.content.decode()
    field = body[body.index('id="field-id_load_high_threshold"') :].split("</div>")[0]
    assert message in field
    if value:
        assert f'value="{value}"' in field
    assert 'value="60"' in body  # the other input is kept too
    assert not SignalSetting.objects.exists() and not AccessLog.objects.exists()  # nothing half-saved


def test_on_or_off_must_be_chosen(world, login):
    response = login(world.org_admin).post(SETTINGS, form_data(load_high_enabled="maybe"))
    assert response.status_code == 422
    assert "Kies aan of uit." in response.content.decode()
    assert not SignalSetting.objects.exists()


def test_the_service_refuses_someone_else(world):
    from kring.audit.log import Actor

    with pytest.raises(PermissionError):
        signals.signal_settings_update(
            actor=Actor.system(world.team_lead), organisation=world.org, choices={"load_high": (True, 5)}
        )
