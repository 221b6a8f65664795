"""Build the store from `data/` (and the ontology), with progress and a triples/s figure."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.config import get_settings
from kg.errors import InputError
from kg.namespaces import GRAPH
from kg.ontology.files import ONTOLOGY_GRAPH, ontology_files
from kg.store.embedded import OxigraphStore
from kg.store.graph_updates import graph_node
from kg.store.protocol import Store
from kg.store.rdf_io import RdfSource, graph_name_for, iter_data_files


@dataclass(frozen=True)
class LoadSummary:
    """What a build loaded and how fast."""

    files: int
    graphs: int
    triples: int
    seconds: float

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds else 0.0


def data_sources(data_dir: Path | None = None, *, with_ontology: bool = True) -> list[RdfSource]:
    """Every RDF file under data/ as its own named graph, plus the ontology in `…/graph/ontology`."""
    data_dir = data_dir or get_settings().data_dir
    sources = [RdfSource(p, ONTOLOGY_GRAPH) for p in ontology_files()] if with_ontology else []
    seen: dict[str, Path] = {}
    for path in iter_data_files(data_dir):
        name = graph_name_for(path)
        if name in seen:
            raise InputError(
                f"two files would be the same named graph {name!r}: {seen[name]} and {path}",
                file=str(path),
                hint="rename one of them: a graph is named after its file",
            )
        seen[name] = path
        sources.append(RdfSource(path, name))
    if not seen:
        raise InputError(f"no RDF files under {data_dir}", file=str(data_dir), hint="set CYPKG_DATA_DIR")
    return sources


def build_store(
    store: Store,
    sources: list[RdfSource],
    *,
    on_file: Callable[[RdfSource], None] | None = None,
    keep: Iterable[str] = (),
) -> LoadSummary:
    """Replace the store's content with these sources, all or nothing, carrying the `keep` graphs over.

    Kept graphs (imports: see `imported_graphs`) are copied out of the store first and loaded in the
    same all-or-nothing build as the sources, their inferences computed again, so an interrupted
    build loses neither them nor the old store.
    """
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cypkg-keep-") as folder:
        kept = []
        for i, name in enumerate(keep):
            path = Path(folder) / f"{i}.nt"
            store.graph(name).serialize(path, format="nt", encoding="utf-8")
            kept.append(RdfSource(path, name))
        triples = store.load_sources(sources + kept, progress=on_file)
    return LoadSummary(
        files=len(sources) + len(kept),
        graphs=len({s.graph for s in sources + kept}),
        triples=triples,
        seconds=time.perf_counter() - started,
    )


def imported_graphs(store: Store, sources: list[RdfSource]) -> list[str]:
    """The store's graphs that no source builds (imported workbooks, committee-system ranges, files
    added with `cypkg load FILE`), by name; not their `…/inferred` graphs, which go with them."""
    built = {str(graph_node(s.graph).value) for s in sources}
    present = set(store.graphs())
    names = []
    for iri in sorted(present - built):
        if iri.endswith("/inferred") and iri.removesuffix("/inferred") in present | built:
            continue
        names.append(iri.removeprefix(str(GRAPH)))
    return names


def open_store(*, read_only: bool = False) -> Store:
    """The configured store: embedded on disk by default, or the remote endpoint."""
    settings = get_settings()
    if settings.backend == "remote":
        from kg.store.remote import RemoteStore

        return RemoteStore.from_settings(settings)
    return OxigraphStore(settings.store_dir, read_only=read_only)


def memory_store(data_dir: Path | None = None) -> OxigraphStore:
    """An in-memory store built from data/ (tests, one-off validation)."""
    store = OxigraphStore()
    build_store(store, data_sources(data_dir))
    return store


def ensure_built(store: Store) -> LoadSummary | None:
    """Build the store from data/ when it is empty (first start); otherwise leave it."""
    if store.count() > 0:
        return None
    return build_store(store, data_sources())
