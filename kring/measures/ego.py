"""Measures of one client's personal (ego) network. Pure: plain dataclasses in, plain dataclasses out.

Definitions follow ``/work/shared/reference/network-measures.md``. The client (ego) is never counted as a
member. n is the number of members given, t the number of distinct links between them.

Who counts where:

| measures | counted over |
|---|---|
| size, per_sector, per_circle, shares, Blau, IQV | every member given (the network as mapped) |
| density, effective size, efficiency, constraint, components, isolates, centralisation | every member given |
| reciprocity, multiplexity | every member given |
| active_size, emotional_support_count | active members: status "active" and not deceased |
| diversity | members not deceased with contact daily or weekly ("at least every two weeks") |
| dormant, restore, limited | members not deceased, by status |
| emergency_contact_present | members not deceased |

"Every member given" means every current member: the caller leaves out removed members and passes the
deceased, dormant and limited ones. "Active" leaves out "restore" as well: that is a dormant tie the
client wants back, not contact the client has now. Deceased members keep their place in the structure (the
network as drawn) but no longer count as contact, support or an emergency contact, whatever their other
fields still say.

Links: only links between two given members count; links to anyone else, self-links and duplicates are
ignored, and direction is irrelevant. Pass every kind of link ("knows" and "conflict" alike): either way
the two members know each other.

A value that is undefined for this network is ``None``, never NaN; the page shows "—".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

# Kring's coding scheme, as in kring.network.models (kept in step by a test). This module stays free of Django.
SECTORS = ("family", "friends", "community", "work", "professional")
PROFESSIONAL_SECTOR = "professional"
CIRCLES = (1, 2, 3)
# "At least every two weeks" (Cohen's SNI): the two frequencies Kring records that are that often.
AT_LEAST_EVERY_TWO_WEEKS = frozenset({"daily", "weekly"})
EMOTIONAL = "emotional"

# Kring's relations mapped to role groups in the spirit of Cohen's Social Network Index, for ``diversity``.
# SNI's 12 roles: spouse, parent, child, child-in-law, close relative, close friend, church/temple member,
# student, employee, neighbour, volunteer, group member. Kring records no child-in-law or volunteer, and
# one relation for work, school and day activity, so at most 9 groups can be reached.
#
# | Kring relation                      | role group     | SNI role                                  |
# |-------------------------------------|----------------|-------------------------------------------|
# | partner                             | partner        | spouse (or living together as such)       |
# | mother, father                      | parent         | parent                                    |
# | child                               | child          | child                                     |
# | brother, sister, other_family,      | relative       | other close relative; an ex-partner is in |
# | ex_partner                          |                | Kring's family sector, not a spouse       |
# | friend, acquaintance                | friend         | close friend                              |
# | neighbour                           | neighbour      | neighbour                                 |
# | colleague                           | work_or_school | employee / student (one Kring relation)   |
# | faith                               | faith          | church/temple member                      |
# | club, peer                          | group          | group member (clubs, peer/self-help group)|
# | professional, gp                    | —              | not a social role: counted in the shares  |
# | other                               | —              | unknown role, cannot add a distinct role  |
ROLE_GROUP: dict[str, str | None] = {
    "partner": "partner",
    "mother": "parent",
    "father": "parent",
    "child": "child",
    "brother": "relative",
    "sister": "relative",
    "other_family": "relative",
    "ex_partner": "relative",
    "friend": "friend",
    "acquaintance": "friend",
    "neighbour": "neighbour",
    "colleague": "work_or_school",
    "faith": "faith",
    "club": "group",
    "peer": "group",
    "professional": None,
    "gp": None,
    "other": None,
}

# The order the measures are shown in: composition first, then support, structure and what needs attention.
MEASURE_ORDER: tuple[str, ...] = (
    "size",
    "active_size",
    "per_circle",
    "per_sector",
    "informal_share",
    "professional_share",
    "blau_sector",
    "iqv_sector",
    "diversity",
    "emotional_support_count",
    "reciprocity",
    "multiplexity_mean",
    "multiplex_share",
    "density",
    "components",
    "isolates",
    "degree_centralisation",
    "effective_size",
    "efficiency",
    "constraint",
    "dormant",
    "restore",
    "limited",
    "emergency_contact_present",
)


@dataclass(frozen=True)
class MemberFacts:
    """What the measures need to know about one current member of the client's network."""

    id: int
    relation: str
    sector: str
    circle: int
    contact_frequency: str  # "daily", "weekly", "monthly", "yearly", "none" or "" (not recorded)
    support_received: frozenset[str]  # support the client gets from this member
    support_given: frozenset[str]  # support the client gives this member
    tie_quality: str
    status: str  # "active", "dormant", "restore" or "limited"
    deceased: bool
    emergency_contact: bool

    @property
    def is_active(self) -> bool:
        return self.status == "active" and not self.deceased


@dataclass(frozen=True)
class EgoMeasures:
    """The measures of one ego network; see the module docstring for who counts where."""

    size: int
    active_size: int
    per_sector: dict[str, int]  # every sector in SECTORS, zeros included
    per_circle: dict[int, int]  # circles 1 (inner) to 3 (outer), zeros included
    informal_share: float | None
    professional_share: float | None
    density: float | None
    effective_size: float | None
    efficiency: float | None
    constraint: float | None
    components: int
    isolates: int
    degree_centralisation: float | None
    blau_sector: float | None
    iqv_sector: float | None
    diversity: int
    reciprocity: float | None
    multiplexity_mean: float | None
    multiplex_share: float | None
    emotional_support_count: int
    dormant: int
    restore: int
    limited: int
    emergency_contact_present: bool


def ego_measures(members: Sequence[MemberFacts], links: Sequence[tuple[int, int]]) -> EgoMeasures:
    """Measure the client's network of ``members`` with ``links`` between them.

    Raises ``ValueError`` for a repeated member id or a sector, circle or relation outside Kring's scheme.
    """
    _check(members)
    n = len(members)
    members_only = _members_graph(members, links)
    effective, constraint = _structural_holes(members_only)
    living = [m for m in members if not m.deceased]
    statuses = Counter(m.status for m in living)
    sector_counts = Counter(m.sector for m in members)
    professionals = sector_counts[PROFESSIONAL_SECTOR]
    blau = _blau([sector_counts[s] for s in SECTORS])
    support_kinds = [len(m.support_received | m.support_given) for m in members]

    return EgoMeasures(
        size=n,
        active_size=sum(m.is_active for m in members),
        per_sector={s: sector_counts[s] for s in SECTORS},
        per_circle={c: sum(m.circle == c for m in members) for c in CIRCLES},
        informal_share=_ratio(n - professionals, n),
        professional_share=_ratio(professionals, n),
        density=_density(members_only),
        effective_size=effective,
        efficiency=None if effective is None else effective / n,
        constraint=constraint,
        components=nx.number_connected_components(members_only),
        isolates=nx.number_of_isolates(members_only),
        degree_centralisation=_degree_centralisation(members_only),
        blau_sector=blau,
        # IQV divides by the maximum Blau for K categories of the coding scheme, not the K observed.
        iqv_sector=None if blau is None else blau / (1 - 1 / len(SECTORS)),
        diversity=_diversity(living),
        reciprocity=_ratio(sum(bool(m.support_received and m.support_given) for m in members), n),
        multiplexity_mean=_ratio(sum(support_kinds), n),
        multiplex_share=_ratio(sum(k >= 2 for k in support_kinds), n),
        emotional_support_count=sum(m.is_active and EMOTIONAL in m.support_received for m in members),
        dormant=statuses["dormant"],
        restore=statuses["restore"],
        limited=statuses["limited"],
        emergency_contact_present=any(m.emergency_contact for m in living),
    )


def _check(members: Sequence[MemberFacts]) -> None:
    ids = [m.id for m in members]
    if len(set(ids)) != len(ids):
        raise ValueError("a member id appears more than once")
    for m in members:
        if m.sector not in SECTORS:
            raise ValueError(f"member {m.id}: unknown sector {m.sector!r}")
        if m.circle not in CIRCLES:
            raise ValueError(f"member {m.id}: circle {m.circle!r} is not 1, 2 or 3")
        if m.relation not in ROLE_GROUP:
            raise ValueError(f"member {m.id}: unknown relation {m.relation!r}")


def _members_graph(members: Sequence[MemberFacts], links: Sequence[tuple[int, int]]) -> nx.Graph:
    """The members and the links among them; an undirected simple graph drops duplicates and direction."""
    graph = nx.Graph()
    graph.add_nodes_from(m.id for m in members)
    graph.add_edges_from((a, b) for a, b in links if a != b and a in graph and b in graph)
    return graph


class _Ego:
    """The client's node: a fresh object can never be mistaken for a member id."""

    def __repr__(self) -> str:
        return "<ego>"


def _structural_holes(members_only: nx.Graph) -> tuple[float | None, float | None]:
    """Burt's effective size and constraint of the client, or ``(None, None)`` without members.

    networkx needs the client in the graph, tied to every member, and nothing beyond the client's own
    network: a larger graph changes constraint.
    """
    n, t = members_only.number_of_nodes(), members_only.number_of_edges()
    if n == 0:
        return None, None  # networkx gives NaN for a client without members
    ego = _Ego()
    graph = members_only.copy()
    graph.add_edges_from((ego, member) for member in members_only)
    # For binary undirected ties Burt's effective size is n − 2t/n (Borgatti 1997), which is what
    # nx.effective_size computes the long way round (a test checks they agree).
    return _number(n - 2 * t / n), _number(_ego_constraint(graph, ego))


def _ego_constraint(graph: nx.Graph, ego) -> float:
    """Burt's constraint of ``ego``, as ``nx.constraint(graph, nodes=[ego])[ego]`` for unweighted ties.

    networkx recomputes every proportional tie strength p from scratch inside its double sum, which is
    cubic in the number of members: seconds for a network of 150. With binary undirected ties,
    p_iq = 1/degree(i) for each neighbour q, so the sum needs only the degrees and the shared neighbours
    (a test checks it against networkx).
    """
    neighbours = set(graph[ego])
    p_ego = 1 / len(neighbours)
    total = 0.0
    for j in neighbours:
        indirect = sum(p_ego / graph.degree(q) for q in neighbours & set(graph[j]))
        total += (p_ego + indirect) ** 2
    return total


def _density(members_only: nx.Graph) -> float | None:
    """Links among members over possible links among members; the client's own ties are not counted."""
    n, t = members_only.number_of_nodes(), members_only.number_of_edges()
    if n < 2:
        return None
    return t / (n * (n - 1) / 2)


def _degree_centralisation(members_only: nx.Graph) -> float | None:
    """Freeman's degree centralisation of the members-only graph: Σ(d_max − d_j) / ((n−1)(n−2))."""
    n = members_only.number_of_nodes()
    if n < 3:
        return None
    degrees = [d for _, d in members_only.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def _diversity(living: Sequence[MemberFacts]) -> int:
    """Distinct role groups among members the client has contact with at least every two weeks."""
    roles = {ROLE_GROUP[m.relation] for m in living if m.contact_frequency in AT_LEAST_EVERY_TWO_WEEKS}
    return len(roles - {None})


def _blau(counts: Sequence[int]) -> float | None:
    total = sum(counts)
    if total == 0:
        return None
    return 1 - sum((c / total) ** 2 for c in counts)


def _ratio(part: float, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _number(value: float) -> float | None:
    return None if math.isnan(value) else value
