"""Views benchmark (issue 16 item 7), on demand: `python benchmarks/views_bench.py [--scratch DIR] [--repeat 5]`.

Targets: one authority's view <= 0.5 s, the first view of a process included; the national view
<= 5 s and <= 5 MB; both on the 1M-triple benchmark data (`benchmarks/generate.py`, built into an
on-disk store under --scratch once and reused). The national view is also drawn for a synthetic
country of 150 councils and 21,600 partners, the size issue 16 measured, because the generated
data names only a handful of partners per council.

The national views of issue 17 (the council × theme matrix of the whole plans register, and one
council's matrix row and timeline) are timed on the real data in `data/` (the register is real data,
so no generator stands in for it): `--national-only` runs just those and writes their own block.

Times are wall-clock for what a user waits for: the named queries, the layout and the page
(`build_view` + `render_graph`). Warm figures are medians of --repeat runs after one warm-up; the
first view of a process is timed in fresh subprocesses (their imports timed apart). The figures
are printed and written between the views markers of docs/benchmarks.md, with the machine and
its load average (other work on a shared machine inflates every figure).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

AUTHORITY_SECONDS = 0.5
NATIONAL_SECONDS, NATIONAL_BYTES = 5.0, 5_000_000
COUNCILS, PARTNERS_PER_COUNCIL, SHARED = 150, 144, 40
TYPES = ["NHSBody", "PoliceForce", "SchoolsPartner", "VoluntarySectorOrganisation", "YouthOffendingService"]
BEGIN, END = "<!-- views_bench: begin -->", "<!-- views_bench: end -->"
AUTHORITY_VIEWS = ("partner-priority", "plan-strategy", "boards", "partners-national")
YES_NO = {True: "yes", False: "**no**"}
NATIONAL_BEGIN, NATIONAL_END = "<!-- views_bench national: begin -->", "<!-- views_bench national: end -->"
NATIONAL_CASES = (
    ("themes", "all councils", "html", {}),
    ("themes", "all councils", "xlsx", {}),
    ("themes", "all councils", "png", {}),
    ("themes", "plymouth", "html", {"authority": "plymouth"}),
    ("timeline", "plymouth", "html", {"authority": "plymouth"}),
    ("timeline", "york", "html", {"authority": "york"}),
)


def synthetic_country(path: Path) -> None:
    """Councils, each with a plan owned by its partners and a board they sit on; a few national partners."""
    lines = [
        "@prefix cyp: <https://w3id.org/cypkg/def#> .",
        "@prefix org: <http://www.w3.org/ns/org#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
    ]
    for s in range(SHARED):
        lines.append(
            f"<https://w3id.org/cypkg/id/organisation/national-{s}> a cyp:{TYPES[s % 5]} ; "
            f'skos:prefLabel "National partner {s}" .'
        )
    for c in range(COUNCILS):
        council = f"<https://w3id.org/cypkg/id/authority/bench-{c}>"
        plan = f"<https://w3id.org/cypkg/id/plan/bench-{c}-cypp-2030-2033>"
        board = f"<https://w3id.org/cypkg/id/board/bench-{c}-board>"
        lines += [
            f'{council} a cyp:LocalAuthority ; skos:prefLabel "Bench council {c}" .',
            f'{plan} a cyp:ChildrenAndYoungPeoplesPlan ; dcterms:title "Bench plan {c}" ; cyp:authority {council} .',
            f'{board} a cyp:ChildrensTrustBoard ; skos:prefLabel "Bench board {c}" ; cyp:authority {council} .',
        ]
        for p in range(PARTNERS_PER_COUNCIL):
            partner = f"<https://w3id.org/cypkg/id/organisation/bench-{c}-partner-{p}>"
            lines.append(f'{partner} a cyp:{TYPES[p % 5]} ; skos:prefLabel "Partner {p} of council {c}" .')
            lines.append(f"{board} org:hasMember {partner} .")
        for s in range(c % 7, SHARED, 7):
            lines.append(f"{plan} cyp:ownedBy <https://w3id.org/cypkg/id/organisation/national-{s}> .")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def median_of(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall-clock seconds of `repeat` runs after one warm-up, and the last result."""
    result = run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def one_view(store: object, name: str, scope: dict[str, str]) -> object:
    from kg.analysis.network import build_view
    from kg.views import render_graph

    graph = build_view(store, name, **scope)  # type: ignore[arg-type]
    return graph, render_graph(graph, "html")


def first_view(store_dir: str, authority: str) -> None:
    """In a fresh process: the imports, then the first authority view, as JSON on stdout."""
    started = time.perf_counter()
    import kg.analysis.network  # noqa: F401
    import kg.views  # noqa: F401
    from kg.store.embedded import OxigraphStore

    imported = time.perf_counter()
    store = OxigraphStore(Path(store_dir), read_only=True)
    opened = time.perf_counter()
    one_view(store, "partner-priority", {"authority": authority})
    print(json.dumps({"imports": imported - started, "first": time.perf_counter() - opened}))


def ensure_store(scratch: Path) -> tuple[Path, object]:
    """The 1M-triple data generated and built into an on-disk store under `scratch`, once."""
    from generate import GENERATOR_VERSION, ensure_generated

    from kg.store.build import build_store, data_sources
    from kg.store.embedded import OxigraphStore

    data = ensure_generated(scratch / "data-1m", "1m")
    store_dir = scratch / "store-1m"
    marker = scratch / "store-1m.built"
    stamp = f"{GENERATOR_VERSION} {data.seed} {data.triples}"
    if not marker.exists() or marker.read_text() != stamp:
        print(f"building the 1M-triple store in {store_dir} (a few minutes, once)", flush=True)
        store = OxigraphStore(store_dir)
        build_store(store, data_sources(data.out_dir))
        store.close()
        marker.write_text(stamp)
    return store_dir, data


def write_block(out: Path, begin: str, end: str, lines: list[str]) -> None:
    """Put `lines` between the markers of `out` (or append them with the markers)."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    block = "\n".join([begin, *lines, end])
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    out.write_text(text, encoding="utf-8")


def national_views(repeat: int, out: Path) -> bool:
    """The national views on data/ (the committed register): medians, sizes, targets met, written to `out`."""
    from kg.store.build import build_store, data_sources
    from kg.store.embedded import OxigraphStore
    from kg.views import render_view

    load_start = os.getloadavg()
    store = OxigraphStore()
    build_store(store, data_sources(REPO / "data"))
    rows = []
    ok = True
    for name, scope, fmt, params in NATIONAL_CASES:
        seconds, rendered = median_of(lambda n=name, f=fmt, p=params: render_view(store, n, f, **p), repeat)  # type: ignore[misc]
        target = NATIONAL_SECONDS if scope == "all councils" else AUTHORITY_SECONDS
        met = seconds <= target
        ok &= met
        size = len(rendered.content)  # type: ignore[attr-defined]
        grid = rendered.national  # type: ignore[attr-defined]
        what = (
            f"{len(grid.rows)} councils × {len(grid.columns)} themes"
            if name == "themes"
            else f"{len(grid.events)} events"
        )
        rows.append((name, scope, fmt, what, seconds, size, target, met))
        print(f"{name} {scope} {fmt}: {what}, {seconds:.3f} s, {size / 1e6:.2f} MB")
    load_end = os.getloadavg()
    write_block(
        out,
        NATIONAL_BEGIN,
        NATIONAL_END,
        [
            "## National views (issue 17 item 4)",
            "",
            f"Generated by `benchmarks/views_bench.py --national-only --repeat {repeat}` on {date.today()}: "
            f"medians of {repeat} warm runs after one warm-up, the named query + the file, on the real data in "
            "`data/` (the whole plans register) in an in-memory store. Targets: the national matrix <= 5 s, one "
            "council's view <= 0.5 s.",
            "",
            *[f"- {line}" for line in machine()],
            f"- load average (1/5/15 min) at the start: {' / '.join(f'{v:.1f}' for v in load_start)}; "
            f"at the end: {' / '.join(f'{v:.1f}' for v in load_end)}",
            "",
            "| view | scope | format | size of the view | median | file | target | met |",
            "|---|---|---|---|---|---|---|---|",
            *[
                f"| {n} | {sc} | {f} | {w} | {s_:.3f} s | {b / 1e6:.2f} MB | <= {t:g} s | {YES_NO[m]} |"
                for n, sc, f, w, s_, b, t, m in rows
            ],
        ],
    )
    print(f"wrote {out}")
    return ok


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return [
        f"CPU: {cpu}",
        f"cores: {os.cpu_count()}",
        f"Python: {platform.python_version()}",
        f"OS: {platform.platform()}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()) / "cypkg-views-bench")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--first-runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--first-view", nargs=2, metavar=("STORE", "AUTHORITY"), help=argparse.SUPPRESS)
    parser.add_argument("--national-only", action="store_true", help="only the national views, on data/")
    args = parser.parse_args(argv)
    if args.first_view:
        first_view(*args.first_view)
        return 0
    if args.national_only:
        return 0 if national_views(args.repeat, args.out) else 1

    from kg.ontology.files import ONTOLOGY_GRAPH, ontology_files
    from kg.store.build import build_store
    from kg.store.embedded import OxigraphStore
    from kg.store.rdf_io import RdfSource

    load_start = os.getloadavg()
    args.scratch.mkdir(parents=True, exist_ok=True)
    store_dir, data = ensure_store(args.scratch)
    store = OxigraphStore(store_dir, read_only=True)
    authorities = data.authorities[:: max(1, len(data.authorities) // 4)][:4]  # type: ignore[attr-defined]
    rows: list[tuple[str, str, float, float, str]] = []  # case, scope, seconds, MB, ok
    ok = True

    for authority in authorities:
        for name in AUTHORITY_VIEWS:
            seconds, (graph, rendered) = median_of(lambda n=name, a=authority: one_view(store, n, {"authority": a}),
                                                   args.repeat)  # type: ignore[misc]  # fmt: skip
            met = seconds <= AUTHORITY_SECONDS
            ok &= met
            rows.append((name, authority, seconds, len(rendered.content) / 1e6, YES_NO[met]))
            print(f"{name} {authority}: {len(graph)} nodes, {seconds:.3f} s, {len(rendered.content) / 1e6:.2f} MB")

    firsts = []
    for _ in range(args.first_runs):
        out = subprocess.run(
            [sys.executable, __file__, "--first-view", str(store_dir), authorities[0]],
            capture_output=True, text=True, check=True, cwd=REPO,
        )  # fmt: skip
        firsts.append(json.loads(out.stdout.strip().splitlines()[-1]))
    first = statistics.median(f["first"] for f in firsts)
    imports = statistics.median(f["imports"] for f in firsts)
    ok &= first <= AUTHORITY_SECONDS
    print(f"first view of a process: {first:.3f} s (imports {imports:.2f} s apart)")

    national = []
    seconds, (graph, rendered) = median_of(lambda: one_view(store, "partners-national", {}), args.repeat)
    met = seconds <= NATIONAL_SECONDS and len(rendered.content) <= NATIONAL_BYTES
    ok &= met
    regions = len(graph.graph.get("summary", []))
    national.append(("1M-triple data", len(graph), len(rendered.graph), regions, seconds, len(rendered.content), met))
    store.close()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench-country.ttl"
        synthetic_country(path)
        country = OxigraphStore()
        build_store(country, [RdfSource(p, ONTOLOGY_GRAPH) for p in ontology_files()] + [RdfSource(path, "country")])
        seconds, (graph, rendered) = median_of(lambda: one_view(country, "partners-national", {}), args.repeat)
        met = seconds <= NATIONAL_SECONDS and len(rendered.content) <= NATIONAL_BYTES
        ok &= met
        national.append(("synthetic country", len(graph), len(rendered.graph), 0, seconds, len(rendered.content), met))
    for case, nodes, drawn, _regions, seconds, size, _met in national:
        print(f"partners-national, {case}: {nodes:,} nodes -> {drawn} drawn, {seconds:.2f} s, {size / 1e6:.2f} MB")

    load_end = os.getloadavg()
    lines = [
        BEGIN,
        "## Views (issue 16 item 7)",
        "",
        f"Generated by `benchmarks/views_bench.py --repeat {args.repeat}` on {date.today().isoformat()}: "
        f"medians of {args.repeat} warm runs after one warm-up, queries + layout + the HTML page, on the "
        f"1M-triple benchmark data ({data.triples:,} triples, {len(data.authorities)} councils) in an "  # type: ignore[attr-defined]
        "on-disk store. Targets: one council's view <= 0.5 s (the first of a process too); the national "
        "view <= 5 s and <= 5 MB.",
        "",
        *[f"- {line}" for line in machine()],
        f"- load average (1/5/15 min) at the start: {' / '.join(f'{v:.1f}' for v in load_start)}; "
        f"at the end: {' / '.join(f'{v:.1f}' for v in load_end)}",
        "",
        "| view | council | median | page | <= 0.5 s |",
        "|---|---|---|---|---|",
        *[f"| {name} | {scope} | {s:.3f} s | {mb:.2f} MB | {met} |" for name, scope, s, mb, met in rows],
        "",
        f"First view of a fresh process (partner-priority, {authorities[0]}; median of {args.first_runs} "
        f"processes): **{first:.3f} s**, {'met' if first <= AUTHORITY_SECONDS else '**not met**'}; the imports "
        f"before it (Python, rdflib, pyoxigraph, networkx, matplotlib, pyvis) take {imports:.2f} s apart.",
        "",
        "| national partner view | nodes | drawn | regions (drill-down) | median | page | met |",
        "|---|---|---|---|---|---|---|",
        *[
            f"| {case} | {nodes:,} | {drawn} | {regions} | {s:.2f} s | {size / 1e6:.2f} MB | {YES_NO[ok_]} |"
            for case, nodes, drawn, regions, s, size, ok_ in national
        ],
    ]
    write_block(args.out, BEGIN, END, lines[1:])
    print(f"wrote {args.out}")
    ok &= national_views(args.repeat, args.out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
