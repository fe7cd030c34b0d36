"""The pure parts of the dashboards: the period, medians from a histogram, how a figure is shown, and when a
small number is suppressed. No database."""

from datetime import date

import pytest

from kring.insights.dashboard import (
    NUMBER,
    SHARE,
    Period,
    Stat,
    add_months,
    based_on,
    count_stat,
    histogram_stats,
    median,
    months_before,
    months_between,
    quarter_label,
    share_stat,
)


def test_the_default_period_is_the_last_twelve_months_with_this_one():
    period = Period.last_twelve_months(date(2026, 3, 15))
    assert (period.start, period.end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert months_between(period.start, period.end) == 12


def test_a_period_knows_its_quarters():
    assert Period(date(2025, 2, 1), date(2025, 7, 1)).quarters() == [
        date(2025, 1, 1),
        date(2025, 4, 1),
        date(2025, 7, 1),
    ]
    assert Period(date(2025, 12, 1), date(2026, 1, 1)).quarters() == [date(2025, 10, 1), date(2026, 1, 1)]
    assert Period(date(2024, 2, 1), date(2024, 2, 1)).end == date(2024, 2, 29)


def test_months_are_counted_across_years():
    assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert add_months(date(2025, 11, 5), 3) == date(2026, 2, 1)
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 15), 3) == date(2025, 12, 15)


@pytest.mark.parametrize(
    ("histogram", "expected"),
    [
        ({}, (0, None, None)),
        ({3: 1}, (1, 3, 3)),
        ({1: 1, 2: 1, 3: 1, 5: 1, 6: 1}, (5, 3.4, 3)),
        ({0: 2, 4: 2}, (4, 2, 2)),  # the two middle ones: 0 and 4
        ({2: 3, 6: 1}, (4, 3, 2)),
        ({5: 1, 1: 2}, (3, 7 / 3, 1)),  # in any order
    ],
)
def test_mean_and_median_from_a_histogram(histogram, expected):
    n, mean, median = histogram_stats(histogram)
    assert (n, median) == (expected[0], expected[2])
    assert mean == pytest.approx(expected[1]) if expected[1] is not None else mean is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], None),
        ([4], 4),
        ([7, 1, 3], 3),
        ([6, 1, 4, 2], 3),  # the two middle ones: 2 and 4
        ([0.25, 0.75], 0.5),
        ([-1, 2, 0, 0, 1, 1], 0.5),
    ],
)
def test_the_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones(values, expected):
    assert median(values) == expected


def test_a_figure_reads_in_dutch():
    assert str(Stat(12)) == "12"
    assert str(Stat(12345)) == "12.345"
    assert str(Stat(0.755, SHARE)) == "76%"
    assert str(Stat(3.45, NUMBER)) in ("3,4", "3,5")
    assert str(Stat(7.0, NUMBER)) == "7"
    assert str(Stat(-0.5, NUMBER)) == "-0,5"
    assert str(Stat(None)) == "—"
    assert str(Stat(None, suppressed=True)) == "minder dan 5"


def test_counts_from_one_to_four_are_suppressed_only_when_aggregated():
    assert [count_stat(n, aggregated=True).suppressed for n in (0, 1, 4, 5, 80)] == [False, True, True, False, False]
    assert not count_stat(3, aggregated=False).suppressed


def test_a_share_is_suppressed_when_it_rests_on_or_reveals_a_small_number():
    assert share_stat(3, 4, aggregated=True).suppressed  # four clients
    assert share_stat(3, 100, aggregated=True).suppressed  # "3%" of 100 gives the 3 away
    assert share_stat(0, 100, aggregated=True).value == 0
    assert share_stat(50, 100, aggregated=True).value == 0.5
    assert share_stat(0, 0, aggregated=True) == Stat(None, SHARE)
    assert share_stat(3, 4, aggregated=False).value == 0.75


def test_a_median_of_fewer_than_five_clients_is_suppressed_when_aggregated():
    assert based_on(7, 4, kind=NUMBER, aggregated=True).suppressed
    assert based_on(7, 5, kind=NUMBER, aggregated=True).value == 7
    assert based_on(7, 2, kind=NUMBER, aggregated=False).value == 7
    assert based_on(None, 0, kind=NUMBER, aggregated=True) == Stat(None, NUMBER)


def test_a_quarter_is_named_short():
    assert quarter_label(date(2026, 4, 1)) == "K2 2026"
