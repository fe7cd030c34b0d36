"""The trend chart and the sparkline: well-formed, accessible, escaped, and gaps that are not zeros."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from kring.measures.trend_svg import TrendBand, TrendChart, TrendPoint, render_sparkline, render_trend

NS = {"svg": "http://www.w3.org/2000/svg"}


def point(day: str, value, label: str | None = None) -> TrendPoint:
    d = date.fromisoformat(day)
    return TrendPoint(d, value, label or f"{day}: {value}", d.strftime("%b %Y"))


def chart(points, **overrides) -> TrendChart:
    fields = dict(
        title="Eenzaamheid",
        description="Drie keer ingevuld.",
        y_min=0,
        y_max=6,
        points=points,
        bands=(TrendBand(0, 1, "Niet eenzaam"), TrendBand(2, 4, "Matig eenzaam"), TrendBand(5, 6, "Ernstig eenzaam")),
    )
    return TrendChart(**(fields | overrides))


def parse(svg: str):
    return ElementTree.fromstring(svg)


def test_it_is_an_image_with_a_title_and_a_description():
    root = parse(render_trend(chart([point("2026-01-05", 4), point("2026-03-02", 3)]), id_prefix="djg"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "djg-title djg-desc"
    assert root.find("svg:title", NS).text == "Eenzaamheid"
    assert root.find("svg:title", NS).get("id") == "djg-title"
    assert root.find("svg:desc", NS).text == "Drie keer ingevuld."
    assert "style=" not in render_trend(chart([point("2026-01-05", 4)]))


def test_it_escapes_every_text():
    evil = '<script>alert("x")</script> & co'
    svg = render_trend(
        chart(
            [point("2026-01-05", 2, label=evil)],
            title=evil,
            description=evil,
            bands=(TrendBand(0, 6, evil),),
        )
    )
    assert "<script>" not in svg
    root = parse(svg)  # well-formed despite the markup in every text
    assert root.find("svg:title", NS).text == evil
    assert evil in [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    spark = render_sparkline(chart([point("2026-01-05", 2)], title=evil, description=evil))
    assert "<script>" not in spark
    parse(spark)


def test_it_draws_an_undefined_score_as_a_gap_not_as_zero():
    points = [point("2026-01-05", 4), point("2026-02-02", 3), point("2026-03-02", None), point("2026-04-06", 2)]
    root = parse(render_trend(chart(points)))
    circles = root.findall(".//svg:circle", NS)
    assert [c.get("data-value") for c in circles] == ["4", "3", "2"]
    gaps = [line for line in root.findall(".//svg:line", NS) if line.get("data-gap")]
    assert [g.get("data-gap") for g in gaps] == ["2026-03-02"]
    # The line breaks at the gap: one segment of two points; the last point stands alone.
    polylines = root.findall(".//svg:polyline", NS)
    assert len(polylines) == 1
    assert len(polylines[0].get("points").split()) == 2
    # No dot lies on the zero line.
    zero_y = {line.get("y1") for line in root.findall(".//svg:line", NS) if line.get("x1") != line.get("x2")}
    assert not any(c.get("cy") in zero_y and c.get("data-value") == "0" for c in circles)


def test_it_places_points_by_date_and_value():
    root = parse(render_trend(chart([point("2026-01-01", 6), point("2026-01-11", 0), point("2026-01-31", 3)])))
    circles = root.findall(".//svg:circle", NS)
    xs = [float(c.get("cx")) for c in circles]
    ys = [float(c.get("cy")) for c in circles]
    assert xs[0] < xs[1] < xs[2]
    assert abs((xs[1] - xs[0]) * 2 - (xs[2] - xs[1])) < 0.5  # 10 days, then 20 days
    assert ys[0] < ys[2] < ys[1]  # higher values sit higher


def test_it_centres_a_single_point_and_draws_no_line():
    root = parse(render_trend(chart([point("2026-01-05", 3)])))
    assert root.findall(".//svg:polyline", NS) == []
    assert len(root.findall(".//svg:circle", NS)) == 1


def test_it_names_the_bands_and_keeps_dates_from_overlapping():
    many = [point(f"2026-01-{day:02d}", day % 7) for day in range(1, 29)]
    root = parse(render_trend(chart(many)))
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"Niet eenzaam", "Matig eenzaam", "Ernstig eenzaam"} <= set(texts)
    assert [str(v) for v in range(7)] == [t for t in texts if t.isdigit()]
    # Every label here reads "Jan 2026": written once, not 28 times on top of each other.
    assert texts.count("Jan 2026") == 1
    assert int(root.get("font-size")) >= 16


def test_it_leaves_band_names_out_of_a_narrow_chart():
    root = parse(render_trend(chart([point("2026-01-05", 3)]), width=360, band_labels=False))
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Matig eenzaam" not in texts
    assert root.get("viewBox") == "0 0 360 280"


def test_it_draws_a_sparkline_with_its_gaps():
    points = [point("2026-01-05", 4), point("2026-02-02", None), point("2026-03-02", 2), point("2026-04-06", 1)]
    root = parse(render_sparkline(chart(points), id_prefix="s1"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "s1-title"
    assert root.find("svg:title", NS).text == "Eenzaamheid: Drie keer ingevuld."
    assert [c.get("data-value") for c in root.findall(".//svg:circle", NS)] == ["4", "2", "1"]
    assert len(root.findall(".//svg:polyline", NS)) == 1
    assert [line.get("data-gap") for line in root.findall(".//svg:line", NS) if line.get("data-gap")] == ["2026-02-02"]
