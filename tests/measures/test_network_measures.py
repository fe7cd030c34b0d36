"""The page "Het netwerk in maten": its pure parts (explanations, formatting, start and now, trend series) and
the page through the views (what a worker sees, on a date, access, logging, queries).

The measures themselves are tested against hand-computed networks in test_ego.py; here is what the page
shows of them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kring.audit.models import AccessLog
from kring.measures import network_measures as core
from kring.measures.ego import MEASURE_ORDER, MemberFacts, ego_measures
from kring.measures.figures import rebuild, record
from kring.measures.models import NetworkFigures
from kring.network.models import Member
from tests import factories
from tests.network.factories import make_link, make_member

# --- pure parts -------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def facts(id, *, sector="friends", relation="friend", circle=2, status="active", received=(), given=()):
    return MemberFacts(
        id=id,
        relation=relation,
        sector=sector,
        circle=circle,
        contact_frequency="weekly",
        support_received=frozenset(received),
        support_given=frozenset(given),
        tie_quality="supportive",
        status=status,
        deceased=False,
        emergency_contact=False,
    )


def lines_of(measures) -> dict[str, core.MeasureLine]:
    return {line.key: line for group in core.measure_groups(measures) for line in group.lines}


def test_every_measure_is_on_the_page_once_with_a_short_explanation():
    shown = lines_of(ego_measures([], []))
    assert sorted(core.MEASURE_KEYS) == sorted(core.measure_fields()) == sorted(MEASURE_ORDER)
    assert len(core.MEASURE_KEYS) == len(set(core.MEASURE_KEYS))
    for line in shown.values():
        assert line.label and line.explanation.endswith((".", "?"))
        assert len(line.explanation) <= 110, line.explanation  # one line, plain


def test_density_has_the_plain_explanation_a_worker_can_repeat():
    density = lines_of(ego_measures([], []))["density"]
    assert density.label == "Kennen elkaar"
    assert density.explanation.startswith("Hoeveel van de mensen elkaar kennen")


def test_an_empty_network_shows_a_dash_never_nan_or_none():
    shown = lines_of(ego_measures([], []))
    for key in (
        "informal_share",
        "density",
        "effective_size",
        "efficiency",
        "constraint",
        "reciprocity",
        "multiplexity_mean",
        "blau_sector",
        "iqv_sector",
        "degree_centralisation",
    ):
        assert shown[key].value == "—", key
    assert shown["size"].value == "0"
    assert shown["emergency_contact_present"].value == "Nee"
    assert all("nan" not in line.value.lower() and "none" not in line.value.lower() for line in shown.values())


def test_one_member_has_no_density_but_a_size_and_a_constraint_of_one():
    shown = lines_of(ego_measures([facts(1, circle=1)], []))
    assert shown["size"].value == "1"
    assert shown["density"].value == "—"
    assert shown["constraint"].value == "1,00"
    assert shown["effective_size"].value == "1,0"
    assert {p.label: p.value for p in shown["per_circle"].parts} == {
        "Heel dichtbij": "1",
        "Dichtbij": "0",
        "Wat verder weg": "0",
    }


def test_shares_are_whole_percentages_and_decimals_use_a_comma():
    members = [facts(1), facts(2), facts(3, sector="professional", relation="professional")]
    shown = lines_of(ego_measures(members, [(1, 2)]))
    assert shown["informal_share"].value == "67%"
    assert shown["professional_share"].value == "33%"
    assert shown["density"].value == "33%"  # 1 link of 3 pairs
    assert shown["effective_size"].value == "2,3"  # 3 − 2·1/3
    assert {p.key: p.value for p in shown["per_sector"].parts}["professional"] == "1"


def test_start_and_now_say_the_change_in_plain_numbers():
    start = {
        "size": 3,
        "active_size": 2,
        "inner_circle": 0,
        "informal_share": 0.5,
        "emotional_support": 1,
        "diversity": 2,
        "reciprocity": None,
        "density": 0.25,
        "emergency_contact": False,
    }
    now = {
        **start,
        "size": 7,
        "inner_circle": 2,
        "informal_share": 0.4,
        "reciprocity": 0.5,
        "density": 0.25,
        "emergency_contact": True,
    }
    rows = {row.field: row for row in core.start_and_now(start, now)}
    assert (rows["size"].start, rows["size"].now, rows["size"].change) == ("3", "7", "+4")
    assert rows["informal_share"].change == "−10 procentpunt"
    assert rows["density"].change == "gelijk"
    assert (rows["reciprocity"].start, rows["reciprocity"].change) == ("—", "")
    assert (rows["emergency_contact"].start, rows["emergency_contact"].now) == ("Nee", "Ja")
    assert core.start_and_now(None, None) == []


def test_a_change_in_a_share_reads_right_in_english_for_one_point_and_for_more():
    start = {"informal_share": 0.5}
    with translation.override("en"):
        one = core.start_and_now(start, {"informal_share": 0.51})
        ten = core.start_and_now(start, {"informal_share": 0.4})
    assert {row.field: row.change for row in one}["informal_share"] == "+1 percentage point"
    assert {row.field: row.change for row in ten}["informal_share"] == "−10 percentage points"


def row(day, **values):
    base = {
        "size": 0,
        "active_size": 0,
        "inner_circle": 0,
        "informal_share": None,
        "emotional_support": 0,
        "diversity": 0,
        "reciprocity": None,
        "density": None,
        "emergency_contact": False,
    }
    return {"day": day, **base, **values}


def test_the_last_twelve_months_start_with_the_figures_carried_over_from_before():
    rows = [row(date(2024, 1, 5), size=2), row(date(2025, 9, 1), size=4), row(date(2026, 2, 1), size=6)]
    start = core.period_start(core.PERIOD_YEAR, date(2026, 3, 10))
    assert start == date(2025, 3, 10)
    shown = core.rows_in_period(rows, start)
    assert [(r.day, r.values["size"], r.carried) for r in shown] == [
        (date(2025, 3, 10), 2, True),
        (date(2025, 9, 1), 4, False),
        (date(2026, 2, 1), 6, False),
    ]
    assert len(core.rows_in_period(rows, None)) == 3
    assert core.period_start(core.PERIOD_ALL, date(2026, 3, 10)) is None
    assert core.period_start(core.PERIOD_YEAR, date(2028, 2, 29)) == date(2027, 2, 28)


def test_each_trend_has_its_points_its_table_and_a_gap_for_an_undefined_value():
    rows = [row(date(2026, 1, 5), size=1, density=None), row(date(2026, 2, 5), size=3, density=1 / 3)]
    trends = {t.field: t for t in core.trends(rows, None)}
    assert set(trends) >= {
        "size",
        "active_size",
        "inner_circle",
        "informal_share",
        "emotional_support",
        "reciprocity",
        "density",
    }
    density = trends["density"]
    assert [p.value for p in density.chart.points] == [None, 33]
    assert density.has_gap
    assert [(line.date_text, line.value_text) for line in density.lines] == [
        ("5 januari 2026", "niet te berekenen"),
        ("5 februari 2026", "33%"),
    ]
    svg = density.svgs()["wide"]
    assert 'data-gap="2026-01-05"' in svg and 'data-value="33"' in svg
    assert "5 januari 2026 tot 5 februari 2026" in density.chart.description


def axis_numbers(svg: str) -> list[int]:
    return [int(n) for n in re.findall(r'text-anchor="end" dominant-baseline="middle" fill="#5a615d">(\d+)<', svg)]


def test_an_axis_has_a_few_round_ticks_for_a_network_of_150_and_for_percentages():
    rows = [row(date(2026, 1, 5), size=3, informal_share=0.2), row(date(2026, 2, 5), size=150, informal_share=0.9)]
    trends = {t.field: t for t in core.trends(rows, None)}
    for svg in trends["size"].svgs().values():
        assert axis_numbers(svg) == [0, 50, 100, 150]
        assert svg.count("<line") == 4  # one grid line per tick, no gap lines
    for svg in trends["informal_share"].svgs().values():
        assert axis_numbers(svg) == [0, 25, 50, 75, 100]
    assert trends["informal_share"].unit == "In procenten, van 0 tot 100." and trends["size"].unit == ""


def test_nice_scale_keeps_small_networks_on_whole_steps():
    assert core.nice_scale([]) == (4, (0, 1, 2, 3, 4))
    assert core.nice_scale([3]) == (4, (0, 1, 2, 3, 4))
    assert core.nice_scale([5]) == (5, (0, 1, 2, 3, 4, 5))
    assert core.nice_scale([7]) == (8, (0, 2, 4, 6, 8))
    assert core.nice_scale([23]) == (25, (0, 5, 10, 15, 20, 25))


# --- the page ---------------------------------------------------------------------------------------------


def url(client, **params):
    base = reverse("netmeasures:page", args=[client.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style|title|svg)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def value_of(response, key) -> str:
    html = response.content.decode()
    match = re.search(rf'data-measure="{key}">.*?<span class="netm-item__value">([^<]*)</span>', html, flags=re.S)
    return match.group(1)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))


def _at(member, when, **changes):
    for field, value in changes.items():
        setattr(member, field, value)
    member._history_date = when
    member.save()


@pytest.mark.django_db
def test_it_shows_every_measure_with_its_explanation_for_a_network_of_one(
    world, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_member(world.client_a, name="Mama", relation="mother", circle=1)
    response = login(world.worker).get(url(world.client_a))
    assert response.status_code == 200
    page = text(response)
    assert "Het netwerk in maten" in page
    assert "Hoeveel van de mensen elkaar kennen" in page
    assert value_of(response, "size") == "1"
    assert value_of(response, "density") == "—"
    assert "nan" not in page.lower().split() and "None" not in page
    for key in core.MEASURE_KEYS:
        assert f'data-measure="{key}"' in response.content.decode()
    network_tab = reverse("network:map", args=[world.client_a.pk])
    assert f'<a href="{network_tab}" aria-current="page">Netwerk</a>' in response.content.decode()


@pytest.mark.django_db
def test_it_shows_an_empty_network_with_dashes_and_a_way_to_start(world, login):
    response = login(world.worker).get(url(world.client_a))
    assert response.status_code == 200
    page = text(response)
    assert "Er staat nog niemand op de kaart" in page
    assert "Nog geen verloop" in page
    assert value_of(response, "density") == "—" and value_of(response, "informal_share") == "—"


@pytest.mark.django_db
def test_it_shows_the_measures_as_they_were_on_an_earlier_date(world, login):
    t0 = timezone.now() - timedelta(days=60)
    mama = Member(client=world.client_a, name="Mama", relation="mother", sector="family", circle=3)
    _at(mama, t0)
    piet = Member(client=world.client_a, name="Piet", relation="friend", sector="friends", circle=2)
    _at(piet, t0 + timedelta(days=20))
    _at(mama, t0 + timedelta(days=30), circle=1)
    browser = login(world.worker)

    before = browser.get(url(world.client_a, datum=(t0 + timedelta(days=1)).date().isoformat()))
    assert value_of(before, "size") == "1"
    assert value_of(before, "density") == "—"
    assert "Zo was het netwerk op" in text(before)
    assert "Dit is een terugblik" in text(before)

    later = browser.get(url(world.client_a, datum=(t0 + timedelta(days=25)).date().isoformat()))
    assert value_of(later, "size") == "2"
    assert value_of(later, "density") == "0%"
    assert re.search(
        r'data-part="1"><span class="netm-parts__label">Heel dichtbij</span> '
        r'<span class="netm-parts__value">0<',
        later.content.decode(),
    )

    now = browser.get(url(world.client_a))
    assert re.search(
        r'data-part="1"><span class="netm-parts__label">Heel dichtbij</span> '
        r'<span class="netm-parts__value">1<',
        now.content.decode(),
    )
    assert "Zo is het netwerk nu" in text(now)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2999-01-01", "Kies een datum van vandaag of eerder."),
        ("31-02-2026", "Vul een geldige datum in"),
        ("gisteren", "Vul een geldige datum in"),
    ],
)
def test_it_refuses_a_wrong_date_by_the_field_and_still_shows_today(world, login, value, message):
    make_member(world.client_a, name="Mama", relation="mother", circle=1)
    response = login(world.worker).get(url(world.client_a, datum=value))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'class="field__error" id="id_datum_error">[^<]*' + re.escape(message), html)
    assert f'value="{value}"' in html  # the input is kept
    assert "Zo is het netwerk nu" in text(response)
    assert value_of(response, "size") == "1"


@pytest.mark.django_db
def test_it_shows_the_figures_at_the_start_and_now(world, login):
    sister = make_member(world.client_a, name="Zus", relation="sister", circle=1)
    for h in sister.history.all():
        h.history_date = at(timezone.localdate() - timedelta(days=200))
        h.save()
    friend = make_member(world.client_a, name="Piet", relation="friend", circle=2)
    friend.history.update(history_date=at(timezone.localdate() - timedelta(days=100)))
    make_link(sister, friend).history.update(history_date=at(timezone.localdate() - timedelta(days=10)))
    rebuild(world.client_a.pk)
    response = login(world.worker).get(url(world.client_a))
    html = response.content.decode()
    size_row = re.search(r'data-figure="size">(.*?)</tr>', html, flags=re.S).group(1)
    assert re.findall(r'data-when="(\w+)">([^<]*)<', size_row) == [("start", "1"), ("now", "2"), ("change", "+1")]
    density_row = re.search(r'data-figure="density">(.*?)</tr>', html, flags=re.S).group(1)
    assert re.findall(r'data-when="(\w+)">([^<]*)<', density_row) == [("start", "—"), ("now", "100%"), ("change", "—")]


@pytest.mark.django_db
def test_it_draws_the_trends_for_the_chosen_period(world, login):
    today = timezone.localdate()
    days = [today - timedelta(days=d) for d in (700, 400, 100, 5)]
    for number, day in enumerate(days, start=1):
        make_member(world.client_a, name=f"Naaste {number}")
        record(world.client_a.pk, day)
    browser = login(world.worker)

    year = browser.get(url(world.client_a)).content.decode()
    size_chart = re.search(r'data-trend="size".*?</figure>', year, flags=re.S).group(0)
    # A year back: the figures of 400 days ago carried to the start, then the two changes inside the year.
    assert size_chart.count('class="netm-chart netm-chart--wide"') == 1
    wide = re.search(r"<svg[^>]*netm-chart--wide.*?</svg>", size_chart, flags=re.S).group(0)
    assert re.findall(r'data-value="(\d+)"', wide) == ["2", "3", "4"]
    assert "zo stond het al van daarvoor" in size_chart
    assert 'aria-current="true">Laatste 12 maanden' in year

    everything = browser.get(url(world.client_a, periode="alles")).content.decode()
    wide = re.search(r'data-trend="size".*?<svg[^>]*netm-chart--wide.*?</svg>', everything, flags=re.S).group(0)
    assert re.findall(r'data-value="(\d+)"', wide) == ["1", "2", "3", "4"]
    assert 'aria-current="true">Alles' in everything
    # The same numbers as a table, for a screen reader.
    table = re.search(r'data-trend="size".*?<tbody>(.*?)</tbody>', everything, flags=re.S).group(1)
    assert re.findall(r"<td>(\d+)</td>", table) == ["1", "2", "3", "4"]

    # An unknown period falls back to the last 12 months.
    assert 'aria-current="true">Laatste 12 maanden' in browser.get(url(world.client_a, periode="x")).content.decode()


@pytest.mark.django_db
def test_the_network_page_links_to_the_measures(world, login):
    make_member(world.client_a, name="Mama", relation="mother", circle=1)
    html = login(world.worker).get(reverse("network:map", args=[world.client_a.pk])).content.decode()
    assert f'href="{url(world.client_a)}"' in html
    assert "Het netwerk in het kort" in html  # the short card keeps its content


@pytest.mark.django_db
def test_it_logs_one_view_with_the_client_and_the_date(world, login):
    browser = login(world.worker)
    first = AccessLog.objects.order_by("pk").values_list("pk", flat=True).last() or 0
    browser.get(url(world.client_a))
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    browser.get(url(world.client_a, datum=day))
    rows = list(AccessLog.objects.filter(pk__gt=first).order_by("pk").values_list("event", "client_id", "detail"))
    assert rows == [
        ("measures.network.view", world.client_a.pk, ""),
        ("measures.network.view", world.client_a.pk, f"as of {day}"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_it_answers_404_to_outsiders(world, login, outsider):
    make_member(world.client_a, name="Mama", relation="mother", circle=1)
    browser = login(getattr(world, outsider))
    rows = AccessLog.objects.count()
    assert browser.get(url(world.client_a)).status_code == 404
    assert browser.get(url(world.client_a, datum="2026-01-01")).status_code == 404
    assert browser.post(url(world.client_a)).status_code == 404
    assert AccessLog.objects.filter(client=world.client_a).count() == 0
    assert AccessLog.objects.count() == rows


@pytest.mark.django_db
def test_it_answers_404_to_a_post_and_lets_the_team_in(world, login):
    assert login(world.worker).post(url(world.client_a)).status_code == 404
    for user in (world.colleague, world.team_lead, world.org_admin):
        assert login(user).get(url(world.client_a)).status_code == 200


# --- queries ---------------------------------------------------------------------------------------------


def _network(client, n):
    members = [make_member(client, name=f"Naaste {i}", circle=1 + i % 3) for i in range(n)]
    for a, b in zip(members, members[1:], strict=False):
        make_link(a, b)


def _queries(browser, page_url) -> int:
    browser.get(page_url)  # warm the session and memberships
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(page_url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_it_reads_the_page_in_a_fixed_number_of_queries_for_0_1_and_150_members(world, login):
    browser = login(world.worker)
    counts = []
    for n in (0, 1, 150):
        client = factories.make_client(team=world.team_a, given_name=f"Cliënt {n}", key_workers=[world.worker])
        _network(client, n)
        record(client.pk)
        counts.append(_queries(browser, url(client)))
    assert counts[0] == counts[1] == counts[2], counts
    # Session, user, devices, memberships, the client, members, links, figures (all rows; start and now),
    # the organisation and the row of the access log, and the session saved in its savepoint.
    assert counts[0] <= 14, counts


@pytest.mark.django_db
def test_it_reads_a_past_date_in_a_fixed_number_of_queries(world, login):
    browser = login(world.worker)
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    _network(world.client_a, 2)
    small = _queries(browser, url(world.client_a, datum=day))
    _network(world.client_a, 150)
    assert _queries(browser, url(world.client_a, datum=day)) == small


@pytest.mark.django_db
def test_it_reads_few_and_many_figure_rows_in_the_same_number_of_queries(world, login):
    browser = login(world.worker)
    _network(world.client_a, 3)
    record(world.client_a.pk)
    few = _queries(browser, url(world.client_a, periode="alles"))
    today = timezone.localdate()
    NetworkFigures.objects.bulk_create(
        [
            NetworkFigures(
                client=world.client_a,
                day=today - timedelta(days=3 * i),
                size=i % 7,
                active_size=i % 5,
                inner_circle=1,
                informal=1,
                professional=0,
                informal_share=0.5,
                emotional_support=1,
                diversity=1,
                reciprocity=None,
                density=0.2,
                dormant=0,
                restore=0,
                limited=0,
                emergency_contact=False,
            )
            for i in range(1, 300)
        ]
    )
    assert _queries(browser, url(world.client_a, periode="alles")) == few


def test_a_share_that_rounds_to_none_or_all_says_so():
    from kring.measures.network_measures import share

    assert [share(v) for v in (0, 0.004, 0.005, 0.5, 0.994, 0.996, 1)] == [
        "0%",
        "< 1%",
        "< 1%",
        "50%",
        "99%",
        "> 99%",
        "100%",
    ]
