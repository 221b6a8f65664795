"""The national-scale benchmark: load, every named query and validation, on every backend, in one run.

    python benchmarks/run.py [--sizes 10k,100k,1m] [--repeat 5] [--no-virtuoso] [--plain-shacl-max 100k]

For each size the synthetic graph (benchmarks/generate.py) is loaded by rdflib (in-memory Dataset
parse, the baseline most Python KG tools use), by cypkg's embedded store on disk
(`kg.store.build.build_store`), by raw pyoxigraph `bulk_load` on disk, and by Virtuoso (isql `ld_dir` +
`rdf_loader_run`). Every named query in kg/queries is then timed on each (one warm-up, then the
median of `--repeat` runs), with parameters bound to ids picked from the generated data; full SHACL
validation (plain pyshacl via `kg.validation.shapes.validate` vs `kg.validation.whole_store.validate_store`) and the
incremental validation of one changed plan (`kg.validation.gate.check_write`) are timed too. Results are
printed and written to docs/benchmarks.md, with the issue's targets marked met or not.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.term import Node

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import SIZES, GeneratedData, ensure_generated

from kg import queries
from kg.analysis.network import values_query
from kg.namespaces import GRAPH, ID, PREFIXES
from kg.store.binding import bind_values
from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.store.loading import bulk_load
from kg.store.series import SERIES_GRAPH
from kg.store.terms import to_oxigraph

SLOW_S = 2.0  # a query slower than this on its warm-up run is timed once more, not `repeat` times
GIVE_UP_S = 10.0  # a query slower than this on a backend is not run there again at the larger sizes
PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


@dataclass
class Timing:
    """Seconds of repeated runs of one measured step."""

    runs: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else float("nan")

    def text(self) -> str:
        if not self.runs:
            return self.note or "n/a"
        return f"{fmt(self.median)} ({fmt(min(self.runs))}–{fmt(max(self.runs))})"


def fmt(seconds: float) -> str:
    if seconds != seconds:  # NaN
        return "n/a"
    return f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def timed(fn: Callable[[], object], repeat: int, warm_up: bool = True) -> Timing:
    """Median-ready timings of `fn` after one warm-up; slow steps run only once more; errors noted."""
    try:
        return _timed(fn, repeat, warm_up)
    except Exception as exc:  # noqa: BLE001 - a backend's failure is a finding, reported in the table
        return Timing(note=f"error: {type(exc).__name__}: {str(exc)[:80]}")


def _timed(fn: Callable[[], object], repeat: int, warm_up: bool) -> Timing:
    t = Timing()
    if warm_up:
        started = time.perf_counter()
        fn()
        first = time.perf_counter() - started
        if first > SLOW_S:  # too slow to repeat: the first run is the figure
            t.runs.append(first)
            t.note = "single run"
            return t
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        t.runs.append(time.perf_counter() - started)
    return t


# --- loading ---------------------------------------------------------------------------------
def load_rdflib(data: GeneratedData, derived: list[tuple[Path, str]] = ()) -> Dataset:  # type: ignore[assignment]
    ds = Dataset(default_union=True)
    for path in data.files():
        ds.graph(URIRef(str(GRAPH[path.stem]))).parse(path, format="nt")
    for path, graph in derived:
        ds.graph(URIRef(graph)).parse(path, format="nt")
    return ds


def export_derived(store: OxigraphStore, where: Path) -> list[tuple[Path, str]]:
    """The graphs cypkg derives at load (the indicator series) as N-Triples files, for the other backends.

    The named queries read them, so every backend must hold them to answer the same question.
    """
    where.mkdir(parents=True, exist_ok=True)
    path = where / "indicator-series.nt"
    with path.open("wb") as out:
        store.as_oxigraph().dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(SERIES_GRAPH))
    return [(path, SERIES_GRAPH)]


def load_raw_oxigraph(data: GeneratedData, where: Path) -> ox.Store:
    store = ox.Store(str(where))
    for path in data.files():
        with path.open("rb") as stream:
            store.bulk_load(stream, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(GRAPH[path.stem])))
    store.optimize()
    store.flush()
    return store


class Virtuoso:
    """A private Virtuoso on loopback (helper in tests/support), loaded with ld_dir."""

    def __init__(self, root: Path) -> None:
        sys.path.insert(0, str(REPO / "tests"))
        from support.virtuoso import start_virtuoso

        shutil.rmtree(root, ignore_errors=True)

        self.server = start_virtuoso(root, max_rows=1_000_000)
        self.client = httpx.Client(timeout=httpx.Timeout(120.0, connect=5.0))

    def load(self, data: GeneratedData, derived: list[tuple[Path, str]] = ()) -> None:  # type: ignore[assignment]
        target = self.server.root / "load"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(data.out_dir, target, ignore=shutil.ignore_patterns("*.json"))
        self.server.isql("RDF_GLOBAL_RESET(); DELETE FROM DB.DBA.LOAD_LIST;")  # else same-named files are skipped
        for path in data.files():  # ld_dir reads each file's graph from a `.graph` file beside it
            (target / f"{path.name}.graph").write_text(str(GRAPH[path.stem]), encoding="utf-8")
        for path, graph in derived:
            shutil.copy(path, target / path.name)
            (target / f"{path.name}.graph").write_text(graph, encoding="utf-8")
        self.server.isql(f"ld_dir('{target}', '*.nt', '{GRAPH['unnamed']}'); rdf_loader_run(); checkpoint;", 900)

    def select(self, text: str) -> int:
        r = self.client.post(
            self.server.sparql_url,
            data={"query": text},
            headers={"Accept": "application/sparql-results+json"},
        )
        r.raise_for_status()
        return len(r.json()["results"]["bindings"])

    def stop(self) -> None:
        self.client.close()
        self.server.stop()


# --- queries ---------------------------------------------------------------------------------
def pick_bindings(store: OxigraphStore, data: GeneratedData, q: queries.NamedQuery) -> dict[str, Node] | None:
    """Realistic parameter values from the generated data; None when a required one cannot be found."""
    known = {"plan": data.plans[len(data.plans) // 2], "authority": data.authorities[0]}
    known["indicator"] = data.indicators[0]
    known["report"] = data.reports[len(data.reports) // 2]
    kinds = {p.kind for p in q.parameters}
    bound: dict[str, Node] = {}
    if {"plan", "authority"} <= kinds:  # a plan and some other council's id would answer nothing
        owner = store.select("SELECT ?a WHERE { ?plan cyp:authority ?a }", {"plan": ID[f"plan/{known['plan']}"]})
        if owner:
            known["authority"] = str(owner[0]["a"]).rsplit("/", 1)[1]
    for p in q.parameters:
        if p.kind in known:
            bound[p.name] = ID[f"{p.kind}/{known[p.kind]}"]
        elif p.kind == "iri":  # source_of: any node the reports were read into
            found = store.select("SELECT ?x WHERE { ?x prov:wasDerivedFrom ?paragraph } LIMIT 1")
            if found:
                bound[p.name] = found[0]["x"]
        elif p.kind not in queries.LITERAL_KINDS and p.kind != "iri":
            prefix = f"{ID}{p.kind}/"
            found = store.select(
                "SELECT ?x WHERE { ?x a ?t FILTER STRSTARTS(STR(?x), ?prefix) } LIMIT 1",
                bindings={"prefix": queries.Parameter("prefix", "string", False, "").to_term(prefix)},
            )
            if found:
                bound[p.name] = found[0]["x"]
    missing = [p for p in q.parameters if p.name not in bound]
    if missing:
        rows = store.select(q.text, bindings=bound)
        for p in missing:
            value = next((r[p.name] for r in rows if p.name in r), None)
            if value is not None:
                bound[p.name] = value
    if any(not p.optional and p.name not in bound for p in q.parameters):
        return None
    return bound


def raw_query_args(raw: ox.Store, text: str, bindings: dict[str, Node]) -> tuple[str, dict[ox.Variable, Any]]:
    """The query text and substitutions cypkg's store runs for these bindings (see OxigraphStore._query)."""
    text = bind_values(text, bindings)
    subs = {ox.Variable(k): to_oxigraph(v) for k, v in bindings.items()}
    for var in list(subs):
        try:
            raw.query(text, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions={var: subs[var]})
        except RuntimeError:  # oxigraph substitutes projected variables only
            del subs[var]
    return text, subs


NATIONAL = {
    "indicator_biggest_change": "ranks every council on a measure (its parameters are the measure and two periods)",
    "network_types": "types every node in the graph, to group the national network",
}
"""Queries that answer over the whole country by design, with why; every other query is a lookup."""


def kind_of(q: queries.NamedQuery) -> str:
    """National (by design answers over all councils) or lookup (one plan, council, node …), for the targets."""
    return "national" if q.name in NATIONAL else "lookup"


NODE_BATCH = 100
"""kg.analysis.network fills network_nodes' VALUES row with the nodes a view draws, in batches; one batch is timed."""


# --- the run ---------------------------------------------------------------------------------
@dataclass
class SizeResult:
    size: str
    triples: int
    graphs: int
    load: dict[str, Timing] = field(default_factory=dict)
    queries: dict[str, dict[str, Timing]] = field(default_factory=dict)
    query_kind: dict[str, str] = field(default_factory=dict)
    validation: dict[str, Timing] = field(default_factory=dict)
    validation_equal: bool | None = None
    views: dict[str, Timing] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def bench_size(
    size: str, args: argparse.Namespace, scratch: Path, virtuoso: Virtuoso | None, too_slow: dict[tuple[str, str], str]
) -> SizeResult:
    data = ensure_generated(scratch / "data" / size, size, seed=args.seed)
    res = SizeResult(size, data.triples, data.graphs)
    log(f"[{size}] {data.triples:,} triples in {data.graphs} graphs")
    baseline_ok = not args.skip_rdflib and (size != "1m" or not args.skip_rdflib_at_1m)

    def cypkg_load() -> None:
        where = scratch / f"cypkg-{size}"
        shutil.rmtree(where, ignore_errors=True)
        store = OxigraphStore(where)
        build_store(store, data_sources(data.out_dir))
        store.close()

    def file_by_file_load() -> None:
        where = scratch / f"files-{size}"
        shutil.rmtree(where, ignore_errors=True)
        store = ox.Store(str(where))
        bulk_load(store, data_sources(data.out_dir), None, True, one_stream=False)
        store.flush()

    def raw_load() -> None:
        where = scratch / f"raw-{size}"
        shutil.rmtree(where, ignore_errors=True)
        load_raw_oxigraph(data, where)

    res.load["cypkg build_store (disk, with inference)"] = timed(cypkg_load, args.load_repeat, warm_up=False)
    res.load["raw pyoxigraph bulk_load (disk)"] = timed(raw_load, args.load_repeat, warm_up=False)
    res.load["cypkg loader of before #13: file by file, then inference and series (disk)"] = timed(
        file_by_file_load, args.load_repeat, warm_up=False
    )
    shutil.rmtree(scratch / f"files-{size}", ignore_errors=True)
    loaded = OxigraphStore(scratch / f"cypkg-{size}")
    derived = export_derived(loaded, scratch / f"derived-{size}")
    loaded.close()
    ds = None
    rdflib_note = "rdflib queries at 1m: one run each, no warm-up (time budget)"
    if baseline_ok:
        res.load["rdflib Dataset parse (memory)"] = timed(lambda: load_rdflib(data, derived), 1, warm_up=False)
        ds = load_rdflib(data, derived)
        if size == "1m":
            res.notes.append(rdflib_note)
    else:
        res.notes.append("rdflib baseline skipped at this size (--skip-rdflib or --skip-rdflib-at-1m)")
    if virtuoso is not None:
        res.load["Virtuoso ld_dir + rdf_loader_run"] = timed(lambda: virtuoso.load(data, derived), 1, warm_up=False)
        if not res.load["Virtuoso ld_dir + rdf_loader_run"].runs:
            res.notes.append("Virtuoso did not load this size, so its queries were not timed here")
    log(f"[{size}] load: " + "; ".join(f"{k} {v.text()}" for k, v in res.load.items()))

    store = OxigraphStore(scratch / f"cypkg-{size}")
    raw = store.as_oxigraph()
    for name, q in {**queries.all_queries(), **queries.view_queries()}.items():  # the views' queries are timed too
        if q.form != "SELECT":
            continue
        bindings = pick_bindings(store, data, q)
        if bindings is None:
            res.notes.append(f"{name}: no parameter values found in the generated data; not timed")
            continue
        res.query_kind[name] = kind_of(q)
        text = q.text
        if name == "network_nodes":
            nodes = store.select(f"SELECT ?x WHERE {{ ?x prov:wasDerivedFrom ?p }} LIMIT {NODE_BATCH}")
            text = values_query(text, [row["x"] for row in nodes])
        params = {k: v for k, v in bindings.items()}
        raw_text, subs = raw_query_args(raw, text, bindings)
        timings: dict[str, Timing] = {}

        def measure(
            backend: str,
            fn: Callable[[], object],
            repeat: int = args.repeat,
            warm_up: bool = True,
            name: str = name,
            timings: dict[str, Timing] = timings,
        ) -> None:
            if (backend, name) in too_slow:
                timings[backend] = Timing(note=f"skipped (took {too_slow[backend, name]})")
                res.notes.append(f"{name}: {backend} not run at {size}; it took {too_slow[backend, name]}")
                return
            timings[backend] = timed(fn, repeat, warm_up)
            if timings[backend].runs and timings[backend].median > GIVE_UP_S:
                too_slow[backend, name] = f"{fmt(timings[backend].median)} at {size}"

        if text == q.text:
            measure("cypkg", lambda q=q, params=params: queries.run_query(store, q, params))
        else:
            measure("cypkg", lambda text=text: store.select(text))
        if name in queries.reference_queries():
            reference = queries.get_reference(name)
            measure("cypkg, plain SPARQL of before #13", lambda r=reference, p=params: store.select(r.text, r.bind(p)))
        measure(
            "raw pyoxigraph",
            lambda text=raw_text, subs=subs: list(
                raw.query(text, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs)
            ),
        )
        if ds is not None:
            one_shot = size == "1m"
            measure(
                "rdflib",
                lambda text=text, b=bindings: list(ds.query(text, initNs=PREFIXES, initBindings=b)),
                1 if one_shot else args.repeat,
                warm_up=not one_shot,
            )
        if virtuoso is not None and res.load["Virtuoso ld_dir + rdf_loader_run"].runs:
            remote_text = PROLOGUE + bind_values(text, bindings)
            measure("Virtuoso HTTP", lambda remote_text=remote_text: virtuoso.select(remote_text))
        res.queries[name] = timings
        log(f"[{size}] {name:32s} " + "  ".join(f"{k} {v.text()}" for k, v in timings.items()))

    res.views = bench_views(store, data, args.repeat)
    log(f"[{size}] views: " + "; ".join(f"{k} {v.text()}" for k, v in res.views.items()))

    from kg.validation.gate import check_write
    from kg.validation.shapes import validate
    from kg.validation.whole_store import store_union, validate_store

    fast_report = None

    def fast() -> None:
        nonlocal fast_report
        fast_report = validate_store(store, workers=args.workers)

    if SIZES[size] <= SIZES[args.fast_shacl_max]:
        res.validation["validate_store (fast full)"] = timed(fast, 1, warm_up=False)
    else:
        res.notes.append(f"fast full validation not run at {size} (--fast-shacl-max {args.fast_shacl_max})")
    if SIZES[size] <= SIZES[args.plain_shacl_max] and fast_report is not None:
        plain_report = None

        def plain() -> None:
            nonlocal plain_report
            plain_report = validate(store_union(store))

        res.validation["plain pyshacl (kg.validation.shapes.validate on the union)"] = timed(plain, 1, warm_up=False)
        key = lambda rep: {  # noqa: E731
            (r.focus_node, str(r.result_path), r.value, r.constraint_component, r.severity, r.source_shape)
            for r in rep.results
        }
        res.validation_equal = key(fast_report) == key(plain_report)
    else:
        res.notes.append(f"plain pyshacl not run at {size} (--plain-shacl-max {args.plain_shacl_max})")
    report = data.reports[len(data.reports) // 2]
    changed = store.graph(report)
    res.validation["incremental: check_write of one plan's report"] = timed(
        lambda: check_write(store, report, changed, mode="replace"), args.repeat
    )
    log(f"[{size}] validation: " + "; ".join(f"{k} {v.text()}" for k, v in res.validation.items()))
    store.close()
    return res


def bench_views(store: OxigraphStore, data: GeneratedData, repeat: int) -> dict[str, Timing]:
    """What a user of a view waits for (#13 item 3): the network queries alone, and queries + layout + HTML."""
    from kg.analysis.network import build_view
    from kg.views import render_graph

    plan, authority = data.plans[len(data.plans) // 2], data.authorities[0]
    cases = [
        ("partner-priority, one plan", "partner-priority", {"plan": plan}),
        ("plan-strategy, one plan", "plan-strategy", {"plan": plan}),
        ("boards, one council", "boards", {"authority": authority}),
        ("partners-national, every council", "partners-national", {}),
    ]
    out: dict[str, Timing] = {}
    for label, name, scope in cases:
        out[f"{label}: queries (build_view)"] = timed(lambda n=name, sc=scope: build_view(store, n, **sc), repeat)
        out[f"{label}: total (queries + layout + HTML)"] = timed(
            lambda n=name, sc=scope: render_graph(build_view(store, n, **sc), "html"), repeat
        )
    return out


def log(message: str) -> None:
    print(message, flush=True)


# --- targets and the report ------------------------------------------------------------------
def ratio(a: Timing, b: Timing) -> float:
    return a.median / b.median if a.runs and b.runs and b.median else float("nan")


def targets(res: SizeResult) -> list[tuple[str, str, bool | None]]:
    """The issue's targets at this size: (target, measured, met)."""
    out: list[tuple[str, str, bool | None]] = []
    cy = res.load.get("cypkg build_store (disk, with inference)")
    rw = res.load.get("raw pyoxigraph bulk_load (disk)")
    if cy and rw:
        out.append(("cypkg load <= 10 s on disk", cy.text(), cy.median <= 10))
        r = ratio(cy, rw)
        out.append(("cypkg load within 1.3x of raw bulk_load", f"{r:.2f}x", r <= 1.3))
    before = res.load.get("cypkg loader of before #13: file by file, then inference and series (disk)")
    if cy and before:
        r = ratio(before, cy)
        out.append(("cypkg load faster than the loader of before #13 (#13)", f"{r:.2f}x", r >= 1))
    for name, t in res.queries.items():
        if not name.startswith("indicator_"):
            continue
        national = res.query_kind[name] == "national"
        limit = 0.150 if national else 0.002
        c = t["cypkg"]
        kind = "national indicator question" if national else "per-council indicator lookup"
        out.append((f"{name} ({kind}) p50 <= {fmt(limit)} (#13)", c.text(), c.median <= limit if c.runs else False))
        if "Virtuoso HTTP" in t:
            v = ratio(t["Virtuoso HTTP"], c)
            out.append((f"{name} at least as fast as Virtuoso (#13)", f"{v:.2f}x", None if v != v else v >= 1))
        if "cypkg, plain SPARQL of before #13" in t:
            b = ratio(t["cypkg, plain SPARQL of before #13"], c)
            met = None if b != b else b >= 1
            out.append((f"{name} faster than its plain SPARQL of before (#13)", f"{b:.1f}x", met))
    for name, t in res.queries.items():
        kind = res.query_kind[name]
        limit, speedup = (0.001, 20) if kind == "lookup" else (0.150, 8)
        c = t["cypkg"]
        out.append((f"{name} ({kind}) p50 <= {fmt(limit)}", c.text(), c.median <= limit if c.runs else False))
        if "rdflib" in t:
            s = ratio(t["rdflib"], c)
            out.append((f"{name} >= {speedup}x faster than rdflib", f"{s:.1f}x", None if s != s else s >= speedup))
        o = ratio(c, t["raw pyoxigraph"])
        out.append((f"{name} cypkg overhead <= 2x raw pyoxigraph", f"{o:.2f}x", None if o != o else o <= 2))
    fv = res.validation.get("validate_store (fast full)")
    if fv:
        out.append(("full SHACL <= 20 s", fv.text(), fv.median <= 20))
        equal = res.validation_equal
        out.append(("full SHACL results == plain pyshacl", "not compared" if equal is None else str(equal), equal))
    inc = res.validation.get("incremental: check_write of one plan's report")
    if inc:
        out.append(("incremental validation of one plan <= 1 s", inc.text(), inc.median <= 1))
    return out


def machine() -> dict[str, str]:
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in ln),
        platform.processor(),
    )
    mem = next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal"))
    gib = int(mem.split()[1]) / 1024 / 1024
    virtuoso = subprocess.run(["virtuoso-t", "-?"], capture_output=True, text=True).stderr.splitlines()
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": f"{gib:.1f} GiB",
        "OS": platform.platform(),
        "load average at the end (1/5/15 min; other work on the machine inflates every figure)": " / ".join(
            f"{x:.1f}" for x in os.getloadavg()
        ),
        "Python": platform.python_version(),
        "rdflib": version("rdflib"),
        "pyoxigraph": version("pyoxigraph"),
        "pyshacl": version("pyshacl"),
        "Virtuoso": next((ln for ln in virtuoso if "Version" in ln), "n/a").strip(),
    }


KEEP_MARKER = "<!-- written by hand: benchmarks/run.py keeps everything from this line on -->"
"""Sections after this line (the API under load, summaries) are not run.py's and survive a new run."""


def write_report(results: list[SizeResult], args: argparse.Namespace, seconds: float, path: Path) -> None:
    lines = [
        "# Benchmarks: load, named queries and validation at national scale",
        "",
        "Generated by `benchmarks/run.py`; every figure below is from one run on the machine listed.",
        "Times are medians after one warm-up run, with (min–max); ratios compare medians.",
        "Targets are the ones in issues 3 and 13 (marked #13), checked at every size (they are stated for 1M triples).",
        "The machine is shared with other work: compare ratios within this run, not figures across runs.",
        "",
        "## Reproduce",
        "",
        "```sh",
        f"python benchmarks/run.py --sizes {args.sizes} --repeat {args.repeat}"
        + (" --no-virtuoso" if args.no_virtuoso else "")
        + (" --skip-rdflib" if args.skip_rdflib else "")
        + (" --skip-rdflib-at-1m" if args.skip_rdflib_at_1m else "")
        + f" --plain-shacl-max {args.plain_shacl_max} --fast-shacl-max {args.fast_shacl_max}",
        "```",
        "",
        f"Whole run: {seconds / 60:.1f} minutes.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in machine().items()],
        "",
    ]
    for res in results:
        lines += [f"## {res.size}: {res.triples:,} triples in {res.graphs} named graphs", "", "### Load", ""]
        lines += ["| loader | time |", "|---|---|", *[f"| {k} | {v.text()} |" for k, v in res.load.items()], ""]
        backends = sorted(
            {b for t in res.queries.values() for b in t},
            key=["cypkg", "cypkg, plain SPARQL of before #13", "raw pyoxigraph", "rdflib", "Virtuoso HTTP"].index,
        )
        lines += ["### Named queries", "", "| query | kind | " + " | ".join(backends) + " | rdflib / cypkg |"]
        lines.append("|---|---|" + "---|" * (len(backends) + 1))
        for name, t in res.queries.items():
            cells = [t[b].text() if b in t else "n/a" for b in backends]
            r = ratio(t["rdflib"], t["cypkg"]) if "rdflib" in t else float("nan")
            lines.append(f"| {name} | {res.query_kind[name]} | " + " | ".join(cells) + f" | {r:.1f}x |")
        if res.views:
            lines += ["", "### Views: what a user waits for (#13 item 3)", "", "| view | time |", "|---|---|"]
            lines += [f"| {k} | {v.text()} |" for k, v in res.views.items()]
        lines += ["", "### Validation", "", "| step | time |", "|---|---|"]
        lines += [f"| {k} | {v.text()} |" for k, v in res.validation.items()]
        lines += ["", "### Targets", "", "| target | measured | met |", "|---|---|---|"]
        for target, measured, met in targets(res):
            lines.append(f"| {target} | {measured} | {'n/a' if met is None else ('yes' if met else '**no**')} |")
        if res.notes:
            lines += ["", "Notes:", "", *[f"- {n}" for n in res.notes]]
        lines.append("")
    kept = ""
    if path.exists() and KEEP_MARKER in (previous := path.read_text(encoding="utf-8")):
        kept = "\n" + previous[previous.index(KEEP_MARKER) :]
    path.write_text("\n".join(lines) + kept, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--load-repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2004)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--no-virtuoso", action="store_true")
    parser.add_argument("--skip-rdflib-at-1m", action="store_true")
    parser.add_argument(
        "--skip-rdflib", action="store_true", help="no rdflib baseline (its plans of the series queries take minutes)"
    )
    parser.add_argument("--plain-shacl-max", choices=sorted(SIZES), default="100k")
    parser.add_argument("--fast-shacl-max", choices=sorted(SIZES), default="1m")
    parser.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()) / "cypkg-bench")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    args.scratch.mkdir(parents=True, exist_ok=True)
    virtuoso = None
    if not args.no_virtuoso:
        try:
            virtuoso = Virtuoso(args.scratch / "virtuoso")
        except Exception as exc:  # noqa: BLE001 - reported, and the run goes on without it
            log(f"Virtuoso not started ({exc}); its columns are left out")
    try:
        too_slow: dict[tuple[str, str], str] = {}
        results = [bench_size(size, args, args.scratch, virtuoso, too_slow) for size in args.sizes.split(",")]
    finally:
        if virtuoso is not None:
            virtuoso.stop()
    write_report(results, args, time.perf_counter() - started, args.out)
    for res in results:
        log(f"\n== targets at {res.size} ==")
        for target, measured, met in targets(res):
            log(f"  [{'ok' if met else 'NO' if met is not None else '--'}] {target}: {measured}")
    log(f"\nwrote {args.out} in {(time.perf_counter() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
