"""Benchmark of the ecogram core: layout and SVG rendering for seeded random networks.

Run with ``python -m bench`` (or ``python -m bench.ecogram``). Prints a table; asserts nothing, since
timings depend on the machine.
"""

from __future__ import annotations

import random
import statistics
import time

from kring.network.ecogram_svg import EcogramLink, EcogramMember, EcogramText, render_ecogram
from kring.network.layout import SECTORS, NodeIn, layout_ecogram

SIZES = (10, 50, 150)
REPETITIONS = 25

FIRST = ["Ahmed", "Anouk", "Bram", "Chantal", "Daan", "Esra", "Femke", "Gerrit", "Hatice", "Ilse", "Jeroen",
         "Kim", "Lotte", "Mohamed", "Noor", "Oscar", "Priscilla", "Ruud", "Samira", "Tim", "Wendy", "Yusuf",
         "Zeynep", "Willemijn", "Maximiliaan"]  # fmt: skip
LAST = ["de Vries", "Jansen", "Bakker", "El Amrani", "Yılmaz", "van den Berg", "Kowalski", "Mulder", "de Wit"]

TEXT = EcogramText(
    title="Netwerkkaart",
    description="Benchmark",
    client_label="Cliënt",
    sector_labels={sector: sector.title() for sector in SECTORS},
    circle_labels={1: "Heel dichtbij", 2: "Dichtbij", 3: "Wat verder weg"},
    legend={key: key for key in ("supportive", "weak", "dormant", "restore", "stressful", "limited", "direction")},
    member_aria=lambda member: member.label,
)


def random_network(size: int, seed: int) -> tuple[list[EcogramMember], list[EcogramLink]]:
    rng = random.Random(seed)
    members = []
    for i in range(1, size + 1):
        name = rng.choice(FIRST) + ("" if rng.random() < 0.4 else " " + rng.choice(LAST))
        members.append(
            EcogramMember(
                id=i,
                label=name,
                sector=rng.choice(SECTORS),
                circle=rng.choice((1, 2, 2, 3, 3, 3)),
                tie_quality=rng.choice(("supportive", "supportive", "supportive", "mixed", "stressful")),
                status=rng.choice(("active",) * 6 + ("dormant", "restore", "limited")),
                strong=rng.random() < 0.3,
                support_received=frozenset({"practical"}) if rng.random() < 0.4 else frozenset(),
                support_given=frozenset({"emotional"}) if rng.random() < 0.3 else frozenset(),
                emergency_contact=rng.random() < 0.05,
                abroad=rng.random() < 0.05,
                deceased=rng.random() < 0.03,
            )
        )
    links = [
        EcogramLink(rng.randint(1, size), rng.randint(1, size), rng.choice(("knows",) * 4 + ("conflict",)))
        for _ in range(size // 4)
    ]
    return members, links


def _ms(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def measure(size: int, repetitions: int = REPETITIONS) -> dict[str, tuple[float, float]]:
    layout_times, render_times = [], []
    for seed in range(repetitions):
        members, links = random_network(size, seed)
        nodes = [NodeIn(m.id, m.label, m.sector, m.circle) for m in members]
        start = time.perf_counter()
        layout = layout_ecogram(nodes)
        layout_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        render_ecogram(members, links, TEXT, href=lambda i: f"/m/{i}/", layout=layout)
        render_times.append(time.perf_counter() - start)
    return {"layout": _ms(layout_times), "render": _ms(render_times)}


def main() -> None:
    results = {size: measure(size) for size in SIZES}
    print(f"Ecogram core, {REPETITIONS} seeded random networks per size (times in ms)")
    print(f"{'members':>8} {'layout median':>14} {'layout p95':>11} {'render median':>14} {'render p95':>11}")
    for size, result in results.items():
        (lm, lp), (rm, rp) = result["layout"], result["render"]
        print(f"{size:>8} {lm:>14.1f} {lp:>11.1f} {rm:>14.1f} {rp:>11.1f}")
    small, large = results[SIZES[0]], results[SIZES[-1]]
    print(
        f"ratio {SIZES[-1]}/{SIZES[0]} (median): layout {large['layout'][0] / small['layout'][0]:.1f}×, "
        f"render {large['render'][0] / small['render'][0]:.1f}×"
    )


if __name__ == "__main__":
    main()
