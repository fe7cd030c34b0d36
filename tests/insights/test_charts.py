"""The dashboards' bar chart: one accessible SVG, a bar per value, no bar where a number is suppressed."""

import re
from xml.dom import minidom

import pytest

from kring.insights.charts import Bar, BarChart, render_bars


def chart(*bars, max_value=None):
    return BarChart("Interventies", "Per element <en> per kwartaal", list(bars), max_value=max_value)


def test_it_is_one_svg_image_with_a_title_and_a_description():
    svg = render_bars(chart(Bar("Netwerk vergroten", 4, "4")), id_prefix="c1")
    document = minidom.parseString(svg)  # noqa: S318 - our own SVG; well-formed, text escaped
    root = document.documentElement
    assert root.getAttribute("role") == "img"
    assert root.getAttribute("aria-labelledby") == "c1-title c1-desc"
    assert document.getElementsByTagName("title")[0].firstChild.data == "Interventies"
    assert document.getElementsByTagName("desc")[0].firstChild.data == "Per element <en> per kwartaal"
    assert "style=" not in svg


def test_bars_are_as_long_as_their_value_and_the_longest_fills_the_width():
    svg = render_bars(chart(Bar("A", 10, "10"), Bar("B", 5, "5"), Bar("C", 0, "0")))
    widths = [float(w) for w in re.findall(r'<rect class="bar-chart__bar[^>]* width="([\d.]+)"', svg)]
    assert len(widths) == 2  # nothing drawn for 0
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.2)
    assert all(text in svg for text in (">10<", ">5<", ">0<"))


def test_a_suppressed_value_has_no_bar_but_says_why():
    svg = render_bars(chart(Bar("A", 10, "10"), Bar("B", None, "minder dan 5")))
    assert svg.count('class="bar-chart__bar') == 1
    assert ">minder dan 5<" in svg
    assert 'data-bars="2"' in svg


def test_a_fixed_maximum_scales_shares_and_nothing_breaks_without_values():
    svg = render_bars(chart(Bar("Start", 0.25, "25%", "start"), Bar("Nu", 0.5, "50%", "now"), max_value=1))
    start, now = (float(w) for w in re.findall(r'<rect class="bar-chart__bar[^>]* width="([\d.]+)"', svg))
    assert now == pytest.approx(2 * start, abs=0.2)
    assert now < 600 * 0.55  # half of the room for bars, not all of it
    assert "bar-chart__bar--now" in svg
    empty = render_bars(chart(Bar("A", None, "—")))
    assert "<rect" not in empty and ">—<" in empty
    assert render_bars(chart()).startswith("<svg")


def test_the_start_bar_has_its_own_colour():
    svg = render_bars(chart(Bar("Bij de start", 3, "3", "start"), Bar("Nu", 4, "4", "now")))
    fills = re.findall(r'<rect class="bar-chart__bar[^"]*" [^>]*fill="(#[0-9a-f]+)"', svg)
    assert len(set(fills)) == 2
