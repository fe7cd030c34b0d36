"""The team and organisation dashboards: the figures against hand-made clients, who may see which
dashboard, small counts suppressed, the access log, the CSV, bad filters, and a constant number of queries."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.insights import dashboard as figures_module
from kring.insights.dashboard import Period
from kring.measures.models import NetworkFigures, QuestionnaireResponse
from kring.network.models import MappingSession
from kring.support.catalogue import elements_for, ensure_catalogue, modes_for
from kring.support.models import Intervention, Meeting
from tests.factories import make_client, make_team
from tests.support.factories import make_review

# --- Hand-made clients ---------------------------------------------------------------------------------


def today() -> date:
    return timezone.localdate()


def figures(client, day, *, size, inner=0, informal=None, latest=False, intake=False) -> NetworkFigures:
    """One NetworkFigures row, with only what the dashboards read set on purpose."""
    return NetworkFigures.objects.create(
        client=client, day=day, size=size, active_size=size, inner_circle=inner, informal=size, professional=0,
        informal_share=informal, emotional_support=0, diversity=0, dormant=0, restore=0, limited=0,
        emergency_contact=False, is_latest=latest, is_intake=intake,
    )  # fmt: skip


def mapped_client(team, *, start=(4, 1, 0.5), now=(6, 2, 0.75), **fields):
    """A client with an intake row and a newer latest row: (size, inner circle, informal share) each."""
    client = make_client(team=team, **fields)
    figures(client, today() - timedelta(days=200), size=start[0], inner=start[1], informal=start[2], intake=True)
    figures(client, today() - timedelta(days=5), size=now[0], inner=now[1], informal=now[2], latest=True)
    return client


def intervention(client, *, by, day=None, elements=1, removed=False) -> Intervention:
    record = Intervention.objects.create(
        client=client,
        created_by=by,
        date=day or today() - timedelta(days=20),
        mode=modes_for(client.organisation)[0],
        removed_at=timezone.now() if removed else None,
    )
    record.elements.set(elements_for(client.organisation)[:elements])
    return record


def meeting(client, *, by, day=None, status="held") -> Meeting:
    return Meeting.objects.create(
        client=client, created_by=by, kind="triadic", status=status, date=day or today() - timedelta(days=20),
        question="Hoe houden we contact?",
    )  # fmt: skip


def loneliness(client, *, by, total, day=None) -> QuestionnaireResponse:
    return QuestionnaireResponse.objects.create(
        client=client, questionnaire="djg6", definition_version=1, language="nl",
        date=day or today() - timedelta(days=20), answers={}, total=total, created_by=by,
    )  # fmt: skip


def board_of(world, teams, *, aggregated, period=None):
    return figures_module.dashboard(
        organisation=world.org,
        team_ids=[t.pk for t in teams],
        period=period or Period.last_twelve_months(today()),
        today=today(),
        aggregated=aggregated,
    )


def team_url(team) -> str:
    return reverse("dashboards:team", args=[team.pk])


ORG_URL = "/inzicht/organisatie/"


# --- The figures -------------------------------------------------------------------------------------------

SIX = [  # (start, now) as (size, inner circle, informal share)
    ((2, 0, 0.2), (3, 1, 0.5)),
    ((4, 1, 0.4), (5, 1, 0.5)),
    ((6, 1, 0.5), (7, 2, 0.6)),
    ((8, 2, 0.6), (9, 2, 0.7)),
    ((10, 1, 0.8), (11, 0, 0.8)),
    ((12, 3, 1.0), (21, 5, 0.9)),
]


def test_it_computes_the_medians_of_six_clients_by_hand(world):
    for start, now in SIX:
        mapped_client(world.team_a, start=start, now=now)
    mapped_client(world.team_a, start=(3, 0, 0.5), now=(0, 0, None))  # everyone removed: no network on the map
    mapped_client(world.team_a, start=(40, 9, 0.1), now=(50, 9, 0.1), status="left")  # not active
    mapped_client(world.team_b, start=(40, 9, 0.1), now=(50, 9, 0.1))  # another team
    network = board_of(world, [world.team_a], aggregated=False).network
    assert network.clients.value == 6
    assert network.size_start.value == 7  # 2 4 6 | 8 10 12
    assert network.size_now.value == 8  # 3 5 7 | 9 11 21
    assert network.informal_start.value == pytest.approx(0.55)
    assert network.informal_now.value == pytest.approx(0.65)
    # Inner circle now minus at the start: 1 0 1 0 -1 2 → -1 0 0 | 1 1 2
    assert network.inner_change_median.value == 0.5
    assert (network.inner_grew.value, network.inner_same.value, network.inner_shrank.value) == (3, 2, 1)
    assert (str(network.size_start), str(network.informal_now), str(network.inner_change_median)) == (
        "7",
        "65%",
        "0,5",
    )


def test_an_odd_number_of_clients_has_the_middle_one_as_median(world):
    for start, now in SIX[:5]:
        mapped_client(world.team_a, start=start, now=now)
    network = board_of(world, [world.team_a], aggregated=False).network
    assert (network.size_start.value, network.size_now.value) == (6, 7)


def test_coverage_counts_active_clients_with_a_network_and_a_recent_review(world):
    mapped = [mapped_client(world.team_a) for _ in range(3)]
    make_review(mapped[0], by=world.worker, day=today() - timedelta(days=40), next_on=today() + timedelta(days=50))
    make_review(mapped[1], by=world.worker, day=today() - timedelta(days=150), next_on=today() - timedelta(days=60))
    MappingSession.objects.create(client=mapped[2], started_by=world.worker, finished_at=timezone.now())
    MappingSession.objects.create(client=world.client_a, started_by=world.worker)  # still open: no review
    coverage = board_of(world, [world.team_a], aggregated=False).coverage
    assert coverage.active.value == 4  # the three and client A
    assert (coverage.mapped.value, coverage.mapped_share.value) == (3, 0.75)
    assert (coverage.reviewed.value, str(coverage.reviewed_share)) == (2, "50%")


def test_a_session_counts_as_a_review_by_its_day_here_not_in_utc(world):
    """The review window runs from the day after ``since`` up to ``until``, in days of the local time zone;
    just after midnight here it is still the day before in UTC."""
    period = Period(figures_module.add_months(today(), -12), figures_module.add_months(today(), -1))
    until = period.end
    since = figures_module.months_before(until, figures_module.REVIEW_MONTHS)

    def at(day, hour, minute):
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    finished = [
        at(until, 23, 30),  # the last day: counts
        at(since, 23, 30),  # the day before the window
        at(since + timedelta(days=1), 0, 30),  # the first day: counts
        at(until + timedelta(days=1), 0, 30),  # after the window
    ]
    for moment in finished:
        client = make_client(team=world.team_a)
        MappingSession.objects.create(client=client, started_by=world.worker, finished_at=moment)
    coverage = board_of(world, [world.team_a], aggregated=False, period=period).coverage
    assert (coverage.review_since, coverage.review_until) == (since, until)
    assert coverage.reviewed.value == 2


def test_it_counts_interventions_per_element_and_held_meetings_in_the_period(world):
    ensure_catalogue(world.org)
    first, second = elements_for(world.org)[:2]
    client = world.client_a
    intervention(client, by=world.worker, elements=2)
    intervention(client, by=world.worker, elements=1)
    intervention(client, by=world.worker, elements=1, removed=True)
    intervention(client, by=world.worker, elements=1, day=today() - timedelta(days=500))
    intervention(world.client_b, by=world.other_team_worker, elements=1)  # team B
    meeting(client, by=world.worker)
    meeting(client, by=world.worker, status="cancelled")
    meeting(client, by=world.worker, status="planned", day=today() + timedelta(days=3))
    meeting(client, by=world.worker, day=today() - timedelta(days=500))
    board = board_of(world, [world.team_a], aggregated=False)
    counts = {e.key: (e.interventions.value, e.clients.value) for e in board.elements}
    assert counts[first.key] == (2, 1)
    assert counts[second.key] == (1, 1)
    assert (board.interventions.value, board.intervention_clients.value) == (2, 1)
    assert (board.meetings.value, board.meeting_clients.value) == (1, 1)
    assert sum(q.meetings.value for q in board.meetings_per_quarter) == 1


def test_the_loneliness_trend_gives_mean_and_median_per_quarter(world):
    day = today() - timedelta(days=20)
    for total in (1, 2, 3, 5, 6):
        loneliness(make_client(team=world.team_a), by=world.worker, total=total, day=day)
    loneliness(world.client_a, by=world.worker, total=None, day=day)  # too many items skipped: no score
    quarters = {q.quarter: q for q in board_of(world, [world.team_a], aggregated=False).loneliness}
    this = quarters[date(day.year, (day.month - 1) // 3 * 3 + 1, 1)]
    assert (this.responses.value, this.clients.value) == (5, 5)
    assert this.mean.value == pytest.approx(3.4) and str(this.mean) == "3,4"
    assert this.median.value == 3
    assert all(q.responses.value == 0 and q.mean.value is None for q in quarters.values() if q is not this)


# --- Small counts suppressed on the organisation dashboard ----------------------------------------------


@pytest.mark.parametrize(("count", "suppressed"), [(4, True), (5, False)])
def test_the_organisation_dashboard_suppresses_counts_below_five(world, login, count, suppressed):
    team_c = make_team(world.org, "Team C")
    for i in range(count):
        intervention(mapped_client(team_c, start=(4 + i, 1, 0.5), now=(6 + i, 2, 0.75)), by=world.worker)
    board = board_of(world, [team_c], aggregated=True)
    assert board.coverage.active.suppressed is suppressed
    assert board.coverage.mapped_share.suppressed is suppressed
    assert board.network.size_now.suppressed is suppressed
    assert board.interventions.suppressed is suppressed
    assert board.elements[0].interventions.suppressed is suppressed
    page = login(world.org_admin).get(ORG_URL, {"team": team_c.pk}).content.decode()
    assert (">minder dan 5<" in page) is suppressed
    if not suppressed:
        assert board.network.size_now.value == 8
    # The team's own dashboard shows the small numbers to the admin and the team lead.
    team_board = board_of(world, [team_c], aggregated=False)
    assert team_board.coverage.active.value == count


def test_interventions_with_fewer_than_five_clients_are_suppressed_however_many(world):
    for _ in range(6):
        intervention(world.client_a, by=world.worker)
    board = board_of(world, [world.team_a], aggregated=True)
    assert board.interventions.value == 6
    assert board.intervention_clients.suppressed
    first = board.elements[0]
    assert first.interventions.suppressed and str(first.interventions) == "minder dan 5"


def test_zero_is_shown_and_a_share_of_nobody_is_unknown(world):
    board = board_of(world, [make_team(world.org, "Leeg team")], aggregated=True)
    assert str(board.coverage.active) == "0"
    assert str(board.coverage.mapped_share) == "—"


# --- Who sees which dashboard ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "status"),
    [("org_admin", 200), ("researcher", 200), ("team_lead", 404), ("worker", 404), ("other_org_worker", 404)],
)
def test_the_organisation_dashboard_is_for_admins_and_researchers(world, login, user, status):
    assert login(getattr(world, user)).get(ORG_URL).status_code == status


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("team_lead", 200),
        ("org_admin", 200),
        ("researcher", 404),
        ("worker", 404),
        ("colleague", 404),
        ("other_team_worker", 404),
        ("other_org_worker", 404),
    ],
)
def test_a_team_dashboard_is_for_its_team_lead_and_the_admins(world, login, user, status):
    assert login(getattr(world, user)).get(team_url(world.team_a)).status_code == status


def test_a_team_lead_sees_no_other_team(world, login):
    browser = login(world.team_lead)
    assert browser.get(team_url(world.team_b)).status_code == 404
    assert browser.get(team_url(world.other_team)).status_code == 404
    assert browser.get("/inzicht/team/999999/").status_code == 404


def test_a_post_answers_404(world, login):
    assert login(world.org_admin).post(ORG_URL).status_code == 404
    assert login(world.team_lead).post(team_url(world.team_a)).status_code == 404


@pytest.mark.parametrize(
    ("user", "target"),
    [("org_admin", ORG_URL), ("researcher", ORG_URL), ("team_lead", "team_a"), ("worker", "consultations")],
)
def test_inzicht_opens_the_right_dashboard(world, login, user, target):
    response = login(getattr(world, user)).get(reverse("dashboards:home"))
    expected = {ORG_URL: ORG_URL, "team_a": team_url(world.team_a), "consultations": reverse("consultations:home")}
    assert response.status_code == 302 and response["Location"] == expected[target]


def test_inzicht_keeps_the_period_asked_for_on_its_way_to_the_dashboard(world, login):
    response = login(world.team_lead).get(reverse("dashboards:home"), {"van": "2026-01", "tot": "2026-03"})
    assert response["Location"] == team_url(world.team_a) + "?van=2026-01&tot=2026-03"


def test_the_menu_shows_each_role_only_the_insights_it_may_open(world, login):
    def tabs(user):
        html = login(user).get(reverse("consultations:home") if user != world.researcher else ORG_URL)
        return [
            label
            for label in ("Overzicht", "Randvoorwaarden", "Training", "Intervisie")
            if f">{label}</a>" in html.content.decode()
        ]

    assert tabs(world.worker) == ["Randvoorwaarden", "Training", "Intervisie"]
    assert tabs(world.team_lead) == ["Overzicht", "Randvoorwaarden", "Training", "Intervisie"]
    assert tabs(world.researcher) == ["Overzicht"]
    assert ">Inzicht</a>" in login(world.worker).get(reverse("clients:caseload")).content.decode()


def test_the_researcher_sees_no_client_names_and_no_row_per_client(world, login):
    for i in range(6):
        mapped_client(world.team_a, given_name=f"Zeldzaam{i}", family_name="Kanarie")
    page = login(world.researcher).get(ORG_URL).content.decode()
    assert "Kanarie" not in page and "Zeldzaam" not in page and "Aalders" not in page
    assert "/clienten/" not in page
    assert f'href="{team_url(world.team_a)}"' not in page  # no team dashboards for a researcher


def test_the_admin_can_switch_between_the_organisation_and_its_teams(world, login):
    page = login(world.org_admin).get(ORG_URL).content.decode()
    assert team_url(world.team_a) in page and team_url(world.team_b) in page
    team_page = login(world.org_admin).get(team_url(world.team_a)).content.decode()
    assert ORG_URL in team_page


# --- Access log, filters, CSV -------------------------------------------------------------------------------


def test_each_view_writes_one_access_log_row_without_a_client(world, login):
    login(world.team_lead).get(team_url(world.team_a))
    login(world.researcher).get(ORG_URL, {"format": "csv"})
    rows = list(AccessLog.objects.order_by("pk").values_list("event", "client_id", "user_id", "object_id"))
    assert rows[-2:] == [
        ("insights.dashboard.view", None, world.team_lead.pk, str(world.team_a.pk)),
        ("insights.dashboard.export", None, world.researcher.pk, str(world.org.pk)),
    ]


def test_the_period_filter_counts_only_the_months_asked_for(world, login):
    march = date(today().year - 1, 3, 10)
    intervention(world.client_a, by=world.worker, day=march)
    intervention(world.client_a, by=world.worker, day=march + timedelta(days=40))
    page = login(world.team_lead).get(team_url(world.team_a), {"van": f"{march:%Y-%m}", "tot": f"{march:%Y-%m}"})
    assert page.status_code == 200
    board = page.context["board"]
    assert (board.period.start, board.period.end) == (date(march.year, 3, 1), date(march.year, 3, 31))
    assert board.interventions.value == 1
    assert [q.label for q in board.meetings_per_quarter] == [f"K1 {march.year}"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"van": "2026-13"}, "van", "Vul een maand in als jaar-maand"),
        ({"van": "maart"}, "van", "Vul een maand in als jaar-maand"),
        ({"tot": "2999-01"}, "tot", "Deze maand ligt in de toekomst."),
        ({"van": "2025-06", "tot": "2025-01"}, "tot", "Kies een maand die na ‘Van maand’ komt, of dezelfde."),
        ({"van": "2015-01", "tot": "2025-01"}, "van", "Kies een periode van hoogstens vijf jaar."),
        ({"team": "999999"}, "team", "Kies een team uit de lijst."),
    ],
)
def test_a_wrong_filter_says_what_is_wrong_by_the_field_and_keeps_the_input(world, login, query, field, message):
    response = login(world.org_admin).get(ORG_URL, query)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    page = response.content.decode()
    assert message in page
    for name, value in query.items():
        if name != "team":  # a choice from a list cannot keep a wrong value
            assert f'value="{value}"' in page
    assert response.context["board"].period == Period.last_twelve_months(today())


def test_the_team_filter_of_another_organisation_is_refused(world, login):
    mapped_client(world.other_team)
    response = login(world.org_admin).get(ORG_URL, {"team": world.other_team.pk})
    assert response.context["form"].errors["team"]
    assert response.context["scope"] == world.org.name


def _csv(response) -> dict[tuple[str, str], str]:
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0] == ["Onderdeel", "Cijfer", "Groep", "Waarde"]
    return {(row[1], row[2]): row[3] for row in rows[1:]}


def test_the_csv_holds_the_same_figures(world, login):
    for start, now in SIX:
        mapped_client(world.team_a, start=start, now=now)
    values = _csv(login(world.team_lead).get(team_url(world.team_a), {"format": "csv"}))
    assert values[("Wie", "")] == "Team A"
    assert values[("Actieve cliënten", "")] == "7"
    assert values[("Met een netwerkkaart, deel", "")] == "86%"
    assert values[("Netwerkgrootte (mediaan)", "bij de start")] == "7"
    assert values[("Netwerkgrootte (mediaan)", "nu")] == "8"
    assert values[("Deel zonder hulpverleners (mediaan)", "nu")] == "65%"
    assert values[("Verandering heel dichtbij (mediaan)", "")] == "0,5"


def test_a_csv_of_a_wrong_period_is_not_sent_the_page_says_what_is_wrong(world, login):
    browser = login(world.team_lead)
    future = browser.get(team_url(world.team_a), {"format": "csv", "van": "2099-01", "tot": "2099-03"})
    assert future["Content-Type"].startswith("text/html")
    assert "Deze maand ligt in de toekomst." in future.content.decode()
    org = login(world.org_admin).get(reverse("dashboards:organisation"), {"format": "csv", "team": "99999"})
    assert org["Content-Type"].startswith("text/html")
    assert "Kies een team uit de lijst." in org.content.decode()


def test_the_organisation_csv_suppresses_small_counts_too(world, login):
    for start, now in SIX[:3]:
        mapped_client(world.team_a, start=start, now=now)
    values = _csv(login(world.researcher).get(ORG_URL, {"format": "csv"}))
    assert values[("Actieve cliënten", "")] == "5"  # three, client A and client B
    assert values[("Met een netwerkkaart", "")] == "minder dan 5"
    assert values[("Met een netwerkkaart, deel", "")] == "minder dan 5"
    assert values[("Netwerkgrootte (mediaan)", "nu")] == "minder dan 5"


def test_the_page_shows_the_figures_as_charts_and_tables(world, login):
    for start, now in SIX:
        mapped_client(world.team_a, start=start, now=now)
    page = login(world.team_lead).get(team_url(world.team_a)).content.decode()
    assert page.count('class="bar-chart"') == 4
    assert '<tr data-figure="size"><th scope="row">Mensen op de kaart (mediaan)</th>' in page
    assert 'aria-current="page">Overzicht' in page


# --- Queries do not grow with the number of clients --------------------------------------------------------


def _fill(world, count):
    ensure_catalogue(world.org)
    for i in range(count):
        team = world.team_a if i % 2 else world.team_b
        client = mapped_client(team, start=(3 + i % 7, i % 3, 0.5), now=(5 + i % 9, i % 4, 0.6))
        intervention(client, by=world.worker, elements=1 + i % 3)
        meeting(client, by=world.worker)
        loneliness(client, by=world.worker, total=i % 7)
        make_review(client, by=world.worker, day=today() - timedelta(days=10), next_on=today() + timedelta(days=80))


def _queries(browser, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


EXPECTED_QUERIES = {"org": 23, "team": 23, "org csv": 21}


@pytest.mark.parametrize("url", ["org", "team", "org csv"])
def test_the_number_of_queries_is_the_same_for_3_and_40_clients(world, login, url):
    path = {"org": ORG_URL, "team": team_url(world.team_a), "org csv": ORG_URL + "?format=csv"}[url]
    user = world.team_lead if url == "team" else world.org_admin
    _fill(world, 3)
    few = _queries(login(user), path)
    _fill(world, 37)
    assert _queries(login(user), path) == few == EXPECTED_QUERIES[url]


def test_it_counts_active_clients_with_an_open_signal_per_rule(world, login):
    for _ in range(5):
        mapped_client(world.team_a, now=(6, 0, 0.75))  # nobody in the inner circle now
    mapped_client(world.team_a, now=(6, 0, 0.75), status="left")
    mapped_client(world.team_a, now=(6, 2, 0.75))
    board = board_of(world, [world.team_a], aggregated=True)
    counts = {s.key: s for s in board.signals}
    assert counts["no_inner_circle"].clients.value == 5
    assert counts["no_inner_circle"].label == "Niemand heel dichtbij"
    page = login(world.team_lead).get(team_url(world.team_a)).content.decode()
    assert f"?signaal=no_inner_circle&amp;team={world.team_a.pk}" in page
