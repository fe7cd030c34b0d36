"""Ego-network measures, checked against hand-computed values from the reference definitions.

n = members, t = links between members; the client (ego) is not a member. In the constraint arithmetic
p_ij = 1/n is the client's share in each member, p_qj = 1/deg(q) a member's share in another member
(deg counts the tie to the client).
"""

import dataclasses
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kring.measures.ego import (
    MEASURE_ORDER,
    ROLE_GROUP,
    SECTORS,
    EgoMeasures,
    MemberFacts,
    ego_measures,
)
from kring.network.models import SECTOR_OF_RELATION, ContactFrequency, MemberStatus, Relation, Sector, Support


def member(id, *, relation="friend", sector=None, circle=2, frequency="weekly", received=(), given=(), **kw):
    kw.setdefault("tie_quality", "supportive")
    kw.setdefault("status", "active")
    kw.setdefault("deceased", False)
    kw.setdefault("emergency_contact", False)
    return MemberFacts(
        id=id,
        relation=relation,
        sector=sector or SECTOR_OF_RELATION[relation],
        circle=circle,
        contact_frequency=frequency,
        support_received=frozenset(received),
        support_given=frozenset(given),
        **kw,
    )


def members(*ids, **kw):
    return [member(i, **kw) for i in ids]


def test_it_gives_none_not_nan_for_an_empty_network():
    result = ego_measures([], [])
    assert result.size == 0
    assert result.active_size == 0
    assert result.per_sector == dict.fromkeys(SECTORS, 0)
    assert result.per_circle == {1: 0, 2: 0, 3: 0}
    assert result.components == 0
    assert result.isolates == 0
    assert result.diversity == 0
    assert result.emotional_support_count == 0
    assert (result.dormant, result.restore, result.limited) == (0, 0, 0)
    assert result.emergency_contact_present is False
    undefined = (
        "informal_share",
        "professional_share",
        "density",
        "effective_size",
        "efficiency",
        "constraint",
        "degree_centralisation",
        "blau_sector",
        "iqv_sector",
        "reciprocity",
        "multiplexity_mean",
        "multiplex_share",
    )
    assert {name: getattr(result, name) for name in undefined} == dict.fromkeys(undefined, None)


def test_it_measures_a_single_member():
    result = ego_measures([member(7, relation="gp", circle=1)], [])
    assert result.size == 1
    assert result.density is None  # n < 2
    assert result.degree_centralisation is None  # n < 3
    assert result.effective_size == 1  # n − 2t/n = 1 − 0
    assert result.efficiency == 1  # 1 / 1
    assert result.constraint == 1  # (p_ij)² = (1/1)²
    assert (result.components, result.isolates) == (1, 1)
    assert result.professional_share == 1
    assert result.informal_share == 0
    assert result.blau_sector == 0  # 1 − 1²
    assert result.iqv_sector == 0
    assert result.per_circle == {1: 1, 2: 0, 3: 0}


def test_it_measures_a_star_of_unconnected_members():
    result = ego_measures(members(1, 2, 3, 4), [])
    assert result.density == 0  # t = 0
    assert result.effective_size == 4  # n − 2·0/n = n
    assert result.efficiency == 1  # 4 / 4
    assert result.constraint == pytest.approx(1 / 4)  # Σ_j (1/4)² = 4 · 1/16 = 1/n
    assert (result.components, result.isolates) == (4, 4)
    assert result.degree_centralisation == 0  # all degrees 0: Σ(0 − 0) / (3·2)


def test_it_measures_a_triangle_of_members_who_all_know_each_other():
    result = ego_measures(members(1, 2, 3), [(1, 2), (2, 3), (1, 3)])
    assert result.density == 1  # 3 / (3·2/2)
    assert result.effective_size == pytest.approx(1)  # n − 2t/n = 3 − 6/3
    assert result.efficiency == pytest.approx(1 / 3)  # 1 / 3
    # Each member has degree 3 (client + 2): indirect = 2 · (1/3 · 1/3) = 2/9;
    # local = (1/3 + 2/9)² = (5/9)² = 25/81; three members: 75/81 = 25/27.
    assert result.constraint == pytest.approx(25 / 27)
    assert (result.components, result.isolates) == (1, 0)
    assert result.degree_centralisation == 0  # all degrees 2


def test_it_measures_a_path_of_members():
    result = ego_measures(members(1, 2, 3, 4), [(1, 2), (2, 3), (3, 4)])  # 1 – 2 – 3 – 4
    assert result.density == pytest.approx(0.5)  # 3 / (4·3/2) = 3/6
    assert result.effective_size == pytest.approx(2.5)  # 4 − 2·3/4 = 4 − 1.5
    assert result.efficiency == pytest.approx(0.625)  # 2.5 / 4
    # p_ij = 1/4. Degrees incl. client: 1→2, 2→3, 3→3, 4→2.
    # j=1: via 2: 1/4 · 1/3 = 1/12; (1/4 + 1/12)² = (1/3)² = 1/9. Same for j=4.
    # j=2: via 1: 1/4 · 1/2 = 1/8, via 3: 1/4 · 1/3 = 1/12; (6/24 + 3/24 + 2/24)² = (11/24)² = 121/576. Same j=3.
    # Total: 2/9 + 242/576 = 128/576 + 242/576 = 370/576 = 185/288.
    assert result.constraint == pytest.approx(185 / 288)
    assert (result.components, result.isolates) == (1, 0)
    # Degrees 1, 2, 2, 1; d_max = 2: Σ = 1 + 0 + 0 + 1 = 2; 2 / ((4−1)(4−2)) = 2/6.
    assert result.degree_centralisation == pytest.approx(1 / 3)


def test_it_counts_components_and_isolates():
    # Triangle 1-2-3, pair 4-5, isolate 6: n = 6, t = 4.
    result = ego_measures(members(1, 2, 3, 4, 5, 6), [(1, 2), (2, 3), (1, 3), (4, 5)])
    assert (result.components, result.isolates) == (3, 1)
    assert result.density == pytest.approx(4 / 15)  # 4 / (6·5/2)
    assert result.effective_size == pytest.approx(14 / 3)  # 6 − 8/6
    assert result.efficiency == pytest.approx(7 / 9)  # (14/3) / 6
    # p_ij = 1/6. Triangle member (degree 3): indirect 2 · (1/6 · 1/3) = 1/9; (1/6 + 1/9)² = (5/18)² = 25/324, ×3.
    # Pair member (degree 2): indirect 1/6 · 1/2 = 1/12; (1/6 + 1/12)² = 1/16, ×2. Isolate: (1/6)² = 1/36.
    # 75/324 + 2/16 + 1/36 = 150/648 + 81/648 + 18/648 = 249/648 = 83/216.
    assert result.constraint == pytest.approx(83 / 216)
    # Degrees 2, 2, 2, 1, 1, 0: Σ(2 − d) = 0 + 0 + 0 + 1 + 1 + 2 = 4; 4 / (5·4) = 1/5.
    assert result.degree_centralisation == pytest.approx(1 / 5)


def test_it_leaves_the_client_out_of_density():
    result = ego_measures(members(1, 2, 3, 4), [(1, 2), (2, 3), (3, 4)])
    n, t = 4, 3
    with_client = (t + n) / (n * (n + 1) / 2)  # (3 + 4) / 10 = 0.7: the mistake the reference warns about
    assert result.density != pytest.approx(with_client)
    assert result.density == pytest.approx(t / (n * (n - 1) / 2))  # 3 / 6


def test_it_ignores_self_links_duplicates_direction_and_links_to_outsiders():
    messy = [(1, 2), (2, 1), (1, 2), (3, 3), (3, 99), (100, 101)]
    assert ego_measures(members(1, 2, 3), messy) == ego_measures(members(1, 2, 3), [(1, 2)])
    assert ego_measures(members(1, 2, 3), messy).density == pytest.approx(1 / 3)  # one link of three possible


def test_it_counts_sectors_and_informal_and_professional_shares():
    group = [
        member(1, relation="mother"),
        member(2, relation="brother"),
        member(3, relation="friend"),
        member(4, relation="professional"),
        member(5, relation="gp"),
    ]
    result = ego_measures(group, [])
    assert result.per_sector == {"family": 2, "friends": 1, "community": 0, "work": 0, "professional": 2}
    assert result.informal_share == pytest.approx(3 / 5)
    assert result.professional_share == pytest.approx(2 / 5)
    # p = 2/5, 1/5, 0, 0, 2/5: Σp² = 0.16 + 0.04 + 0.16 = 0.36; Blau = 0.64; IQV = 0.64 / (1 − 1/5) = 0.8.
    assert result.blau_sector == pytest.approx(0.64)
    assert result.iqv_sector == pytest.approx(0.8)


def test_it_divides_iqv_by_all_five_sectors_not_the_sectors_seen():
    result = ego_measures([member(1, relation="mother"), member(2, relation="friend")], [])
    # Blau = 1 − (0.5² + 0.5²) = 0.5; IQV = 0.5 / (1 − 1/5) = 0.625 (with K = 2 seen it would wrongly be 1.0).
    assert result.blau_sector == pytest.approx(0.5)
    assert result.iqv_sector == pytest.approx(0.625)


def test_it_gives_the_highest_heterogeneity_for_an_even_spread_over_all_sectors():
    relations = ["mother", "friend", "neighbour", "colleague", "gp"]
    result = ego_measures([member(i, relation=r) for i, r in enumerate(relations)], [])
    assert result.blau_sector == pytest.approx(0.8)  # 1 − 5 · (1/5)²
    assert result.iqv_sector == pytest.approx(1.0)


def test_it_counts_circles():
    result = ego_measures([member(1, circle=1), member(2, circle=3), member(3, circle=3)], [])
    assert result.per_circle == {1: 1, 2: 0, 3: 2}


def test_it_counts_distinct_roles_with_contact_at_least_every_two_weeks():
    group = [
        member(1, relation="mother", frequency="weekly"),  # parent
        member(2, relation="father", frequency="daily"),  # parent again: one role
        member(3, relation="neighbour", frequency="weekly"),  # neighbour
        member(4, relation="friend", frequency="monthly"),  # less often than every two weeks
        member(5, relation="partner", frequency="yearly"),
        member(6, relation="colleague", frequency=""),  # not recorded
        member(7, relation="professional", frequency="daily"),  # not a social role
        member(8, relation="other", frequency="daily"),  # unknown role
        member(9, relation="sister", frequency="weekly", deceased=True),  # no contact any more
    ]
    assert ego_measures(group, []).diversity == 2  # parent, neighbour


def test_it_counts_a_limited_or_dormant_member_with_frequent_contact_as_a_role():
    group = [
        member(1, relation="club", frequency="weekly", status="limited"),
        member(2, relation="faith", frequency="daily", status="dormant"),
    ]
    assert ego_measures(group, []).diversity == 2  # the recorded frequency decides, not the status


def test_it_measures_reciprocity_and_multiplexity():
    group = [
        member(1, received={"emotional", "practical"}, given={"emotional"}),  # both ways; {emotional, practical}: 2
        member(2, received={"advice"}),  # one way; 1 type
        member(3, given={"financial", "housing", "company"}),  # one way; 3 types
        member(4),  # nothing; 0 types
    ]
    result = ego_measures(group, [])
    assert result.reciprocity == pytest.approx(1 / 4)
    assert result.multiplexity_mean == pytest.approx(1.5)  # (2 + 1 + 3 + 0) / 4
    assert result.multiplex_share == pytest.approx(0.5)  # members 1 and 3 have 2+ types
    assert result.emotional_support_count == 1  # member 1 gives the client emotional support


def test_it_counts_emotional_support_from_active_members_only():
    group = [
        member(1, received={"emotional"}),
        member(2, received={"emotional"}, status="dormant"),
        member(3, received={"emotional"}, status="limited"),
        member(4, received={"emotional"}, deceased=True),
        member(5, given={"emotional"}),  # the client supports them, not the other way
    ]
    assert ego_measures(group, []).emotional_support_count == 1


def test_it_leaves_dormant_restore_limited_and_deceased_members_out_of_active_size():
    group = [
        member(1),
        member(2, status="dormant"),
        member(3, status="restore"),
        member(4, status="limited"),
        member(5, deceased=True),
        member(6, status="dormant", deceased=True),
    ]
    result = ego_measures(group, [])
    assert result.size == 6  # structure and composition keep every current member
    assert result.active_size == 1
    # A deceased member is not counted as a tie to restore or to limit, whatever the status says.
    assert (result.dormant, result.restore, result.limited) == (1, 1, 1)


def test_it_sees_an_emergency_contact_only_among_the_living():
    assert ego_measures([member(1, emergency_contact=True)], []).emergency_contact_present is True
    assert ego_measures([member(1, emergency_contact=True, deceased=True)], []).emergency_contact_present is False
    assert ego_measures([member(1)], []).emergency_contact_present is False


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"sector": "church"}, "unknown sector"),
        ({"circle": 4}, "circle 4"),
        ({"relation": "cousin", "sector": "family"}, "unknown relation"),
    ],
)
def test_it_refuses_values_outside_the_coding_scheme(bad, message):
    with pytest.raises(ValueError, match=message):
        ego_measures([member(1, **bad)], [])


def test_it_refuses_a_repeated_member_id():
    with pytest.raises(ValueError, match="more than once"):
        ego_measures([member(1), member(1)], [])


def test_it_keeps_the_vocabulary_in_step_with_the_models():
    assert tuple(Sector.values) == SECTORS
    assert set(ROLE_GROUP) == set(Relation.values)
    assert {"daily", "weekly"} <= set(ContactFrequency.values)
    assert {"active", "dormant", "restore", "limited"} == set(MemberStatus.values)
    assert "emotional" in Support.values


def test_it_lists_every_measure_once_in_display_order():
    fields = [f.name for f in dataclasses.fields(EgoMeasures)]
    assert sorted(MEASURE_ORDER) == sorted(fields)


# --- properties on random networks -------------------------------------------------------------------------

RELATIONS = sorted(ROLE_GROUP)
FLOAT_FIELDS = [f.name for f in dataclasses.fields(EgoMeasures) if "float" in str(f.type)]


@st.composite
def networks(draw):
    ids = draw(st.lists(st.integers(-1000, 1000), unique=True, max_size=40))
    support = st.frozensets(st.sampled_from(Support.values))
    group = [
        member(
            i,
            relation=draw(st.sampled_from(RELATIONS)),
            sector=draw(st.sampled_from(SECTORS)),
            circle=draw(st.sampled_from([1, 2, 3])),
            frequency=draw(st.sampled_from([*ContactFrequency.values, ""])),
            received=draw(support),
            given=draw(support),
            status=draw(st.sampled_from(MemberStatus.values)),
            deceased=draw(st.booleans()),
            emergency_contact=draw(st.booleans()),
        )
        for i in ids
    ]
    # Links between members, plus self-links, repeats and links to people outside the network.
    endpoints = st.sampled_from(ids) if ids else st.integers(2000, 2010)
    pairs = st.tuples(endpoints | st.integers(2000, 2010), endpoints)
    links = draw(st.lists(pairs, max_size=120))
    return group, links


@settings(max_examples=150, deadline=None)
@given(networks())
def test_it_keeps_every_value_in_range_and_never_nan(network):
    group, links = network
    result = ego_measures(group, links)
    n = len(group)
    for name in FLOAT_FIELDS:
        value = getattr(result, name)
        assert value is None or not math.isnan(value), name
    for name in (
        "density",
        "efficiency",
        "informal_share",
        "professional_share",
        "reciprocity",
        "multiplex_share",
        "degree_centralisation",
        "iqv_sector",
    ):
        value = getattr(result, name)
        assert value is None or -1e-12 <= value <= 1 + 1e-12, (name, value)
    assert sum(result.per_sector.values()) == n
    assert sum(result.per_circle.values()) == n
    assert result.active_size <= n
    assert result.isolates <= result.components <= n
    assert result.diversity <= len(set(ROLE_GROUP.values()) - {None})
    if n:
        assert 1 - 1e-9 <= result.effective_size <= n  # n − 2t/n with t ≤ n(n−1)/2
        assert result.efficiency >= 1 / n - 1e-12
        assert 0 < result.constraint <= 9 / 8 + 1e-9  # the largest is two members who know each other
        assert result.informal_share + result.professional_share == pytest.approx(1)
        assert 0 <= result.multiplexity_mean <= len(Support.values)
    else:
        assert result.effective_size is result.efficiency is result.constraint is None


@settings(max_examples=100, deadline=None)
@given(networks(), st.randoms(use_true_random=False))
def test_it_does_not_depend_on_member_ids_or_order(network, rnd: random.Random):
    group, links = network
    new_ids = rnd.sample(range(10_000, 20_000), len(group))
    relabel = {m.id: new for m, new in zip(group, new_ids, strict=True)}
    outsider = iter(range(30_000, 40_000))
    moved_group = [dataclasses.replace(m, id=relabel[m.id]) for m in group]
    moved_links = [
        (relabel[b] if b in relabel else next(outsider), relabel[a] if a in relabel else next(outsider))
        for a, b in links
    ]
    rnd.shuffle(moved_group)
    rnd.shuffle(moved_links)

    before, after = ego_measures(group, links), ego_measures(moved_group, moved_links)
    for name in MEASURE_ORDER:
        old, new = getattr(before, name), getattr(after, name)
        if isinstance(old, float):
            assert new == pytest.approx(old, rel=1e-9, abs=1e-12), name
        else:
            assert new == old, name


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=25), st.data())
def test_it_computes_constraint_as_networkx_does(n, data):
    """Kring's quick constraint equals networkx's own (slow, cubic) computation on the same graph."""
    import networkx as nx

    from kring.measures.ego import _ego_constraint

    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((a, b) for a, b in pairs if a != b)
    graph.add_edges_from(("ego", member) for member in range(n))
    assert abs(_ego_constraint(graph, "ego") - nx.constraint(graph, nodes=["ego"])["ego"]) < 1e-9


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=25), st.data())
def test_it_computes_effective_size_as_networkx_does(n, data):
    """Kring's n − 2t/n equals networkx's effective size of the client on the same graph."""
    import networkx as nx

    from kring.measures.ego import MemberFacts, ego_measures

    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))
    members = [
        MemberFacts(i, "friend", "friends", 2, "weekly", frozenset(), frozenset(), "supportive", "active", False, False)
        for i in range(n)
    ]
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((a, b) for a, b in pairs if a != b)
    graph.add_edges_from(("ego", member) for member in range(n))
    expected = nx.effective_size(graph, nodes=["ego"])["ego"]
    assert ego_measures(members, pairs).effective_size == pytest.approx(expected, abs=1e-9)
