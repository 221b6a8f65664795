"""Views benchmark (on demand): `python benchmarks/views_bench.py`.

Targets from issue 5: one authority's view <= 0.5 s and <= 1 MB; the national partner network
<= 5 s and <= 5 MB. The authority views are drawn from data/; the national network is drawn from a
synthetic country (150 councils, 21,600 partners, some shared) the size the issue measured, because
the seeds name only a handful of partners. Times are wall-clock for query + layout + HTML.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from kg.analysis.network import build_view
from kg.ontology.files import ONTOLOGY_GRAPH, ontology_files
from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.store.rdf_io import RdfSource
from kg.views import render_graph

AUTHORITY_SECONDS, AUTHORITY_BYTES = 0.5, 1_000_000
NATIONAL_SECONDS, NATIONAL_BYTES = 5.0, 5_000_000
COUNCILS, PARTNERS_PER_COUNCIL, SHARED = 150, 144, 40
TYPES = ["NHSBody", "PoliceForce", "SchoolsPartner", "VoluntarySectorOrganisation", "YouthOffendingService"]


def synthetic_country(path: Path) -> None:
    """Councils, each with a plan owned by its partners and a board they sit on; a few national partners."""
    lines = [
        "@prefix cyp: <https://w3id.org/cypkg/def#> .",
        "@prefix org: <http://www.w3.org/ns/org#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix id: <https://w3id.org/cypkg/id/> .",
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


def timed(label: str, store: OxigraphStore, name: str, limit_s: float, limit_b: int, **scope: str) -> bool:
    started = time.perf_counter()
    graph = build_view(store, name, **scope)
    rendered = render_graph(graph, "html")
    seconds = time.perf_counter() - started
    size = len(rendered.content)
    ok = seconds <= limit_s and size <= limit_b
    print(
        f"{'ok  ' if ok else 'SLOW'} {label}: {len(graph):,} nodes -> {len(rendered.graph):,} drawn, "
        f"{seconds:.2f} s (<= {limit_s}), {size / 1e6:.2f} MB (<= {limit_b / 1e6:.0f})"
    )
    return ok


def main() -> int:
    ok = True
    store = OxigraphStore()
    build_store(store, [s for s in data_sources() if not s.path.name.endswith((".nt.gz", ".nt"))])
    for authority in ("medway", "kent", "milton-keynes", "derby"):
        for name in ("partner-priority", "plan-strategy", "boards"):
            try:
                ok &= timed(f"{name} {authority}", store, name, AUTHORITY_SECONDS, AUTHORITY_BYTES, authority=authority)
            except Exception as exc:  # an authority not (yet) in data/
                print(f"skip {name} {authority}: {exc}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench-country.ttl"
        synthetic_country(path)
        national = OxigraphStore()
        sources = [RdfSource(p, ONTOLOGY_GRAPH) for p in ontology_files()] + [RdfSource(path, "bench-country")]
        build_store(national, sources)
        ok &= timed("partners-national (synthetic)", national, "partners-national", NATIONAL_SECONDS, NATIONAL_BYTES)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
