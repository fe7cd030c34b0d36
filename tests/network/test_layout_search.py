"""The ecogram layout's fast paths give what the plain ways give: the search for a free spot (checked against
trying every candidate in order of distance), and going on from a grown band (against starting again)."""

from __future__ import annotations

import math
import random

import pytest

from kring.network import layout
from kring.network.layout import (
    CENTRE_RADIUS,
    TIE_CLEARANCE,
    TIE_DETOUR,
    TIE_LABEL_CLEARANCE,
    NodeIn,
    layout_ecogram,
    sector_angles,
)
from tests.network.test_layout import assert_valid, make_network


def every_candidate(lattice: layout._Lattice, tx: float, ty: float) -> list[tuple[float, float, float, float, float]]:
    """(squared distance, x, y, angle, rho) of every candidate of the lattice, nearest first (ties in the
    order of track and index, as the search takes them)."""
    found = []
    for track, (rho, lo, hi, count) in enumerate(lattice.tracks):
        for index in range(count):
            angle = lo + (hi - lo) * (index / (count - 1) if count > 1 else 0.5)
            x, y = lattice.cx + rho * math.cos(angle), lattice.cy + rho * math.sin(angle)
            found.append(((x - tx) ** 2 + (y - ty) ** 2, track, index, x, y, angle, rho))
    found.sort()
    return [(d2, x, y, angle, rho) for d2, _track, _index, x, y, angle, rho in found]


def plain_nearest_free(
    lattice: layout._Lattice,
    target: tuple[float, float],
    width: float,
    grid: layout._Grid,
    limits: layout._Limits,
    ties: layout._Ties,
    sector: str | None,
) -> tuple[float, float, float, float] | None:
    """What ``_Lattice.nearest_free`` (without labels) promises, the slow way: the nearest candidate where the
    node and its label fit; with a sector, the nearest within the detour whose tie is clear of nodes first."""
    m = lattice.m
    free = []
    for d2, x, y, angle, rho in every_candidate(lattice, *target):
        node_box = (x - m.node_half, y - m.node_half, x + m.node_half, y + m.node_half)
        label_box = (x - width / 2, y + m.label_top, x + width / 2, y + m.label_top + m.label_height)
        if not grid.hits(node_box, m.gap) and limits.allows(label_box) and not grid.hits(label_box, m.gap):
            free.append((d2, x, y, angle, rho))
    if not free:
        return None
    if sector is not None:
        detour2 = (TIE_DETOUR * m.font_size) ** 2
        for d2, x, y, angle, rho in free:
            if d2 < detour2 and ties.clear_of_nodes(sector, angle, rho):
                return x, y, angle, rho
    return free[0][1:]


@pytest.mark.parametrize("tidy", [False, True])
@pytest.mark.parametrize("seed", range(20))
def test_it_finds_the_nearest_free_spot_as_trying_every_candidate_would(seed, tidy):
    rng = random.Random(seed)
    fs = 13.0
    m = layout._Metrics.for_font(fs)
    centre = CENTRE_RADIUS * fs
    sector = rng.choice(layout.SECTORS)
    a0, a1 = sector_angles()[sector]
    r_in = centre + rng.choice([0.0, 60.0])
    r_out = r_in + rng.uniform(110, 220)
    lattice = layout._Lattice(0.0, 0.0, r_in, r_out, a0, a1, m)
    grid = layout._Grid(4 * fs)
    limits = layout._Limits(0.0, 0.0, centre + m.gap, r_out + rng.choice([-1.0, 25.0]))
    start = min(a for a, _b in sector_angles().values())
    ties = layout._Ties(
        0.0, 0.0, m.node_half + TIE_CLEARANCE * fs, centre, TIE_LABEL_CLEARANCE * fs, start, m.node_radius
    )
    # Fill the cell one node at a time, as a cell is filled: every search on what the ones before left.
    for i in range(60):
        width = m.label_width("x" * rng.randint(2, 20))
        angle, rho = rng.uniform(a0, a1), rng.uniform(r_in, r_out)
        target = (rho * math.cos(angle), rho * math.sin(angle))
        found = lattice.nearest_free(target, width, grid, limits, ties, sector if tidy else None)
        assert found == plain_nearest_free(lattice, target, width, grid, limits, ties, sector if tidy else None)
        if found is None:
            break
        item = (NodeIn(i, "x", sector, 1), "x", width)
        layout._Spot(item, sector, 1, *found, m).add(grid, ties)


def test_it_keeps_the_inner_circles_when_an_outer_band_grows(monkeypatch):
    """A network whose outer band turns out too narrow: the band grows within the one try, and the layout
    is exactly the one a try with the wider band from the start gives."""
    tries = []
    place = layout._place

    def remembered(cells, bands, *args):
        estimate = list(bands)
        result = place(cells, bands, *args)  # widens ``bands`` where it had to
        tries.append((cells, estimate, list(bands), args, result))
        return result

    monkeypatch.setattr(layout, "_place", remembered)
    nodes = make_network(150, 21)
    grown = layout_ecogram(nodes, font_size=13)
    assert_valid(grown, nodes)
    ((cells, estimate, bands, args, result),) = tries
    assert result is grown
    assert bands[:2] == estimate[:2] and bands[2] > estimate[2]  # the outer band grew, the others did not
    assert place(cells, list(bands), *args) == grown
