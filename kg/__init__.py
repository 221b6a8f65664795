"""cypkg: a knowledge graph of Children and Young People's Plans.

The names below are the library's front door for notebooks and other council systems; each is
imported on first use, so `import kg` stays quick for the command line. No export shares a
name with a submodule (importing `kg.validation.shapes` would otherwise replace a `kg.validation.shapes` function).

    import kg
    store = kg.memory_store()                       # everything in data/, in memory
    kg.run_query(store, "partners_by_priority", {"plan": "medway-cypp-2019-2024"})
    kg.validate_whole_store(store).conforms
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import Any as _Any

__all__ = [
    "CypkgError",
    "OxigraphStore",
    "RemoteStore",
    "build_store",
    "data_sources",
    "memory_store",
    "open_store",
    "run_checks",
    "run_query",
    "validate_graph",
    "validate_whole_store",
]

_HOMES = {
    "CypkgError": ("kg.errors", "CypkgError"),
    "OxigraphStore": ("kg.store.embedded", "OxigraphStore"),
    "RemoteStore": ("kg.store.remote", "RemoteStore"),
    "build_store": ("kg.store.build", "build_store"),
    "data_sources": ("kg.store.build", "data_sources"),
    "memory_store": ("kg.store.build", "memory_store"),
    "open_store": ("kg.store.build", "open_store"),
    "run_checks": ("kg.validation.checks", "run_checks"),
    "run_query": ("kg.queries", "run"),
    "validate_graph": ("kg.validation.shapes", "validate"),
    "validate_whole_store": ("kg.validation.whole_store", "validate_store"),
}


def __getattr__(name: str) -> _Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    module, attribute = _HOMES[name]
    value = getattr(_import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
