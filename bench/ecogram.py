"""Benchmark of the ecogram core: layout and SVG rendering for seeded random networks.

Run with ``python -m bench`` (or ``python -m bench.ecogram``). Prints a table; asserts nothing, since
timings depend on the machine. "layout again" is the same network a second time (the layout is remembered
per process, as when a worker opens the network page again).
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
    """Median and p95 (ms) of: a first layout (cold), the same network again (remembered), the SVG, and the
    CPU time of a cold layout + SVG (the wall clock includes whatever else the machine is doing)."""
    from kring.network.layout import _layout_cached

    cold, warm, render, cpu = [], [], [], []
    for seed in range(repetitions):
        members, links = random_network(size, seed)
        nodes = [NodeIn(m.id, m.label, m.sector, m.circle) for m in members]
        _layout_cached.cache_clear()
        start, cpu_start = time.perf_counter(), time.process_time()
        layout = layout_ecogram(nodes)
        cold.append(time.perf_counter() - start)
        render_start = time.perf_counter()
        render_ecogram(members, links, TEXT, href=lambda i: f"/m/{i}/", layout=layout)
        render.append(time.perf_counter() - render_start)
        cpu.append(time.process_time() - cpu_start)
        start = time.perf_counter()
        layout_ecogram(list(reversed(nodes)))
        warm.append(time.perf_counter() - start)
    return {"cold": _ms(cold), "warm": _ms(warm), "render": _ms(render), "cpu": _ms(cpu)}


def main() -> None:
    results = {size: measure(size) for size in SIZES}
    print(f"Ecogram core, {REPETITIONS} seeded random networks per size (ms; median / p95)")
    print(f"{'members':>8} {'layout':>15} {'layout again':>15} {'SVG':>15} {'layout+SVG':>15} {'layout+SVG CPU':>15}")
    for size, r in results.items():
        total = (r["cold"][0] + r["render"][0], r["cold"][1] + r["render"][1])
        cells = [r["cold"], r["warm"], r["render"], total, r["cpu"]]
        print(f"{size:>8} " + " ".join(f"{f'{a:.1f} / {b:.1f}':>15}" for a, b in cells))
    small, large = results[SIZES[0]], results[SIZES[-1]]
    print(
        f"ratio {SIZES[-1]}/{SIZES[0]} (median): layout {large['cold'][0] / small['cold'][0]:.1f}×, "
        f"SVG {large['render'][0] / small['render'][0]:.1f}×; target: layout + SVG of 150 members under 30 ms"
    )


if __name__ == "__main__":
    main()
