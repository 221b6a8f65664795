"""Opening the store for a command: reads read the latest snapshot (so they work beside any writer),
writes take the store's write lock, or, while a service's writer holds it, go through that writer
(one graph at a time; a whole rebuild is refused, naming the service); a missing store is built
once, with progress, rather than silently."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console

from kg.config import get_settings
from kg.errors import StoreError, StoreInUse

if TYPE_CHECKING:  # the store's modules are imported by the commands that open one, not by every command
    from kg.store.build import LoadSummary
    from kg.store.protocol import Store
    from kg.store.rdf_io import RdfSource

err = Console(stderr=True, soft_wrap=True)
_opened: list[Store] = []


def _tracked(store: Store) -> Store:
    _opened.append(store)
    return store


def close_all() -> None:
    """Close every store a command opened (the command group calls this when a command ends),
    so its locks are let go even when the CLI runs in-process, as in tests."""
    while _opened:
        _opened.pop().close()


_ANY_QUAD = "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def is_empty(store: Store) -> bool:
    """Whether the store holds nothing (one quad looked at, not all counted)."""
    return not store.ask(_ANY_QUAD)


def reading_store() -> Store:
    """The store for a command that only reads: on disk, its latest snapshot (never the store a writer
    has open); built first, with progress, if there is none yet."""
    from kg.store.build import open_store

    settings = get_settings()
    if settings.backend == "embedded":
        try:
            store = open_store(read_only=True)
        except StoreError:  # no snapshot: no store yet (or one from before snapshots)
            store = None
        if store is not None and not is_empty(store):
            return _tracked(store)
        if store is not None:
            store.close()
        writer = open_store()  # says who holds the store, if someone does; publishes a snapshot
        if is_empty(writer):
            _build_first(writer)
        else:
            writer.close()
        return _tracked(open_store(read_only=True))
    store = _tracked(open_store(read_only=True))
    if is_empty(store):
        err.print("the remote store is empty: building it from data/ first (`cypkg load` rebuilds it)")
        err.print(describe(build_with_progress(store)))
    return store


def writing_store(*, rebuild: bool = False) -> Store:
    """The store for a command that writes: held under the store's write lock by this command.

    While a running service's writer holds the store, a command that changes single graphs gets a
    store whose writes go through that writer (`ThroughWriter`); one that replaces the whole store
    (`rebuild`: load, restore) is refused with a StoreInUse naming the service and how to stop it,
    as is any write while another command holds the store.
    """
    from kg.store.build import open_store

    settings = get_settings()
    try:
        return _tracked(open_store())
    except StoreInUse as exc:
        if rebuild or not exc.holder.get("writer"):
            raise
    from kg.validation.writer import ThroughWriter

    return _tracked(ThroughWriter(settings.store_dir))


def _build_first(store: Store) -> None:
    """Build a store that does not exist yet, saying so (it takes a while) and showing progress."""
    err.print(
        f"no store yet at {get_settings().store_dir}: building it from data/ first (once; `cypkg load` rebuilds it)"
    )
    try:
        err.print(describe(build_with_progress(store)))
    finally:
        store.close()


def build_with_progress(store: Store, keep: list[str] | None = None) -> LoadSummary:
    """Rebuild the store from data/ with a progress bar on stderr, carrying the `keep` graphs over."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.store.build import build_store, data_sources

    sources = data_sources()
    with Progress(
        TextColumn("[bold]loading[/] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("data/", total=len(sources))

        def step(src: RdfSource) -> None:
            progress.update(task, advance=1, description=src.path.name)

        return build_store(store, sources, on_file=step, keep=keep or [])


def describe(summary: LoadSummary) -> str:
    """What a build loaded and how fast, in one line."""
    return (
        f"loaded {summary.triples:,} triples in {summary.graphs} graphs from {summary.files} files "
        f"in {summary.seconds:.1f} s ({summary.triples_per_second:,.0f} triples/s)"
    )
