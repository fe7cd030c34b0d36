"""Benchmark of the ecogram core: layout and SVG rendering for seeded random networks.

Run with ``python -m bench`` (or ``python -m bench.ecogram``). Prints a table; asserts nothing, since
timings depend on the machine. "layout again" is the same network a second time (the layout is remembered
per process, as when a worker opens the network page again). Every first layout is cold: nothing of an
earlier network is remembered. The CPU columns (process time) are the ones to compare on a busy machine;
the wall clock also counts whatever else the machine is doing.
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
    """Median and p95 (ms) of: a first layout (cold), the same network again (remembered), the SVG and the
    two together, by the wall clock and in CPU time."""
    from kring.network.layout import _lattice_tracks, _layout_cached

    times: dict[str, list[float]] = {key: [] for key in ("cold", "warm", "render", "total", "cold_cpu", "render_cpu")}
    for seed in range(repetitions):
        members, links = random_network(size, seed)
        nodes = [NodeIn(m.id, m.label, m.sector, m.circle) for m in members]
        _layout_cached.cache_clear()
        _lattice_tracks.cache_clear()  # cell shapes, shared by networks with the same band widths
        start, cpu_start = time.perf_counter(), time.process_time()
        layout = layout_ecogram(nodes)
        render_start, render_cpu_start = time.perf_counter(), time.process_time()
        render_ecogram(members, links, TEXT, href=lambda i: f"/m/{i}/", layout=layout)
        end, cpu_end = time.perf_counter(), time.process_time()
        times["cold"].append(render_start - start)
        times["render"].append(end - render_start)
        times["total"].append(end - start)
        times["cold_cpu"].append(render_cpu_start - cpu_start)
        times["render_cpu"].append(cpu_end - render_cpu_start)
        start = time.perf_counter()
        layout_ecogram(list(reversed(nodes)))
        times["warm"].append(time.perf_counter() - start)
    times["cpu"] = [a + b for a, b in zip(times["cold_cpu"], times["render_cpu"], strict=True)]
    return {key: _ms(values) for key, values in times.items()}


TARGET_SIZE, TARGET_MS = 150, 30.0  # issue #10: an ecogram of 150 members, a first layout + SVG


def main() -> None:
    results = {size: measure(size) for size in SIZES}
    print(f"Ecogram core, {REPETITIONS} seeded random networks per size (ms; median / p95)")
    columns = [
        ("layout", "cold"),
        ("layout again", "warm"),
        ("SVG", "render"),
        ("layout+SVG", "total"),
        ("layout CPU", "cold_cpu"),
        ("SVG CPU", "render_cpu"),
        ("layout+SVG CPU", "cpu"),
    ]
    print(f"{'members':>8} " + " ".join(f"{title:>15}" for title, _key in columns))
    for size, r in results.items():
        print(f"{size:>8} " + " ".join(f"{f'{r[key][0]:.1f} / {r[key][1]:.1f}':>15}" for _title, key in columns))
    small, large = results[SIZES[0]], results[SIZES[-1]]
    print(
        f"ratio {SIZES[-1]}/{SIZES[0]} (median CPU): layout {large['cold_cpu'][0] / small['cold_cpu'][0]:.1f}×, "
        f"SVG {large['render_cpu'][0] / small['render_cpu'][0]:.1f}×"
    )
    if TARGET_SIZE in results:
        median, p95 = results[TARGET_SIZE]["cpu"]
        verdict = "met" if median < TARGET_MS else "NOT met"
        print(
            f"target: layout + SVG of {TARGET_SIZE} members under {TARGET_MS:.0f} ms: CPU median {median:.1f} ms "
            f"(p95 {p95:.1f} ms): {verdict}"
        )


if __name__ == "__main__":
    main()
